//! Terminal input bytes to key presses, for programs on an ANSI terminal.
//!
//! A program reading its terminal gets bytes: UTF-8 text, C0 control
//! characters and the escape sequences a VT100-style terminal sends for
//! special keys. [`Decoder`] turns them into [`Key`]s, one byte at a time, so
//! a key may arrive split across reads. The shell's line editor
//! (`apps/shell/line`) and the text editor (`apps/editor/buffer`) both use it
//! and each binds the keys to its own commands: which control character
//! means what (Ctrl-A for Home, Ctrl-S for Save) is theirs to decide, not
//! this crate's.
//!
//! It depends on nothing, allocates nothing and touches no hardware; no
//! input makes it panic. Tested on the host.
//!
//! ```
//! use term_keys::{Decoder, Key};
//!
//! let mut decoder = Decoder::default();
//! let keys: Vec<Key> = b"h\x1b[A\x03\r\n".iter().filter_map(|&byte| decoder.feed(byte)).collect();
//! assert_eq!(keys, [Key::Character('h'), Key::Up, Key::Control('c'), Key::Enter]);
//! ```
#![no_std]
#![forbid(unsafe_code)]

#[cfg(test)]
extern crate alloc;

/// One key press.
///
/// There is no Escape key: a lone ESC byte is the start of every escape
/// sequence, and telling the two apart would need a timeout, which a decoder
/// fed one byte at a time does not have. ESC followed by anything but `[` or
/// `O` (Alt+key) gives nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    /// A printable character: ASCII or well-formed UTF-8 that is not a
    /// control character.
    Character(char),
    /// `\r` or `\n`; `\r\n` is one Enter.
    Enter,
    /// `\t` (also Ctrl-I).
    Tab,
    /// 0x7F or 0x08 (also Ctrl-H).
    Backspace,
    /// Delete: `ESC [ 3 ~`.
    Delete,
    /// Up arrow: `ESC [ A` or `ESC O A`.
    Up,
    /// Down arrow: `ESC [ B` or `ESC O B`.
    Down,
    /// Right arrow: `ESC [ C` or `ESC O C`.
    Right,
    /// Left arrow: `ESC [ D` or `ESC O D`.
    Left,
    /// Home: `ESC [ H`, `ESC O H`, `ESC [ 1 ~` or `ESC [ 7 ~`.
    Home,
    /// End: `ESC [ F`, `ESC O F`, `ESC [ 4 ~` or `ESC [ 8 ~`.
    End,
    /// Page Up: `ESC [ 5 ~`.
    PageUp,
    /// Page Down: `ESC [ 6 ~`.
    PageDown,
    /// Any other C0 control character, named by the key typed with Ctrl
    /// (caret notation, letters in lower case): 0x01 is `Control('a')`,
    /// 0x1A is `Control('z')`, 0x00 is `Control('@')`, 0x1C to 0x1F are
    /// `Control('\\')`, `Control(']')`, `Control('^')` and `Control('_')`.
    /// Ctrl-H, Ctrl-I, Ctrl-J, Ctrl-M and Ctrl-[ come as the keys their
    /// bytes are (Backspace, Tab, Enter, Enter, the start of a sequence).
    Control(char),
}

/// Parameter bytes of a control sequence kept for matching; longer
/// sequences are still swallowed to their final byte.
const MAX_PARAMETER_BYTES: usize = 16;

/// Where the decoder is between bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum State {
    #[default]
    Ground,
    /// Inside a UTF-8 sequence: the code point so far, the continuation
    /// bytes still expected, and the least value this length may encode.
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
/// malformed UTF-8, C1 control characters and unknown escape sequences
/// (function keys among them) give nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct Decoder {
    state: State,
    /// The last byte was `\r`, so a `\n` now is the same Enter.
    after_carriage_return: bool,
}

impl Decoder {
    /// A decoder between keys.
    pub const fn new() -> Self {
        Self {
            state: State::Ground,
            after_carriage_return: false,
        }
    }

    /// The key that `byte` completes, if any.
    pub fn feed(&mut self, byte: u8) -> Option<Key> {
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
            State::ControlSequence { parameters, length } => {
                self.control_sequence(byte, parameters, length)
            }
            State::SingleShift => {
                self.state = State::Ground;
                sequence_key(&[], byte)
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
            0x1B => {
                self.state = State::Escape;
                None
            }
            0x00..=0x7F => Some(ascii_key(byte)),
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

    fn control_sequence(
        &mut self,
        byte: u8,
        mut parameters: [u8; MAX_PARAMETER_BYTES],
        length: usize,
    ) -> Option<Key> {
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
            // Too many parameters to keep: only the final byte is matched.
            0x40..=0x7E => sequence_key(parameters.get(..length).unwrap_or(&[]), byte),
            // Not part of a sequence: give up on it.
            _ => None,
        }
    }
}

/// The key of an ASCII byte other than `\r` and ESC.
fn ascii_key(byte: u8) -> Key {
    match byte {
        b'\n' => Key::Enter,
        b'\t' => Key::Tab,
        0x08 | 0x7F => Key::Backspace,
        // 0x00-0x1F is Ctrl with 0x40-0x5F: `@`, the letters, `[\]^_`.
        0x00..=0x1F => Key::Control(char::from(byte | 0x40).to_ascii_lowercase()),
        _ => Key::Character(char::from(byte)),
    }
}

/// The key of `ESC [ parameters final` (or `ESC O final`, with no
/// parameters). Modifiers (`ESC [ 1 ; 5 C` is Ctrl+Right) are ignored.
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
mod tests;
