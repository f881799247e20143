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
pub use environment::{Environment, describe, run};
