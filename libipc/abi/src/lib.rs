//! The system-call ABI shared by the Barodia kernel and user space.
//!
//! This crate is the one place that defines syscall numbers, error codes and
//! the layouts that cross the user/kernel boundary. The kernel decodes with it
//! and the user runtime (`libipc`) encodes with it; neither redefines a value.
//! Its rustdoc is the syscall reference: each [`Syscall`] variant documents its
//! arguments, result and errors.
//!
//! # Calling convention
//!
//! User code enters the kernel with the `syscall` instruction:
//!
//! | register | on entry | on return |
//! |---|---|---|
//! | `rax` | syscall number ([`Syscall`]) | error code: 0 for success, else a [`SysError`] |
//! | `rdi`, `rsi`, `rdx`, `r10`, `r8`, `r9` | arguments 0 to 5 | `rdx`: the result value on success |
//! | `rcx`, `r11` | - | clobbered by the CPU (return address and flags) |
//!
//! All other registers are preserved. Pointer arguments are user-space
//! addresses with a length; the kernel checks each range once, at the boundary,
//! and a bad one fails the call with [`SysError::BadAddress`], never a fault.
//!
//! No hardware access, no `unsafe`; tested on the host.
#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]

mod error;
mod exit;
mod layout;
mod loan;
mod message;
mod rights;
mod syscall;

pub use error::{SysError, UnknownError};
pub use exit::{EXIT_FAULT_BASE, EXIT_KILLED, ExitReason, exception_name, vector};
pub use layout::{
    MAX_LOG_WRITE, MAX_PATH_LEN, MAX_SPAWN_ARGS_LEN, MAX_SPAWN_IMAGE_LEN, MemoryFlags, PROCESS_NAME_LEN, ProcessRecord, SystemInfo,
    TIMING_PAGE_ADDRESS, TimingPage, USER_SPACE_END, USER_SPACE_START, UnknownFlags,
};
pub use loan::{LoanDescriptor, MAX_LOAN_PAGES, OPERATION_KERNEL_BITS, OPERATION_LOAN};
pub use message::{
    GrantFlags, IncomingMessage, LeaseAccess, MAX_ENDPOINT_BADGES, MAX_GRANT_PAGES, MAX_LEASE_LEN, MAX_MESSAGE_DATA,
    MAX_MESSAGE_HANDLES, OPERATION_EXTENDED, ObjectType, OutgoingMessage, ReceivedHandle,
};
pub use rights::{Rights, UnknownRights};
pub use syscall::{Syscall, UnknownSyscall};
