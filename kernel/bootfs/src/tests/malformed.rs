//! One test per rule of the format: a valid archive with one thing broken must
//! be rejected with exactly that rule's error.

use super::support::{
    build, data_position, entry_at, name_position, names_end, parse_error, read_u16, read_u32,
    read_u64, sample_archive, swap_entry_field, write, write_u16, write_u32, write_u64,
};
use crate::format::{entry_field, header_field};
use crate::{Archive, ArchiveError, HEADER_SIZE, NameError};

#[test]
fn truncated_header_is_rejected() {
    let bytes = sample_archive();
    for len in 0..HEADER_SIZE {
        assert_eq!(
            parse_error(&bytes[..len]),
            ArchiveError::TruncatedHeader,
            "len {len}"
        );
    }
}

#[test]
fn every_truncation_of_a_valid_archive_is_rejected() {
    let bytes = sample_archive();
    for len in 0..bytes.len() {
        assert!(Archive::parse(&bytes[..len]).is_err(), "len {len}");
    }
}

#[test]
fn bad_magic_is_rejected() {
    let mut bytes = sample_archive();
    bytes[header_field::MAGIC + 7] ^= 0x20;
    assert_eq!(parse_error(&bytes), ArchiveError::BadMagic);
}

#[test]
fn unsupported_version_is_rejected() {
    for version in [0, 2, u16::MAX] {
        let mut bytes = sample_archive();
        write_u16(&mut bytes, header_field::VERSION, version);
        assert_eq!(
            parse_error(&bytes),
            ArchiveError::UnsupportedVersion { version }
        );
    }
}

#[test]
fn unexpected_header_or_entry_size_is_rejected() {
    let mut bytes = sample_archive();
    write_u16(&mut bytes, header_field::HEADER_SIZE, 64);
    let expected = ArchiveError::UnsupportedLayout {
        header_size: 64,
        entry_size: 32,
    };
    assert_eq!(parse_error(&bytes), expected);

    let mut bytes = sample_archive();
    write_u16(&mut bytes, header_field::ENTRY_SIZE, 24);
    let expected = ArchiveError::UnsupportedLayout {
        header_size: 48,
        entry_size: 24,
    };
    assert_eq!(parse_error(&bytes), expected);
}

#[test]
fn declared_size_past_buffer_end_is_rejected() {
    let bytes = sample_archive();
    let short = &bytes[..bytes.len() - 1];
    let expected = ArchiveError::SizeExceedsBuffer {
        declared: bytes.len() as u64,
        available: bytes.len() - 1,
    };
    assert_eq!(parse_error(short), expected);

    let mut bytes = sample_archive();
    write_u64(&mut bytes, header_field::TOTAL_SIZE, u64::MAX);
    let expected = ArchiveError::SizeExceedsBuffer {
        declared: u64::MAX,
        available: bytes.len(),
    };
    assert_eq!(parse_error(&bytes), expected);
}

#[test]
fn nonzero_reserved_header_fields_are_rejected() {
    let reserved_tail = header_field::RESERVED_TAIL..header_field::METADATA_CHECKSUM;
    for at in (header_field::RESERVED_SHORT..header_field::ENTRY_COUNT).chain(reserved_tail) {
        let mut bytes = sample_archive();
        bytes[at] = 1;
        assert_eq!(
            parse_error(&bytes),
            ArchiveError::HeaderReservedNotZero,
            "byte {at}"
        );
    }
}

#[test]
fn entry_table_or_names_area_past_total_size_is_rejected() {
    for count in [8, 1000, u32::MAX] {
        let mut bytes = sample_archive();
        write_u32(&mut bytes, header_field::ENTRY_COUNT, count);
        assert_eq!(
            parse_error(&bytes),
            ArchiveError::TableOutOfBounds,
            "count {count}"
        );
    }
    let mut bytes = sample_archive();
    write_u32(&mut bytes, header_field::NAMES_SIZE, u32::MAX);
    assert_eq!(parse_error(&bytes), ArchiveError::TableOutOfBounds);

    // A total size that ends inside the entry table.
    let mut bytes = sample_archive();
    write_u64(
        &mut bytes,
        header_field::TOTAL_SIZE,
        HEADER_SIZE as u64 + 40,
    );
    assert_eq!(parse_error(&bytes), ArchiveError::TableOutOfBounds);
}

#[test]
fn nonzero_reserved_entry_fields_are_rejected() {
    for field in [entry_field::RESERVED_BYTE, entry_field::RESERVED_WORD + 3] {
        let mut bytes = sample_archive();
        bytes[entry_at(2, field)] = 0x80;
        assert_eq!(
            parse_error(&bytes),
            ArchiveError::EntryReservedNotZero { index: 2 }
        );
    }
}

