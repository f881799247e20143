//! The handle table's error types: one small closed enum per kind of failure.

use core::fmt;

use crate::Rights;

/// Why a handle did not resolve. Each operation that takes a handle reports
/// these; a failed operation changes nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandleError {
    /// The value names no handle this table ever issued: 0, a malformed
    /// value, an index past the table's slots, or a generation the slot has
    /// not reached.
    Invalid,
    /// The handle was issued by this table but has been closed (or moved
    /// away in a message) since; its slot may now hold another object, which
    /// the stale handle never reaches.
    Stale,
    /// The handle is in a message that is not settled yet: it comes back if
    /// the send fails and goes stale if it succeeds.
    InTransit,
    /// The handle lacks rights the operation needs.
    MissingRights {
        /// The rights the operation needs.
        required: Rights,
        /// The rights the handle holds.
        held: Rights,
    },
}

/// Why the table could not take another handle. The table is unchanged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableError {
    /// The table holds as many handles as its limit allows (handles in
    /// transit count).
    Full {
        /// The table's limit.
        limit: usize,
    },
    /// Every slot index is in use or retired. Retirement takes 2^43 closes
    /// of one slot, so this means a broken limit or an absurdly long life.
    Exhausted,
    /// The kernel heap could not grow the table.
    OutOfMemory,
}

/// Why [`HandleTable::duplicate`](crate::HandleTable::duplicate) failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DuplicateError {
    /// The handle to duplicate did not resolve, or lacks
    /// [`Rights::DUPLICATE`].
    Handle(HandleError),
    /// The rights asked for are not a subset of the handle's. They are not
    /// masked down silently: a program asking for more than it holds has a
    /// bug it should hear about.
    Widening {
        /// The rights asked for.
        requested: Rights,
        /// The rights the handle holds.
        held: Rights,
    },
    /// The table has no room for the new handle.
    Table(TableError),
    /// The caller's `derive` refused to make the new object
    /// ([`HandleTable::duplicate_as`](crate::HandleTable::duplicate_as)).
    Refused,
}

/// Why [`HandleTable::take_for_transfer`](crate::HandleTable::take_for_transfer)
/// refused a list of handles. Nothing was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransferError {
    /// The list holds more handles than a message carries.
    TooMany {
        /// The most handles one message carries.
        max: usize,
    },
    /// The handle at `position` also appears earlier in the list.
    Repeated {
        /// Its position in the list.
        position: usize,
    },
    /// The handle at `position` did not resolve or lacks the rights.
    Handle {
        /// Its position in the list.
        position: usize,
        /// Why it failed.
        error: HandleError,
    },
}

/// Why a transfer could not be settled in a table: the handles are not (or no
/// longer) in transit there, because the list did not come from this table,
/// or the table was drained since. Nothing changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotInTransit {
    /// The position of the first handle in the list that is not in transit.
    pub position: usize,
}

/// A table refused to take something in; it hands the value back so the
/// caller decides when the objects are dropped (dropping a kernel object can
/// notify other processes, which the caller may not want under its locks).
#[derive(Debug, PartialEq, Eq)]
pub struct Rejected<V, E = TableError> {
    /// Why the table refused.
    pub error: E,
    /// What the caller passed in, unchanged.
    pub returned: V,
}

/// [`HandleTable::new`](crate::HandleTable::new) was asked for a limit above
/// [`MAX_SLOTS`](crate::MAX_SLOTS).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LimitTooLarge {
    /// The limit asked for.
    pub requested: usize,
}

impl fmt::Display for HandleError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Invalid => formatter.write_str("invalid handle"),
            Self::Stale => formatter.write_str("stale handle: closed or moved away"),
            Self::InTransit => formatter.write_str("handle is in a message in transit"),
            Self::MissingRights { required, held } => {
                write!(
                    formatter,
                    "handle lacks rights: needs {required}, holds {held}"
                )
            }
        }
    }
}

impl fmt::Display for TableError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Full { limit } => write!(formatter, "handle table full ({limit} handles)"),
            Self::Exhausted => formatter.write_str("handle table has no slot index left"),
            Self::OutOfMemory => formatter.write_str("out of memory for the handle table"),
        }
    }
}

impl fmt::Display for DuplicateError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Handle(error) => write!(formatter, "cannot duplicate: {error}"),
            Self::Widening { requested, held } => write!(
                formatter,
                "cannot duplicate with more rights: asked for {requested}, holds {held}"
            ),
            Self::Table(error) => write!(formatter, "cannot duplicate: {error}"),
            Self::Refused => formatter.write_str("cannot duplicate: the new handle was refused"),
        }
    }
}

impl fmt::Display for TransferError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooMany { max } => write!(formatter, "more than {max} handles in one message"),
            Self::Repeated { position } => {
                write!(formatter, "handle at position {position} is listed twice")
            }
            Self::Handle { position, error } => {
                write!(formatter, "handle at position {position}: {error}")
            }
        }
    }
}

impl fmt::Display for NotInTransit {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "handle at position {} is not in transit here",
            self.position
        )
    }
}

impl<V, E: fmt::Display> fmt::Display for Rejected<V, E> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, formatter)
    }
}

impl fmt::Display for LimitTooLarge {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "handle limit {} above the maximum {}",
            self.requested,
            crate::MAX_SLOTS
        )
    }
}

impl From<HandleError> for DuplicateError {
    fn from(error: HandleError) -> Self {
        Self::Handle(error)
    }
}

impl From<TableError> for DuplicateError {
    fn from(error: TableError) -> Self {
        Self::Table(error)
    }
}

impl core::error::Error for HandleError {}
impl core::error::Error for TableError {}
impl core::error::Error for DuplicateError {}
impl core::error::Error for TransferError {}
impl core::error::Error for NotInTransit {}
impl<V: fmt::Debug, E: core::error::Error> core::error::Error for Rejected<V, E> {}
impl core::error::Error for LimitTooLarge {}
