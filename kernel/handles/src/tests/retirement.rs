//! Slots whose generation would wrap are retired, never reused.

use super::support::{ALL, consistent, insert, table};
use crate::handle::MAX_GENERATION;
use crate::slot::{Slot, SlotState};
use crate::{Handle, HandleError, HandleTable, MAX_SLOTS, TableError};

/// A table with one occupied slot at the last generation, and its handle.
fn table_at_last_generation() -> (HandleTable<u32>, Handle) {
    let mut table = table(4);
    let handle = insert(&mut table, 1);
    let (index, _) = handle.decode().unwrap();
    table.slots[index].generation = MAX_GENERATION;
    (table, Handle::new(index, MAX_GENERATION))
}

#[test]
fn last_generation_resolves() {
    let (table, handle) = table_at_last_generation();
    assert_eq!(table.get(handle), Ok((&1, ALL)));
}

#[test]
fn slot_at_last_generation_retires_on_close() {
    let (mut table, handle) = table_at_last_generation();
    assert_eq!(table.close(handle), Ok(1));
    assert!(matches!(table.slots[0].state, SlotState::Retired));
    assert_eq!(table.free_count, 0);
    assert_eq!(table.get(handle), Err(HandleError::Stale));
    assert_eq!(table.get(Handle::new(0, 1)), Err(HandleError::Stale));
    assert!(consistent(&table));
}

#[test]
fn retired_slot_is_replaced_by_a_fresh_index() {
    let (mut table, handle) = table_at_last_generation();
    table.close(handle).unwrap();
    let next = insert(&mut table, 2);
    assert_eq!(next.decode(), Some((1, 1)));
    assert_eq!(table.get(handle), Err(HandleError::Stale));
    assert_eq!(table.get(next), Ok((&2, ALL)));
}

#[test]
fn generation_one_below_the_last_still_reuses() {
    let mut table = table(4);
    let handle = insert(&mut table, 1);
    table.slots[0].generation = MAX_GENERATION - 1;
    table.close(Handle::new(0, MAX_GENERATION - 1)).unwrap();
    let last = insert(&mut table, 2);
    assert_eq!(last.decode(), Some((0, MAX_GENERATION)));
    assert_eq!(table.get(handle), Err(HandleError::Stale));
}

#[test]
fn every_index_retired_is_exhausted() {
    let mut table = HandleTable::<u32>::new(MAX_SLOTS).unwrap();
    table.slots = (0..MAX_SLOTS)
        .map(|_| Slot {
            generation: MAX_GENERATION,
            state: SlotState::Retired,
        })
        .collect();
    assert_eq!(
        table
            .insert(1, ALL)
            .map_err(|rejected| (rejected.error, rejected.returned)),
        Err((TableError::Exhausted, 1))
    );
    assert_eq!(
        table.get(Handle::new(MAX_SLOTS - 1, 5)),
        Err(HandleError::Stale)
    );
    assert!(consistent(&table));
}
