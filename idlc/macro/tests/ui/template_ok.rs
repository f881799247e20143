// The template compiles in a crate that forbids unsafe code and missing docs.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
//! A crate using the template interface.
idlc_macro::interface!("../../../../idl/template.idl");

fn main() {}
