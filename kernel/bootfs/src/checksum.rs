//! FNV-1a 32, the checksum over file data and over the archive's metadata.
//!
//! Chosen over CRC32 because it needs no lookup table and is a few lines, and it
//! still catches what matters here: every change of a single byte. Each step
//! `state = (state ^ byte) * PRIME` is a bijection of the state for a fixed
//! byte, and for a fixed state it maps different bytes to different states, so a
//! one-byte change can never be undone by later bytes. It is not a cryptographic
//! hash: it detects corruption, not tampering (whoever can rewrite the ramdisk
//! can rewrite the kernel as well).

/// An FNV-1a 32-bit hasher that can be fed in several pieces.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fnv1a32 {
    state: u32,
}

impl Fnv1a32 {
    /// The FNV-1 32-bit offset basis.
    const OFFSET_BASIS: u32 = 0x811c_9dc5;
    /// The FNV 32-bit prime, 2^24 + 2^8 + 0x93.
    const PRIME: u32 = 0x0100_0193;

    /// Starts a hash over no bytes.
    pub(crate) const fn new() -> Self {
        Self {
            state: Self::OFFSET_BASIS,
        }
    }

    /// Feeds `bytes` into the hash.
    pub(crate) fn update(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            // Wrapping is part of the algorithm (arithmetic mod 2^32), and
            // release builds trap on plain overflow.
            self.state = (self.state ^ u32::from(byte)).wrapping_mul(Self::PRIME);
        }
    }

    /// The hash of everything fed so far.
    pub(crate) const fn finish(self) -> u32 {
        self.state
    }
}

/// The FNV-1a 32 hash of `bytes`.
pub(crate) fn fnv1a32(bytes: &[u8]) -> u32 {
    let mut hasher = Fnv1a32::new();
    hasher.update(bytes);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::{Fnv1a32, fnv1a32};

    #[test]
    fn matches_published_fnv1a32_test_vectors() {
        // From the FNV reference test suite (Noll, "FNV hash" test vectors).
        assert_eq!(fnv1a32(b""), 0x811c_9dc5);
        assert_eq!(fnv1a32(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a32(b"foobar"), 0xbf9c_f968);
    }

    #[test]
    fn hashing_in_pieces_equals_hashing_at_once() {
        let mut hasher = Fnv1a32::new();
        hasher.update(b"foo");
        hasher.update(b"");
        hasher.update(b"bar");
        assert_eq!(hasher.finish(), fnv1a32(b"foobar"));
    }
}
