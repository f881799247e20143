//! Client handles counted per badge: reported once, withdrawn when the badge
//! comes back, bounded.

use barodia_abi::MAX_ENDPOINT_BADGES;

use crate::clients::{ClientCounts, CountError};

fn watched() -> ClientCounts {
    let mut counts = ClientCounts::new();
    counts.watch();
    counts
}

#[test]
fn only_the_last_handle_of_a_badge_is_a_closure() {
    let mut counts = watched();
    counts.opened(7).unwrap();
    counts.opened(7).unwrap();
    counts.opened(0).unwrap();
    assert_eq!((counts.handles(7), counts.total()), (2, 3));
    assert!(!counts.closed(7));
    assert!(counts.closed(7));
    assert_eq!((counts.handles(7), counts.total()), (0, 1));
    assert!(counts.closed(0));
    assert_eq!(counts.total(), 0);
}

#[test]
fn unwatched_closures_are_forgotten_at_once() {
    let mut counts = ClientCounts::new();
    counts.opened(3).unwrap();
    assert!(!counts.closed(3));
    assert_eq!(counts.badges(), 0);
}

#[test]
fn a_closure_waits_once_and_goes_when_reported() {
    let mut counts = watched();
    counts.opened(5).unwrap();
    assert!(counts.closed(5));
    counts.mark_unreported(5);
    counts.mark_unreported(5);
    assert!(counts.has_unreported());
    assert_eq!(counts.first_unreported(), Some(5));
    counts.reported(5);
    assert_eq!((counts.first_unreported(), counts.badges()), (None, 0));
    assert!(!counts.has_unreported());
}

#[test]
fn a_badge_made_again_withdraws_its_closure() {
    let mut counts = watched();
    counts.opened(9).unwrap();
    assert!(counts.closed(9));
    counts.mark_unreported(9);
    counts.opened(9).unwrap();
    assert!(!counts.has_unreported());
    // Reporting a live badge keeps it.
    counts.reported(9);
    assert_eq!(counts.handles(9), 1);
    assert!(counts.closed(9));
}

#[test]
fn closing_what_was_never_counted_changes_nothing() {
    let mut counts = watched();
    assert!(!counts.closed(4));
    counts.opened(4).unwrap();
    assert!(counts.closed(4));
    assert!(!counts.closed(4));
    assert_eq!(counts.total(), 0);
}

#[test]
fn badges_live_or_unreported_are_bounded() {
    let mut counts = watched();
    for badge in 0..MAX_ENDPOINT_BADGES as u64 {
        counts.opened(badge).unwrap();
    }
    let past = MAX_ENDPOINT_BADGES as u64;
    assert_eq!(counts.opened(past), Err(CountError::TooManyBadges));
    // A live badge still takes more handles.
    counts.opened(0).unwrap();
    for badge in 1..MAX_ENDPOINT_BADGES as u64 {
        assert!(counts.closed(badge));
        counts.mark_unreported(badge);
    }
    // Unreported closures still count against the bound.
    assert_eq!(counts.opened(past), Err(CountError::TooManyBadges));
    assert_eq!(counts.first_unreported(), Some(1));
    counts.reported(1);
    counts.opened(past).unwrap();
    assert_eq!(counts.total(), 3);
}

#[test]
fn unwatching_drops_unreported_closures_and_keeps_live_counts() {
    let mut counts = watched();
    counts.opened(1).unwrap();
    counts.opened(2).unwrap();
    assert!(counts.closed(1));
    counts.mark_unreported(1);
    counts.unwatch();
    assert_eq!((counts.has_unreported(), counts.badges(), counts.handles(2)), (false, 1, 1));
    assert!(!counts.closed(2));
    assert_eq!(counts.badges(), 0);
}
