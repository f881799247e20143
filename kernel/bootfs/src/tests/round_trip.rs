//! Valid archives: what goes into the builder comes out of the reader.

use super::support::{SAMPLE_FILES, build, sample_archive};
use crate::{Archive, ArchiveBuilder, ArchiveError, DATA_ALIGN, EntryKind, HEADER_SIZE, NameError};

#[test]
fn several_files_round_trip_in_name_order() {
    let bytes = sample_archive();
    let archive = Archive::parse(&bytes).unwrap();
    let mut expected = SAMPLE_FILES.to_vec();
    expected.sort_by_key(|&(name, _)| name);

    assert_eq!(archive.len(), expected.len());
    assert!(!archive.is_empty());
    assert_eq!(archive.total_size(), bytes.len());
    let found: Vec<_> = archive.entries().map(|e| (e.name(), e.data())).collect();
    assert_eq!(found, expected);
    assert!(
        archive
            .entries()
            .all(|entry| entry.kind() == EntryKind::File)
    );
}

#[test]
fn empty_file_round_trips() {
    let bytes = sample_archive();
    let archive = Archive::parse(&bytes).unwrap();
    let empty = archive.find("etc/empty").unwrap();
    assert_eq!(empty.data(), b"");
    assert_eq!(empty.kind(), EntryKind::File);
}

#[test]
fn archive_of_only_empty_files_round_trips() {
    let bytes = build(&[("a", b""), ("b", b""), ("c/d", b"")]);
    let archive = Archive::parse(&bytes).unwrap();
    let names: Vec<_> = archive.entries().map(|entry| entry.name()).collect();
    assert_eq!(names, ["a", "b", "c/d"]);
    assert!(archive.entries().all(|entry| entry.data().is_empty()));
}

#[test]
fn empty_archive_round_trips() {
    let bytes = ArchiveBuilder::new().build();
    assert_eq!(bytes.len(), HEADER_SIZE);
    let archive = Archive::parse(&bytes).unwrap();
    assert!(archive.is_empty());
    assert_eq!(archive.len(), 0);
    assert_eq!(archive.total_size(), HEADER_SIZE);
    assert_eq!(archive.entries().next(), None);
    assert_eq!(archive.find("bin/init"), None);
}

#[test]
fn find_returns_each_file_by_its_exact_name() {
    let bytes = sample_archive();
    let archive = Archive::parse(&bytes).unwrap();
    for (name, data) in SAMPLE_FILES {
        let entry = archive.find(name).unwrap();
        assert_eq!((entry.name(), entry.data()), (name, data));
    }
}

#[test]
fn find_misses_absent_partial_and_differently_spelled_names() {
    let bytes = sample_archive();
    let archive = Archive::parse(&bytes).unwrap();
    let misses = [
        "",
        "a",
        "bin",
        "bin/",
        "bin/hell",
        "bin/hellp",
        "bin/init/",
        "/bin/init",
        "BIN/INIT",
        "bin//init",
        "etc",
        "readme.txt2",
        "zzz",
    ];
    for name in misses {
        assert_eq!(archive.find(name), None, "{name}");
    }
}

#[test]
fn get_follows_name_order_and_stops_at_the_end() {
    let bytes = sample_archive();
    let archive = Archive::parse(&bytes).unwrap();
    assert_eq!(archive.get(0).unwrap().name(), "bin/hello");
    assert_eq!(archive.get(3).unwrap().name(), "readme.txt");
    assert_eq!(archive.get(4), None);
    assert_eq!(archive.get(usize::MAX), None);
}

#[test]
fn entries_iterator_knows_its_length() {
    let bytes = sample_archive();
    let archive = Archive::parse(&bytes).unwrap();
    let mut entries = archive.entries();
    assert_eq!(entries.len(), 4);
    entries.next();
    assert_eq!(entries.len(), 3);
    assert_eq!((&archive).into_iter().count(), 4);
}

#[test]
fn file_data_is_aligned_within_the_archive() {
    let bytes = sample_archive();
    let archive = Archive::parse(&bytes).unwrap();
    for entry in &archive {
        let offset = entry.data().as_ptr() as usize - bytes.as_ptr() as usize;
        assert_eq!(offset % DATA_ALIGN, 0, "{}", entry.name());
    }
}

#[test]
fn bytes_after_total_size_are_ignored() {
    // As when the bootloader rounds the ramdisk up to whole pages.
    let mut bytes = sample_archive();
    let total = bytes.len();
    bytes.resize(4096, 0xAA);
    let archive = Archive::parse(&bytes).unwrap();
    assert_eq!(archive.total_size(), total);
    assert_eq!(archive.len(), SAMPLE_FILES.len());
}

#[test]
fn build_output_does_not_depend_on_insertion_order() {
    let mut reversed = SAMPLE_FILES;
    reversed.reverse();
    assert_eq!(build(&reversed), sample_archive());
}

#[test]
fn error_messages_name_the_entry_and_the_rule() {
    let error = ArchiveError::BadName {
        index: 3,
        reason: NameError::DotComponent,
    };
    assert_eq!(
        error.to_string(),
        "entry 3: name has a '.' or '..' path component"
    );
    let error = ArchiveError::UnsupportedVersion { version: 7 };
    assert_eq!(
        error.to_string(),
        "bootfs version 7 is not supported (expected 1)"
    );
}
