//! An incremental UTF-8 decoder: bytes may arrive one write at a time, and
//! a character split across two writes still comes out whole.

/// Decoding state between bytes: the bits gathered so far of a multi-byte
/// character and how many continuation bytes it still needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Utf8Decoder {
    code_point: u32,
    remaining: u8,
    /// The smallest code point the sequence's length may encode; anything
    /// below is an overlong encoding, which we reject like any malformed
    /// sequence.
    minimum: u32,
}

impl Utf8Decoder {
    /// Feeds one byte and passes each character it completes to `emit`.
    ///
    /// A malformed sequence gives one U+FFFD; the byte that showed it was
    /// malformed is then decoded afresh, so an ASCII byte (an escape, a
    /// newline) right after a truncated character is never lost.
    pub fn feed(&mut self, byte: u8, emit: &mut impl FnMut(char)) {
        if self.remaining > 0 {
            if byte & 0xC0 == 0x80 {
                self.code_point = (self.code_point << 6) | u32::from(byte & 0x3F);
                self.remaining -= 1;
                if self.remaining == 0 {
                    emit(self.finish());
                }
                return;
            }
            *self = Utf8Decoder::default();
            emit(char::REPLACEMENT_CHARACTER);
        }
        self.start(byte, emit);
    }

    fn start(&mut self, byte: u8, emit: &mut impl FnMut(char)) {
        let (bits, remaining, minimum) = match byte {
            0x00..=0x7F => {
                emit(char::from(byte));
                return;
            }
            0xC0..=0xDF => (byte & 0x1F, 1, 0x80),
            0xE0..=0xEF => (byte & 0x0F, 2, 0x800),
            0xF0..=0xF7 => (byte & 0x07, 3, 0x1_0000),
            // A stray continuation byte, or a lead byte no valid UTF-8 has.
            _ => {
                emit(char::REPLACEMENT_CHARACTER);
                return;
            }
        };
        *self = Utf8Decoder {
            code_point: u32::from(bits),
            remaining,
            minimum,
        };
    }

    /// The character the finished sequence encodes, or U+FFFD for an
    /// overlong form, a surrogate or a value past U+10FFFF.
    fn finish(&mut self) -> char {
        let decoded = core::mem::take(self);
        if decoded.code_point < decoded.minimum {
            return char::REPLACEMENT_CHARACTER;
        }
        char::from_u32(decoded.code_point).unwrap_or(char::REPLACEMENT_CHARACTER)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    fn decode(chunks: &[&[u8]]) -> String {
        let mut decoder = Utf8Decoder::default();
        let mut out = String::new();
        for chunk in chunks {
            for &byte in *chunk {
                decoder.feed(byte, &mut |c| out.push(c));
            }
        }
        out
    }

    #[test]
    fn decodes_valid_text() {
        assert_eq!(decode(&["aé─😀".as_bytes()]), "aé─😀");
    }

    #[test]
    fn a_character_split_across_writes_comes_out_whole() {
        let bytes = "é─😀".as_bytes();
        assert_eq!(
            decode(&[
                &bytes[..1],
                &bytes[1..3],
                &bytes[3..5],
                &bytes[5..8],
                &bytes[8..]
            ]),
            "é─😀"
        );
    }

    #[test]
    fn malformed_sequences_become_replacement_characters() {
        assert_eq!(decode(&[b"\x80a"]), "\u{FFFD}a");
        assert_eq!(decode(&[b"\xC3a"]), "\u{FFFD}a");
        assert_eq!(decode(&[b"\xE2\x94\x1b"]), "\u{FFFD}\x1b");
        assert_eq!(decode(&[b"\xC0\xAF"]), "\u{FFFD}");
        assert_eq!(decode(&[b"\xED\xA0\x80"]), "\u{FFFD}");
        assert_eq!(decode(&[b"\xF4\x90\x80\x80"]), "\u{FFFD}");
        assert_eq!(decode(&[b"\xFF\xFE"]), "\u{FFFD}\u{FFFD}");
        assert_eq!(decode(&[b"\xC3\xC3\xA9"]), "\u{FFFD}é");
    }
}
