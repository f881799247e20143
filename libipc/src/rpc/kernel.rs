//! The kernel transport: generated clients and servers over real endpoints.
//!
//! [`KernelChannel`] is a client's [`Channel`] over an endpoint handle;
//! [`KernelReceiver`] is a server's [`Receiver`] over one. A request whose
//! payload fits in 32 bytes and carries no handle or lease travels in
//! registers alone (the kernel's fast path); anything bigger goes as message
//! data, handles are moved by the kernel, and a lease is lent through it
//! (see [`super::registers`] for the layout).
//!
//! A grant made with `Grant::share` or `Grant::give` travels as a kernel
//! grant, and the server finds the pages mapped (`Grant::mapped`); a grant
//! that is only a description (no memory) is
//! [`TransportError::Unsupported`].
//!
//! A dispatcher may defer a call ([`Request::defer`]): the receiver then
//! hands it the call's one-shot reply capability inside a `Responder`, which
//! answers (registers or message data, as for an immediate reply) from
//! whichever thread of the server calls it.

use alloc::vec;
use alloc::vec::Vec;

use barodia_abi::{GrantFlags, LeaseAccess, MAX_MESSAGE_DATA, SysError};

use super::error::{ProtocolError, TransportError};
use super::grant::{Grant, GrantMemory, GrantMode};
use super::handle::{Handle, HandleSet};
use super::lease::{Lease, LeaseError};
use super::message::{Payload, Reply, Request, Status};
use super::responder::{Deferral, Responder};
use super::registers::{INLINE_CAPACITY, operation_word, pack, split_word, status_from, status_number, unpack};
use super::rights::{ObjectType, Rights};
use super::transport::{Channel, Dispatch, Receiver};
use crate::ipc::message::{self as extended, Incoming, Outgoing};
use crate::ipc::{self, Message, ReplyHandle};

fn transport_error(error: SysError) -> TransportError {
    match error {
        SysError::PeerGone => TransportError::PeerGone,
        other => TransportError::Refused(other),
    }
}

/// Moves the handles of a message into an `Outgoing`.
fn move_handles(handles: &mut HandleSet, outgoing: &mut Outgoing<'_>) {
    for index in 0..handles.len() {
        if let Some(handle) = handles.take(index) {
            // At most `MAX_HANDLES` (4), as many as a message moves.
            let _ = outgoing.push_handle(handle.into_ipc());
        }
    }
}

/// Takes the handles that arrived into an rpc `HandleSet`.
fn received_handles(incoming: &mut Incoming<'_>) -> HandleSet {
    let mut set = HandleSet::new();
    for received in incoming.take_handles() {
        let object = received.object.map_or(ObjectType::Memory, ObjectType::from);
        // A fifth handle cannot arrive (the kernel moves at most four); if
        // it did, dropping it here closes it.
        let _ = set.push(Handle::from_ipc(received.handle, object, received.rights));
    }
    set
}

/// A client's connection to a server's endpoint.
#[derive(Debug)]
pub struct KernelChannel {
    endpoint: ipc::Handle,
    /// Where a reply's data lands.
    reply_buffer: Vec<u8>,
}

impl KernelChannel {
    /// A channel over `endpoint` (which needs the send right).
    pub fn new(endpoint: ipc::Handle) -> Self {
        KernelChannel { endpoint, reply_buffer: vec![0; MAX_MESSAGE_DATA] }
    }

    /// The endpoint handle.
    pub fn endpoint(&self) -> &ipc::Handle {
        &self.endpoint
    }

    /// Sends `request`; `expects_reply` for a call.
    fn deliver(&mut self, mut request: Request<'_>, expects_reply: bool) -> Result<Reply, TransportError> {
        let small = request.payload.len() <= INLINE_CAPACITY;
        let registers_only = small && request.handles.is_empty() && request.lease.is_none() && request.grant.is_none();
        if registers_only && (!expects_reply || request.small_reply) {
            let message = Message {
                operation: operation_word(request.operation, Some(request.payload.len())),
                words: pack(request.payload),
            };
            if !expects_reply {
                ipc::send(&self.endpoint, &message).map_err(transport_error)?;
                return Ok(Reply::protocol(ProtocolError::ReplyEncoding));
            }
            // The kernel's fast path: registers there and back.
            let answer = ipc::call(&self.endpoint, &message).map_err(transport_error)?;
            return Ok(reply_from_registers(&answer));
        }
        // Otherwise a call names a reply record: the reply may carry data or
        // handles however small the request is. A small payload still rides
        // in the words, so the server copies no data.
        let mut outgoing = if small {
            let mut outgoing = Outgoing::new(operation_word(request.operation, Some(request.payload.len())), &[]);
            outgoing.message.words = pack(request.payload);
            outgoing
        } else {
            Outgoing::new(operation_word(request.operation, None), request.payload)
        };
        move_handles(&mut request.handles, &mut outgoing);
        if let Some(lease) = request.lease.as_mut() {
            let region = lease.region().ok_or(TransportError::Unsupported)?;
            // The memory stays borrowed by `request` until the call returns.
            let access = if region.writable { LeaseAccess::WRITE } else { LeaseAccess::READ };
            outgoing.lent = Some((region.address as u64, region.len as u64, access));
        }
        if let Some(grant) = request.grant.take() {
            attach_grant(grant, &mut outgoing)?;
        }
        if !expects_reply {
            extended::send_message(&self.endpoint, &mut outgoing).map_err(transport_error)?;
            return Ok(Reply::protocol(ProtocolError::ReplyEncoding));
        }
        let mut incoming = Incoming::new(&mut self.reply_buffer);
        let answer = extended::call_message(&self.endpoint, &mut outgoing, Some(&mut incoming))
            .map_err(transport_error)?;
        if inline_reply(&answer) {
            return Ok(reply_from_registers(&answer));
        }
        let (number, inline) = split_word(answer.operation);
        let status = status_from(number).unwrap_or(Status::Protocol(ProtocolError::BadValue));
        let payload = match inline {
            Some(len) => Payload::from_slice(unpack(answer.words).get(..len).unwrap_or(&[])),
            None => Payload::from_slice(incoming.data()),
        }
        .map_err(|_| TransportError::Refused(SysError::TooLarge))?;
        Ok(Reply { status, payload, handles: received_handles(&mut incoming) })
    }
}

