//! The HMAC-SHA-256 test cases of RFC 4231, section 4.

use super::*;
use crate::hex;
use alloc::vec;

fn mac_hex(key: &[u8], message: &[u8]) -> alloc::string::String {
    hex::encode(&hmac_sha256(key, message))
}

#[test]
fn rfc4231_case_1() {
    assert_eq!(
        mac_hex(&[0x0b; 20], b"Hi There"),
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
    );
}

#[test]
fn rfc4231_case_2_short_key() {
    assert_eq!(
        mac_hex(b"Jefe", b"what do ya want for nothing?"),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
}

#[test]
fn rfc4231_case_3() {
    assert_eq!(
        mac_hex(&[0xaa; 20], &[0xdd; 50]),
        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
    );
}

#[test]
fn rfc4231_case_4() {
    let key: alloc::vec::Vec<u8> = (1..=25).collect();
    assert_eq!(
        mac_hex(&key, &[0xcd; 50]),
        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
    );
}

#[test]
fn rfc4231_case_5_truncated() {
    let mac = hmac_sha256(&[0x0c; 20], b"Test With Truncation");
    assert_eq!(hex::encode(&mac[..16]), "a3b6167473100ee06e0c796c2955552b");
}

#[test]
fn rfc4231_case_6_key_longer_than_a_block() {
    assert_eq!(
        mac_hex(
            &[0xaa; 131],
            b"Test Using Larger Than Block-Size Key - Hash Key First"
        ),
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
    );
}

#[test]
fn rfc4231_case_7_long_key_and_message() {
    assert_eq!(
        mac_hex(
            &[0xaa; 131],
            b"This is a test using a larger than block-size key and a larger than \
              block-size data. The key needs to be hashed before being used by the \
              HMAC algorithm."
        ),
        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
    );
}

#[test]
fn message_in_parts_equals_whole() {
    let key = HmacSha256::new(b"key");
    let message = vec![7u8; 100];
    assert_eq!(
        key.mac_parts(&[&message[..30], &message[30..]]),
        key.mac(&message)
    );
}

#[test]
fn a_key_of_exactly_one_block_is_not_hashed() {
    let key = [0x42u8; 64];
    let mut longer = [0x42u8; 65];
    longer[64] = 0;
    assert_ne!(hmac_sha256(&key, b"m"), hmac_sha256(&longer, b"m"));
}
