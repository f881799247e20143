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

/// Packs up to 32 bytes into four little-endian words.
pub fn pack(payload: &[u8]) -> [u64; 4] {
    let mut bytes = [0u8; INLINE_CAPACITY];
    let len = payload.len().min(INLINE_CAPACITY);
    bytes[..len].copy_from_slice(&payload[..len]);
    let mut words = [0u64; 4];
    for (word, chunk) in words.iter_mut().zip(bytes.chunks_exact(8)) {
        let mut array = [0u8; 8];
        array.copy_from_slice(chunk);
        *word = u64::from_le_bytes(array);
    }
    words
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
        let payload: [u8; 29] = core::array::from_fn(|index| index as u8 + 1);
        let bytes = unpack(pack(&payload));
        assert_eq!(&bytes[..29], &payload);
        assert!(bytes[29..].iter().all(|byte| *byte == 0));
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
