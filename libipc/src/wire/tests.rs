//! Unit tests of the codec: layouts, and each named decode error.

use super::*;

fn encoded<T: Wire>(value: &T) -> ([u8; 64], usize) {
    let mut buffer = [0u8; 64];
    let len = encode_to(value, &mut buffer).unwrap();
    (buffer, len)
}

#[test]
fn integers_are_little_endian_and_aligned() {
    #[derive(Debug, Default, PartialEq)]
    struct Pair(u8, u32);
    impl Wire for Pair {
        fn encode(&self, encoder: &mut Encoder<'_>) -> Result<(), EncodeError> {
            self.0.encode(encoder)?;
            self.1.encode(encoder)
        }
        fn decode(decoder: &mut Decoder<'_>) -> Result<Self, DecodeError> {
            Ok(Pair(u8::decode(decoder)?, u32::decode(decoder)?))
        }
    }
    let (buffer, len) = encoded(&Pair(7, 0x0102_0304));
    assert_eq!(&buffer[..len], &[7, 0, 0, 0, 4, 3, 2, 1]);
    assert_eq!(
        decode_from::<Pair>(&buffer[..len]),
        Ok(Pair(7, 0x0102_0304))
    );
    assert_eq!(
        decode_from::<Pair>(&[7, 0, 1, 0, 4, 3, 2, 1]),
        Err(DecodeError::BadPadding)
    );
}

#[test]
fn strings_are_length_prefixed_and_checked() {
    let text = BoundedString::<8>::try_from_str("héllo").unwrap();
    let (buffer, len) = encoded(&text);
    assert_eq!(&buffer[..4], &[6, 0, 0, 0]);
    assert_eq!(
        decode_from::<BoundedString<8>>(&buffer[..len])
            .unwrap()
            .as_str(),
        "héllo"
    );
    assert_eq!(
        decode_from::<BoundedString<4>>(&buffer[..len]),
        Err(DecodeError::StringTooLong)
    );
    assert_eq!(
        decode_from::<BoundedString<8>>(&[2, 0, 0, 0, 0xff, 0xfe]),
        Err(DecodeError::InvalidUtf8)
    );
    assert_eq!(
        BoundedString::<2>::try_from_str("abc"),
        Err(EncodeError::TooLong)
    );
}

#[test]
fn short_and_long_payloads_are_rejected() {
    assert_eq!(decode_from::<u32>(&[1, 2]), Err(DecodeError::TooShort));
    assert_eq!(decode_from::<u8>(&[1, 2]), Err(DecodeError::TrailingBytes));
    assert_eq!(
        decode_from::<BoundedString<8>>(&[5, 0, 0, 0, b'a']),
        Err(DecodeError::TooShort)
    );
    assert_eq!(
        decode_from::<BoundedString<8>>(&[0xff, 0xff, 0xff, 0xff]),
        Err(DecodeError::StringTooLong)
    );
}

#[test]
fn bools_and_vectors_validate() {
    assert_eq!(decode_from::<bool>(&[2]), Err(DecodeError::BadValue));
    let values = BoundedVec::<u16, 3>::try_from_slice(&[1, 2, 3]).unwrap();
    let (buffer, len) = encoded(&values);
    assert_eq!(&buffer[..len], &[3, 0, 0, 0, 1, 0, 2, 0, 3, 0]);
    assert_eq!(
        decode_from::<BoundedVec<u16, 3>>(&buffer[..len]),
        Ok(values)
    );
    assert_eq!(
        decode_from::<BoundedVec<u16, 2>>(&buffer[..len]),
        Err(DecodeError::TooLong)
    );
    assert_eq!(
        decode_from::<BoundedBytes<1>>(&[2, 0, 0, 0, 1, 2]),
        Err(DecodeError::TooLong)
    );
}

#[test]
fn a_full_buffer_is_an_error() {
    let mut buffer = [0u8; 3];
    assert_eq!(encode_to(&7u32, &mut buffer), Err(EncodeError::BufferFull));
}

