//! The ready queue: threads waiting for the CPU, served first in, first out.
//!
//! An intrusive doubly linked list whose nodes live in a slab (`Vec`) and are
//! found through a table indexed by the thread's slot index
//! ([`ThreadId::index`]). Every operation is O(1), and once the slab and the
//! slot table have grown to fit (or [`RunQueue::reserve`] made room), no
//! operation touches the heap: the ready queue sits on the IPC and yield
//! paths, where a B-tree's node allocations used to cost hundreds of
//! instructions per switch.

use alloc::collections::TryReserveError;
use alloc::vec::Vec;

use crate::{QueueError, ThreadId};

/// The "no node" link: the end of a list, or an empty slot.
const NONE: u32 = u32::MAX;

/// One queued thread, or a free slab entry.
#[derive(Clone, Copy, Debug)]
struct Node {
    /// The thread queued here; meaningless while the node is free.
    thread: ThreadId,
    /// The node nearer the front, or `NONE` at the front.
    previous: u32,
    /// The node nearer the back, or `NONE` at the back. On a free node: the
    /// next free node.
    next: u32,
    /// The next queued node whose thread has the same slot index (another
    /// generation), or `NONE`. The kernel never queues two generations of a
    /// slot at once, so this chain is normally one node long; it exists so
    /// that ids stay exact (see [`ThreadId`]).
    same_slot: u32,
}

/// Ready threads in round-robin order.
///
/// A thread is in the queue at most once: [`push_back`](Self::push_back) of a
/// queued thread is an error ([`QueueError::AlreadyQueued`]) and leaves the
/// thread where it was. Strict rather than idempotent, because a second push
/// means the kernel lost track of the thread's state, and silently ignoring it
/// would hide that; the [`Scheduler`](crate::Scheduler) decides per call what
/// a repeated wake-up means.
///
/// Push, pop, removal from the middle (a thread killed while ready) and
/// membership are O(1). Memory grows to the largest slot index and the
/// largest number of threads queued at once, and is kept for reuse; after
/// [`reserve`](Self::reserve) for every thread it will hold, no operation
/// allocates.
#[derive(Clone, Debug)]
pub struct RunQueue {
    /// The slab of nodes, queued and free.
    nodes: Vec<Node>,
    /// Slot index to the first queued node for that slot, or `NONE`.
    slots: Vec<u32>,
    /// The first free node, chained through `next`, or `NONE`.
    free: u32,
    /// The front node, or `NONE` when empty.
    front: u32,
    /// The back node, or `NONE` when empty.
    back: u32,
    /// How many threads are queued.
    len: usize,
}

