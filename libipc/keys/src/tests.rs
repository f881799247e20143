use super::*;
use alloc::vec::Vec;

fn keys(bytes: &[u8]) -> Vec<Key> {
    let mut decoder = Decoder::default();
    bytes
        .iter()
        .filter_map(|&byte| decoder.feed(byte))
        .collect()
}

#[test]
fn text_becomes_characters() {
    assert_eq!(
        keys("aé€😀".as_bytes()),
        [
            Key::Character('a'),
            Key::Character('é'),
            Key::Character('€'),
            Key::Character('😀')
        ]
    );
}

#[test]
fn carriage_return_line_feed_is_one_enter() {
    assert_eq!(
        keys(b"\r\n\n\r\r"),
        [Key::Enter, Key::Enter, Key::Enter, Key::Enter]
    );
    assert_eq!(
        keys("é\r\n\n".as_bytes()),
        [Key::Character('é'), Key::Enter, Key::Enter]
    );
}

#[test]
fn control_keys() {
    assert_eq!(
        keys(b"\x01\x05\x15\x0b\x03\x04\t\x7f\x08\x17\x0c\x13\x11"),
        [
            Key::Control('a'),
            Key::Control('e'),
            Key::Control('u'),
            Key::Control('k'),
            Key::Control('c'),
            Key::Control('d'),
            Key::Tab,
            Key::Backspace,
            Key::Backspace,
            Key::Control('w'),
            Key::Control('l'),
            Key::Control('s'),
            Key::Control('q'),
        ]
    );
}

#[test]
fn other_control_characters_are_named_in_caret_notation() {
    assert_eq!(
        keys(b"\x00\x07\x1a\x1c\x1d\x1e\x1f"),
        [
            Key::Control('@'),
            Key::Control('g'),
            Key::Control('z'),
            Key::Control('\\'),
            Key::Control(']'),
            Key::Control('^'),
            Key::Control('_'),
        ]
    );
}

#[test]
fn every_control_letter_but_the_named_keys_is_a_control_key() {
    for byte in 0x01..=0x1Au8 {
        let letter = char::from(b'a' + byte - 1);
        let expected = match byte {
            0x08 => Key::Backspace,
            0x09 => Key::Tab,
            0x0A | 0x0D => Key::Enter,
            _ => Key::Control(letter),
        };
        assert_eq!(keys(&[byte]), [expected], "byte {byte:#04x}");
    }
}

#[test]
fn c1_control_characters_are_dropped() {
    // U+0085 (NEL) as UTF-8.
    assert_eq!(keys(b"\xc2\x85"), []);
}

#[test]
fn escape_sequences() {
    let sequences: [(&[u8], Key); 21] = [
        (b"\x1b[A", Key::Up),
        (b"\x1b[B", Key::Down),
        (b"\x1b[C", Key::Right),
        (b"\x1b[D", Key::Left),
        (b"\x1bOA", Key::Up),
        (b"\x1bOB", Key::Down),
        (b"\x1bOC", Key::Right),
        (b"\x1bOD", Key::Left),
        (b"\x1b[H", Key::Home),
        (b"\x1b[1~", Key::Home),
        (b"\x1b[7~", Key::Home),
        (b"\x1bOH", Key::Home),
        (b"\x1b[F", Key::End),
        (b"\x1b[4~", Key::End),
        (b"\x1b[8~", Key::End),
        (b"\x1bOF", Key::End),
        (b"\x1b[3~", Key::Delete),
        (b"\x1b[5~", Key::PageUp),
        (b"\x1b[6~", Key::PageDown),
        // Modifiers are ignored: Ctrl+Right is Right.
        (b"\x1b[1;5C", Key::Right),
        (b"\x1b[1;2H", Key::Home),
    ];
    for (bytes, key) in sequences {
        assert_eq!(keys(bytes), [key], "{bytes:?}");
    }
    let stream: Vec<u8> = sequences
        .iter()
        .flat_map(|(bytes, _)| *bytes)
        .copied()
        .collect();
    let expected: Vec<Key> = sequences.iter().map(|&(_, key)| key).collect();
    assert_eq!(keys(&stream), expected);
}

#[test]
fn unknown_sequences_are_swallowed() {
    assert_eq!(
        keys(b"\x1b[15~\x1bOP\x1bx\x1b[?25h\x1b[99~\x1b[2J\x1b\x1b[Az"),
        [Key::Up, Key::Character('z')]
    );
}

#[test]
fn overlong_sequences_are_swallowed_to_their_end() {
    let mut input = b"\x1b[".to_vec();
    input.extend_from_slice(&[b'1'; 100]);
    input.extend_from_slice(b"~a\x1b[1111111111111~");
    assert_eq!(keys(&input), [Key::Character('a')]);
}

#[test]
fn a_byte_outside_a_sequence_ends_it() {
    // The ESC inside the control sequence ends it and is dropped with it.
    assert_eq!(
        keys(b"\x1b[1\x1b[Ab"),
        [
            Key::Character('['),
            Key::Character('A'),
            Key::Character('b')
        ]
    );
}

#[test]
fn malformed_utf8_is_dropped() {
    // Overlong '/', a surrogate, a stray continuation, a truncated sequence.
    assert_eq!(
        keys(b"\xC0\xAF\xED\xA0\x80\x80\xE2\x82a\xFFb"),
        [Key::Character('a'), Key::Character('b')]
    );
}

#[test]
fn keys_may_be_split_across_feeds() {
    let mut decoder = Decoder::new();
    let mut feed = |bytes: &[u8]| -> Vec<Key> {
        bytes
            .iter()
            .filter_map(|&byte| decoder.feed(byte))
            .collect()
    };
    assert_eq!(feed(b"\x1b["), []);
    assert_eq!(feed(b"6~\xE2\x82"), [Key::PageDown]);
    assert_eq!(feed(b"\xAC"), [Key::Character('€')]);
}
