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
}

#[test]
fn control_keys() {
    assert_eq!(
        keys(b"\x01\x05\x15\x0b\x03\x04\t\x7f\x08\x17\x0c"),
        [
            Key::Home,
            Key::End,
            Key::KillToStart,
            Key::KillToEnd,
            Key::Interrupt,
            Key::EndOfFile,
            Key::Tab,
            Key::Backspace,
            Key::Backspace,
            Key::KillWord,
            Key::ClearScreen,
        ]
    );
}

#[test]
fn escape_sequences() {
    let input = b"\x1b[A\x1b[B\x1b[C\x1b[D\x1b[H\x1b[F\x1b[1~\x1b[4~\x1bOH\x1bOF\x1b[3~\x1b[1;5C";
    assert_eq!(
        keys(input),
        [
            Key::Up,
            Key::Down,
            Key::Right,
            Key::Left,
            Key::Home,
            Key::End,
            Key::Home,
            Key::End,
            Key::Home,
            Key::End,
            Key::Delete,
            Key::Right,
        ]
    );
}

#[test]
fn unknown_sequences_are_swallowed() {
    assert_eq!(
        keys(b"\x1b[5~\x1b[15~\x1bOP\x1bx\x1b[?25hz"),
        [Key::Character('z')]
    );
}

#[test]
fn overlong_sequences_are_swallowed_to_their_end() {
    let mut input = b"\x1b[".to_vec();
    input.extend_from_slice(&[b'1'; 100]);
    input.extend_from_slice(b"~a");
    assert_eq!(keys(&input), [Key::Character('a')]);
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
fn other_control_characters_are_ignored() {
    assert_eq!(keys(b"\x00\x07\x1a\x1c\xc2\x85"), []);
}
