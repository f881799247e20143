//! Requests, replies and their inline payloads.

use alloc::vec;
use alloc::vec::Vec;

use super::error::ProtocolError;
use super::grant::Grant;
use super::handle::HandleSet;
use super::lease::Lease;
use super::responder::{Deferral, Responder};
use crate::wire::{EncodeError, Encoder, Wire};

/// The largest inline payload of a request or reply, in bytes. idlc's checker
/// proves every method's worst case fits (its `limits::MAX_INLINE_PAYLOAD`).
pub const MAX_PAYLOAD: usize = 4096;

/// The most handles one message carries.
pub const MAX_HANDLES: usize = 4;

/// The operation number of the connect handshake: its payload is the client's
/// schema hash (`u64`); the server replies `Ok` or
/// [`ProtocolError::SchemaMismatch`]. No method can have it (ordinals start at 1).
pub const CONNECT_OPERATION: u32 = 0;

/// Payload bytes kept inside a [`Payload`] itself; longer ones go to the
/// heap. Most requests and replies are this small, and a `Payload` is moved
/// by value through every layer, so it must stay small too: copying (or
/// zeroing) a 4 KiB buffer at each step cost more than the kernel's whole
/// round trip.
pub const INLINE_PAYLOAD: usize = 32;

/// A payload of at most [`MAX_PAYLOAD`] bytes: up to [`INLINE_PAYLOAD`]
/// inline, longer ones on the heap.
#[derive(Clone, PartialEq, Eq)]
pub struct Payload {
    inline: [u8; INLINE_PAYLOAD],
    len: usize,
    heap: Option<Vec<u8>>,
}

impl Payload {
    /// An empty payload.
    pub const fn new() -> Self {
        Payload { inline: [0; INLINE_PAYLOAD], len: 0, heap: None }
    }

    /// Encodes `value` as a whole payload.
    pub fn encode<T: Wire>(value: &T) -> Result<Self, EncodeError> {
        let mut payload = Payload::new();
        payload.encode_in_place(value)?;
        Ok(payload)
    }

    /// Encodes `value` as the whole payload, replacing what it held; on an
    /// error it is left empty. Generated clients and `Reply::with_value`
    /// encode this way: a `Payload` returned in a `Result` is copied at each
    /// step on its way out.
    pub fn encode_in_place<T: Wire>(&mut self, value: &T) -> Result<(), EncodeError> {
        // Unused inline bytes stay zero: equality compares all of them.
        *self = Payload::new();
        let mut encoder = Encoder::new(&mut self.inline);
        match value.encode(&mut encoder) {
            Ok(()) => {
                self.len = encoder.len();
                Ok(())
            }
            // Too big to keep inline: encode again into a full-size buffer.
            Err(EncodeError::BufferFull) => {
                self.inline = [0; INLINE_PAYLOAD];
                let mut bytes = vec![0u8; MAX_PAYLOAD];
                let mut encoder = Encoder::new(&mut bytes);
                value.encode(&mut encoder)?;
                let len = encoder.len();
                bytes.truncate(len);
                self.len = len;
                self.heap = Some(bytes);
                Ok(())
            }
            Err(error) => {
                self.inline = [0; INLINE_PAYLOAD];
                Err(error)
            }
        }
    }

    /// Copies raw bytes (for transports and tests).
    pub fn from_slice(bytes: &[u8]) -> Result<Self, EncodeError> {
        if bytes.len() > MAX_PAYLOAD {
            return Err(EncodeError::BufferFull);
        }
        let mut payload = Payload::new();
        match payload.inline.get_mut(..bytes.len()) {
            Some(inline) => inline.copy_from_slice(bytes),
            None => payload.heap = Some(bytes.to_vec()),
        }
        payload.len = bytes.len();
        Ok(payload)
    }

    /// The first `len` of `bytes` (all of them if `len` is larger): a
    /// whole-array copy, where [`Payload::from_slice`] copies a slice of any
    /// length with a `memcpy` call (for transports).
    pub fn from_inline(bytes: [u8; INLINE_PAYLOAD], len: usize) -> Self {
        Payload { inline: bytes, len: len.min(INLINE_PAYLOAD), heap: None }
    }

    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        match &self.heap {
            Some(bytes) => bytes,
            None => self.inline.get(..self.len).unwrap_or(&[]),
        }
    }
}

impl Default for Payload {
    fn default() -> Self {
        Payload::new()
    }
}

impl core::fmt::Debug for Payload {
    fn fmt(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        formatter
            .debug_tuple("Payload")
            .field(&self.as_slice())
            .finish()
    }
}

