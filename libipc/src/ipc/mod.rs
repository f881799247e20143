//! Capabilities and rendezvous IPC over the kernel's endpoints.
//!
//! A [`Handle`] owns one slot of the process's handle table and closes it on
//! drop. An endpoint is where a client's [`call`] meets a server's
//! [`receive`]; the server answers through the one-shot [`ReplyHandle`] it
//! received. All blocking happens in the kernel.
//!
//! Messages are registers only ([`Message`]: an operation and four words),
//! or carry more ([`message`]): data bytes, handles, a lease of the caller's
//! memory and page grants ([`pages`]). A [`loan`] lends pages to a server
//! for one call, mapped in its loan window. Device capabilities (IRQ lines, I/O
//! ports) and process handles are in [`device`].

pub mod device;
pub mod loan;
pub mod message;
pub mod pages;

use barodia_abi::{Rights, SysError, Syscall};

use crate::sys::{self, MessageRegisters, result, syscall_message};

/// An owned capability handle; closed when dropped.
#[derive(Debug, PartialEq, Eq)]
pub struct Handle(pub(crate) u64);

impl Handle {
    /// Takes ownership of a raw handle value the kernel gave this process.
    pub fn from_raw(raw: u64) -> Handle {
        Handle(raw)
    }

    /// The raw value, as syscalls take it.
    pub fn raw(&self) -> u64 {
        self.0
    }

    /// Gives up ownership without closing (the kernel moved the handle
    /// away); returns the raw value.
    pub fn into_raw(self) -> u64 {
        let raw = self.0;
        core::mem::forget(self);
        raw
    }

    /// A second handle to the same object with `rights` (a subset of this
    /// handle's; needs the duplicate right).
    pub fn duplicate(&self, rights: Rights) -> Result<Handle, SysError> {
        self.duplicate_badged(rights, 0)
    }

    /// A second handle to this endpoint with `rights` and the badge
    /// `badge`, which every message sent through it carries to the
    /// receiver (`Incoming::badge`). Only an unbadged endpoint handle can
    /// be badged; 0 keeps the original's badge.
    pub fn duplicate_badged(&self, rights: Rights, badge: u64) -> Result<Handle, SysError> {
        // SAFETY: no memory is involved; the kernel checks the handle.
        let answer = unsafe { sys::syscall4(Syscall::HandleDuplicate, self.0, u64::from(rights.bits()), badge, 0) };
        result(answer).map(Handle)
    }

    /// Asks the kernel to queue a one-way notification with `operation` on
    /// this endpoint (which needs the receive right) whenever the last
    /// client handle (send, not receive) with some badge is gone; its
    /// words are `[badge, client handles left, 0, 0]` and its badge, in a
    /// receiver's record, is that badge (see `Syscall::EndpointNotifyClosed`).
    pub fn notify_closed(&self, operation: u64) -> Result<(), SysError> {
        // SAFETY: no memory is involved; the kernel checks the handle.
        let answer = unsafe { sys::syscall4(Syscall::EndpointNotifyClosed, self.0, operation, 0, 0) };
        result(answer).map(|_| ())
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        // Closing can fail only for a handle already gone, which is harmless.
        // SAFETY: no memory is involved; the kernel checks the handle.
        let _ = unsafe { sys::syscall4(Syscall::HandleClose, self.0, 0, 0, 0) };
    }
}

/// A message: an operation number and four words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Message {
    /// Operation number (for a reply: the status, 0 for success).
    pub operation: u64,
    /// Payload words.
    pub words: [u64; 4],
}

impl Message {
    pub(crate) fn registers(&self, handle: u64) -> MessageRegisters {
        let [w0, w1, w2, w3] = self.words;
        [handle, self.operation, w0, w1, w2, w3]
    }

    pub(crate) fn from_registers(registers: &MessageRegisters) -> Message {
        let [_, operation, w0, w1, w2, w3] = *registers;
        Message { operation, words: [w0, w1, w2, w3] }
    }
}

