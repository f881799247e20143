//! An in-memory transport: a client calls straight into a dispatcher.

use super::error::TransportError;
use super::message::{Reply, Request};
use super::transport::{Channel, Dispatch};

/// Connects a client to a server's [`Dispatch`] in the same thread.
///
/// Each call runs the dispatcher to completion and returns its reply, so tests
/// are deterministic. [`Loopback::disconnect`] simulates the server going away.
#[derive(Debug)]
pub struct Loopback<D> {
    dispatcher: D,
    connected: bool,
}

impl<D: Dispatch> Loopback<D> {
    /// Connects to `dispatcher`.
    pub fn new(dispatcher: D) -> Self {
        Loopback {
            dispatcher,
            connected: true,
        }
    }

    /// From now on every call fails with [`TransportError::PeerGone`].
    pub fn disconnect(&mut self) {
        self.connected = false;
    }

    /// The dispatcher (to inspect a server's state in tests).
    pub fn dispatcher(&self) -> &D {
        &self.dispatcher
    }
}

impl<D: Dispatch> Channel for Loopback<D> {
    fn call(&mut self, request: Request<'_>) -> Result<Reply, TransportError> {
        if !self.connected {
            return Err(TransportError::PeerGone);
        }
        Ok(self.dispatcher.dispatch(request))
    }

    fn send(&mut self, request: Request<'_>) -> Result<(), TransportError> {
        // A one-way send gets no reply; the dispatcher's is dropped here, as
        // the kernel drops it when the sender holds no reply capability.
        self.call(request).map(drop)
    }
}
