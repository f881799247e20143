//! Syscall numbers, one documented variant per call.

use core::fmt;

/// A system call. The number goes in `rax`; see the crate docs for registers.
///
/// The numbers are part of the ABI: never reuse or renumber one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum Syscall {
    /// Writes one line to the kernel log (serial), prefixed with the caller.
    ///
    /// - `rdi`: address of UTF-8 text; `rsi`: its length, at most
    ///   [`MAX_LOG_WRITE`](crate::MAX_LOG_WRITE) bytes (longer text is cut).
    /// - Result: 0.
    /// - Errors: `BadAddress` (range not readable user memory), `InvalidUtf8`.
    LogWrite = 1,
    /// Ends the calling process and every thread in it. Never returns.
    ///
    /// - `rdi`: exit code, reported to whoever waits for the process.
    ProcessExit = 2,
    /// Gives up the CPU: the caller goes to the back of the ready queue and
    /// the next ready thread runs at once (no wait for a timer tick).
    ///
    /// - Result: 0. Errors: none.
    Yield = 3,
    /// Starts a new thread in the calling process.
    ///
    /// The kernel gives the thread its own demand-paged stack with a guard page
    /// below it, and starts it at `rdi` with `rdi` = the argument and `rsp` at
    /// the top of that stack (16-byte aligned, as after a `call`).
    ///
    /// - `rdi`: entry address; `rsi`: argument passed in the thread's `rdi`.
    /// - Result: the new thread's id (within the process).
    /// - Errors: `BadAddress` (entry not in an executable user segment),
    ///   `LimitReached` (too many threads), `OutOfMemory`.
    ThreadSpawn = 4,
    /// Ends the calling thread; the process ends when its last thread does.
    ///
    /// - `rdi`: exit code, returned to a joiner. Never returns.
    ThreadExit = 5,
    /// Waits until a thread of the calling process has exited.
    ///
    /// - `rdi`: thread id from `ThreadSpawn`.
    /// - Result: the thread's exit code.
    /// - Errors: `NotFound` (no such thread, or already joined),
    ///   `InvalidArgument` (a thread joining itself).
    ThreadJoin = 6,
    /// Reserves anonymous memory: demand-zero pages, mapped on first touch.
    ///
    /// - `rdi`: length in bytes (rounded up to whole pages);
    ///   `rsi`: [`MemoryFlags`](crate::MemoryFlags) bits.
    /// - Result: the start address (page aligned), chosen by the kernel.
    /// - Errors: `InvalidArgument` (zero length, unknown flags, write together
    ///   with execute), `OutOfMemory` (no address space or over the limit).
    MemoryMap = 7,
    /// Releases a range obtained from `MemoryMap`, returning its frames.
    ///
    /// - `rdi`: start address; `rsi`: length in bytes (whole pages).
    /// - Result: 0.
    /// - Errors: `InvalidArgument` (not page aligned, or not exactly one
    ///   whole region from `MemoryMap`).
    MemoryUnmap = 8,
    /// Blocks the calling thread for at least the given time.
    ///
    /// - `rdi`: nanoseconds. Result: 0. Errors: none.
    Sleep = 9,
    /// Starts a program from the boot ramdisk as a new process.
    ///
    /// - `rdi`, `rsi`: path in the ramdisk (e.g. `bin/hello`), at most
    ///   [`MAX_PATH_LEN`](crate::MAX_PATH_LEN) bytes;
    ///   `rdx`, `r10`: arguments as NUL-separated UTF-8, at most
    ///   [`MAX_SPAWN_ARGS_LEN`](crate::MAX_SPAWN_ARGS_LEN) bytes;
    ///   `r8`: a handle (needs `TRANSFER`) the child gets a copy of, with the
    ///   same rights, in `rdx` at its entry; 0 for none.
    /// - Result: the new process id.
    /// - Errors: `BadAddress`, `InvalidUtf8`, `NotFound` (no such file),
    ///   `InvalidHandle`, `MissingRights` (the handle to give),
    ///   `BadExecutable` (the ELF loader rejected it), `LimitReached`,
    ///   `OutOfMemory`.
    ProcessSpawn = 10,
    /// Waits until a child process has exited and returns its status.
    ///
    /// - `rdi`: process id from `ProcessSpawn` (a child of the caller).
    /// - Result: the exit code; a process killed by a fault reports
    ///   `u64::MAX`.
    /// - Errors: `NotFound` (not a child, or already waited for).
    ProcessWait = 11,
    /// Copies a [`SystemInfo`](crate::SystemInfo) snapshot to user memory.
    ///
    /// - `rdi`: address of a `SystemInfo`; `rsi`: its size in bytes.
    /// - Result: 0. Errors: `BadAddress`, `InvalidArgument` (wrong size).
    SystemInfo = 12,
    /// Does nothing and returns 0: the cost of entering and leaving the
    /// kernel, for benchmarks. Errors: none.
    Nop = 13,
    /// Creates a rendezvous endpoint and returns a handle to it with every
    /// right (send, receive, duplicate, transfer).
    ///
    /// - Result: the handle. Errors: `LimitReached` (handle table full),
    ///   `OutOfMemory`.
    EndpointCreate = 14,
    /// Closes a handle. Closing the last handle with the receive right to an
    /// endpoint fails every caller blocked on it with `PeerGone`; closing an
    /// unanswered reply handle fails its caller with `PeerGone`.
    ///
    /// - `rdi`: the handle. Result: 0.
    /// - Errors: `InvalidHandle`, `StaleHandle`.
    HandleClose = 15,
    /// Makes a second handle to the same object with equal or fewer rights.
    ///
    /// - `rdi`: the handle (needs `DUPLICATE`); `rsi`: the rights wanted
    ///   ([`Rights`](crate::Rights) bits), a subset of those held.
    /// - Result: the new handle.
    /// - Errors: `InvalidHandle`, `StaleHandle`, `MissingRights` (no
    ///   `DUPLICATE`, or asking for a right not held), `InvalidArgument`
    ///   (unknown rights bits), `LimitReached`.
    HandleDuplicate = 16,
    /// Sends a message to an endpoint and blocks until the receiver replies.
    ///
    /// - `rdi`: endpoint handle (needs `SEND`); `rsi`: operation number;
    ///   `rdx`, `r10`, `r8`, `r9`: four message words.
    /// - On return: `rsi` = the reply's status word (0 for success, else
    ///   the interface's error value), `rdx`, `r10`, `r8`, `r9` = four reply
    ///   words.
    /// - Errors: `InvalidHandle`, `StaleHandle`, `WrongType`,
    ///   `MissingRights`, `PeerGone` (no receiver left, or it ended or dropped
    ///   the reply handle without replying), `LimitReached` (the receiver's
    ///   handle table is full).
    /// - Blocks until a receiver takes the message and replies.
    Call = 17,
    /// Sends a one-way message: like `Call` but returns once a receiver has
    /// taken the message (the receiver gets no reply handle).
    ///
    /// - Registers and errors as for `Call`; no reply words.
    Send = 18,
    /// Waits for a message on an endpoint.
    ///
    /// - `rdi`: endpoint handle (needs `RECEIVE`); `rsi`: timeout in
    ///   nanoseconds, 0 to wait for ever.
    /// - On return: `rdi` = a one-shot reply handle (0 for a one-way
    ///   message), `rsi` = operation number, `rdx`, `r10`, `r8`, `r9` = the
    ///   four message words.
    /// - Errors: `InvalidHandle`, `StaleHandle`, `WrongType`,
    ///   `MissingRights`, `TimedOut`, `PeerGone` (the endpoint's last receive
    ///   handle was closed meanwhile).
    /// - Blocks until a sender arrives or the timeout passes.
    Receive = 19,
    /// Answers a call through its one-shot reply handle (which it consumes).
    ///
    /// - `rdi`: reply handle; `rsi`: status word; `rdx`, `r10`, `r8`, `r9`:
    ///   four reply words.
    /// - Result: 0. Errors: `InvalidHandle`, `StaleHandle` (replied already),
    ///   `WrongType`, `PeerGone` (the caller has died).
    Reply = 20,
}

