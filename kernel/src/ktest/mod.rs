//! The in-kernel test runner (kernel test mode).
//!
//! Some things can only be tested inside the booted kernel: port I/O, the VGA
//! screen, fw_cfg, and later page tables and context switches. Each module that
//! has such tests exports `pub const TESTS: &[KernelTest]`, and [`registry`]
//! lists them all. With the command line `ktest` the kernel runs them after boot,
//! reports each on serial, and exits QEMU through `isa-debug-exit`. The host
//! side (`tests/tests/kernel.rs`) turns those lines into ordinary `cargo test`
//! results, so the serial protocol below is an interface; change both together:
//!
//! ```text
//! ktest: start <count>
//! ktest: result <name> ok
//! ktest: result <name> FAILED <message> (<file>:<line>)
//! ktest: done passed=<p> failed=<f>
//! ```
//!
//! Tests return `Result` through [`kassert!`](crate::kassert) and
//! [`kassert_eq!`](crate::kassert_eq) rather than panicking, so one failure does
//! not hide the results of the tests after it. A panic still ends the run: the
//! panic handler reports it and exits with the failure code.

mod failure;
mod registry;

pub use failure::Failure;

use crate::arch::qemu_exit::{ExitCode, exit_qemu};
use crate::kprintln;

/// One kernel test: a name (`module::behaviour`) and its body.
pub struct KernelTest {
    /// Unique name, reported on serial and shown by `cargo test`.
    pub name: &'static str,
    /// The test body; `Err` describes the first failed check.
    pub run: fn() -> Result<(), Failure>,
}

/// Runs every registered test whose name contains `filter` (all if empty),
/// reports the results and exits QEMU with the overall outcome.
pub fn run_and_exit(filter: &str) -> ! {
    let selected = || registry::all().filter(|test| test.name.contains(filter));
    kprintln!("ktest: start {}", selected().count());
    let (mut passed, mut failed) = (0usize, 0usize);
    for test in selected() {
        match (test.run)() {
            Ok(()) => {
                passed += 1;
                kprintln!("ktest: result {} ok", test.name);
            }
            Err(failure) => {
                failed += 1;
                kprintln!("ktest: result {} FAILED {}", test.name, failure);
            }
        }
    }
    kprintln!("ktest: done passed={passed} failed={failed}");
    exit_qemu(if failed == 0 { ExitCode::Success } else { ExitCode::Failure })
}

/// Fails the current kernel test unless `condition` holds.
#[macro_export]
macro_rules! kassert {
    ($condition:expr) => {
        if !$condition {
            return Err($crate::ktest::Failure::new(
                format_args!("assertion failed: {}", stringify!($condition)),
                core::panic::Location::caller(),
            ));
        }
    };
    ($condition:expr, $($message:tt)+) => {
        if !$condition {
            return Err($crate::ktest::Failure::new(
                format_args!($($message)+),
                core::panic::Location::caller(),
            ));
        }
    };
}

/// Fails the current kernel test unless both values are equal.
#[macro_export]
macro_rules! kassert_eq {
    ($left:expr, $right:expr) => {
        match (&$left, &$right) {
            (left, right) => {
                if left != right {
                    return Err($crate::ktest::Failure::new(
                        format_args!(
                            "{} == {} failed: {:?} != {:?}",
                            stringify!($left),
                            stringify!($right),
                            left,
                            right
                        ),
                        core::panic::Location::caller(),
                    ));
                }
            }
        }
    };
}
