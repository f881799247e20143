//! [`Wire`] for the primitives, `()` and arrays.

use super::{DecodeError, Decoder, EncodeError, Encoder, Wire};

/// Integers: little-endian, aligned to their size.
macro_rules! wire_integer {
    ($($int:ty),*) => {$(
        impl Wire for $int {
            fn encode(&self, encoder: &mut Encoder<'_>) -> Result<(), EncodeError> {
                encoder.put_aligned(&self.to_le_bytes())
            }

            fn decode(decoder: &mut Decoder<'_>) -> Result<Self, DecodeError> {
                decoder.take_aligned().map(<$int>::from_le_bytes)
            }

            // Integers in a row: the padding before the first is all there
            // is, and the bytes of all of them are taken at once (too few
            // is `TooShort`, as it would be at the first missing one).
            fn decode_slice_into(slots: &mut [Self], decoder: &mut Decoder<'_>) -> Result<(), DecodeError> {
                const SIZE: usize = core::mem::size_of::<$int>();
                // No values, no padding: the encoder writes none.
                if slots.is_empty() {
                    return Ok(());
                }
                decoder.align(SIZE)?;
                let len = slots.len().checked_mul(SIZE).ok_or(DecodeError::TooShort)?;
                let bytes = decoder.take(len)?;
                for (slot, chunk) in slots.iter_mut().zip(bytes.chunks_exact(SIZE)) {
                    let array: [u8; SIZE] = chunk.try_into().map_err(|_| DecodeError::TooShort)?;
                    *slot = <$int>::from_le_bytes(array);
                }
                Ok(())
            }
        }
    )*};
}

wire_integer!(u8, u16, u32, u64, i8, i16, i32, i64);

impl Wire for bool {
    fn encode(&self, encoder: &mut Encoder<'_>) -> Result<(), EncodeError> {
        encoder.put_raw(&[u8::from(*self)])
    }

    fn decode(decoder: &mut Decoder<'_>) -> Result<Self, DecodeError> {
        match decoder.take_array::<1>()? {
            [0] => Ok(false),
            [1] => Ok(true),
            _ => Err(DecodeError::BadValue),
        }
    }
}

impl Wire for () {
    fn encode(&self, _encoder: &mut Encoder<'_>) -> Result<(), EncodeError> {
        Ok(())
    }

    fn decode(_decoder: &mut Decoder<'_>) -> Result<Self, DecodeError> {
        Ok(())
    }
}

impl<T: Wire + Default, const N: usize> Wire for [T; N] {
    fn encode(&self, encoder: &mut Encoder<'_>) -> Result<(), EncodeError> {
        self.iter().try_for_each(|item| item.encode(encoder))
    }

    fn decode(decoder: &mut Decoder<'_>) -> Result<Self, DecodeError> {
        let mut items: [T; N] = core::array::from_fn(|_| T::default());
        for slot in &mut items {
            *slot = T::decode(decoder)?;
        }
        Ok(items)
    }

    fn decode_into(&mut self, decoder: &mut Decoder<'_>) -> Result<(), DecodeError> {
        T::decode_slice_into(self, decoder)
    }
}

/// The error type of methods that cannot fail: no value exists, so decoding
/// one is always [`DecodeError::BadValue`] (a server claiming such a method
/// failed sent a bad reply).
impl Wire for core::convert::Infallible {
    fn encode(&self, _encoder: &mut Encoder<'_>) -> Result<(), EncodeError> {
        match *self {}
    }

    fn decode(_decoder: &mut Decoder<'_>) -> Result<Self, DecodeError> {
        Err(DecodeError::BadValue)
    }
}
