//! Single-frame allocation and freeing.

use super::support::{all_free, allocator, consistent, frame};
use crate::{AllocError, FreeError, MAX_FRAME_NUMBER};

#[test]
fn allocating_every_frame_then_one_more_is_out_of_frames() {
    let mut frames = all_free(1000);
    for expected in 0..1000 {
        assert_eq!(frames.allocate(), Ok(frame(expected)));
    }
    assert_eq!(frames.free_count(), 0);
    assert_eq!(frames.allocate(), Err(AllocError::OutOfFrames));
    assert_eq!(frames.allocate(), Err(AllocError::OutOfFrames));
    assert!(consistent(&frames));
}

#[test]
fn empty_allocator_is_out_of_frames() {
    assert_eq!(allocator(0).allocate(), Err(AllocError::OutOfFrames));
    assert_eq!(allocator(100).allocate(), Err(AllocError::OutOfFrames));
}

#[test]
fn four_level_tree_hands_out_every_frame_in_order() {
    // 64^3 + 1 frames: the last frame sits alone under its own summary path.
    let frame_count = 64 * 64 * 64 + 1;
    let mut frames = all_free(frame_count);
    assert_eq!(
        crate::layout::Layout::for_frames(frame_count)
            .unwrap()
            .level_count,
        4
    );
    for expected in 0..frame_count {
        assert_eq!(frames.allocate(), Ok(frame(expected)));
    }
    assert_eq!(frames.allocate(), Err(AllocError::OutOfFrames));
    assert!(frames.tree.invariants_hold());
    frames.free(frame(frame_count - 1)).unwrap();
    frames.free(frame(70_000)).unwrap();
    assert_eq!(frames.allocate(), Ok(frame(70_000)));
    assert_eq!(frames.allocate(), Ok(frame(frame_count - 1)));
    assert!(frames.tree.invariants_hold());
}

#[test]
fn freed_frame_is_allocated_again() {
    let mut frames = all_free(200);
    let taken: Vec<_> = (0..150).map(|_| frames.allocate().unwrap()).collect();
    frames.free(taken[100]).unwrap();
    frames.free(taken[3]).unwrap();
    assert_eq!(frames.free_count(), 52);
    assert_eq!(frames.allocate(), Ok(taken[3]));
    assert_eq!(frames.allocate(), Ok(taken[100]));
    assert_eq!(frames.allocate(), Ok(frame(150)));
    assert!(consistent(&frames));
}

#[test]
fn allocation_skips_frames_never_added() {
    let mut frames = allocator(5000);
    frames.add_free_range(frame(4097), frame(4099)).unwrap();
    assert_eq!(frames.allocate(), Ok(frame(4097)));
    assert_eq!(frames.allocate(), Ok(frame(4098)));
    assert_eq!(frames.allocate(), Err(AllocError::OutOfFrames));
}

#[test]
fn double_free_is_rejected() {
    let mut frames = all_free(100);
    let taken = frames.allocate().unwrap();
    frames.free(taken).unwrap();
    assert_eq!(frames.free(taken), Err(FreeError::AlreadyFree));
    assert_eq!(frames.free(frame(50)), Err(FreeError::AlreadyFree));
    assert_eq!(frames.free_count(), 100);
    assert!(consistent(&frames));
}

#[test]
fn frame_past_capacity_is_out_of_range() {
    let mut frames = all_free(100);
    assert_eq!(frames.free(frame(100)), Err(FreeError::OutOfRange));
    assert_eq!(
        frames.free(frame(MAX_FRAME_NUMBER)),
        Err(FreeError::OutOfRange)
    );
    assert!(!frames.is_free(frame(100)));
    assert!(!frames.is_free(frame(MAX_FRAME_NUMBER)));
    assert_eq!(frames.free_count(), 100);
}

#[test]
fn summaries_stay_consistent_through_churn() {
    // Three levels; free and take frames at word and summary boundaries.
    let mut frames = all_free(64 * 64 * 2 + 5);
    let all: Vec<_> = std::iter::from_fn(|| frames.allocate().ok()).collect();
    assert!(consistent(&frames));
    for &index in &[0, 63, 64, 4095, 4096, 8196, 8195] {
        frames.free(all[index]).unwrap();
        assert!(consistent(&frames));
    }
    for _ in 0..7 {
        frames.allocate().unwrap();
        assert!(consistent(&frames));
    }
    assert_eq!(frames.allocate(), Err(AllocError::OutOfFrames));
}
