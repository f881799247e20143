//! Insertion tickets: the tie-breaker that makes both queues first in, first
//! out among equals.

/// Hands out increasing `u64` tickets.
///
/// 2^64 tickets last 584 years at one queue insertion per nanosecond, but the
/// kernel must not rely on that with unchecked arithmetic: when the counter
/// runs out, the owning queue renumbers its entries from 0 (keeping their
/// order) and calls [`restart_at`](Self::restart_at).
#[derive(Clone, Debug)]
pub(crate) struct TicketCounter {
    /// The next ticket to hand out; `u64::MAX` means exhausted.
    next: u64,
}

impl TicketCounter {
    /// A counter starting at ticket 0.
    pub(crate) const fn new() -> Self {
        Self { next: 0 }
    }

    /// A counter whose next ticket is `next`, to test renumbering without
    /// 2^64 insertions.
    #[cfg(test)]
    pub(crate) const fn starting_at(next: u64) -> Self {
        Self { next }
    }

    /// Whether the queue must renumber before taking another ticket.
    pub(crate) const fn is_exhausted(&self) -> bool {
        self.next == u64::MAX
    }

    /// The next ticket. The caller has checked
    /// [`is_exhausted`](Self::is_exhausted) first.
    pub(crate) fn take(&mut self) -> u64 {
        debug_assert!(!self.is_exhausted(), "ticket taken without renumbering");
        let ticket = self.next;
        // Saturating only matters if a caller skipped the exhaustion check:
        // it then reuses `u64::MAX`, which the debug assertion above catches.
        self.next = self.next.saturating_add(1);
        ticket
    }

    /// Continues after `count` entries renumbered as tickets `0..count`.
    pub(crate) fn restart_at(&mut self, count: u64) {
        self.next = count;
    }
}
