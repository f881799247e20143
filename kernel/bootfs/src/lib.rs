//! Bootfs: the read-only file archive in Barodia's boot ramdisk.
//!
//! The disk-image builder packs the user programs (and later config files) into
//! one bootfs archive on the host. The kernel parses it at boot to find and load
//! the first programs, and later a ramdisk server serves it as files. This crate
//! is the format and nothing else: no hardware access, no `unsafe`, and a reader
//! that never allocates, so the kernel can use it before it has a heap. It is
//! tested on the host.
//!
//! - [`Archive::parse`] validates an archive completely, up front. Afterwards
//!   [`Archive::entries`], [`Archive::get`] and [`Archive::find`] cannot fail,
//!   and they borrow names and file data in place from the caller's buffer.
//! - `ArchiveBuilder` (cargo feature `alloc`) writes archives on the host. It
//!   enforces the same name rules, yet the reader trusts nothing it wrote: a
//!   ramdisk can be truncated or corrupted on the way to memory.
//!
//! ```
//! use bootfs::{Archive, ArchiveError};
//!
//! /// What the kernel does with the ramdisk the bootloader handed it.
//! fn init_program(ramdisk: &[u8]) -> Result<Option<&[u8]>, ArchiveError> {
//!     let archive = Archive::parse(ramdisk)?;
//!     Ok(archive.find("bin/init").map(|entry| entry.data()))
//! }
//!
//! assert_eq!(init_program(b"not an archive"), Err(ArchiveError::TruncatedHeader));
//! ```
//!
//! # Format, version 1
//!
//! ```text
//! offset 0              +--------------------------------+
//!                       | header (48 bytes)              |
//! 48                    +--------------------------------+
//!                       | entry table                    |  entry_count records
//!                       |   (32 bytes per entry)         |  of 32 bytes, in name order
//! 48 + 32*entry_count   +--------------------------------+
//!                       | names area (names_size bytes)  |  names, not terminated
//! metadata end          +--------------------------------+
//!                       | file data, each at a multiple  |  in entry order,
//!                       | of 16, zero padding between    |  gaps allowed
//! total_size            +--------------------------------+
//!                       | (ignored: anything after)      |
//! ```
//!
//! All integers are little-endian, the byte order of x86-64 and of the hosts
//! that build images, so neither side swaps bytes. Offsets count from the start
//! of the archive, except name offsets, which count from the start of the names
//! area. Every field is read from a bounds-checked sub-slice with
//! `from_le_bytes`, and every sum of offsets and lengths is checked for
//! overflow, so no input can make the reader panic or read out of bounds.
//!
//! ## Header (48 bytes at offset 0)
//!
//! | Offset | Size | Field               | Value or rule                                     |
//! |-------:|-----:|---------------------|---------------------------------------------------|
//! |      0 |    8 | `magic`             | [`MAGIC`], the ASCII bytes `BDBOOTFS`             |
//! |      8 |    2 | `version`           | [`VERSION`] (1)                                   |
//! |     10 |    2 | `header_size`       | [`HEADER_SIZE`] (48)                              |
//! |     12 |    2 | `entry_size`        | [`ENTRY_SIZE`] (32)                               |
//! |     14 |    2 | reserved            | 0                                                 |
//! |     16 |    4 | `entry_count`       | number of records in the entry table              |
//! |     20 |    4 | `names_size`        | size of the names area in bytes                   |
//! |     24 |    8 | `total_size`        | archive size in bytes; at most the buffer's size  |
//! |     32 |   12 | reserved            | all 0                                             |
//! |     44 |    4 | `metadata_checksum` | FNV-1a 32 of bytes 0..44, then of the entry table and names area |
//!
//! ## Entry record (32 bytes; record `i` at offset `48 + 32 * i`)
//!
//! | Offset | Size | Field           | Value or rule                                          |
//! |-------:|-----:|-----------------|--------------------------------------------------------|
//! |      0 |    8 | `data_offset`   | where the data starts; a multiple of [`DATA_ALIGN`] (16) |
//! |      8 |    8 | `data_length`   | data size in bytes; 0 for an empty file                |
//! |     16 |    4 | `name_offset`   | where the name starts, from the start of the names area |
//! |     20 |    2 | `name_length`   | name size in bytes, 1 to [`MAX_NAME_LEN`] (255)        |
//! |     22 |    1 | `kind`          | an [`EntryKind`]: 1 = file; 0 and 2..=255 are invalid  |
//! |     23 |    1 | reserved        | 0                                                      |
//! |     24 |    4 | `data_checksum` | FNV-1a 32 of the data                                  |
//! |     28 |    4 | reserved        | 0                                                      |
//!
//! Names are stored without terminators. The builder packs them in entry order
//! with no gaps; the reader only requires each name to lie inside the names
//! area. There are no directory entries: `bin` is a directory because
//! `bin/init` exists.
//!
//! ## Validation rules
//!
//! [`Archive::parse`] checks these in this order and returns the error of the
//! first one broken. The per-entry rules run for entry 0, then entry 1, and so
//! on; the metadata checksum is checked last.
//!
//! 1. The buffer holds at least 48 bytes: [`ArchiveError::TruncatedHeader`].
//! 2. `magic` is [`MAGIC`]: [`ArchiveError::BadMagic`].
//! 3. `version` is [`VERSION`]: [`ArchiveError::UnsupportedVersion`].
//! 4. `header_size` is 48 and `entry_size` is 32:
//!    [`ArchiveError::UnsupportedLayout`].
//! 5. `total_size` is at most the buffer's length:
//!    [`ArchiveError::SizeExceedsBuffer`]. Later checks see only the first
//!    `total_size` bytes; the rest is ignored.
//! 6. Reserved header fields are 0: [`ArchiveError::HeaderReservedNotZero`].
//! 7. The entry table and then the names area fit within `total_size`:
//!    [`ArchiveError::TableOutOfBounds`].
//! 8. For each entry `i`:
//!    1. its reserved fields are 0: [`ArchiveError::EntryReservedNotZero`];
//!    2. `kind` is known: [`ArchiveError::UnknownKind`];
//!    3. the name lies inside the names area: [`ArchiveError::NameOutOfBounds`];
//!    4. the name is valid ([`validate_name`]): 1 to 255 bytes of UTF-8, no
//!       leading `/`, no empty component (`a//b`, trailing `/`), no `.` or `..`
//!       component, only `A-Z a-z 0-9 . _ -` and `/`: [`ArchiveError::BadName`]
//!       with a [`NameError`];
//!    5. the name is greater than entry `i - 1`'s in byte order: equal is
//!       [`ArchiveError::DuplicateName`], smaller is
//!       [`ArchiveError::NamesNotSorted`];
//!    6. no earlier entry's name is a directory of this one (`bin` and
//!       `bin/init`): [`ArchiveError::FileUsedAsDirectory`];
//!    7. `data_offset + data_length` does not overflow and is at most
//!       `total_size`: [`ArchiveError::DataOutOfBounds`];
//!    8. `data_offset` is at or past the end of the names area:
//!       [`ArchiveError::DataOverlapsMetadata`];
//!    9. `data_offset` is a multiple of 16: [`ArchiveError::MisalignedData`];
//!    10. the data starts at or after the end of entry `i - 1`'s data: if the
//!        two ranges share a byte, [`ArchiveError::DataOverlap`], else
//!        [`ArchiveError::DataOutOfOrder`];
//!    11. the data matches `data_checksum`: [`ArchiveError::ChecksumMismatch`].
//! 9. Header bytes 0..44, the entry table and the names area match
//!    `metadata_checksum`: [`ArchiveError::MetadataChecksumMismatch`].
//!
//! Bytes between data ranges (alignment padding) and bytes of the names area
//! that no name uses are not checked; the builder writes zeros there.
//!
//! ## Why it is this way
//!
//! - **Sorted, unique names.** [`Archive::find`] is a binary search over the
//!   table, with no index to build and no allocation. Sorting also makes
//!   duplicates neighbours, so one pass comparing each name with the previous
//!   finds both duplicates and disorder. The order is plain byte order, which
//!   is also the order of `str` and of the builder's `BTreeMap<String, _>`.
//! - **Data in entry order.** Requiring each entry's data to start after the
//!   previous entry's data ends makes "no two files share bytes" a check against
//!   the previous entry only: one pass, no sorting, no scratch memory, which the
//!   kernel's reader does not have. It is what a sequential writer produces
//!   anyway.
//! - **16-byte data alignment.** The kernel's ELF loader parses program headers
//!   by borrowing the bytes in place. ELF64 structures need 8-byte alignment, and
//!   16 covers every x86-64 scalar type (including SSE and `u128`) while wasting
//!   at most 15 bytes per file; page alignment would waste up to 4 KiB each. The
//!   offsets are relative to the archive, so the buffer itself must start
//!   16-byte aligned (the bootloader loads the ramdisk page-aligned).
//! - **Normal-form names.** Names can go to a VFS or the kernel log unchanged:
//!   `..` cannot climb out of the archive, `.` and `//` cannot give one file two
//!   spellings, and the POSIX portable filename characters rule out spaces,
//!   control bytes and look-alike Unicode. `name_length` has 16 bits so a later
//!   version can raise the 255-byte limit without moving fields.
//! - **No file used as a directory.** A path names either a file or a
//!   directory, never both, so a VFS over the archive has one answer for `bin`.
//! - **`total_size`.** The bootloader hands over the ramdisk rounded up to
//!   whole pages or sectors; the header says where the archive really ends.
//! - **`header_size` and `entry_size`.** Redundant with `version` today; they
//!   let tools and hex dumps find the table without knowing the version, and
//!   let a later version that appends fields keep every existing offset.
//! - **Reserved fields must be 0.** Otherwise writers could leave junk there,
//!   and a later version could not give those bytes a meaning.
//! - **Kind 0 is invalid.** An all-zero record, the usual sign of a truncated
//!   or never-written table, is rejected even before its checksum.
//! - **FNV-1a 32 checksums.** They detect corruption (a truncated or bit-rotted
//!   image, a wrong load length), not tampering: whoever can rewrite the ramdisk
//!   can rewrite the kernel too. FNV-1a needs no table and catches every
//!   single-byte change. The metadata checksum runs last so that an archive
//!   from a buggy writer gets the specific error for the rule it breaks.
//!
//! # Features
//!
//! - `alloc`: the archive writer, `ArchiveBuilder`. Off by default, since the
//!   kernel only reads.

// `no_std` everywhere but in this crate's own unit tests, which need `std` for
// the test harness and proptest. NOTE: this means an accidental use of `std` in
// library code compiles under `cargo test`; `cargo build --target
// x86_64-unknown-none` is the check that catches it.
#![cfg_attr(not(test), no_std)]
// Parsing bytes needs no unsafe, and a format parser is exactly where a
// memory-safety bug would be exploitable.
#![forbid(unsafe_code)]

// The tests use the builder to make archives to read and to corrupt.
#[cfg(any(feature = "alloc", test))]
extern crate alloc;

mod archive;
mod checksum;
mod entry;
mod error;
mod format;
mod name;
mod validate;
#[cfg(any(feature = "alloc", test))]
mod writer;

#[cfg(test)]
mod tests;

pub use archive::{Archive, Entries};
pub use entry::{Entry, EntryKind, UnknownEntryKind};
pub use error::ArchiveError;
pub use format::{DATA_ALIGN, ENTRY_SIZE, HEADER_SIZE, MAGIC, MAX_NAME_LEN, VERSION};
pub use name::{NameError, validate_name};
#[cfg(any(feature = "alloc", test))]
pub use writer::ArchiveBuilder;
