//! Kernel objects that handles name, for IPC.

use alloc::collections::VecDeque;
use alloc::sync::Arc;

use scheduler::ThreadId;
use spin::Mutex;

/// What a handle names. Cloning clones the reference, not the object.
#[derive(Debug, Clone)]
pub enum KernelObject {
    /// A rendezvous endpoint.
    Endpoint(Arc<Endpoint>),
    /// A one-shot capability to answer one call.
    Reply(Arc<ReplySlot>),
}

/// The inline part of a message: an operation number and four words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Message {
    /// Operation number (an interface's method ordinal).
    pub operation: u64,
    /// Payload words.
    pub words: [u64; 4],
}

/// A sender waiting for a receiver.
#[derive(Debug, Clone, Copy)]
pub struct Pending {
    /// The blocked sender.
    pub thread: ThreadId,
    /// What it sends.
    pub message: Message,
    /// True for `Call` (it waits for a reply), false for `Send`.
    pub expects_reply: bool,
}

/// A rendezvous point: senders and receivers meet here; whoever arrives
/// first waits, in arrival order.
#[derive(Debug, Default)]
pub struct Endpoint {
    /// Its queues; locked only inside the task lock (single CPU), so the lock
    /// documents ownership rather than guarding against contention.
    pub state: Mutex<EndpointState>,
}

/// The queues of an endpoint.
#[derive(Debug, Default)]
pub struct EndpointState {
    /// Threads blocked in `Receive`.
    pub receivers: VecDeque<ThreadId>,
    /// Threads blocked in `Call` or `Send` with no receiver yet.
    pub senders: VecDeque<Pending>,
    /// Handles with the receive right: when none is left, no message can
    /// ever be received, so senders get `PeerGone`.
    pub receive_handles: usize,
}

/// The caller a reply handle answers; taken by the one reply.
#[derive(Debug)]
pub struct ReplySlot {
    /// The caller, until replied to or released.
    pub caller: Mutex<Option<ThreadId>>,
}
