//! The VFS server program (`bin/vfs`).
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

/// On the host this crate is a library with tests; the program itself only
/// runs inside Barodia.
#[cfg(not(target_os = "none"))]
fn main() {
    eprintln!("vfs runs inside Barodia: boot it with `just qemu`");
}
