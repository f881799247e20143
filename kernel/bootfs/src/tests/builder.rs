//! The builder refuses, with the reader's errors, what the reader would refuse.

use crate::{Archive, ArchiveBuilder, ArchiveError, NameError};

#[test]
fn builder_rejects_bad_names_with_the_readers_errors() {
    let mut builder = ArchiveBuilder::new();
    let cases = [
        ("", NameError::Empty),
        ("/bin/init", NameError::LeadingSlash),
        ("bin//init", NameError::EmptyComponent),
        ("bin/../init", NameError::DotComponent),
        ("bin/in it", NameError::InvalidCharacter { character: ' ' }),
    ];
    for (name, reason) in cases {
        let error = builder.add_file(name, b"x").unwrap_err();
        assert_eq!(
            error,
            ArchiveError::BadName { index: 0, reason },
            "{name:?}"
        );
    }
    let long = "x".repeat(256);
    let error = builder.add_file(&long, b"x").unwrap_err();
    let expected = ArchiveError::BadName {
        index: 0,
        reason: NameError::TooLong { len: 256 },
    };
    assert_eq!(error, expected);
}

#[test]
fn builder_error_index_counts_files_added_before() {
    let mut builder = ArchiveBuilder::new();
    builder
        .add_file("a", b"1")
        .unwrap()
        .add_file("b", b"2")
        .unwrap();
    let error = builder.add_file("c/", b"3").unwrap_err();
    assert_eq!(
        error,
        ArchiveError::BadName {
            index: 2,
            reason: NameError::EmptyComponent
        }
    );
}

#[test]
fn builder_rejects_duplicate_names() {
    let mut builder = ArchiveBuilder::new();
    builder.add_file("bin/init", b"first").unwrap();
    let error = builder.add_file("bin/init", b"second").unwrap_err();
    assert_eq!(error, ArchiveError::DuplicateName { index: 1 });
}

#[test]
fn builder_rejects_a_file_used_as_directory_in_either_order() {
    let mut builder = ArchiveBuilder::new();
    builder.add_file("bin", b"file").unwrap();
    let error = builder.add_file("bin/init", b"x").unwrap_err();
    assert_eq!(error, ArchiveError::FileUsedAsDirectory { index: 1 });

    let mut builder = ArchiveBuilder::new();
    builder.add_file("a/b/c", b"file").unwrap();
    for name in ["a", "a/b"] {
        let error = builder.add_file(name, b"x").unwrap_err();
        assert_eq!(
            error,
            ArchiveError::FileUsedAsDirectory { index: 1 },
            "{name}"
        );
    }
}

#[test]
fn names_that_only_share_a_prefix_do_not_conflict() {
    let mut builder = ArchiveBuilder::new();
    for name in ["bin/init", "bin-x", "bin.d/y", "bin/init2", "bi", "bin0"] {
        builder.add_file(name, name.as_bytes()).unwrap();
    }
    let bytes = builder.build();
    let archive = Archive::parse(&bytes).unwrap();
    assert_eq!(archive.len(), 6);
}

#[test]
fn rejected_file_leaves_the_builder_unchanged() {
    let mut builder = ArchiveBuilder::new();
    builder.add_file("bin/init", b"init").unwrap();
    let before = builder.build();
    assert!(builder.add_file("bin/init", b"again").is_err());
    assert!(builder.add_file("bin/init/x", b"under").is_err());
    assert!(builder.add_file("bad name", b"bad").is_err());
    assert_eq!(builder.len(), 1);
    assert_eq!(builder.build(), before);
}
