//! Helpers shared by the tests.

use crate::{Frame, FrameAllocator, storage_words};

/// Frame number `number`, which the test knows is valid.
pub(crate) fn frame(number: u64) -> Frame {
    Frame::new(number).unwrap()
}

/// An allocator for `frame_count` frames, all used, with leaked storage (as the
/// kernel's is `'static`) filled with junk to show `new` clears it.
pub(crate) fn allocator(frame_count: u64) -> FrameAllocator<'static> {
    let storage = vec![u64::MAX; storage_words(frame_count).unwrap()].leak();
    FrameAllocator::new(storage, frame_count).unwrap()
}

/// An allocator for `frame_count` frames, all free.
pub(crate) fn all_free(frame_count: u64) -> FrameAllocator<'static> {
    let mut frames = allocator(frame_count);
    frames.add_free_range(frame(0), frame(frame_count)).unwrap();
    frames
}

/// Whether the tree's invariants hold and the free counter matches its bits.
pub(crate) fn consistent(frames: &FrameAllocator<'_>) -> bool {
    let counted = (0..frames.total_count())
        .filter(|&n| frames.is_free(frame(n)))
        .count();
    frames.tree.invariants_hold() && counted as u64 == frames.free_count()
}
