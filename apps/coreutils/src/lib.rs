//! What the utilities share that needs no system: where `mv` and `cp` put
//! each source, process ids as the shell's `kill` reads them, and the line
//! and word logic of `wc`, `head` and `grep`.
//!
//! The programs themselves are the `src/bin` files; this library holds only
//! pure logic over normalized paths (`vfs_path::normalize`'s output), so the
//! host tests can check it.
#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]

extern crate alloc;

pub mod destination;
pub mod process_id;
pub mod text;
#[cfg(target_os = "none")]
pub mod files;
