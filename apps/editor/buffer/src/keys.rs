//! Terminal input to keys: UTF-8 text, control characters and the escape
//! sequences ANSI terminals send for special keys.

/// One key press, as the editor sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Key {
    /// A printable character.
    Character(char),
    /// `\r` or `\n` (`\r\n` is one Enter).
    Enter,
    /// Tab.
    Tab,
    /// 0x7F or 0x08.
    Backspace,
    /// `ESC [ 3 ~`.
    Delete,
    /// Arrows (`ESC [ A`..`D`, `ESC O A`..`D`).
    Up,
    /// Down arrow.
    Down,
    /// Right arrow.
    Right,
    /// Left arrow.
    Left,
    /// Home (`ESC [ H`, `ESC [ 1 ~`, `ESC [ 7 ~`, `ESC O H`) or Ctrl-A.
    Home,
    /// End (`ESC [ F`, `ESC [ 4 ~`, `ESC [ 8 ~`, `ESC O F`) or Ctrl-E.
    End,
    /// `ESC [ 5 ~`.
    PageUp,
    /// `ESC [ 6 ~`.
    PageDown,
    /// Ctrl-S.
    Save,
    /// Ctrl-Q.
    Quit,
}

/// Parameter bytes kept of a sequence; longer ones are still swallowed.
const MAX_PARAMETER_BYTES: usize = 8;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum State {
    #[default]
    Ground,
    /// Inside UTF-8: the code point so far, continuation bytes to come,
    /// and the least value this length may encode.
    Utf8 {
        value: u32,
        remaining: u8,
        minimum: u32,
    },
    /// After ESC.
    Escape,
    /// After `ESC [`.
    ControlSequence {
        parameters: [u8; MAX_PARAMETER_BYTES],
        length: usize,
    },
    /// After `ESC O`.
    SingleShift,
}

/// Turns bytes into [`Key`]s; keys may be split across calls. Malformed
/// UTF-8, other control characters and unknown sequences give nothing.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct KeyDecoder {
    state: State,
    after_carriage_return: bool,
}

impl KeyDecoder {
    /// The key that `byte` completes, if any.
    pub(crate) fn feed(&mut self, byte: u8) -> Option<Key> {
        let after_carriage_return = core::mem::take(&mut self.after_carriage_return);
        match self.state {
            State::Ground => self.ground(byte, after_carriage_return),
            State::Utf8 {
                value,
                remaining,
                minimum,
            } => self.continuation(byte, value, remaining, minimum),
            State::Escape => {
                self.state = match byte {
                    b'[' => State::ControlSequence {
                        parameters: [0; MAX_PARAMETER_BYTES],
                        length: 0,
                    },
                    b'O' => State::SingleShift,
                    0x1B => State::Escape,
                    _ => State::Ground,
                };
                None
            }
            State::ControlSequence {
                mut parameters,
                length,
            } => {
                self.state = State::Ground;
                match byte {
                    0x20..=0x3F => {
                        if let Some(slot) = parameters.get_mut(length) {
                            *slot = byte;
                        }
                        let length = length.saturating_add(1).min(MAX_PARAMETER_BYTES + 1);
                        self.state = State::ControlSequence { parameters, length };
                        None
                    }
                    0x40..=0x7E => sequence_key(parameters.get(..length).unwrap_or(&[]), byte),
                    _ => None,
                }
            }
            State::SingleShift => {
                self.state = State::Ground;
                sequence_key(&[], byte)
            }
        }
    }

