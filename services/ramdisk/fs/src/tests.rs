//! The file system's behaviour, one operation at a time, then properties
//! over random operation sequences.

use alloc::string::String;
use alloc::vec::Vec;

use proptest::prelude::*;

use crate::{FileSystem, FsError, Limits, NodeKind};

fn with_home() -> FileSystem {
    let mut fs = FileSystem::new(Limits::default());
    fs.create_directories("/home/user").unwrap();
    fs
}

fn names(fs: &FileSystem, path: &str) -> Vec<String> {
    fs.list(path, 0, usize::MAX).unwrap().into_iter().map(|entry| entry.name).collect()
}

#[test]
fn files_are_created_written_read_and_truncated() {
    let mut fs = with_home();
    fs.create("/home/user/notes", NodeKind::File).unwrap();
    assert_eq!(fs.write("/home/user/notes", 0, b"hello world"), Ok(11));
    let mut buffer = [0u8; 5];
    assert_eq!(fs.read("/home/user/notes", 6, &mut buffer), Ok(5));
    assert_eq!(&buffer, b"world");
    assert_eq!(fs.read("/home/user/notes", 100, &mut buffer), Ok(0));
    // Writing past the end fills the gap with zeros.
    fs.write("/home/user/notes", 13, b"!").unwrap();
    let mut all = [9u8; 14];
    fs.read("/home/user/notes", 0, &mut all).unwrap();
    assert_eq!(&all, b"hello world\0\0!");
    fs.truncate("/home/user/notes", 5).unwrap();
    assert_eq!(fs.stat("/home/user/notes").unwrap().size, 5);
    fs.truncate("/home/user/notes", 8).unwrap();
    assert_eq!(fs.usage().0, 8);
}

#[test]
fn directories_list_in_name_order_and_must_be_empty_to_remove() {
    let mut fs = with_home();
    for name in ["b", "a", "c"] {
        fs.create(&alloc::format!("/home/user/{name}"), NodeKind::File).unwrap();
    }
    assert_eq!(names(&fs, "/home/user"), ["a", "b", "c"]);
    assert_eq!(fs.list("/home/user", 1, 1).unwrap()[0].name, "b");
    assert_eq!(fs.stat("/home/user").unwrap().size, 3);
    assert_eq!(fs.remove("/home/user"), Err(FsError::NotEmpty));
    for name in ["a", "b", "c"] {
        fs.remove(&alloc::format!("/home/user/{name}")).unwrap();
    }
    fs.remove("/home/user").unwrap();
    assert_eq!(names(&fs, "/home"), Vec::<String>::new());
}

#[test]
fn errors_are_named_and_change_nothing() {
    let mut fs = with_home();
    fs.create("/home/user/f", NodeKind::File).unwrap();
    assert_eq!(fs.create("/home/user/f", NodeKind::File), Err(FsError::AlreadyExists));
    assert_eq!(fs.create("/nowhere/f", NodeKind::File), Err(FsError::NotFound));
    assert_eq!(fs.create("/home/user/f/g", NodeKind::File), Err(FsError::NotADirectory));
    assert_eq!(fs.read("/home", 0, &mut [0; 4]), Err(FsError::IsADirectory));
    assert_eq!(fs.write("/home", 0, b"x"), Err(FsError::IsADirectory));
    assert_eq!(fs.list("/home/user/f", 0, 10), Err(FsError::NotADirectory));
    assert_eq!(fs.stat("home"), Err(FsError::InvalidPath));
    assert_eq!(fs.stat("/home/../etc"), Err(FsError::InvalidPath));
    assert_eq!(fs.remove("/"), Err(FsError::InvalidPath));
    assert_eq!(fs.remove("/missing"), Err(FsError::NotFound));
    assert_eq!(fs.write("/home/user/f", u64::MAX, b"x"), Err(FsError::FileTooLarge));
    assert_eq!(fs.usage(), (0, 4));
}

#[test]
fn renames_move_nodes_but_never_into_themselves() {
    let mut fs = with_home();
    fs.create("/home/user/f", NodeKind::File).unwrap();
    fs.write("/home/user/f", 0, b"data").unwrap();
    fs.create("/tmp", NodeKind::Directory).unwrap();
    fs.rename("/home/user/f", "/tmp/g").unwrap();
    assert_eq!(fs.stat("/home/user/f"), Err(FsError::NotFound));
    assert_eq!(fs.stat("/tmp/g").unwrap().size, 4);
    assert_eq!(fs.rename("/home", "/home/user/inside"), Err(FsError::InvalidMove));
    fs.create("/tmp/h", NodeKind::File).unwrap();
    assert_eq!(fs.rename("/tmp/g", "/tmp/h"), Err(FsError::AlreadyExists));
    assert_eq!(fs.rename("/tmp/g", "/tmp/g"), Ok(()));
    // `/home2` starts with `/home` but is not inside it.
    fs.rename("/home", "/home2").unwrap();
    assert_eq!(names(&fs, "/home2"), ["user"]);
}

