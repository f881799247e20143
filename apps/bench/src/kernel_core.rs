//! Benchmarks of the kernel core: syscalls, scheduling, memory, processes.

use alloc::format;
use alloc::vec::Vec;
use core::hint::black_box;
use core::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use libipc::sys;
use libipc::time::cycles;
use libipc::{println, thread};

use crate::benchmarks::{Figure, Outcome};
use crate::measure::{Meter, Summary};

// NOTE: the benchmarks share statics between threads with `Relaxed` atomics.
// Barodia runs on one CPU, and the syscalls between a store and the other
// thread's load are compiler barriers (`asm!` without `nomem`), so nothing
// stronger is needed, and a stronger ordering would add instructions to
// what is measured.

/// The boot figures, stamped at the start of `main`.
#[derive(Debug)]
pub struct BootStamp {
    /// `cycles()` then: instructions since the machine's reset.
    cycles: u64,
    /// `time::now()` then: nanoseconds since the kernel's time zero.
    nanoseconds: u128,
}

impl BootStamp {
    /// Stamps now; call first thing in `main`.
    pub fn take() -> Self {
        let cycles = cycles();
        let nanoseconds = libipc::time::now().as_nanos();
        Self { cycles, nanoseconds }
    }

    /// Prints the two boot rows.
    ///
    /// The kernel's time zero is the TSC it reads in `time::init`, just before
    /// it calibrates the TSC against the PIT; `now()` turns TSC ticks since
    /// then into nanoseconds with that calibration. The calibration is not
    /// exact, so instead of trusting it this converts back with the ratio of
    /// TSC ticks to nanoseconds measured over everything since the stamp
    /// (call it last, after the other benchmarks, so that span is long).
    pub fn report(&self) {
        println!("bench: reset_to_first_user_instruction median={} iterations=1", self.cycles);
        let later = Self::take();
        let ticks = u128::from(later.cycles.saturating_sub(self.cycles));
        let nanoseconds = later.nanoseconds.saturating_sub(self.nanoseconds);
        match (self.nanoseconds * ticks).checked_div(nanoseconds) {
            Some(since_time_zero) => println!(
                "bench: boot_to_first_user_instruction median={since_time_zero} iterations=1 kernel_nanoseconds={}",
                self.nanoseconds
            ),
            None => println!("bench: boot_to_first_user_instruction failed: no time passed since the stamp"),
        }
    }
}

/// `sys::nop()`: into the kernel and straight back, through libipc.
pub fn null_syscall(meter: &Meter) -> Outcome {
    Ok(meter.each(10_000, |_| sys::nop()).into())
}

/// One `sys::yield_now()` that switches to the other ready thread: from just
/// before one thread's yield to just after the other's yield returns.
pub fn yield_to_ready_thread(meter: &Meter) -> Outcome {
    const SWITCHES: usize = 10_000;
    const MAIN: u64 = 1;
    const PARTNER: u64 = 2;
    /// Who yielded last, and when.
    static YIELDER: AtomicU64 = AtomicU64::new(0);
    static STAMP: AtomicU64 = AtomicU64::new(0);
    static STOP: AtomicBool = AtomicBool::new(false);

    STOP.store(false, Ordering::Relaxed);
    let partner = thread::spawn(|| {
        while !STOP.load(Ordering::Relaxed) {
            YIELDER.store(PARTNER, Ordering::Relaxed);
            STAMP.store(cycles(), Ordering::Relaxed);
            sys::yield_now();
        }
        0
    })
    .map_err(|error| format!("spawning the partner thread: {error}"))?;
    let mut samples = Vec::with_capacity(SWITCHES);
    // Only a return from the partner's yield is a sample; a yield that comes
    // back to this thread (the partner not yet ready) is not.
    for _ in 0..SWITCHES * 2 {
        YIELDER.store(MAIN, Ordering::Relaxed);
        sys::yield_now();
        let end = cycles();
        if YIELDER.load(Ordering::Relaxed) == PARTNER {
            samples.push(meter.between(STAMP.load(Ordering::Relaxed), end));
            if samples.len() == SWITCHES {
                break;
            }
        }
    }
    STOP.store(true, Ordering::Relaxed);
    partner.join().map_err(|error| format!("joining the partner thread: {error}"))?;
    if samples.len() < SWITCHES {
        return Err(format!("only {} of {} yields switched threads", samples.len(), SWITCHES * 2));
    }
    Ok(Summary::of(samples).into())
}

