//! Helpers shared by the tests.

use crate::{Handle, HandleTable, Rights};

/// Every right, for tests that do not care about rights.
pub(crate) const ALL: Rights = Rights::ALL;

/// An empty table of `limit` handles to numbered test objects.
pub(crate) fn table(limit: usize) -> HandleTable<u32> {
    HandleTable::new(limit).unwrap()
}

/// Inserts `object` with every right.
pub(crate) fn insert(table: &mut HandleTable<u32>, object: u32) -> Handle {
    table.insert(object, ALL).unwrap()
}

/// Whether the table's counters match its slots and free list.
pub(crate) fn consistent<T>(table: &HandleTable<T>) -> bool {
    use crate::slot::SlotState;
    let count = |wanted: fn(&SlotState<T>) -> bool| {
        table
            .slots
            .iter()
            .filter(|slot| wanted(&slot.state))
            .count()
    };
    let mut free_list = 0;
    let mut link = table.free_head;
    while let Some(index) = link {
        match table.slots.get(index as usize).map(|slot| &slot.state) {
            Some(SlotState::Free { next }) => link = *next,
            _ => return false,
        }
        free_list += 1;
        if free_list > table.slots.len() {
            return false;
        }
    }
    count(|state| matches!(state, SlotState::Occupied { .. })) == table.live
        && count(|state| matches!(state, SlotState::InTransit)) == table.in_transit
        && count(|state| matches!(state, SlotState::Free { .. })) == free_list
        && free_list == table.free_count
        && table.live + table.in_transit <= table.limit()
}
