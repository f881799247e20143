//! The sleep queue: threads waiting for a deadline, earliest first.

use crate::keyed::KeyedThreads;
use crate::ticket::TicketCounter;
use crate::{QueueError, ThreadId};

/// Sleeping threads ordered by deadline; equal deadlines wake in the order the
/// threads were inserted.
///
/// A deadline is a point on the kernel's monotonic clock, in whatever unit
/// the kernel passes in (nanoseconds since boot, or timer ticks); this type
/// only compares deadlines. A thread's deadline has **expired** at time `now`
/// when `deadline <= now`: a thread that asks to sleep until `t` may run at `t`.
///
/// A thread is in the queue at most once: [`insert`](Self::insert) of a
/// sleeping thread is an error ([`QueueError::AlreadyQueued`]) and keeps the
/// old deadline. Every operation is O(log n) in the number of sleepers.
#[derive(Clone, Debug)]
pub struct SleepQueue {
    /// The sleepers, keyed by `(deadline, ticket)`: the ticket breaks ties in
    /// insertion order.
    threads: KeyedThreads<(u64, u64)>,
    /// Tickets for insertions; a later insertion gets a larger ticket.
    tickets: TicketCounter,
}

impl SleepQueue {
    /// An empty queue. Allocates nothing until the first insertion.
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

    /// Puts `thread` to sleep until `deadline`. A deadline that has already
    /// passed is accepted: the thread wakes at the next
    /// [`pop_expired`](Self::pop_expired).
    ///
    /// # Errors
    ///
    /// [`QueueError::AlreadyQueued`] if `thread` is already sleeping; its old
    /// deadline stands.
    pub fn insert(&mut self, thread: ThreadId, deadline: u64) -> Result<(), QueueError> {
        if self.threads.key_of(thread).is_some() {
            return Err(QueueError::AlreadyQueued);
        }
        let ticket = self.take_ticket();
        self.threads.insert(thread, (deadline, ticket))
    }

    /// Takes `thread` out (woken early, or killed) and returns the deadline it
    /// had, or `None` if it was not sleeping.
    #[inline]
    pub fn remove(&mut self, thread: ThreadId) -> Option<u64> {
        // Every block and wake-up asks, and the queue is usually empty: answer
        // that case inline, without a call or a B-tree search.
        if self.is_empty() {
            return None;
        }
        self.remove_sleeper(thread)
    }

    /// Takes out the sleeper whose deadline expired first, if any has expired
    /// at `now` (`deadline <= now`). Among equal deadlines, the one inserted
    /// first comes out first. Call it until it returns `None` to wake every
    /// expired sleeper in order.
    pub fn pop_expired(&mut self, now: u64) -> Option<ThreadId> {
        let ((deadline, _), _) = self.threads.first()?;
        if deadline > now {
            return None;
        }
        self.threads.pop_first().map(|(_, thread)| thread)
    }

    /// The earliest deadline of any sleeper, for the idle loop or a one-shot
    /// timer to wake up in time; `None` when nobody sleeps.
    #[must_use]
    pub fn next_deadline(&self) -> Option<u64> {
        self.threads.first().map(|((deadline, _), _)| deadline)
    }

    /// The deadline `thread` sleeps until, or `None` if it is not sleeping.
    #[must_use]
    #[inline]
    pub fn deadline_of(&self, thread: ThreadId) -> Option<u64> {
        if self.is_empty() {
            return None;
        }
        self.threads.key_of(thread).map(|(deadline, _)| deadline)
    }

    /// Whether `thread` is sleeping.
    #[must_use]
    #[inline]
    pub fn contains(&self, thread: ThreadId) -> bool {
        self.deadline_of(thread).is_some()
    }

    /// How many threads are sleeping.
    #[must_use]
    #[inline]
    pub fn len(&self) -> usize {
        self.threads.len()
    }

    /// Whether no thread is sleeping.
    #[must_use]
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The sleepers and their deadlines, in the order they will wake.
    pub fn iter(&self) -> impl Iterator<Item = (ThreadId, u64)> + '_ {
        self.threads
            .iter()
            .map(|((deadline, _), thread)| (thread, deadline))
    }

    /// [`remove`](Self::remove) once the queue is known to hold someone.
    fn remove_sleeper(&mut self, thread: ThreadId) -> Option<u64> {
        self.threads.remove(thread).map(|(deadline, _)| deadline)
    }

    /// A fresh ticket, larger than every ticket in the queue.
    fn take_ticket(&mut self) -> u64 {
        if self.tickets.is_exhausted() {
            // Renumber in wake order: tickets only break ties between equal
            // deadlines, and numbering in (deadline, ticket) order keeps every
            // tie's order.
            let count = self
                .threads
                .rekey(|position, (deadline, _)| (deadline, position));
            self.tickets.restart_at(count);
        }
        self.tickets.take()
    }
}

impl Default for SleepQueue {
    fn default() -> Self {
        Self::new()
    }
}
