//! Time since boot, read from the kernel's timing page without a syscall.

use core::time::Duration;

use barodia_abi::{TIMING_PAGE_ADDRESS, TimingPage};

fn read_tsc() -> u64 {
    // SAFETY: `rdtsc` only reads a counter; user mode may execute it.
    unsafe { core::arch::x86_64::_rdtsc() }
}

fn timing_page() -> TimingPage {
    // SAFETY: the kernel maps a read-only `TimingPage` at this fixed address
    // in every process before its first instruction, and never unmaps it. A
    // volatile read, since the kernel updates `ticks` behind our back.
    unsafe { core::ptr::read_volatile(TIMING_PAGE_ADDRESS as *const TimingPage) }
}

/// The raw time-stamp counter, for benchmarks.
///
/// Under `qemu -icount shift=0` it counts guest instructions exactly (see
/// docs/toolchain.md), which is how `apps/bench` measures; elsewhere it counts
/// TSC ticks at `TimingPage::tsc_frequency_hz`.
#[inline]
pub fn cycles() -> u64 {
    read_tsc()
}

/// Time-stamp counter ticks since the kernel's time zero (its first
/// reading, taken early in boot). Under `qemu -icount shift=0` these are
/// the guest instructions run since then.
pub fn cycles_since_boot() -> u64 {
    read_tsc().saturating_sub(timing_page().boot_tsc)
}

/// Monotonic time since boot.
pub fn now() -> Duration {
    Duration::from_nanos(timing_page().nanoseconds_at(read_tsc()))
}

/// Timer ticks since boot, and ticks per second.
pub fn ticks() -> (u64, u64) {
    let page = timing_page();
    (page.ticks, page.tick_hz)
}

/// Blocks the calling thread for at least `duration`.
pub fn sleep(duration: Duration) {
    let nanoseconds = u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX);
    crate::sys::sleep_nanoseconds(nanoseconds);
}
