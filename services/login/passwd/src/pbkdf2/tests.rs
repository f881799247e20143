//! PBKDF2-HMAC-SHA-256 vectors: RFC 7914 (scrypt), section 11, and the
//! SHA-256 counterparts of RFC 6070's vectors as published in
//! draft-josefsson-pbkdf2-test-vectors (widely quoted, e.g. on Stack
//! Overflow question 5130513).

use super::*;
use crate::hex;

fn derive_hex(
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    length: usize,
) -> alloc::string::String {
    let mut output = alloc::vec![0u8; length];
    pbkdf2_hmac_sha256(password, salt, iterations, &mut output);
    hex::encode(&output)
}

#[test]
fn rfc7914_one_iteration() {
    assert_eq!(
        derive_hex(b"passwd", b"salt", 1, 64),
        "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc\
         49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"
    );
}

#[test]
fn rfc7914_80000_iterations() {
    assert_eq!(
        derive_hex(b"Password", b"NaCl", 80_000, 64),
        "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56\
         a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"
    );
}

#[test]
fn published_vectors_password_salt() {
    assert_eq!(
        derive_hex(b"password", b"salt", 1, 32),
        "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"
    );
    assert_eq!(
        derive_hex(b"password", b"salt", 2, 32),
        "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"
    );
    assert_eq!(
        derive_hex(b"password", b"salt", 4096, 32),
        "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"
    );
}

#[test]
fn partial_last_block_is_a_prefix_of_the_full_one() {
    let long = derive_hex(b"p", b"s", 3, 64);
    let short = derive_hex(b"p", b"s", 3, 40);
    assert_eq!(&long[..80], short);
}

#[test]
fn zero_iterations_count_as_one() {
    assert_eq!(derive_hex(b"p", b"s", 0, 32), derive_hex(b"p", b"s", 1, 32));
}