#[test]
fn decoding_in_place_matches_decoding_and_leaves_no_stale_items() {
    // A longer value first, then a shorter one into the same place: the
    // result must equal a fresh decode, slots and bytes past it included
    // (`BoundedString` and `BoundedBytes` compare all their bytes).
    let long = BoundedVec::<u16, 4>::try_from_slice(&[1, 2, 3]).unwrap();
    let short = BoundedVec::<u16, 4>::try_from_slice(&[9]).unwrap();
    let mut value = BoundedVec::<u16, 4>::new();
    for expected in [long, short] {
        let (buffer, len) = encoded(&expected);
        assert_eq!(decode_in_place(&buffer[..len], &mut value), Ok(()));
        assert_eq!(value, expected);
    }
    let mut text = BoundedString::<8>::new();
    for expected in ["héllo", "hi"] {
        let expected = BoundedString::<8>::try_from_str(expected).unwrap();
        let (buffer, len) = encoded(&expected);
        assert_eq!(decode_in_place(&buffer[..len], &mut text), Ok(()));
        assert_eq!(text, expected);
    }
    let mut bytes = BoundedBytes::<4>::new();
    for expected in [&[1u8, 2, 3][..], &[4]] {
        let expected = BoundedBytes::<4>::try_from_slice(expected).unwrap();
        let (buffer, len) = encoded(&expected);
        assert_eq!(decode_in_place(&buffer[..len], &mut bytes), Ok(()));
        assert_eq!(bytes, expected);
    }
}

#[test]
fn decoding_in_place_reports_the_same_errors() {
    // Too long, cut short, trailing bytes, bad UTF-8.
    let mut values = BoundedVec::<u16, 2>::new();
    assert_eq!(decode_in_place(&[3, 0, 0, 0], &mut values), Err(DecodeError::TooLong));
    assert_eq!(decode_in_place(&[2, 0, 0, 0, 1, 0], &mut values), Err(DecodeError::TooShort));
    assert!(values.is_empty(), "a failed decode leaves no half-filled vector");
    assert_eq!(decode_in_place(&[0, 0, 0, 0, 7], &mut values), Err(DecodeError::TrailingBytes));
    let mut text = BoundedString::<4>::new();
    assert_eq!(decode_in_place(&[1, 0, 0, 0, 0xFF], &mut text), Err(DecodeError::InvalidUtf8));
    assert_eq!(decode_in_place(&[5, 0, 0, 0, b'a', b'b', b'c', b'd', b'e'], &mut text), Err(DecodeError::StringTooLong));
    let mut array = [0u32; 2];
    assert_eq!(decode_in_place(&[1, 0, 0, 0, 2, 0, 0, 0], &mut array), Ok(()));
    assert_eq!(array, [1, 2]);
}

#[test]
fn integers_in_a_row_decode_as_one_at_a_time_would() {
    // Padding before the first only, bad padding, too few bytes: the same
    // value or error through `decode_from` (one element at a time for the
    // vector's own decode) and in place (all at once).
    let cases: [&[u8]; 7] = [
        // Empty: no padding after the count.
        &[0, 0, 0, 0],
        &[0, 0, 0, 0, 0, 0, 0, 0],
        &[2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0],
        &[2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0],
        &[2, 0, 0, 0, 9, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0],
        &[2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0],
        &[1, 0, 0, 0, 0, 0],
    ];
    for bytes in cases {
        let fresh = decode_from::<BoundedVec<u64, 4>>(bytes);
        let mut in_place = BoundedVec::<u64, 4>::new();
        let result = decode_in_place(bytes, &mut in_place).map(|()| in_place);
        assert_eq!(result, fresh, "{bytes:?}");
    }
    assert_eq!(
        decode_from::<BoundedVec<u64, 4>>(cases[3]).map(|values| values.as_slice().to_vec()),
        Ok(vec![1, 2])
    );
    assert_eq!(decode_from::<BoundedVec<u64, 4>>(cases[0]).map(|values| values.len()), Ok(0));
    assert_eq!(decode_from::<BoundedVec<u64, 4>>(cases[1]), Err(DecodeError::TrailingBytes));
}
