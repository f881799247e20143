//! An in-memory transport: a client calls straight into a dispatcher.

use alloc::sync::Arc;

use super::error::TransportError;
use super::lease::Lease;
use super::message::{Reply, Request};
use super::responder::{Deferral, Responder};
use super::transport::{Channel, Dispatch};

/// Where a deferred call's answer lands, whichever thread gives it.
type Slot = Arc<spin::Mutex<Option<Reply>>>;

/// Connects a client to a server's [`Dispatch`] in the same thread.
///
/// Each call runs the dispatcher to completion and returns its reply, so tests
/// are deterministic. [`Loopback::disconnect`] simulates the server going away.
///
/// A call the server defers ([`Request::defer`]) returns its answer if the
/// server gave it during dispatch (a dropped responder gives
/// `ProtocolError::Abandoned`). Otherwise the loopback cannot wait, since the
/// server runs in the caller's thread: the call fails with
/// [`TransportError::Deferred`], and [`Loopback::late_reply`] returns the
/// answer once the server gives it (say, during a later call).
#[derive(Debug)]
pub struct Loopback<D> {
    dispatcher: D,
    connected: bool,
    /// The answer slot of the last call that returned `Deferred`.
    late: Option<Slot>,
}

impl<D: Dispatch> Loopback<D> {
    /// Connects to `dispatcher`.
    pub fn new(dispatcher: D) -> Self {
        Loopback {
            dispatcher,
            connected: true,
            late: None,
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

    /// The dispatcher, mutably (to take a responder a test server kept).
    pub fn dispatcher_mut(&mut self) -> &mut D {
        &mut self.dispatcher
    }

    /// The answer to the last call that failed with
    /// [`TransportError::Deferred`], once the server has given it (taken:
    /// a second look returns `None`).
    pub fn late_reply(&self) -> Option<Reply> {
        self.late.as_ref().and_then(|slot| slot.lock().take())
    }
}

/// The loopback's [`Deferral`]: one answer slot per call, made on demand.
#[derive(Default)]
struct LoopbackDeferral {
    slot: Option<Slot>,
}

impl Deferral for LoopbackDeferral {
    fn defer(&mut self) -> Option<Responder> {
        if self.slot.is_some() {
            return None;
        }
        let slot: Slot = Arc::new(spin::Mutex::new(None));
        self.slot = Some(Arc::clone(&slot));
        Some(Responder::new(move |reply| *slot.lock() = Some(reply)))
    }
}

impl<D: Dispatch> Channel for Loopback<D> {
    fn call(&mut self, request: Request<'_>) -> Result<Reply, TransportError> {
        if !self.connected {
            return Err(TransportError::PeerGone);
        }
        let mut deferral = LoopbackDeferral::default();
        // Rebuilt so it may borrow `deferral`, which lives shorter than the
        // caller's request.
        let Request { operation, payload, handles, lease, grant, small_reply, deferral: _, badge } = request;
        let request = Request {
            operation,
            payload,
            handles,
            lease: lease.map(|lease| lease as &mut dyn Lease),
            grant,
            small_reply,
            deferral: Some(&mut deferral),
            badge,
        };
        let reply = self.dispatcher.dispatch(request);
        let Some(slot) = deferral.slot else {
            return Ok(reply);
        };
        let answered = slot.lock().take();
        match answered {
            Some(answer) => Ok(answer),
            None => {
                self.late = Some(slot);
                Err(TransportError::Deferred)
            }
        }
    }

    fn send(&mut self, mut request: Request<'_>) -> Result<(), TransportError> {
        if !self.connected {
            return Err(TransportError::PeerGone);
        }
        // A one-way send gets no reply; the dispatcher's is dropped here, as
        // the kernel drops it when the sender holds no reply capability. No
        // deferral either: a deferred method gets a detached responder.
        request.deferral = None;
        drop(self.dispatcher.dispatch(request));
        Ok(())
    }
}
