//! Kernel objects that handles name, for IPC.

use alloc::boxed::Box;
use alloc::collections::VecDeque;
use alloc::sync::Arc;

use barodia_abi::ObjectType;
use scheduler::ThreadId;
use spin::Mutex;

use super::clients::ClientHandles;
use super::device_memory::DeviceMemory;
use super::devices::{IoPortRange, IrqLine};
use super::extension::{Extension, Lease};
use super::watch::ProcessWatch;
use crate::task::ProcessId;

/// What a handle names. Cloning clones the reference, not the object.
#[derive(Debug, Clone)]
pub enum KernelObject {
    /// A rendezvous endpoint, and the badge messages sent through this
    /// handle carry (0: none).
    Endpoint(Arc<Endpoint>, u64),
    /// A one-shot capability to answer one call.
    Reply(ReplyCap),
    /// An interrupt line claimed from the platform.
    Irq(Arc<IrqLine>),
    /// A range of I/O ports claimed from the platform.
    IoPorts(IoPortRange),
    /// A process, for exit notifications.
    Process(Arc<ProcessWatch>),
    /// Authority over the machine's devices: claim IRQs and ports.
    Platform,
    /// Device memory: physical pages that are not RAM.
    DeviceMemory(DeviceMemory),
}

impl KernelObject {
    /// The type user space sees on a received handle.
    pub fn object_type(&self) -> ObjectType {
        match self {
            KernelObject::Endpoint(..) => ObjectType::Endpoint,
            KernelObject::Reply(_) => ObjectType::Reply,
            KernelObject::Irq(_) => ObjectType::Irq,
            KernelObject::IoPorts(_) => ObjectType::IoPorts,
            KernelObject::Process(_) => ObjectType::Process,
            KernelObject::Platform => ObjectType::Platform,
            KernelObject::DeviceMemory(_) => ObjectType::Memory,
        }
    }
}

/// The register part of a message: an operation number and four words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Message {
    /// Operation number (an interface's method ordinal), or a reply's status.
    pub operation: u64,
    /// Payload words.
    pub words: [u64; 4],
}

/// A sender waiting for a receiver.
#[derive(Debug)]
pub struct Pending {
    /// The blocked sender.
    pub thread: ThreadId,
    /// Its process, where the extension's data and handles are.
    pub process: ProcessId,
    /// What it sends.
    pub message: Message,
    /// Data, handles, lease and grant, if any (boxed: most messages have
    /// none, and the queue should not carry the room for one).
    pub extension: Option<Box<Extension>>,
    /// True for `Call` (it waits for a reply), false for `Send`.
    pub expects_reply: bool,
    /// The badge of the handle it sent through.
    pub badge: u64,
    /// The caller's `IncomingMessage` record for the reply (0 for none).
    pub reply_record: u64,
}

/// A receiver waiting for a sender.
#[derive(Debug, Clone, Copy)]
pub struct Waiting {
    /// The blocked receiver.
    pub thread: ThreadId,
    /// Its process.
    pub process: ProcessId,
    /// Its `IncomingMessage` record (0 for none).
    pub record: u64,
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
    pub receivers: VecDeque<Waiting>,
    /// Threads blocked in `Call` or `Send` with no receiver yet.
    pub senders: VecDeque<Pending>,
    /// Notifications (IRQs, process exits) no receiver has taken yet; a
    /// receiver takes these before any sender.
    pub notifications: VecDeque<Message>,
    /// Handles with the receive right: when none is left, no message can
    /// ever be received, so senders get `PeerGone`.
    pub receive_handles: usize,
    /// Client handles (send, not receive) by badge, and closures of badges
    /// not yet reported to a receiver.
    pub clients: ClientHandles,
}

/// The call a reply handle answers: a caller thread and which of its calls.
///
/// The call's details live in the caller's thread record ([`CallRecord`]),
/// so issuing a reply capability allocates nothing; the sequence number
/// makes a capability for an earlier call of the same thread worthless.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyCap {
    /// The caller.
    pub caller: ThreadId,
    /// Which of its calls.
    pub sequence: u64,
    /// For a call that lent pages (`CallLoan`): the thread whose loan
    /// window maps them until the call ends; [`ReplyCap::NO_WINDOW`]
    /// otherwise. Not an `Option`: that would make every handle-table slot
    /// 8 bytes larger, which the register round trip pays for.
    window: ThreadId,
}

impl ReplyCap {
    /// No thread: a call that lent nothing.
    const NO_WINDOW: ThreadId = ThreadId::new(u32::MAX, u32::MAX);

    /// The capability for call `sequence` of `caller`, which lent pages
    /// into the window of thread `window`, if any.
    #[inline]
    pub fn new(caller: ThreadId, sequence: u64, window: Option<ThreadId>) -> ReplyCap {
        ReplyCap { caller, sequence, window: window.unwrap_or(Self::NO_WINDOW) }
    }

    /// The thread whose loan window holds this call's loan, if it lent pages.
    #[inline]
    pub fn window(&self) -> Option<ThreadId> {
        (self.window != Self::NO_WINDOW).then_some(self.window)
    }
}

/// A thread's side of the call it is blocked in, if any.
#[derive(Debug, Clone, Copy, Default)]
pub struct CallRecord {
    /// Counts the thread's delivered calls; a reply capability names one.
    pub sequence: u64,
    /// The call a server holds a reply capability for, until answered.
    pub active: Option<ActiveCall>,
}

/// A delivered call awaiting its reply.
#[derive(Debug, Clone, Copy)]
pub struct ActiveCall {
    /// The caller's process.
    pub process: ProcessId,
    /// The caller's `IncomingMessage` record for the reply (0 for none).
    pub reply_record: u64,
    /// The memory the caller lent for this call, if any.
    pub lease: Option<Lease>,
}
