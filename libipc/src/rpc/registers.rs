//! How the kernel transport lays a request or reply out in a message's
//! registers: the operation (or status) word and, for a small payload, the
//! four words themselves.
//!
//! ```text
//! operation word   bits 0..32   operation (request) | status kind + protocol code (reply)
//!                  bits 32..38  inline payload length (0..=32)
//!                  bit  61      INLINE: the payload is in the four words
//! ```
//!
//! A payload longer than 32 bytes, or one that travels with handles or a
//! lease, goes as message data instead, and `INLINE` is clear. Bits 62 and 63
//! are the kernel's (`barodia_abi::OPERATION_KERNEL_BITS`). Pure functions, tested on the host.

use super::error::ProtocolError;
use super::message::Status;

/// Set when the payload is in the four register words.
pub const INLINE: u64 = 1 << 61;
/// The most payload bytes the words carry.
pub const INLINE_CAPACITY: usize = 32;
const LENGTH_SHIFT: u32 = 32;
const LENGTH_MASK: u64 = 0x3F;

/// The operation word for `operation` with an inline payload of `len`
/// bytes (`None`: the payload travels as data).
pub fn operation_word(operation: u32, inline_len: Option<usize>) -> u64 {
    match inline_len {
        Some(len) => u64::from(operation) | ((len as u64 & LENGTH_MASK) << LENGTH_SHIFT) | INLINE,
        None => u64::from(operation),
    }
}

/// The operation (or status) number and the inline length, if inline.
pub fn split_word(word: u64) -> (u32, Option<usize>) {
    let number = word as u32;
    let len = (word & INLINE != 0).then_some(((word >> LENGTH_SHIFT) & LENGTH_MASK) as usize);
    (number, len)
}

/// Packs up to 32 bytes into four little-endian words (bytes past 32 are
/// ignored). Whole words are loaded as words and a last partial one in
/// 4-, 2- and 1-byte pieces, so no `memcpy` call runs for a slice whose
/// length is only known at run time.
pub fn pack(payload: &[u8]) -> [u64; 4] {
    let payload = payload.get(..INLINE_CAPACITY).unwrap_or(payload);
    let mut words = [0u64; 4];
    for (word, chunk) in words.iter_mut().zip(payload.chunks(8)) {
        *word = match <[u8; 8]>::try_from(chunk) {
            Ok(array) => u64::from_le_bytes(array),
            Err(_) => partial_word(chunk),
        };
    }
    words
}

/// The little-endian word of fewer than 8 bytes (the rest zero).
fn partial_word(bytes: &[u8]) -> u64 {
    let (mut word, mut shift, mut rest) = (0u64, 0, bytes);
    if let Some((piece, after)) = rest.split_first_chunk::<4>() {
        (word, shift, rest) = (u64::from(u32::from_le_bytes(*piece)), 32, after);
    }
    if let Some((piece, after)) = rest.split_first_chunk::<2>() {
        word |= u64::from(u16::from_le_bytes(*piece)) << shift;
        (shift, rest) = (shift + 16, after);
    }
    if let Some(byte) = rest.first() {
        word |= u64::from(*byte) << shift;
    }
    word
}

/// Unpacks four words into 32 bytes.
pub fn unpack(words: [u64; 4]) -> [u8; INLINE_CAPACITY] {
    let mut bytes = [0u8; INLINE_CAPACITY];
    for (chunk, word) in bytes.chunks_exact_mut(8).zip(words) {
        chunk.copy_from_slice(&word.to_le_bytes());
    }
    bytes
}

/// A reply status as the low 32 bits of its word.
pub fn status_number(status: Status) -> u32 {
    match status {
        Status::Ok => 0,
        Status::Error => 1,
        Status::Protocol(error) => 2 | ((error as u32) << 8),
    }
}

/// The status a reply word names; an unknown one is a bad reply.
pub fn status_from(number: u32) -> Option<Status> {
    match number & 0xFF {
        0 if number == 0 => Some(Status::Ok),
        1 if number == 1 => Some(Status::Error),
        2 => ProtocolError::try_from(number >> 8).ok().map(Status::Protocol),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for len in 0..=INLINE_CAPACITY {
            let word = operation_word(7, Some(len));
            assert_eq!(split_word(word), (7, Some(len)));
            assert_eq!(word >> 63, 0, "bit 63 is the kernel's");
        }
        assert_eq!(split_word(operation_word(u32::MAX, None)), (u32::MAX, None));
    }

    #[test]
    fn payload_packs_and_unpacks() {
        let payload: [u8; 40] = core::array::from_fn(|index| index as u8 + 1);
        for len in 0..=40 {
            let bytes = unpack(pack(&payload[..len]));
            let kept = len.min(INLINE_CAPACITY);
            assert_eq!(&bytes[..kept], &payload[..kept], "{len} bytes");
            assert!(bytes[kept..].iter().all(|byte| *byte == 0), "{len} bytes");
        }
        assert_eq!(pack(&[1, 2, 3]), [0x0003_0201, 0, 0, 0]);
    }

    #[test]
    fn statuses_round_trip() {
        let statuses = [Status::Ok, Status::Error, Status::Protocol(ProtocolError::BadLease)];
        for status in statuses {
            assert_eq!(status_from(status_number(status)), Some(status));
        }
        assert_eq!(status_from(3), None);
        assert_eq!(status_from(0x100), None);
        assert_eq!(status_from(2 | (200 << 8)), None);
    }
}
