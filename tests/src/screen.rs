//! Decodes the 80x25 VGA text buffer read from guest memory at 0xB8000.
//!
//! Each cell is two bytes: the character in code page 437 (even offset) and
//! its colour attribute (odd offset). Reading memory rather than a picture of
//! the screen gives the exact text, so tests can compare strings.

use std::fmt;

// The console's own table, so the harness reads back exactly what the
// console meant to draw, and the two can never drift apart.
use console_terminal::cp437;

/// Physical address of the VGA text buffer.
pub const TEXT_BUFFER_ADDRESS: u64 = 0xB8000;
/// Columns of the text screen.
pub const COLUMNS: usize = 80;
/// Rows of the text screen.
pub const ROWS: usize = 25;
/// Size of the text buffer in bytes: two per cell.
pub const TEXT_BUFFER_LEN: usize = COLUMNS * ROWS * 2;

/// One snapshot of the 80x25 text screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screen {
    characters: Vec<u8>,
    attributes: Vec<u8>,
}

impl Screen {
    /// Parses a raw text buffer (`TEXT_BUFFER_LEN` bytes, cells of character
    /// then attribute). Returns `None` if the buffer has the wrong size or
    /// reads as all 0xFF, which means the VGA is not in text mode (the
    /// bootloader's linear framebuffer is still on).
    pub fn from_bytes(raw: &[u8]) -> Option<Self> {
        if raw.len() != TEXT_BUFFER_LEN || raw.iter().all(|&byte| byte == 0xFF) {
            return None;
        }
        let characters = raw.iter().step_by(2).copied().collect();
        let attributes = raw.iter().skip(1).step_by(2).copied().collect();
        Some(Self {
            characters,
            attributes,
        })
    }

    /// The 25 rows as text, each right-trimmed.
    pub fn lines(&self) -> Vec<String> {
        self.characters
            .chunks(COLUMNS)
            .map(|row| {
                let line: String = row.iter().map(|&byte| cp437::decode(byte)).collect();
                line.trim_end().to_owned()
            })
            .collect()
    }

    /// The whole screen as text, rows joined by `\n`.
    pub fn text(&self) -> String {
        self.lines().join("\n")
    }

    /// Whether `needle` appears on the screen. A needle without `\n` must fit
    /// in one row; one with `\n` can span rows.
    pub fn contains(&self, needle: &str) -> bool {
        self.text().contains(needle)
    }

    /// The character at `row`, `column` (both from 0), if on the screen.
    pub fn char_at(&self, row: usize, column: usize) -> Option<char> {
        self.characters
            .get(cell_index(row, column)?)
            .map(|&byte| cp437::decode(byte))
    }

    /// The colour attribute at `row`, `column` (both from 0): background in
    /// bits 4-7, foreground in bits 0-3.
    pub fn attribute_at(&self, row: usize, column: usize) -> Option<u8> {
        self.attributes.get(cell_index(row, column)?).copied()
    }
}

fn cell_index(row: usize, column: usize) -> Option<usize> {
    (row < ROWS && column < COLUMNS).then_some(row * COLUMNS + column)
}

impl fmt::Display for Screen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A blank screen (spaces, light grey on black) with `text` written at
    /// `row`, `column` in attribute `attribute`.
    fn buffer_with(row: usize, column: usize, text: &[u8], attribute: u8) -> Vec<u8> {
        let mut raw = [b' ', 0x07].repeat(COLUMNS * ROWS);
        for (offset, &byte) in text.iter().enumerate() {
            let cell = row * COLUMNS + column + offset;
            raw[cell * 2] = byte;
            raw[cell * 2 + 1] = attribute;
        }
        raw
    }

    /// The harness reads cells through the console's table; these are the
    /// glyphs its screen checks rely on.
    #[test]
    fn cp437_maps_ascii_box_drawing_and_symbols() {
        assert_eq!(cp437::decode(b'A'), 'A');
        assert_eq!(cp437::decode(b'~'), '~');
        assert_eq!(cp437::decode(0), ' ');
        assert_eq!(cp437::decode(0x01), '☺');
        assert_eq!(cp437::decode(0x1F), '▼');
        assert_eq!(cp437::decode(0x7F), '⌂');
        assert_eq!(cp437::decode(0x80), 'Ç');
        assert_eq!(cp437::decode(0xB3), '│');
        assert_eq!(cp437::decode(0xC4), '─');
        assert_eq!(cp437::decode(0xC9), '╔');
        assert_eq!(cp437::decode(0xCD), '═');
        assert_eq!(cp437::decode(0xDB), '█');
        assert_eq!(cp437::decode(0xFE), '■');
    }

    #[test]
    fn screen_lines_are_trimmed_rows() {
        let raw = buffer_with(0, 0, b"Barodia v0.1.0", 0x1F);
        let screen = Screen::from_bytes(&raw).unwrap();
        let lines = screen.lines();
        assert_eq!(lines.len(), ROWS);
        assert_eq!(lines[0], "Barodia v0.1.0");
        assert!(lines[1..].iter().all(String::is_empty));
        assert!(screen.contains("Barodia v0.1.0"));
        assert!(!screen.contains("Barodia v0.2"));
    }

    #[test]
    fn attributes_and_characters_are_addressed_by_row_and_column() {
        let raw = buffer_with(24, 78, &[0xC9, 0xCD], 0x4E);
        let screen = Screen::from_bytes(&raw).unwrap();
        assert_eq!(screen.char_at(24, 78), Some('╔'));
        assert_eq!(screen.char_at(24, 79), Some('═'));
        assert_eq!(screen.attribute_at(24, 79), Some(0x4E));
        assert_eq!(screen.attribute_at(0, 0), Some(0x07));
        assert_eq!(screen.attribute_at(25, 0), None);
        assert_eq!(screen.attribute_at(0, 80), None);
        assert_eq!(screen.lines()[24], format!("{}╔═", " ".repeat(78)));
    }

    #[test]
    fn framebuffer_mode_and_wrong_sizes_are_not_a_screen() {
        assert_eq!(Screen::from_bytes(&[0xFF; TEXT_BUFFER_LEN]), None);
        assert_eq!(Screen::from_bytes(&[b' '; 10]), None);
    }
}