/// Puts a grant's memory into an `Outgoing` as a kernel grant.
fn attach_grant(grant: Grant, outgoing: &mut Outgoing<'_>) -> Result<(), TransportError> {
    let writable = grant.rights.contains(Rights::MAP_WRITE);
    match grant.memory {
        Some(GrantMemory::Shared { address }) => {
            let flags = if writable { GrantFlags::WRITE } else { GrantFlags::SHARED_READ };
            outgoing.shared = Some((address, u64::from(grant.pages), flags));
            Ok(())
        }
        Some(GrantMemory::Moved(pages)) => {
            outgoing.grant = Some(extended::Grant::Move(pages));
            Ok(())
        }
        Some(GrantMemory::Mapped(_)) | None => Err(TransportError::Unsupported),
    }
}

/// A received kernel grant as the rpc layer describes it.
fn received_grant(pages: crate::ipc::pages::Pages, flags: GrantFlags) -> Grant {
    let rights = if flags.contains(GrantFlags::WRITE) {
        Rights::from_constants(&[Rights::MAP_READ, Rights::MAP_WRITE])
    } else {
        Rights::MAP_READ
    };
    let mode = if flags.contains(GrantFlags::MOVE) { GrantMode::Moved } else { GrantMode::Shared };
    let count = u32::try_from(pages.page_count()).unwrap_or(u32::MAX);
    Grant { pages: count, rights, mode, memory: Some(GrantMemory::Mapped(pages)) }
}

/// True if the reply came in registers alone.
fn inline_reply(answer: &Message) -> bool {
    split_word(answer.operation).1.is_some()
}

/// A reply that came back in registers.
fn reply_from_registers(answer: &Message) -> Reply {
    let (number, inline) = split_word(answer.operation);
    let Some(status) = status_from(number) else { return Reply::protocol(ProtocolError::BadValue) };
    let payload = Payload::from_inline(unpack(answer.words), inline.unwrap_or(0));
    Reply { status, payload, handles: HandleSet::new() }
}

impl Channel for KernelChannel {
    fn call(&mut self, request: Request<'_>) -> Result<Reply, TransportError> {
        self.deliver(request, true)
    }

    fn send(&mut self, request: Request<'_>) -> Result<(), TransportError> {
        self.deliver(request, false).map(drop)
    }
}

/// A call's lease as the server sees it: copies through the kernel.
struct KernelLease<'r> {
    reply: &'r ReplyHandle,
    len: usize,
    access: LeaseAccess,
}

fn lease_error(error: SysError) -> LeaseError {
    match error {
        SysError::MissingRights => LeaseError::NotReadable,
        _ => LeaseError::OutOfBounds,
    }
}

impl Lease for KernelLease<'_> {
    fn len(&self) -> usize {
        self.len
    }

    fn is_readable(&self) -> bool {
        self.access.contains(LeaseAccess::READ)
    }

    fn is_writable(&self) -> bool {
        self.access.contains(LeaseAccess::WRITE)
    }

    fn read(&self, offset: usize, buffer: &mut [u8]) -> Result<(), LeaseError> {
        if !self.is_readable() {
            return Err(LeaseError::NotReadable);
        }
        self.reply.lease_read(offset as u64, buffer).map_err(lease_error)
    }

    fn write(&mut self, offset: usize, data: &[u8]) -> Result<(), LeaseError> {
        if !self.is_writable() {
            return Err(LeaseError::NotWritable);
        }
        self.reply.lease_write(offset as u64, data).map_err(|error| match error {
            SysError::MissingRights => LeaseError::NotWritable,
            _ => LeaseError::OutOfBounds,
        })
    }
}

