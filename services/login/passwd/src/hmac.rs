//! HMAC-SHA-256 as specified in RFC 2104 (with FIPS 198-1's key rules).

use crate::sha256::{BLOCK_SIZE, DIGEST_SIZE, Sha256, sha256};

const INNER_PAD: u8 = 0x36;
const OUTER_PAD: u8 = 0x5C;

/// A key prepared for HMAC-SHA-256: the hash states after the inner and
/// outer padded key blocks, so each message costs no key processing.
///
/// PBKDF2 computes thousands of MACs under one key; with the pads
/// precomputed a MAC of a 32-byte message is two compressions.
#[derive(Clone, Debug)]
pub struct HmacSha256 {
    inner: Sha256,
    outer: Sha256,
}

impl HmacSha256 {
    /// Prepares `key`. Keys longer than a block are hashed first, as
    /// RFC 2104 says; any length, including empty, is valid.
    pub fn new(key: &[u8]) -> HmacSha256 {
        let mut block = [0u8; BLOCK_SIZE];
        if key.len() > BLOCK_SIZE {
            if let Some(start) = block.get_mut(..DIGEST_SIZE) {
                start.copy_from_slice(&sha256(key));
            }
        } else if let Some(start) = block.get_mut(..key.len()) {
            start.copy_from_slice(key);
        }
        let mut inner = Sha256::new();
        let mut outer = Sha256::new();
        inner.update(&block.map(|byte| byte ^ INNER_PAD));
        outer.update(&block.map(|byte| byte ^ OUTER_PAD));
        // Best effort: leave no copy of the key on this stack frame.
        block.fill(0);
        HmacSha256 { inner, outer }
    }

    /// The MAC of the message given in `parts`, concatenated.
    pub fn mac_parts(&self, parts: &[&[u8]]) -> [u8; DIGEST_SIZE] {
        let mut inner = self.inner.clone();
        for part in parts {
            inner.update(part);
        }
        let mut outer = self.outer.clone();
        outer.update(&inner.finalize());
        outer.finalize()
    }

    /// The MAC of `message`.
    pub fn mac(&self, message: &[u8]) -> [u8; DIGEST_SIZE] {
        self.mac_parts(&[message])
    }
}

/// HMAC-SHA-256 of `message` under `key`.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; DIGEST_SIZE] {
    HmacSha256::new(key).mac(message)
}

#[cfg(test)]
mod tests;
