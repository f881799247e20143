//! The frame allocator: boot-time setup, single frames, and the counters.

use crate::error::{AddRangeError, AllocError, FreeError, InitError};
use crate::frame::{FRAME_SIZE, Frame};
use crate::layout::Layout;
use crate::tree::BitTree;

/// A physical frame allocator over frames `0..total_count()`, backed by a
/// bitmap tree in caller-provided storage.
///
/// Every frame starts out used; [`add_free_range`](Self::add_free_range)
/// makes the usable ones free. See the crate docs for the design.
pub struct FrameAllocator<'a> {
    /// One set bit per free frame, with summaries.
    pub(crate) tree: BitTree<'a>,
    /// How many frames the allocator covers, as given to `new`.
    pub(crate) frame_count: u64,
    /// The same, as a bitmap index bound.
    pub(crate) frame_limit: usize,
    /// How many frames are free; kept equal to the number of set leaf bits.
    pub(crate) free_frames: usize,
}

impl<'a> FrameAllocator<'a> {
    /// An allocator for frames `0..frame_count`, all of them used, keeping its
    /// bitmap in `storage`.
    ///
    /// `storage` needs at least [`storage_words`](crate::storage_words)`(frame_count)`
    /// words; extra words are left untouched. Its old contents do not matter:
    /// the allocator clears what it uses. The kernel passes a `&'static mut`
    /// slice carved out of usable RAM at boot.
    ///
    /// # Errors
    ///
    /// - [`InitError::TooManyFrames`] if `frame_count` is above
    ///   [`MAX_FRAMES`](crate::MAX_FRAMES);
    /// - [`InitError::StorageTooSmall`] if `storage` is too short.
    pub fn new(storage: &'a mut [u64], frame_count: u64) -> Result<Self, InitError> {
        let layout = Layout::for_frames(frame_count).ok_or(InitError::TooManyFrames)?;
        let frame_limit = usize::try_from(frame_count).map_err(|_| InitError::TooManyFrames)?;
        let given = storage.len();
        let tree =
            BitTree::new(storage, &layout, frame_limit).ok_or(InitError::StorageTooSmall {
                needed: layout.total_words,
                given,
            })?;
        Ok(Self {
            tree,
            frame_count,
            frame_limit,
            free_frames: 0,
        })
    }

    /// Marks frames `start..end` (end exclusive) free: the kernel calls this
    /// once for every usable region of the boot memory map. An empty range is
    /// accepted and changes nothing.
    ///
    /// # Errors
    ///
    /// Changes nothing and returns:
    /// - [`AddRangeError::Reversed`] if `start` is after `end`;
    /// - [`AddRangeError::BeyondCapacity`] if `end` is past [`total_count`](Self::total_count);
    /// - [`AddRangeError::AlreadyFree`] if any frame in the range is already free.
    pub fn add_free_range(&mut self, start: Frame, end: Frame) -> Result<(), AddRangeError> {
        if start > end {
            return Err(AddRangeError::Reversed);
        }
        let (start, end) = self
            .index_range(start, end)
            .ok_or(AddRangeError::BeyondCapacity)?;
        if self.any_free_in(start, end) {
            return Err(AddRangeError::AlreadyFree);
        }
        self.mark_free(start, end);
        Ok(())
    }

    /// Marks free every whole frame inside the byte range `start..end`: a
    /// memory-map region given by addresses. A partial frame at either end
    /// stays used, since part of it is not usable RAM.
    ///
    /// # Errors
    ///
    /// As [`add_free_range`](Self::add_free_range); a region holding no whole
    /// frame is accepted and changes nothing.
    pub fn add_free_address_range(&mut self, start: u64, end: u64) -> Result<(), AddRangeError> {
        if start > end {
            return Err(AddRangeError::Reversed);
        }
        // A start in the last partial frame of the address space rounds up
        // past `u64::MAX`: no whole frame starts there.
        let Some(rounded_start) = start.checked_next_multiple_of(FRAME_SIZE) else {
            return Ok(());
        };
        let first = Frame::containing_address(rounded_start);
        let end = Frame::containing_address(end);
        if first >= end {
            return Ok(());
        }
        self.add_free_range(first, end)
    }

    /// Hands out one free frame, the lowest-numbered one.
    ///
    /// Takes O(levels) word operations. The frame's contents are whatever its
    /// last user left: zeroing it is the caller's job.
    ///
    /// # Errors
    ///
    /// [`AllocError::OutOfFrames`] if no frame is free.
    pub fn allocate(&mut self) -> Result<Frame, AllocError> {
        let index = self.tree.next_set(0).ok_or(AllocError::OutOfFrames)?;
        self.mark_used(index, index + 1);
        Ok(Frame::from_index(index))
    }

    /// Gives `frame` back, making it free for the next allocation.
    ///
    /// The allocator cannot tell a frame it handed out from one that was never
    /// added (such as the kernel image): both are "used". Freeing a frame you
    /// did not get from [`allocate`](Self::allocate) gives it away.
    ///
    /// # Errors
    ///
    /// Changes nothing and returns:
    /// - [`FreeError::OutOfRange`] if `frame` is past [`total_count`](Self::total_count);
    /// - [`FreeError::AlreadyFree`] if `frame` is already free (a double free).
    pub fn free(&mut self, frame: Frame) -> Result<(), FreeError> {
        let index = self.index_of(frame).ok_or(FreeError::OutOfRange)?;
        if self.tree.is_set(index) {
            return Err(FreeError::AlreadyFree);
        }
        self.mark_free(index, index + 1);
        Ok(())
    }

    /// Whether `frame` is free. Frames past [`total_count`](Self::total_count)
    /// are never free.
    #[must_use]
    pub fn is_free(&self, frame: Frame) -> bool {
        self.index_of(frame)
            .is_some_and(|index| self.tree.is_set(index))
    }

    /// How many frames are free now.
    #[must_use]
    pub fn free_count(&self) -> u64 {
        // Lossless: `usize` is at most 64 bits (asserted in `layout`).
        self.free_frames as u64
    }

    /// How many frames the allocator covers, free or used: the `frame_count`
    /// given to [`new`](Self::new).
    #[must_use]
    pub fn total_count(&self) -> u64 {
        self.frame_count
    }

    /// `frame`'s bitmap index, or `None` if it is past the last frame.
    pub(crate) fn index_of(&self, frame: Frame) -> Option<usize> {
        usize::try_from(frame.number())
            .ok()
            .filter(|&index| index < self.frame_limit)
    }

    /// The bitmap indices of `start..end`, or `None` if `end` is past the last
    /// frame. Needs `start <= end`.
    fn index_range(&self, start: Frame, end: Frame) -> Option<(usize, usize)> {
        let end = usize::try_from(end.number())
            .ok()
            .filter(|&end| end <= self.frame_limit)?;
        // `start <= end`, so it is in range too.
        let start = usize::try_from(start.number()).ok()?;
        Some((start, end))
    }

    /// Whether any frame in `start..end` is free, in O(levels) steps.
    pub(crate) fn any_free_in(&self, start: usize, end: usize) -> bool {
        self.tree.next_set(start).is_some_and(|free| free < end)
    }

    /// Marks `start..end` free; every frame in it must be used.
    pub(crate) fn mark_free(&mut self, start: usize, end: usize) {
        self.tree.write_range(start, end, true);
        self.free_frames += end - start;
    }

    /// Marks `start..end` used; every frame in it must be free.
    pub(crate) fn mark_used(&mut self, start: usize, end: usize) {
        self.tree.write_range(start, end, false);
        self.free_frames -= end - start;
    }
}