#[test]
fn unknown_entry_kind_is_rejected() {
    for kind in [0, 2, u8::MAX] {
        let mut bytes = sample_archive();
        bytes[entry_at(1, entry_field::KIND)] = kind;
        assert_eq!(
            parse_error(&bytes),
            ArchiveError::UnknownKind { index: 1, kind }
        );
    }
}

#[test]
fn name_outside_names_area_is_rejected() {
    let names_size = read_u32(&sample_archive(), header_field::NAMES_SIZE);
    let patches: [(usize, &[u8]); 3] = [
        (entry_field::NAME_OFFSET, &names_size.to_le_bytes()),
        (entry_field::NAME_OFFSET, &u32::MAX.to_le_bytes()),
        (entry_field::NAME_LENGTH, &u16::MAX.to_le_bytes()),
    ];
    for (field, value) in patches {
        let mut bytes = sample_archive();
        write(&mut bytes, entry_at(3, field), value);
        assert_eq!(
            parse_error(&bytes),
            ArchiveError::NameOutOfBounds { index: 3 }
        );
    }
}

#[test]
fn invalid_names_are_rejected_with_the_rule_they_break() {
    // Each replaces entry 1's name, `bin/init`, with another 8 bytes.
    let cases: [(&[u8; 8], NameError); 7] = [
        (b"/in/init", NameError::LeadingSlash),
        (b"bin//nit", NameError::EmptyComponent),
        (b"bin/ini/", NameError::EmptyComponent),
        (b"bin/./it", NameError::DotComponent),
        (b"bin/../t", NameError::DotComponent),
        (b"bin/in t", NameError::InvalidCharacter { character: ' ' }),
        (b"bin/i\xffit", NameError::NotUtf8),
    ];
    for (name, reason) in cases {
        let mut bytes = sample_archive();
        let at = name_position(&bytes, 1);
        write(&mut bytes, at, name);
        assert_eq!(
            parse_error(&bytes),
            ArchiveError::BadName { index: 1, reason },
            "{name:?}"
        );
    }
}

#[test]
fn empty_name_is_rejected() {
    let mut bytes = sample_archive();
    write_u16(&mut bytes, entry_at(0, entry_field::NAME_LENGTH), 0);
    let expected = ArchiveError::BadName {
        index: 0,
        reason: NameError::Empty,
    };
    assert_eq!(parse_error(&bytes), expected);
}

#[test]
fn name_longer_than_limit_is_rejected() {
    let (first, second) = ("a".repeat(200), "b".repeat(200));
    let mut bytes = build(&[(&first, b"1"), (&second, b"2")]);
    // Stretch entry 0's name over the start of entry 1's name.
    write_u16(&mut bytes, entry_at(0, entry_field::NAME_LENGTH), 256);
    let expected = ArchiveError::BadName {
        index: 0,
        reason: NameError::TooLong { len: 256 },
    };
    assert_eq!(parse_error(&bytes), expected);
}

#[test]
fn duplicate_names_are_rejected() {
    let mut bytes = sample_archive();
    // Entry 1's name fields point at entry 0's name.
    for (field, width) in [(entry_field::NAME_OFFSET, 4), (entry_field::NAME_LENGTH, 2)] {
        bytes.copy_within(
            entry_at(0, field)..entry_at(0, field) + width,
            entry_at(1, field),
        );
    }
    assert_eq!(
        parse_error(&bytes),
        ArchiveError::DuplicateName { index: 1 }
    );
}

#[test]
fn unsorted_names_are_rejected() {
    let mut bytes = sample_archive();
    swap_entry_field(&mut bytes, 0, 1, entry_field::NAME_OFFSET, 4);
    swap_entry_field(&mut bytes, 0, 1, entry_field::NAME_LENGTH, 2);
    assert_eq!(
        parse_error(&bytes),
        ArchiveError::NamesNotSorted { index: 1 }
    );
}

#[test]
fn file_used_as_directory_is_rejected() {
    // The builder refuses such names, so write neighbours and patch one byte:
    // `bin-init` becomes `bin/init` under the file `bin`.
    for (names, index) in [(["bin", "bin-init"], 1), (["a/b", "a/b-c"], 1)] {
        let mut bytes = build(&[(names[0], b"file"), (names[1], b"other")]);
        let at = name_position(&bytes, index) + names[0].len();
        bytes[at] = b'/';
        assert_eq!(
            parse_error(&bytes),
            ArchiveError::FileUsedAsDirectory { index }
        );
    }
}

