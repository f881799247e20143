//! Rendezvous IPC and the kernel objects handles name.
//!
//! A message is an operation number and four words in registers (the fast
//! path), optionally extended by a record with data bytes, handles, a lease
//! and a page grant (see `barodia_abi::OutgoingMessage`). Whoever reaches an
//! endpoint first blocks in the kernel until the other side arrives; no
//! user-space retry or polling is ever needed. A `Call` hands the receiver a
//! one-shot reply handle; the caller sleeps until that is used or released.
//! Every way a conversation can break names its error: no receiver left, a
//! server that ends or drops the reply handle, a caller that died before
//! the reply (`PeerGone`).
//!
//! - [`rendezvous`]: call, send, receive, reply;
//! - [`reply_wait`]: a server's register-only reply and next receive in one;
//! - [`fast_path`]: the register-only round trip of a call and a server's
//!   `ReplyAndWait`, straight through when nothing else is going on;
//! - [`extension`], [`delivery`], [`copy`], [`grants`]: what a message
//!   carries beyond its registers, and moving it across;
//! - [`lease`]: servers copying from and to a caller's lent memory;
//! - [`loans`]: a caller's pages mapped into a server's loan window for
//!   one call;
//! - [`handles`]: create, duplicate, close;
//! - [`clients`]: an endpoint's client handles counted per badge, and the
//!   notification that a badge's last one is gone;
//! - [`notify`], [`devices`], [`watch`]: messages from the kernel itself
//!   (interrupts, process exits) and the capabilities that ask for them;
//! - [`device_memory`]: memory objects over device memory.

pub mod clients;
pub mod copy;
pub mod delivery;
pub mod device_memory;
pub mod devices;
pub mod extension;
pub mod fast_path;
pub mod grants;
pub mod handles;
pub mod lease;
pub mod loans;
pub mod notify;
mod object;
pub mod rendezvous;
pub mod reply_wait;
pub mod watch;

pub use handles::{close_handle, create_endpoint, duplicate_handle, release};
pub use object::{CallRecord, KernelObject, Message};
pub use rendezvous::{Outgoing, call, receive, reply};

use barodia_abi::SysError;

use crate::task::{ProcessId, Tasks};

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

/// The active call a reply capability answers, if it is still waiting:
/// the caller exists, is blocked, and this is its current call.
pub fn answerable(tasks: &Tasks, cap: object::ReplyCap) -> Option<object::ActiveCall> {
    let thread = tasks.threads.get(cap.caller)?;
    let waiting = thread.state == crate::task::ThreadState::Blocked && thread.call.sequence == cap.sequence;
    waiting.then_some(thread.call.active).flatten()
}

/// Ends the call a reply capability answers (it was answered or given up);
/// returns it if it was still waiting.
pub fn end_call(tasks: &mut Tasks, cap: object::ReplyCap) -> Option<object::ActiveCall> {
    let active = answerable(tasks, cap)?;
    if let Some(thread) = tasks.threads.get_mut(cap.caller) {
        thread.call.active = None;
    }
    Some(active)
}

/// Called when `process` ends, after its handles are released and before
/// its memory is freed: revokes the pages it granted and tells whoever
/// watches it.
pub fn process_exited(tasks: &mut Tasks, process: ProcessId, status: u64) {
    grants::process_exited(tasks, process);
    watch::process_exited(tasks, process, status);
}
