//! Property tests: any input survives a round trip, and any bytes, or any
//! corruption of a valid stream, give an error or an output, never a panic.

use proptest::collection::vec;
use proptest::prelude::*;

use crate::{HEADER_SIZE, Header, compress, decode};

/// Bytes with repeats in them, as programs have: pieces of a small alphabet.
fn compressible() -> impl Strategy<Value = Vec<u8>> {
    vec(prop_oneof![vec(0u8..4, 0..40), vec(any::<u8>(), 0..8)], 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn round_trip(input in compressible()) {
        let packed = compress(&input);
        let mut output = vec![0; input.len()];
        decode(&packed, &mut output).unwrap();
        prop_assert_eq!(output, input);
    }

    #[test]
    fn arbitrary_stream_never_panics(stream in vec(any::<u8>(), 0..200), size in 0usize..300) {
        let mut packed = Header::to_bytes(size, stream.len()).to_vec();
        packed.extend_from_slice(&stream);
        let mut output = vec![0; size];
        let _ = decode(&packed, &mut output);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..100), size in 0usize..100) {
        let mut output = vec![0; size];
        let _ = decode(&bytes, &mut output);
    }

    #[test]
    fn corrupted_stream_never_panics(input in compressible(), at in any::<prop::sample::Index>(), value in any::<u8>()) {
        let mut packed = compress(&input);
        if packed.len() > HEADER_SIZE {
            let index = HEADER_SIZE + at.index(packed.len() - HEADER_SIZE);
            packed[index] = value;
        }
        let mut output = vec![0; input.len()];
        let _ = decode(&packed, &mut output);
    }
}
