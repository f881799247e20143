//! Answering a call later: the [`Responder`] a deferred method keeps, and the
//! [`Deferral`] a transport lends a request so its dispatcher can take one.
//!
//! Most methods answer as they return: the dispatcher hands its [`Reply`] back
//! to the transport, which delivers it. A `deferred` method instead calls
//! [`Request::defer`](super::Request::defer) after the request is validated;
//! the transport then gives up the call's reply capability to a `Responder`
//! and sends nothing when dispatch returns. The server keeps the responder
//! (it is `Send` and `'static`: it may move to another thread) and answers
//! whenever it can, while it goes on serving other calls.
//!
//! A responder answers exactly once. Dropping it unanswered answers
//! [`ProtocolError::Abandoned`], so a caller never waits for ever on a
//! server that forgot a call, and learns by name why no result came. (The
//! kernel would tell it `PeerGone` if the reply capability were only closed,
//! which wrongly says the whole server is gone.)

use alloc::boxed::Box;

use super::error::ProtocolError;
use super::message::Reply;

/// Where a responder's answer goes: the transport's way of delivering it.
type Sink = Box<dyn FnOnce(Reply) + Send + 'static>;

/// The right to answer one call, now or later, from any thread of the server.
///
/// Answer with [`Responder::reply`]; dropping it unanswered answers
/// [`ProtocolError::Abandoned`]. Generated servers wrap it in a typed
/// responder per deferred method (`ReadResponder` and so on), whose `reply`
/// takes the method's result instead of an encoded [`Reply`].
pub struct Responder {
    /// `None` once answered, or for a detached responder.
    sink: Option<Sink>,
}

impl Responder {
    /// A responder that delivers its answer through `sink` (for transports;
    /// `sink` runs once, on the thread that answers or drops the responder).
    pub fn new(sink: impl FnOnce(Reply) + Send + 'static) -> Self {
        Responder { sink: Some(Box::new(sink)) }
    }

    /// A responder whose answer goes nowhere: for a call no one waits on (a
    /// one-way send), or a transport that cannot keep a call open.
    pub fn detached() -> Self {
        Responder { sink: None }
    }

    /// True if a caller waits for this answer.
    pub fn is_attached(&self) -> bool {
        self.sink.is_some()
    }

    /// Answers the call with `reply`.
    pub fn reply(mut self, reply: Reply) {
        if let Some(sink) = self.sink.take() {
            sink(reply);
        }
    }
}

impl Drop for Responder {
    fn drop(&mut self) {
        if let Some(sink) = self.sink.take() {
            sink(Reply::protocol(ProtocolError::Abandoned));
        }
    }
}

impl core::fmt::Debug for Responder {
    fn fmt(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        formatter.debug_struct("Responder").field("attached", &self.is_attached()).finish()
    }
}

/// What a transport lends a request so that its dispatcher can keep the call
/// open: see [`Request::defer`](super::Request::defer).
pub trait Deferral {
    /// Takes the call's reply capability out of the transport's hands. After
    /// this the transport sends no reply of its own. `None` if it cannot: no
    /// caller waits, or a responder was already taken for this call.
    fn defer(&mut self) -> Option<Responder>;
}
