//! Byte layout of a bootfs archive: sizes, field offsets and raw records.
//!
//! This module is the one place in code that knows where a field lives. The
//! reader and the writer both go through [`RawHeader`] and [`RawEntry`], so they
//! cannot disagree about the layout; the crate docs describe the same layout in
//! prose. Decoding here only splits bytes into integers; whether the values make
//! sense is `validate`'s job.

use core::ops::Range;

use crate::checksum::Fnv1a32;

/// The first 8 bytes of every bootfs archive ("Barodia boot file system").
pub const MAGIC: [u8; 8] = *b"BDBOOTFS";

/// The format version this crate reads and writes.
pub const VERSION: u16 = 1;

/// Size in bytes of the fixed header at the start of the archive.
pub const HEADER_SIZE: usize = 48;

/// Size in bytes of one record in the entry table.
pub const ENTRY_SIZE: usize = 32;

/// Every file's data starts at an offset that is a multiple of this.
pub const DATA_ALIGN: usize = 16;

/// The longest allowed entry name, in bytes.
pub const MAX_NAME_LEN: usize = 255;

/// Byte offsets of the header fields.
pub(crate) mod header_field {
    pub(crate) const MAGIC: usize = 0;
    pub(crate) const VERSION: usize = 8;
    pub(crate) const HEADER_SIZE: usize = 10;
    pub(crate) const ENTRY_SIZE: usize = 12;
    pub(crate) const RESERVED_SHORT: usize = 14;
    pub(crate) const ENTRY_COUNT: usize = 16;
    pub(crate) const NAMES_SIZE: usize = 20;
    pub(crate) const TOTAL_SIZE: usize = 24;
    pub(crate) const RESERVED_TAIL: usize = 32;
    pub(crate) const RESERVED_TAIL_LEN: usize = 12;
    pub(crate) const METADATA_CHECKSUM: usize = 44;
}

/// Byte offsets of the fields of one entry record.
pub(crate) mod entry_field {
    pub(crate) const DATA_OFFSET: usize = 0;
    pub(crate) const DATA_LENGTH: usize = 8;
    pub(crate) const NAME_OFFSET: usize = 16;
    pub(crate) const NAME_LENGTH: usize = 20;
    pub(crate) const KIND: usize = 22;
    pub(crate) const RESERVED_BYTE: usize = 23;
    pub(crate) const DATA_CHECKSUM: usize = 24;
    pub(crate) const RESERVED_WORD: usize = 28;
}

// The field offsets must tile their record exactly: each field starts where the
// previous one ends, and the last one ends at the record size. A typo in an
// offset fails the build here instead of corrupting archives.
const _: () = {
    use entry_field as e;
    use header_field as h;
    assert!(h::MAGIC + MAGIC.len() == h::VERSION);
    assert!(h::VERSION + 2 == h::HEADER_SIZE);
    assert!(h::HEADER_SIZE + 2 == h::ENTRY_SIZE);
    assert!(h::ENTRY_SIZE + 2 == h::RESERVED_SHORT);
    assert!(h::RESERVED_SHORT + 2 == h::ENTRY_COUNT);
    assert!(h::ENTRY_COUNT + 4 == h::NAMES_SIZE);
    assert!(h::NAMES_SIZE + 4 == h::TOTAL_SIZE);
    assert!(h::TOTAL_SIZE + 8 == h::RESERVED_TAIL);
    assert!(h::RESERVED_TAIL + h::RESERVED_TAIL_LEN == h::METADATA_CHECKSUM);
    assert!(h::METADATA_CHECKSUM + 4 == HEADER_SIZE);
    assert!(e::DATA_OFFSET + 8 == e::DATA_LENGTH);
    assert!(e::DATA_LENGTH + 8 == e::NAME_OFFSET);
    assert!(e::NAME_OFFSET + 4 == e::NAME_LENGTH);
    assert!(e::NAME_LENGTH + 2 == e::KIND);
    assert!(e::KIND + 1 == e::RESERVED_BYTE);
    assert!(e::RESERVED_BYTE + 1 == e::DATA_CHECKSUM);
    assert!(e::DATA_CHECKSUM + 4 == e::RESERVED_WORD);
    assert!(e::RESERVED_WORD + 4 == ENTRY_SIZE);
    // The header and the table keep the names area 16-byte aligned, and the
    // reader's `% DATA_ALIGN` check relies on it being a power of two.
    assert!(HEADER_SIZE.is_multiple_of(DATA_ALIGN) && ENTRY_SIZE.is_multiple_of(DATA_ALIGN));
    assert!(DATA_ALIGN.is_power_of_two());
    // Lengths convert from `usize` to the on-disk `u64` without loss.
    assert!(usize::BITS <= u64::BITS);
};

