//! What the compressor writes, the decoder reads back.

use crate::{HEADER_SIZE, Header, compress, decode};

fn round_trip(input: &[u8]) -> Vec<u8> {
    let packed = compress(input);
    let header = Header::parse(&packed).unwrap();
    assert_eq!(header.decoded_size(), input.len());
    assert_eq!(header.stream_size(), packed.len() - HEADER_SIZE);
    let mut output = vec![0xAA; input.len()];
    decode(&packed, &mut output).unwrap();
    assert_eq!(output, input);
    packed
}

#[test]
fn empty_input_is_a_header_alone() {
    assert_eq!(round_trip(b"").len(), HEADER_SIZE);
}

#[test]
fn short_input_is_literals() {
    round_trip(b"abc");
    round_trip(b"hello, world");
}

#[test]
fn runs_shrink_to_a_few_bytes() {
    let packed = round_trip(&[0; 100_000]);
    assert!(packed.len() < HEADER_SIZE + 10, "{} bytes", packed.len());
}

#[test]
fn overlapping_patterns_repeat() {
    let input: Vec<u8> = b"abc".iter().copied().cycle().take(1000).collect();
    assert!(round_trip(&input).len() < HEADER_SIZE + 10);
}

#[test]
fn a_copy_far_back_is_found() {
    // 300 KB apart: further than deflate's or LZ4's window.
    let block: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let mut input = block.clone();
    input.extend((0..300_000u32).map(|i| (i.wrapping_mul(40_503) >> 7) as u8));
    input.extend_from_slice(&block);
    let packed = round_trip(&input);
    let alone = compress(&input[..input.len() - block.len()]).len();
    assert!(packed.len() < alone + 16, "{} bytes for the copy", packed.len() - alone);
}

#[test]
fn a_copy_with_a_changed_byte_repeats_its_offset() {
    let block: Vec<u8> = (0..2000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8).collect();
    let mut changed = block.clone();
    changed[1000] ^= 0xff;
    let input = [block.as_slice(), &changed].concat();
    let packed = round_trip(&input);
    // Literals of the first copy, then two matches and a literal.
    assert!(packed.len() < HEADER_SIZE + block.len() + 16, "{} bytes", packed.len());
}

#[test]
fn long_literal_runs_and_long_matches_use_varints() {
    let random: Vec<u8> = (0..70_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 17) as u8).collect();
    let input = [random.as_slice(), &random].concat();
    round_trip(&input);
}
