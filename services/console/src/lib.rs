//! The console server's logic that is tested on the host: the `Console`
//! interface (`idl/console.idl`), what each key press means to a console
//! ([`input`]), how typed input waits for the program reading it
//! ([`queue`]), and how a terminal's cells become VGA text-buffer bytes
//! ([`render`]). The program (`src/main.rs`) wires these to the devices
//! and the IPC endpoints; the terminal emulation itself (grid, ANSI
//! escapes, scrollback, the echo prompt) is the `console-terminal` crate.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

pub mod input;
pub mod queue;
pub mod render;

/// `Console`, `ConsoleInfo` and `ConsoleError`, generated from
/// `idl/console.idl`.
pub mod api {
    idlc_macro::interface!("../../idl/console.idl");
}

/// Virtual consoles on the screen (Alt+F1..F4).
pub const VIRTUAL_CONSOLES: usize = 4;
/// The serial console's number: the one after the virtual consoles.
pub const SERIAL_CONSOLE: usize = VIRTUAL_CONSOLES;
/// Screen size in VGA text mode 3.
pub const COLUMNS: usize = 80;
/// Screen height in VGA text mode 3.
pub const ROWS: usize = 25;
/// Lines of history each virtual console keeps for Shift+PgUp.
pub const SCROLLBACK_LINES: usize = 500;