/// The header's fields as stored, before any validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RawHeader {
    pub(crate) magic: [u8; 8],
    pub(crate) version: u16,
    pub(crate) header_size: u16,
    pub(crate) entry_size: u16,
    pub(crate) reserved_short: u16,
    pub(crate) entry_count: u32,
    pub(crate) names_size: u32,
    pub(crate) total_size: u64,
    pub(crate) reserved_tail: [u8; header_field::RESERVED_TAIL_LEN],
    pub(crate) metadata_checksum: u32,
}

impl RawHeader {
    /// Splits the first [`HEADER_SIZE`] bytes into fields; `None` if too short.
    pub(crate) fn decode(bytes: &[u8]) -> Option<Self> {
        use header_field as f;
        let header = bytes.get(..HEADER_SIZE)?;
        Some(Self {
            magic: read_array(header, f::MAGIC)?,
            version: u16::from_le_bytes(read_array(header, f::VERSION)?),
            header_size: u16::from_le_bytes(read_array(header, f::HEADER_SIZE)?),
            entry_size: u16::from_le_bytes(read_array(header, f::ENTRY_SIZE)?),
            reserved_short: u16::from_le_bytes(read_array(header, f::RESERVED_SHORT)?),
            entry_count: u32::from_le_bytes(read_array(header, f::ENTRY_COUNT)?),
            names_size: u32::from_le_bytes(read_array(header, f::NAMES_SIZE)?),
            total_size: u64::from_le_bytes(read_array(header, f::TOTAL_SIZE)?),
            reserved_tail: read_array(header, f::RESERVED_TAIL)?,
            metadata_checksum: u32::from_le_bytes(read_array(header, f::METADATA_CHECKSUM)?),
        })
    }

    /// Lays the fields out as the on-disk header.
    #[cfg(any(feature = "alloc", test))]
    pub(crate) fn encode(&self) -> [u8; HEADER_SIZE] {
        use header_field as f;
        let mut out = [0; HEADER_SIZE];
        put(&mut out, f::MAGIC, &self.magic);
        put(&mut out, f::VERSION, &self.version.to_le_bytes());
        put(&mut out, f::HEADER_SIZE, &self.header_size.to_le_bytes());
        put(&mut out, f::ENTRY_SIZE, &self.entry_size.to_le_bytes());
        put(
            &mut out,
            f::RESERVED_SHORT,
            &self.reserved_short.to_le_bytes(),
        );
        put(&mut out, f::ENTRY_COUNT, &self.entry_count.to_le_bytes());
        put(&mut out, f::NAMES_SIZE, &self.names_size.to_le_bytes());
        put(&mut out, f::TOTAL_SIZE, &self.total_size.to_le_bytes());
        put(&mut out, f::RESERVED_TAIL, &self.reserved_tail);
        put(
            &mut out,
            f::METADATA_CHECKSUM,
            &self.metadata_checksum.to_le_bytes(),
        );
        out
    }
}

/// One entry record's fields as stored, before any validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RawEntry {
    pub(crate) data_offset: u64,
    pub(crate) data_length: u64,
    pub(crate) name_offset: u32,
    pub(crate) name_length: u16,
    pub(crate) kind: u8,
    pub(crate) reserved_byte: u8,
    pub(crate) data_checksum: u32,
    pub(crate) reserved_word: u32,
}

