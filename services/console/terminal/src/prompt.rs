//! The echo prompt: the console's line editor until there is a login and
//! a shell. It echoes what is typed, lets it be edited, and answers each
//! line with `you typed: <line>`.

use alloc::string::String;
use alloc::vec::Vec;

use crate::utf8::Utf8Decoder;

const BACKSPACE: char = '\u{8}';
const DELETE: char = '\u{7F}';
/// Ctrl-U: erase the whole line, as in a Unix tty.
const KILL_LINE: char = '\u{15}';
const ESCAPE: char = '\u{1B}';
/// Sent back when the line is full: the console may beep or flash.
const BELL: u8 = 0x07;
const REPLY: &[u8] = b"you typed: ";
/// Bytes after which an escape sequence from the serial line is given up
/// on and the input is read as text again.
const MAX_SEQUENCE_LENGTH: usize = 32;

/// Where raw serial input is between bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum InputState {
    #[default]
    Text,
    /// After ESC.
    Escape,
    /// After `ESC [`: arrow keys, Home, Delete, F5 and up.
    ControlSequence { length: usize },
    /// After `ESC O`: arrows in application mode, F1 to F4. One more byte.
    SingleShift,
}

/// A line editor that turns typed input into the bytes to echo.
///
/// Feed it keys ([`feed_char`](EchoPrompt::feed_char), from the keyboard
/// driver) or raw bytes ([`feed_bytes`](EchoPrompt::feed_bytes), from a
/// serial line, where special keys arrive as escape sequences, which are
/// swallowed) and write what it appends to `output` to the same
/// [`Terminal`](crate::Terminal).
///
/// - Printable characters are added (the line holds up to
///   [`LINE_CAPACITY`](EchoPrompt::LINE_CAPACITY) bytes of UTF-8; beyond
///   that a key gives a BEL byte and is dropped) and echoed.
/// - Backspace (0x08) and DEL (0x7F) erase the last character, however
///   many bytes it has; on an empty line they do nothing.
/// - Ctrl-U erases the whole line.
/// - Enter (`\r`, `\n`, or `\r\n` as one) prints a new line,
///   `you typed: <line>`, and a fresh prompt.
/// - Other control characters, and malformed UTF-8, are ignored.
///
/// Erasing works across wrapped lines because the prompt follows the
/// cursor: it assumes the prompt starts at column 0, that the terminal is
/// `columns` wide with deferred wrap (as [`Terminal`](crate::Terminal)
/// is), and that nothing else writes to it while a line is being edited.
#[derive(Clone, Debug)]
pub struct EchoPrompt {
    prompt: String,
    /// The prompt's width in cells (one per character).
    prompt_width: usize,
    columns: usize,
    line: String,
    /// Characters (hence cells) in `line`.
    line_width: usize,
    /// The cursor sits on the last cell written with a wrap pending,
    /// rather than on the cell after it (which is on the next row).
    pending_wrap: bool,
    /// The last key was `\r`, so a `\n` right after it is the same Enter.
    after_carriage_return: bool,
    input: InputState,
    utf8: Utf8Decoder,
}

impl EchoPrompt {
    /// The most bytes a line holds.
    pub const LINE_CAPACITY: usize = 256;

    /// A prompt showing `prompt` (for example `"barodia> "`) on a terminal
    /// `columns` wide.
    pub fn new(prompt: &str, columns: usize) -> EchoPrompt {
        let mut editor = EchoPrompt {
            prompt: String::from(prompt),
            prompt_width: prompt.chars().count(),
            columns: columns.max(1),
            line: String::new(),
            line_width: 0,
            pending_wrap: false,
            after_carriage_return: false,
            input: InputState::default(),
            utf8: Utf8Decoder::default(),
        };
        editor.pending_wrap = editor.wraps_at(editor.prompt_width);
        editor
    }

    /// Appends the first prompt to `output`.
    pub fn start(&self, output: &mut Vec<u8>) {
        output.extend_from_slice(self.prompt.as_bytes());
    }

    /// The line typed so far.
    pub fn line(&self) -> &str {
        &self.line
    }

