//! Property tests: random memory maps and operation sequences, checked
//! against the `BTreeSet` model after every step.

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::model::Model;
use super::support::{allocator, consistent, frame};
use crate::{AllocError, Frame, FrameAllocator};

/// Up to 5,000 frames: enough for a three-level tree (past 64 * 64 = 4,096).
const MAX_TEST_FRAMES: u64 = 5000;

/// One step of a random workload.
#[derive(Clone, Debug)]
enum Operation {
    /// Allocate one frame.
    Allocate,
    /// Free a frame that is handed out (picked by index), so frees succeed.
    FreeHandedOut(usize),
    /// Free any frame number: often a double free or out of range.
    FreeAny(u64),
    /// Allocate a run of `count` frames aligned to `1 << align_shift`.
    AllocateContiguous { count: u64, align_shift: u32 },
    /// Free `count` frames from a handed-out frame (picked by index).
    FreeContiguous { pick: usize, count: u64 },
    /// Add a memory-map region, which may overlap or reach past the end.
    AddRange { start: u64, length: u64 },
}

fn operation() -> impl Strategy<Value = Operation> {
    prop_oneof![
        6 => Just(Operation::Allocate),
        4 => any::<usize>().prop_map(Operation::FreeHandedOut),
        1 => (0..MAX_TEST_FRAMES + 10).prop_map(Operation::FreeAny),
        2 => (0u64..80, 0u32..8)
            .prop_map(|(count, align_shift)| Operation::AllocateContiguous { count, align_shift }),
        1 => (any::<usize>(), 0u64..80)
            .prop_map(|(pick, count)| Operation::FreeContiguous { pick, count }),
        1 => (0..MAX_TEST_FRAMES, 0u64..600)
            .prop_map(|(start, length)| Operation::AddRange { start, length }),
    ]
}

/// A memory map: regions as `(start, length)`; some overlap or run past the end.
fn memory_map() -> impl Strategy<Value = Vec<(u64, u64)>> {
    prop::collection::vec((0..MAX_TEST_FRAMES, 0u64..2000), 0..6)
}

/// The allocator and the model, given the same memory map, the allocator's
/// results checked against the model's.
fn set_up(total: u64, map: &[(u64, u64)]) -> (FrameAllocator<'static>, Model) {
    let mut frames = allocator(total);
    let mut model = Model::new(total);
    for &(start, length) in map {
        let (start, end) = (start, start + length);
        assert_eq!(
            frames.add_free_range(frame(start), frame(end)),
            model.add_free_range(start, end)
        );
    }
    (frames, model)
}

/// Runs `operation` on both, asserts they agree, and keeps `handed_out` (the
/// frames the allocator has handed out and not had back) up to date.
fn step(
    frames: &mut FrameAllocator<'_>,
    model: &mut Model,
    handed_out: &mut BTreeSet<u64>,
    operation: &Operation,
) {
    match *operation {
        Operation::Allocate => {
            let got = frames.allocate().map(Frame::number);
            assert_eq!(got, model.allocate());
            if let Ok(number) = got {
                assert!(handed_out.insert(number), "frame {number} handed out twice");
            }
        }
        Operation::FreeHandedOut(pick) | Operation::FreeContiguous { pick, count: 1 } => {
            let Some(number) = nth(handed_out, pick) else {
                return;
            };
            assert_eq!(frames.free(frame(number)), model.free(number));
            handed_out.remove(&number);
        }
        Operation::FreeAny(number) => {
            let result = frames.free(frame(number));
            assert_eq!(result, model.free(number));
            if result.is_ok() {
                handed_out.remove(&number);
            }
        }
        Operation::AllocateContiguous { count, align_shift } => {
            let align = 1 << align_shift;
            let got = frames.allocate_contiguous(count, align).map(Frame::number);
            assert_eq!(got, model.allocate_contiguous(count, align));
            for number in got.iter().flat_map(|&start| start..start + count) {
                assert!(handed_out.insert(number), "frame {number} handed out twice");
            }
        }
        Operation::FreeContiguous { pick, count } => {
            let Some(start) = nth(handed_out, pick) else {
                return;
            };
            let result = frames.free_contiguous(frame(start), count);
            assert_eq!(result, model.free_contiguous(start, count));
            if result.is_ok() {
                handed_out.retain(|&number| !(start..start + count).contains(&number));
            }
        }
        Operation::AddRange { start, length } => {
            let end = start + length;
            let result = frames.add_free_range(frame(start), frame(end));
            assert_eq!(result, model.add_free_range(start, end));
            // Adding frames that are handed out gives them back: the allocator
            // cannot tell them from reserved ones (see the crate docs).
            if result.is_ok() {
                handed_out.retain(|number| !(start..end).contains(number));
            }
        }
    }
    assert_eq!(frames.free_count(), model.free.len() as u64);
    assert!(frames.tree.invariants_hold());
}

/// The `pick`-th handed-out frame, wrapping around; `None` if there is none.
fn nth(handed_out: &BTreeSet<u64>, pick: usize) -> Option<u64> {
    let len = handed_out.len();
    (len > 0)
        .then(|| handed_out.iter().nth(pick % len).copied())
        .flatten()
}

