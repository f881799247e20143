//! Runs the in-kernel test suite and reports each kernel test to `cargo test`.
//!
//! One boot with the command line `ktest` runs every kernel test (a boot
//! costs seconds, so tests share it). The kernel prints one `ktest: result`
//! line per test, which becomes one trial here, so `cargo test` lists kernel
//! tests like host tests. The extra trial `kernel_test_run_completed` fails
//! when the run as a whole went wrong: QEMU would not boot, the kernel
//! panicked, hung, reported no tests, never printed `ktest: done`, or exited
//! with a status its results do not explain (anything but success when all
//! passed, anything but failure when one failed). `--list` boots too, since
//! only the kernel knows its tests.

use std::time::Duration;

use barodia_tests::serial::{TAIL_LINES, tail_lines};
use barodia_tests::{KtestReport, Vm, VmConfig, VmExit};
use libtest_mimic::{Arguments, Failed, Trial};

/// The watchdog's budget for the whole run.
const WATCHDOG: Duration = Duration::from_secs(180);
/// How long to wait for the kernel to exit; shorter than the watchdog so the
/// harness reports the timeout itself, with the serial output.
const RUN_TIMEOUT: Duration = Duration::from_secs(150);
/// Name of the trial that checks the run as a whole.
const RUN_TRIAL: &str = "kernel_test_run_completed";

/// What one kernel test run produced.
struct KernelRun {
    report: KtestReport,
    /// `Err` explains why the run as a whole failed.
    verdict: Result<(), String>,
}

fn main() {
    let args = Arguments::from_args();
    let run = run_kernel_tests();
    let mut trials: Vec<Trial> = run
        .report
        .results
        .iter()
        .map(|result| {
            let outcome = result.outcome.clone();
            Trial::test(result.name.clone(), move || outcome.map_err(Failed::from))
        })
        .collect();
    let verdict = run.verdict;
    trials.push(Trial::test(RUN_TRIAL, move || {
        verdict.map_err(Failed::from)
    }));
    libtest_mimic::run(&args, trials).exit();
}

/// Boots with `ktest`, waits for the kernel to exit and judges the run.
fn run_kernel_tests() -> KernelRun {
    let config = VmConfig::default()
        .name("ktest")
        .cmdline("ktest")
        .timeout(WATCHDOG);
    let mut vm = match Vm::boot(config) {
        Ok(vm) => vm,
        Err(error) => {
            return KernelRun {
                report: KtestReport::default(),
                verdict: Err(error.to_string()),
            };
        }
    };
    let exit = vm.wait_exit(RUN_TIMEOUT);
    let serial = vm.serial_text();
    let report = KtestReport::parse(&serial);
    let mut problems = Vec::new();
    // A harness error already carries the serial tail; other problems get it
    // appended below.
    let mut needs_tail = true;
    match exit {
        Ok(exit) if exit == expected_exit(&report) => {}
        Ok(exit) => problems.push(format!("QEMU ended unexpectedly: {exit}")),
        Err(error) => {
            problems.push(error.to_string());
            needs_tail = false;
        }
    }
    if let Err(incomplete) = report.completeness() {
        problems.push(incomplete);
    }
    if problems.is_empty() {
        return KernelRun {
            report,
            verdict: Ok(()),
        };
    }
    if needs_tail {
        let tail = tail_lines(&serial, TAIL_LINES);
        let log = vm.log_path();
        problems.push(format!(
            "full serial log: {}\n--- last serial lines ---\n{tail}",
            log.display()
        ));
    }
    KernelRun {
        report,
        verdict: Err(problems.join("\n")),
    }
}

/// The exit the kernel owes us: failure exactly when a test failed. A
/// failure exit that the results explain fails only those tests' trials.
fn expected_exit(report: &KtestReport) -> VmExit {
    if report.passed() == report.results.len() {
        VmExit::Success
    } else {
        VmExit::Failure
    }
}
