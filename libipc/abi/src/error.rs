//! Syscall error codes, returned in `rax` (0 means success).

use core::fmt;

/// Why a syscall failed. Each syscall's docs list the errors it can return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum SysError {
    /// The syscall number is not one the kernel knows.
    UnknownSyscall = 1,
    /// A pointer argument is outside user space, wraps around, or names
    /// memory the process has not mapped with the access the call needs.
    BadAddress = 2,
    /// An argument is out of range or inconsistent with the others.
    InvalidArgument = 3,
    /// Text that must be UTF-8 is not.
    InvalidUtf8 = 4,
    /// No physical memory or address space is left for the request.
    OutOfMemory = 5,
    /// The named thing (file, thread, child process) does not exist.
    NotFound = 6,
    /// The program file is not a valid executable for this system.
    BadExecutable = 7,
    /// A per-process or system-wide limit (threads, processes, handles) is
    /// reached.
    LimitReached = 8,
    /// The handle was never issued to this process (or is 0).
    InvalidHandle = 9,
    /// The handle was closed or moved away; its slot may hold something else.
    StaleHandle = 10,
    /// The handle names a kernel object of another type than the call needs.
    WrongType = 11,
    /// The handle lacks a right the call needs.
    MissingRights = 12,
    /// The other side is gone: the endpoint has no receiver left, or the
    /// server ended (or dropped the reply) before replying, or the caller
    /// being replied to has died.
    PeerGone = 13,
    /// A wait with a timeout ran out before anything arrived.
    TimedOut = 14,
    /// A message carries more than the receiver made room for: data longer
    /// than its buffer, or data, handles or a grant when it gave no buffer.
    TooLarge = 15,
    /// An offset, port or range lies outside what the capability covers: a
    /// lease access past its end, a port outside a port-range capability.
    OutOfRange = 16,
    /// The object is in use: a loan window that already holds a loan, or
    /// memory that is lent out for a call in progress.
    Busy = 17,
}

/// An error code the runtime does not know (a newer kernel, or a bug).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownError(pub u64);

impl SysError {
    /// A short description for messages.
    pub const fn description(self) -> &'static str {
        match self {
            SysError::UnknownSyscall => "unknown syscall",
            SysError::BadAddress => "bad address",
            SysError::InvalidArgument => "invalid argument",
            SysError::InvalidUtf8 => "invalid UTF-8",
            SysError::OutOfMemory => "out of memory",
            SysError::NotFound => "not found",
            SysError::BadExecutable => "bad executable",
            SysError::LimitReached => "limit reached",
            SysError::InvalidHandle => "invalid handle",
            SysError::StaleHandle => "stale handle",
            SysError::WrongType => "wrong object type",
            SysError::MissingRights => "missing rights",
            SysError::PeerGone => "peer gone",
            SysError::TimedOut => "timed out",
            SysError::TooLarge => "message too large for the receiver",
            SysError::OutOfRange => "out of the capability's range",
            SysError::Busy => "busy",
        }
    }
}

impl fmt::Display for SysError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.description())
    }
}

impl TryFrom<u64> for SysError {
    type Error = UnknownError;

    #[inline]
    fn try_from(code: u64) -> Result<Self, Self::Error> {
        Ok(match code {
            1 => SysError::UnknownSyscall,
            2 => SysError::BadAddress,
            3 => SysError::InvalidArgument,
            4 => SysError::InvalidUtf8,
            5 => SysError::OutOfMemory,
            6 => SysError::NotFound,
            7 => SysError::BadExecutable,
            8 => SysError::LimitReached,
            9 => SysError::InvalidHandle,
            10 => SysError::StaleHandle,
            11 => SysError::WrongType,
            12 => SysError::MissingRights,
            13 => SysError::PeerGone,
            14 => SysError::TimedOut,
            15 => SysError::TooLarge,
            16 => SysError::OutOfRange,
            17 => SysError::Busy,
            _ => return Err(UnknownError(code)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_zero_is_not_an_error() {
        assert_eq!(SysError::try_from(0), Err(UnknownError(0)));
        for code in 1..=17u64 {
            let error = SysError::try_from(code).unwrap();
            assert_eq!(error as u64, code);
            assert!(!error.description().is_empty());
        }
        assert_eq!(SysError::try_from(18), Err(UnknownError(18)));
    }
}
