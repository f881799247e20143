//! FIPS 180-4 example vectors (NIST "Examples with Intermediate Values",
//! SHA256.pdf, and the long-message vectors of FIPS 180-2 appendix B).

use super::*;
use crate::hex;
use alloc::vec;

fn hex_digest(data: &[u8]) -> alloc::string::String {
    hex::encode(&sha256(data))
}

#[test]
fn digest_of_abc() {
    assert_eq!(
        hex_digest(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn digest_of_empty_message() {
    assert_eq!(
        hex_digest(b""),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}

#[test]
fn digest_of_448_bit_message() {
    assert_eq!(
        hex_digest(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    );
}

#[test]
fn digest_of_896_bit_message() {
    assert_eq!(
        hex_digest(
            b"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno\
              ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        ),
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    );
}

#[test]
fn digest_of_a_million_a() {
    let mut hash = Sha256::new();
    // Uneven pieces exercise the partial-block path.
    let piece = vec![b'a'; 999];
    let mut left = 1_000_000usize;
    while left > 0 {
        let taken = left.min(piece.len());
        hash.update(&piece[..taken]);
        left -= taken;
    }
    assert_eq!(
        hex::encode(&hash.finalize()),
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    );
}

#[test]
fn pieces_give_the_same_digest_as_one_update() {
    let message: alloc::vec::Vec<u8> = (0..=255u8).cycle().take(300).collect();
    for split in [0, 1, 55, 56, 63, 64, 65, 128, 299, 300] {
        let mut hash = Sha256::new();
        hash.update(&message[..split]);
        hash.update(&message[split..]);
        assert_eq!(hash.finalize(), sha256(&message), "split at {split}");
    }
}

#[test]
fn padding_boundaries_do_not_break() {
    // Lengths around the 55/56-byte point where padding needs a second block.
    let expected_55 = sha256(&[b'x'; 55]);
    let expected_56 = sha256(&[b'x'; 56]);
    assert_ne!(expected_55, expected_56);
    for length in 0..200 {
        let message = vec![0x5Au8; length];
        let mut hash = Sha256::new();
        for byte in &message {
            hash.update(core::slice::from_ref(byte));
        }
        assert_eq!(hash.finalize(), sha256(&message));
    }
}
