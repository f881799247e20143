//! What a program started from the shell gets, and how it reaches it.
//!
//! A program's one initial handle is its starter's `Bootstrap` endpoint
//! (`idl/init.idl`), as for init's services: it asks for the endpoint
//! named `terminal` (a `Terminal`, `idl/console.idl`), the one named `fs`
//! (a `FileSystem`, `idl/fs.idl`) and its working directory.
//! [`Environment::connect`] does that; utilities then print with
//! [`Environment::print`] and resolve paths with [`Environment::resolve`].
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

#[cfg(target_os = "none")]
mod environment;
#[cfg(target_os = "none")]
pub mod files;
#[cfg(target_os = "none")]
pub mod launch;
#[cfg(target_os = "none")]
pub mod prompt;

#[cfg(target_os = "none")]
pub use environment::{Environment, describe, run};

/// Makes a utility program of `body` (a
/// `fn(&mut Environment, &[&str]) -> Result<(), String>` in a module
/// compiled only for Barodia): its entry point calls [`run`] with `name`,
/// and on the host, where the program cannot run, `main` does nothing.
#[macro_export]
macro_rules! utility {
    ($name:literal, $body:path) => {
        #[cfg(target_os = "none")]
        ::libipc::entry!(__utility_main);

        #[cfg(target_os = "none")]
        fn __utility_main() {
            $crate::run($name, $body)
        }

        /// Runs only inside Barodia.
        #[cfg(not(target_os = "none"))]
        fn main() {}
    };
}
