//! The reference model: a `VecDeque` of ready threads, a `Vec` of sleepers
//! in insertion order, and the obvious algorithm for each operation.

use std::collections::VecDeque;

use crate::{Queued, ThreadId};

/// What the scheduler's state should be.
#[derive(Debug, Default)]
pub(crate) struct Model {
    /// Ready threads, front first.
    pub(crate) ready: VecDeque<ThreadId>,
    /// Sleepers and deadlines, in the order they went to sleep.
    pub(crate) sleeping: Vec<(ThreadId, u64)>,
    /// Ticks in a turn.
    pub(crate) slice_length: u32,
    /// Ticks left in this turn.
    pub(crate) slice_remaining: u32,
}

impl Model {
    /// An empty model with turns of `slice_length` ticks.
    pub(crate) fn new(slice_length: u32) -> Self {
        Self {
            slice_length,
            slice_remaining: slice_length,
            ..Self::default()
        }
    }

    /// Where `thread` is.
    pub(crate) fn queued(&self, thread: ThreadId) -> Option<Queued> {
        if self.ready.contains(&thread) {
            return Some(Queued::Ready);
        }
        self.sleeping
            .iter()
            .find(|&&(sleeper, _)| sleeper == thread)
            .map(|&(_, deadline)| Queued::Sleeping { deadline })
    }

    /// Takes `thread` out of wherever it is.
    pub(crate) fn take_out(&mut self, thread: ThreadId) -> Option<Queued> {
        let previous = self.queued(thread);
        self.ready.retain(|&ready| ready != thread);
        self.sleeping.retain(|&(sleeper, _)| sleeper != thread);
        previous
    }

    /// Queues `thread` at the back unless it is already ready.
    pub(crate) fn make_ready(&mut self, thread: ThreadId) -> Option<Queued> {
        if self.ready.contains(&thread) {
            return Some(Queued::Ready);
        }
        let previous = self.take_out(thread);
        self.ready.push_back(thread);
        previous
    }

    /// Puts `thread` to sleep, last among equal deadlines.
    pub(crate) fn sleep_until(&mut self, thread: ThreadId, deadline: u64) -> Option<Queued> {
        let previous = self.take_out(thread);
        self.sleeping.push((thread, deadline));
        previous
    }

    /// The sleepers in wake order: by deadline, ties by insertion.
    pub(crate) fn wake_order(&self) -> Vec<(ThreadId, u64)> {
        let mut order = self.sleeping.clone();
        // `sort_by_key` is stable, which is the tie rule.
        order.sort_by_key(|&(_, deadline)| deadline);
        order
    }

    /// Wakes every sleeper with `deadline <= now`, in wake order.
    pub(crate) fn wake_expired(&mut self, now: u64) -> Vec<ThreadId> {
        let woken: Vec<_> = self
            .wake_order()
            .into_iter()
            .filter(|&(_, deadline)| deadline <= now)
            .map(|(thread, _)| thread)
            .collect();
        self.sleeping.retain(|&(_, deadline)| deadline > now);
        self.ready.extend(&woken);
        woken
    }

    /// Round robin.
    pub(crate) fn pick_next(
        &mut self,
        current: Option<ThreadId>,
        runnable: bool,
    ) -> Option<ThreadId> {
        if let (Some(current), true) = (current, runnable) {
            self.make_ready(current);
        }
        self.slice_remaining = self.slice_length;
        self.ready.pop_front()
    }

    /// Counts a tick.
    pub(crate) fn tick(&mut self) -> bool {
        self.slice_remaining = self.slice_remaining.saturating_sub(1);
        self.slice_remaining == 0
    }

    /// The earliest deadline.
    pub(crate) fn next_deadline(&self) -> Option<u64> {
        self.sleeping.iter().map(|&(_, deadline)| deadline).min()
    }
}
