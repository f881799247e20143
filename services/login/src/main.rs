//! The login service program (`bin/login`). Started by init, it asks
//! `Bootstrap` for the console, the boot namespace (`fs`, from the VFS)
//! and its own endpoint, on which it serves `Session` (`idl/login.idl`)
//! to the sessions it starts. One thread per console asks for a name and
//! a password, checks them against `/etc/passwd`, and runs the account's
//! shell in the account's namespace until it exits.
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
    eprintln!("login runs inside Barodia: boot it with `just qemu`");
}
