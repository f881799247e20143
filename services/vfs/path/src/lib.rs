//! Path resolution and mount tables for the VFS, tested on the host.
//!
//! A process names files by paths relative to its working directory or
//! absolute; [`normalize()`] turns either into the one spelling the file
//! servers accept (`/a/b`: absolute, no `.`, `..`, empty or repeated
//! components). `..` at the root stays at the root, so no path can climb
//! above `/`.
//!
//! A namespace is a [`MountTable`]: path prefixes mapped to a file server
//! and a directory inside it. [`MountTable::resolve`] picks the longest
//! prefix that matches on a component boundary and rewrites the path into
//! the server's own tree; because the path was normalized first, the part
//! after the prefix cannot leave the mounted directory. Paths above the
//! mounts are virtual directories that list the mount points below them;
//! anything else is outside the namespace. [`MountTable::narrowed`] builds
//! a child's namespace out of a parent's, and can only take away.
//!
//! ```
//! use vfs_path::{MountTable, Resolved, normalize};
//!
//! let mut user = MountTable::new();
//! user.mount("/bin", "ramdisk", "/bin", false).unwrap();
//! user.mount("/home/user", "ramdisk", "/home/user", true).unwrap();
//!
//! let path = normalize("/home/user", "../user/./notes").unwrap();
//! assert_eq!(path, "/home/user/notes");
//! match user.resolve(&path) {
//!     Resolved::Mounted { mount, path } => assert_eq!((mount.target, path.as_str()), ("ramdisk", "/home/user/notes")),
//!     _ => unreachable!(),
//! }
//! // Another user's home is not in this namespace at all.
//! assert!(matches!(user.resolve("/home/root/secret"), Resolved::Outside));
//! ```
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

mod mounts;
mod normalize;

pub use mounts::{MAX_MOUNTS, Mount, MountError, MountTable, Resolved};
pub use normalize::{MAX_NAME_LEN, MAX_PATH_LEN, PathError, is_normalized, join, normalize};
