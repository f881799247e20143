//! `Archive::parse`'s checks: every rule of the format, in one pass, up front.
//!
//! Checks run from the header inwards and, per entry, from cheap structural
//! rules to the data checksum; the metadata checksum comes last. So an archive
//! from a buggy writer gets the specific error for the rule it breaks, and
//! corruption that happens to keep the structure valid is still caught by the
//! checksums. Once this passes, the reader's accessors cannot fail.

use core::cmp::Ordering;
use core::ops::Range;

use crate::archive::Archive;
use crate::checksum::fnv1a32;
use crate::entry::{EntryKind, UnknownEntryKind};
use crate::error::ArchiveError;
use crate::format::{
    DATA_ALIGN, ENTRY_SIZE, HEADER_SIZE, MAGIC, RawEntry, RawHeader, VERSION, metadata_checksum,
};
use crate::name::validate_name;

/// What later entries need to know about the entry before them.
struct Accepted<'a> {
    name: &'a [u8],
    data: Range<usize>,
}

/// Validates all of `bytes` as an archive and returns the reader over it.
pub(crate) fn validate(bytes: &[u8]) -> Result<Archive<'_>, ArchiveError> {
    let (header, archive_bytes) = check_header(bytes)?;
    let (archive, metadata_end) = locate_regions(archive_bytes, &header)?;
    let mut previous: Option<Accepted<'_>> = None;
    for index in 0..archive.len() {
        let accepted = check_entry(&archive, metadata_end, index, previous.as_ref())?;
        previous = Some(accepted);
    }
    check_metadata_checksum(archive_bytes, metadata_end, &header)?;
    Ok(archive)
}

/// Checks the fixed header; returns it and the buffer cut to `total_size`.
fn check_header(bytes: &[u8]) -> Result<(RawHeader, &[u8]), ArchiveError> {
    let header = RawHeader::decode(bytes).ok_or(ArchiveError::TruncatedHeader)?;
    if header.magic != MAGIC {
        return Err(ArchiveError::BadMagic);
    }
    if header.version != VERSION {
        return Err(ArchiveError::UnsupportedVersion {
            version: header.version,
        });
    }
    if usize::from(header.header_size) != HEADER_SIZE
        || usize::from(header.entry_size) != ENTRY_SIZE
    {
        return Err(ArchiveError::UnsupportedLayout {
            header_size: header.header_size,
            entry_size: header.entry_size,
        });
    }
    let archive = usize::try_from(header.total_size)
        .ok()
        .and_then(|total| bytes.get(..total))
        .ok_or(ArchiveError::SizeExceedsBuffer {
            declared: header.total_size,
            available: bytes.len(),
        })?;
    if header.reserved_short != 0 || header.reserved_tail.iter().any(|&byte| byte != 0) {
        return Err(ArchiveError::HeaderReservedNotZero);
    }
    Ok((header, archive))
}

/// Finds the entry table and names area; returns the reader over them and the
/// offset where the metadata (header, table, names) ends.
fn locate_regions<'a>(
    archive: &'a [u8],
    header: &RawHeader,
) -> Result<(Archive<'a>, usize), ArchiveError> {
    let out_of_bounds = ArchiveError::TableOutOfBounds;
    let count = usize::try_from(header.entry_count).map_err(|_| out_of_bounds)?;
    let names_size = usize::try_from(header.names_size).map_err(|_| out_of_bounds)?;
    let table_end = count
        .checked_mul(ENTRY_SIZE)
        .and_then(|table_size| table_size.checked_add(HEADER_SIZE))
        .ok_or(out_of_bounds)?;
    let names_end = table_end.checked_add(names_size).ok_or(out_of_bounds)?;
    let table = archive.get(HEADER_SIZE..table_end).ok_or(out_of_bounds)?;
    let names = archive.get(table_end..names_end).ok_or(out_of_bounds)?;
    Ok((
        Archive::from_regions(archive, table, names, count),
        names_end,
    ))
}

