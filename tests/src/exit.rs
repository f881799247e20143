//! Turns QEMU's exit status into a test outcome.
//!
//! The kernel ends a run by writing a value `v` to the `isa-debug-exit`
//! device at port 0xF4, and QEMU then exits with status `(v << 1) | 1`. The
//! kernel writes 0x10 for success and 0x11 for failure (see
//! `kernel/src/arch/qemu_exit.rs`), so QEMU exits with 33 or 35.

use std::fmt;

/// Value the kernel writes to the debug-exit port when every test passed.
pub const SUCCESS_VALUE: i32 = 0x10;
/// Value the kernel writes to the debug-exit port on failure or panic.
pub const FAILURE_VALUE: i32 = 0x11;

/// How a QEMU run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VmExit {
    /// The kernel reported success through `isa-debug-exit` (status 33).
    Success,
    /// The kernel reported failure through `isa-debug-exit` (status 35).
    Failure,
    /// QEMU exited with another status: 0 for a guest reset or shutdown
    /// under `-no-reboot`, 1 for a QEMU error, or another debug-exit value.
    Other(i32),
    /// QEMU was killed by a signal: the harness's watchdog or its `Drop`.
    Killed,
}

/// The exit status QEMU uses when the guest writes `value` to the port.
pub const fn debug_exit_status(value: i32) -> i32 {
    (value << 1) | 1
}

impl VmExit {
    /// Maps a process exit code (`None` when a signal ended QEMU).
    pub fn from_code(code: Option<i32>) -> Self {
        match code {
            None => Self::Killed,
            Some(code) if code == debug_exit_status(SUCCESS_VALUE) => Self::Success,
            Some(code) if code == debug_exit_status(FAILURE_VALUE) => Self::Failure,
            Some(code) => Self::Other(code),
        }
    }
}

impl fmt::Display for VmExit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Success => write!(f, "kernel reported success (status 33)"),
            Self::Failure => write!(f, "kernel reported failure (status 35)"),
            Self::Other(0) => write!(f, "status 0: guest reset or shut down"),
            Self::Other(code) if code % 2 == 1 && *code > 1 => {
                write!(f, "status {code}: debug-exit value {:#x}", code >> 1)
            }
            Self::Other(code) => write!(f, "status {code}"),
            Self::Killed => write!(f, "killed by a signal (watchdog or harness)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_exit_values_map_to_outcomes() {
        assert_eq!(debug_exit_status(0x10), 33);
        assert_eq!(debug_exit_status(0x11), 35);
        assert_eq!(VmExit::from_code(Some(33)), VmExit::Success);
        assert_eq!(VmExit::from_code(Some(35)), VmExit::Failure);
    }

    #[test]
    fn other_statuses_and_signals_are_kept_apart() {
        assert_eq!(VmExit::from_code(Some(0)), VmExit::Other(0));
        assert_eq!(VmExit::from_code(Some(1)), VmExit::Other(1));
        assert_eq!(VmExit::from_code(Some(3)), VmExit::Other(3));
        assert_eq!(VmExit::from_code(None), VmExit::Killed);
    }

    #[test]
    fn descriptions_name_the_debug_exit_value() {
        assert_eq!(
            VmExit::Other(3).to_string(),
            "status 3: debug-exit value 0x1"
        );
        assert_eq!(
            VmExit::Other(0).to_string(),
            "status 0: guest reset or shut down"
        );
    }
}
