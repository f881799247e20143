//! The one error type of the decoder.

use core::fmt;

use crate::format::{HEADER_SIZE, MAGIC, VERSION};

/// Why compressed bytes were rejected. `at` is a position in the stream
/// (after the header), for a hex dump of a corrupt image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes are shorter than the [`HEADER_SIZE`]-byte header.
    TruncatedHeader,
    /// The bytes do not start with [`MAGIC`]: they are not compressed this way.
    BadMagic,
    /// The header's version is not [`VERSION`].
    UnsupportedVersion {
        /// The version found.
        version: u16,
    },
    /// The header's `header_size` is not [`HEADER_SIZE`].
    UnsupportedLayout {
        /// The size found.
        header_size: u16,
    },
    /// The header's reserved field is not zero.
    ReservedNotZero,
    /// The header's `stream_size` is more than the bytes after the header.
    StreamExceedsBuffer {
        /// The `stream_size` found.
        declared: u64,
        /// The bytes after the header.
        available: usize,
    },
    /// The header's `decoded_size` does not fit this machine's address space.
    TooLarge {
        /// The `decoded_size` found.
        declared: u64,
    },
    /// The output buffer is not `decoded_size` bytes long.
    OutputSizeMismatch {
        /// The header's `decoded_size`.
        expected: usize,
        /// The buffer's length.
        actual: usize,
    },
    /// The stream ends in the middle of a sequence.
    TruncatedStream {
        /// Where the stream ended.
        at: usize,
    },
    /// A varint does not fit 64 bits.
    VarintOverflow {
        /// Where the varint ends.
        at: usize,
    },
    /// A sequence's literals or match would write past `decoded_size`.
    OutputOverrun {
        /// The sequence's token.
        at: usize,
    },
    /// A match starts before the start of the output.
    OffsetTooFar {
        /// The match's token.
        at: usize,
        /// The offset.
        offset: u64,
        /// The output produced so far.
        produced: usize,
    },
    /// A match repeats the last offset before any offset was given.
    NoOffsetToRepeat {
        /// The match's token.
        at: usize,
    },
    /// The last sequence's token has match bits, though no match follows.
    MatchAfterEnd {
        /// The token.
        at: usize,
    },
    /// The output is complete but the stream goes on.
    TrailingBytes {
        /// Where the unused bytes start.
        at: usize,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DecodeError::TruncatedHeader => write!(formatter, "shorter than the {HEADER_SIZE}-byte header"),
            DecodeError::BadMagic => write!(formatter, "no {:?} magic", core::str::from_utf8(&MAGIC).unwrap_or("")),
            DecodeError::UnsupportedVersion { version } => {
                write!(formatter, "version {version}, this kernel reads version {VERSION}")
            }
            DecodeError::UnsupportedLayout { header_size } => {
                write!(formatter, "header of {header_size} bytes, expected {HEADER_SIZE}")
            }
            DecodeError::ReservedNotZero => write!(formatter, "reserved header field not zero"),
            DecodeError::StreamExceedsBuffer { declared, available } => {
                write!(formatter, "stream of {declared} bytes declared, only {available} present (truncated?)")
            }
            DecodeError::TooLarge { declared } => write!(formatter, "decoded size {declared} too large"),
            DecodeError::OutputSizeMismatch { expected, actual } => {
                write!(formatter, "output buffer of {actual} bytes, the stream decodes to {expected}")
            }
            DecodeError::TruncatedStream { at } => write!(formatter, "stream ends inside a sequence at byte {at}"),
            DecodeError::VarintOverflow { at } => write!(formatter, "number wider than 64 bits at byte {at}"),
            DecodeError::OutputOverrun { at } => {
                write!(formatter, "sequence at byte {at} writes past the decoded size")
            }
            DecodeError::OffsetTooFar { at, offset, produced } => write!(
                formatter,
                "match at byte {at} reaches {offset} bytes back with only {produced} decoded"
            ),
            DecodeError::NoOffsetToRepeat { at } => {
                write!(formatter, "match at byte {at} repeats an offset before any was given")
            }
            DecodeError::MatchAfterEnd { at } => write!(formatter, "last sequence at byte {at} has match bits"),
            DecodeError::TrailingBytes { at } => write!(formatter, "stream goes on after the output is complete, at byte {at}"),
        }
    }
}

impl core::error::Error for DecodeError {}
