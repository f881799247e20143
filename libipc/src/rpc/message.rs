//! Requests, replies and their inline payloads.

use super::error::ProtocolError;
use super::grant::Grant;
use super::handle::HandleSet;
use super::lease::Lease;
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

/// An inline payload: at most [`MAX_PAYLOAD`] bytes, stored inline.
#[derive(Clone, PartialEq, Eq)]
pub struct Payload {
    bytes: [u8; MAX_PAYLOAD],
    len: usize,
}

impl Payload {
    /// An empty payload.
    pub const fn new() -> Self {
        Payload {
            bytes: [0; MAX_PAYLOAD],
            len: 0,
        }
    }

    /// Encodes `value` as a whole payload.
    pub fn encode<T: Wire>(value: &T) -> Result<Self, EncodeError> {
        let mut payload = Payload::new();
        let mut encoder = Encoder::new(&mut payload.bytes);
        value.encode(&mut encoder)?;
        payload.len = encoder.len();
        Ok(payload)
    }

    /// Copies raw bytes (for transports and tests).
    pub fn from_slice(bytes: &[u8]) -> Result<Self, EncodeError> {
        let mut payload = Payload::new();
        payload
            .bytes
            .get_mut(..bytes.len())
            .ok_or(EncodeError::BufferFull)?
            .copy_from_slice(bytes);
        payload.len = bytes.len();
        Ok(payload)
    }

    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or(&[])
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
        }
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

    /// A reply with `status` and `value` as its payload; an encoding failure
    /// (a server bug: the checker bounds every value) becomes a protocol error.
    pub fn with_value<T: Wire>(status: Status, value: &T) -> Self {
        match Payload::encode(value) {
            Ok(payload) => Reply {
                status,
                payload,
                handles: HandleSet::new(),
            },
            Err(_) => Reply::protocol(ProtocolError::ReplyEncoding),
        }
    }
}
