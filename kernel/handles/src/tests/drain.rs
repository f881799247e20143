//! Iterating over a table, and draining it at process exit.

use super::support::{ALL, consistent, insert, table};
use crate::{HandleError, Rights};

#[test]
fn iter_yields_live_handles_in_slot_order() {
    let mut table = table(8);
    let first = insert(&mut table, 1);
    let second = table.insert(2, Rights::SEND).unwrap();
    let third = insert(&mut table, 3);
    table.close(second).unwrap();
    let listed: Vec<_> = table
        .iter()
        .map(|(handle, &object, rights)| (handle, object, rights))
        .collect();
    assert_eq!(listed, [(first, 1, ALL), (third, 3, ALL)]);
    assert_eq!((&table).into_iter().count(), 2);
}

#[test]
fn drain_yields_every_object_and_empties_the_table() {
    let mut table = table(8);
    let handles: Vec<_> = (0..5).map(|object| insert(&mut table, object)).collect();
    let drained: Vec<_> = table.drain().collect();
    assert_eq!(
        drained,
        handles
            .iter()
            .zip(0..5)
            .map(|(&handle, object)| (handle, object, ALL))
            .collect::<Vec<_>>()
    );
    assert!(table.is_empty());
    assert!(consistent(&table));
}

#[test]
fn drained_handles_are_stale_even_after_reuse() {
    let mut table = table(4);
    let handles: Vec<_> = (0..4).map(|object| insert(&mut table, object)).collect();
    table.drain().for_each(drop);
    let fresh: Vec<_> = (10..14).map(|object| insert(&mut table, object)).collect();
    for &old in &handles {
        assert_eq!(table.get(old), Err(HandleError::Stale));
        assert!(!fresh.contains(&old));
    }
    assert_eq!(table.len(), 4);
}

#[test]
fn dropping_a_drain_early_still_closes_everything() {
    let mut table = table(8);
    for object in 0..6 {
        insert(&mut table, object);
    }
    let mut drain = table.drain();
    assert_eq!(drain.next().map(|(_, object, _)| object), Some(0));
    drop(drain);
    assert!(table.is_empty());
    assert!(table.iter().next().is_none());
    assert!(consistent(&table));
}

#[test]
fn drain_of_an_empty_table_yields_nothing() {
    let mut table = table(8);
    assert_eq!(table.drain().count(), 0);
}
