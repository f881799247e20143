//! Unicode to code page 437, the character set of the VGA text mode font.

/// What a character without a CP437 glyph is shown as: `■` (0xFE). It is
/// also how a malformed UTF-8 sequence (U+FFFD) appears. A square is used
/// rather than `?` so that a missing glyph never looks like real text.
pub const PLACEHOLDER: u8 = 0xFE;

/// The characters of CP437 bytes 0x80 to 0xFF, in order.
const HIGH_HALF: [char; 128] = [
    'Ç', 'ü', 'é', 'â', 'ä', 'à', 'å', 'ç', 'ê', 'ë', 'è', 'ï', 'î', 'ì', 'Ä', 'Å', //
    'É', 'æ', 'Æ', 'ô', 'ö', 'ò', 'û', 'ù', 'ÿ', 'Ö', 'Ü', '¢', '£', '¥', '₧', 'ƒ', //
    'á', 'í', 'ó', 'ú', 'ñ', 'Ñ', 'ª', 'º', '¿', '⌐', '¬', '½', '¼', '¡', '«', '»', //
    '░', '▒', '▓', '│', '┤', '╡', '╢', '╖', '╕', '╣', '║', '╗', '╝', '╜', '╛', '┐', //
    '└', '┴', '┬', '├', '─', '┼', '╞', '╟', '╚', '╔', '╩', '╦', '╠', '═', '╬', '╧', //
    '╨', '╤', '╥', '╙', '╘', '╒', '╓', '╫', '╪', '┘', '┌', '█', '▄', '▌', '▐', '▀', //
    'α', 'ß', 'Γ', 'π', 'Σ', 'σ', 'µ', 'τ', 'Φ', 'Θ', 'Ω', 'δ', '∞', 'φ', 'ε', '∩', //
    '≡', '±', '≥', '≤', '⌠', '⌡', '÷', '≈', '°', '∙', '·', '√', 'ⁿ', '²', '■', '\u{A0}',
];

/// The pictures the VGA font has at bytes 0x01 to 0x1F. Those bytes are
/// control characters in the input stream, so only these Unicode
/// characters can put them on screen.
const LOW_GLYPHS: [char; 31] = [
    '☺', '☻', '♥', '♦', '♣', '♠', '•', '◘', '○', '◙', '♂', '♀', '♪', '♫', '☼', '►', //
    '◄', '↕', '‼', '¶', '§', '▬', '↨', '↑', '↓', '→', '←', '∟', '↔', '▲', '▼',
];

/// Look-alikes with a code point of their own that CP437 draws with the
/// same glyph (Greek letters the font shares with maths symbols).
const ALIASES: [(char, u8); 5] = [
    ('β', 0xE1),
    ('μ', 0xE6),
    ('Ω', 0xEA),
    ('∑', 0xE4),
    ('∈', 0xEE),
];

/// The CP437 byte that shows `character`, or [`PLACEHOLDER`].
///
/// ASCII maps to itself (callers handle control characters before this).
/// The rest is a linear search over about 160 entries, which only
/// non-ASCII text pays for.
pub fn encode(character: char) -> u8 {
    if character.is_ascii() {
        return character as u8;
    }
    if character == '⌂' {
        return 0x7F;
    }
    if let Some(index) = HIGH_HALF.iter().position(|&c| c == character) {
        return 0x80 | (index as u8);
    }
    if let Some(index) = LOW_GLYPHS.iter().position(|&c| c == character) {
        return index as u8 + 1;
    }
    ALIASES
        .iter()
        .find(|(c, _)| *c == character)
        .map_or(PLACEHOLDER, |&(_, byte)| byte)
}

/// The character CP437 byte `byte` shows (NUL shows as a space), for
/// reading the screen back as text.
pub fn decode(byte: u8) -> char {
    match byte {
        0 => ' ',
        0x01..=0x1F => LOW_GLYPHS
            .get(usize::from(byte) - 1)
            .copied()
            .unwrap_or(' '),
        0x7F => '⌂',
        0x80..=0xFF => HIGH_HALF
            .get(usize::from(byte) - 0x80)
            .copied()
            .unwrap_or(' '),
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_unchanged() {
        for byte in 0x20u8..0x7F {
            assert_eq!(encode(char::from(byte)), byte);
        }
    }

    #[test]
    fn box_drawing_and_accents_have_their_cp437_bytes() {
        assert_eq!(encode('é'), 0x82);
        assert_eq!(encode('Ç'), 0x80);
        assert_eq!(encode('─'), 0xC4);
        assert_eq!(encode('│'), 0xB3);
        assert_eq!(encode('┌'), 0xDA);
        assert_eq!(encode('╬'), 0xCE);
        assert_eq!(encode('█'), 0xDB);
        assert_eq!(encode('°'), 0xF8);
        assert_eq!(encode('\u{A0}'), 0xFF);
        assert_eq!(encode('☺'), 0x01);
        assert_eq!(encode('▼'), 0x1F);
        assert_eq!(encode('⌂'), 0x7F);
        assert_eq!(encode('β'), 0xE1);
    }

    #[test]
    fn every_high_byte_round_trips() {
        for (index, &character) in HIGH_HALF.iter().enumerate() {
            assert_eq!(usize::from(encode(character)), 0x80 + index, "{character}");
        }
    }

    #[test]
    fn decode_inverts_encode_for_every_byte_but_nul() {
        for byte in 1..=0xFFu8 {
            assert_eq!(encode(decode(byte)), byte);
        }
    }

    #[test]
    fn characters_without_a_glyph_become_the_placeholder() {
        assert_eq!(encode('€'), PLACEHOLDER);
        assert_eq!(encode('日'), PLACEHOLDER);
        assert_eq!(encode('\u{FFFD}'), PLACEHOLDER);
        assert_eq!(encode('😀'), PLACEHOLDER);
    }
}
