//! The login service's logic that is tested on the host: the `Session`
//! interface (`idl/login.idl`), what part of the file tree each account's
//! namespace keeps ([`reach`]), and the rules of a password change
//! ([`accounts`]). The program (`src/main.rs`) runs a login prompt on each
//! console and starts the shells.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

pub mod accounts;
pub mod reach;

/// `Session`, `Identity` and `AccountError`, generated from
/// `idl/login.idl`.
pub mod api {
    idlc_macro::interface!("../../idl/login.idl");
}