/// A syscall number the kernel does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownSyscall(pub u64);

impl fmt::Display for UnknownSyscall {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "unknown syscall number {}", self.0)
    }
}

// Written by hand rather than derived so that every number is visible here
// next to its variant, and an unknown number is a named error.
impl TryFrom<u64> for Syscall {
    type Error = UnknownSyscall;

    #[inline]
    fn try_from(number: u64) -> Result<Self, Self::Error> {
        Ok(match number {
            1 => Syscall::LogWrite,
            2 => Syscall::ProcessExit,
            3 => Syscall::Yield,
            4 => Syscall::ThreadSpawn,
            5 => Syscall::ThreadExit,
            6 => Syscall::ThreadJoin,
            7 => Syscall::MemoryMap,
            8 => Syscall::MemoryUnmap,
            9 => Syscall::Sleep,
            10 => Syscall::ProcessSpawn,
            11 => Syscall::ProcessWait,
            12 => Syscall::SystemInfo,
            13 => Syscall::Nop,
            14 => Syscall::EndpointCreate,
            15 => Syscall::HandleClose,
            16 => Syscall::HandleDuplicate,
            17 => Syscall::Call,
            18 => Syscall::Send,
            19 => Syscall::Receive,
            20 => Syscall::Reply,
            _ => return Err(UnknownSyscall(number)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_number_round_trips() {
        for number in 0..64u64 {
            if let Ok(call) = Syscall::try_from(number) {
                assert_eq!(call as u64, number);
            }
        }
        assert_eq!(Syscall::try_from(12), Ok(Syscall::SystemInfo));
    }

    #[test]
    fn unknown_numbers_are_named_errors() {
        assert_eq!(Syscall::try_from(0), Err(UnknownSyscall(0)));
        assert_eq!(Syscall::try_from(u64::MAX), Err(UnknownSyscall(u64::MAX)));
    }
}
