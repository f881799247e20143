//! Rendezvous IPC: endpoints, calls, one-way sends, receives and replies.
//!
//! A message is an operation number and four words, carried in registers
//! (see `barodia_abi::Syscall::Call`). Whoever reaches an endpoint first
//! blocks in the kernel until the other side arrives; no user-space retry or
//! polling is ever needed. A `Call` hands the receiver a one-shot reply
//! handle; the caller sleeps until that is used or released. Every way a
//! conversation can break names its error: no receiver left, a server that
//! ends or drops the reply handle, a caller that died before the reply
//! (`PeerGone`).

mod object;
mod operations;

pub use object::{KernelObject, Message};
pub use operations::{call, close_handle, create_endpoint, duplicate_handle, receive, release, reply};

use barodia_abi::SysError;

/// What a thread blocked in IPC finds when it wakes.
#[derive(Debug, Clone, Copy, Default)]
pub enum IpcSlot {
    /// Nothing yet.
    #[default]
    Empty,
    /// A receiver was given a message (and a reply handle, 0 for one-way).
    Delivered {
        /// The message.
        message: Message,
        /// Raw reply handle in the receiver's table.
        reply_handle: u64,
    },
    /// A caller got its reply (or a sender's message was taken).
    Replied(Message),
    /// The conversation broke.
    Failed(SysError),
}
