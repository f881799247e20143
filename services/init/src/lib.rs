//! init's pure logic, tested on the host: reading the manifest and deciding
//! when a dead service is started again.
//!
//! - [`manifest`]: the file that says which services init starts and which
//!   capabilities each gets (IRQ lines, I/O ports, device memory, other
//!   services' endpoints). Nothing has authority the manifest does not give.
//! - [`restart`]: back-off and a cap on the restart rate, so a service that
//!   dies at once is not restarted in a tight loop.
//!
//! - [`api`]: the `Bootstrap` interface, generated from `idl/init.idl`,
//!   which init serves to every service it starts.
//!
//! - `starter` (in Barodia only): how any program reaches its starter's
//!   `Bootstrap` and asks for its grants.
//!
//! The program (`src/main.rs`) builds on these.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

pub mod manifest;
pub mod restart;
#[cfg(target_os = "none")]
pub mod starter;

/// The `Bootstrap` interface (`idl/init.idl`), generated: services use
/// `bootstrap::Client` over the endpoint init gives them at spawn.
pub mod api {
    idlc_macro::interface!("../../idl/init.idl");
}