#[test]
fn data_past_total_size_is_rejected() {
    let mut bytes = sample_archive();
    let at = entry_at(3, entry_field::DATA_LENGTH);
    let value = read_u64(&bytes, at) + 1;
    write_u64(&mut bytes, at, value);
    assert_eq!(
        parse_error(&bytes),
        ArchiveError::DataOutOfBounds { index: 3 }
    );
}

#[test]
fn data_offset_plus_length_overflow_is_rejected() {
    let mut bytes = sample_archive();
    write_u64(
        &mut bytes,
        entry_at(0, entry_field::DATA_OFFSET),
        u64::MAX - 15,
    );
    write_u64(&mut bytes, entry_at(0, entry_field::DATA_LENGTH), 32);
    assert_eq!(
        parse_error(&bytes),
        ArchiveError::DataOutOfBounds { index: 0 }
    );
}

#[test]
fn data_overlapping_metadata_is_rejected() {
    let sample = sample_archive();
    // The header, the entry table, and the 16-byte block the names area ends in.
    let last_names_block = (names_end(&sample) - 1) / 16 * 16;
    for offset in [0, HEADER_SIZE, last_names_block] {
        let mut bytes = sample.clone();
        write_u64(
            &mut bytes,
            entry_at(0, entry_field::DATA_OFFSET),
            offset as u64,
        );
        let expected = ArchiveError::DataOverlapsMetadata { index: 0 };
        assert_eq!(parse_error(&bytes), expected, "offset {offset}");
    }
}

#[test]
fn misaligned_data_is_rejected() {
    let mut bytes = sample_archive();
    let (offset_at, length_at) = (
        entry_at(0, entry_field::DATA_OFFSET),
        entry_at(0, entry_field::DATA_LENGTH),
    );
    let value = read_u64(&bytes, offset_at) + 1;
    write_u64(&mut bytes, offset_at, value);
    let value = read_u64(&bytes, length_at) - 1;
    write_u64(&mut bytes, length_at, value);
    assert_eq!(
        parse_error(&bytes),
        ArchiveError::MisalignedData { index: 0 }
    );
}

#[test]
fn overlapping_data_ranges_are_rejected() {
    let mut bytes = sample_archive();
    let first_offset = read_u64(&bytes, entry_at(0, entry_field::DATA_OFFSET));
    write_u64(
        &mut bytes,
        entry_at(1, entry_field::DATA_OFFSET),
        first_offset,
    );
    assert_eq!(parse_error(&bytes), ArchiveError::DataOverlap { index: 1 });
}

#[test]
fn data_out_of_entry_order_is_rejected() {
    // Entries 0 and 1 trade data ranges (with their checksums): no bytes are
    // shared, but entry 1's data now comes first.
    let mut bytes = sample_archive();
    swap_entry_field(&mut bytes, 0, 1, entry_field::DATA_OFFSET, 8);
    swap_entry_field(&mut bytes, 0, 1, entry_field::DATA_LENGTH, 8);
    swap_entry_field(&mut bytes, 0, 1, entry_field::DATA_CHECKSUM, 4);
    assert_eq!(
        parse_error(&bytes),
        ArchiveError::DataOutOfOrder { index: 1 }
    );
}

#[test]
fn corrupted_file_data_fails_its_checksum() {
    let mut bytes = sample_archive();
    let at = data_position(&bytes, 1) + 5;
    bytes[at] ^= 0x01;
    assert_eq!(
        parse_error(&bytes),
        ArchiveError::ChecksumMismatch { index: 1 }
    );
}

#[test]
fn corrupted_metadata_fails_the_metadata_checksum() {
    // `readme.txt` -> `readme.txu` is still a valid, sorted name: only the
    // metadata checksum can tell.
    let mut bytes = sample_archive();
    let at = name_position(&bytes, 3) + 9;
    bytes[at] = b'u';
    assert_eq!(parse_error(&bytes), ArchiveError::MetadataChecksumMismatch);

    let mut bytes = sample_archive();
    bytes[header_field::METADATA_CHECKSUM] ^= 0x01;
    assert_eq!(parse_error(&bytes), ArchiveError::MetadataChecksumMismatch);

    // A changed name length that stays valid (`bin/hello` -> `bin/hell`).
    let mut bytes = sample_archive();
    let at = entry_at(0, entry_field::NAME_LENGTH);
    let value = read_u16(&bytes, at) - 1;
    write_u16(&mut bytes, at, value);
    assert_eq!(parse_error(&bytes), ArchiveError::MetadataChecksumMismatch);
}
