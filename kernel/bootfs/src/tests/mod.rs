//! Host tests of the reader and the builder together.
//!
//! Malformed archives are made by building a valid one and corrupting one field,
//! so each test shows exactly which rule it breaks.

mod builder;
mod malformed;
mod properties;
mod round_trip;
mod support;
