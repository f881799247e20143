//! Shared test helpers: a sample archive and ways to read and patch its fields.

use crate::format::{ENTRY_SIZE, HEADER_SIZE, entry_field, header_field};
use crate::{Archive, ArchiveBuilder, ArchiveError};

/// Four files, deliberately not in name order, one of them empty. In the
/// archive they become entries 0 `bin/hello`, 1 `bin/init`, 2 `etc/empty`,
/// 3 `readme.txt`.
pub(super) const SAMPLE_FILES: [(&str, &[u8]); 4] = [
    ("readme.txt", b"Barodia boot archive\n"),
    ("bin/init", b"\x7fELF init: the first user program"),
    ("etc/empty", b""),
    ("bin/hello", b"\x7fELF hello"),
];

/// Builds an archive of `files`, added in the given order.
pub(super) fn build(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut builder = ArchiveBuilder::new();
    for (name, data) in files {
        builder.add_file(name, data).unwrap();
    }
    builder.build()
}

/// The archive of [`SAMPLE_FILES`].
pub(super) fn sample_archive() -> Vec<u8> {
    build(&SAMPLE_FILES)
}

/// The error `Archive::parse` reports for `bytes`.
pub(super) fn parse_error(bytes: &[u8]) -> ArchiveError {
    Archive::parse(bytes).unwrap_err()
}

/// The archive offset of field `field` (an `entry_field` offset) of entry `index`.
pub(super) fn entry_at(index: usize, field: usize) -> usize {
    HEADER_SIZE + index * ENTRY_SIZE + field
}

/// Reads `N` little-endian bytes at `at`.
fn read<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    bytes[at..at + N].try_into().unwrap()
}

/// Reads a little-endian `u64` at `at`.
pub(super) fn read_u64(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(read(bytes, at))
}

/// Reads a little-endian `u32` at `at`.
pub(super) fn read_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(read(bytes, at))
}

/// Reads a little-endian `u16` at `at`.
pub(super) fn read_u16(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes(read(bytes, at))
}

/// Overwrites the bytes at `at` with `value`.
pub(super) fn write(bytes: &mut [u8], at: usize, value: &[u8]) {
    bytes[at..at + value.len()].copy_from_slice(value);
}

/// Overwrites the little-endian `u64` at `at`.
pub(super) fn write_u64(bytes: &mut [u8], at: usize, value: u64) {
    write(bytes, at, &value.to_le_bytes());
}

/// Overwrites the little-endian `u32` at `at`.
pub(super) fn write_u32(bytes: &mut [u8], at: usize, value: u32) {
    write(bytes, at, &value.to_le_bytes());
}

/// Overwrites the little-endian `u16` at `at`.
pub(super) fn write_u16(bytes: &mut [u8], at: usize, value: u16) {
    write(bytes, at, &value.to_le_bytes());
}

/// Where the names area starts.
pub(super) fn names_start(bytes: &[u8]) -> usize {
    let count = read_u32(bytes, header_field::ENTRY_COUNT) as usize;
    HEADER_SIZE + count * ENTRY_SIZE
}

/// Where the names area ends, which is where the metadata ends.
pub(super) fn names_end(bytes: &[u8]) -> usize {
    names_start(bytes) + read_u32(bytes, header_field::NAMES_SIZE) as usize
}

/// The archive offset of entry `index`'s name.
pub(super) fn name_position(bytes: &[u8], index: usize) -> usize {
    names_start(bytes) + read_u32(bytes, entry_at(index, entry_field::NAME_OFFSET)) as usize
}

/// The archive offset of entry `index`'s data.
pub(super) fn data_position(bytes: &[u8], index: usize) -> usize {
    read_u64(bytes, entry_at(index, entry_field::DATA_OFFSET)) as usize
}

/// Swaps the `width`-byte field at offset `field` between entries `a` and `b`.
pub(super) fn swap_entry_field(bytes: &mut [u8], a: usize, b: usize, field: usize, width: usize) {
    let (at_a, at_b) = (entry_at(a, field), entry_at(b, field));
    let value_a = bytes[at_a..at_a + width].to_vec();
    bytes.copy_within(at_b..at_b + width, at_a);
    write(bytes, at_b, &value_a);
}
