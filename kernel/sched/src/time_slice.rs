//! The time-slice counter: how many timer ticks the current turn has left.

use core::num::NonZeroU32;

/// Counts down one turn on the CPU, in timer ticks.
///
/// A turn starts at each [`Scheduler::pick_next`](crate::Scheduler::pick_next)
/// and belongs to the turn, not to one thread: an IPC hand-off passes the rest
/// of the turn on (see [`Scheduler::switch_to`](crate::Scheduler::switch_to)).
#[derive(Clone, Debug)]
pub(crate) struct TimeSlice {
    /// Ticks in a full turn.
    length: NonZeroU32,
    /// Ticks left in this turn; 0 once it is over.
    remaining: u32,
}

impl TimeSlice {
    /// A counter for turns of `length` ticks, with a full turn ahead.
    pub(crate) const fn new(length: NonZeroU32) -> Self {
        Self {
            length,
            remaining: length.get(),
        }
    }

    /// Starts a new turn of the current length.
    #[inline]
    pub(crate) fn restart(&mut self) {
        self.remaining = self.length.get();
    }

    /// Counts one tick. Returns `true` when the turn is over: on the tick that
    /// uses it up and on every tick after, until the next restart, so a tick
    /// the kernel could not act on is not lost.
    #[inline]
    pub(crate) fn tick(&mut self) -> bool {
        self.remaining = self.remaining.saturating_sub(1);
        self.remaining == 0
    }

    /// Ticks in a full turn.
    pub(crate) const fn length(&self) -> NonZeroU32 {
        self.length
    }

    /// Sets the length of later turns; the current turn keeps its count.
    pub(crate) fn set_length(&mut self, length: NonZeroU32) {
        self.length = length;
    }

    /// Ticks left in the current turn.
    pub(crate) const fn remaining(&self) -> u32 {
        self.remaining
    }
}
