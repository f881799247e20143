//! Host tests of the frame allocator.
//!
//! Unit tests pin down each operation and error; the property tests drive
//! random operation sequences against a `BTreeSet` model of the free frames.

mod allocate;
mod contiguous;
mod layout;
mod model;
mod properties;
mod setup;
mod support;
