//! Runs of physically contiguous frames, for DMA buffers.
//!
//! Rare (drivers ask for them at start-up) and allowed to be slower than single
//! frames: a first-fit search that uses the summaries to jump over used
//! stretches and scans leaf words, 64 frames at a time, to check a candidate.

use crate::allocator::FrameAllocator;
use crate::error::{AllocError, FreeError};
use crate::frame::Frame;

impl FrameAllocator<'_> {
    /// Hands out `count` contiguous free frames whose first frame number is a
    /// multiple of `align_frames` (which must be a power of two; 1 means any).
    /// It picks the lowest such run.
    ///
    /// Cost: each candidate takes O(levels + count / 64) word operations, and
    /// a failed candidate moves the search past a used frame, so it is linear
    /// in the frames passed over at worst and much faster where memory is
    /// mostly free or mostly used.
    ///
    /// # Errors
    ///
    /// Changes nothing and returns:
    /// - [`AllocError::ZeroCount`] if `count` is 0;
    /// - [`AllocError::BadAlignment`] if `align_frames` is not a power of two;
    /// - [`AllocError::OutOfFrames`] if no such run is free.
    pub fn allocate_contiguous(
        &mut self,
        count: u64,
        align_frames: u64,
    ) -> Result<Frame, AllocError> {
        if count == 0 {
            return Err(AllocError::ZeroCount);
        }
        if !align_frames.is_power_of_two() {
            return Err(AllocError::BadAlignment);
        }
        if count > self.free_count() {
            return Err(AllocError::OutOfFrames);
        }
        // `count` is at most the free count, so it fits a `usize`. An alignment
        // past the last frame admits only frame 0, as does the smallest power
        // of two that is not below the frame count; clamping to it keeps the
        // arithmetic in range.
        let count = usize::try_from(count).map_err(|_| AllocError::OutOfFrames)?;
        let align = align_frames.min(self.frame_count.next_power_of_two());
        let align = usize::try_from(align).map_err(|_| AllocError::OutOfFrames)?;
        let start = self
            .find_free_run(count, align)
            .ok_or(AllocError::OutOfFrames)?;
        self.mark_used(start, start + count);
        Ok(Frame::from_index(start))
    }

    /// Gives back the `count` frames starting at `start`, such as a run from
    /// [`allocate_contiguous`](Self::allocate_contiguous). A count of 0 changes
    /// nothing.
    ///
    /// # Errors
    ///
    /// Changes nothing (no frame of the run is freed) and returns:
    /// - [`FreeError::OutOfRange`] if the run reaches past
    ///   [`total_count`](Self::total_count);
    /// - [`FreeError::AlreadyFree`] if any frame of the run is already free.
    pub fn free_contiguous(&mut self, start: Frame, count: u64) -> Result<(), FreeError> {
        if count == 0 {
            return Ok(());
        }
        let end = start
            .number()
            .checked_add(count)
            .ok_or(FreeError::OutOfRange)?;
        if end > self.frame_count {
            return Err(FreeError::OutOfRange);
        }
        // Both bounds are at most the frame count, which fits a `usize`.
        let start = self.index_of(start).ok_or(FreeError::OutOfRange)?;
        let end = usize::try_from(end).map_err(|_| FreeError::OutOfRange)?;
        if self.any_free_in(start, end) {
            return Err(FreeError::AlreadyFree);
        }
        self.mark_free(start, end);
        Ok(())
    }

    /// The lowest start of `count` free frames with `start % align == 0`.
    fn find_free_run(&self, count: usize, align: usize) -> Option<usize> {
        let mut from = 0;
        loop {
            // Jump straight to the next free frame, then to its aligned
            // successor; frames in between cannot start a run.
            let start = self.tree.next_set(from)?.checked_next_multiple_of(align)?;
            let end = start
                .checked_add(count)
                .filter(|&end| end <= self.frame_limit)?;
            match self.tree.first_clear_in(start, end) {
                None => return Some(start),
                // No run that starts at or before `used` can avoid it. `used`
                // is at least `from`, so the search always moves forward.
                Some(used) => from = used + 1,
            }
        }
    }
}
