//! Stale and never-issued handles: generations keep old numbers away from
//! new objects.

use super::support::{ALL, consistent, insert, table};
use crate::{Handle, HandleError, Rights};

#[test]
fn stale_handle_is_rejected_after_its_slot_is_reused() {
    let mut table = table(4);
    let old = insert(&mut table, 1);
    table.close(old).unwrap();
    let new = insert(&mut table, 2);
    assert_eq!(
        old.decode().unwrap().0,
        new.decode().unwrap().0,
        "same slot"
    );
    assert_eq!(table.get(old), Err(HandleError::Stale));
    assert_eq!(table.get_with(old, Rights::NONE), Err(HandleError::Stale));
    assert_eq!(table.close(old), Err(HandleError::Stale));
    assert_eq!(table.get(new), Ok((&2, ALL)));
}

#[test]
fn stale_handle_stays_stale_through_many_reuses() {
    let mut table = table(1);
    let first = insert(&mut table, 0);
    table.close(first).unwrap();
    let mut stale = vec![first];
    for object in 1..1000 {
        let handle = insert(&mut table, object);
        for &old in &stale {
            assert_eq!(table.get(old), Err(HandleError::Stale));
        }
        table.close(handle).unwrap();
        if object % 100 == 0 {
            stale.push(handle);
        }
    }
    assert!(consistent(&table));
}

#[test]
fn generation_the_slot_has_not_reached_is_invalid() {
    let mut table = table(4);
    let handle = insert(&mut table, 1);
    let (index, generation) = handle.decode().unwrap();
    let future = Handle::new(index, generation + 1);
    assert_eq!(table.get(future), Err(HandleError::Invalid));
    table.close(handle).unwrap();
    // The slot's next generation is not issued until it is occupied again.
    assert_eq!(table.get(future), Err(HandleError::Invalid));
    let reissued = insert(&mut table, 2);
    assert_eq!(reissued, future);
}

#[test]
fn free_slot_never_resolves() {
    let mut table = table(4);
    let handle = insert(&mut table, 1);
    table.close(handle).unwrap();
    assert_eq!(table.get(handle), Err(HandleError::Stale));
    assert!(table.iter().next().is_none());
}
