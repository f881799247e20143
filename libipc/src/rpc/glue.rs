//! Small functions generated clients and servers call, so the generated code
//! stays a thin, readable layer over tested runtime code.

use core::convert::Infallible;

use super::error::{CallError, ProtocolError};
use super::handle::{Handle, HandleSet};
use super::message::{CONNECT_OPERATION, Payload, Reply, Request, Status};
use super::shape::HandleSpec;
use super::transport::Channel;
use crate::wire::{self, DecodeError, Wire};

/// Server side: answers the connect handshake for an interface whose schema
/// hash is `schema_hash`.
pub fn answer_connect(request: &Request<'_>, schema_hash: u64) -> Reply {
    match wire::decode_from::<u64>(request.payload) {
        Ok(hash) if hash == schema_hash && request.handles.is_empty() => {
            Reply::with_value(Status::Ok, &())
        }
        Ok(_) => Reply::protocol(ProtocolError::SchemaMismatch),
        Err(error) => Reply::protocol(error.into()),
    }
}

/// Server side: a reply carrying `handle` and an empty payload.
pub fn reply_with_handle(status: Status, handle: Handle) -> Reply {
    let mut handles = HandleSet::new();
    // A fresh set has room for one handle; `push` cannot fail here, and if it
    // did the handle would be closed by the drop, which is the safe outcome.
    let _ = handles.push(handle);
    Reply {
        status,
        payload: Payload::new(),
        handles,
    }
}

/// Client side: sends the connect handshake with the client's schema hash.
pub fn connect<C: Channel>(channel: &mut C, schema_hash: u64) -> Result<(), CallError<Infallible>> {
    let payload = Payload::encode(&schema_hash).map_err(CallError::Encode)?;
    let reply = channel.call(Request::new(CONNECT_OPERATION, payload.as_slice()))?;
    decode_reply(reply)
}

/// Client side: turns a reply into the method's result.
///
/// The payload must hold exactly one `T` (or one `E` for an error status), and
/// the reply must carry no handles.
pub fn decode_reply<T: Wire, E: Wire>(reply: Reply) -> Result<T, CallError<E>> {
    if !reply.handles.is_empty() {
        return Err(CallError::ReplyHandles(ProtocolError::WrongHandleCount));
    }
    match reply.status {
        Status::Ok => {
            wire::decode_from::<T>(reply.payload.as_slice()).map_err(CallError::from_reply_decode)
        }
        Status::Error => match wire::decode_from::<E>(reply.payload.as_slice()) {
            Ok(error) => Err(CallError::Interface(error)),
            Err(error) => Err(CallError::from_reply_decode(error)),
        },
        Status::Protocol(error) => Err(CallError::Protocol(error)),
    }
}

/// Client side: turns a reply whose success value is a handle into the result,
/// checking the handle's type and rights against `spec`.
pub fn decode_handle_reply<E: Wire>(
    mut reply: Reply,
    spec: HandleSpec,
) -> Result<Handle, CallError<E>> {
    if reply.status != Status::Ok {
        return decode_reply::<(), E>(reply).and(Err(CallError::BadReply(DecodeError::BadValue)));
    }
    if !reply.payload.as_slice().is_empty() {
        return Err(CallError::BadReply(DecodeError::TrailingBytes));
    }
    if reply.handles.len() != 1 {
        return Err(CallError::ReplyHandles(ProtocolError::WrongHandleCount));
    }
    let handle = reply
        .handles
        .take(0)
        .ok_or(CallError::ReplyHandles(ProtocolError::WrongHandleCount))?;
    if handle.object() != spec.object {
        return Err(CallError::ReplyHandles(ProtocolError::WrongHandleType));
    }
    if !handle.rights().contains(spec.rights) {
        return Err(CallError::ReplyHandles(ProtocolError::WrongHandleRights));
    }
    Ok(handle)
}
