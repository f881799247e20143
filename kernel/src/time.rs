//! Time since boot, and the read-only timing page every process maps.
//!
//! The TSC is the clock: its frequency is measured against the PIT once at
//! boot, and QEMU's TSC runs at a constant rate. The same numbers go into the
//! timing page (`barodia_abi::TimingPage`), so user space computes the time
//! with `rdtsc` and no syscall.

use core::sync::atomic::{AtomicU64, Ordering};

use barodia_abi::TimingPage;
use spin::Once;
use x86_64::structures::paging::PhysFrame;

use crate::arch::{cpu, pit};
use crate::memory::{frames, physical};

static TSC_FREQUENCY_HZ: AtomicU64 = AtomicU64::new(0);
static BOOT_TSC: AtomicU64 = AtomicU64::new(0);
static TICKS: AtomicU64 = AtomicU64::new(0);
static TIMING_FRAME: Once<PhysFrame> = Once::new();

/// Byte offset of `ticks` in [`TimingPage`].
const TICKS_OFFSET: usize = core::mem::offset_of!(TimingPage, ticks);

/// Calibrates the TSC and fills the timing page. Call once, after the frame
/// pool exists.
pub fn init(tick_hz: u64) {
    BOOT_TSC.store(cpu::read_tsc(), Ordering::Relaxed);
    let frequency = pit::measure_tsc_frequency().max(1);
    TSC_FREQUENCY_HZ.store(frequency, Ordering::Relaxed);
    log::info!("TSC runs at {} MHz", frequency / 1_000_000);
    let Ok(frame) = frames::allocate_for_kernel() else { panic!("no frame for the timing page at boot") };
    let page = TimingPage {
        version: TimingPage::VERSION,
        tsc_frequency_hz: frequency,
        boot_tsc: BOOT_TSC.load(Ordering::Relaxed),
        ticks: 0,
        tick_hz,
    };
    // Field by field, no transmute; the ABI crate asserts the layout is
    // exactly these five u64 in this order.
    let fields = [page.version, page.tsc_frequency_hz, page.boot_tsc, page.ticks, page.tick_hz];
    for (index, value) in fields.iter().enumerate() {
        physical::write_frame(frame, index * 8, &value.to_le_bytes());
    }
    TIMING_FRAME.call_once(|| frame);
}

/// The frame holding the timing page, shared read-only by every process.
pub fn timing_frame() -> PhysFrame {
    match TIMING_FRAME.get() {
        Some(frame) => *frame,
        None => panic!("timing page used before time::init"),
    }
}

/// Nanoseconds since boot.
pub fn now_nanoseconds() -> u64 {
    let page = TimingPage {
        tsc_frequency_hz: TSC_FREQUENCY_HZ.load(Ordering::Relaxed),
        boot_tsc: BOOT_TSC.load(Ordering::Relaxed),
        ..TimingPage::default()
    };
    page.nanoseconds_at(cpu::read_tsc())
}

/// Called on every timer interrupt.
pub fn on_tick() {
    let ticks = TICKS.fetch_add(1, Ordering::Relaxed) + 1;
    if let Some(frame) = TIMING_FRAME.get() {
        physical::write_frame(*frame, TICKS_OFFSET, &ticks.to_le_bytes());
    }
}
