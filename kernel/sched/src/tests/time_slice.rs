//! Unit tests of the time-slice counter, through `Scheduler::tick`.

use core::num::NonZeroU32;

use super::support::scheduler;

#[test]
fn tick_reports_the_end_of_the_turn() {
    let mut scheduler = scheduler(3);
    assert_eq!(scheduler.slice_length().get(), 3);
    assert!(!scheduler.tick());
    assert!(!scheduler.tick());
    assert!(scheduler.tick());
    assert_eq!(scheduler.slice_remaining(), 0);
}

#[test]
fn an_unanswered_end_keeps_being_reported() {
    let mut scheduler = scheduler(1);
    assert!(scheduler.tick());
    assert!(scheduler.tick());
    assert!(scheduler.tick());
    scheduler.pick_next(None, false);
    assert_eq!(scheduler.slice_remaining(), 1);
}

#[test]
fn one_tick_turns_end_every_tick() {
    let mut scheduler = scheduler(1);
    for _ in 0..5 {
        assert!(scheduler.tick());
        scheduler.pick_next(None, false);
    }
}

#[test]
fn new_length_applies_from_the_next_turn() {
    let mut scheduler = scheduler(2);
    assert!(!scheduler.tick());
    scheduler.set_slice_length(NonZeroU32::new(5).unwrap());
    assert_eq!(scheduler.slice_length().get(), 5);
    assert!(scheduler.tick(), "the current turn keeps its count");
    scheduler.pick_next(None, false);
    assert_eq!(scheduler.slice_remaining(), 5);
    for _ in 0..4 {
        assert!(!scheduler.tick());
    }
    assert!(scheduler.tick());
}

#[test]
fn long_turns_count_down_without_overflow() {
    let mut scheduler = scheduler(u32::MAX);
    assert!(!scheduler.tick());
    assert_eq!(scheduler.slice_remaining(), u32::MAX - 1);
}
