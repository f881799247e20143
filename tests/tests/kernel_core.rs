//! The kernel core in the booted system: fault isolation, hostile syscalls,
//! memory exhaustion, many processes and many threads.
//!
//! Each test boots with `-m 64` (EuraliOS needs about 128 MiB) and runs one
//! scenario of `apps/kernel-tests` as the first program, which reports
//! `utest: NAME ok ...` or `utest: NAME FAILED ...` on the kernel log.

use barodia_tests::Vm;
use barodia_tests::scenario::run_user_scenario;

fn run_scenario(scenario: &str) -> Vm {
    run_user_scenario(scenario).unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn each_user_fault_kind_ends_only_its_process() {
    let vm = run_scenario("faults");
    let log = vm.serial_text();
    for (fault, report) in [
        ("null-read", "page fault (read at 0x0: nothing mapped there)"),
        ("write-code", "access not allowed"),
        ("execute-data", "page fault (execute at"),
        ("kernel-read", "read at 0xffffffff80000000"),
        ("invalid-opcode", "invalid opcode at rip"),
        ("divide-by-zero", "divide error at rip"),
        ("privileged", "general protection fault"),
        ("stack-overflow", "stack overflow into the guard page"),
        ("floating-point", "FPU/SSE use"),
        ("breakpoint", "breakpoint at rip"),
        ("port-input", "general protection fault (error code 0x0)"),
    ] {
        assert!(log.contains(&format!("utest: fault {fault} isolated")), "{fault} not isolated:\n{log}");
        assert!(log.contains(report), "no report containing {report:?} for {fault}:\n{log}");
    }
    assert_eq!(log.matches(") killed: ").count(), 11, "expected exactly one kill line per fault:\n{log}");
}

#[test]
fn hostile_syscall_arguments_get_errors() {
    run_scenario("bad-calls");
}

#[test]
fn exhausting_memory_is_an_error_and_every_frame_returns() {
    let vm = run_scenario("memory");
    assert!(vm.serial_text().contains("then OutOfMemory"), "memory-hog did not report its error");
}

#[test]
fn a_thousand_processes_leak_nothing() {
    run_scenario("spawn");
}

#[test]
fn fifty_threads_run_beside_a_spinning_one() {
    run_scenario("threads");
}

/// 100,000 random syscalls with random arguments from a child process: the
/// kernel survives, and afterwards every frame (less what the kernel heap
/// grew by), handle, process and thread is back to its count before.
#[test]
fn a_hundred_thousand_random_syscalls_leave_the_kernel_intact() {
    let vm = run_scenario("fuzz");
    assert!(vm.serial_text().contains("fuzz-child made 100000 calls"), "the fuzzer did not finish");
}

/// ProcessList reports a child with its parent and name, and forgets it once reaped.
#[test]
fn the_process_list_shows_children_with_their_parent() {
    run_scenario("process-list");
}

/// Regression test: kernel stacks freed by exiting threads and mapped again
/// for a new process must not leave stale TLB entries (the kernel half is
/// shared by every address space).
#[test]
fn threads_exiting_then_a_process_starting_keeps_the_kernel_alive() {
    run_scenario("threads-then-spawn");
}