/// From just before `thread::spawn` to the first statement of the new
/// thread's closure. The spawning thread then joins it.
pub fn thread_spawn_to_first_instruction(meter: &Meter) -> Outcome {
    const THREADS: usize = 500;
    static STARTED_AT: AtomicU64 = AtomicU64::new(0);

    let mut samples = Vec::with_capacity(THREADS);
    for index in 0..THREADS {
        let start = cycles();
        let handle = thread::spawn(|| {
            STARTED_AT.store(cycles(), Ordering::Relaxed);
            0
        })
        .map_err(|error| format!("spawning thread {index}: {error}"))?;
        handle.join().map_err(|error| format!("joining thread {index}: {error}"))?;
        samples.push(meter.between(start, STARTED_AT.load(Ordering::Relaxed)));
    }
    Ok(Summary::of(samples).into())
}

/// `sys::spawn` of this program in its `exit` role, then `sys::wait` for it:
/// creating, loading, running, ending and reaping a process.
pub fn process_spawn_exit(meter: &Meter) -> Outcome {
    const PROCESSES: usize = 100;
    let program = libipc::env::args().next().unwrap_or("bin/bench");
    let mut failure = None;
    let summary = meter.each(PROCESSES, |index| {
        let status = sys::spawn(program, &[crate::EXIT_ROLE]).and_then(sys::wait);
        if status != Ok(0) && failure.is_none() {
            failure = Some(format!("child {index} of {program}: {status:?}"));
        }
    });
    match failure {
        Some(why) => Err(why),
        None => Ok(summary.into()),
    }
}

/// The first write to a fresh demand-zero heap page, less a write to a page
/// already mapped: the kernel's page-fault path, a zeroed frame, its mapping.
///
/// Apps have no raw memory, so the pages come from a heap allocation bigger
/// than the heap's free space: the runtime maps a new region for it, and its
/// page-aligned pages past the first are untouched (the allocator writes its
/// bookkeeping only at the edges). `spare_capacity_mut` lets safe code write
/// single bytes there without first filling the buffer.
pub fn demand_zero_page_fault(meter: &Meter) -> Outcome {
    const PAGE: usize = 4096;
    const PAGES: usize = 256;
    let mut buffer: Vec<u8> = Vec::new();
    buffer.try_reserve_exact((PAGES + 2) * PAGE).map_err(|error| format!("reserving {} pages: {error}", PAGES + 2))?;
    // The buffer escapes, so the compiler keeps every write to it.
    let spare = black_box(buffer.spare_capacity_mut());
    let first_page = spare.as_ptr().addr().next_multiple_of(PAGE) - spare.as_ptr().addr();
    let mut touch = |index: usize, value: u8| {
        if let Some(byte) = spare.get_mut(first_page + index * PAGE) {
            byte.write(value);
        }
    };
    let first_touch = meter.each(PAGES, |index| touch(index, 1));
    let touch_again = meter.each(PAGES, |index| touch(index, 2));
    black_box(spare);
    let fault = Summary {
        median: first_touch.median.saturating_sub(touch_again.median),
        min: first_touch.min.saturating_sub(touch_again.median),
        max: first_touch.max.saturating_sub(touch_again.median),
        iterations: first_touch.iterations,
    };
    let extra = format!("first_touch={} mapped_touch={}", first_touch.median, touch_again.median);
    Ok(Figure { summary: fault, extra })
}
