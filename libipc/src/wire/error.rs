//! The named ways encoding and decoding fail.

/// Why a payload could not be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The payload ended before the value did.
    TooShort,
    /// Bytes were left after the last value.
    TrailingBytes,
    /// A padding byte was not zero.
    BadPadding,
    /// A `bool` other than 0 or 1, or an enum discriminant the enum lacks.
    BadValue,
    /// A string longer than its bound.
    StringTooLong,
    /// A `bytes` or `vec` longer than its bound.
    TooLong,
    /// A string that is not UTF-8.
    InvalidUtf8,
}

/// Why a value could not be encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncodeError {
    /// The buffer is too small for the value.
    BufferFull,
    /// A value is longer than its bound (for example a `&str` given for a
    /// `string<N>`), or a length does not fit the `u32` prefix.
    TooLong,
}
