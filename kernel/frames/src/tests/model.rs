//! The reference model: a `BTreeSet` of free frame numbers and the obvious
//! algorithm for each operation, with the same errors the allocator promises.

use std::collections::BTreeSet;

use crate::{AddRangeError, AllocError, FreeError};

/// What the allocator's state should be: the set of free frames.
#[derive(Debug)]
pub(crate) struct Model {
    /// The free frame numbers.
    pub(crate) free: BTreeSet<u64>,
    /// How many frames exist.
    pub(crate) total: u64,
}

impl Model {
    /// A model of `total` frames, all used.
    pub(crate) fn new(total: u64) -> Self {
        Self {
            free: BTreeSet::new(),
            total,
        }
    }

    /// Frees `start..end` if all of it is used and inside the capacity.
    pub(crate) fn add_free_range(&mut self, start: u64, end: u64) -> Result<(), AddRangeError> {
        if start > end {
            return Err(AddRangeError::Reversed);
        }
        if end > self.total {
            return Err(AddRangeError::BeyondCapacity);
        }
        if self.free.range(start..end).next().is_some() {
            return Err(AddRangeError::AlreadyFree);
        }
        self.free.extend(start..end);
        Ok(())
    }

    /// The lowest free frame.
    pub(crate) fn allocate(&mut self) -> Result<u64, AllocError> {
        self.free.pop_first().ok_or(AllocError::OutOfFrames)
    }

    /// Frees one used frame.
    pub(crate) fn free(&mut self, number: u64) -> Result<(), FreeError> {
        self.free_contiguous(number, 1)
    }

    /// The lowest aligned start of `count` free frames, found by walking the
    /// free runs in order.
    pub(crate) fn allocate_contiguous(
        &mut self,
        count: u64,
        align: u64,
    ) -> Result<u64, AllocError> {
        if count == 0 {
            return Err(AllocError::ZeroCount);
        }
        if !align.is_power_of_two() {
            return Err(AllocError::BadAlignment);
        }
        let start = self
            .free_runs()
            .into_iter()
            .find_map(|(run_start, run_end)| {
                let start = run_start.checked_next_multiple_of(align)?;
                (start.checked_add(count)? <= run_end).then_some(start)
            })
            .ok_or(AllocError::OutOfFrames)?;
        for number in start..start + count {
            self.free.remove(&number);
        }
        Ok(start)
    }

    /// Frees `count` used frames from `start`; zero frames is always fine.
    pub(crate) fn free_contiguous(&mut self, start: u64, count: u64) -> Result<(), FreeError> {
        let end = start.checked_add(count).ok_or(FreeError::OutOfRange)?;
        if count > 0 && end > self.total {
            return Err(FreeError::OutOfRange);
        }
        if self.free.range(start..end).next().is_some() {
            return Err(FreeError::AlreadyFree);
        }
        self.free.extend(start..end);
        Ok(())
    }

    /// Maximal runs of free frames as `(start, end)`, in order.
    fn free_runs(&self) -> Vec<(u64, u64)> {
        let mut runs: Vec<(u64, u64)> = Vec::new();
        for &number in &self.free {
            match runs.last_mut() {
                Some((_, end)) if *end == number => *end += 1,
                _ => runs.push((number, number + 1)),
            }
        }
        runs
    }
}
