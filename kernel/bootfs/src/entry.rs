//! What the reader hands out: one file's name, kind and data.

use core::fmt;

/// What an entry is.
///
/// Version 1 has only regular files. Directories are not stored: `bin` exists
/// as a directory because `bin/init` does. Raw value 0 is never valid, so an
/// all-zero record is caught as [`ArchiveError::UnknownKind`](crate::ArchiveError::UnknownKind).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum EntryKind {
    /// A regular file: a name and its bytes.
    File = 1,
}

impl EntryKind {
    /// The byte that stores this kind in an entry record.
    pub const fn to_raw(self) -> u8 {
        self as u8
    }
}

/// A kind byte that names no [`EntryKind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownEntryKind(pub u8);

impl fmt::Display for UnknownEntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown bootfs entry kind {}", self.0)
    }
}

impl core::error::Error for UnknownEntryKind {}

// Written by hand rather than derived so an unknown byte is a named error, and
// so adding a kind is a visible change here and in the crate's format docs.
impl TryFrom<u8> for EntryKind {
    type Error = UnknownEntryKind;

    fn try_from(raw: u8) -> Result<Self, Self::Error> {
        match raw {
            1 => Ok(Self::File),
            other => Err(UnknownEntryKind(other)),
        }
    }
}

/// One validated entry of an [`Archive`](crate::Archive), borrowing from the
/// archive's buffer.
///
/// The data is a sub-slice of the archive, so its address in memory is the
/// buffer's address plus the entry's data offset: if the buffer starts at a
/// multiple of [`DATA_ALIGN`](crate::DATA_ALIGN), so does the data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    name: &'a str,
    kind: EntryKind,
    data: &'a [u8],
}

impl<'a> Entry<'a> {
    /// Assembles an entry from parts the reader has already validated.
    pub(crate) const fn new(name: &'a str, kind: EntryKind, data: &'a [u8]) -> Self {
        Self { name, kind, data }
    }

    /// The entry's name: a relative path such as `bin/init`.
    pub const fn name(&self) -> &'a str {
        self.name
    }

    /// What the entry is.
    pub const fn kind(&self) -> EntryKind {
        self.kind
    }

    /// The file's contents, borrowed in place from the archive.
    pub const fn data(&self) -> &'a [u8] {
        self.data
    }
}
