//! PBKDF2 with HMAC-SHA-256 as its pseudorandom function (RFC 8018,
//! section 5.2).

use crate::hmac::HmacSha256;
use crate::sha256::DIGEST_SIZE;

/// Fills `output` with the key PBKDF2-HMAC-SHA-256 derives from
/// `password` and `salt` with `iterations` rounds.
///
/// Each iteration costs two SHA-256 compressions (the MAC of a 32-byte
/// value under a prepared key), per 32 bytes of output. Zero iterations
/// are treated as one, the least RFC 8018 allows; an output longer than
/// RFC 8018's limit cannot be asked for on any real machine (2^32 - 1
/// blocks of 32 bytes), so block numbers simply wrap.
pub fn pbkdf2_hmac_sha256(password: &[u8], salt: &[u8], iterations: u32, output: &mut [u8]) {
    let prf = HmacSha256::new(password);
    let mut block_number: u32 = 1;
    for chunk in output.chunks_mut(DIGEST_SIZE) {
        let block = derive_block(&prf, salt, iterations, block_number);
        if let Some(source) = block.get(..chunk.len()) {
            chunk.copy_from_slice(source);
        }
        block_number = block_number.wrapping_add(1);
    }
}

/// The function F of RFC 8018: U_1 xor U_2 xor ... xor U_c.
fn derive_block(
    prf: &HmacSha256,
    salt: &[u8],
    iterations: u32,
    block_number: u32,
) -> [u8; DIGEST_SIZE] {
    let mut previous = prf.mac_parts(&[salt, &block_number.to_be_bytes()]);
    let mut result = previous;
    for _ in 1..iterations {
        previous = prf.mac(&previous);
        for (byte, added) in result.iter_mut().zip(previous) {
            *byte ^= added;
        }
    }
    result
}

#[cfg(test)]
mod tests;
