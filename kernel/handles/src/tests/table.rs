//! Insert, look up and close; limits and counters.

use super::support::{ALL, consistent, insert, table};
use crate::{
    Handle, HandleError, HandleTable, LimitTooLarge, MAX_SLOTS, Rejected, Rights, TableError,
};

#[test]
fn new_table_is_empty_and_keeps_its_limit() {
    let table = table(16);
    assert_eq!(table.limit(), 16);
    assert_eq!(table.len(), 0);
    assert!(table.is_empty());
    assert_eq!(table.in_transit(), 0);
    assert_eq!(table.slots.capacity(), 0, "allocates nothing up front");
}

#[test]
fn limit_above_the_index_space_is_refused() {
    assert!(HandleTable::<u32>::new(MAX_SLOTS).is_ok());
    assert_eq!(
        HandleTable::<u32>::new(MAX_SLOTS + 1).err(),
        Some(LimitTooLarge {
            requested: MAX_SLOTS + 1
        })
    );
}

#[test]
fn inserted_object_resolves_with_its_rights() {
    let mut table = table(4);
    let handle = table.insert(7, Rights::SEND).unwrap();
    assert_eq!(table.get(handle), Ok((&7, Rights::SEND)));
    assert_eq!(table.len(), 1);
    assert!(!table.is_empty());
}

#[test]
fn each_insert_gets_its_own_handle() {
    let mut table = table(100);
    let handles: Vec<Handle> = (0..100).map(|object| insert(&mut table, object)).collect();
    for (object, &handle) in handles.iter().enumerate() {
        assert_eq!(table.get(handle), Ok((&(object as u32), ALL)));
    }
    let mut sorted = handles.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), 100);
    assert!(consistent(&table));
}

#[test]
fn get_with_returns_the_object_when_rights_suffice() {
    let mut table = table(4);
    let held = Rights::from_constants(&[Rights::SEND, Rights::TRANSFER]);
    let handle = table.insert(3, held).unwrap();
    assert_eq!(table.get_with(handle, Rights::SEND), Ok(&3));
    assert_eq!(table.get_with(handle, held), Ok(&3));
    assert_eq!(table.get_with(handle, Rights::NONE), Ok(&3));
}

#[test]
fn get_with_missing_right_names_required_and_held() {
    let mut table = table(4);
    let handle = table.insert(3, Rights::SEND).unwrap();
    let required = Rights::from_constants(&[Rights::SEND, Rights::RECEIVE]);
    assert_eq!(
        table.get_with(handle, required),
        Err(HandleError::MissingRights {
            required,
            held: Rights::SEND
        })
    );
}

#[test]
fn get_with_reports_handle_errors_before_rights() {
    let mut table = table(4);
    let handle = table.insert(3, Rights::NONE).unwrap();
    table.close(handle).unwrap();
    assert_eq!(
        table.get_with(handle, Rights::SEND),
        Err(HandleError::Stale)
    );
    assert_eq!(
        table.get_with(Handle::from_raw(0), Rights::SEND),
        Err(HandleError::Invalid)
    );
}

#[test]
fn close_returns_exactly_the_inserted_object() {
    let mut table = HandleTable::new(4).unwrap();
    let handle = table
        .insert(String::from("endpoint"), Rights::SEND)
        .unwrap();
    assert_eq!(table.close(handle), Ok(String::from("endpoint")));
    assert!(table.is_empty());
}

#[test]
fn close_if_closes_only_what_it_accepts() {
    let mut table = table(4);
    let handle = insert(&mut table, 7);
    assert_eq!(table.close_if(handle, |object| *object == 8), Ok(None));
    assert_eq!(table.get(handle), Ok((&7, ALL)), "a refused handle stays open");
    assert_eq!(table.close_if(handle, |object| *object == 7), Ok(Some(7)));
    assert!(table.is_empty());
    assert_eq!(table.close_if(handle, |_| true), Err(HandleError::Stale));
    assert_eq!(
        table.close_if(Handle::from_raw(0), |_| true),
        Err(HandleError::Invalid)
    );
    assert!(consistent(&table));
}

#[test]
fn closing_twice_is_stale() {
    let mut table = table(4);
    let handle = insert(&mut table, 1);
    assert_eq!(table.close(handle), Ok(1));
    assert_eq!(table.close(handle), Err(HandleError::Stale));
    assert_eq!(table.get(handle), Err(HandleError::Stale));
    assert!(consistent(&table));
}

#[test]
fn insert_at_the_limit_is_full_and_returns_the_object() {
    let mut table = table(3);
    for object in 0..3 {
        insert(&mut table, object);
    }
    assert_eq!(
        table.insert(99, ALL),
        Err(Rejected {
            error: TableError::Full { limit: 3 },
            returned: 99
        })
    );
    assert_eq!(table.len(), 3);
    assert!(consistent(&table));
}

#[test]
fn closing_makes_room_again() {
    let mut table = table(2);
    let first = insert(&mut table, 0);
    insert(&mut table, 1);
    assert!(table.insert(2, ALL).is_err());
    table.close(first).unwrap();
    let third = insert(&mut table, 2);
    assert_eq!(table.get(third), Ok((&2, ALL)));
    assert_eq!(table.len(), 2);
}

#[test]
fn zero_limit_table_takes_nothing() {
    let mut table = table(0);
    assert_eq!(
        table.insert(1, ALL).map_err(|rejected| rejected.error),
        Err(TableError::Full { limit: 0 })
    );
    assert!(table.slots.is_empty());
}

#[test]
fn index_past_the_slots_is_invalid() {
    let mut table = table(4);
    let handle = insert(&mut table, 1);
    let (index, generation) = handle.decode().unwrap();
    assert_eq!(
        table.get(Handle::new(index + 1, generation)),
        Err(HandleError::Invalid)
    );
    assert_eq!(
        table.get(Handle::new(MAX_SLOTS - 1, generation)),
        Err(HandleError::Invalid)
    );
}

#[test]
fn freed_slot_is_reused_with_a_new_generation() {
    let mut table = table(4);
    let first = insert(&mut table, 1);
    table.close(first).unwrap();
    let second = insert(&mut table, 2);
    let (first_index, first_generation) = first.decode().unwrap();
    let (second_index, second_generation) = second.decode().unwrap();
    assert_eq!(first_index, second_index);
    assert_eq!(second_generation, first_generation + 1);
    assert_eq!(table.slots.len(), 1, "no new slot for a reuse");
}
