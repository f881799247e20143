//! Messages, handles, leases and transports: what generated clients and servers
//! run on.
//!
//! A message (modelled on what the kernel's IPC carries) is an operation number
//! (the method's ordinal), an inline payload of at most [`MAX_PAYLOAD`] bytes,
//! at most [`MAX_HANDLES`] handles, an optional [`Lease`] and an optional
//! [`Grant`]. A [`Reply`] carries a [`Status`], a payload and handles.
//!
//! Clients talk through a [`Channel`]; servers wait on a [`Receiver`]. On
//! the target, `KernelChannel` and `KernelReceiver` implement them over the
//! kernel's endpoints; [`Loopback`] connects a client straight to a server's
//! dispatch function in the same thread, which is what host tests use.
//!
//! A server may answer a call later ([`Request::defer`], for the IDL's
//! `deferred` methods): it keeps the call's [`Responder`] and answers through
//! it, from any thread, while it serves other calls.
//!
//! Operation 0 is never a method (the checker rejects `@0`): it is the connect
//! handshake, whose payload is the client's schema hash (see [`CONNECT_OPERATION`]).

mod error;
mod glue;
mod grant;
mod handle;
#[cfg(target_os = "none")]
mod kernel;
mod lease;
mod loopback;
mod message;
mod responder;
pub mod registers;
mod rights;
mod shape;
mod transport;

pub use error::{CallError, ProtocolError, TransportError};
pub use glue::{answer_connect, connect, decode_handle_reply, decode_reply, reply_with_handle};
pub use grant::{Grant, GrantMemory, GrantMode};
#[cfg(not(target_os = "none"))]
pub use handle::test_handles;
pub use handle::{Handle, HandleSet};
pub use lease::{Lease, LeaseError, LeaseIn, LeaseOut, LeaseRegion, SliceLease};
#[cfg(target_os = "none")]
pub use kernel::{KernelChannel, KernelReceiver};
pub use loopback::Loopback;
pub use message::{CONNECT_OPERATION, INLINE_PAYLOAD, MAX_HANDLES, MAX_PAYLOAD, Payload, Reply, Request, Status};
pub use responder::{Deferral, Responder};
pub use rights::{ObjectType, Rights};
pub use shape::{GrantSpec, HandleSpec, LeaseSpec, MethodShape};
pub use transport::{Channel, Dispatch, Receiver, serve};

#[cfg(test)]
mod tests;
