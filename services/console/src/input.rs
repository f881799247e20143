//! What a key press means to the console: switch consoles, scroll the
//! view back, or bytes of input for the program reading the console.
//!
//! Keys become the bytes a terminal sends (arrows as `ESC [ A` and so on,
//! as xterm and the Linux console do), so a program reads the same input
//! from a virtual console as from the serial line, where the terminal at
//! the other end produces those sequences itself.

use keyboard::api::{Key, SpecialKey};

/// At most this many bytes of input per key (`ESC [ 1 5 ~` is the longest).
pub const MAX_KEY_BYTES: usize = 8;

/// What a key press does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Put virtual console `n` on the screen (Alt+F1 is 0).
    Switch(usize),
    /// Move the view into the history by this many lines (positive: back
    /// in time), as Shift+PgUp and Shift+PgDn do.
    Scroll(isize),
    /// Input for the console: `bytes[..len]`.
    Input {
        /// The bytes, UTF-8 or an escape sequence.
        bytes: [u8; MAX_KEY_BYTES],
        /// How many of them count.
        len: usize,
    },
    /// The key means nothing to a console.
    Nothing,
}

impl Action {
    fn input(text: &[u8]) -> Action {
        let mut bytes = [0; MAX_KEY_BYTES];
        let len = text.len().min(MAX_KEY_BYTES);
        bytes[..len].copy_from_slice(&text[..len]);
        Action::Input { bytes, len }
    }

    /// The input bytes, if this is input.
    pub fn input_bytes(&self) -> Option<&[u8]> {
        match self {
            Action::Input { bytes, len } => bytes.get(..*len),
            _ => None,
        }
    }
}

/// What `key` does on a screen `rows` lines high.
pub fn action(key: &Key, rows: usize) -> Action {
    let page = isize::try_from(rows / 2).unwrap_or(1).max(1);
    let modifiers = &key.modifiers;
    if modifiers.alt
        && let Some(index) = function_key_index(key.special)
    {
        return Action::Switch(index);
    }
    if modifiers.shift {
        match key.special {
            SpecialKey::PageUp => return Action::Scroll(page),
            SpecialKey::PageDown => return Action::Scroll(-page),
            SpecialKey::Up => return Action::Scroll(1),
            SpecialKey::Down => return Action::Scroll(-1),
            _ => {}
        }
    }
    if key.special == SpecialKey::None {
        return match char::from_u32(key.character) {
            Some(character) if key.character != 0 => {
                let mut buffer = [0; 4];
                Action::input(character.encode_utf8(&mut buffer).as_bytes())
            }
            _ => Action::Nothing,
        };
    }
    match escape_sequence(key.special) {
        Some(sequence) => Action::input(sequence),
        None => Action::Nothing,
    }
}

/// F1 is 0, F12 is 11.
fn function_key_index(special: SpecialKey) -> Option<usize> {
    let keys = [
        SpecialKey::F1,
        SpecialKey::F2,
        SpecialKey::F3,
        SpecialKey::F4,
        SpecialKey::F5,
        SpecialKey::F6,
        SpecialKey::F7,
        SpecialKey::F8,
        SpecialKey::F9,
        SpecialKey::F10,
        SpecialKey::F11,
        SpecialKey::F12,
    ];
    keys.iter().position(|candidate| *candidate == special)
}

/// The xterm sequences for keys that type nothing.
fn escape_sequence(special: SpecialKey) -> Option<&'static [u8]> {
    Some(match special {
        SpecialKey::None => return None,
        SpecialKey::Up => b"\x1b[A",
        SpecialKey::Down => b"\x1b[B",
        SpecialKey::Right => b"\x1b[C",
        SpecialKey::Left => b"\x1b[D",
        SpecialKey::Home => b"\x1b[H",
        SpecialKey::End => b"\x1b[F",
        SpecialKey::Insert => b"\x1b[2~",
        SpecialKey::Delete => b"\x1b[3~",
        SpecialKey::PageUp => b"\x1b[5~",
        SpecialKey::PageDown => b"\x1b[6~",
        SpecialKey::F1 => b"\x1bOP",
        SpecialKey::F2 => b"\x1bOQ",
        SpecialKey::F3 => b"\x1bOR",
        SpecialKey::F4 => b"\x1bOS",
        SpecialKey::F5 => b"\x1b[15~",
        SpecialKey::F6 => b"\x1b[17~",
        SpecialKey::F7 => b"\x1b[18~",
        SpecialKey::F8 => b"\x1b[19~",
        SpecialKey::F9 => b"\x1b[20~",
        SpecialKey::F10 => b"\x1b[21~",
        SpecialKey::F11 => b"\x1b[23~",
        SpecialKey::F12 => b"\x1b[24~",
    })
}

#[cfg(test)]
mod tests {
    use keyboard::api::Modifiers;

    use super::*;

    fn key(character: char, special: SpecialKey, shift: bool, alt: bool) -> Key {
        Key { character: character as u32, special, modifiers: Modifiers { shift, control: false, alt }, stamp: 0 }
    }

    #[test]
    fn alt_function_keys_switch() {
        assert_eq!(action(&key('\0', SpecialKey::F1, false, true), 25), Action::Switch(0));
        assert_eq!(action(&key('\0', SpecialKey::F4, false, true), 25), Action::Switch(3));
        // Without Alt, F1 is input for the program.
        assert_eq!(action(&key('\0', SpecialKey::F1, false, false), 25).input_bytes(), Some(&b"\x1bOP"[..]));
    }

    #[test]
    fn shift_page_keys_scroll_half_a_screen() {
        assert_eq!(action(&key('\0', SpecialKey::PageUp, true, false), 25), Action::Scroll(12));
        assert_eq!(action(&key('\0', SpecialKey::PageDown, true, false), 25), Action::Scroll(-12));
        assert_eq!(action(&key('\0', SpecialKey::PageUp, false, false), 25).input_bytes(), Some(&b"\x1b[5~"[..]));
    }

    #[test]
    fn characters_are_utf8_input() {
        assert_eq!(action(&key('a', SpecialKey::None, false, false), 25).input_bytes(), Some(&b"a"[..]));
        assert_eq!(action(&key('é', SpecialKey::None, false, false), 25).input_bytes(), Some("é".as_bytes()));
        assert_eq!(action(&key('\0', SpecialKey::None, false, false), 25), Action::Nothing);
        assert_eq!(action(&key('\0', SpecialKey::Left, false, false), 25).input_bytes(), Some(&b"\x1b[D"[..]));
    }

    #[test]
    fn an_invalid_character_is_nothing() {
        let mut surrogate = key('\0', SpecialKey::None, false, false);
        surrogate.character = 0xD800;
        assert_eq!(action(&surrogate, 25), Action::Nothing);
    }
}
