//! Unit tests of `SleepQueue`.

use super::support::thread;
use crate::{QueueError, SleepQueue};

/// Everything expired at `now`, in wake order.
fn pop_all_expired(queue: &mut SleepQueue, now: u64) -> Vec<u32> {
    core::iter::from_fn(|| queue.pop_expired(now))
        .map(|thread| thread.index())
        .collect()
}

#[test]
fn empty_queue_has_no_deadline_and_wakes_nobody() {
    let mut queue = SleepQueue::new();
    assert!(queue.is_empty());
    assert_eq!(queue.next_deadline(), None);
    assert_eq!(queue.pop_expired(u64::MAX), None);
    assert_eq!(queue.remove(thread(1)), None);
    assert_eq!(queue.deadline_of(thread(1)), None);
}

#[test]
fn wakes_at_the_deadline_not_before() {
    let mut queue = SleepQueue::default();
    queue.insert(thread(1), 100).unwrap();
    assert_eq!(queue.pop_expired(0), None);
    assert_eq!(queue.pop_expired(99), None);
    assert!(queue.contains(thread(1)));
    assert_eq!(queue.pop_expired(100), Some(thread(1)));
    assert!(!queue.contains(thread(1)));
    assert!(queue.is_empty());
}

#[test]
fn wakes_earliest_deadline_first() {
    let mut queue = SleepQueue::new();
    queue.insert(thread(1), 30).unwrap();
    queue.insert(thread(2), 10).unwrap();
    queue.insert(thread(3), 20).unwrap();
    queue.insert(thread(4), 40).unwrap();
    assert_eq!(queue.next_deadline(), Some(10));
    assert_eq!(pop_all_expired(&mut queue, 30), [2, 3, 1]);
    assert_eq!(queue.next_deadline(), Some(40));
    assert_eq!(queue.len(), 1);
}

#[test]
fn equal_deadlines_wake_in_insertion_order() {
    let mut queue = SleepQueue::new();
    for index in [5, 2, 9, 1, 7] {
        queue.insert(thread(index), 50).unwrap();
    }
    queue.insert(thread(3), 49).unwrap();
    assert_eq!(pop_all_expired(&mut queue, 50), [3, 5, 2, 9, 1, 7]);
}

#[test]
fn reinserted_thread_goes_after_its_equals() {
    let mut queue = SleepQueue::new();
    for index in 0..3 {
        queue.insert(thread(index), 10).unwrap();
    }
    assert_eq!(queue.remove(thread(0)), Some(10));
    queue.insert(thread(0), 10).unwrap();
    assert_eq!(pop_all_expired(&mut queue, 10), [1, 2, 0]);
}

#[test]
fn duplicate_insert_is_rejected_and_keeps_deadline() {
    let mut queue = SleepQueue::new();
    queue.insert(thread(1), 10).unwrap();
    assert_eq!(queue.insert(thread(1), 5), Err(QueueError::AlreadyQueued));
    assert_eq!(queue.deadline_of(thread(1)), Some(10));
    assert_eq!(queue.len(), 1);
}

#[test]
fn removed_sleeper_never_wakes() {
    let mut queue = SleepQueue::new();
    queue.insert(thread(1), 10).unwrap();
    queue.insert(thread(2), 20).unwrap();
    assert_eq!(queue.remove(thread(1)), Some(10));
    assert_eq!(queue.remove(thread(1)), None);
    assert_eq!(queue.next_deadline(), Some(20));
    assert_eq!(pop_all_expired(&mut queue, 100), [2]);
}

#[test]
fn past_and_extreme_deadlines_are_accepted() {
    let mut queue = SleepQueue::new();
    queue.insert(thread(1), 0).unwrap();
    queue.insert(thread(2), u64::MAX).unwrap();
    assert_eq!(pop_all_expired(&mut queue, 0), [1]);
    assert_eq!(pop_all_expired(&mut queue, u64::MAX - 1), Vec::<u32>::new());
    assert_eq!(pop_all_expired(&mut queue, u64::MAX), [2]);
}

#[test]
fn iter_lists_sleepers_in_wake_order() {
    let mut queue = SleepQueue::new();
    queue.insert(thread(1), 20).unwrap();
    queue.insert(thread(2), 10).unwrap();
    queue.insert(thread(3), 20).unwrap();
    let listed: Vec<_> = queue.iter().collect();
    assert_eq!(listed, [(thread(2), 10), (thread(1), 20), (thread(3), 20)]);
}

#[test]
fn ticket_exhaustion_keeps_tie_order() {
    let mut queue = SleepQueue::with_next_ticket(u64::MAX - 2);
    // Tickets MAX-2 and MAX-1, then renumbering, then fresh tickets.
    for index in 0..5 {
        queue.insert(thread(index), 7).unwrap();
    }
    queue.insert(thread(9), 3).unwrap();
    assert_eq!(pop_all_expired(&mut queue, 7), [9, 0, 1, 2, 3, 4]);
}