    /// Feeds one key press from the keyboard and appends the echo to
    /// `output`.
    pub fn feed_char(&mut self, character: char, output: &mut Vec<u8>) {
        if self.after_carriage_return && character == '\n' {
            self.after_carriage_return = false;
            return;
        }
        self.after_carriage_return = character == '\r';
        match character {
            '\r' | '\n' => self.enter(output),
            BACKSPACE | DELETE => {
                self.erase_last(output);
            }
            KILL_LINE => while self.erase_last(output) {},
            // What the decoder makes of malformed input; nobody types it.
            char::REPLACEMENT_CHARACTER => {}
            _ if character.is_control() => {}
            _ => self.insert(character, output),
        }
    }

    /// Feeds raw bytes from a serial line (UTF-8, with special keys as
    /// escape sequences, which are dropped) and appends the echo to
    /// `output`. Characters and sequences may be split across calls.
    ///
    /// A lone ESC followed by another key is taken as the start of a
    /// sequence and swallows that key, as terminals cannot tell them apart.
    pub fn feed_bytes(&mut self, bytes: &[u8], output: &mut Vec<u8>) {
        for &byte in bytes {
            self.input = match self.input {
                InputState::Text => {
                    let mut utf8 = self.utf8;
                    let mut state = InputState::Text;
                    utf8.feed(byte, &mut |character| {
                        if character == ESCAPE {
                            state = InputState::Escape;
                        } else {
                            self.feed_char(character, output);
                        }
                    });
                    self.utf8 = utf8;
                    state
                }
                InputState::Escape => match byte {
                    b'[' => InputState::ControlSequence { length: 0 },
                    b'O' => InputState::SingleShift,
                    0x1B => InputState::Escape,
                    _ => InputState::Text,
                },
                InputState::ControlSequence { length } => match byte {
                    0x20..=0x3F if length < MAX_SEQUENCE_LENGTH => {
                        InputState::ControlSequence { length: length + 1 }
                    }
                    _ => InputState::Text,
                },
                InputState::SingleShift => InputState::Text,
            };
        }
    }

    /// True when a cursor that has written `width` cells from column 0
    /// is left on the last cell with a wrap pending.
    fn wraps_at(&self, width: usize) -> bool {
        width > 0 && width.is_multiple_of(self.columns)
    }

    fn insert(&mut self, character: char, output: &mut Vec<u8>) {
        if self.line.len() + character.len_utf8() > Self::LINE_CAPACITY {
            output.push(BELL);
            return;
        }
        self.line.push(character);
        self.line_width += 1;
        let mut encoded = [0; 4];
        output.extend_from_slice(character.encode_utf8(&mut encoded).as_bytes());
        self.pending_wrap = self.wraps_at(self.prompt_width + self.line_width);
    }

    /// Erases the last character on screen and from the line; false when
    /// the line was empty.
    fn erase_last(&mut self, output: &mut Vec<u8>) -> bool {
        if self.line.pop().is_none() {
            return false;
        }
        let cursor = self.prompt_width + self.line_width;
        self.line_width -= 1;
        if !self.pending_wrap && cursor.is_multiple_of(self.columns) {
            // The cursor is at the start of the row below the character:
            // `\b` cannot go there, so go up and to the last column. The
            // space then leaves a wrap pending, which the `\b` cancels.
            output.extend_from_slice(b"\x1b[A\x1b[9999C \x08");
        } else {
            // With a wrap pending (cursor on the character itself), `\b`
            // cancels it instead of moving, and the same sequence works.
            output.extend_from_slice(b"\x08 \x08");
        }
        self.pending_wrap = false;
        true
    }

    fn enter(&mut self, output: &mut Vec<u8>) {
        output.push(b'\n');
        output.extend_from_slice(REPLY);
        output.extend_from_slice(self.line.as_bytes());
        output.push(b'\n');
        output.extend_from_slice(self.prompt.as_bytes());
        self.line.clear();
        self.line_width = 0;
        self.pending_wrap = self.wraps_at(self.prompt_width);
    }
}

#[cfg(test)]
mod tests;
