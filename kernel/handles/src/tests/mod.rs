//! Host tests of the handle table.
//!
//! Unit tests pin down each operation and each error; the property tests
//! drive random operation sequences against a `HashMap` model.

mod clients;
mod drain;
mod duplicate;
mod encoding;
mod errors;
mod model;
mod properties;
mod retirement;
mod rights;
mod stale;
mod support;
mod table;
mod transfer;
