//! The thread table: boxed thread records named by index and generation.

use alloc::boxed::Box;
use alloc::vec::Vec;

use scheduler::ThreadId;

use super::thread::Thread;

/// Most threads alive at once, system-wide.
pub const MAX_THREADS: usize = 8192;

#[derive(Debug, Default)]
struct Slot {
    generation: u32,
    thread: Option<Box<Thread>>,
}

/// Threads by [`ThreadId`]. A stale id (slot reused since) finds nothing.
#[derive(Debug, Default)]
pub struct ThreadTable {
    slots: Vec<Slot>,
    free: Vec<u32>,
    live: usize,
}

impl ThreadTable {
    /// Makes a thread with a fresh id and stores it. Fails with `None` at
    /// the thread limit or when memory runs out, or with `make`'s error.
    pub fn insert_new<E>(
        &mut self,
        make: impl FnOnce() -> Result<Thread, E>,
    ) -> Result<ThreadId, Option<E>> {
        if self.live >= MAX_THREADS {
            return Err(None);
        }
        let index = match self.free.last() {
            Some(&index) => index,
            None => {
                let index = u32::try_from(self.slots.len()).map_err(|_| None)?;
                // Room for the slot now, and for its index on the free list
                // when the thread goes, so `remove` never allocates.
                self.slots.try_reserve(1).map_err(|_| None)?;
                self.free.try_reserve(self.slots.len() + 1).map_err(|_| None)?;
                self.slots.push(Slot::default());
                self.free.push(index);
                index
            }
        };
        let Some(slot) = self.slots.get_mut(index as usize) else { return Err(None) };
        let id = ThreadId::new(index, slot.generation);
        let thread = make().map_err(Some)?;
        let thread = Box::try_new(thread).map_err(|_| None)?;
        slot.thread = Some(thread);
        self.free.pop();
        self.live += 1;
        Ok(id)
    }

    /// The thread named `id`, if it still exists.
    pub fn get(&self, id: ThreadId) -> Option<&Thread> {
        let slot = self.slots.get(id.index() as usize)?;
        if slot.generation != id.generation() {
            return None;
        }
        slot.thread.as_deref()
    }

    /// The thread named `id`, mutably.
    pub fn get_mut(&mut self, id: ThreadId) -> Option<&mut Thread> {
        let slot = self.slots.get_mut(id.index() as usize)?;
        if slot.generation != id.generation() {
            return None;
        }
        slot.thread.as_deref_mut()
    }

    /// Two different threads at once, mutably: an IPC hand-off writes the
    /// record of the thread it leaves and of the thread it wakes, and one
    /// look-up of both costs less than two. `None` if either is gone or
    /// they are the same thread.
    #[inline]
    pub fn get_pair_mut(&mut self, first: ThreadId, second: ThreadId) -> Option<(&mut Thread, &mut Thread)> {
        let (first_index, second_index) = (first.index() as usize, second.index() as usize);
        // Split the slots between the two, so each half is borrowed once.
        let (first_slot, second_slot) = if first_index < second_index {
            let (low, high) = self.slots.split_at_mut_checked(second_index)?;
            (low.get_mut(first_index)?, high.first_mut()?)
        } else if second_index < first_index {
            let (low, high) = self.slots.split_at_mut_checked(first_index)?;
            (high.first_mut()?, low.get_mut(second_index)?)
        } else {
            return None;
        };
        if first_slot.generation != first.generation() || second_slot.generation != second.generation() {
            return None;
        }
        Some((first_slot.thread.as_deref_mut()?, second_slot.thread.as_deref_mut()?))
    }

    /// Takes a thread out; its slot's next user gets a new generation.
    pub fn remove(&mut self, id: ThreadId) -> Option<Box<Thread>> {
        let slot = self.slots.get_mut(id.index() as usize)?;
        if slot.generation != id.generation() {
            return None;
        }
        let thread = slot.thread.take()?;
        slot.generation = slot.generation.wrapping_add(1);
        self.live -= 1;
        // `next_id` reserved room for this push when the slot was created.
        self.free.push(id.index());
        Some(thread)
    }

    /// Threads alive (including the idle thread).
    pub fn len(&self) -> usize {
        self.live
    }
}
