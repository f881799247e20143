//! Construction and adding memory-map regions.

use super::support::{allocator, consistent, frame};
use crate::{AddRangeError, FRAME_SIZE, Frame, FrameAllocator, InitError, MAX_FRAMES};

#[test]
fn every_frame_starts_used_even_on_junk_storage() {
    let frames = allocator(1000);
    assert_eq!(frames.free_count(), 0);
    assert_eq!(frames.total_count(), 1000);
    assert!((0..1000).all(|n| !frames.is_free(frame(n))));
    assert!(consistent(&frames));
}

#[test]
fn too_small_storage_is_rejected() {
    let mut storage = [0; 2];
    let error = FrameAllocator::new(&mut storage, 65 * 64).err();
    assert_eq!(
        error,
        Some(InitError::StorageTooSmall {
            needed: 65 + 2 + 1,
            given: 2
        })
    );
}

#[test]
fn too_many_frames_are_rejected() {
    let mut storage = [0; 1];
    let error = FrameAllocator::new(&mut storage, MAX_FRAMES + 1).err();
    assert_eq!(error, Some(InitError::TooManyFrames));
}

#[test]
fn words_past_the_needed_storage_are_left_alone() {
    let mut storage = [7; 4];
    FrameAllocator::new(&mut storage, 64).unwrap();
    assert_eq!(storage, [0, 7, 7, 7]);
}

#[test]
fn added_range_becomes_free() {
    let mut frames = allocator(300);
    frames.add_free_range(frame(10), frame(200)).unwrap();
    assert_eq!(frames.free_count(), 190);
    assert!(!frames.is_free(frame(9)));
    assert!(frames.is_free(frame(10)));
    assert!(frames.is_free(frame(199)));
    assert!(!frames.is_free(frame(200)));
    assert!(consistent(&frames));
}

#[test]
fn range_past_capacity_is_rejected() {
    let mut frames = allocator(100);
    assert_eq!(
        frames.add_free_range(frame(50), frame(101)),
        Err(AddRangeError::BeyondCapacity)
    );
    assert_eq!(frames.free_count(), 0);
}

#[test]
fn overlapping_range_is_rejected_and_changes_nothing() {
    let mut frames = allocator(1000);
    frames.add_free_range(frame(500), frame(501)).unwrap();
    assert_eq!(
        frames.add_free_range(frame(0), frame(1000)),
        Err(AddRangeError::AlreadyFree)
    );
    assert_eq!(frames.free_count(), 1);
    assert!(consistent(&frames));
}

#[test]
fn reversed_range_is_rejected() {
    let mut frames = allocator(100);
    assert_eq!(
        frames.add_free_range(frame(5), frame(4)),
        Err(AddRangeError::Reversed)
    );
    assert_eq!(
        frames.add_free_address_range(5, 4),
        Err(AddRangeError::Reversed)
    );
}

#[test]
fn empty_range_changes_nothing() {
    let mut frames = allocator(100);
    frames.add_free_range(frame(7), frame(7)).unwrap();
    assert_eq!(frames.free_count(), 0);
}

#[test]
fn address_range_keeps_only_whole_frames() {
    let mut frames = allocator(100);
    frames
        .add_free_address_range(FRAME_SIZE + 1, 5 * FRAME_SIZE - 1)
        .unwrap();
    let free: Vec<u64> = (0..100).filter(|&n| frames.is_free(frame(n))).collect();
    assert_eq!(free, [2, 3]);
    // Less than a frame, and a region at the very top of the address space.
    frames
        .add_free_address_range(10 * FRAME_SIZE + 1, 11 * FRAME_SIZE + 5)
        .unwrap();
    frames
        .add_free_address_range(u64::MAX - 10, u64::MAX)
        .unwrap();
    assert_eq!(frames.free_count(), 2);
}

#[test]
fn frame_addresses_round_trip() {
    assert_eq!(frame(3).start_address(), 3 * FRAME_SIZE);
    assert_eq!(Frame::containing_address(3 * FRAME_SIZE + 4095), frame(3));
    assert_eq!(Frame::from_start_address(3 * FRAME_SIZE), Some(frame(3)));
    assert_eq!(Frame::from_start_address(3 * FRAME_SIZE + 1), None);
    let last = Frame::containing_address(u64::MAX);
    assert_eq!(last.start_address(), u64::MAX - (FRAME_SIZE - 1));
    assert_eq!(Frame::new(last.number() + 1), None);
}
