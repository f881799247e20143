//! User-space tests of the kernel core, run as the first program by QEMU tests.
//!
//! `tests/tests/kernel_core.rs` boots with `init=bin/kernel-tests:SCENARIO`;
//! each scenario prints `utest: SCENARIO ok ...` or `utest: SCENARIO FAILED
//! ...` to the kernel log and exits 0 or 1. Helper roles (`fault NAME`,
//! `memory-hog`, `true`) are started by the scenarios as child processes.
#![no_std]
#![no_main]
#![forbid(unsafe_code)]

extern crate alloc;

mod badge_tests;
mod bootstrap_tests;
mod checks;
mod closed_tests;
mod console_tests;
mod device_tests;
mod echo_tests;
mod fs_tests;
mod fuzz;
mod ipc_tests;
mod loan_tests;
mod message_tests;
mod rights_matrix;
mod scenarios;
mod session_tests;
mod vfs_tests;

use libipc::diagnostics::{self, Fault};
use libipc::println;

libipc::entry!(main);

fn main() {
    let mut arguments = libipc::env::args().skip(1);
    let role = arguments.next().unwrap_or("all");
    let outcome = match role {
        "fault" => {
            let name = arguments.next().unwrap_or("");
            match Fault::from_name(name) {
                Some(fault) => diagnostics::provoke(fault),
                None => Err(alloc::format!("unknown fault {name:?}")),
            }
        }
        "memory-hog" => scenarios::memory_hog(),
        "ipc-server" => ipc_tests::server(),
        "call-then-die" => ipc_tests::call_then_die(),
        "message-server" => message_tests::server(),
        "loan-server" => loan_tests::server(),
        "loan-caller-dies" => loan_tests::caller_that_dies(),
        "bootstrap-check" => bootstrap_tests::check_grants(),
        "console-client" => console_tests::run(),
        "fs-client" => fs_tests::run(),
        "vfs-client" => vfs_tests::run(),
        "session-attack" => session_tests::run(),
        "fuzz-child" => {
            let count = arguments.next().and_then(|count| count.parse().ok()).unwrap_or(1000);
            let seed = arguments.next().and_then(|seed| seed.parse().ok()).unwrap_or(1);
            fuzz::child(count, seed)
        }
        "true" => Ok(alloc::string::String::new()),
        "spin" => loop {
            core::hint::spin_loop();
        },
        scenario => return run_scenario(scenario, arguments.next()),
    };
    if let Err(why) = outcome {
        println!("kernel-tests {role}: {why}");
        libipc::sys::exit(1);
    }
}

fn run_scenario(name: &str, count: Option<&str>) {
    let count = count.and_then(|count| count.parse().ok());
    let result = match name {
        "faults" => scenarios::faults(),
        "bad-calls" => scenarios::bad_calls(),
        "memory" => scenarios::memory(),
        "spawn" => scenarios::spawn_many(count.unwrap_or(1000)),
        "threads" => scenarios::threads(count.unwrap_or(50)),
        "ipc" => ipc_tests::calls(),
        "threads-then-spawn" => scenarios::threads_then_spawn(),
        "process-list" => scenarios::process_list(),
        "fuzz" => fuzz::fuzz(count.unwrap_or(100_000) as u64),
        "ipc-rights" => ipc_tests::rights(),
        "ipc-peer-gone" => ipc_tests::peer_gone(),
        "ipc-hostile-replies" => ipc_tests::hostile_replies(),
        "ipc-badges" => badge_tests::badges(),
        "ipc-closed" => closed_tests::closed(),
        "devices" => device_tests::driver(),
        "device-memory" => device_tests::device_memory(),
        "echo-service" => echo_tests::echo_service(),
        "rights-matrix" => rights_matrix::matrix(),
        "process-exits" => device_tests::process_exits(),
        "ipc-messages" => message_tests::messages(),
        "ipc-leases" => message_tests::leases(),
        "ipc-grants" => message_tests::grants(),
        "ipc-loans" => loan_tests::loans(),
        "all" => scenarios::all(),
        other => Err(alloc::format!("unknown scenario {other:?}")),
    };
    match result {
        Ok(detail) => println!("utest: {name} ok {detail}"),
        Err(why) => {
            println!("utest: {name} FAILED {why}");
            libipc::sys::exit(1);
        }
    }
}
