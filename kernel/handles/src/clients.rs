//! An endpoint's client handles counted per badge, and the closures of
//! badges its receiver has not been told about yet.
//!
//! A client handle can send to an endpoint and not receive from it. The
//! kernel keeps one [`ClientCounts`] per endpoint, calls
//! [`opened`](ClientCounts::opened) for every client handle made and
//! [`closed`](ClientCounts::closed) for every one given up (a move in a
//! message is neither), and reports a badge whose count drops to zero once
//! a receiver asked ([`watch`](ClientCounts::watch)). What this bookkeeping
//! must guarantee, and its tests check:
//!
//! - each badge is reported at most once per time its count reaches zero,
//!   and not at all if a handle with it is made again first;
//! - it never holds more than [`MAX_ENDPOINT_BADGES`] badges, live or
//!   unreported, so clients cannot make the kernel's memory or the
//!   receiver's backlog grow: a new badge past that is refused;
//! - a failed call changes nothing.

use alloc::vec::Vec;

use barodia_abi::MAX_ENDPOINT_BADGES;

/// Why a client handle could not be counted; nothing changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountError {
    /// The badge is new and the endpoint counts [`MAX_ENDPOINT_BADGES`]
    /// badges already.
    TooManyBadges,
    /// No memory for the badge's entry.
    OutOfMemory,
}

/// One badge's client handles.
#[derive(Clone, Copy, Debug)]
struct BadgeCount {
    badge: u64,
    /// Live client handles with this badge.
    handles: usize,
    /// The last one is gone and the receiver has not been told yet.
    unreported: bool,
}

/// Client handles by badge, for one endpoint.
#[derive(Debug, Default)]
pub struct ClientCounts {
    /// Sorted by badge; a badge is here while it has handles or an
    /// unreported closure.
    badges: Vec<BadgeCount>,
    /// Live client handles of every badge.
    total: usize,
    /// Badges with an unreported closure, so a receiver need not search.
    unreported: usize,
    /// Whether a receiver wants closures reported.
    watched: bool,
}

impl ClientCounts {
    /// No client handles, and nobody watching.
    pub const fn new() -> Self {
        ClientCounts { badges: Vec::new(), total: 0, unreported: 0, watched: false }
    }

    fn find(&self, badge: u64) -> Result<usize, usize> {
        self.badges.binary_search_by_key(&badge, |count| count.badge)
    }

    /// Counts a new client handle with `badge`. A badge with an unreported
    /// closure is alive again, so that closure is withdrawn.
    ///
    /// # Errors
    ///
    /// [`CountError::TooManyBadges`] for a new badge past the bound,
    /// [`CountError::OutOfMemory`]; nothing was counted.
    pub fn opened(&mut self, badge: u64) -> Result<(), CountError> {
        match self.find(badge) {
            Ok(index) => {
                if let Some(count) = self.badges.get_mut(index) {
                    if count.unreported {
                        count.unreported = false;
                        self.unreported -= 1;
                    }
                    count.handles += 1;
                }
            }
            Err(index) => {
                if self.badges.len() >= MAX_ENDPOINT_BADGES {
                    return Err(CountError::TooManyBadges);
                }
                self.badges.try_reserve(1).map_err(|_| CountError::OutOfMemory)?;
                self.badges.insert(index, BadgeCount { badge, handles: 1, unreported: false });
            }
        }
        self.total += 1;
        Ok(())
    }

    /// Uncounts a client handle with `badge`. True if it was the badge's
    /// last and closures are watched: the caller then tells a receiver
    /// (and calls [`reported`](Self::reported)) or keeps it for one
    /// ([`mark_unreported`](Self::mark_unreported)).
    pub fn closed(&mut self, badge: u64) -> bool {
        let Ok(index) = self.find(badge) else { return false };
        let Some(count) = self.badges.get_mut(index) else { return false };
        if count.handles == 0 {
            return false;
        }
        count.handles -= 1;
        self.total -= 1;
        if count.handles > 0 {
            return false;
        }
        if !self.watched {
            self.badges.remove(index);
            return false;
        }
        true
    }

    /// Keeps the closure of `badge` (which has no handles) for a receiver.
    pub fn mark_unreported(&mut self, badge: u64) {
        if let Ok(index) = self.find(badge)
            && let Some(count) = self.badges.get_mut(index)
            && count.handles == 0
            && !count.unreported
        {
            count.unreported = true;
            self.unreported += 1;
        }
    }

    /// Forgets `badge` once a receiver was told of its closure (or nobody
    /// can be); a badge with handles again is kept.
    pub fn reported(&mut self, badge: u64) {
        let Ok(index) = self.find(badge) else { return };
        let Some(count) = self.badges.get(index).copied() else { return };
        if count.handles > 0 {
            return;
        }
        if count.unreported {
            self.unreported -= 1;
        }
        self.badges.remove(index);
    }

    /// The lowest badge with an unreported closure, if any.
    pub fn first_unreported(&self) -> Option<u64> {
        if self.unreported == 0 {
            return None;
        }
        self.badges.iter().find(|count| count.unreported).map(|count| count.badge)
    }

    /// True if some closure waits for a receiver.
    pub fn has_unreported(&self) -> bool {
        self.unreported > 0
    }

    /// Live client handles of every badge.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Live client handles with `badge`.
    pub fn handles(&self, badge: u64) -> usize {
        self.find(badge).ok().and_then(|index| self.badges.get(index)).map_or(0, |count| count.handles)
    }

    /// Badges counted, live or unreported.
    pub fn badges(&self) -> usize {
        self.badges.len()
    }

    /// From now on a badge whose last handle goes is to be reported.
    pub fn watch(&mut self) {
        self.watched = true;
    }

    /// Nobody can be told any more (the endpoint's last receive handle is
    /// gone): unreported closures are dropped, and no more are kept.
    pub fn unwatch(&mut self) {
        self.watched = false;
        self.badges.retain(|count| count.handles > 0);
        self.unreported = 0;
    }
}