impl RunQueue {
    /// An empty queue. Allocates nothing until the first push.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            nodes: Vec::new(),
            slots: Vec::new(),
            free: NONE,
            front: NONE,
            back: NONE,
            len: 0,
        }
    }

    /// Makes room so that pushing `thread` never allocates: the slot table
    /// reaches its slot index, and the slab has room for one node per slot.
    /// While each slot has at most one generation queued (as in the kernel,
    /// which reuses a slot only for a new thread), later pushes then need no
    /// memory at all, so the kernel can call this where it can still fail
    /// cleanly (creating the thread) rather than where it cannot (waking it).
    ///
    /// # Errors
    ///
    /// The allocator's error if memory runs out; the queue is unchanged.
    pub fn reserve(&mut self, thread: ThreadId) -> Result<(), TryReserveError> {
        let wanted = slot_of(thread).saturating_add(1);
        if let Some(more) = wanted.checked_sub(self.slots.len()) {
            self.slots.try_reserve(more)?;
            self.slots.resize(wanted, NONE);
        }
        // Capacity for one node per slot: `try_reserve` counts from `len`.
        if let Some(more) = self.slots.len().checked_sub(self.nodes.len()) {
            self.nodes.try_reserve(more)?;
        }
        Ok(())
    }

    /// Adds `thread` at the back.
    ///
    /// # Errors
    ///
    /// [`QueueError::AlreadyQueued`] if `thread` is already in the queue; it
    /// keeps its place.
    #[inline]
    pub fn push_back(&mut self, thread: ThreadId) -> Result<(), QueueError> {
        let slot = slot_of(thread);
        if slot >= self.slots.len() {
            self.slots.resize(slot.saturating_add(1), NONE);
        }
        let first_in_slot = self.slots.get(slot).copied().unwrap_or(NONE);
        if self.find_in_chain(first_in_slot, thread).is_some() {
            return Err(QueueError::AlreadyQueued);
        }
        let node = Node {
            thread,
            previous: self.back,
            next: NONE,
            same_slot: first_in_slot,
        };
        let index = self.new_node(node);
        if let Some(entry) = self.slots.get_mut(slot) {
            *entry = index;
        }
        match self.nodes.get_mut(self.back as usize) {
            Some(back) => back.next = index,
            None => self.front = index,
        }
        self.back = index;
        self.len = self.len.saturating_add(1);
        Ok(())
    }

    /// Takes the thread at the front out, or returns `None` if the queue is
    /// empty.
    #[inline]
    pub fn pop_front(&mut self) -> Option<ThreadId> {
        let front = self.front;
        let thread = self.nodes.get(front as usize)?.thread;
        self.unlink(front, thread);
        Some(thread)
    }

    /// The thread at the front, left in place.
    #[must_use]
    #[inline]
    pub fn front(&self) -> Option<ThreadId> {
        self.nodes.get(self.front as usize).map(|node| node.thread)
    }

    /// Takes `thread` out wherever it is (a thread killed or blocked while
    /// ready). Returns whether it was queued; an absent thread is not an error.
    #[inline]
    pub fn remove(&mut self, thread: ThreadId) -> bool {
        match self.find(thread) {
            Some(index) => {
                self.unlink(index, thread);
                true
            }
            None => false,
        }
    }

    /// Whether `thread` is in the queue.
    #[must_use]
    #[inline]
    pub fn contains(&self, thread: ThreadId) -> bool {
        self.find(thread).is_some()
    }

    /// How many threads are queued.
    #[must_use]
    #[inline]
    pub const fn len(&self) -> usize {
        self.len
    }

    /// Whether no thread is queued.
    #[must_use]
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The queued threads, front first.
    pub fn iter(&self) -> impl Iterator<Item = ThreadId> + '_ {
        let mut index = self.front;
        core::iter::from_fn(move || {
            let node = self.nodes.get(index as usize)?;
            index = node.next;
            Some(node.thread)
        })
    }

    /// The capacities of the slab and the slot table, to test that pushes
    /// after [`reserve`](Self::reserve) do not allocate.
    #[cfg(test)]
    pub(crate) fn capacities(&self) -> (usize, usize) {
        (self.nodes.capacity(), self.slots.capacity())
    }

    /// The node holding `thread`, if it is queued.
    #[inline]
    fn find(&self, thread: ThreadId) -> Option<u32> {
        let first = *self.slots.get(slot_of(thread))?;
        self.find_in_chain(first, thread)
    }

    /// The node holding `thread` in the same-slot chain starting at `index`.
    #[inline]
    fn find_in_chain(&self, mut index: u32, thread: ThreadId) -> Option<u32> {
        while let Some(node) = self.nodes.get(index as usize) {
            if node.thread == thread {
                return Some(index);
            }
            index = node.same_slot;
        }
        None
    }

    /// Stores `node` in a free slab entry (or a new one) and returns its index.
    #[inline]
    fn new_node(&mut self, node: Node) -> u32 {
        if let Some(free) = self.nodes.get_mut(self.free as usize) {
            let index = self.free;
            self.free = free.next;
            *free = node;
            return index;
        }
        // `NONE` is never a node index: a slab of 2^32 - 1 nodes (64 GiB)
        // cannot exist on the 128 MiB machines this kernel targets, and the
        // push below would fail to allocate long before.
        let index = u32::try_from(self.nodes.len()).unwrap_or(NONE);
        self.nodes.push(node);
        index
    }

    /// Takes node `index`, which holds `thread`, out of the order and out of
    /// its slot's chain, and frees it.
    #[inline]
    fn unlink(&mut self, index: u32, thread: ThreadId) {
        let Some(&Node { previous, next, same_slot, .. }) = self.nodes.get(index as usize) else {
            return;
        };
        match self.nodes.get_mut(previous as usize) {
            Some(node) => node.next = next,
            None => self.front = next,
        }
        match self.nodes.get_mut(next as usize) {
            Some(node) => node.previous = previous,
            None => self.back = previous,
        }
        self.unchain(index, slot_of(thread), same_slot);
        if let Some(node) = self.nodes.get_mut(index as usize) {
            node.next = self.free;
            self.free = index;
        }
        self.len = self.len.saturating_sub(1);
    }

    /// Takes node `index` out of the chain of slot `slot`; `after` is the node
    /// that followed it there.
    #[inline]
    fn unchain(&mut self, index: u32, slot: usize, after: u32) {
        let Some(first) = self.slots.get_mut(slot) else { return };
        if *first == index {
            *first = after;
            return;
        }
        let first = *first;
        self.unchain_later(first, index, after);
    }

    /// [`unchain`](Self::unchain) when another generation of the slot came
    /// first (never in the kernel): walk from `at` to our predecessor.
    fn unchain_later(&mut self, mut at: u32, index: u32, after: u32) {
        while let Some(node) = self.nodes.get_mut(at as usize) {
            if node.same_slot == index {
                node.same_slot = after;
                return;
            }
            at = node.same_slot;
        }
    }
}

/// The slot-table index of `thread`.
#[inline]
fn slot_of(thread: ThreadId) -> usize {
    // A `u32` always fits in `usize` on the 64-bit targets this runs on.
    usize::try_from(thread.index()).unwrap_or(usize::MAX)
}

impl Default for RunQueue {
    fn default() -> Self {
        Self::new()
    }
}
