//! The VFS server's logic, tested on the host: namespaces of mounted file
//! servers, and `FileSystem` requests resolved through them.
//!
//! Every endpoint handle of the VFS carries a badge naming a namespace
//! ([`Vfs`]): a [`vfs_path::MountTable`] whose mounts point at file
//! servers, each reached through the [`Backend`] trait (in the program, a
//! `FileSystem` client of another server; in tests, an in-memory file
//! system). A `FileSystem` request's path is resolved in the namespace of
//! the handle it came through and forwarded with the server's own path
//! ([`Session`]); a namespace never reaches more than its mounts, and a
//! narrowed one never more than the one it was made from. A namespace ends
//! when it is released or when the kernel reports that its badge's last
//! handle is gone ([`Vfs::handles_closed`]). The program
//! (`src/main.rs`) only wires this to init's grants, the kernel's IPC and
//! the `Namespace` interface's handles.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

mod backend;
mod files;
mod namespaces;
mod session;

#[cfg(test)]
mod tests;

pub use backend::Backend;
pub use namespaces::{BOOT_NAMESPACE, HANDLES_CLOSED_OPERATION, MAX_NAMESPACES, Vfs};
pub use session::Session;

/// `Namespace` and its types, generated from `idl/vfs.idl`.
pub mod api {
    idlc_macro::interface!("../../idl/vfs.idl");
}
