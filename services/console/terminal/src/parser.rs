//! The byte-stream parser: text, control characters and the ECMA-48
//! escape sequences we understand, as a state machine after Paul
//! Williams' DEC-compatible parser (vt100.net/emu/dec_ansi_parser).
//!
//! It is built for hostile input: every byte moves it to a defined state,
//! parameter lists and values are clamped instead of growing, and control
//! strings (OSC, DCS and friends), which we swallow, are cut off after
//! [`MAX_STRING_LENGTH`] bytes, so no byte sequence can leave the terminal
//! deaf to text for long. CAN and SUB cancel any sequence; ESC restarts one.

use crate::utf8::Utf8Decoder;

/// Parameters kept per control sequence; later ones are dropped.
pub const MAX_PARAMETERS: usize = 16;
/// Parameter values are clamped to this (no sequence needs more, and it
/// keeps arithmetic on them far from overflow).
pub const MAX_PARAMETER_VALUE: u16 = 9999;
/// Bytes of a swallowed control string after which we give up on it.
pub const MAX_STRING_LENGTH: usize = 1024;

const CANCEL: u8 = 0x18;
const SUBSTITUTE: u8 = 0x1A;
const ESCAPE: u8 = 0x1B;
const DELETE: u8 = 0x7F;
const BELL: u8 = 0x07;

/// What a byte (or a few) meant, handed to the terminal to carry out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action<'a> {
    /// A character to print (never a control character).
    Print(char),
    /// A C0 control character (below 0x20, except ESC, CAN and SUB).
    Control(u8),
    /// `ESC final` with no intermediate bytes, such as `ESC 7`.
    Escape(u8),
    /// A control sequence, `CSI parameters final`.
    ControlSequence(ControlSequence<'a>),
}

/// A complete `CSI` sequence without intermediate bytes (sequences with
/// them are valid but none is one we implement, so they are dropped).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ControlSequence<'a> {
    /// The parameters; an empty one reads as 0, which every sequence we
    /// implement takes as "the default".
    pub parameters: &'a [u16],
    /// The private marker (`?`, `<`, `=` or `>`) if the sequence had one.
    pub private_marker: Option<u8>,
    /// The final byte, 0x40 to 0x7E.
    pub final_byte: u8,
}

