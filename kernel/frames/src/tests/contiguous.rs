//! Contiguous runs for DMA buffers.

use super::support::{all_free, allocator, consistent, frame};
use crate::{AllocError, FreeError};

#[test]
fn contiguous_run_respects_alignment() {
    let mut frames = all_free(1024);
    frames.allocate().unwrap(); // frame 0 is taken, so the run cannot start there
    let run = frames.allocate_contiguous(10, 64).unwrap();
    assert_eq!(run, frame(64));
    assert!((64..74).all(|n| !frames.is_free(frame(n))));
    assert_eq!(frames.free_count(), 1024 - 11);
    // The frames skipped for alignment are still handed out singly.
    assert_eq!(frames.allocate(), Ok(frame(1)));
    assert!(consistent(&frames));
}

#[test]
fn contiguous_run_skips_holes_too_small() {
    let mut frames = allocator(4096);
    frames.add_free_range(frame(0), frame(3)).unwrap();
    frames.add_free_range(frame(100), frame(104)).unwrap();
    frames.add_free_range(frame(3000), frame(3200)).unwrap();
    assert_eq!(frames.allocate_contiguous(4, 1), Ok(frame(100)));
    assert_eq!(frames.allocate_contiguous(4, 1), Ok(frame(3000)));
    assert_eq!(
        frames.allocate_contiguous(129, 128),
        Err(AllocError::OutOfFrames)
    );
    assert_eq!(frames.allocate_contiguous(128, 128), Ok(frame(3072)));
    assert!(consistent(&frames));
}

#[test]
fn contiguous_run_crossing_words_and_summaries_is_found() {
    let mut frames = allocator(64 * 64 * 3);
    frames.add_free_range(frame(0), frame(5000)).unwrap();
    frames
        .add_free_range(frame(5001), frame(64 * 64 * 3))
        .unwrap();
    for expected in 0..3 {
        assert_eq!(frames.allocate(), Ok(frame(expected)));
    }
    // A 4,000-frame run spans many leaf words and two summary words.
    assert_eq!(frames.allocate_contiguous(4000, 1), Ok(frame(3)));
    // 4096..8192 holds the used frame 5000, so the next aligned start wins.
    assert_eq!(frames.allocate_contiguous(4096, 4096), Ok(frame(8192)));
    assert!(consistent(&frames));
}

#[test]
fn contiguous_exhaustion_is_out_of_frames() {
    let mut frames = all_free(100);
    assert_eq!(
        frames.allocate_contiguous(101, 1),
        Err(AllocError::OutOfFrames)
    );
    assert_eq!(frames.allocate_contiguous(1, 64), Ok(frame(0)));
    // 99 frames are free, but the only 64-aligned start left is 64: 36 frames.
    assert_eq!(
        frames.allocate_contiguous(37, 64),
        Err(AllocError::OutOfFrames)
    );
    assert_eq!(frames.allocate_contiguous(36, 64), Ok(frame(64)));
    assert_eq!(
        frames.allocate_contiguous(64, 1),
        Err(AllocError::OutOfFrames)
    );
    assert_eq!(frames.allocate_contiguous(63, 1), Ok(frame(1)));
    assert_eq!(
        frames.allocate_contiguous(1, 1),
        Err(AllocError::OutOfFrames)
    );
    assert_eq!(frames.free_count(), 0);
    assert!(consistent(&frames));
}

#[test]
fn alignment_past_the_last_frame_admits_only_frame_zero() {
    let mut frames = all_free(100);
    assert_eq!(frames.allocate_contiguous(2, 1 << 63), Ok(frame(0)));
    assert_eq!(
        frames.allocate_contiguous(1, 1 << 63),
        Err(AllocError::OutOfFrames)
    );
    assert_eq!(
        frames.allocate_contiguous(1, 128),
        Err(AllocError::OutOfFrames)
    );
}

#[test]
fn zero_count_and_bad_alignment_are_rejected() {
    let mut frames = all_free(100);
    assert_eq!(frames.allocate_contiguous(0, 1), Err(AllocError::ZeroCount));
    assert_eq!(
        frames.allocate_contiguous(1, 0),
        Err(AllocError::BadAlignment)
    );
    assert_eq!(
        frames.allocate_contiguous(1, 3),
        Err(AllocError::BadAlignment)
    );
    assert_eq!(
        frames.allocate_contiguous(u64::MAX, 1),
        Err(AllocError::OutOfFrames)
    );
    assert_eq!(frames.free_count(), 100);
}

#[test]
fn freed_run_is_allocatable_again() {
    let mut frames = all_free(512);
    let run = frames.allocate_contiguous(200, 8).unwrap();
    assert_eq!(frames.allocate_contiguous(200, 8), Ok(frame(200)));
    frames.free_contiguous(run, 200).unwrap();
    assert_eq!(frames.allocate_contiguous(200, 8), Ok(run));
    assert!(consistent(&frames));
}

#[test]
fn freeing_a_run_with_a_free_frame_changes_nothing() {
    let mut frames = all_free(300);
    let run = frames.allocate_contiguous(100, 1).unwrap();
    frames.free(frame(50)).unwrap();
    assert_eq!(
        frames.free_contiguous(run, 100),
        Err(FreeError::AlreadyFree)
    );
    assert_eq!(frames.free_count(), 201);
    assert!(
        (0..100)
            .filter(|&n| n != 50)
            .all(|n| !frames.is_free(frame(n)))
    );
    assert!(consistent(&frames));
}

#[test]
fn freeing_a_run_past_capacity_is_out_of_range() {
    let mut frames = allocator(300);
    assert_eq!(
        frames.free_contiguous(frame(250), 51),
        Err(FreeError::OutOfRange)
    );
    assert_eq!(
        frames.free_contiguous(frame(300), 1),
        Err(FreeError::OutOfRange)
    );
    assert_eq!(
        frames.free_contiguous(frame(1), u64::MAX),
        Err(FreeError::OutOfRange)
    );
    assert_eq!(frames.free_contiguous(frame(250), 0), Ok(()));
    assert_eq!(frames.free_count(), 0);
    frames.free_contiguous(frame(250), 50).unwrap();
    assert_eq!(frames.free_count(), 50);
}
