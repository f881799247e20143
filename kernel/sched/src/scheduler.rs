//! The scheduling policy: round robin over the ready queue, timed sleep, and
//! direct hand-off for IPC.

use alloc::collections::TryReserveError;
use core::num::NonZeroU32;

use crate::time_slice::TimeSlice;
use crate::{QueueError, Queued, RunQueue, SleepQueue, ThreadId};

/// The ready queue, the sleep queue and the time slice, with the rules that
/// move threads between them.
///
/// The scheduler does not track which thread is running: the kernel passes it
/// in where it matters ([`pick_next`](Self::pick_next)). The running thread is
/// normally in no queue. No call fails: each states what it does to a thread
/// wherever the thread is, and returns where the thread was
/// ([`Queued`], or `None` for "in neither queue").
///
/// The invariant every call keeps: no thread is both ready and sleeping.
#[derive(Clone, Debug)]
pub struct Scheduler {
    /// Threads waiting for the CPU.
    ready: RunQueue,
    /// Threads waiting for a deadline.
    sleeping: SleepQueue,
    /// What is left of the current turn.
    slice: TimeSlice,
}

impl Scheduler {
    /// An empty scheduler whose turns last `slice_length` timer ticks.
    #[must_use]
    pub const fn new(slice_length: NonZeroU32) -> Self {
        Self {
            ready: RunQueue::new(),
            sleeping: SleepQueue::new(),
            slice: TimeSlice::new(slice_length),
        }
    }

    /// Makes room so that readying `thread` never allocates (see
    /// [`RunQueue::reserve`]); the kernel calls it when it creates a thread.
    ///
    /// # Errors
    ///
    /// The allocator's error if memory runs out; nothing changes.
    pub fn reserve(&mut self, thread: ThreadId) -> Result<(), TryReserveError> {
        self.ready.reserve(thread)
    }

    /// Makes `thread` runnable: it joins the back of the ready queue.
    ///
    /// Idempotent: a thread that is already ready keeps its place, so two
    /// wake-ups for one thread (say, a message and a notification) do not
    /// queue it twice. A sleeping thread is woken early and its deadline is
    /// dropped. Returns where the thread was: `Some(Queued::Sleeping { .. })`
    /// tells the kernel a timed wait was cut short.
    #[inline]
    pub fn make_ready(&mut self, thread: ThreadId) -> Option<Queued> {
        match self.ready.push_back(thread) {
            Err(QueueError::AlreadyQueued) => Some(Queued::Ready),
            // Newly ready; if it was sleeping, it must not stay in both.
            Ok(()) => self
                .sleeping
                .remove(thread)
                .map(|deadline| Queued::Sleeping { deadline }),
        }
    }

    /// Takes `thread` off both queues because it now waits for something other
    /// than time (a message, a join). It runs again only after
    /// [`make_ready`](Self::make_ready) or [`switch_to`](Self::switch_to).
    ///
    /// For the running thread this changes nothing (it is in no queue); the
    /// kernel then calls [`pick_next`](Self::pick_next) with
    /// `current_still_runnable = false`. A sleeping thread loses its deadline;
    /// a wait with a timeout uses [`sleep_until`](Self::sleep_until) instead.
    /// Returns where the thread was.
    #[inline]
    pub fn block(&mut self, thread: ThreadId) -> Option<Queued> {
        self.take_out(thread)
    }

    /// Puts `thread` to sleep until `deadline` (see [`SleepQueue`] for what
    /// "expired" means). A ready thread leaves the ready queue; a sleeping
    /// thread's deadline is replaced, and among equal deadlines it now wakes
    /// after those already asleep. A deadline already passed is accepted: the
    /// thread wakes at the next [`wake_expired`](Self::wake_expired).
    ///
    /// Also the timeout half of a timed wait: if the awaited event comes first,
    /// [`make_ready`](Self::make_ready) or [`switch_to`](Self::switch_to)
    /// cancels the deadline. Returns where the thread was.
    pub fn sleep_until(&mut self, thread: ThreadId, deadline: u64) -> Option<Queued> {
        let previous = self.take_out(thread);
        let inserted = self.sleeping.insert(thread, deadline);
        // It was just taken out of the sleep queue, so it cannot be in it.
        debug_assert!(inserted.is_ok(), "thread still asleep after take_out");
        previous
    }

