//! A set of threads kept in key order, with lookup by thread: the storage
//! under the sleep queue.
//!
//! Two `BTreeMap`s mirror each other: key to thread gives the order (the
//! front is the smallest key), thread to key gives membership and removal in
//! O(log n). A `VecDeque` would make `pop_front` O(1) but removing a thread
//! from the middle O(n), or need lazy deletion and periodic compaction; two
//! maps keep every operation O(log n) with no garbage left behind.

use alloc::collections::BTreeMap;

use crate::{QueueError, ThreadId};

/// Threads ordered by a unique key of type `K`.
#[derive(Clone, Debug)]
pub(crate) struct KeyedThreads<K> {
    /// Key to thread: the order.
    by_key: BTreeMap<K, ThreadId>,
    /// Thread to key: membership. Holds exactly the pairs of `by_key`, flipped.
    by_thread: BTreeMap<ThreadId, K>,
}

impl<K: Ord + Copy> KeyedThreads<K> {
    /// An empty set.
    pub(crate) const fn new() -> Self {
        Self {
            by_key: BTreeMap::new(),
            by_thread: BTreeMap::new(),
        }
    }

    /// Adds `thread` under `key`, which the caller guarantees no other thread
    /// holds (keys carry a fresh ticket).
    pub(crate) fn insert(&mut self, thread: ThreadId, key: K) -> Result<(), QueueError> {
        if self.by_thread.contains_key(&thread) {
            return Err(QueueError::AlreadyQueued);
        }
        let displaced = self.by_key.insert(key, thread);
        // A displaced thread would be lost from the order but still counted as
        // a member: the tickets in every key make this impossible.
        debug_assert!(displaced.is_none(), "two threads share a queue key");
        self.by_thread.insert(thread, key);
        Ok(())
    }

    /// Takes `thread` out and returns its key, or `None` if it was absent.
    pub(crate) fn remove(&mut self, thread: ThreadId) -> Option<K> {
        // Most removals (every block and wake-up) find the set empty: skip
        // the B-tree search then.
        if self.by_thread.is_empty() {
            return None;
        }
        let key = self.by_thread.remove(&thread)?;
        self.by_key.remove(&key);
        Some(key)
    }

    /// The thread with the smallest key, and that key.
    pub(crate) fn first(&self) -> Option<(K, ThreadId)> {
        self.by_key
            .first_key_value()
            .map(|(&key, &thread)| (key, thread))
    }

    /// Takes out the thread with the smallest key.
    pub(crate) fn pop_first(&mut self) -> Option<(K, ThreadId)> {
        let (key, thread) = self.by_key.pop_first()?;
        self.by_thread.remove(&thread);
        Some((key, thread))
    }

    /// The key `thread` is held under, if it is here.
    pub(crate) fn key_of(&self, thread: ThreadId) -> Option<K> {
        if self.by_thread.is_empty() {
            return None;
        }
        self.by_thread.get(&thread).copied()
    }

    /// How many threads are here.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.by_key.len()
    }

    /// The threads and their keys, smallest key first.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (K, ThreadId)> + '_ {
        self.by_key.iter().map(|(&key, &thread)| (key, thread))
    }

    /// Gives every thread a new key, `rekey(position, old_key)`, where
    /// `position` counts from 0 in the current order. `rekey` must keep the
    /// order and give distinct keys. Returns how many threads were rekeyed.
    pub(crate) fn rekey(&mut self, mut rekey: impl FnMut(u64, K) -> K) -> u64 {
        let old = core::mem::take(&mut self.by_key);
        self.by_thread.clear();
        let mut count = 0;
        for (position, (key, thread)) in (0u64..).zip(old) {
            let key = rekey(position, key);
            self.by_key.insert(key, thread);
            self.by_thread.insert(thread, key);
            // No map holds 2^64 entries; saturating keeps this panic-free.
            count = position.saturating_add(1);
        }
        count
    }
}
