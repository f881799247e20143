//! The rights bit-set: construction, checks and narrowing.

use crate::{Rights, UnknownRights};

const SEND_TRANSFER: Rights = Rights::from_constants(&[Rights::SEND, Rights::TRANSFER]);

#[test]
fn from_bits_accepts_every_known_bit() {
    assert_eq!(Rights::from_bits(0), Ok(Rights::NONE));
    assert_eq!(Rights::from_bits(Rights::ALL.bits()), Ok(Rights::ALL));
    assert_eq!(Rights::from_bits(0b1001), Ok(SEND_TRANSFER));
}

#[test]
fn from_bits_rejects_unknown_bits() {
    let unknown_low = Rights::ALL.bits() + 1;
    assert_eq!(
        Rights::from_bits(unknown_low | Rights::SEND.bits()),
        Err(UnknownRights {
            unknown: unknown_low
        })
    );
    assert_eq!(
        Rights::from_bits(u32::MAX),
        Err(UnknownRights {
            unknown: !Rights::ALL.bits()
        })
    );
}

#[test]
fn rights_bits_are_the_abi_values() {
    let expected = [
        (Rights::SEND, 1 << 0),
        (Rights::RECEIVE, 1 << 1),
        (Rights::DUPLICATE, 1 << 2),
        (Rights::TRANSFER, 1 << 3),
        (Rights::MAP_READ, 1 << 4),
        (Rights::MAP_WRITE, 1 << 5),
        (Rights::MAP_EXECUTE, 1 << 6),
        (Rights::WAIT, 1 << 7),
        (Rights::SIGNAL, 1 << 8),
        (Rights::PORT_READ, 1 << 9),
        (Rights::PORT_WRITE, 1 << 10),
    ];
    for (right, bits) in expected {
        assert_eq!(right.bits(), bits, "{right}");
    }
    assert_eq!(Rights::ALL.bits(), 0x7ff);
}

#[test]
fn contains_and_subset_agree() {
    assert!(SEND_TRANSFER.contains(Rights::SEND));
    assert!(SEND_TRANSFER.contains(SEND_TRANSFER));
    assert!(SEND_TRANSFER.contains(Rights::NONE));
    assert!(!SEND_TRANSFER.contains(Rights::RECEIVE));
    assert!(Rights::SEND.is_subset_of(SEND_TRANSFER));
    assert!(!SEND_TRANSFER.is_subset_of(Rights::SEND));
    assert!(Rights::NONE.is_subset_of(Rights::NONE));
}

#[test]
fn narrow_and_without_only_drop_rights() {
    assert_eq!(SEND_TRANSFER.narrow(Rights::SEND), Rights::SEND);
    assert_eq!(SEND_TRANSFER.narrow(Rights::ALL), SEND_TRANSFER);
    assert_eq!(Rights::SEND.narrow(Rights::RECEIVE), Rights::NONE);
    assert_eq!(SEND_TRANSFER.without(Rights::SEND), Rights::TRANSFER);
    assert_eq!(Rights::SEND.without(Rights::RECEIVE), Rights::SEND);
    assert!(Rights::ALL.without(Rights::ALL).is_empty());
}

#[test]
fn from_constants_of_nothing_is_none() {
    assert_eq!(Rights::from_constants(&[]), Rights::NONE);
    assert!(Rights::default().is_empty());
}

#[test]
fn display_lists_names_in_bit_order() {
    assert_eq!(SEND_TRANSFER.to_string(), "SEND|TRANSFER");
    assert_eq!(Rights::NONE.to_string(), "NONE");
    assert_eq!(
        Rights::ALL.to_string(),
        "SEND|RECEIVE|DUPLICATE|TRANSFER|MAP_READ|MAP_WRITE|MAP_EXECUTE|WAIT|SIGNAL|PORT_READ|PORT_WRITE"
    );
    assert_eq!(format!("{:?}", Rights::WAIT), "Rights(WAIT)");
}
