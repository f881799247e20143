//! The set of loadable segments: checks between segments, without allocating.

use crate::{ElfError, MAX_SEGMENTS, Segment};

/// Up to [`MAX_SEGMENTS`] segments whose pages are pairwise disjoint and whose
/// total page-rounded size is within the caller's memory limit.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SegmentList<'a> {
    slots: [Segment<'a>; MAX_SEGMENTS],
    len: usize,
    total_bytes: u64,
}

impl<'a> SegmentList<'a> {
    /// An empty list.
    pub(crate) fn new() -> Self {
        Self {
            slots: [Segment::EMPTY; MAX_SEGMENTS],
            len: 0,
            total_bytes: 0,
        }
    }

    /// The segments added so far, in program header order.
    pub(crate) fn as_slice(&self) -> &[Segment<'a>] {
        // `len` never exceeds MAX_SEGMENTS (see `push`); `get` keeps this
        // panic-free all the same.
        self.slots.get(..self.len).unwrap_or(&[])
    }

    /// Adds `segment` after checking it against the segments already added.
    ///
    /// Overlap is checked by page, not by byte: the kernel maps whole pages,
    /// and two segments sharing a page would need one page with two sets of
    /// permissions (or one segment's bytes copied over the other's).
    pub(crate) fn push(&mut self, segment: Segment<'a>, max_memory: u64) -> Result<(), ElfError> {
        let index = segment.program_header_index();
        if let Some(other) = self.as_slice().iter().find(|other| {
            segment.page_start() < other.page_end() && other.page_start() < segment.page_end()
        }) {
            return Err(ElfError::OverlappingSegments {
                first: other.program_header_index(),
                second: index,
            });
        }
        let limit = ElfError::MemoryLimitExceeded { segment: index };
        let pages = segment
            .page_end()
            .checked_sub(segment.page_start())
            .ok_or(limit)?;
        let total_bytes = self.total_bytes.checked_add(pages).ok_or(limit)?;
        if total_bytes > max_memory {
            return Err(limit);
        }
        let slot = self
            .slots
            .get_mut(self.len)
            .ok_or(ElfError::TooManySegments)?;
        *slot = segment;
        self.len += 1;
        self.total_bytes = total_bytes;
        Ok(())
    }

    /// The segment that contains `address`, if any.
    pub(crate) fn containing(&self, address: u64) -> Option<&Segment<'a>> {
        self.as_slice()
            .iter()
            .find(|segment| segment.contains(address, 1))
    }

    /// One past the highest mapped page, or 0 when the list is empty.
    pub(crate) fn image_end(&self) -> u64 {
        self.as_slice()
            .iter()
            .map(Segment::page_end)
            .max()
            .unwrap_or(0)
    }
}