impl ControlSequence<'_> {
    /// Parameter `index`, or `default` when it is missing or 0.
    pub fn parameter_or(&self, index: usize, default: u16) -> u16 {
        match self.parameters.get(index) {
            Some(&value) if value != 0 => value,
            _ => default,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum State {
    #[default]
    Ground,
    Escape,
    EscapeIntermediate,
    ControlSequence,
    /// A malformed or unsupported control sequence: swallowed up to its
    /// final byte.
    ControlSequenceIgnore,
    /// An OSC, DCS, SOS, PM or APC string: swallowed up to BEL or ST.
    ControlString,
}

/// The parser state carried from one byte to the next.
#[derive(Clone, Debug, Default)]
pub struct Parser {
    state: State,
    utf8: Utf8Decoder,
    parameters: [u16; MAX_PARAMETERS],
    /// Parameters started so far, including the one being read; it stops
    /// at `MAX_PARAMETERS + 1`, where digits are read and dropped.
    parameter_count: usize,
    private_marker: Option<u8>,
    has_intermediate: bool,
    string_length: usize,
}

impl Parser {
    /// Feeds one byte and passes what it completes to `perform`.
    pub fn advance(&mut self, byte: u8, perform: &mut impl FnMut(Action<'_>)) {
        match self.state {
            State::Ground => self.ground(byte, perform),
            State::Escape => self.escape(byte, perform),
            State::EscapeIntermediate => self.escape_intermediate(byte, perform),
            State::ControlSequence => self.control_sequence(byte, perform),
            State::ControlSequenceIgnore => self.control_sequence_ignore(byte, perform),
            State::ControlString => self.control_string(byte),
        }
    }

    fn ground(&mut self, byte: u8, perform: &mut impl FnMut(Action<'_>)) {
        let mut escape_seen = false;
        self.utf8.feed(byte, &mut |character| match character {
            '\u{1B}' => escape_seen = true,
            // CAN and SUB cancel nothing here; DEL and C1 controls do
            // nothing on a VT in UTF-8 mode.
            '\u{18}' | '\u{1A}' | '\u{7F}'..='\u{9F}' => {}
            '\0'..='\u{1F}' => perform(Action::Control(character as u8)),
            _ => perform(Action::Print(character)),
        });
        // ESC is ASCII, so it ends any character in progress: it is always
        // the last thing decoded from this byte.
        if escape_seen {
            self.state = State::Escape;
        }
    }

    /// What every state except ground and control strings does with
    /// control characters: CAN and SUB abort, ESC restarts, others execute
    /// right away (as a VT100 does in the middle of a sequence). Returns
    /// false when `byte` is not such a control.
    fn sequence_control(&mut self, byte: u8, perform: &mut impl FnMut(Action<'_>)) -> bool {
        match byte {
            CANCEL | SUBSTITUTE => self.state = State::Ground,
            ESCAPE => self.state = State::Escape,
            0x00..=0x1F => perform(Action::Control(byte)),
            DELETE => {}
            _ => return false,
        }
        true
    }

    /// A byte of 0x80 or more inside a sequence cannot belong to it: drop
    /// the sequence and read the byte as text.
    fn abandon_sequence(&mut self, byte: u8, perform: &mut impl FnMut(Action<'_>)) {
        self.state = State::Ground;
        self.ground(byte, perform);
    }

    fn escape(&mut self, byte: u8, perform: &mut impl FnMut(Action<'_>)) {
        if self.sequence_control(byte, perform) {
            return;
        }
        match byte {
            b'[' => self.start_control_sequence(),
            b']' | b'P' | b'X' | b'^' | b'_' => {
                self.string_length = 0;
                self.state = State::ControlString;
            }
            0x20..=0x2F => self.state = State::EscapeIntermediate,
            0x30..=0x7E => {
                self.state = State::Ground;
                perform(Action::Escape(byte));
            }
            _ => self.abandon_sequence(byte, perform),
        }
    }

    fn escape_intermediate(&mut self, byte: u8, perform: &mut impl FnMut(Action<'_>)) {
        if self.sequence_control(byte, perform) {
            return;
        }
        match byte {
            0x20..=0x2F => {}
            // Character set designations (`ESC ( B`) and the like: none
            // matters for a CP437 screen.
            0x30..=0x7E => self.state = State::Ground,
            _ => self.abandon_sequence(byte, perform),
        }
    }

    fn start_control_sequence(&mut self) {
        self.state = State::ControlSequence;
        self.parameters = [0; MAX_PARAMETERS];
        self.parameter_count = 0;
        self.private_marker = None;
        self.has_intermediate = false;
    }

    fn control_sequence(&mut self, byte: u8, perform: &mut impl FnMut(Action<'_>)) {
        if self.sequence_control(byte, perform) {
            return;
        }
        match byte {
            b'0'..=b'9' if !self.has_intermediate => self.add_digit(byte - b'0'),
            b';' if !self.has_intermediate => {
                // An empty first parameter still counts: `;5H` is row 1.
                self.parameter_count = (self.parameter_count.max(1) + 1).min(MAX_PARAMETERS + 1);
            }
            b'<'..=b'?' if self.parameter_count == 0 && self.private_marker.is_none() => {
                self.private_marker = Some(byte);
            }
            0x20..=0x2F => self.has_intermediate = true,
            // Sub-parameters (`:`), misplaced markers, parameters after
            // intermediates: malformed for us.
            0x30..=0x3F => self.state = State::ControlSequenceIgnore,
            0x40..=0x7E => {
                self.state = State::Ground;
                if !self.has_intermediate {
                    let count = self.parameter_count.min(MAX_PARAMETERS);
                    perform(Action::ControlSequence(ControlSequence {
                        parameters: self.parameters.get(..count).unwrap_or(&[]),
                        private_marker: self.private_marker,
                        final_byte: byte,
                    }));
                }
            }
            _ => self.abandon_sequence(byte, perform),
        }
    }

    fn add_digit(&mut self, digit: u8) {
        self.parameter_count = self.parameter_count.max(1);
        if let Some(parameter) = self.parameters.get_mut(self.parameter_count - 1) {
            let value = u32::from(*parameter) * 10 + u32::from(digit);
            *parameter = u16::try_from(value)
                .unwrap_or(u16::MAX)
                .min(MAX_PARAMETER_VALUE);
        }
    }

    fn control_sequence_ignore(&mut self, byte: u8, perform: &mut impl FnMut(Action<'_>)) {
        if self.sequence_control(byte, perform) {
            return;
        }
        match byte {
            0x20..=0x3F => {}
            0x40..=0x7E => self.state = State::Ground,
            _ => self.abandon_sequence(byte, perform),
        }
    }

    fn control_string(&mut self, byte: u8) {
        match byte {
            // BEL ends an OSC in xterm's dialect; ESC starts the ST
            // (`ESC \`), which the escape state then drops.
            BELL | CANCEL | SUBSTITUTE => self.state = State::Ground,
            ESCAPE => self.state = State::Escape,
            _ => {
                self.string_length += 1;
                if self.string_length > MAX_STRING_LENGTH {
                    self.state = State::Ground;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;

    /// The actions for `bytes`, written as short strings.
    fn parse(bytes: &[u8]) -> Vec<String> {
        let mut parser = Parser::default();
        let mut actions = Vec::new();
        for &byte in bytes {
            parser.advance(byte, &mut |action| {
                actions.push(match action {
                    Action::Print(c) => format!("{c}"),
                    Action::Control(b) => format!("^{b}"),
                    Action::Escape(b) => format!("ESC {}", char::from(b)),
                    Action::ControlSequence(s) => format!(
                        "CSI {}{:?} {}",
                        s.private_marker
                            .map(char::from)
                            .map(String::from)
                            .unwrap_or_default(),
                        s.parameters,
                        char::from(s.final_byte)
                    ),
                })
            });
        }
        actions
    }

    #[test]
    fn text_and_controls() {
        assert_eq!(parse(b"a\r\n\x07"), ["a", "^13", "^10", "^7"]);
    }

    #[test]
    fn control_sequences_with_parameters() {
        assert_eq!(parse(b"\x1b[1;31;44m"), ["CSI [1, 31, 44] m"]);
        assert_eq!(parse(b"\x1b[m"), ["CSI [] m"]);
        assert_eq!(parse(b"\x1b[;5H"), ["CSI [0, 5] H"]);
        assert_eq!(parse(b"\x1b[?25l"), ["CSI ?[25] l"]);
        assert_eq!(parse(b"\x1b7\x1b8"), ["ESC 7", "ESC 8"]);
    }

    #[test]
    fn huge_values_and_long_lists_are_clamped() {
        assert_eq!(parse(b"\x1b[99999999999999999999A"), ["CSI [9999] A"]);
        let mut long = Vec::from(&b"\x1b["[..]);
        for _ in 0..100 {
            long.extend_from_slice(b"1;");
        }
        long.push(b'm');
        let actions = parse(&long);
        assert_eq!(actions.len(), 1);
        assert_eq!(actions[0], format!("CSI {:?} m", [1u16; MAX_PARAMETERS]));
    }

    #[test]
    fn malformed_and_unknown_sequences_are_swallowed() {
        assert_eq!(parse(b"\x1b[1:2mA"), ["A"]);
        assert_eq!(parse(b"\x1b[1?mA"), ["A"]);
        assert_eq!(parse(b"\x1b[ qA"), ["A"]);
        assert_eq!(parse(b"\x1b(BA"), ["A"]);
        assert_eq!(parse(b"\x1b]0;title\x07A"), ["A"]);
        assert_eq!(parse(b"\x1b]0;title\x1b\\A"), ["ESC \\", "A"]);
        assert_eq!(parse(b"\x1bPdata\x18A"), ["A"]);
    }

    #[test]
    fn cancel_escape_and_high_bytes_end_a_sequence() {
        assert_eq!(parse(b"\x1b[12\x18A"), ["A"]);
        assert_eq!(parse(b"\x1b[12\x1b[3BA"), ["CSI [3] B", "A"]);
        assert_eq!(parse("\x1b[1é".as_bytes()), ["é"]);
        assert_eq!(parse(b"\x1b[1\nA"), ["^10", "CSI [1] A"]);
    }

    #[test]
    fn an_unterminated_string_gives_up() {
        let mut bytes = Vec::from(&b"\x1b]"[..]);
        bytes.resize(2 + MAX_STRING_LENGTH + 1, b'x');
        bytes.push(b'A');
        assert_eq!(parse(&bytes), ["A"]);
    }

    #[test]
    fn escape_interrupts_a_utf8_character() {
        assert_eq!(parse(b"\xE2\x94\x1b[mA"), ["\u{FFFD}", "CSI [] m", "A"]);
    }
}
