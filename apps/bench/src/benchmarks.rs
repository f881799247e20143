//! The list of benchmarks, and the one `bench:` line each prints.
//!
//! Adding a benchmark: write `fn(&Meter) -> Outcome` in a module (IPC ones in
//! `ipc` or `messages`), then name it in [`ALL`] with
//! [`Benchmark::measured`]; the host runner shows any name it
//! has no goal for, and docs/bench.md says what each row measures.

use alloc::string::String;

use libipc::println;

use crate::measure::{Meter, Summary};
use crate::{ipc, kernel_core, messages};

/// What a benchmark yields: its summary, or why it could not run.
pub type Outcome = Result<Figure, String>;

/// A benchmark's result: the summary and any extra `key=value` fields.
#[derive(Debug)]
pub struct Figure {
    /// The samples' summary; `median` is the reported figure.
    pub summary: Summary,
    /// More space-separated `key=value` fields for the log line, or empty.
    pub extra: String,
}

impl From<Summary> for Figure {
    fn from(summary: Summary) -> Self {
        Self { summary, extra: String::new() }
    }
}

/// One row of the benchmark table.
#[derive(Debug)]
pub struct Benchmark {
    /// The row's name on the log line and in `target/bench.json`.
    pub name: &'static str,
    /// The measurement.
    run: fn(&Meter) -> Outcome,
}

impl Benchmark {
    /// A benchmark that runs `run`.
    pub const fn measured(name: &'static str, run: fn(&Meter) -> Outcome) -> Self {
        Self { name, run }
    }

    /// Runs the benchmark and prints its line; false if it failed.
    pub fn run_and_report(&self, meter: &Meter) -> bool {
        match (self.run)(meter) {
            Ok(Figure { summary, extra }) if extra.is_empty() => println!("bench: {} {summary}", self.name),
            Ok(Figure { summary, extra }) => println!("bench: {} {summary} {extra}", self.name),
            Err(why) => {
                println!("bench: {} failed: {why}", self.name);
                return false;
            }
        }
        true
    }
}

/// Every benchmark, in the order they run. (Boot to the first user
/// instruction is stamped before any of these, in `main`.)
pub const ALL: &[Benchmark] = &[
    Benchmark::measured("null_syscall", kernel_core::null_syscall),
    Benchmark::measured("ipc_call_round_trip", ipc::call_round_trip),
    Benchmark::measured("rpc_call_round_trip", ipc::rpc_call_round_trip),
    Benchmark::measured("ipc_call_with_handle", messages::call_with_handle),
    Benchmark::measured("ipc_call_with_lease_4k", messages::call_with_lease_4k),
    Benchmark::measured("ipc_grant_1_page", messages::grant_1_page),
    Benchmark::measured("ipc_grant_16_pages", messages::grant_16_pages),
    Benchmark::measured("ipc_loan_1_page", crate::loans::loan_1_page),
    Benchmark::measured("ipc_loan_16_pages", crate::loans::loan_16_pages),
    Benchmark::measured("demand_zero_page_fault", kernel_core::demand_zero_page_fault),
    Benchmark::measured("yield_to_ready_thread", kernel_core::yield_to_ready_thread),
    Benchmark::measured("thread_spawn_to_first_instruction", kernel_core::thread_spawn_to_first_instruction),
    Benchmark::measured("process_spawn_exit", kernel_core::process_spawn_exit),
];
