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
fn ticket_exhaustion_renumbers_without_reordering() {
    let mut queue = RunQueue::with_next_ticket(u64::MAX - 2);
    for index in 0..6 {
        queue.push_back(thread(index)).unwrap();
    }
    assert!(queue.remove(thread(1)));
    queue.push_back(thread(1)).unwrap();
    let order: Vec<_> = queue.iter().collect();
    assert_eq!(
        order,
        [0, 2, 3, 4, 5, 1].map(thread),
        "order survives renumbering"
    );
    let popped: Vec<_> = core::iter::from_fn(|| queue.pop_front()).collect();
    assert_eq!(popped, order);
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
