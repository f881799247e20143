//! Each rule of the format, broken once: a named error, never a panic.

use crate::{DecodeError, HEADER_SIZE, Header, compress, decode};

fn packed_of(stream: &[u8], decoded_size: u64) -> Vec<u8> {
    let mut packed = Header::to_bytes(decoded_size as usize, stream.len()).to_vec();
    packed.extend_from_slice(stream);
    packed
}

fn decode_to(packed: &[u8], size: usize) -> Result<Vec<u8>, DecodeError> {
    let mut output = vec![0; size];
    decode(packed, &mut output).map(|()| output)
}

#[test]
fn header_rules() {
    let good = compress(b"some bytes to pack");
    assert_eq!(Header::parse(&good[..HEADER_SIZE - 1]), Err(DecodeError::TruncatedHeader));
    let mut bad = good.clone();
    bad[0] = b'X';
    assert_eq!(Header::parse(&bad), Err(DecodeError::BadMagic));
    let mut bad = good.clone();
    bad[8] = 2;
    assert_eq!(Header::parse(&bad), Err(DecodeError::UnsupportedVersion { version: 2 }));
    let mut bad = good.clone();
    bad[10] = 40;
    assert_eq!(Header::parse(&bad), Err(DecodeError::UnsupportedLayout { header_size: 40 }));
    let mut bad = good.clone();
    bad[13] = 1;
    assert_eq!(Header::parse(&bad), Err(DecodeError::ReservedNotZero));
    let truncated = &good[..good.len() - 1];
    assert_eq!(
        Header::parse(truncated),
        Err(DecodeError::StreamExceedsBuffer { declared: (good.len() - HEADER_SIZE) as u64, available: truncated.len() - HEADER_SIZE })
    );
}

#[test]
fn output_of_the_wrong_size_is_refused() {
    let packed = compress(b"0123456789");
    assert_eq!(decode_to(&packed, 9), Err(DecodeError::OutputSizeMismatch { expected: 10, actual: 9 }));
}

#[test]
fn stream_rules() {
    // Two literals, then a match of 4 at offset 3: before the start.
    assert_eq!(
        decode_to(&packed_of(&[0x20, b'a', b'b', 3], 6), 6),
        Err(DecodeError::OffsetTooFar { at: 0, offset: 3, produced: 2 })
    );
    // A repeat before any offset.
    assert_eq!(decode_to(&packed_of(&[0x20, b'a', b'b', 0], 6), 6), Err(DecodeError::NoOffsetToRepeat { at: 0 }));
    // More literals than the output holds.
    assert_eq!(decode_to(&packed_of(&[0x30, b'a', b'b', b'c'], 2), 2), Err(DecodeError::OutputOverrun { at: 0 }));
    // A match longer than the rest of the output.
    assert_eq!(decode_to(&packed_of(&[0x11, b'a', 1], 5), 5), Err(DecodeError::OutputOverrun { at: 0 }));
    // Literals the stream does not hold.
    assert_eq!(decode_to(&packed_of(&[0x30, b'a'], 3), 3), Err(DecodeError::TruncatedStream { at: 2 }));
    // A sequence cut before its offset.
    assert_eq!(decode_to(&packed_of(&[0x10, b'a'], 6), 6), Err(DecodeError::TruncatedStream { at: 2 }));
    // Match bits on the last sequence.
    assert_eq!(decode_to(&packed_of(&[0x13, b'a'], 1), 1), Err(DecodeError::MatchAfterEnd { at: 0 }));
    // Bytes after the end.
    assert_eq!(decode_to(&packed_of(&[0x10, b'a', 0], 1), 1), Err(DecodeError::TrailingBytes { at: 2 }));
    // A varint of eleven bytes.
    let mut stream = vec![0xF0];
    stream.extend([0xFF; 10]);
    stream.push(0x01);
    assert_eq!(decode_to(&packed_of(&stream, 20), 20), Err(DecodeError::VarintOverflow { at: 11 }));
    // A huge literal count saturates and is refused, not wrapped.
    let mut stream = vec![0xF0];
    stream.extend([0xFF; 9]);
    stream.push(0x01);
    assert_eq!(decode_to(&packed_of(&stream, 20), 20), Err(DecodeError::OutputOverrun { at: 0 }));
}

#[test]
fn a_decoded_size_past_the_address_space_is_refused_before_decoding() {
    let mut packed = compress(b"x");
    packed[16..24].copy_from_slice(&u64::MAX.to_le_bytes());
    if usize::BITS < 64 {
        assert_eq!(Header::parse(&packed), Err(DecodeError::TooLarge { declared: u64::MAX }));
    } else {
        assert!(matches!(decode_to(&packed, 1), Err(DecodeError::OutputSizeMismatch { .. })));
    }
}
