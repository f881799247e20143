//! IPC syscalls: decode registers into a message, encode the result back.

use barodia_abi::SysError;

use crate::arch::syscall_entry::SyscallFrame;
use crate::ipc::{self, Message};

fn message_from(frame: &SyscallFrame) -> Message {
    Message { operation: frame.rsi, words: [frame.rdx, frame.r10, frame.r8, frame.r9] }
}

/// Writes `message` to the registers `Call` and `Receive` return it in.
fn message_into(frame: &mut SyscallFrame, message: &Message) {
    frame.rsi = message.operation;
    [frame.rdx, frame.r10, frame.r8, frame.r9] = message.words;
}

/// `Call` (`expects_reply`) and `Send`.
pub fn call(frame: &mut SyscallFrame, expects_reply: bool) -> Result<(), SysError> {
    let reply = ipc::call(frame.rdi, message_from(frame), expects_reply)?;
    message_into(frame, &reply);
    Ok(())
}

/// `Receive`.
pub fn receive(frame: &mut SyscallFrame) -> Result<(), SysError> {
    let (message, reply_handle) = ipc::receive(frame.rdi, frame.rsi)?;
    message_into(frame, &message);
    frame.rdi = reply_handle;
    Ok(())
}

/// `Reply`.
pub fn reply(frame: &mut SyscallFrame) -> Result<(), SysError> {
    ipc::reply(frame.rdi, message_from(frame)).map(|_| ())
}