    /// Wakes every sleeper whose deadline has expired at `now`
    /// (`deadline <= now`), moving each to the back of the ready queue, earliest
    /// deadline first and equal deadlines in the order they went to sleep.
    ///
    /// The iterator yields each thread as it wakes it, so the kernel can, for
    /// example, set a timed-out receive's result. It is lazy: threads are woken
    /// only as it is consumed, and a sleeper it has not reached when dropped
    /// stays asleep, still expired, until the next call.
    pub fn wake_expired(&mut self, now: u64) -> WakeExpired<'_> {
        WakeExpired {
            scheduler: self,
            now,
        }
    }

    /// The earliest deadline of any sleeper, so the idle loop or a one-shot
    /// timer can wake up in time; `None` when nobody sleeps.
    #[must_use]
    pub fn next_deadline(&self) -> Option<u64> {
        self.sleeping.next_deadline()
    }

    /// Ends the current turn and chooses the next thread to run, or `None` to
    /// idle. Starts a new time slice either way.
    ///
    /// `current` is the thread that was running, if any. When
    /// `current_still_runnable` is `true` (its slice ran out, or it yielded),
    /// it goes to the back of the ready queue first, exactly as
    /// [`make_ready`](Self::make_ready) would, so it runs again at once only if
    /// no one else is ready. When `false`, `current` is left wherever it is:
    /// in no queue if it blocked or exited, in the sleep queue after
    /// [`sleep_until`](Self::sleep_until).
    ///
    /// This is round robin: with `K` threads ready (counting a still-runnable
    /// `current`) and nothing else changing, any `K` consecutive picks return
    /// each of them once.
    #[inline]
    pub fn pick_next(
        &mut self,
        current: Option<ThreadId>,
        current_still_runnable: bool,
    ) -> Option<ThreadId> {
        if current_still_runnable && let Some(current) = current {
            self.make_ready(current);
        }
        self.slice.restart();
        self.ready.pop_front()
    }

    /// Hands the CPU straight to `next`, the receiver just woken by an IPC
    /// call, without a trip through the ready queue: takes `next` off either
    /// queue (a pending timeout is cancelled) and returns where it was.
    ///
    /// Fairness: the time slice is **not** restarted. `next` runs on what is
    /// left of the current turn, so a chain of hand-offs (client to server to
    /// client ...) shares one turn and [`tick`](Self::tick) still ends it on
    /// time; then [`pick_next`](Self::pick_next) serves the ready queue as
    /// usual. Threads waiting in the ready queue are therefore delayed by at
    /// most the slice length per turn ahead of them, hand-offs or not.
    ///
    /// If the thread handing off stays runnable (a send that does not wait for
    /// a reply), the kernel calls [`make_ready`](Self::make_ready) on it first;
    /// it then waits its turn at the back of the queue like any other.
    #[inline]
    pub fn switch_to(&mut self, next: ThreadId) -> Option<Queued> {
        self.take_out(next)
    }

    /// Takes `thread` off both queues for good because it exited or was
    /// killed. Returns where it was; an absent thread is not an error.
    #[inline]
    pub fn remove(&mut self, thread: ThreadId) -> Option<Queued> {
        self.take_out(thread)
    }

    /// Counts one timer tick against the current turn. Returns `true` when the
    /// turn is over and the kernel should call [`pick_next`](Self::pick_next)
    /// with the running thread still runnable; it keeps returning `true` until
    /// it does.
    #[inline]
    pub fn tick(&mut self) -> bool {
        self.slice.tick()
    }

    /// How many ticks a turn lasts.
    #[must_use]
    pub const fn slice_length(&self) -> NonZeroU32 {
        self.slice.length()
    }

    /// Sets how many ticks later turns last; the current turn keeps its count.
    pub fn set_slice_length(&mut self, slice_length: NonZeroU32) {
        self.slice.set_length(slice_length);
    }

    /// How many ticks are left in the current turn.
    #[must_use]
    pub const fn slice_remaining(&self) -> u32 {
        self.slice.remaining()
    }

    /// Which queue holds `thread`, if any.
    #[must_use]
    pub fn queued(&self, thread: ThreadId) -> Option<Queued> {
        if self.ready.contains(thread) {
            return Some(Queued::Ready);
        }
        self.sleeping
            .deadline_of(thread)
            .map(|deadline| Queued::Sleeping { deadline })
    }

    /// The ready queue, to inspect (for a debugger or a `ps`).
    #[must_use]
    pub const fn ready_queue(&self) -> &RunQueue {
        &self.ready
    }

    /// The sleep queue, to inspect.
    #[must_use]
    pub const fn sleep_queue(&self) -> &SleepQueue {
        &self.sleeping
    }

    /// Takes `thread` out of whichever queue holds it and says which.
    #[inline]
    fn take_out(&mut self, thread: ThreadId) -> Option<Queued> {
        if self.ready.remove(thread) {
            return Some(Queued::Ready);
        }
        self.sleeping
            .remove(thread)
            .map(|deadline| Queued::Sleeping { deadline })
    }
}

/// The iterator [`Scheduler::wake_expired`] returns: each item is a thread it
/// has just moved from the sleep queue to the back of the ready queue.
#[must_use = "sleepers are woken only as the iterator is consumed"]
#[derive(Debug)]
pub struct WakeExpired<'scheduler> {
    /// The scheduler whose sleepers are being woken.
    scheduler: &'scheduler mut Scheduler,
    /// Sleepers with `deadline <= now` wake.
    now: u64,
}

impl Iterator for WakeExpired<'_> {
    type Item = ThreadId;

    fn next(&mut self) -> Option<ThreadId> {
        let thread = self.scheduler.sleeping.pop_expired(self.now)?;
        let pushed = self.scheduler.ready.push_back(thread);
        // A sleeping thread is never also ready: every call that readies a
        // thread takes it out of the sleep queue.
        debug_assert!(pushed.is_ok(), "a sleeping thread was also ready");
        Some(thread)
    }
}