proptest! {
    /// Every result, error and count matches the model after every step.
    #[test]
    fn random_operations_match_the_model(
        total in 0..=MAX_TEST_FRAMES,
        map in memory_map(),
        operations in prop::collection::vec(operation(), 0..120),
    ) {
        let (mut frames, mut model) = set_up(total, &map);
        let mut handed_out = BTreeSet::new();
        for operation in &operations {
            step(&mut frames, &mut model, &mut handed_out, operation);
        }
        for number in 0..total {
            prop_assert_eq!(frames.is_free(frame(number)), model.free.contains(&number));
        }
        prop_assert!(consistent(&frames));
    }

    /// A frame is never handed out while it is already handed out, and
    /// never one the memory map did not make free.
    #[test]
    fn no_frame_is_handed_out_twice(
        total in 1..=MAX_TEST_FRAMES,
        map in memory_map(),
        frees in prop::collection::vec(any::<Option<usize>>(), 0..400),
    ) {
        let (mut frames, model) = set_up(total, &map);
        let usable = model.free;
        let mut handed_out = BTreeSet::new();
        // `None` allocates, `Some(pick)` frees a handed-out frame.
        for choice in frees {
            match choice {
                None => match frames.allocate() {
                    Ok(got) => {
                        prop_assert!(usable.contains(&got.number()));
                        prop_assert!(handed_out.insert(got.number()));
                    }
                    Err(error) => {
                        prop_assert_eq!(error, AllocError::OutOfFrames);
                        prop_assert_eq!(handed_out.len(), usable.len());
                    }
                },
                Some(pick) => {
                    if let Some(number) = nth(&handed_out, pick) {
                        prop_assert_eq!(frames.free(frame(number)), Ok(()));
                        handed_out.remove(&number);
                    }
                }
            }
        }
    }

    /// After taking every frame and giving some back, exactly those frames can
    /// be allocated again, and then the allocator is out of frames.
    #[test]
    fn every_freed_frame_becomes_allocatable_again(
        total in 1..=MAX_TEST_FRAMES,
        map in memory_map(),
        keep in prop::collection::vec(any::<bool>(), 0..=MAX_TEST_FRAMES as usize),
    ) {
        let (mut frames, _) = set_up(total, &map);
        let all: Vec<Frame> = std::iter::from_fn(|| frames.allocate().ok()).collect();
        let mut freed = BTreeSet::new();
        for (&taken, &keep) in all.iter().zip(keep.iter().chain(std::iter::repeat(&false))) {
            if !keep {
                frames.free(taken).unwrap();
                freed.insert(taken.number());
            }
        }
        prop_assert_eq!(frames.free_count(), freed.len() as u64);
        let again: BTreeSet<u64> =
            std::iter::from_fn(|| frames.allocate().ok()).map(Frame::number).collect();
        prop_assert_eq!(again, freed);
        prop_assert_eq!(frames.allocate(), Err(AllocError::OutOfFrames));
    }

    /// Running out is an error for every kind of allocation, never a panic,
    /// and the allocator keeps working afterwards.
    #[test]
    fn exhaustion_is_an_error(
        total in 0..=MAX_TEST_FRAMES,
        map in memory_map(),
        count in 1u64..100,
        align_shift in 0u32..64,
    ) {
        let (mut frames, model) = set_up(total, &map);
        let free = frames.free_count();
        prop_assert_eq!(free, model.free.len() as u64);
        for _ in 0..free {
            prop_assert!(frames.allocate().is_ok());
        }
        prop_assert_eq!(frames.allocate(), Err(AllocError::OutOfFrames));
        prop_assert_eq!(frames.allocate_contiguous(count, 1 << align_shift), Err(AllocError::OutOfFrames));
        prop_assert_eq!(frames.free_count(), 0);
        if let Some(&number) = model.free.first() {
            frames.free(frame(number)).unwrap();
            prop_assert_eq!(frames.allocate(), Ok(frame(number)));
        }
        prop_assert!(consistent(&frames));
    }

    /// Arbitrary frame numbers, counts and alignments give errors, not panics,
    /// and leave the allocator consistent.
    #[test]
    fn arbitrary_arguments_never_panic(
        total in 0..=200u64,
        number in 0..=crate::MAX_FRAME_NUMBER,
        count in any::<u64>(),
        align in any::<u64>(),
        addresses in (any::<u64>(), any::<u64>()),
    ) {
        let mut frames = allocator(total);
        let _ = frames.add_free_address_range(addresses.0, addresses.1);
        let _ = frames.free(frame(number));
        let _ = frames.is_free(frame(number));
        let _ = frames.free_contiguous(frame(number), count);
        let _ = frames.allocate_contiguous(count, align);
        let _ = frames.add_free_range(frame(number), frame(number.saturating_add(count) .min(crate::MAX_FRAME_NUMBER)));
        prop_assert!(frames.free_count() <= total);
        prop_assert!(consistent(&frames));
    }
}