/// A server's end: receives on an endpoint, dispatches, replies.
#[derive(Debug)]
pub struct KernelReceiver {
    endpoint: ipc::Handle,
    buffer: Vec<u8>,
}

impl KernelReceiver {
    /// Serves `endpoint` (which needs the receive right).
    pub fn new(endpoint: ipc::Handle) -> Self {
        KernelReceiver { endpoint, buffer: vec![0; MAX_MESSAGE_DATA] }
    }
}

impl Receiver for KernelReceiver {
    fn receive_and_reply(&mut self, dispatcher: &mut dyn Dispatch) -> Result<(), TransportError> {
        let mut incoming = Incoming::new(&mut self.buffer);
        let received = extended::receive_message(&self.endpoint, &mut incoming, 0).map_err(transport_error)?;
        let (operation, inline) = split_word(received.message.operation);
        let inline_bytes = unpack(received.message.words);
        // Most requests are registers only: nothing to take from the record
        // but a badge, and the request keeps the empty handle set it is
        // built with (moving a set into it is a dozen moves).
        if !incoming.has_extras() {
            let payload = inline.and_then(|len| inline_bytes.get(..len)).unwrap_or(&[]);
            let mut request = Request::new(operation, payload);
            request.badge = incoming.badge();
            let mut deferral = KernelDeferral { reply_handle: received.reply };
            request.deferral = Some(&mut deferral);
            let mut reply = dispatcher.dispatch(request);
            return deferral.answer(&mut reply);
        }
        let handles = received_handles(&mut incoming);
        let lease_info = incoming.lease();
        let grant = incoming.take_grant();
        let payload: &[u8] = match inline {
            Some(len) => inline_bytes.get(..len).unwrap_or(&[]),
            None => incoming.data(),
        };
        let mut request = Request::new(operation, payload);
        request.badge = incoming.badge();
        request.handles = handles;
        request.grant = grant.map(|(pages, flags)| received_grant(pages, flags));
        match (received.reply, lease_info) {
            // A lease is read and written through the reply capability, so
            // the call cannot be deferred (the checker keeps leases out of
            // deferred methods; their dispatch refuses one as `BadLease`).
            (Some(reply_handle), Some((len, access))) => {
                let mut lease = KernelLease { reply: &reply_handle, len: len as usize, access };
                request.lease = Some(&mut lease);
                let mut reply = dispatcher.dispatch(request);
                answer(reply_handle, &mut reply)
            }
            (reply_handle, _) => {
                let mut deferral = KernelDeferral { reply_handle };
                request.deferral = Some(&mut deferral);
                let mut reply = dispatcher.dispatch(request);
                deferral.answer(&mut reply)
            }
        }
    }
}

/// Lets a dispatcher take a call's reply capability, to answer later.
struct KernelDeferral {
    reply_handle: Option<ReplyHandle>,
}

impl KernelDeferral {
    /// After dispatch: answers with `reply` unless the dispatcher deferred
    /// the call (or nobody waits: a one-way send has no reply handle).
    fn answer(self, reply: &mut Reply) -> Result<(), TransportError> {
        match self.reply_handle {
            Some(reply_handle) => answer(reply_handle, reply),
            None => Ok(()),
        }
    }
}

impl Deferral for KernelDeferral {
    fn defer(&mut self) -> Option<Responder> {
        let reply_handle = self.reply_handle.take()?;
        // `answer` handles a caller gone meanwhile and a refused reply
        // itself; nothing is left to report to the answering thread.
        Some(Responder::new(move |mut reply| {
            let _ = answer(reply_handle, &mut reply);
        }))
    }
}

/// Sends `reply` through `reply_handle`: in registers when it fits. The
/// reply is borrowed (its handles are moved out of it), not moved: a
/// `Reply` is 144 bytes, and moving it into the call was a `memcpy`.
fn answer(reply_handle: ReplyHandle, reply: &mut Reply) -> Result<(), TransportError> {
    let status = status_number(reply.status);
    let payload = reply.payload.as_slice();
    if payload.len() <= INLINE_CAPACITY && reply.handles.is_empty() {
        let message = Message { operation: operation_word(status, Some(payload.len())), words: pack(payload) };
        // A caller that died meanwhile is no reason to stop serving.
        let _ = ipc::reply(reply_handle, &message);
        return Ok(());
    }
    let mut outgoing = Outgoing::new(operation_word(status, None), payload);
    move_handles(&mut reply.handles, &mut outgoing);
    match extended::reply_message(reply_handle, &mut outgoing) {
        Ok(()) | Err((_, None)) => Ok(()),
        // The kernel refused the reply (the caller made no room for data, a
        // handle the server may not move): tell the caller in registers
        // rather than leave it waiting, and serve on.
        Err((_, Some(reply_handle))) => {
            let refusal = Status::Protocol(ProtocolError::ReplyEncoding);
            let message = Message { operation: operation_word(status_number(refusal), Some(0)), words: [0; 4] };
            let _ = ipc::reply(reply_handle, &message);
            Ok(())
        }
    }
}
