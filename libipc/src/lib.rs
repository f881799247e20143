//! Barodia's user-space runtime: entry point, IPC, and what generated code calls.
//!
//! Every user program links this crate. On the bare-metal target it provides the
//! program entry point (`_start`, through [`entry!`]) and the panic handler, so
//! services and apps can stay free of `unsafe`. On the host it builds too, so
//! idlc-generated clients and servers can be tested with an in-memory transport.
//!
//! - [`wire`]: the byte-level codec that generated encode/decode functions use.
//! - [`rpc`]: transport traits, message types and the errors generated clients
//!   and serve loops return.
//!
//! On the target it also offers the kernel core's services safely:
//!
//! - [`sys`]: one safe function per syscall (log, exit, spawn, wait, ...);
//! - [`thread`]: spawn a closure on a new thread and join it;
//! - [`sync`]: a mutex for threads of one process;
//! - [`time`]: time since boot from the timing page, and sleeping;
//! - [`env`](mod@env): the program's arguments and the handle its parent gave it;
//! - [`ipc`]: handles, endpoints, call/send/receive/reply;
//! - [`println!`]: formatted lines to the kernel log;
//! - [`diagnostics`]: deliberate faults, for tests of fault isolation.
//!
//! The ABI itself (numbers, errors, layouts) is the `barodia-abi` crate.
#![cfg_attr(not(test), no_std)]

// The target runtime has a heap (see `rt`); on the host the program's own
// allocator serves. Large payloads and the kernel transport's buffers live
// there.
extern crate alloc;

pub mod fmt;
pub mod rpc;
pub mod wire;

#[cfg(target_os = "none")]
pub mod diagnostics;
#[cfg(target_os = "none")]
pub mod env;
#[cfg(target_os = "none")]
pub mod ipc;
#[cfg(target_os = "none")]
mod rt;
#[cfg(target_os = "none")]
pub mod sync;
#[cfg(target_os = "none")]
pub mod sys;
#[cfg(target_os = "none")]
pub mod thread;
#[cfg(target_os = "none")]
pub mod time;

/// Declares a user program's entry function.
///
/// The runtime's `_start` calls the function once the process is set up. Using
/// this macro keeps the `#[unsafe(no_mangle)]` symbol export inside the runtime,
/// so program crates can keep `#![forbid(unsafe_code)]`.
///
/// ```ignore
/// libipc::entry!(main);
/// fn main() { /* ... */ }
/// ```
#[macro_export]
macro_rules! entry {
    ($main:path) => {
        /// The program's entry function, called by the runtime's `_start`.
        #[unsafe(export_name = "__barodia_main")]
        pub extern "Rust" fn __barodia_main() {
            let main: fn() = $main;
            main()
        }
    };
}
