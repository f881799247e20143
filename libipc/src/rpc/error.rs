//! Transport, protocol and call errors, kept apart from each interface's own.

use crate::wire::{DecodeError, EncodeError};

/// Why a server refused a message before it reached the interface's code.
///
/// The serve loop sends it back as the reply's status; a client sees it as
/// [`CallError::Protocol`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum ProtocolError {
    /// The operation number is no method of the interface.
    UnknownOperation = 1,
    /// The payload is shorter or longer than the request's encoding.
    BadLength = 2,
    /// A padding byte is not zero.
    BadPadding = 3,
    /// A `bool` or enum holds a value it cannot have.
    BadValue = 4,
    /// A string is longer than its bound.
    StringTooLong = 5,
    /// A `bytes` or `vec` is longer than its bound.
    TooLong = 6,
    /// A string is not UTF-8.
    InvalidUtf8 = 7,
    /// The message carries more or fewer handles than the method takes.
    WrongHandleCount = 8,
    /// A handle names the wrong kind of kernel object.
    WrongHandleType = 9,
    /// A handle lacks a right the method requires.
    WrongHandleRights = 10,
    /// The lease is missing, unexpected, too long, or lacks the access needed.
    BadLease = 11,
    /// The grant is missing, unexpected, too large, or has the wrong rights or mode.
    BadGrant = 12,
    /// The client was built against a different schema (connect handshake).
    SchemaMismatch = 13,
    /// The server could not encode its reply (a bug in the server).
    ReplyEncoding = 14,
    /// The server gave up the call without answering: it dropped a deferred
    /// method's responder, or its transport could not keep the call open.
    Abandoned = 15,
}

impl ProtocolError {
    /// Every error, in numeric order.
    pub const ALL: [ProtocolError; 15] = [
        ProtocolError::UnknownOperation,
        ProtocolError::BadLength,
        ProtocolError::BadPadding,
        ProtocolError::BadValue,
        ProtocolError::StringTooLong,
        ProtocolError::TooLong,
        ProtocolError::InvalidUtf8,
        ProtocolError::WrongHandleCount,
        ProtocolError::WrongHandleType,
        ProtocolError::WrongHandleRights,
        ProtocolError::BadLease,
        ProtocolError::BadGrant,
        ProtocolError::SchemaMismatch,
        ProtocolError::ReplyEncoding,
        ProtocolError::Abandoned,
    ];
}

/// Written by hand rather than derived so an unknown number is a named error,
/// not a panic or a silent default.
impl TryFrom<u32> for ProtocolError {
    type Error = DecodeError;

    fn try_from(raw: u32) -> Result<Self, DecodeError> {
        ProtocolError::ALL
            .into_iter()
            .find(|error| *error as u32 == raw)
            .ok_or(DecodeError::BadValue)
    }
}

impl From<DecodeError> for ProtocolError {
    fn from(error: DecodeError) -> Self {
        match error {
            DecodeError::TooShort | DecodeError::TrailingBytes => ProtocolError::BadLength,
            DecodeError::BadPadding => ProtocolError::BadPadding,
            DecodeError::BadValue => ProtocolError::BadValue,
            DecodeError::StringTooLong => ProtocolError::StringTooLong,
            DecodeError::TooLong => ProtocolError::TooLong,
            DecodeError::InvalidUtf8 => ProtocolError::InvalidUtf8,
        }
    }
}

/// Why a transport could not deliver a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransportError {
    /// The other side's endpoint is closed.
    PeerGone,
    /// The kernel refused the message: a handle that may not be moved, a
    /// lease it cannot read, a full handle table, ...
    Refused(barodia_abi::SysError),
    /// The transport cannot carry this (page grants over the kernel
    /// transport, for now).
    Unsupported,
    /// The server deferred the call and had not answered it when its
    /// dispatch returned. Only [`Loopback`](super::Loopback) reports it: it
    /// runs the server in the caller's thread, so it cannot wait; the answer
    /// is in [`Loopback::late_reply`](super::Loopback::late_reply) once the
    /// server gives it. Over the kernel the caller simply blocks.
    Deferred,
}

/// Why a client call failed: the transport, the protocol, or the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallError<E> {
    /// The server is gone (its endpoint closed, or it died).
    PeerGone,
    /// The client could not encode the request (a value over its bound, or a
    /// lease over its limit).
    Encode(EncodeError),
    /// The server refused the request as malformed.
    Protocol(ProtocolError),
    /// The reply payload ended before its value did.
    ReplyTooSmall,
    /// The reply did not decode for another reason (bad value, padding, ...),
    /// or carried a status or handles the method cannot produce.
    BadReply(DecodeError),
    /// The reply's handles do not match the method: their count, type or rights.
    ReplyHandles(ProtocolError),
    /// The server answered with the interface's error.
    Interface(E),
    /// The transport could not deliver the request (see [`TransportError`]).
    Transport(TransportError),
}

impl<E> From<TransportError> for CallError<E> {
    fn from(error: TransportError) -> Self {
        match error {
            TransportError::PeerGone => CallError::PeerGone,
            other => CallError::Transport(other),
        }
    }
}

impl<E> CallError<E> {
    /// Classifies a reply decoding failure.
    pub fn from_reply_decode(error: DecodeError) -> Self {
        match error {
            DecodeError::TooShort => CallError::ReplyTooSmall,
            other => CallError::BadReply(other),
        }
    }
}
