//! Messages that carry more than registers: data bytes, handles, a lease of
//! the caller's memory, and a page grant.
//!
//! A sender fills an [`Outgoing`]; the handles in it are *moved*: after a
//! successful send they belong to the receiver, and if the send fails they
//! are still in the `Outgoing`, as the kernel left them in this process's
//! table. A receiver names an [`Incoming`] (a data buffer) when it waits, and
//! takes the data, handles, lease length and grant from it afterwards.
//!
//! The Rust borrows match the kernel's rules: the lease and the data are
//! borrowed for the syscall, during which this thread is blocked in the
//! kernel and the kernel alone touches them.

use barodia_abi::{
    GrantFlags, IncomingMessage, LeaseAccess, MAX_MESSAGE_HANDLES, OPERATION_EXTENDED, ObjectType, OutgoingMessage,
    Rights, SysError, Syscall,
};

use super::pages::Pages;
use super::{Handle, Message, ReplyHandle};
use crate::sys::{result, syscall_message};

/// Memory lent to the server for one call.
#[derive(Debug)]
pub enum Lease<'a> {
    /// The server may read it.
    Read(&'a [u8]),
    /// The server may write it.
    Write(&'a mut [u8]),
    /// The server may read and write it.
    ReadWrite(&'a mut [u8]),
}

/// Pages granted with a message.
#[derive(Debug)]
pub enum Grant<'a> {
    /// Shared: both map them; `writable` lets the receiver write too. The
    /// receiver loses them when these pages are dropped (unmapped).
    Shared {
        /// The pages.
        pages: &'a Pages,
        /// The receiver may write.
        writable: bool,
    },
    /// Moved: the receiver owns them from now on (writable).
    Move(Pages),
}

/// A message to send, call with, or reply with.
#[derive(Debug, Default)]
pub struct Outgoing<'a> {
    /// Operation (or status) and the four register words.
    pub message: Message,
    /// Data bytes, at most [`barodia_abi::MAX_MESSAGE_DATA`].
    pub data: &'a [u8],
    /// Handles to move; emptied when the message is delivered.
    pub handles: [Option<Handle>; MAX_MESSAGE_HANDLES],
    /// Memory lent to the server (calls only).
    pub lease: Option<Lease<'a>>,
    /// Pages to grant; a moved grant is taken when delivered.
    pub grant: Option<Grant<'a>>,
    /// A lease given as a bare region by the rpc transport, whose `Request`
    /// borrows the memory for the call: (address, length, access).
    pub(crate) lent: Option<(u64, u64, LeaseAccess)>,
    /// A shared grant given as a bare range by the rpc transport (the
    /// kernel checks the pages are the sender's): (address, pages, flags).
    pub(crate) shared: Option<(u64, u64, GrantFlags)>,
}

