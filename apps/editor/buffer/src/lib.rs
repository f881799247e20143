//! The text editor's logic, tested on the host: the buffer, the keys and
//! the screen.
//!
//! The editor program (`apps/editor`) reads the file, hands its bytes to
//! [`Buffer::load`], then loops: terminal bytes into [`Editor::feed`],
//! [`Editor::render`]'s bytes out to the terminal, and the file written
//! when it gets [`Action::Save`]. Everything else lives here: it touches
//! no hardware and no files, and no input makes it panic (property tests
//! feed it random keys).
//!
//! - [`Buffer`]: lines of UTF-8 and a cursor; load and save with named
//!   errors and limits ([`MAX_FILE_SIZE`], [`MAX_LINE_LENGTH`]).
//! - [`View`]: the screen, scrolled to the cursor, drawn with ANSI
//!   sequences (only the rows that changed).
//! - [`Editor`]: the key bindings, the status message and the
//!   unsaved-changes check on quit.
//!
//! # Use
//!
//! ```
//! use editor_buffer::{Action, Buffer, Editor};
//!
//! let buffer = Buffer::load(b"hello\n").unwrap(); // a bad file: show the LoadError
//! let mut editor = Editor::new(buffer, "/home/user/notes", 80, 25);
//! let mut screen = Vec::new();
//! editor.render(&mut screen);
//!
//! let mut input: &[u8] = b"\x1b[F, world\x13\x11";
//! let mut file = Vec::new();
//! while !input.is_empty() {
//!     let (used, action) = editor.feed(input);
//!     input = &input[used..];
//!     match action {
//!         Some(Action::Save) => {
//!             file = editor.buffer().to_bytes(); // write it; on error, save_failed
//!             editor.saved();
//!         }
//!         Some(Action::Quit) => {
//!             editor.leave(&mut screen);
//!             break;
//!         }
//!         None => {}
//!     }
//!     editor.render(&mut screen);
//! }
//! assert_eq!(file, b"hello, world\n");
//! ```
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

mod buffer;
mod edit;
mod editor;
mod keys;
mod motion;
mod view;

pub use buffer::{Buffer, EditError, LoadError, MAX_FILE_SIZE, MAX_LINE_LENGTH, Position};
pub use edit::TAB_WIDTH;
pub use editor::{Action, Editor, HELP_MESSAGE, LEAVE_SCREEN, UNSAVED_MESSAGE};
pub use view::{Status, View};
