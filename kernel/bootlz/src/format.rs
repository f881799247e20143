//! The header and the constants of the format (see the crate docs).

use crate::error::DecodeError;

/// The first eight bytes of every compressed archive.
pub const MAGIC: [u8; 8] = *b"BDBOOTLZ";
/// The format version this crate reads and writes.
pub const VERSION: u16 = 1;
/// Size of the header in bytes; the stream starts right after it.
pub const HEADER_SIZE: usize = 32;
/// The shortest match: a token's low four bits count from it.
pub const MIN_MATCH: usize = 4;
/// A count or length field of a token at this value is continued by a varint.
pub(crate) const NIBBLE_MAX: usize = 15;

/// A parsed, validated header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    decoded_size: usize,
    stream_size: usize,
}

impl Header {
    /// Reads and checks the header at the start of `bytes`: the magic, the
    /// version, the layout, the reserved field, and that the stream fits in
    /// `bytes` and the output in this machine's address space.
    ///
    /// # Errors
    ///
    /// [`DecodeError::TruncatedHeader`], [`DecodeError::BadMagic`],
    /// [`DecodeError::UnsupportedVersion`], [`DecodeError::UnsupportedLayout`],
    /// [`DecodeError::ReservedNotZero`], [`DecodeError::StreamExceedsBuffer`]
    /// or [`DecodeError::TooLarge`], checked in that order.
    pub fn parse(bytes: &[u8]) -> Result<Header, DecodeError> {
        let header = bytes.get(..HEADER_SIZE).ok_or(DecodeError::TruncatedHeader)?;
        let field = |at: usize, len: usize| header.get(at..at + len).unwrap_or(&[]);
        let u16_at = |at| u16::from_le_bytes(field(at, 2).try_into().unwrap_or_default());
        let u32_at = |at| u32::from_le_bytes(field(at, 4).try_into().unwrap_or_default());
        let u64_at = |at| u64::from_le_bytes(field(at, 8).try_into().unwrap_or_default());
        if field(0, 8) != MAGIC {
            return Err(DecodeError::BadMagic);
        }
        let version = u16_at(8);
        if version != VERSION {
            return Err(DecodeError::UnsupportedVersion { version });
        }
        let header_size = u16_at(10);
        if usize::from(header_size) != HEADER_SIZE {
            return Err(DecodeError::UnsupportedLayout { header_size });
        }
        if u32_at(12) != 0 {
            return Err(DecodeError::ReservedNotZero);
        }
        let (decoded, stream) = (u64_at(16), u64_at(24));
        let available = bytes.len() - HEADER_SIZE;
        let stream_size = usize::try_from(stream)
            .ok()
            .filter(|&size| size <= available)
            .ok_or(DecodeError::StreamExceedsBuffer { declared: stream, available })?;
        let decoded_size = usize::try_from(decoded).map_err(|_| DecodeError::TooLarge { declared: decoded })?;
        Ok(Header { decoded_size, stream_size })
    }

    /// Bytes the stream expands to: the size of the buffer [`decode`](crate::decode) needs.
    pub fn decoded_size(&self) -> usize {
        self.decoded_size
    }

    /// Bytes of the stream, after the header.
    pub fn stream_size(&self) -> usize {
        self.stream_size
    }

    /// The header's bytes, for the compressor.
    #[cfg(any(feature = "alloc", test))]
    pub(crate) fn to_bytes(decoded_size: usize, stream_size: usize) -> [u8; HEADER_SIZE] {
        let mut bytes = [0; HEADER_SIZE];
        bytes[..8].copy_from_slice(&MAGIC);
        bytes[8..10].copy_from_slice(&VERSION.to_le_bytes());
        bytes[10..12].copy_from_slice(&(HEADER_SIZE as u16).to_le_bytes());
        bytes[16..24].copy_from_slice(&(decoded_size as u64).to_le_bytes());
        bytes[24..32].copy_from_slice(&(stream_size as u64).to_le_bytes());
        bytes
    }
}
