//! The traits a transport implements: [`Channel`] for clients, [`Receiver`]
//! for servers, and [`Dispatch`] for what a server does with a request.

use super::error::TransportError;
use super::message::{Reply, Request};

/// A client's end of a connection.
pub trait Channel {
    /// Sends `request` and waits for the reply.
    fn call(&mut self, request: Request<'_>) -> Result<Reply, TransportError>;

    /// Sends `request` without waiting (one-way methods).
    fn send(&mut self, request: Request<'_>) -> Result<(), TransportError>;
}

/// Turns one request into its reply; generated servers implement it.
///
/// It must not panic and must always produce a reply: malformed requests get a
/// protocol-error reply. A dispatcher that defers a call ([`Request::defer`])
/// returns [`Reply::deferred`], which the transport drops once it has handed
/// the call's responder out.
pub trait Dispatch {
    /// Handles one request.
    fn dispatch(&mut self, request: Request<'_>) -> Reply;
}

/// A server's end of a connection.
pub trait Receiver {
    /// Waits for the next request, lets `dispatcher` handle it, and delivers
    /// the reply if the sender waits for one (not for one-way sends) and the
    /// dispatcher did not defer it. A receiver that can keep a call open lends
    /// the request a [`Deferral`](super::Deferral).
    fn receive_and_reply(&mut self, dispatcher: &mut dyn Dispatch) -> Result<(), TransportError>;
}

/// Serves requests until the transport fails; returns why it stopped.
pub fn serve<R: Receiver + ?Sized>(
    receiver: &mut R,
    dispatcher: &mut dyn Dispatch,
) -> TransportError {
    loop {
        if let Err(error) = receiver.receive_and_reply(dispatcher) {
            return error;
        }
    }
}
