//! Host tests of the compressor and the decoder together.

mod malformed;
mod properties;
mod round_trip;
