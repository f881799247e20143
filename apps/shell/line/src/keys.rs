//! Terminal input to keys: UTF-8 text, control characters and the escape
//! sequences that ANSI terminals send for special keys.

/// One key press, as the line editor sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Key {
    /// A printable character.
    Character(char),
    /// `\r` or `\n` (`\r\n` is one Enter).
    Enter,
    /// 0x7F or 0x08: erase the character before the cursor.
    Backspace,
    /// `ESC [ 3 ~`: erase the character under the cursor.
    Delete,
    /// Left arrow or Ctrl-B.
    Left,
    /// Right arrow or Ctrl-F.
    Right,
    /// Up arrow or Ctrl-P: the previous history entry.
    Up,
    /// Down arrow or Ctrl-N: the next history entry.
    Down,
    /// Home or Ctrl-A.
    Home,
    /// End or Ctrl-E.
    End,
    /// Tab: a completion request.
    Tab,
    /// Ctrl-C.
    Interrupt,
    /// Ctrl-D.
    EndOfFile,
    /// Ctrl-U: erase from the start of the line to the cursor.
    KillToStart,
    /// Ctrl-K: erase from the cursor to the end of the line.
    KillToEnd,
    /// Ctrl-W: erase the word before the cursor.
    KillWord,
    /// Ctrl-L: clear the screen and redraw the line.
    ClearScreen,
}

/// Longest escape sequence kept; longer ones are swallowed to their end.
const MAX_PARAMETER_BYTES: usize = 16;

/// Where the decoder is between bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum State {
    #[default]
    Ground,
    /// Inside a UTF-8 sequence: the code point so far and the continuation
    /// bytes still expected.
    Utf8 {
        value: u32,
        remaining: u8,
        minimum: u32,
    },
    /// After ESC.
    Escape,
    /// After `ESC [`, with the parameter bytes so far.
    ControlSequence {
        parameters: [u8; MAX_PARAMETER_BYTES],
        length: usize,
    },
    /// After `ESC O` (application cursor keys): one more byte.
    SingleShift,
}

/// Turns a byte stream into [`Key`]s. Keys may be split across calls;
/// malformed UTF-8 and unknown sequences produce nothing.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct KeyDecoder {
    state: State,
    /// The last byte was `\r`, so a `\n` now is the same Enter.
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
                    // Alt+key and the like: swallowed.
                    _ => State::Ground,
                };
                None
            }
            State::ControlSequence {
                mut parameters,
                length,
            } => match byte {
                0x20..=0x3F => {
                    if let Some(slot) = parameters.get_mut(length) {
                        *slot = byte;
                    }
                    let length = length.saturating_add(1).min(MAX_PARAMETER_BYTES + 1);
                    self.state = State::ControlSequence { parameters, length };
                    None
                }
                0x40..=0x7E => {
                    self.state = State::Ground;
                    let parameters = parameters.get(..length).unwrap_or(&[]);
                    control_sequence_key(parameters, byte)
                }
                // Not part of a sequence: give up on it.
                _ => {
                    self.state = State::Ground;
                    None
                }
            },
            State::SingleShift => {
                self.state = State::Ground;
                match byte {
                    b'A' => Some(Key::Up),
                    b'B' => Some(Key::Down),
                    b'C' => Some(Key::Right),
                    b'D' => Some(Key::Left),
                    b'H' => Some(Key::Home),
                    b'F' => Some(Key::End),
                    _ => None,
                }
            }
        }
    }

    fn ground(&mut self, byte: u8, after_carriage_return: bool) -> Option<Key> {
        match byte {
            b'\n' if after_carriage_return => None,
            b'\r' => {
                self.after_carriage_return = true;
                Some(Key::Enter)
            }
            b'\n' => Some(Key::Enter),
            0x1B => {
                self.state = State::Escape;
                None
            }
            0x00..=0x7F => control_key(byte)
                .or_else(|| (!byte.is_ascii_control()).then_some(Key::Character(char::from(byte)))),
            0xC2..=0xDF => self.start_utf8(u32::from(byte & 0x1F), 1, 0x80),
            0xE0..=0xEF => self.start_utf8(u32::from(byte & 0x0F), 2, 0x800),
            0xF0..=0xF4 => self.start_utf8(u32::from(byte & 0x07), 3, 0x1_0000),
            // Stray continuation bytes and bytes that never start UTF-8.
            _ => None,
        }
    }

    fn start_utf8(&mut self, value: u32, remaining: u8, minimum: u32) -> Option<Key> {
        self.state = State::Utf8 {
            value,
            remaining,
            minimum,
        };
        None
    }

    fn continuation(&mut self, byte: u8, value: u32, remaining: u8, minimum: u32) -> Option<Key> {
        if byte & 0xC0 != 0x80 {
            // A broken sequence: drop it and read this byte afresh.
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
        // Overlong forms and surrogates are not characters.
        let character = char::from_u32(value).filter(|_| value >= minimum)?;
        (!character.is_control()).then_some(Key::Character(character))
    }
}

fn control_key(byte: u8) -> Option<Key> {
    Some(match byte {
        0x01 => Key::Home,
        0x02 => Key::Left,
        0x03 => Key::Interrupt,
        0x04 => Key::EndOfFile,
        0x05 => Key::End,
        0x06 => Key::Right,
        0x08 | 0x7F => Key::Backspace,
        b'\t' => Key::Tab,
        0x0B => Key::KillToEnd,
        0x0C => Key::ClearScreen,
        0x0E => Key::Down,
        0x10 => Key::Up,
        0x15 => Key::KillToStart,
        0x17 => Key::KillWord,
        _ => return None,
    })
}

/// The key a complete `ESC [ parameters final` sequence stands for.
fn control_sequence_key(parameters: &[u8], final_byte: u8) -> Option<Key> {
    match (parameters, final_byte) {
        // Modifiers (`ESC [ 1 ; 5 C` is Ctrl+Right) are ignored.
        (_, b'A') => Some(Key::Up),
        (_, b'B') => Some(Key::Down),
        (_, b'C') => Some(Key::Right),
        (_, b'D') => Some(Key::Left),
        (_, b'H') => Some(Key::Home),
        (_, b'F') => Some(Key::End),
        (b"1" | b"7", b'~') => Some(Key::Home),
        (b"4" | b"8", b'~') => Some(Key::End),
        (b"3", b'~') => Some(Key::Delete),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
