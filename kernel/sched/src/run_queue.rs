//! The ready queue: threads waiting for the CPU, served first in, first out.

use crate::keyed::KeyedThreads;
use crate::ticket::TicketCounter;
use crate::{QueueError, ThreadId};

/// Ready threads in round-robin order.
///
/// A thread is in the queue at most once: [`push_back`](Self::push_back) of a
/// queued thread is an error ([`QueueError::AlreadyQueued`]) and leaves the
/// thread where it was. Strict rather than idempotent, because a second push
/// means the kernel lost track of the thread's state, and silently ignoring it
/// would hide that; the [`Scheduler`](crate::Scheduler) decides per call what
/// a repeated wake-up means.
///
/// Every operation is O(log n) in the number of queued threads; there is no
/// O(n) scan, so a thread killed while ready leaves in O(log n) too.
#[derive(Clone, Debug)]
pub struct RunQueue {
    /// The threads, keyed by the ticket they got when pushed.
    threads: KeyedThreads<u64>,
    /// Tickets for pushes; a later push gets a larger ticket.
    tickets: TicketCounter,
}

impl RunQueue {
    /// An empty queue. Allocates nothing until the first push.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            threads: KeyedThreads::new(),
            tickets: TicketCounter::new(),
        }
    }

    /// An empty queue whose next ticket is `next`, to test renumbering.
    #[cfg(test)]
    pub(crate) const fn with_next_ticket(next: u64) -> Self {
        Self {
            threads: KeyedThreads::new(),
            tickets: TicketCounter::starting_at(next),
        }
    }

    /// Adds `thread` at the back.
    ///
    /// # Errors
    ///
    /// [`QueueError::AlreadyQueued`] if `thread` is already in the queue; it
    /// keeps its place.
    pub fn push_back(&mut self, thread: ThreadId) -> Result<(), QueueError> {
        if self.threads.key_of(thread).is_some() {
            return Err(QueueError::AlreadyQueued);
        }
        let ticket = self.take_ticket();
        self.threads.insert(thread, ticket)
    }

    /// Takes the thread at the front out, or returns `None` if the queue is
    /// empty.
    pub fn pop_front(&mut self) -> Option<ThreadId> {
        self.threads.pop_first().map(|(_, thread)| thread)
    }

    /// The thread at the front, left in place.
    #[must_use]
    pub fn front(&self) -> Option<ThreadId> {
        self.threads.first().map(|(_, thread)| thread)
    }

    /// Takes `thread` out wherever it is (a thread killed or blocked while
    /// ready). Returns whether it was queued; an absent thread is not an error.
    pub fn remove(&mut self, thread: ThreadId) -> bool {
        self.threads.remove(thread).is_some()
    }

    /// Whether `thread` is in the queue.
    #[must_use]
    pub fn contains(&self, thread: ThreadId) -> bool {
        self.threads.key_of(thread).is_some()
    }

    /// How many threads are queued.
    #[must_use]
    pub fn len(&self) -> usize {
        self.threads.len()
    }

    /// Whether no thread is queued.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The queued threads, front first.
    pub fn iter(&self) -> impl Iterator<Item = ThreadId> + '_ {
        self.threads.iter().map(|(_, thread)| thread)
    }

    /// A fresh ticket, larger than every ticket in the queue.
    fn take_ticket(&mut self) -> u64 {
        if self.tickets.is_exhausted() {
            // Renumber 0, 1, 2, ... in the current order: order is all a
            // ticket means, so nothing observable changes.
            let count = self.threads.rekey(|position, _| position);
            self.tickets.restart_at(count);
        }
        self.tickets.take()
    }
}

impl Default for RunQueue {
    fn default() -> Self {
        Self::new()
    }
}
