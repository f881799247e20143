//! Unit tests of `RunQueue`.

use super::support::thread;
use crate::{QueueError, RunQueue, ThreadId};

#[test]
fn empty_queue_pops_nothing() {
    let mut queue = RunQueue::new();
    assert!(queue.is_empty());
    assert_eq!(queue.len(), 0);
    assert_eq!(queue.front(), None);
    assert_eq!(queue.pop_front(), None);
    assert!(!queue.remove(thread(1)));
    assert!(!queue.contains(thread(1)));
}

#[test]
fn pops_in_push_order() {
    let mut queue = RunQueue::default();
    for index in [3, 1, 2] {
        queue.push_back(thread(index)).unwrap();
    }
    assert_eq!(queue.len(), 3);
    assert_eq!(queue.front(), Some(thread(3)));
    let popped: Vec<_> = core::iter::from_fn(|| queue.pop_front()).collect();
    assert_eq!(popped, [thread(3), thread(1), thread(2)]);
    assert!(queue.is_empty());
}

#[test]
fn duplicate_push_is_rejected_and_keeps_place() {
    let mut queue = RunQueue::new();
    queue.push_back(thread(1)).unwrap();
    queue.push_back(thread(2)).unwrap();
    assert_eq!(queue.push_back(thread(1)), Err(QueueError::AlreadyQueued));
    assert_eq!(queue.len(), 2);
    assert_eq!(queue.iter().collect::<Vec<_>>(), [thread(1), thread(2)]);
}

#[test]
fn generations_are_different_threads() {
    let mut queue = RunQueue::new();
    queue.push_back(ThreadId::new(5, 0)).unwrap();
    queue.push_back(ThreadId::new(5, 1)).unwrap();
    assert!(queue.remove(ThreadId::new(5, 0)));
    assert!(!queue.contains(ThreadId::new(5, 0)));
    assert!(queue.contains(ThreadId::new(5, 1)));
}

#[test]
fn remove_from_middle_keeps_the_rest_in_order() {
    let mut queue = RunQueue::new();
    for index in 0..5 {
        queue.push_back(thread(index)).unwrap();
    }
    assert!(queue.remove(thread(2)));
    assert!(!queue.remove(thread(2)), "second removal finds nothing");
    assert!(!queue.contains(thread(2)));
    assert_eq!(
        queue.iter().collect::<Vec<_>>(),
        [thread(0), thread(1), thread(3), thread(4)]
    );
}

#[test]
fn removed_thread_can_be_pushed_again_at_the_back() {
    let mut queue = RunQueue::new();
    for index in 0..3 {
        queue.push_back(thread(index)).unwrap();
    }
    assert!(queue.remove(thread(0)));
    queue.push_back(thread(0)).unwrap();
    assert_eq!(
        queue.iter().collect::<Vec<_>>(),
        [thread(1), thread(2), thread(0)]
    );
}

#[test]
fn popped_thread_is_no_longer_a_member() {
    let mut queue = RunQueue::new();
    queue.push_back(thread(1)).unwrap();
    assert_eq!(queue.pop_front(), Some(thread(1)));
    assert!(!queue.contains(thread(1)));
    queue.push_back(thread(1)).unwrap();
    assert_eq!(queue.len(), 1);
}

#[test]
fn generations_of_one_slot_keep_their_order() {
    // The kernel never queues two generations of a slot, but ids are exact:
    // each is its own thread, in push order, whichever leaves first.
    let mut queue = RunQueue::new();
    let generations = [0, 1, 2].map(|generation| ThreadId::new(7, generation));
    queue.push_back(generations[0]).unwrap();
    queue.push_back(thread(3)).unwrap();
    queue.push_back(generations[1]).unwrap();
    queue.push_back(generations[2]).unwrap();
    assert_eq!(queue.push_back(generations[1]), Err(QueueError::AlreadyQueued));
    // Out of the middle of the slot's chain, then its head, then its tail.
    assert!(queue.remove(generations[1]));
    assert_eq!(
        queue.iter().collect::<Vec<_>>(),
        [generations[0], thread(3), generations[2]]
    );
    assert_eq!(queue.pop_front(), Some(generations[0]));
    assert!(queue.contains(generations[2]));
    assert!(!queue.contains(generations[0]));
    assert!(queue.remove(generations[2]));
    assert_eq!(queue.iter().collect::<Vec<_>>(), [thread(3)]);
}

#[test]
fn reserve_makes_pushes_allocation_free() {
    let mut queue = RunQueue::new();
    for index in 0..64 {
        queue.reserve(thread(index)).unwrap();
    }
    let (nodes, slots) = queue.capacities();
    // Fill, drain in part, refill: every slot and node gets used.
    for round in 0..3 {
        for index in (0..64).rev() {
            if !queue.contains(thread(index)) {
                queue.push_back(thread(index)).unwrap();
            }
        }
        assert_eq!(queue.len(), 64);
        for _ in 0..64 - round {
            queue.pop_front();
        }
    }
    assert_eq!(queue.capacities(), (nodes, slots), "no push grew the queue");
}

#[test]
fn nodes_are_reused() {
    let mut queue = RunQueue::new();
    for _ in 0..1000 {
        queue.push_back(thread(1)).unwrap();
        queue.push_back(thread(2)).unwrap();
        assert_eq!(queue.pop_front(), Some(thread(1)));
        assert!(queue.remove(thread(2)));
    }
    assert!(queue.capacities().0 <= 4, "two threads need two nodes");
}

#[test]
fn a_high_slot_index_is_found() {
    let mut queue = RunQueue::new();
    queue.push_back(thread(8191)).unwrap();
    queue.push_back(thread(0)).unwrap();
    assert!(queue.contains(thread(8191)));
    assert!(!queue.contains(thread(9000)));
    assert!(!queue.remove(thread(9000)));
    assert_eq!(queue.pop_front(), Some(thread(8191)));
}

#[test]
fn thousands_of_threads_stay_in_order() {
    const COUNT: u32 = 10_000;
    let mut queue = RunQueue::new();
    for index in 0..COUNT {
        queue.push_back(thread(index)).unwrap();
    }
    // Kill every third thread while ready.
    for index in (0..COUNT).step_by(3) {
        assert!(queue.remove(thread(index)));
    }
    let expected: Vec<_> = (0..COUNT)
        .filter(|index| index % 3 != 0)
        .map(thread)
        .collect();
    assert_eq!(queue.len(), expected.len());
    let popped: Vec<_> = core::iter::from_fn(|| queue.pop_front()).collect();
    assert_eq!(popped, expected);
}
