//! The one error type for reading and building archives.

use core::fmt;

use crate::format::{DATA_ALIGN, HEADER_SIZE, VERSION};
use crate::name::NameError;

/// Why an archive, or a file given to the builder, was rejected.
///
/// Each variant is one rule of the format (the crate docs list them in the order
/// [`Archive::parse`](crate::Archive::parse) checks them). `index` is the
/// offending entry's position in the entry table; for the builder it is the
/// number of files added before the rejected one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArchiveError {
    /// The buffer is shorter than the fixed [`HEADER_SIZE`]-byte header.
    TruncatedHeader,
    /// The buffer does not start with [`MAGIC`](crate::MAGIC): it is not a bootfs archive.
    BadMagic,
    /// The header's format version is not [`VERSION`].
    UnsupportedVersion {
        /// The version found in the header.
        version: u16,
    },
    /// The header's `header_size` or `entry_size` differ from the sizes this
    /// version defines.
    UnsupportedLayout {
        /// The `header_size` found in the header.
        header_size: u16,
        /// The `entry_size` found in the header.
        entry_size: u16,
    },
    /// The header's `total_size` is larger than the buffer holding the archive.
    SizeExceedsBuffer {
        /// The `total_size` found in the header.
        declared: u64,
        /// The length of the buffer given to the parser.
        available: usize,
    },
    /// A reserved header field is not zero.
    HeaderReservedNotZero,
    /// The entry table or the names area ends past `total_size`, or computing
    /// where they end overflows.
    TableOutOfBounds,
    /// A reserved field of the entry is not zero.
    EntryReservedNotZero {
        /// The offending entry.
        index: usize,
    },
    /// The entry's kind byte is not a known [`EntryKind`](crate::EntryKind).
    UnknownKind {
        /// The offending entry.
        index: usize,
        /// The kind byte found.
        kind: u8,
    },
    /// The entry's name does not lie entirely inside the names area.
    NameOutOfBounds {
        /// The offending entry.
        index: usize,
    },
    /// The entry's name breaks a naming rule.
    BadName {
        /// The offending entry.
        index: usize,
        /// The rule it breaks.
        reason: NameError,
    },
    /// The entry's name equals the previous entry's name (builder: a file of
    /// that name was already added).
    DuplicateName {
        /// The second entry with the name.
        index: usize,
    },
    /// The entry's name sorts before the previous entry's name.
    NamesNotSorted {
        /// The first entry out of order.
        index: usize,
    },
    /// Two names make one entry both a file and a directory, as `bin` and
    /// `bin/init` would: the longer name continues the shorter one with `/`.
    FileUsedAsDirectory {
        /// Reader: the entry with the longer name. Builder: the rejected file.
        index: usize,
    },
    /// The entry's data ends past `total_size`, or offset plus length overflows.
    DataOutOfBounds {
        /// The offending entry.
        index: usize,
    },
    /// The entry's data starts inside the header, entry table or names area.
    DataOverlapsMetadata {
        /// The offending entry.
        index: usize,
    },
    /// The entry's data offset is not a multiple of [`DATA_ALIGN`].
    MisalignedData {
        /// The offending entry.
        index: usize,
    },
    /// The entry's data shares bytes with the previous entry's data.
    DataOverlap {
        /// The second of the two entries.
        index: usize,
    },
    /// The entry's data is disjoint from, but starts before, the previous
    /// entry's data: data must appear in table order.
    DataOutOfOrder {
        /// The second of the two entries.
        index: usize,
    },
    /// The entry's data does not match the entry's checksum.
    ChecksumMismatch {
        /// The offending entry.
        index: usize,
    },
    /// The header, entry table and names area do not match the header's
    /// metadata checksum.
    MetadataChecksumMismatch,
    /// Builder only: the archive already holds as many entries or name bytes as
    /// its 32-bit fields can describe.
    ArchiveFull,
}

impl fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TruncatedHeader => {
                write!(
                    f,
                    "buffer is shorter than the {HEADER_SIZE}-byte bootfs header"
                )
            }
            Self::BadMagic => f.write_str("not a bootfs archive (bad magic bytes)"),
            Self::UnsupportedVersion { version } => {
                write!(
                    f,
                    "bootfs version {version} is not supported (expected {VERSION})"
                )
            }
            Self::UnsupportedLayout {
                header_size,
                entry_size,
            } => write!(
                f,
                "unsupported layout: header size {header_size}, entry size {entry_size}"
            ),
            Self::SizeExceedsBuffer {
                declared,
                available,
            } => write!(
                f,
                "archive declares {declared} bytes but the buffer holds only {available}"
            ),
            Self::HeaderReservedNotZero => f.write_str("a reserved header field is not zero"),
            Self::TableOutOfBounds => {
                f.write_str("entry table or names area extends past the end of the archive")
            }
            Self::EntryReservedNotZero { index } => {
                write!(f, "entry {index}: a reserved field is not zero")
            }
            Self::UnknownKind { index, kind } => write!(f, "entry {index}: unknown kind {kind}"),
            Self::NameOutOfBounds { index } => {
                write!(f, "entry {index}: name extends past the names area")
            }
            Self::BadName { index, reason } => write!(f, "entry {index}: {reason}"),
            Self::DuplicateName { index } => {
                write!(f, "entry {index}: same name as the previous entry")
            }
            Self::NamesNotSorted { index } => {
                write!(
                    f,
                    "entry {index}: name sorts before the previous entry's name"
                )
            }
            Self::FileUsedAsDirectory { index } => write!(
                f,
                "entry {index}: name puts a file under another file, as if it were a directory"
            ),
            Self::DataOutOfBounds { index } => {
                write!(f, "entry {index}: data extends past the end of the archive")
            }
            Self::DataOverlapsMetadata { index } => write!(
                f,
                "entry {index}: data starts inside the header, entry table or names area"
            ),
            Self::MisalignedData { index } => {
                write!(
                    f,
                    "entry {index}: data offset is not a multiple of {DATA_ALIGN}"
                )
            }
            Self::DataOverlap { index } => {
                write!(f, "entry {index}: data overlaps the previous entry's data")
            }
            Self::DataOutOfOrder { index } => {
                write!(
                    f,
                    "entry {index}: data starts before the previous entry's data"
                )
            }
            Self::ChecksumMismatch { index } => {
                write!(f, "entry {index}: data does not match its checksum")
            }
            Self::MetadataChecksumMismatch => {
                f.write_str("header, entry table or names area do not match their checksum")
            }
            Self::ArchiveFull => f.write_str("archive has no room for more entries or names"),
        }
    }
}

impl core::error::Error for ArchiveError {}
