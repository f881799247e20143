//! Exit statuses: how a process ended, as `ProcessWait` and exit
//! notifications report it.
//!
//! A status is one `u64`. Most are the code the program passed to
//! `ProcessExit`; the top 257 values are reserved for the kernel:
//!
//! | status | meaning |
//! |---|---|
//! | `0 ..` [`EXIT_FAULT_BASE`] | the program exited with that code |
//! | [`EXIT_FAULT_BASE`] `+ vector` | a CPU exception (`vector` 0 to 255) ended it |
//! | [`EXIT_KILLED`] (`u64::MAX`) | another process ended it (`ProcessKill`) |
//!
//! [`ExitReason`] decodes a status. The kernel does not stop a program from
//! exiting with a reserved code itself, so a status is the program's word
//! unless the kernel ended it: a report, not proof.

use core::fmt;

/// The status of a process that another process killed (`ProcessKill`).
pub const EXIT_KILLED: u64 = u64::MAX;

/// The status of a process that CPU exception 0 ended; exception `vector`
/// gives `EXIT_FAULT_BASE + vector`, up to `u64::MAX - 1`.
pub const EXIT_FAULT_BASE: u64 = u64::MAX - 256;

/// How a process ended, decoded from its exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitReason {
    /// It called `ProcessExit` with this code (below [`EXIT_FAULT_BASE`]).
    Exited(u64),
    /// Another process killed it.
    Killed,
    /// A CPU exception in its code ended it.
    Fault {
        /// The exception's vector (14 for a page fault); see
        /// [`exception_name`].
        vector: u8,
    },
}

impl ExitReason {
    /// Decodes an exit status.
    pub const fn from_status(status: u64) -> ExitReason {
        if status == EXIT_KILLED {
            ExitReason::Killed
        } else if status >= EXIT_FAULT_BASE {
            // At most 255 above the base: the status is below u64::MAX.
            ExitReason::Fault { vector: (status - EXIT_FAULT_BASE) as u8 }
        } else {
            ExitReason::Exited(status)
        }
    }

    /// The exit status that reports this reason. An `Exited` code in the
    /// reserved range is not encodable: it comes back as that raw status.
    pub const fn status(self) -> u64 {
        match self {
            ExitReason::Exited(code) => code,
            ExitReason::Killed => EXIT_KILLED,
            ExitReason::Fault { vector } => EXIT_FAULT_BASE + vector as u64,
        }
    }

    /// Whether the process ended by itself with code 0.
    pub const fn is_success(self) -> bool {
        matches!(self, ExitReason::Exited(0))
    }
}

impl From<u64> for ExitReason {
    fn from(status: u64) -> ExitReason {
        ExitReason::from_status(status)
    }
}

/// Reads `exit status 3`, `killed`, `crashed: page fault` or, for a vector
/// without a name, `crashed: CPU exception 27`.
impl fmt::Display for ExitReason {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ExitReason::Exited(code) => write!(formatter, "exit status {code}"),
            ExitReason::Killed => formatter.write_str("killed"),
            ExitReason::Fault { vector } => match exception_name(vector) {
                Some(name) => write!(formatter, "crashed: {name}"),
                None => write!(formatter, "crashed: CPU exception {vector}"),
            },
        }
    }
}

/// The name of x86_64 exception `vector` (Intel SDM vol. 3, table 6-1), or
/// `None` for a reserved vector or an interrupt.
pub const fn exception_name(vector: u8) -> Option<&'static str> {
    Some(match vector {
        0 => "divide error",
        1 => "debug exception",
        2 => "non-maskable interrupt",
        3 => "breakpoint",
        4 => "overflow",
        5 => "bound range exceeded",
        6 => "invalid opcode",
        // The kernel leaves the FPU and SSE off for user programs.
        7 => "FPU/SSE use (not available to user programs)",
        8 => "double fault",
        9 => "coprocessor segment overrun",
        10 => "invalid TSS",
        11 => "segment not present",
        12 => "stack-segment fault",
        13 => "general protection fault",
        14 => "page fault",
        16 => "x87 floating-point exception",
        17 => "alignment check",
        18 => "machine check",
        19 => "SIMD floating-point exception",
        20 => "virtualization exception",
        21 => "control protection exception",
        28 => "hypervisor injection exception",
        29 => "VMM communication exception",
        30 => "security exception",
        _ => return None,
    })
}