/// A message on its way to a server.
pub struct Request<'a> {
    /// The method's ordinal (or [`CONNECT_OPERATION`]).
    pub operation: u32,
    /// The encoded arguments.
    pub payload: &'a [u8],
    /// The handles, in the order of the method's `cap` parameters.
    pub handles: HandleSet,
    /// The caller's lent memory, if any.
    pub lease: Option<&'a mut dyn Lease>,
    /// Granted pages, if any.
    pub grant: Option<Grant>,
    /// Set by generated clients for methods whose every reply fits in a
    /// message's registers (32 bytes, no handle): the kernel transport can
    /// then make a register-only call, its fastest path.
    pub small_reply: bool,
    /// Lent by a server's transport that can keep the call open for a later
    /// answer; see [`Request::defer`]. Clients leave it `None` (transports
    /// ignore it on the way out).
    pub deferral: Option<&'a mut dyn Deferral>,
    /// Set by a server's transport: the badge of the handle the request
    /// came through (0 for none), which tells clients apart when the
    /// server gave each its own badged handle (`Handle::duplicate_badged`).
    /// A server that cares implements `Dispatch` itself, reads this, and
    /// then calls the generated `dispatch`. Clients leave it 0.
    pub badge: u64,
}

impl<'a> Request<'a> {
    /// A request with only an operation and a payload.
    pub fn new(operation: u32, payload: &'a [u8]) -> Self {
        Request {
            operation,
            payload,
            handles: HandleSet::new(),
            lease: None,
            grant: None,
            small_reply: false,
            deferral: None,
            badge: 0,
        }
    }

    /// Defers the answer: returns the call's [`Responder`], and the transport
    /// sends no reply when dispatch returns (it ignores the dispatcher's
    /// [`Reply::deferred`]). Generated dispatchers call it for `deferred`
    /// methods, after the request is validated.
    ///
    /// Without a [`Deferral`] (no caller waits, as for a one-way send, or the
    /// transport cannot keep calls open) or if called twice, the responder is
    /// detached: its answer goes nowhere, and a waiting caller gets the
    /// dispatcher's `Reply::deferred()`, which is
    /// [`ProtocolError::Abandoned`].
    pub fn defer(&mut self) -> Responder {
        self.deferral
            .as_mut()
            .and_then(|deferral| deferral.defer())
            .unwrap_or_else(Responder::detached)
    }
}

impl core::fmt::Debug for Request<'_> {
    fn fmt(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        formatter
            .debug_struct("Request")
            .field("operation", &self.operation)
            .field("payload", &self.payload)
            .field("handles", &self.handles)
            .field("lease", &self.lease.as_ref().map(|lease| lease.len()))
            .field("grant", &self.grant)
            .field("deferrable", &self.deferral.is_some())
            .finish()
    }
}

/// How a request went, as the reply reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Success: the payload holds the method's result.
    Ok,
    /// The method failed: the payload holds its error enum's value.
    Error,
    /// The serve loop refused the request before the method saw it.
    Protocol(ProtocolError),
}

/// A server's answer.
#[derive(Debug)]
pub struct Reply {
    /// How it went.
    pub status: Status,
    /// The result or error value (empty for a protocol error).
    pub payload: Payload,
    /// Handles returned to the caller.
    pub handles: HandleSet,
}

impl Reply {
    /// A reply that refuses the request.
    pub fn protocol(error: ProtocolError) -> Self {
        Reply {
            status: Status::Protocol(error),
            payload: Payload::new(),
            handles: HandleSet::new(),
        }
    }

    /// What a dispatcher returns for a call it deferred ([`Request::defer`]).
    /// A transport that handed out the call's responder ignores it; one that
    /// could not (no caller waits, or it cannot keep calls open) delivers it,
    /// and the caller sees [`ProtocolError::Abandoned`]: no answer will come.
    pub fn deferred() -> Self {
        Reply::protocol(ProtocolError::Abandoned)
    }

    /// A reply with `status` and `value` as its payload; an encoding failure
    /// (a server bug: the checker bounds every value) becomes a protocol error.
    pub fn with_value<T: Wire>(status: Status, value: &T) -> Self {
        // Built in place: the payload is encoded where the reply holds it.
        let mut reply = Reply { status, payload: Payload::new(), handles: HandleSet::new() };
        match reply.payload.encode_in_place(value) {
            Ok(()) => reply,
            Err(_) => Reply::protocol(ProtocolError::ReplyEncoding),
        }
    }
}
