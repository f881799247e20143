//! The console server program (`bin/console`). Started by init, it asks
//! `Bootstrap` for the VGA text buffer, the CRT controller's ports (for the
//! hardware cursor), COM1 and its IRQ, the endpoint its clients call and
//! the one the keyboard driver sends key events to. Three threads share
//! the consoles: one serves `Console` clients, one takes key events, one
//! waits for the serial line's interrupts.
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
    eprintln!("console runs inside Barodia: boot it with `just qemu`");
}
