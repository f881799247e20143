//! The ramdisk server's logic, tested on the host: the `FileSystem`
//! interface (`idl/fs.idl`) served over a [`ramfs::FileSystem`]
//! ([`service`]), and the first contents, copied from the boot image's
//! archive ([`populate`]). The program (`src/main.rs`) only wires them to
//! init's grants and the kernel's IPC.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

pub mod populate;
pub mod service;

/// `FileSystem` and its types, generated from `idl/fs.idl`.
pub mod api {
    idlc_macro::interface!("../../idl/fs.idl");
}
