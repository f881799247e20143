//! The byte-level codec that idlc-generated encode and decode functions call.
//!
//! The format (the reference is `docs/idl.md`, "Wire format"):
//!
//! - integers are little-endian and aligned to their own size, counted from the
//!   start of the payload; the padding before them must be zero;
//! - `bool` is one byte, 0 or 1; an enum is its integer representation;
//! - `string<N>` and `bytes<N>` are a `u32` length then the bytes (strings must
//!   be UTF-8); `vec<T, N>` is a `u32` count then the elements;
//! - `array<T, N>` is its `N` elements; a struct is its fields in order;
//! - a payload must be consumed exactly: bytes left over are an error.
//!
//! Every malformed input is a named [`DecodeError`]; nothing here panics on
//! input, and nothing allocates: bounded values live inline
//! ([`BoundedString`], [`BoundedBytes`], [`BoundedVec`]).

mod bounded;
mod decoder;
mod encoder;
mod error;
mod impls;

pub use bounded::{BoundedBytes, BoundedString, BoundedVec};
pub use decoder::Decoder;
pub use encoder::Encoder;
pub use error::{DecodeError, EncodeError};

/// A value with a wire encoding.
///
/// Generated request types, structs and enums implement it, as do the
/// primitives, `()`, the bounded types and arrays of `Wire` values.
pub trait Wire: Sized {
    /// Appends the value's encoding.
    fn encode(&self, encoder: &mut Encoder<'_>) -> Result<(), EncodeError>;

    /// Reads one value, validating every byte it consumes.
    fn decode(decoder: &mut Decoder<'_>) -> Result<Self, DecodeError>;

    /// Reads one value into `self`, validating every byte it consumes, as
    /// [`Wire::decode`] does. The bounded types, arrays and generated structs
    /// decode in place: a value of hundreds of bytes is not moved through a
    /// `Result` at each level, which costs a copy per level. On an error,
    /// `self` holds some valid value, not necessarily the old one.
    fn decode_into(&mut self, decoder: &mut Decoder<'_>) -> Result<(), DecodeError> {
        *self = Self::decode(decoder)?;
        Ok(())
    }

    /// Reads values one after another into every slot of `slots` (the
    /// elements of a `vec` or an array), as `decode_into` on each would,
    /// with the same errors. Integers take all their bytes in one check,
    /// where one at a time cost an alignment and bounds check each.
    fn decode_slice_into(slots: &mut [Self], decoder: &mut Decoder<'_>) -> Result<(), DecodeError> {
        slots.iter_mut().try_for_each(|slot| slot.decode_into(decoder))
    }
}

/// Encodes `value` as a whole payload into `buffer`; returns the length used.
pub fn encode_to<T: Wire>(value: &T, buffer: &mut [u8]) -> Result<usize, EncodeError> {
    let mut encoder = Encoder::new(buffer);
    value.encode(&mut encoder)?;
    Ok(encoder.len())
}

/// Decodes a whole payload: one `T` and nothing after it.
pub fn decode_from<T: Wire>(payload: &[u8]) -> Result<T, DecodeError> {
    let mut decoder = Decoder::new(payload);
    let value = T::decode(&mut decoder)?;
    decoder.finish()?;
    Ok(value)
}

/// Decodes a whole payload into `value` ([`Wire::decode_into`]): one `T` and
/// nothing after it. Generated servers decode requests this way.
pub fn decode_in_place<T: Wire>(payload: &[u8], value: &mut T) -> Result<(), DecodeError> {
    let mut decoder = Decoder::new(payload);
    value.decode_into(&mut decoder)?;
    decoder.finish()
}

#[cfg(test)]
mod tests;
