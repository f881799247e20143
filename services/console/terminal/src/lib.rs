//! The console server's logic, tested on the host: a terminal emulator for
//! the VGA text screen, virtual consoles, and the echo prompt.
//!
//! The console program (`services/console`) owns the VGA text buffer, the
//! keyboard and the serial line; everything it decides lives here, touches
//! no hardware and allocates only when a terminal is created:
//!
//! - [`Terminal`]: one virtual console. Bytes in (UTF-8 text, control
//!   characters, a VT100-like subset of ECMA-48 escape sequences), a grid of
//!   code page 437 [`Cell`]s with scrollback out, plus the [`Damage`] that
//!   says which rows to copy to the screen.
//! - [`Consoles`]: the virtual consoles and which one is shown (Alt+F1..F4).
//! - [`EchoPrompt`]: the line editor that stands in for a login until there
//!   is one: it echoes what is typed and answers each line.
//!
//! No input, however malformed, makes any of these panic or stop
//! responding; the property tests in `tests/` feed them random bytes.
//!
//! # Use
//!
//! ```
//! use console_terminal::{Consoles, EchoPrompt};
//!
//! let mut consoles = Consoles::new(Consoles::DEFAULT_COUNT, 80, 25, 500);
//! let mut prompt = EchoPrompt::new("barodia> ", 80);
//! let mut echo = Vec::new();
//! prompt.start(&mut echo);
//! for key in "hello\n".chars() {
//!     prompt.feed_char(key, &mut echo);
//! }
//! consoles.active_terminal_mut().write(&echo);
//!
//! // Render: copy the damaged rows, then place the hardware cursor.
//! let terminal = consoles.active_terminal_mut();
//! let damage = terminal.take_damage();
//! let mut vga = [0u16; 80 * 25];
//! for row in damage.rows() {
//!     for (column, cell) in terminal.visible_row(row).iter().enumerate() {
//!         vga[row * 80 + column] = cell.vga_word();
//!     }
//! }
//! assert_eq!(terminal.text_of_row(1).trim_end(), "you typed: hello");
//! assert_eq!(terminal.cursor(), Some((9, 2))); // after "barodia> "
//! assert_eq!(vga[80] & 0xFF, u16::from(b'y'));
//! ```
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

mod cell;
mod colour;
mod consoles;
pub mod cp437;
mod damage;
mod lines;
mod parser;
mod prompt;
mod terminal;
mod utf8;

pub use cell::{Attribute, Cell};
pub use consoles::Consoles;
pub use damage::Damage;
pub use prompt::EchoPrompt;
pub use terminal::{MAX_COLUMNS, MAX_ROWS, MAX_SCROLLBACK, Terminal};
pub use vga::colors::Color16;
