//! The Echo interface, generated from `idl/template.idl` by idlc.
//!
//! This crate is all a client needs: `echo::Client` (connect it over a
//! `libipc::rpc::KernelChannel`), the request and reply types, and the
//! interface's structs and enums. A server implements `echo::Server` and
//! serves it with `echo::Dispatcher` (see `services/template/server`).
//!
//! Nothing here is written by hand: edit the `.idl` file and rebuild; the
//! macro tracks the file, so an edit rebuilds this crate.
#![no_std]
#![forbid(unsafe_code)]

idlc_macro::interface!("../../../idl/template.idl");
