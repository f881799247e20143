//! Bounded values stored inline: no heap, a capacity fixed at compile time.
//!
//! idlc maps `string<N>`, `bytes<N>` and `vec<T, N>` to these, so generated
//! code builds in `no_std` programs without an allocator, and a value can never
//! exceed the bound the `.idl` file declares.

use core::fmt;

use super::{DecodeError, Decoder, EncodeError, Encoder, Wire};

/// UTF-8 text of at most `N` bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct BoundedString<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> BoundedString<N> {
    /// The empty string.
    pub const fn new() -> Self {
        BoundedString {
            bytes: [0; N],
            len: 0,
        }
    }

    /// Copies `text`, or fails with [`EncodeError::TooLong`] if it has more than `N` bytes.
    pub fn try_from_str(text: &str) -> Result<Self, EncodeError> {
        let mut value = Self::new();
        let target = value
            .bytes
            .get_mut(..text.len())
            .ok_or(EncodeError::TooLong)?;
        target.copy_from_slice(text.as_bytes());
        value.len = text.len();
        Ok(value)
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        // Only `try_from_str` and `decode` fill `bytes`, and both admit UTF-8 only.
        self.bytes
            .get(..self.len)
            .and_then(|bytes| core::str::from_utf8(bytes).ok())
            .unwrap_or("")
    }

    /// The length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True for the empty string.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl<const N: usize> Default for BoundedString<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> fmt::Debug for BoundedString<N> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), formatter)
    }
}

impl<const N: usize> TryFrom<&str> for BoundedString<N> {
    type Error = EncodeError;

    fn try_from(text: &str) -> Result<Self, EncodeError> {
        Self::try_from_str(text)
    }
}

impl<const N: usize> Wire for BoundedString<N> {
    fn encode(&self, encoder: &mut Encoder<'_>) -> Result<(), EncodeError> {
        encoder.put_bytes(self.as_str().as_bytes(), N)
    }

    fn decode(decoder: &mut Decoder<'_>) -> Result<Self, DecodeError> {
        let len = decoder.take_len(N, DecodeError::StringTooLong)?;
        let text =
            core::str::from_utf8(decoder.take(len)?).map_err(|_| DecodeError::InvalidUtf8)?;
        Self::try_from_str(text).map_err(|_| DecodeError::StringTooLong)
    }

    fn decode_into(&mut self, decoder: &mut Decoder<'_>) -> Result<(), DecodeError> {
        let len = decoder.take_len(N, DecodeError::StringTooLong)?;
        let text =
            core::str::from_utf8(decoder.take(len)?).map_err(|_| DecodeError::InvalidUtf8)?;
        refill(&mut self.bytes, &mut self.len, text.as_bytes()).ok_or(DecodeError::StringTooLong)
    }
}

/// Replaces the first `*len` bytes of `bytes` with `new`, zeroing what is
/// left of the old ones (equality and hashing read all `N` bytes, so unused
/// ones stay zero); `None`, changing nothing, if `new` does not fit.
fn refill<const N: usize>(bytes: &mut [u8; N], len: &mut usize, new: &[u8]) -> Option<()> {
    bytes.get_mut(..new.len())?.copy_from_slice(new);
    if let Some(stale) = bytes.get_mut(new.len()..*len) {
        stale.fill(0);
    }
    *len = new.len();
    Some(())
}

/// At most `N` bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct BoundedBytes<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> BoundedBytes<N> {
    /// No bytes.
    pub const fn new() -> Self {
        BoundedBytes {
            bytes: [0; N],
            len: 0,
        }
    }

    /// Copies `bytes`, or fails with [`EncodeError::TooLong`] if there are more than `N`.
    pub fn try_from_slice(bytes: &[u8]) -> Result<Self, EncodeError> {
        let mut value = Self::new();
        let target = value
            .bytes
            .get_mut(..bytes.len())
            .ok_or(EncodeError::TooLong)?;
        target.copy_from_slice(bytes);
        value.len = bytes.len();
        Ok(value)
    }

    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or(&[])
    }

    /// How many bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True if there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl<const N: usize> Default for BoundedBytes<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> fmt::Debug for BoundedBytes<N> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_slice(), formatter)
    }
}