    fn ground(&mut self, byte: u8, after_carriage_return: bool) -> Option<Key> {
        let (state, key) = match byte {
            b'\n' if after_carriage_return => (State::Ground, None),
            b'\r' => {
                self.after_carriage_return = true;
                (State::Ground, Some(Key::Enter))
            }
            0x1B => (State::Escape, None),
            0xC2..=0xDF => (
                State::Utf8 {
                    value: u32::from(byte & 0x1F),
                    remaining: 1,
                    minimum: 0x80,
                },
                None,
            ),
            0xE0..=0xEF => (
                State::Utf8 {
                    value: u32::from(byte & 0x0F),
                    remaining: 2,
                    minimum: 0x800,
                },
                None,
            ),
            0xF0..=0xF4 => (
                State::Utf8 {
                    value: u32::from(byte & 0x07),
                    remaining: 3,
                    minimum: 0x1_0000,
                },
                None,
            ),
            0x80..=0xFF => (State::Ground, None),
            _ => (State::Ground, ascii_key(byte)),
        };
        self.state = state;
        key
    }

    fn continuation(&mut self, byte: u8, value: u32, remaining: u8, minimum: u32) -> Option<Key> {
        if byte & 0xC0 != 0x80 {
            self.state = State::Ground;
            return self.ground(byte, false);
        }
        let value = value << 6 | u32::from(byte & 0x3F);
        if remaining > 1 {
            self.state = State::Utf8 {
                value,
                remaining: remaining - 1,
                minimum,
            };
            return None;
        }
        self.state = State::Ground;
        let character = char::from_u32(value).filter(|_| value >= minimum)?;
        (!character.is_control()).then_some(Key::Character(character))
    }
}

fn ascii_key(byte: u8) -> Option<Key> {
    Some(match byte {
        b'\n' => Key::Enter,
        b'\t' => Key::Tab,
        0x08 | 0x7F => Key::Backspace,
        0x01 => Key::Home,
        0x05 => Key::End,
        0x11 => Key::Quit,
        0x13 => Key::Save,
        _ if byte.is_ascii_control() => return None,
        _ => Key::Character(char::from(byte)),
    })
}

/// The key of `ESC [ parameters final` (or `ESC O final`, with no
/// parameters). Modifiers (`ESC [ 1 ; 5 C`) are ignored.
fn sequence_key(parameters: &[u8], final_byte: u8) -> Option<Key> {
    match (parameters, final_byte) {
        (_, b'A') => Some(Key::Up),
        (_, b'B') => Some(Key::Down),
        (_, b'C') => Some(Key::Right),
        (_, b'D') => Some(Key::Left),
        (_, b'H') => Some(Key::Home),
        (_, b'F') => Some(Key::End),
        (b"1" | b"7", b'~') => Some(Key::Home),
        (b"4" | b"8", b'~') => Some(Key::End),
        (b"3", b'~') => Some(Key::Delete),
        (b"5", b'~') => Some(Key::PageUp),
        (b"6", b'~') => Some(Key::PageDown),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    fn keys(bytes: &[u8]) -> Vec<Key> {
        let mut decoder = KeyDecoder::default();
        bytes
            .iter()
            .filter_map(|&byte| decoder.feed(byte))
            .collect()
    }

    #[test]
    fn special_keys() {
        let input = b"\x1b[5~\x1b[6~\x1b[3~\x1b[H\x1b[F\x1b[1~\x1b[4~\x1bOH\x1bOF\x1b[A\x1bOB\x13\x11\t\x7f\x08";
        assert_eq!(
            keys(input),
            [
                Key::PageUp,
                Key::PageDown,
                Key::Delete,
                Key::Home,
                Key::End,
                Key::Home,
                Key::End,
                Key::Home,
                Key::End,
                Key::Up,
                Key::Down,
                Key::Save,
                Key::Quit,
                Key::Tab,
                Key::Backspace,
                Key::Backspace,
            ]
        );
    }

    #[test]
    fn text_and_enter() {
        assert_eq!(
            keys("é\r\n\n".as_bytes()),
            [Key::Character('é'), Key::Enter, Key::Enter]
        );
    }

    #[test]
    fn junk_gives_nothing() {
        assert_eq!(
            keys(b"\x1b[99~\x1b[2J\x1bx\x00\x07\xff\xc0\xaf\x1b[1111111111111~"),
            []
        );
    }
}
