//! Microbenchmarks of the kernel, counted in guest instructions.
//!
//! `just bench` boots with `init=bin/bench` under `qemu -icount shift=0`,
//! where `rdtsc` (`libipc::time::cycles`) advances by exactly one per guest
//! instruction (docs/toolchain.md), so every figure is an instruction count
//! that is the same on every run and every machine. Each benchmark prints one
//! line to the kernel log, `bench: NAME median=N ... iterations=N`, or
//! `bench: NAME failed: WHY`; `bench: done` ends the run. The host side
//! (`tests/src/bin/bench.rs`, `tests/src/bench/`) parses the lines and compares them with the
//! goals; docs/bench.md says what each row measures.
//!
//! `bench NAME` runs only the benchmarks whose name contains `NAME` (the
//! boot rows always print). Two roles serve as child processes: `bench exit`
//! ends at once (process spawn+exit), `bench serve` is the IPC echo server,
//! `bench serve-messages` the server of handle, lease and grant calls,
//! `bench serve-loans` the server of loans.
#![no_std]
#![no_main]
#![forbid(unsafe_code)]

extern crate alloc;

mod benchmarks;
mod ipc;
mod kernel_core;
mod loans;
mod measure;
mod messages;

use libipc::println;

use measure::Meter;

libipc::entry!(main);

/// The role argument that makes this program exit at once.
const EXIT_ROLE: &str = "exit";

fn main() {
    // First, before anything else costs instructions: the boot figures.
    let boot = kernel_core::BootStamp::take();
    let filter = libipc::env::args().nth(1);
    match filter {
        Some(EXIT_ROLE) => return,
        Some(ipc::SERVE_ROLE) => return ipc::serve(),
        Some(messages::SERVE_ROLE) => return messages::serve(),
        Some(loans::SERVE_ROLE) => return loans::serve(),
        _ => {}
    }
    let meter = Meter::calibrate();
    println!("bench: begin tick_hz={}", libipc::time::ticks().1);
    println!("bench: empty_measurement median={} iterations={}", meter.overhead(), measure::CALIBRATION_ITERATIONS);
    let mut failures = 0;
    for benchmark in benchmarks::ALL.iter().filter(|benchmark| filter.is_none_or(|part| benchmark.name.contains(part)))
    {
        if !benchmark.run_and_report(&meter) {
            failures += 1;
        }
    }
    // Last: it converts with the TSC rate measured over all of the above.
    boot.report();
    println!("bench: done failures={failures}");
    if failures != 0 {
        libipc::sys::exit(1);
    }
}
