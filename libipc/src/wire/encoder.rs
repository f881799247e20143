//! Writes values into a byte buffer.

use super::EncodeError;

/// Appends encoded values to a caller-provided buffer.
#[derive(Debug)]
pub struct Encoder<'a> {
    buffer: &'a mut [u8],
    len: usize,
}

impl<'a> Encoder<'a> {
    /// Starts encoding at the beginning of `buffer`.
    pub fn new(buffer: &'a mut [u8]) -> Self {
        Encoder { buffer, len: 0 }
    }

    /// How many bytes have been written.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True if nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Writes zero bytes up to the next multiple of `alignment`.
    pub fn align(&mut self, alignment: usize) -> Result<(), EncodeError> {
        while alignment > 1 && !self.len.is_multiple_of(alignment) {
            self.put_raw(&[0])?;
        }
        Ok(())
    }

    /// Writes bytes as they are, without alignment or length.
    pub fn put_raw(&mut self, bytes: &[u8]) -> Result<(), EncodeError> {
        let end = self
            .len
            .checked_add(bytes.len())
            .ok_or(EncodeError::BufferFull)?;
        let target = self
            .buffer
            .get_mut(self.len..end)
            .ok_or(EncodeError::BufferFull)?;
        target.copy_from_slice(bytes);
        self.len = end;
        Ok(())
    }

    /// Writes a little-endian integer of `bytes.len()` bytes, aligned to its size.
    pub fn put_aligned(&mut self, bytes: &[u8]) -> Result<(), EncodeError> {
        self.align(bytes.len())?;
        self.put_raw(bytes)
    }

    /// Writes a `u32` length prefix for `len` items bounded by `max`.
    pub fn put_len(&mut self, len: usize, max: usize) -> Result<(), EncodeError> {
        if len > max {
            return Err(EncodeError::TooLong);
        }
        let len = u32::try_from(len).map_err(|_| EncodeError::TooLong)?;
        self.put_aligned(&len.to_le_bytes())
    }

    /// Writes a length-prefixed byte string bounded by `max`.
    pub fn put_bytes(&mut self, bytes: &[u8], max: usize) -> Result<(), EncodeError> {
        self.put_len(bytes.len(), max)?;
        self.put_raw(bytes)
    }
}
