//! Duplicating handles: equal or narrower rights only.

use super::support::{ALL, consistent, table};
use crate::{DuplicateError, Handle, HandleError, Rights, TableError};

const SEND_DUPLICATE: Rights = Rights::from_constants(&[Rights::SEND, Rights::DUPLICATE]);

#[test]
fn duplicate_with_equal_rights_names_the_same_object() {
    let mut table = table(4);
    let original = table.insert(5, SEND_DUPLICATE).unwrap();
    let copy = table.duplicate(original, SEND_DUPLICATE).unwrap();
    assert_ne!(copy, original);
    assert_eq!(table.get(copy), Ok((&5, SEND_DUPLICATE)));
    assert_eq!(table.get(original), Ok((&5, SEND_DUPLICATE)));
    assert_eq!(table.len(), 2);
}

#[test]
fn duplicate_with_narrower_rights_holds_exactly_those() {
    let mut table = table(4);
    let original = table.insert(5, ALL).unwrap();
    let copy = table.duplicate(original, Rights::SEND).unwrap();
    assert_eq!(table.get(copy), Ok((&5, Rights::SEND)));
    assert_eq!(table.get(original), Ok((&5, ALL)), "original unchanged");
}

#[test]
fn duplicate_may_drop_duplicate_itself_and_then_cannot_be_duplicated() {
    let mut table = table(4);
    let original = table.insert(5, SEND_DUPLICATE).unwrap();
    let copy = table.duplicate(original, Rights::SEND).unwrap();
    assert_eq!(
        table.duplicate(copy, Rights::SEND),
        Err(DuplicateError::Handle(HandleError::MissingRights {
            required: Rights::DUPLICATE,
            held: Rights::SEND,
        }))
    );
}

#[test]
fn duplicate_without_the_duplicate_right_is_missing_rights() {
    let mut table = table(4);
    let held = Rights::from_constants(&[Rights::SEND, Rights::TRANSFER]);
    let original = table.insert(5, held).unwrap();
    assert_eq!(
        table.duplicate(original, Rights::SEND),
        Err(DuplicateError::Handle(HandleError::MissingRights {
            required: Rights::DUPLICATE,
            held,
        }))
    );
    assert_eq!(table.len(), 1);
}

#[test]
fn duplicate_asking_for_more_rights_is_widening_not_masked() {
    let mut table = table(4);
    let original = table.insert(5, SEND_DUPLICATE).unwrap();
    let requested = Rights::from_constants(&[Rights::SEND, Rights::RECEIVE]);
    assert_eq!(
        table.duplicate(original, requested),
        Err(DuplicateError::Widening {
            requested,
            held: SEND_DUPLICATE
        })
    );
    assert_eq!(table.len(), 1, "nothing added");
}

#[test]
fn duplicate_of_a_bad_handle_fails_with_its_handle_error() {
    let mut table = table(4);
    let original = table.insert(5, ALL).unwrap();
    table.close(original).unwrap();
    assert_eq!(
        table.duplicate(original, Rights::SEND),
        Err(DuplicateError::Handle(HandleError::Stale))
    );
    assert_eq!(
        table.duplicate(Handle::from_raw(0), Rights::SEND),
        Err(DuplicateError::Handle(HandleError::Invalid))
    );
}

#[test]
fn duplicate_into_a_full_table_is_a_table_error() {
    let mut table = table(1);
    let original = table.insert(5, ALL).unwrap();
    assert_eq!(
        table.duplicate(original, Rights::SEND),
        Err(DuplicateError::Table(TableError::Full { limit: 1 }))
    );
    assert_eq!(table.len(), 1);
    assert!(consistent(&table));
}

#[test]
fn closing_a_duplicate_leaves_the_original() {
    let mut table = table(4);
    let original = table.insert(5, ALL).unwrap();
    let copy = table.duplicate(original, Rights::SEND).unwrap();
    assert_eq!(table.close(copy), Ok(5));
    assert_eq!(table.get(original), Ok((&5, ALL)));
    assert_eq!(table.get(copy), Err(HandleError::Stale));
}

#[test]
fn duplicate_as_derives_the_new_object_or_refuses() {
    let mut table = table(4);
    let original = table.insert(5, SEND_DUPLICATE).unwrap();
    let derived = table.duplicate_as(original, Rights::SEND, |object| Some(object + 100)).unwrap();
    assert_eq!(table.get(derived), Ok((&105, Rights::SEND)));
    assert_eq!(table.get(original), Ok((&5, SEND_DUPLICATE)), "original unchanged");
    assert_eq!(table.duplicate_as(original, Rights::SEND, |_| None), Err(DuplicateError::Refused));
    // The rights checks come first: `derive` never sees a widening request.
    let widening = table.duplicate_as(original, ALL, |_| unreachable!());
    assert!(matches!(widening, Err(DuplicateError::Widening { .. })));
    assert_eq!(table.len(), 2);
}