/// Checks entry `index` and its relation to the entry before it.
fn check_entry<'a>(
    archive: &Archive<'a>,
    metadata_end: usize,
    index: usize,
    previous: Option<&Accepted<'a>>,
) -> Result<Accepted<'a>, ArchiveError> {
    let raw = RawEntry::decode(archive.table(), index).ok_or(ArchiveError::TableOutOfBounds)?;
    if raw.reserved_byte != 0 || raw.reserved_word != 0 {
        return Err(ArchiveError::EntryReservedNotZero { index });
    }
    EntryKind::try_from(raw.kind)
        .map_err(|UnknownEntryKind(kind)| ArchiveError::UnknownKind { index, kind })?;
    let name = check_name(archive, index, &raw, previous.map(|entry| entry.name))?;
    let previous_data = previous.map(|entry| &entry.data);
    let data = check_data(archive.bytes(), metadata_end, index, &raw, previous_data)?;
    Ok(Accepted { name, data })
}

/// Checks the entry's name: in bounds, valid, after the previous name, and not
/// under a file.
fn check_name<'a>(
    archive: &Archive<'a>,
    index: usize,
    raw: &RawEntry,
    previous: Option<&[u8]>,
) -> Result<&'a [u8], ArchiveError> {
    let name = raw
        .name_in(archive.names())
        .ok_or(ArchiveError::NameOutOfBounds { index })?;
    validate_name(name).map_err(|reason| ArchiveError::BadName { index, reason })?;
    // Strictly ascending order makes duplicates neighbours, so comparing with
    // the previous name alone finds both disorder and duplicates.
    match previous.map(|previous| name.cmp(previous)) {
        Some(Ordering::Equal) => return Err(ArchiveError::DuplicateName { index }),
        Some(Ordering::Less) => return Err(ArchiveError::NamesNotSorted { index }),
        Some(Ordering::Greater) | None => {}
    }
    if has_file_ancestor(archive, index, name) {
        return Err(ArchiveError::FileUsedAsDirectory { index });
    }
    Ok(name)
}

/// Whether some prefix of `name` that ends before a `/` is the name of an
/// entry before `index`.
///
/// Such a prefix names a directory `name` is in. A prefix sorts before every
/// name that extends it, so only the already checked entries before `index` can
/// match, and a binary search over them needs no allocation.
fn has_file_ancestor(archive: &Archive<'_>, index: usize, name: &[u8]) -> bool {
    name.iter()
        .enumerate()
        .filter(|&(_, &byte)| byte == b'/')
        .filter_map(|(slash, _)| name.get(..slash))
        .any(|ancestor| archive.position_before(ancestor, index).is_some())
}

/// Checks the entry's data: in bounds, after the metadata, aligned, after the
/// previous entry's data, and matching its checksum.
fn check_data(
    archive: &[u8],
    metadata_end: usize,
    index: usize,
    raw: &RawEntry,
    previous: Option<&Range<usize>>,
) -> Result<Range<usize>, ArchiveError> {
    let range = raw
        .data_range()
        .filter(|range| range.end <= archive.len())
        .ok_or(ArchiveError::DataOutOfBounds { index })?;
    if range.start < metadata_end {
        return Err(ArchiveError::DataOverlapsMetadata { index });
    }
    if !range.start.is_multiple_of(DATA_ALIGN) {
        return Err(ArchiveError::MisalignedData { index });
    }
    // Requiring data in table order makes "no two ranges overlap" a check
    // against the previous entry only: one pass, no sorting, no scratch memory.
    if let Some(previous) = previous
        && range.start < previous.end
    {
        return Err(if share_bytes(previous, &range) {
            ArchiveError::DataOverlap { index }
        } else {
            ArchiveError::DataOutOfOrder { index }
        });
    }
    let data = archive
        .get(range.clone())
        .ok_or(ArchiveError::DataOutOfBounds { index })?;
    if fnv1a32(data) != raw.data_checksum {
        return Err(ArchiveError::ChecksumMismatch { index });
    }
    Ok(range)
}

/// Whether two byte ranges have at least one byte in common.
fn share_bytes(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start.max(b.start) < a.end.min(b.end)
}

/// Checks the metadata checksum over the header, entry table and names area.
fn check_metadata_checksum(
    archive: &[u8],
    metadata_end: usize,
    header: &RawHeader,
) -> Result<(), ArchiveError> {
    let header_bytes = archive
        .first_chunk::<HEADER_SIZE>()
        .ok_or(ArchiveError::TruncatedHeader)?;
    let table_and_names = archive
        .get(HEADER_SIZE..metadata_end)
        .ok_or(ArchiveError::TableOutOfBounds)?;
    if metadata_checksum(header_bytes, table_and_names) != header.metadata_checksum {
        return Err(ArchiveError::MetadataChecksumMismatch);
    }
    Ok(())
}