#[test]
fn limits_hold() {
    let limits = Limits { max_bytes: 100, max_nodes: 3, max_file_size: 60 };
    let mut fs = FileSystem::new(limits);
    fs.create("/a", NodeKind::File).unwrap();
    fs.create("/b", NodeKind::File).unwrap();
    assert_eq!(fs.create("/c", NodeKind::File), Err(FsError::NoSpace));
    assert_eq!(fs.write("/a", 0, &[1; 61]), Err(FsError::FileTooLarge));
    fs.write("/a", 0, &[1; 60]).unwrap();
    assert_eq!(fs.write("/b", 0, &[1; 41]), Err(FsError::NoSpace));
    assert_eq!(fs.truncate("/b", 41), Err(FsError::NoSpace));
    fs.write("/b", 0, &[1; 40]).unwrap();
    fs.remove("/a").unwrap();
    assert_eq!(fs.usage(), (40, 2));
    fs.create("/c", NodeKind::Directory).unwrap();
}

#[test]
fn create_directories_makes_the_whole_chain() {
    let mut fs = FileSystem::new(Limits::default());
    fs.create_directories("/a/b/c").unwrap();
    fs.create_directories("/a/b/c").unwrap();
    assert_eq!(fs.stat("/a/b/c").unwrap().kind, NodeKind::Directory);
    fs.create("/a/file", NodeKind::File).unwrap();
    assert_eq!(fs.create_directories("/a/file/x"), Err(FsError::NotADirectory));
}

/// One random operation on a small tree.
#[derive(Debug, Clone)]
enum Operation {
    Create(usize, bool),
    Write(usize, u16, u8),
    Truncate(usize, u16),
    Remove(usize),
    Rename(usize, usize),
}

const PATHS: [&str; 6] = ["/a", "/b", "/a/x", "/a/y", "/b/x", "/a/x/z"];

fn operation() -> impl Strategy<Value = Operation> {
    let path = 0..PATHS.len();
    prop_oneof![
        (path.clone(), any::<bool>()).prop_map(|(path, directory)| Operation::Create(path, directory)),
        (path.clone(), 0u16..300, any::<u8>()).prop_map(|(path, offset, byte)| Operation::Write(path, offset, byte)),
        (path.clone(), 0u16..300).prop_map(|(path, length)| Operation::Truncate(path, length)),
        path.clone().prop_map(Operation::Remove),
        (path.clone(), path).prop_map(|(from, to)| Operation::Rename(from, to)),
    ]
}

/// Sums file sizes and counts nodes by walking the tree.
fn walk(fs: &FileSystem, path: &str) -> (usize, usize) {
    let (mut bytes, mut nodes) = (0, 1);
    for entry in fs.list(path, 0, usize::MAX).unwrap() {
        let child = if path == "/" { alloc::format!("/{}", entry.name) } else { alloc::format!("{path}/{}", entry.name) };
        match entry.metadata.kind {
            NodeKind::File => {
                bytes += entry.metadata.size as usize;
                nodes += 1;
            }
            NodeKind::Directory => {
                let (more_bytes, more_nodes) = walk(fs, &child);
                bytes += more_bytes;
                nodes += more_nodes;
            }
        }
    }
    (bytes, nodes)
}

proptest! {
    /// Whatever the operations, the bookkeeping matches the tree and the
    /// limits hold.
    #[test]
    fn usage_always_matches_the_tree(operations in proptest::collection::vec(operation(), 0..60)) {
        let limits = Limits { max_bytes: 500, max_nodes: 5, max_file_size: 250 };
        let mut fs = FileSystem::new(limits);
        for operation in operations {
            let _ = match operation {
                Operation::Create(path, true) => fs.create(PATHS[path], NodeKind::Directory),
                Operation::Create(path, false) => fs.create(PATHS[path], NodeKind::File),
                Operation::Write(path, offset, byte) => fs.write(PATHS[path], u64::from(offset), &[byte; 7]).map(drop),
                Operation::Truncate(path, length) => fs.truncate(PATHS[path], u64::from(length)),
                Operation::Remove(path) => fs.remove(PATHS[path]),
                Operation::Rename(from, to) => fs.rename(PATHS[from], PATHS[to]),
            };
            let (bytes, nodes) = fs.usage();
            prop_assert_eq!(walk(&fs, "/"), (bytes, nodes));
            prop_assert!(bytes <= limits.max_bytes && nodes <= limits.max_nodes);
        }
    }
}