impl<'a> Outgoing<'a> {
    /// A message with `operation` and `data`.
    pub fn new(operation: u64, data: &'a [u8]) -> Outgoing<'a> {
        Outgoing { message: Message { operation, words: [0; 4] }, data, ..Outgoing::default() }
    }

    /// Adds a handle to move; gives it back if four are there already.
    pub fn push_handle(&mut self, handle: Handle) -> Result<(), Handle> {
        match self.handles.iter_mut().find(|slot| slot.is_none()) {
            Some(slot) => {
                *slot = Some(handle);
                Ok(())
            }
            None => Err(handle),
        }
    }

    /// The record the kernel reads.
    fn record(&self) -> OutgoingMessage {
        let mut record = OutgoingMessage {
            operation: self.message.operation,
            words: self.message.words,
            data: self.data.as_ptr() as u64,
            data_len: self.data.len() as u64,
            ..OutgoingMessage::default()
        };
        for handle in self.handles.iter().flatten() {
            if let Some(slot) = record.handles.get_mut(record.handle_count as usize) {
                *slot = handle.raw();
                record.handle_count += 1;
            }
        }
        let lease = match &self.lease {
            Some(Lease::Read(bytes)) => Some((bytes.as_ptr() as u64, bytes.len(), LeaseAccess::READ)),
            Some(Lease::Write(bytes)) => Some((bytes.as_ptr() as u64, bytes.len(), LeaseAccess::WRITE)),
            Some(Lease::ReadWrite(bytes)) => Some((bytes.as_ptr() as u64, bytes.len(), LeaseAccess::READ_WRITE)),
            None => self.lent.map(|(address, len, access)| (address, len as usize, access)),
        };
        if let Some((address, len, access)) = lease {
            record.lease_address = address;
            record.lease_len = len as u64;
            record.lease_access = access.bits();
        }
        let grant = match &self.grant {
            Some(Grant::Shared { pages, writable: true }) => Some((*pages, GrantFlags::WRITE)),
            Some(Grant::Shared { pages, writable: false }) => Some((*pages, GrantFlags::SHARED_READ)),
            Some(Grant::Move(pages)) => Some((pages, GrantFlags::MOVE.union(GrantFlags::WRITE))),
            None => None,
        };
        if let Some((pages, flags)) = grant {
            record.grant_address = pages.address();
            record.grant_pages = pages.page_count();
            record.grant_flags = flags.bits();
        } else if let Some((address, pages, flags)) = self.shared {
            record.grant_address = address;
            record.grant_pages = pages;
            record.grant_flags = flags.bits();
        }
        record
    }

    /// After delivery: the kernel moved the handles and any moved pages.
    fn delivered(&mut self) {
        for handle in self.handles.iter_mut().filter_map(Option::take) {
            let _ = handle.into_raw();
        }
        if let Some(Grant::Move(pages)) = self.grant.take() {
            pages.forget();
        }
    }
}

/// A handle that arrived in a message, with what the kernel says it is.
#[derive(Debug)]
pub struct ReceivedHandle {
    /// The handle, now this process's.
    pub handle: Handle,
    /// Its object type (`None` for a type this runtime does not know).
    pub object: Option<ObjectType>,
    /// Its rights.
    pub rights: Rights,
}

/// Where a receiver takes messages' extra parts: its data buffer and the
/// kernel's record of what arrived.
#[derive(Debug)]
pub struct Incoming<'b> {
    buffer: &'b mut [u8],
    record: IncomingMessage,
    filled: bool,
}

impl<'b> Incoming<'b> {
    /// Room for data in `buffer`.
    pub fn new(buffer: &'b mut [u8]) -> Incoming<'b> {
        let record = IncomingMessage::with_buffer(buffer.as_mut_ptr() as u64, buffer.len() as u64);
        Incoming { buffer, record, filled: false }
    }

    /// True if the last message carried more than registers (data,
    /// handles, a lease or a grant), so there is something to take here
    /// besides a badge.
    pub fn has_extras(&self) -> bool {
        self.filled
    }

    /// The data of the last message (empty if it had none).
    pub fn data(&self) -> &[u8] {
        let len = if self.filled { self.record.data_len as usize } else { 0 };
        self.buffer.get(..len).unwrap_or(&[])
    }

    /// Takes the handles of the last message; ones not taken are closed
    /// when the next message arrives or this is dropped.
    pub fn take_handles(&mut self) -> impl Iterator<Item = ReceivedHandle> + '_ {
        let count = if self.filled { self.record.handle_count as usize } else { 0 };
        self.record.handle_count = 0;
        self.record.handles.iter().take(count).map(|received| ReceivedHandle {
            handle: Handle(received.handle),
            object: ObjectType::from_raw(received.object_type),
            rights: Rights::from_bits(received.rights).unwrap_or(Rights::NONE),
        })
    }

    /// The length of the caller's lease (possibly 0) and what it allows, if
    /// it lent one.
    pub fn lease(&self) -> Option<(u64, LeaseAccess)> {
        let access = LeaseAccess::from_bits(self.record.lease_access).unwrap_or(LeaseAccess::NONE);
        (self.filled && access != LeaseAccess::NONE).then_some((self.record.lease_len, access))
    }

