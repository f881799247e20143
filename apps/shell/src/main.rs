//! The shell program (`bin/shell`). init starts it with the console's and
//! the ramdisk's endpoints; it takes a `Terminal` for its console
//! (`--console N`, 1 to 5), edits lines with `line-editor`, runs builtins
//! (`cd`, `pwd`, `help`, `exit`) and programs from `/bin`, each of which
//! asks the shell's `Bootstrap` for the terminal, the files and the working
//! directory. Ctrl+C stops the program running.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

#[cfg(target_os = "none")]
extern crate alloc;

#[cfg(target_os = "none")]
mod program;

/// Runs only inside Barodia.
#[cfg(not(target_os = "none"))]
fn main() {}
