//! IPC syscalls: decode registers (and message records) into messages,
//! encode the results back into registers.

use barodia_abi::{LoanDescriptor, OPERATION_LOAN, SysError, USER_SPACE_END, USER_SPACE_START};

use crate::arch::syscall_entry::SyscallFrame;
use crate::ipc::extension::{Extension, Purpose, read_outgoing};
use crate::ipc::lease::{self, Direction};
use crate::ipc::{self, Message, Outgoing};
use crate::memory::layout::PAGE_SIZE;

fn message_from(frame: &SyscallFrame) -> Message {
    Message { operation: frame.rsi, words: [frame.rdx, frame.r10, frame.r8, frame.r9] }
}

/// Writes `message` to the registers `Call` and `Receive` return it in.
fn message_into(frame: &mut SyscallFrame, message: &Message) {
    frame.rsi = message.operation;
    [frame.rdx, frame.r10, frame.r8, frame.r9] = message.words;
}

/// A register-only message from the registers; bit 63 of the operation is
/// the kernel's.
fn registers(frame: &SyscallFrame) -> Result<Outgoing<'static>, SysError> {
    let message = message_from(frame);
    if message.operation & barodia_abi::OPERATION_KERNEL_BITS != 0 {
        return Err(SysError::InvalidArgument);
    }
    Ok(Outgoing::registers(message))
}

/// Reads a message record; the extension, if any, goes to `extension`,
/// which the returned message borrows.
fn record(address: u64, purpose: Purpose, extension: &mut Option<Extension>) -> Result<Outgoing<'_>, SysError> {
    let message = read_outgoing(address, purpose, extension)?;
    Ok(Outgoing { message, extension: extension.as_ref() })
}

/// `Call` (`expects_reply`) and `Send`.
pub fn call(frame: &mut SyscallFrame, expects_reply: bool) -> Result<(), SysError> {
    let (handle, outgoing) = (frame.rdi, registers(frame)?);
    if expects_reply {
        return ipc::fast_path::call(handle, outgoing.message, |reply| message_into(frame, reply));
    }
    ipc::call(handle, outgoing, false, 0, |reply| message_into(frame, reply))
}

/// `CallLoan`: a register call whose fourth word names pages to lend.
pub fn call_loan(frame: &mut SyscallFrame) -> Result<(), SysError> {
    let mut outgoing = registers(frame)?;
    let loan = LoanDescriptor::from_bits(frame.r9).ok_or(SysError::InvalidArgument)?;
    let end = loan.address().checked_add(loan.pages() * PAGE_SIZE).ok_or(SysError::BadAddress)?;
    if loan.address() < USER_SPACE_START || end > USER_SPACE_END {
        return Err(SysError::BadAddress);
    }
    outgoing.message.operation |= OPERATION_LOAN;
    ipc::fast_path::call(frame.rdi, outgoing.message, |reply| message_into(frame, reply))
}

/// `CallMessage`.
pub fn call_message(frame: &mut SyscallFrame) -> Result<(), SysError> {
    let mut extension = None;
    let outgoing = record(frame.rsi, Purpose::Call, &mut extension)?;
    let (handle, reply_record) = (frame.rdi, frame.rdx);
    ipc::call(handle, outgoing, true, reply_record, |reply| message_into(frame, reply))
}

/// `SendMessage`.
pub fn send_message(frame: &mut SyscallFrame) -> Result<(), SysError> {
    let mut extension = None;
    let outgoing = record(frame.rsi, Purpose::OneWay, &mut extension)?;
    ipc::call(frame.rdi, outgoing, false, 0, |_| {})
}

/// `Receive`.
pub fn receive(frame: &mut SyscallFrame) -> Result<(), SysError> {
    let (endpoint, timeout, incoming) = (frame.rdi, frame.rsi, frame.rdx);
    ipc::receive(endpoint, timeout, incoming, |message, reply_handle| received_into(frame, message, reply_handle))
}

/// Writes a received message and its reply handle to the registers
/// `Receive` returns them in.
fn received_into(frame: &mut SyscallFrame, message: &Message, reply_handle: u64) {
    message_into(frame, message);
    frame.rdi = reply_handle;
}

/// `Reply`.
pub fn reply(frame: &mut SyscallFrame) -> Result<(), SysError> {
    ipc::reply(frame.rdi, registers(frame)?).map(|_| ())
}

/// `ReplyMessage`.
pub fn reply_message(frame: &mut SyscallFrame) -> Result<(), SysError> {
    let mut extension = None;
    ipc::reply(frame.rdi, record(frame.rsi, Purpose::OneWay, &mut extension)?).map(|_| ())
}

/// `ReplyAndReceive`.
pub fn reply_and_receive(frame: &mut SyscallFrame) -> Result<(), SysError> {
    let (reply_handle, reply_record, endpoint, incoming, timeout) =
        (frame.rdi, frame.rsi, frame.rdx, frame.r10, frame.r8);
    let mut extension = None;
    let reply = match reply_handle {
        0 => None,
        handle => Some((handle, record(reply_record, Purpose::OneWay, &mut extension)?)),
    };
    let deliver_into = |message: &Message, reply_handle| received_into(frame, message, reply_handle);
    ipc::reply_wait::reply_and_receive(reply, Some(endpoint), timeout, incoming, deliver_into)
}

/// `ReplyAndWait`.
pub fn reply_and_wait(frame: &mut SyscallFrame) -> Result<(), SysError> {
    let (handle, answer) = (frame.rdi, registers(frame)?.message);
    ipc::fast_path::reply_and_wait(handle, answer, |message, reply_handle| received_into(frame, message, reply_handle))
}

/// `LeaseRead` and `LeaseWrite`.
pub fn lease_copy(frame: &SyscallFrame, direction: Direction) -> Result<u64, SysError> {
    lease::copy(frame.rdi, frame.rsi, frame.rdx, frame.r10, direction)
}
