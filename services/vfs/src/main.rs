//! The VFS server program (`bin/vfs`). Started by init, it asks `Bootstrap`
//! for its own endpoint and for the boot file system (`fs`, the ramdisk),
//! and serves `FileSystem` (`idl/fs.idl`) and `Namespace` (`idl/vfs.idl`)
//! on that one endpoint: each handle's badge names its namespace. The
//! logic is the library's (`src/lib.rs`); this only wires it to the kernel.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

#[cfg(target_os = "none")]
extern crate alloc;

#[cfg(target_os = "none")]
mod program;

/// On the host this crate is a library with tests; the program itself only
/// runs inside Barodia.
#[cfg(not(target_os = "none"))]
fn main() {
    eprintln!("vfs runs inside Barodia: boot it with `just qemu`");
}
