//! The builder: collects files on the host and writes them as one archive.
//!
//! Used by the disk-image builder, so it may allocate. It applies the same name
//! rules as the reader ([`validate_name`]) when a file is added, so `build`
//! cannot fail and never writes an archive the reader would reject.

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use core::ops::Bound;

use crate::checksum::fnv1a32;
use crate::entry::EntryKind;
use crate::error::ArchiveError;
use crate::format::{
    DATA_ALIGN, ENTRY_SIZE, HEADER_SIZE, MAGIC, RawEntry, RawHeader, VERSION, header_field,
    metadata_checksum,
};
use crate::name::validate_name;

/// Collects named files and writes them as a bootfs archive.
///
/// ```
/// use bootfs::{Archive, ArchiveBuilder};
///
/// let mut builder = ArchiveBuilder::new();
/// builder.add_file("bin/init", b"\x7fELF...")?.add_file("etc/motd", b"hi\n")?;
/// let bytes = builder.build();
///
/// let archive = Archive::parse(&bytes)?;
/// assert_eq!(archive.find("etc/motd").map(|entry| entry.data()), Some(&b"hi\n"[..]));
/// # Ok::<(), bootfs::ArchiveError>(())
/// ```
#[derive(Clone, Default)]
pub struct ArchiveBuilder {
    /// Files by name. `String`'s order is byte order, the order the format
    /// requires, and the map finds duplicates as they are added.
    files: BTreeMap<String, Vec<u8>>,
    /// The sum of all name lengths: the size of the names area.
    names_size: usize,
}

impl ArchiveBuilder {
    /// An empty builder; building it right away gives a valid empty archive.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of files added so far.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file has been added yet.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Adds a file named `name` (a relative path such as `bin/init`) holding a
    /// copy of `data`.
    ///
    /// # Errors
    ///
    /// With `index` set to the number of files added before this one:
    /// - [`ArchiveError::BadName`] if `name` breaks a naming rule;
    /// - [`ArchiveError::DuplicateName`] if a file of that name was added;
    /// - [`ArchiveError::FileUsedAsDirectory`] if `name` is under an added file
    ///   (`bin` then `bin/init`) or an added file is under `name`;
    /// - [`ArchiveError::ArchiveFull`] if the entry count or names area would
    ///   outgrow their 32-bit header fields.
    pub fn add_file(&mut self, name: &str, data: &[u8]) -> Result<&mut Self, ArchiveError> {
        let index = self.files.len();
        validate_name(name.as_bytes()).map_err(|reason| ArchiveError::BadName { index, reason })?;
        if self.files.contains_key(name) {
            return Err(ArchiveError::DuplicateName { index });
        }
        if self.conflicts_as_directory(name) {
            return Err(ArchiveError::FileUsedAsDirectory { index });
        }
        let fits_u32 = |value: usize| u32::try_from(value).is_ok();
        let names_size = self
            .names_size
            .checked_add(name.len())
            .filter(|&size| fits_u32(size));
        let count = index.checked_add(1).filter(|&count| fits_u32(count));
        let (Some(names_size), Some(_)) = (names_size, count) else {
            return Err(ArchiveError::ArchiveFull);
        };
        self.names_size = names_size;
        self.files.insert(name.to_string(), data.to_vec());
        Ok(self)
    }

    /// Whether `name` and an added file would make one of them both a file and
    /// a directory.
    fn conflicts_as_directory(&self, name: &str) -> bool {
        let mut ancestors = name
            .match_indices('/')
            .filter_map(|(slash, _)| name.get(..slash));
        let under_a_file = ancestors.any(|ancestor| self.files.contains_key(ancestor));
        // Names under `name/` sort right at or after `name/`, so the first key
        // from there on tells whether any exists.
        let directory = [name, "/"].concat();
        let range = (Bound::Included(directory.as_str()), Bound::Unbounded);
        let has_files_under = self
            .files
            .range::<str, _>(range)
            .next()
            .is_some_and(|(existing, _)| existing.starts_with(&directory));
        under_a_file || has_files_under
    }

    /// Writes the archive: header, entry table and names in name order, then
    /// each file's data at the next multiple of [`DATA_ALIGN`].
    ///
    /// The output depends only on the set of files, not on the order they were
    /// added in, so image builds are reproducible.
    pub fn build(&self) -> Vec<u8> {
        // Cannot overflow: `add_file` keeps the count and names size within
        // `u32`, and the data is already held in memory.
        let metadata_end = HEADER_SIZE + self.files.len() * ENTRY_SIZE + self.names_size;
        let mut table_and_names = Vec::with_capacity(metadata_end - HEADER_SIZE);
        let mut data_end = metadata_end;
        let mut name_offset = 0;
        for (name, data) in &self.files {
            let data_offset = data_end.next_multiple_of(DATA_ALIGN);
            let record = RawEntry {
                data_offset: bounded(data_offset),
                data_length: bounded(data.len()),
                name_offset: bounded(name_offset),
                name_length: bounded(name.len()),
                kind: EntryKind::File.to_raw(),
                reserved_byte: 0,
                data_checksum: fnv1a32(data),
                reserved_word: 0,
            };
            table_and_names.extend_from_slice(&record.encode());
            name_offset += name.len();
            data_end = data_offset + data.len();
        }
        for name in self.files.keys() {
            table_and_names.extend_from_slice(name.as_bytes());
        }
        let header = self.header(data_end, &table_and_names);

        let mut out = Vec::with_capacity(data_end);
        out.extend_from_slice(&header);
        out.extend_from_slice(&table_and_names);
        for data in self.files.values() {
            // The same rounding as above, so each file lands at its recorded offset.
            out.resize(out.len().next_multiple_of(DATA_ALIGN), 0);
            out.extend_from_slice(data);
        }
        out
    }

    /// The encoded header for an archive of `total_size` bytes, with its
    /// metadata checksum over itself and `table_and_names`.
    fn header(&self, total_size: usize, table_and_names: &[u8]) -> [u8; HEADER_SIZE] {
        let mut header = RawHeader {
            magic: MAGIC,
            version: VERSION,
            header_size: bounded(HEADER_SIZE),
            entry_size: bounded(ENTRY_SIZE),
            reserved_short: 0,
            entry_count: bounded(self.files.len()),
            names_size: bounded(self.names_size),
            total_size: bounded(total_size),
            reserved_tail: [0; header_field::RESERVED_TAIL_LEN],
            metadata_checksum: 0,
        };
        header.metadata_checksum = metadata_checksum(&header.encode(), table_and_names);
        header.encode()
    }
}

impl fmt::Debug for ArchiveBuilder {
    // Names and sizes only: the data can be megabytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.files.iter().map(|(name, data)| (name, data.len())))
            .finish()
    }
}

/// Converts a size the builder has already bounded to its on-disk field type.
fn bounded<T: TryFrom<usize>>(value: usize) -> T {
    // `add_file` keeps counts and name sizes within `u32`, names are at most
    // 255 bytes, and `format` asserts that `usize` fits in `u64`; failing here
    // is a bug in this file, not bad input.
    T::try_from(value).unwrap_or_else(|_| unreachable!("bootfs field overflow: {value}"))
}