impl RawEntry {
    /// Splits record `index` of `table` into fields; `None` if it is not in `table`.
    pub(crate) fn decode(table: &[u8], index: usize) -> Option<Self> {
        use entry_field as f;
        let start = index.checked_mul(ENTRY_SIZE)?;
        let record = table.get(start..start.checked_add(ENTRY_SIZE)?)?;
        Some(Self {
            data_offset: u64::from_le_bytes(read_array(record, f::DATA_OFFSET)?),
            data_length: u64::from_le_bytes(read_array(record, f::DATA_LENGTH)?),
            name_offset: u32::from_le_bytes(read_array(record, f::NAME_OFFSET)?),
            name_length: u16::from_le_bytes(read_array(record, f::NAME_LENGTH)?),
            kind: u8::from_le_bytes(read_array(record, f::KIND)?),
            reserved_byte: u8::from_le_bytes(read_array(record, f::RESERVED_BYTE)?),
            data_checksum: u32::from_le_bytes(read_array(record, f::DATA_CHECKSUM)?),
            reserved_word: u32::from_le_bytes(read_array(record, f::RESERVED_WORD)?),
        })
    }

    /// The name's bytes inside `names`, the names area; `None` if they are not
    /// all inside it. Name offsets count from the start of the names area.
    pub(crate) fn name_in<'a>(&self, names: &'a [u8]) -> Option<&'a [u8]> {
        let start = usize::try_from(self.name_offset).ok()?;
        let end = start.checked_add(usize::from(self.name_length))?;
        names.get(start..end)
    }

    /// The data's byte range from the start of the archive; `None` if the end
    /// overflows or does not fit in `usize` (then it cannot be in any buffer).
    pub(crate) fn data_range(&self) -> Option<Range<usize>> {
        let start = usize::try_from(self.data_offset).ok()?;
        let end = start.checked_add(usize::try_from(self.data_length).ok()?)?;
        Some(start..end)
    }

    /// Lays the fields out as one on-disk entry record.
    #[cfg(any(feature = "alloc", test))]
    pub(crate) fn encode(&self) -> [u8; ENTRY_SIZE] {
        use entry_field as f;
        let mut out = [0; ENTRY_SIZE];
        put(&mut out, f::DATA_OFFSET, &self.data_offset.to_le_bytes());
        put(&mut out, f::DATA_LENGTH, &self.data_length.to_le_bytes());
        put(&mut out, f::NAME_OFFSET, &self.name_offset.to_le_bytes());
        put(&mut out, f::NAME_LENGTH, &self.name_length.to_le_bytes());
        put(&mut out, f::KIND, &[self.kind]);
        put(&mut out, f::RESERVED_BYTE, &[self.reserved_byte]);
        put(
            &mut out,
            f::DATA_CHECKSUM,
            &self.data_checksum.to_le_bytes(),
        );
        put(
            &mut out,
            f::RESERVED_WORD,
            &self.reserved_word.to_le_bytes(),
        );
        out
    }
}

/// The metadata checksum: FNV-1a over the header up to (not including) its
/// checksum field, then over the entry table and names area.
///
/// `table_and_names` is the archive from [`HEADER_SIZE`] to the end of the names
/// area. The checksum field is left out so the value does not depend on itself.
pub(crate) fn metadata_checksum(header: &[u8; HEADER_SIZE], table_and_names: &[u8]) -> u32 {
    let mut hasher = Fnv1a32::new();
    // In range: the compile-time tiling check above puts the checksum field
    // inside the header.
    hasher.update(&header[..header_field::METADATA_CHECKSUM]);
    hasher.update(table_and_names);
    hasher.finish()
}

/// Copies `N` bytes starting at `offset`; `None` if they are not all in `bytes`.
fn read_array<const N: usize>(bytes: &[u8], offset: usize) -> Option<[u8; N]> {
    let field = bytes.get(offset..offset.checked_add(N)?)?;
    field.try_into().ok()
}

/// Writes `value` into `record` at `offset`.
#[cfg(any(feature = "alloc", test))]
fn put(record: &mut [u8], offset: usize, value: &[u8]) {
    // Only called with the constant offsets above on fixed-size records, whose
    // tiling is checked at compile time, so the range is always in bounds.
    record[offset..offset + value.len()].copy_from_slice(value);
}
