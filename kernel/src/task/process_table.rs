//! The process table: processes by id, in a vector kept sorted by id.
//!
//! Every IPC syscall looks up the current process (its handle table), so
//! lookup is the operation that matters: a binary search over ids stored
//! side by side, where a `BTreeMap` walked node by node. Ids only grow
//! ([`ProcessId`] is never reused), so a new process goes at the end, and
//! removal (a process ending) shifts the records after it. The interface
//! is the part of `BTreeMap`'s that the kernel uses.
//!
//! An IPC syscall looks up the running process several times and its peer
//! once or twice, so the two positions found by the last two searches are
//! remembered and checked before searching: two compares instead of a
//! binary search over records a few hundred bytes apart. A hit leaves them
//! in place, so a client and a server taking turns hit without rewriting
//! them.

use alloc::vec::Vec;
use core::cell::Cell;

use super::process::{Process, ProcessId};

/// Processes by id.
#[derive(Debug, Default)]
pub struct ProcessTable {
    /// The processes, sorted by id; each record's `id` is its key.
    processes: Vec<Process>,
    /// The positions the last two searches found, most recent first. Only
    /// hints: a position is used only if the record there has the id looked
    /// for, so one made stale by an insert or a removal costs a search,
    /// never a wrong answer.
    recent: [Cell<usize>; 2],
}

impl ProcessTable {
    /// An empty table.
    pub const fn new() -> Self {
        Self { processes: Vec::new(), recent: [Cell::new(0), Cell::new(0)] }
    }

    /// Where process `id` is, or where it would go.
    #[inline]
    fn position(&self, id: ProcessId) -> Result<usize, usize> {
        let [last, before] = &self.recent;
        let holds = |position: usize| self.processes.get(position).is_some_and(|process| process.id == id);
        if holds(last.get()) {
            return Ok(last.get());
        }
        if holds(before.get()) {
            return Ok(before.get());
        }
        let found = self.processes.binary_search_by_key(&id, |process| process.id)?;
        before.set(last.replace(found));
        Ok(found)
    }

    /// True if process `id` is alive.
    #[inline]
    pub fn contains_key(&self, id: &ProcessId) -> bool {
        self.position(*id).is_ok()
    }

    /// The process `id`.
    #[inline]
    pub fn get(&self, id: &ProcessId) -> Option<&Process> {
        let position = self.position(*id).ok()?;
        self.processes.get(position)
    }

    /// The process `id`, mutably.
    #[inline]
    pub fn get_mut(&mut self, id: &ProcessId) -> Option<&mut Process> {
        let position = self.position(*id).ok()?;
        self.processes.get_mut(position)
    }

    /// Adds `process` under `id`, which must be `process.id`; returns the
    /// record it replaces, as `BTreeMap::insert` does.
    pub fn insert(&mut self, id: ProcessId, process: Process) -> Option<Process> {
        debug_assert_eq!(id, process.id, "a process filed under another id");
        match self.position(id) {
            Ok(position) => self.processes.get_mut(position).map(|old| core::mem::replace(old, process)),
            Err(position) => {
                self.processes.insert(position, process);
                None
            }
        }
    }

    /// Takes process `id` out.
    pub fn remove(&mut self, id: &ProcessId) -> Option<Process> {
        let position = self.position(*id).ok()?;
        Some(self.processes.remove(position))
    }

    /// How many processes are alive.
    pub fn len(&self) -> usize {
        self.processes.len()
    }

    /// The processes, by id.
    pub fn values(&self) -> impl Iterator<Item = &Process> {
        self.processes.iter()
    }
}