/// The one-shot right to answer a call; answering consumes it, and dropping
/// it unanswered tells the caller the server is gone.
#[derive(Debug)]
pub struct ReplyHandle(pub(crate) Handle);

impl ReplyHandle {
    /// The raw handle value.
    pub fn raw(&self) -> u64 {
        self.0.raw()
    }

    /// Treats a raw value as a reply handle (tests of hostile use do this;
    /// the kernel checks it like any handle).
    pub fn from_raw(raw: u64) -> ReplyHandle {
        ReplyHandle(Handle(raw))
    }
}

/// A received message and, for a call, the means to answer it.
#[derive(Debug)]
pub struct Received {
    /// The message.
    pub message: Message,
    /// `None` for a one-way message.
    pub reply: Option<ReplyHandle>,
}

/// Creates an endpoint; the handle has every right.
pub fn create_endpoint() -> Result<Handle, SysError> {
    // SAFETY: no memory is involved.
    result(unsafe { sys::syscall4(Syscall::EndpointCreate, 0, 0, 0, 0) }).map(Handle)
}

fn message_call(call: Syscall, handle: u64, message: &Message) -> Result<MessageRegisters, SysError> {
    // SAFETY: message syscalls take registers only, no memory.
    let (error, registers) = unsafe { syscall_message(call, message.registers(handle)) };
    result((error, 0)).map(|_| registers)
}

/// Sends `message` to `endpoint` and waits for the reply.
pub fn call(endpoint: &Handle, message: &Message) -> Result<Message, SysError> {
    message_call(Syscall::Call, endpoint.raw(), message).map(|registers| Message::from_registers(&registers))
}

/// Sends `message` one way; returns once a receiver has taken it.
pub fn send(endpoint: &Handle, message: &Message) -> Result<(), SysError> {
    message_call(Syscall::Send, endpoint.raw(), message).map(|_| ())
}

/// Waits for a message on `endpoint`.
pub fn receive(endpoint: &Handle) -> Result<Received, SysError> {
    receive_until(endpoint, 0)
}

/// Waits for a message on `endpoint` for at most `timeout`
/// (`Err(SysError::TimedOut)` if none came).
pub fn receive_timeout(endpoint: &Handle, timeout: core::time::Duration) -> Result<Received, SysError> {
    let nanoseconds = u64::try_from(timeout.as_nanos()).unwrap_or(u64::MAX).max(1);
    receive_until(endpoint, nanoseconds)
}

/// `Receive` with a timeout in nanoseconds (0: for ever).
fn receive_until(endpoint: &Handle, timeout: u64) -> Result<Received, SysError> {
    let request = Message { operation: timeout, words: [0; 4] };
    let registers = message_call(Syscall::Receive, endpoint.raw(), &request)?;
    Ok(received(&registers))
}

/// What `Receive` and `ReplyAndWait` return: the message and the reply
/// handle (in the handle register; 0 for a one-way message).
fn received(registers: &MessageRegisters) -> Received {
    let reply = match registers[0] {
        0 => None,
        raw => Some(ReplyHandle(Handle(raw))),
    };
    Received { message: Message::from_registers(registers), reply }
}

/// Answers a call with `message`, then waits for the next register-only
/// message on the endpoint this thread last received from ([`receive`] or
/// an earlier `reply_and_wait`): a server loop's two syscalls in one, and
/// the caller runs next if nothing else is waiting. A caller that died
/// before the answer is no error (the server simply receives).
pub fn reply_and_wait(reply: ReplyHandle, message: &Message) -> Result<Received, SysError> {
    let raw = reply.0.raw();
    // The kernel consumes the handle; do not close it again on drop.
    core::mem::forget(reply);
    message_call(Syscall::ReplyAndWait, raw, message).map(|registers| received(&registers))
}

/// Answers a call with `message` (its `operation` is the status).
pub fn reply(reply: ReplyHandle, message: &Message) -> Result<(), SysError> {
    let raw = reply.0.raw();
    // The kernel consumes the handle; do not close it again on drop.
    core::mem::forget(reply);
    message_call(Syscall::Reply, raw, message).map(|_| ())
}
