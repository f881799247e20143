//! TEMPORARY stub: the `Namespace` interface only.
#![no_std]
pub mod api {
    idlc_macro::interface!("../../idl/vfs.idl");
}
