//! A small model of an ANSI terminal with deferred wrap (as ours and
//! xterm are), strict about what it accepts: anything the line editor
//! should never send fails the test.

/// The screen: every line ever shown (scrolled-off ones too), the index
/// of the first visible one, and the cursor.
pub struct Screen {
    pub columns: usize,
    pub rows: usize,
    pub lines: Vec<Vec<char>>,
    pub top: usize,
    /// Absolute line index of the cursor.
    pub row: usize,
    pub column: usize,
    pub pending_wrap: bool,
}

impl Screen {
    pub fn new(columns: usize, rows: usize) -> Screen {
        Screen {
            columns,
            rows,
            lines: vec![vec![' '; columns]; rows],
            top: 0,
            row: 0,
            column: 0,
            pending_wrap: false,
        }
    }

    pub fn write(&mut self, bytes: &[u8]) {
        let Ok(text) = std::str::from_utf8(bytes) else {
            panic!("the editor sends UTF-8: {bytes:?}");
        };
        let mut characters = text.chars();
        while let Some(character) = characters.next() {
            match character {
                '\x1b' => self.escape(&mut characters),
                '\r' => {
                    self.column = 0;
                    self.pending_wrap = false;
                }
                '\n' => self.line_feed(),
                '\x07' => {}
                '\x08' => panic!("the editor does not use backspace"),
                _ if character.is_control() => panic!("unexpected control {character:?}"),
                _ => self.print(character),
            }
        }
    }

    fn print(&mut self, character: char) {
        if self.pending_wrap {
            self.column = 0;
            self.line_feed();
        }
        self.lines[self.row][self.column] = character;
        if self.column + 1 < self.columns {
            self.column += 1;
        } else {
            self.pending_wrap = true;
        }
    }

    fn line_feed(&mut self) {
        self.pending_wrap = false;
        if self.row + 1 < self.top + self.rows {
            self.row += 1;
        } else {
            self.lines.push(vec![' '; self.columns]);
            self.top += 1;
            self.row += 1;
        }
    }

    fn escape(&mut self, characters: &mut std::str::Chars<'_>) {
        assert_eq!(characters.next(), Some('['), "only CSI sequences");
        let mut parameter = String::new();
        let final_character = loop {
            let Some(character) = characters.next() else {
                panic!("an incomplete sequence");
            };
            if character.is_ascii_digit() || character == ';' {
                parameter.push(character);
            } else {
                break character;
            }
        };
        let count = parameter.parse::<usize>().unwrap_or(1).max(1);
        self.pending_wrap = false;
        let bottom = self.top + self.rows - 1;
        match final_character {
            'A' => self.row = self.row.saturating_sub(count).max(self.top),
            'B' => self.row = (self.row + count).min(bottom),
            'G' => self.column = (count - 1).min(self.columns - 1),
            'H' => {
                assert!(parameter.is_empty(), "only home");
                self.row = self.top;
                self.column = 0;
            }
            'J' => {
                assert!(parameter.is_empty(), "only erase below");
                let (row, column) = (self.row, self.column);
                self.lines[row][column..].fill(' ');
                for line in &mut self.lines[row + 1..] {
                    line.fill(' ');
                }
            }
            other => panic!("unexpected sequence ending in {other:?}"),
        }
    }

    /// The text of absolute line `row`.
    pub fn text(&self, row: usize) -> String {
        self.lines
            .get(row)
            .map(|line| line.iter().collect())
            .unwrap_or_default()
    }

    /// Checks that the lines from absolute line `start` hold `text`,
    /// wrapped.
    pub fn assert_text_at(&self, start: usize, text: &str) {
        let text: Vec<char> = text.chars().collect();
        for (offset, row) in text.chunks(self.columns).enumerate() {
            let expected: String = row.iter().collect();
            assert_eq!(self.text(start + offset).trim_end(), expected.trim_end());
        }
    }

    /// Checks that the screen shows `prompt` and `line` from absolute
    /// line `start`, with nothing after them, and the cursor `cursor`
    /// characters into the line.
    pub fn assert_shows(&self, start: usize, prompt: &str, line: &str, cursor: usize) {
        let text: Vec<char> = prompt.chars().chain(line.chars()).collect();
        let rows = text.len() / self.columns + 1;
        for offset in 0..rows {
            let expected: String = text
                .iter()
                .skip(offset * self.columns)
                .take(self.columns)
                .collect();
            let shown = self.text(start + offset);
            assert_eq!(
                shown.trim_end(),
                expected.trim_end(),
                "row {offset} of {text:?}"
            );
        }
        for after in start + rows..self.lines.len() {
            assert!(
                self.text(after).trim().is_empty(),
                "line {after} is not blank"
            );
        }
        let position = prompt.chars().count() + cursor;
        assert!(!self.pending_wrap, "no wrap left pending");
        assert_eq!(
            (self.row, self.column),
            (start + position / self.columns, position % self.columns),
            "cursor of {text:?} at {position}"
        );
    }
}
