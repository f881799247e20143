//! Property tests: hostile bytes never panic the parser, and valid file sets
//! survive a round trip.

use std::collections::BTreeMap;

use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::sample::Index;

use crate::format::{ENTRY_SIZE, HEADER_SIZE, MAGIC, RawEntry, RawHeader, VERSION};
use crate::{Archive, ArchiveBuilder, ArchiveError};

/// A valid-looking name of one to four components.
fn name() -> impl Strategy<Value = String> {
    vec("[A-Za-z0-9_-][A-Za-z0-9._-]{0,7}", 1..4).prop_map(|components| components.join("/"))
}

/// Sets of up to 12 files with up to 100 bytes each.
fn file_set() -> impl Strategy<Value = BTreeMap<String, Vec<u8>>> {
    btree_map(name(), vec(any::<u8>(), 0..100), 0..12)
}

/// Adds `files` in order, skipping the names that would use a file as a
/// directory (the only rejection `name()` can cause); returns the builder and
/// the files it accepted.
fn builder_of(files: &BTreeMap<String, Vec<u8>>) -> (ArchiveBuilder, Vec<(String, Vec<u8>)>) {
    let mut builder = ArchiveBuilder::new();
    let mut accepted = Vec::new();
    for (name, data) in files {
        match builder.add_file(name, data) {
            Ok(_) => accepted.push((name.clone(), data.clone())),
            Err(ArchiveError::FileUsedAsDirectory { .. }) => {}
            Err(other) => panic!("{name:?} rejected: {other}"),
        }
    }
    (builder, accepted)
}

/// The archive's entries as owned (name, data) pairs.
fn contents(archive: &Archive<'_>) -> Vec<(String, Vec<u8>)> {
    archive
        .entries()
        .map(|e| (e.name().to_string(), e.data().to_vec()))
        .collect()
}

/// An archive with a plausible header and random small records, names and
/// data, so the parser's per-entry checks see input, not just the header's.
fn plausible_archive() -> impl Strategy<Value = Vec<u8>> {
    let record = (
        0u64..400,
        0u64..64,
        0u32..48,
        0u16..24,
        0u8..3,
        any::<u32>(),
    );
    (
        vec(record, 0..6),
        vec(prop::sample::select(b"ab/.-\xff".to_vec()), 0..48),
        0usize..400,
    )
        .prop_flat_map(|(records, names, data_len)| {
            (Just(records), Just(names), vec(any::<u8>(), data_len))
        })
        .prop_map(|(records, names, data)| {
            let mut table = Vec::new();
            for (data_offset, data_length, name_offset, name_length, kind, data_checksum) in records
            {
                let entry = RawEntry {
                    data_offset: data_offset * 16,
                    data_length,
                    name_offset,
                    name_length,
                    kind,
                    reserved_byte: 0,
                    data_checksum,
                    reserved_word: 0,
                };
                table.extend_from_slice(&entry.encode());
            }
            let header = RawHeader {
                magic: MAGIC,
                version: VERSION,
                header_size: HEADER_SIZE as u16,
                entry_size: ENTRY_SIZE as u16,
                reserved_short: 0,
                entry_count: (table.len() / ENTRY_SIZE) as u32,
                names_size: names.len() as u32,
                total_size: (HEADER_SIZE + table.len() + names.len() + data.len()) as u64,
                reserved_tail: [0; 12],
                metadata_checksum: 0,
            };
            [&header.encode()[..], &table, &names, &data].concat()
        })
}

proptest! {
    #[test]
    fn random_bytes_never_panic_the_parser(bytes in vec(any::<u8>(), 0..1024)) {
        let _ = Archive::parse(&bytes);
    }

    #[test]
    fn random_bytes_behind_a_valid_magic_never_panic_the_parser(
        tail in vec(any::<u8>(), 0..1024),
    ) {
        let bytes = [&MAGIC[..], &tail].concat();
        let _ = Archive::parse(&bytes);
    }

    #[test]
    fn random_entries_behind_a_plausible_header_never_panic_the_parser(
        bytes in plausible_archive(),
    ) {
        if let Ok(archive) = Archive::parse(&bytes) {
            // Whatever passed must be fully readable.
            prop_assert_eq!(archive.entries().count(), archive.len());
        }
    }

    #[test]
    fn valid_file_sets_round_trip(files in file_set()) {
        let (builder, accepted) = builder_of(&files);
        let bytes = builder.build();
        let archive = Archive::parse(&bytes).unwrap();
        prop_assert_eq!(contents(&archive), accepted.clone());
        for (name, data) in &accepted {
            let entry = archive.find(name).unwrap();
            prop_assert_eq!(entry.data(), &data[..]);
        }
        prop_assert_eq!(archive.total_size(), bytes.len());
    }

    #[test]
    fn single_byte_corruption_never_panics_and_never_goes_unnoticed(
        files in file_set(),
        position in any::<Index>(),
        flip in 1u8..=255,
    ) {
        let (builder, accepted) = builder_of(&files);
        let mut bytes = builder.build();
        let at = position.index(bytes.len());
        bytes[at] ^= flip;
        // Either an error, or the byte was padding and nothing read changed.
        if let Ok(archive) = Archive::parse(&bytes) {
            prop_assert_eq!(contents(&archive), accepted);
        }
    }
}