    /// Takes the pages granted with the last message, now mapped here.
    pub fn take_grant(&mut self) -> Option<(Pages, GrantFlags)> {
        if !self.filled || self.record.grant_pages == 0 {
            return None;
        }
        let pages = Pages::adopt(self.record.grant_address, self.record.grant_pages);
        let flags = GrantFlags::from_bits(self.record.grant_flags).unwrap_or_default();
        self.record.grant_pages = 0;
        Some((pages, flags))
    }

    /// The badge of the handle the last message came through (0 for an
    /// unbadged one, a notification or a reply): see `HandleDuplicate`. A
    /// closure notification (`EndpointNotifyClosed`) has the badge whose
    /// last client handle is gone.
    pub fn badge(&self) -> u64 {
        self.record.badge
    }

    /// Closes what the last message left untaken, before the next one.
    fn reset(&mut self) {
        self.take_handles().for_each(drop);
        drop(self.take_grant());
        self.filled = false;
        // The kernel writes a badge only for badged senders.
        self.record.badge = 0;
    }

    fn address(&mut self) -> u64 {
        &mut self.record as *mut IncomingMessage as u64
    }
}

impl Drop for Incoming<'_> {
    fn drop(&mut self) {
        self.reset();
    }
}

fn registers_result(call: Syscall, registers: [u64; 6]) -> Result<[u64; 6], SysError> {
    // SAFETY: every address in `registers` points at a live record, buffer
    // or lease borrowed by the caller for this call, of the length stated;
    // the kernel writes only the `Incoming` buffer and record and leases
    // lent for writing, all borrowed mutably.
    let (error, registers) = unsafe { syscall_message(call, registers) };
    result((error, 0)).map(|_| registers)
}

/// Calls `endpoint` with `outgoing`; the reply's extra parts land in
/// `reply` (if given). Returns the reply's registers.
pub fn call_message(
    endpoint: &Handle,
    outgoing: &mut Outgoing<'_>,
    mut reply: Option<&mut Incoming<'_>>,
) -> Result<Message, SysError> {
    let record = outgoing.record();
    let reply_record = match reply.as_deref_mut() {
        Some(incoming) => {
            incoming.reset();
            incoming.address()
        }
        None => 0,
    };
    let registers = [endpoint.raw(), &record as *const OutgoingMessage as u64, reply_record, 0, 0, 0];
    let answer = registers_result(Syscall::CallMessage, registers)?;
    outgoing.delivered();
    let mut message = Message::from_registers(&answer);
    if message.operation & OPERATION_EXTENDED != 0 {
        message.operation &= !OPERATION_EXTENDED;
        if let Some(incoming) = reply {
            incoming.filled = true;
        }
    }
    Ok(message)
}

/// Sends `outgoing` one way.
pub fn send_message(endpoint: &Handle, outgoing: &mut Outgoing<'_>) -> Result<(), SysError> {
    let record = outgoing.record();
    let registers = [endpoint.raw(), &record as *const OutgoingMessage as u64, 0, 0, 0, 0];
    registers_result(Syscall::SendMessage, registers)?;
    outgoing.delivered();
    Ok(())
}

/// A message received into an [`Incoming`].
#[derive(Debug)]
pub struct ReceivedMessage {
    /// Operation and words (the kernel's extension flag cleared).
    pub message: Message,
    /// For a call: the means to answer it (and reach its lease).
    pub reply: Option<ReplyHandle>,
}

fn received(registers: [u64; 6], incoming: &mut Incoming<'_>) -> ReceivedMessage {
    let mut message = Message::from_registers(&registers);
    if message.operation & OPERATION_EXTENDED != 0 {
        message.operation &= !OPERATION_EXTENDED;
        incoming.filled = true;
    }
    let reply = (registers[0] != 0).then(|| ReplyHandle(Handle(registers[0])));
    ReceivedMessage { message, reply }
}

