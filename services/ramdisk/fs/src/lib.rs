//! The ramdisk's file system: an in-memory tree of files and directories.
//!
//! Pure logic, tested on the host; `services/ramdisk` serves it over
//! `idl/fs.idl`. Every operation names its node by an absolute, normalized
//! path (`/home/user/notes`): the VFS resolves `.`, `..` and repeated
//! slashes before a path gets here, so this crate accepts nothing else and
//! refuses any other spelling with [`FsError::InvalidPath`].
//!
//! Everything is bounded ([`Limits`]): names, files, the node count and the
//! bytes stored, so a hostile client gets [`FsError::NoSpace`] or
//! [`FsError::FileTooLarge`] instead of exhausting the server's memory. A
//! refused operation changes nothing.
//!
//! ```
//! use ramfs::{FileSystem, Limits, NodeKind};
//!
//! let mut fs = FileSystem::new(Limits::default());
//! fs.create("/home", NodeKind::Directory).unwrap();
//! fs.create("/home/notes", NodeKind::File).unwrap();
//! fs.write("/home/notes", 0, b"hello").unwrap();
//! let mut buffer = [0u8; 16];
//! assert_eq!(fs.read("/home/notes", 0, &mut buffer).unwrap(), 5);
//! assert_eq!(&buffer[..5], b"hello");
//! ```
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

mod error;
mod path;
mod tree;

#[cfg(test)]
mod tests;

pub use error::FsError;
pub use path::{MAX_NAME_LEN, MAX_PATH_LEN, components, parent_and_name};
pub use tree::{DirectoryEntry, FileSystem, Limits, Metadata, NodeKind};
