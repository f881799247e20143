//! The handle encoding: bit layout, zero, and malformed values.

use super::support::{insert, table};
use crate::handle::{FIRST_GENERATION, MAX_GENERATION};
use crate::{GENERATION_BITS, Handle, HandleError, INDEX_BITS, MAX_SLOTS};

#[test]
fn index_is_low_bits_and_generation_above() {
    let handle = Handle::new(5, 7);
    assert_eq!(handle.to_raw(), (7 << INDEX_BITS) | 5);
    assert_eq!(handle.decode(), Some((5, 7)));
    assert_eq!(Handle::from_raw(handle.to_raw()), handle);
}

#[test]
fn largest_fields_leave_bit_63_clear() {
    let handle = Handle::new(MAX_SLOTS - 1, MAX_GENERATION);
    assert_eq!(handle.to_raw(), u64::MAX >> 1);
    assert_eq!(handle.decode(), Some((MAX_SLOTS - 1, MAX_GENERATION)));
    assert_eq!(INDEX_BITS + GENERATION_BITS, 63);
}

#[test]
fn zero_and_generation_zero_and_bit_63_do_not_decode() {
    assert_eq!(Handle::from_raw(0).decode(), None);
    assert_eq!(Handle::from_raw(3).decode(), None);
    assert_eq!(Handle::from_raw(1 << 63).decode(), None);
    let valid = Handle::new(0, FIRST_GENERATION).to_raw();
    assert_eq!(Handle::from_raw(valid | 1 << 63).decode(), None);
}

#[test]
fn issued_handles_are_never_zero() {
    let mut table = table(8);
    for object in 0..8 {
        let handle = insert(&mut table, object);
        assert_ne!(handle.to_raw(), 0);
        assert!(handle.to_raw() >= 1 << INDEX_BITS);
    }
}

#[test]
fn malformed_values_are_invalid() {
    let mut table = table(8);
    let handle = insert(&mut table, 1);
    for raw in [0, 1, handle.to_raw() | 1 << 63, u64::MAX] {
        assert_eq!(
            table.get(Handle::from_raw(raw)),
            Err(HandleError::Invalid),
            "{raw:#x}"
        );
        assert_eq!(
            table.close(Handle::from_raw(raw)),
            Err(HandleError::Invalid)
        );
    }
    assert_eq!(table.get(handle), Ok((&1, super::support::ALL)));
}

#[test]
fn debug_shows_index_and_generation() {
    assert_eq!(format!("{:?}", Handle::new(3, 9)), "Handle(3@9)");
    assert_eq!(
        format!("{:?}", Handle::from_raw(0)),
        "Handle(malformed 0x0)"
    );
}
