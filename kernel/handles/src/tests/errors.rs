//! Every error's `Display` text.

use crate::{
    DuplicateError, HandleError, LimitTooLarge, NotInTransit, Rejected, Rights, TableError,
    TransferError, UnknownRights,
};

#[test]
fn handle_errors_display() {
    let cases = [
        (HandleError::Invalid, "invalid handle"),
        (HandleError::Stale, "stale handle: closed or moved away"),
        (HandleError::InTransit, "handle is in a message in transit"),
        (
            HandleError::MissingRights {
                required: Rights::SEND,
                held: Rights::NONE,
            },
            "handle lacks rights: needs SEND, holds NONE",
        ),
    ];
    for (error, text) in cases {
        assert_eq!(error.to_string(), text);
    }
}

#[test]
fn table_errors_display() {
    assert_eq!(
        TableError::Full { limit: 3 }.to_string(),
        "handle table full (3 handles)"
    );
    assert_eq!(
        TableError::Exhausted.to_string(),
        "handle table has no slot index left"
    );
    assert_eq!(
        TableError::OutOfMemory.to_string(),
        "out of memory for the handle table"
    );
}

#[test]
fn duplicate_errors_display() {
    assert_eq!(
        DuplicateError::Handle(HandleError::Stale).to_string(),
        "cannot duplicate: stale handle: closed or moved away"
    );
    assert_eq!(
        DuplicateError::Widening {
            requested: Rights::ALL,
            held: Rights::SEND
        }
        .to_string(),
        "cannot duplicate with more rights: asked for \
         SEND|RECEIVE|DUPLICATE|TRANSFER|MAP_READ|MAP_WRITE|MAP_EXECUTE|WAIT|SIGNAL|PORT_READ|PORT_WRITE, holds SEND"
    );
    assert_eq!(
        DuplicateError::Table(TableError::OutOfMemory).to_string(),
        "cannot duplicate: out of memory for the handle table"
    );
    assert_eq!(
        DuplicateError::from(TableError::Exhausted),
        DuplicateError::Table(TableError::Exhausted)
    );
}

#[test]
fn transfer_errors_display() {
    assert_eq!(
        TransferError::TooMany { max: 4 }.to_string(),
        "more than 4 handles in one message"
    );
    assert_eq!(
        TransferError::Repeated { position: 2 }.to_string(),
        "handle at position 2 is listed twice"
    );
    assert_eq!(
        TransferError::Handle {
            position: 0,
            error: HandleError::Invalid
        }
        .to_string(),
        "handle at position 0: invalid handle"
    );
    assert_eq!(
        NotInTransit { position: 1 }.to_string(),
        "handle at position 1 is not in transit here"
    );
}

#[test]
fn other_errors_display() {
    let rejected = Rejected {
        error: TableError::Full { limit: 1 },
        returned: 5,
    };
    assert_eq!(rejected.to_string(), "handle table full (1 handles)");
    assert_eq!(
        LimitTooLarge { requested: 1 << 21 }.to_string(),
        "handle limit 2097152 above the maximum 1048576"
    );
    assert_eq!(
        UnknownRights { unknown: 0x200 }.to_string(),
        "unknown rights bits 0x200"
    );
}

#[test]
fn errors_are_std_errors() {
    fn is_error<E: std::error::Error>(_: &E) {}
    is_error(&HandleError::Invalid);
    is_error(&TableError::Exhausted);
    is_error(&DuplicateError::Table(TableError::Exhausted));
    is_error(&TransferError::TooMany { max: 1 });
    is_error(&NotInTransit { position: 0 });
    is_error(&Rejected {
        error: TableError::Exhausted,
        returned: 1,
    });
    is_error(&LimitTooLarge { requested: 0 });
    is_error(&UnknownRights { unknown: 0 });
}
