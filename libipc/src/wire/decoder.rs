//! Reads and validates values from a byte buffer.

use super::DecodeError;

/// Reads encoded values from a received payload, front to back.
#[derive(Debug)]
pub struct Decoder<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Decoder<'a> {
    /// Starts decoding at the beginning of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Decoder { bytes, at: 0 }
    }

    /// How many bytes have been consumed.
    pub fn position(&self) -> usize {
        self.at
    }

    /// Fails unless every byte has been consumed.
    pub fn finish(&self) -> Result<(), DecodeError> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err(DecodeError::TrailingBytes)
        }
    }

    /// Skips to the next multiple of `alignment`; the skipped bytes must be zero.
    pub fn align(&mut self, alignment: usize) -> Result<(), DecodeError> {
        while alignment > 1 && !self.at.is_multiple_of(alignment) {
            let [byte] = self.take_array::<1>()?;
            if byte != 0 {
                return Err(DecodeError::BadPadding);
            }
        }
        Ok(())
    }

    /// Takes the next `len` bytes as they are.
    pub fn take(&mut self, len: usize) -> Result<&'a [u8], DecodeError> {
        let end = self.at.checked_add(len).ok_or(DecodeError::TooShort)?;
        let bytes = self.bytes.get(self.at..end).ok_or(DecodeError::TooShort)?;
        self.at = end;
        Ok(bytes)
    }

    /// Takes the next `N` bytes as an array.
    pub fn take_array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let bytes = self.take(N)?;
        bytes.try_into().map_err(|_| DecodeError::TooShort)
    }

    /// Takes an `N`-byte little-endian integer, aligned to `N`.
    pub fn take_aligned<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        self.align(N)?;
        self.take_array::<N>()
    }

    /// Reads a `u32` length prefix and checks it against `max`, reporting
    /// `too_long` if it is over.
    pub fn take_len(&mut self, max: usize, too_long: DecodeError) -> Result<usize, DecodeError> {
        let len = u32::from_le_bytes(self.take_aligned::<4>()?);
        let len = usize::try_from(len).map_err(|_| too_long)?;
        if len > max { Err(too_long) } else { Ok(len) }
    }
}
