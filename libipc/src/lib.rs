//! Barodia's user-space runtime: entry point, IPC, and what generated code calls.
//!
//! Every user program links this crate. On the bare-metal target it provides the
//! program entry point (`_start`, through [`entry!`]) and the panic handler, so
//! services and apps can stay free of `unsafe`.
//!
//! The syscall ABI (numbers, error codes, rights) arrives with the IPC work; until
//! then user programs can only run and spin.
#![cfg_attr(not(test), no_std)]

#[cfg(target_os = "none")]
mod rt;

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