impl<const N: usize> Wire for BoundedBytes<N> {
    fn encode(&self, encoder: &mut Encoder<'_>) -> Result<(), EncodeError> {
        encoder.put_bytes(self.as_slice(), N)
    }

    fn decode(decoder: &mut Decoder<'_>) -> Result<Self, DecodeError> {
        let len = decoder.take_len(N, DecodeError::TooLong)?;
        Self::try_from_slice(decoder.take(len)?).map_err(|_| DecodeError::TooLong)
    }

    fn decode_into(&mut self, decoder: &mut Decoder<'_>) -> Result<(), DecodeError> {
        let len = decoder.take_len(N, DecodeError::TooLong)?;
        refill(&mut self.bytes, &mut self.len, decoder.take(len)?).ok_or(DecodeError::TooLong)
    }
}

/// At most `N` values of `T`, stored inline.
///
/// Unused slots hold `T::default()`, which is why `T: Default`: it keeps the
/// type free of `unsafe` (no uninitialised storage).
#[derive(Clone, Copy)]
pub struct BoundedVec<T, const N: usize> {
    items: [T; N],
    len: usize,
}

impl<T: Default, const N: usize> BoundedVec<T, N> {
    /// The empty vector.
    pub fn new() -> Self {
        BoundedVec {
            items: core::array::from_fn(|_| T::default()),
            len: 0,
        }
    }

    /// Appends `item`, or gives it back if the vector is full.
    pub fn push(&mut self, item: T) -> Result<(), T> {
        match self.items.get_mut(self.len) {
            Some(slot) => {
                *slot = item;
                self.len += 1;
                Ok(())
            }
            None => Err(item),
        }
    }

    /// Empties the vector, putting the default back in the slots it used.
    fn clear(&mut self) {
        for item in self.items.iter_mut().take(self.len) {
            *item = T::default();
        }
        self.len = 0;
    }

    /// Copies `items`, or fails with [`EncodeError::TooLong`] if there are more than `N`.
    pub fn try_from_slice(items: &[T]) -> Result<Self, EncodeError>
    where
        T: Clone,
    {
        let mut value = Self::new();
        for item in items {
            value.push(item.clone()).map_err(|_| EncodeError::TooLong)?;
        }
        Ok(value)
    }
}

impl<T, const N: usize> BoundedVec<T, N> {
    /// The values.
    pub fn as_slice(&self) -> &[T] {
        self.items.get(..self.len).unwrap_or(&[])
    }

    /// How many values.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True if there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Iterates over the values.
    pub fn iter(&self) -> core::slice::Iter<'_, T> {
        self.as_slice().iter()
    }
}

impl<T: Default, const N: usize> Default for BoundedVec<T, N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: PartialEq, const N: usize> PartialEq for BoundedVec<T, N> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Eq, const N: usize> Eq for BoundedVec<T, N> {}

impl<T: fmt::Debug, const N: usize> fmt::Debug for BoundedVec<T, N> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.debug_list().entries(self.as_slice()).finish()
    }
}

impl<T: Wire + Default, const N: usize> Wire for BoundedVec<T, N> {
    fn encode(&self, encoder: &mut Encoder<'_>) -> Result<(), EncodeError> {
        encoder.put_len(self.len, N)?;
        self.iter().try_for_each(|item| item.encode(encoder))
    }

    fn decode(decoder: &mut Decoder<'_>) -> Result<Self, DecodeError> {
        let len = decoder.take_len(N, DecodeError::TooLong)?;
        let mut value = Self::new();
        for _ in 0..len {
            value
                .push(T::decode(decoder)?)
                .map_err(|_| DecodeError::TooLong)?;
        }
        Ok(value)
    }

    fn decode_into(&mut self, decoder: &mut Decoder<'_>) -> Result<(), DecodeError> {
        let len = decoder.take_len(N, DecodeError::TooLong)?;
        self.clear();
        let slots = self.items.get_mut(..len).ok_or(DecodeError::TooLong)?;
        let decoded = T::decode_slice_into(slots, decoder);
        // Counted in even on an error, so `clear` resets what was written.
        self.len = len;
        if decoded.is_err() {
            self.clear();
        }
        decoded
    }
}