/// Vectors of the exceptions the kernel names in its log and reports.
pub mod vector {
    /// `#DE`: integer division by zero or overflow.
    pub const DIVIDE_ERROR: u8 = 0;
    /// `#DB`.
    pub const DEBUG: u8 = 1;
    /// NMI.
    pub const NON_MASKABLE_INTERRUPT: u8 = 2;
    /// `#BP`: `int3`.
    pub const BREAKPOINT: u8 = 3;
    /// `#OF`: `into` with the overflow flag set.
    pub const OVERFLOW: u8 = 4;
    /// `#BR`: `bound` out of range.
    pub const BOUND_RANGE_EXCEEDED: u8 = 5;
    /// `#UD`: an undefined instruction (`ud2`).
    pub const INVALID_OPCODE: u8 = 6;
    /// `#NM`: an FPU or SSE instruction while they are off.
    pub const DEVICE_NOT_AVAILABLE: u8 = 7;
    /// `#TS`.
    pub const INVALID_TSS: u8 = 10;
    /// `#NP`.
    pub const SEGMENT_NOT_PRESENT: u8 = 11;
    /// `#SS`.
    pub const STACK_SEGMENT_FAULT: u8 = 12;
    /// `#GP`: a privileged instruction, a port without I/O privilege, a
    /// non-canonical address.
    pub const GENERAL_PROTECTION_FAULT: u8 = 13;
    /// `#PF`: an access the address space does not allow.
    pub const PAGE_FAULT: u8 = 14;
    /// `#MF`.
    pub const X87_FLOATING_POINT: u8 = 16;
    /// `#AC`.
    pub const ALIGNMENT_CHECK: u8 = 17;
    /// `#XM`.
    pub const SIMD_FLOATING_POINT: u8 = 19;
    /// `#VE`.
    pub const VIRTUALIZATION: u8 = 20;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_codes_are_exits() {
        for code in [0, 1, 101, 0xFFFF_FFFF, EXIT_FAULT_BASE - 1] {
            assert_eq!(ExitReason::from_status(code), ExitReason::Exited(code));
            assert_eq!(ExitReason::from_status(code).status(), code);
        }
    }

    #[test]
    fn the_top_status_is_a_kill() {
        assert_eq!(ExitReason::from_status(u64::MAX), ExitReason::Killed);
        assert_eq!(ExitReason::Killed.status(), EXIT_KILLED);
    }

    #[test]
    fn every_vector_round_trips_below_the_kill_status() {
        for vector in 0..=u8::MAX {
            let status = ExitReason::Fault { vector }.status();
            assert!((EXIT_FAULT_BASE..EXIT_KILLED).contains(&status));
            assert_eq!(ExitReason::from(status), ExitReason::Fault { vector });
        }
        assert_eq!(ExitReason::Fault { vector: u8::MAX }.status(), u64::MAX - 1);
        assert_eq!(ExitReason::Fault { vector: 0 }.status(), EXIT_FAULT_BASE);
    }

    #[test]
    fn display_names_the_fault() {
        let shown = |status: u64| format!("{}", ExitReason::from_status(status));
        assert_eq!(shown(3), "exit status 3");
        assert_eq!(shown(EXIT_KILLED), "killed");
        assert_eq!(shown(EXIT_FAULT_BASE + 14), "crashed: page fault");
        assert_eq!(shown(EXIT_FAULT_BASE + 13), "crashed: general protection fault");
        assert_eq!(shown(EXIT_FAULT_BASE + 6), "crashed: invalid opcode");
        assert_eq!(shown(EXIT_FAULT_BASE), "crashed: divide error");
        assert_eq!(shown(EXIT_FAULT_BASE + 27), "crashed: CPU exception 27");
    }

    #[test]
    fn named_vectors_have_names() {
        for vector in [
            vector::DIVIDE_ERROR,
            vector::DEBUG,
            vector::NON_MASKABLE_INTERRUPT,
            vector::BREAKPOINT,
            vector::OVERFLOW,
            vector::BOUND_RANGE_EXCEEDED,
            vector::INVALID_OPCODE,
            vector::DEVICE_NOT_AVAILABLE,
            vector::INVALID_TSS,
            vector::SEGMENT_NOT_PRESENT,
            vector::STACK_SEGMENT_FAULT,
            vector::GENERAL_PROTECTION_FAULT,
            vector::PAGE_FAULT,
            vector::X87_FLOATING_POINT,
            vector::ALIGNMENT_CHECK,
            vector::SIMD_FLOATING_POINT,
            vector::VIRTUALIZATION,
        ] {
            assert!(exception_name(vector).is_some(), "vector {vector}");
        }
        assert_eq!(exception_name(15), None);
        assert_eq!(exception_name(32), None);
    }

    #[test]
    fn only_exit_zero_is_success() {
        assert!(ExitReason::Exited(0).is_success());
        assert!(!ExitReason::Exited(1).is_success());
        assert!(!ExitReason::Killed.is_success());
        assert!(!ExitReason::Fault { vector: 14 }.is_success());
    }
}
