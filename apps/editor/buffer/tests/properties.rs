//! Property tests: random keys keep the cursor in the text and the screen
//! right; loading and saving round-trip.

use editor_buffer::{Action, Buffer, Editor, MAX_LINE_LENGTH};
use proptest::prelude::*;

/// A model of the few sequences the editor sends: cursor position, erase
/// to end of line, reverse video on and off. Anything else fails.
struct Screen {
    cells: Vec<Vec<char>>,
    row: usize,
    column: usize,
}

impl Screen {
    fn new(width: usize, height: usize) -> Screen {
        Screen {
            cells: vec![vec![' '; width]; height],
            row: 0,
            column: 0,
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        let Ok(text) = std::str::from_utf8(bytes) else {
            panic!("the editor sends UTF-8");
        };
        let mut characters = text.chars();
        while let Some(character) = characters.next() {
            if character == '\x1b' {
                assert_eq!(characters.next(), Some('['));
                let mut parameters = String::new();
                let final_character = loop {
                    let Some(next) = characters.next() else {
                        panic!("incomplete sequence")
                    };
                    if next.is_ascii_digit() || next == ';' {
                        parameters.push(next);
                    } else {
                        break next;
                    }
                };
                self.sequence(&parameters, final_character);
            } else {
                assert!(!character.is_control(), "control {character:?}");
                let width = self.cells[0].len();
                assert!(self.column < width, "writing past the right edge");
                self.cells[self.row][self.column] = character;
                self.column += 1;
            }
        }
    }

    fn sequence(&mut self, parameters: &str, final_character: char) {
        match (parameters, final_character) {
            (_, 'H') => {
                let numbers: Vec<usize> = parameters
                    .split(';')
                    .filter_map(|number| number.parse().ok())
                    .collect();
                let [row, column] = numbers[..] else {
                    panic!("CUP with two parameters, not {parameters:?}");
                };
                self.row = row - 1;
                self.column = column - 1;
                assert!(self.row < self.cells.len() && self.column < self.cells[0].len());
            }
            ("", 'K') => {
                let column = self.column;
                self.cells[self.row][column..].fill(' ');
            }
            ("7" | "", 'm') => {}
            _ => panic!("unexpected sequence {parameters:?} {final_character:?}"),
        }
    }

    fn row_text(&self, row: usize) -> String {
        self.cells[row]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string()
    }
}

fn key_bytes() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![
        6 => b'a'..=b'z',
        2 => prop::sample::select(b"\r\n\t\x7f\x08\x01\x05\x13\x11 ".to_vec()),
        3 => prop::sample::select(vec![0x1b, b'[', b'O', b'~', b'A', b'B', b'C', b'D', b'H', b'F', b'1', b'3', b'4', b'5', b'6']),
        1 => any::<u8>(),
        1 => prop::sample::select(vec![0xC3, 0xA9, 0xE2, 0x82, 0xAC]),
    ];
    prop::collection::vec(byte, 0..300)
}

fn initial_text() -> impl Strategy<Value = String> {
    prop::collection::vec("[a-z é\t]{0,30}", 0..8).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #[test]
    fn random_keys_keep_the_cursor_and_the_screen_right(
        text in initial_text(),
        input in key_bytes(),
        width in 1usize..40,
        height in 2usize..12,
    ) {
        let buffer = Buffer::load(text.as_bytes()).unwrap();
        let mut editor = Editor::new(buffer, "file", width, height);
        let mut screen = Screen::new(width, height);
        let mut rest = &input[..];
        while !rest.is_empty() {
            let (used, action) = editor.feed(rest);
            rest = &rest[used..];
            if action == Some(Action::Save) {
                editor.saved();
            }
            let mut output = Vec::new();
            editor.render(&mut output);
            screen.write(&output);

            let buffer = editor.buffer();
            let cursor = buffer.cursor();
            prop_assert!(cursor.line < buffer.line_count());
            let line = buffer.line(cursor.line).unwrap();
            prop_assert!(cursor.column <= line.chars().count());
            prop_assert!(line.len() <= MAX_LINE_LENGTH);
            let bytes = buffer.to_bytes();
            prop_assert_eq!(bytes.len(), buffer.size());

            let scroll = editor.view().scroll();
            for row in 0..height - 1 {
                let expected: String = match buffer.line(scroll.line + row) {
                    Some(line) => line
                        .chars()
                        .skip(scroll.column)
                        .take(width)
                        .map(|character| if character.is_control() { '?' } else { character })
                        .collect(),
                    None => "~".into(),
                };
                prop_assert_eq!(screen.row_text(row), expected.trim_end());
            }
            prop_assert_eq!(screen.cells[height - 1].len(), width);
            let (row, column) = editor.view().cursor_on_screen(buffer);
            prop_assert!(row < height - 1 && column < width);
            prop_assert_eq!((screen.row, screen.column), (row, column));
        }
        let saved = editor.buffer().to_bytes();
        let reloaded = Buffer::load(&saved).unwrap();
        prop_assert_eq!(reloaded.to_bytes(), saved);
    }

    #[test]
    fn valid_text_round_trips(text in "(\\PC|\n|\t|\r){0,200}") {
        let buffer = Buffer::load(text.as_bytes()).unwrap();
        prop_assert_eq!(buffer.to_bytes(), text.as_bytes());
        let body = text.strip_suffix('\n').unwrap_or(&text);
        prop_assert_eq!(buffer.line_count(), body.split('\n').count());
    }

    #[test]
    fn random_bytes_load_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        if let Ok(buffer) = Buffer::load(&bytes) {
            prop_assert_eq!(buffer.to_bytes(), bytes);
        }
    }
}
