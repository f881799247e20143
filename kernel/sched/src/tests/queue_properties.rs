//! Property tests of `RunQueue` and `SleepQueue` against a `VecDeque` and a
//! `Vec`, the sleep queue's starting near the end of the ticket counter so renumbering
//! happens mid-sequence.

use std::collections::VecDeque;

use proptest::prelude::*;

use crate::{QueueError, RunQueue, SleepQueue, ThreadId};

/// One step on a queue; the thread is a slot index in 0..8.
#[derive(Clone, Debug)]
enum Operation {
    /// `push_back`, or `insert` with the deadline.
    Insert(u32, u64),
    /// `remove`.
    Remove(u32),
    /// `pop_front`, or `pop_expired` at the time.
    Pop(u64),
}

fn operation() -> impl Strategy<Value = Operation> {
    prop_oneof![
        3 => (0u32..8, 0u64..20).prop_map(|(index, deadline)| Operation::Insert(index, deadline)),
        1 => (0u32..8).prop_map(Operation::Remove),
        2 => (0u64..20).prop_map(Operation::Pop),
    ]
}

/// The run queue's thread for `index` in 0..8: four slots at two
/// generations, so one slot's generations often share the queue.
fn run_queue_thread(index: u32) -> ThreadId {
    ThreadId::new(index % 4, index / 4)
}

/// The first ticket: 0, or a few short of exhaustion.
fn first_ticket() -> impl Strategy<Value = u64> {
    prop_oneof![Just(0), (1u64..12).prop_map(|back| u64::MAX - back)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn run_queue_matches_vecdeque(
        operations in prop::collection::vec(operation(), 0..100),
    ) {
        let mut queue = RunQueue::new();
        let mut model = VecDeque::new();
        for operation in operations {
            match operation {
                Operation::Insert(index, _) => {
                    let thread = run_queue_thread(index);
                    let expected = if model.contains(&thread) {
                        Err(QueueError::AlreadyQueued)
                    } else {
                        model.push_back(thread);
                        Ok(())
                    };
                    prop_assert_eq!(queue.push_back(thread), expected);
                }
                Operation::Remove(index) => {
                    let thread = run_queue_thread(index);
                    let was_queued = model.contains(&thread);
                    model.retain(|&queued| queued != thread);
                    prop_assert_eq!(queue.remove(thread), was_queued);
                }
                Operation::Pop(_) => prop_assert_eq!(queue.pop_front(), model.pop_front()),
            }
            prop_assert_eq!(queue.iter().collect::<Vec<_>>(), Vec::from(model.clone()));
            prop_assert_eq!(queue.len(), model.len());
            prop_assert_eq!(queue.front(), model.front().copied());
            for index in 0..8 {
                let thread = run_queue_thread(index);
                prop_assert_eq!(queue.contains(thread), model.contains(&thread));
            }
        }
    }

    #[test]
    fn sleep_queue_matches_stable_sorted_vec(
        first in first_ticket(),
        operations in prop::collection::vec(operation(), 0..100),
    ) {
        let mut queue = SleepQueue::with_next_ticket(first);
        // Sleepers in insertion order; a stable sort by deadline is wake order.
        let mut model: Vec<(ThreadId, u64)> = Vec::new();
        for operation in operations {
            match operation {
                Operation::Insert(index, deadline) => {
                    let thread = ThreadId::new(index, 0);
                    let expected = if model.iter().any(|&(sleeper, _)| sleeper == thread) {
                        Err(QueueError::AlreadyQueued)
                    } else {
                        model.push((thread, deadline));
                        Ok(())
                    };
                    prop_assert_eq!(queue.insert(thread, deadline), expected);
                }
                Operation::Remove(index) => {
                    let thread = ThreadId::new(index, 0);
                    let position = model.iter().position(|&(sleeper, _)| sleeper == thread);
                    let expected = position.map(|position| model.remove(position).1);
                    prop_assert_eq!(queue.remove(thread), expected);
                }
                Operation::Pop(now) => {
                    model.sort_by_key(|&(_, deadline)| deadline);
                    let expected = match model.first() {
                        Some(&(thread, deadline)) if deadline <= now => {
                            model.remove(0);
                            Some(thread)
                        }
                        _ => None,
                    };
                    prop_assert_eq!(queue.pop_expired(now), expected);
                }
            }
            model.sort_by_key(|&(_, deadline)| deadline);
            prop_assert_eq!(queue.iter().collect::<Vec<_>>(), model.clone());
            prop_assert_eq!(queue.len(), model.len());
            prop_assert_eq!(queue.next_deadline(), model.first().map(|&(_, deadline)| deadline));
        }
    }
}
