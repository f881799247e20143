//! Maps text to QEMU key codes ("qcodes") for QMP `send-key`.
//!
//! QEMU turns each qcode into real PS/2 scancodes for the guest keyboard, so
//! the guest sees what a person typing on a US layout would produce. Upper
//! case letters and shifted symbols become a chord with `shift`.

use crate::error::HarnessError;

/// The keys pressed together to type one character, in press order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chord {
    /// Whether `shift` is held.
    pub shift: bool,
    /// The qcode of the key itself.
    pub key: &'static str,
}

impl Chord {
    /// The qcodes to press, modifier first.
    pub fn qcodes(&self) -> Vec<&'static str> {
        if self.shift {
            vec!["shift", self.key]
        } else {
            vec![self.key]
        }
    }
}

/// The chord that types `character`, or an error if no US key does.
pub fn chord_for(character: char) -> Result<Chord, HarnessError> {
    let plain = |key| Ok(Chord { shift: false, key });
    let shifted = |key| Ok(Chord { shift: true, key });
    if character.is_ascii_lowercase() || character.is_ascii_digit() {
        return plain(ascii_key_name(character));
    }
    if character.is_ascii_uppercase() {
        return shifted(ascii_key_name(character.to_ascii_lowercase()));
    }
    match character {
        ' ' => plain("spc"),
        '\n' => plain("ret"),
        '\t' => plain("tab"),
        '\u{8}' => plain("backspace"),
        '\u{1b}' => plain("esc"),
        '-' => plain("minus"),
        '=' => plain("equal"),
        '[' => plain("bracket_left"),
        ']' => plain("bracket_right"),
        '\\' => plain("backslash"),
        ';' => plain("semicolon"),
        '\'' => plain("apostrophe"),
        '`' => plain("grave_accent"),
        ',' => plain("comma"),
        '.' => plain("dot"),
        '/' => plain("slash"),
        _ => shifted_symbol(character).map_or(Err(HarnessError::UnmappedKey(character)), shifted),
    }
}

/// The unshifted key that gives `character` with shift on a US layout.
fn shifted_symbol(character: char) -> Option<&'static str> {
    let key = match character {
        '!' => "1",
        '@' => "2",
        '#' => "3",
        '$' => "4",
        '%' => "5",
        '^' => "6",
        '&' => "7",
        '*' => "8",
        '(' => "9",
        ')' => "0",
        '_' => "minus",
        '+' => "equal",
        '{' => "bracket_left",
        '}' => "bracket_right",
        '|' => "backslash",
        ':' => "semicolon",
        '"' => "apostrophe",
        '~' => "grave_accent",
        '<' => "comma",
        '>' => "dot",
        '?' => "slash",
        _ => return None,
    };
    Some(key)
}

/// The qcode of a lower-case letter or digit: the character itself.
fn ascii_key_name(character: char) -> &'static str {
    const KEYS: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    KEYS.find(character)
        .and_then(|at| KEYS.get(at..at + 1))
        .unwrap_or("")
}

/// Checks a whole string up front, so nothing is typed if any character has
/// no key.
pub fn chords_for(text: &str) -> Result<Vec<Chord>, HarnessError> {
    text.chars().map(chord_for).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qcodes(character: char) -> Vec<&'static str> {
        chord_for(character).unwrap().qcodes()
    }

    #[test]
    fn letters_and_digits_are_their_own_keys() {
        assert_eq!(qcodes('a'), ["a"]);
        assert_eq!(qcodes('z'), ["z"]);
        assert_eq!(qcodes('0'), ["0"]);
        assert_eq!(qcodes('9'), ["9"]);
    }

    #[test]
    fn upper_case_and_shifted_symbols_hold_shift() {
        assert_eq!(qcodes('Q'), ["shift", "q"]);
        assert_eq!(qcodes('!'), ["shift", "1"]);
        assert_eq!(qcodes(')'), ["shift", "0"]);
        assert_eq!(qcodes('_'), ["shift", "minus"]);
        assert_eq!(qcodes('"'), ["shift", "apostrophe"]);
        assert_eq!(qcodes('?'), ["shift", "slash"]);
        assert_eq!(qcodes('|'), ["shift", "backslash"]);
    }

    #[test]
    fn whitespace_and_punctuation_have_named_keys() {
        assert_eq!(qcodes(' '), ["spc"]);
        assert_eq!(qcodes('\n'), ["ret"]);
        assert_eq!(qcodes('\t'), ["tab"]);
        assert_eq!(qcodes('/'), ["slash"]);
        assert_eq!(qcodes('.'), ["dot"]);
        assert_eq!(qcodes('-'), ["minus"]);
    }

    #[test]
    fn a_command_line_maps_whole() {
        let chords = chords_for("ls /bin\n").unwrap();
        let keys: Vec<_> = chords.iter().map(|chord| chord.key).collect();
        assert_eq!(keys, ["l", "s", "spc", "slash", "b", "i", "n", "ret"]);
    }

    #[test]
    fn characters_without_a_key_are_rejected() {
        assert!(matches!(
            chord_for('é'),
            Err(HarnessError::UnmappedKey('é'))
        ));
        assert!(chords_for("ok\u{7}").is_err());
    }
}
