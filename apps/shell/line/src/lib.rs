//! The shell's logic, tested on the host: line editing, history,
//! completion and command-line parsing.
//!
//! The shell program (`apps/shell`) reads bytes from its terminal, runs
//! programs and writes their output; everything it decides about what the
//! user typed lives here. The crate touches no hardware and no files, and
//! no input makes it panic (the property tests feed it random bytes and
//! check the screen against a model terminal).
//!
//! - [`LineEditor`]: edits one line on an ANSI terminal and reports
//!   [`Event`]s (a submitted line, Ctrl-C, Ctrl-D, Tab); keeps the
//!   [`History`] that Up and Down walk. [`LineEditor::start_hidden`]
//!   reads a password without showing it.
//! - [`completion_context`] and [`complete`]: what Tab completes and with
//!   what.
//! - [`parse`]: a line into a [`Command`]: words and an optional
//!   [`Redirect`].
//!
//! # Use
//!
//! ```
//! use line_editor::{Event, LineEditor, WordKind, complete, completion_context, parse};
//!
//! let mut editor = LineEditor::new(80);
//! let mut screen = Vec::new(); // bytes for the terminal
//! editor.start("$ ", &mut screen);
//!
//! let mut input: &[u8] = b"ec\t";
//! while !input.is_empty() {
//!     let (used, event) = editor.feed(input, &mut screen);
//!     input = &input[used..];
//!     match event {
//!         Some(Event::CompletionRequested { repeated }) => {
//!             let context = completion_context(editor.line(), editor.cursor());
//!             assert_eq!(context.kind, WordKind::Command);
//!             let completion = complete(context.prefix, ["echo", "exit", "cat"]);
//!             if completion.matches.len() > 1 && repeated {
//!                 editor.write_below(&completion.matches.join("  "), &mut screen);
//!             } else {
//!                 editor.insert(&completion.insert, &mut screen);
//!                 if completion.matches.len() == 1 {
//!                     editor.insert(" ", &mut screen);
//!                 }
//!             }
//!         }
//!         Some(Event::Submitted(line)) => { /* run parse(&line), then: */ editor.start("$ ", &mut screen) }
//!         Some(Event::Cancelled) => editor.start("$ ", &mut screen),
//!         Some(Event::EndOfInput) => break,
//!         None => {}
//!     }
//! }
//! assert_eq!(editor.line(), "echo ");
//!
//! let (_, event) = editor.feed(b"hi > /home/user/f\r", &mut screen);
//! let Some(Event::Submitted(line)) = event else { unreachable!() };
//! let command = parse(&line).unwrap();
//! assert_eq!(command.words, ["echo", "hi"]);
//! let redirect = command.redirect.unwrap();
//! assert_eq!((redirect.path.as_str(), redirect.append), ("/home/user/f", false));
//! ```
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

mod command;
mod completion;
mod display;
mod editor;
mod history;
mod keys;

pub use command::{Command, ParseError, Redirect, parse};
pub use completion::{Completion, CompletionContext, WordKind, complete, completion_context};
pub use editor::{Event, LineEditor};
pub use history::History;