/// Waits for a message on `endpoint` (for at most `timeout` nanoseconds, 0
/// for ever), its extra parts landing in `incoming`.
pub fn receive_message(endpoint: &Handle, incoming: &mut Incoming<'_>, timeout: u64) -> Result<ReceivedMessage, SysError> {
    incoming.reset();
    let registers = [endpoint.raw(), timeout, incoming.address(), 0, 0, 0];
    let answer = registers_result(Syscall::Receive, registers)?;
    Ok(received(answer, incoming))
}

/// Answers a call with `outgoing` (its operation is the status word).
///
/// If the kernel refuses the reply before using the handle (the caller has
/// no room for it, a handle that may not be moved, ...), the error comes back
/// with the reply handle, so the server can still answer, say with an error
/// in registers.
pub fn reply_message(reply: ReplyHandle, outgoing: &mut Outgoing<'_>) -> Result<(), (SysError, Option<ReplyHandle>)> {
    let record = outgoing.record();
    let registers = [reply.raw(), &record as *const OutgoingMessage as u64, 0, 0, 0, 0];
    match registers_result(Syscall::ReplyMessage, registers) {
        Ok(_) => {
            let _ = reply.0.into_raw();
            outgoing.delivered();
            Ok(())
        }
        // The kernel consumed the handle: the caller is gone.
        Err(SysError::PeerGone) => {
            let _ = reply.0.into_raw();
            Err((SysError::PeerGone, None))
        }
        // Not a reply handle of ours: nothing to give back.
        Err(error @ (SysError::InvalidHandle | SysError::StaleHandle | SysError::WrongType)) => {
            let _ = reply.0.into_raw();
            Err((error, None))
        }
        Err(error) => Err((error, Some(reply))),
    }
}

/// Replies to one call (if `reply` is given) and waits for the next
/// message: a server loop's two syscalls in one. A caller that died is not
/// an error here.
pub fn reply_and_receive(
    reply: Option<(ReplyHandle, &mut Outgoing<'_>)>,
    endpoint: &Handle,
    incoming: &mut Incoming<'_>,
) -> Result<ReceivedMessage, SysError> {
    incoming.reset();
    let (raw, record) = match &reply {
        Some((handle, outgoing)) => (handle.raw(), outgoing.record()),
        None => (0, OutgoingMessage::default()),
    };
    let registers = [raw, &record as *const OutgoingMessage as u64, endpoint.raw(), incoming.address(), 0, 0];
    let answer = registers_result(Syscall::ReplyAndReceive, registers);
    if let Some((handle, outgoing)) = reply {
        // The kernel consumed the reply handle unless the reply itself was
        // refused before it was used.
        let _ = handle.0.into_raw();
        if answer.is_ok() {
            outgoing.delivered();
        }
    }
    Ok(received(answer?, incoming))
}

impl ReplyHandle {
    /// Copies from offset `offset` of the caller's lease into `buffer`.
    pub fn lease_read(&self, offset: u64, buffer: &mut [u8]) -> Result<(), SysError> {
        // SAFETY: `buffer` is borrowed mutably for the call, and the kernel
        // writes at most its length there.
        let answer = unsafe {
            crate::sys::syscall4(Syscall::LeaseRead, self.raw(), offset, buffer.as_mut_ptr() as u64, buffer.len() as u64)
        };
        result(answer).map(|_| ())
    }

    /// Copies `data` to offset `offset` of the caller's lease.
    pub fn lease_write(&self, offset: u64, data: &[u8]) -> Result<(), SysError> {
        // SAFETY: the kernel only reads `data`, for its length.
        let answer = unsafe {
            crate::sys::syscall4(Syscall::LeaseWrite, self.raw(), offset, data.as_ptr() as u64, data.len() as u64)
        };
        result(answer).map(|_| ())
    }
}
