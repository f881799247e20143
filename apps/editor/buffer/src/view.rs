//! The screen: which part of the buffer shows, and the bytes that draw it.
//!
//! The screen is `width` × `height` cells: `height - 1` rows of text and a
//! status line at the bottom in reverse video. Long lines do not wrap:
//! the whole view scrolls sideways so that the cursor stays visible (as
//! in vi with `nowrap`), and the status line's `line:column` says where
//! it is. Rows past the end of the text show `~`. One character is one
//! cell; control characters (a tab, a `\r`) show as `?`.
//!
//! Rendering sends only what differs from what this view drew last: each
//! changed row from its first changed column on. [`View::invalidate`]
//! forgets what was drawn, for a full redraw.

use alloc::string::String;
use alloc::vec::Vec;

use crate::buffer::{Buffer, Position, byte_offset};

/// What the status line shows besides the cursor's place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Status<'a> {
    /// The file's name.
    pub file_name: &'a str,
    /// Shown as `[+]` after the name.
    pub modified: bool,
    /// A hint or the result of the last command.
    pub message: &'a str,
}

/// A window onto a buffer, and what it last drew.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    width: usize,
    height: usize,
    /// The first buffer line shown.
    top: usize,
    /// The first column shown.
    left: usize,
    /// What each screen row shows, as last drawn; `None` for unknown.
    drawn: Vec<Option<String>>,
}

impl View {
    /// A view of a `width` × `height` screen (at least 1 × 2: one text
    /// row and the status line), showing the buffer's start.
    pub fn new(width: usize, height: usize) -> View {
        let mut view = View {
            width: 1,
            height: 2,
            top: 0,
            left: 0,
            drawn: Vec::new(),
        };
        view.resize(width, height);
        view
    }

    /// Changes the screen size; the next render redraws everything.
    pub fn resize(&mut self, width: usize, height: usize) {
        self.width = width.max(1);
        self.height = height.max(2);
        self.invalidate();
    }

    /// Forgets what is on the screen: the next render draws every row.
    pub fn invalidate(&mut self) {
        self.drawn.clear();
        self.drawn.resize(self.height, None);
    }

    /// Rows of text (the screen's height less the status line).
    pub fn text_rows(&self) -> usize {
        self.height - 1
    }

    /// The first buffer line and the first column shown.
    pub fn scroll(&self) -> Position {
        Position {
            line: self.top,
            column: self.left,
        }
    }

    /// The screen row and column (from 0) of the buffer's cursor, after
    /// [`render`](Self::render).
    pub fn cursor_on_screen(&self, buffer: &Buffer) -> (usize, usize) {
        let cursor = buffer.cursor();
        (
            cursor.line.saturating_sub(self.top),
            cursor.column.saturating_sub(self.left),
        )
    }

    /// Scrolls so that the cursor is visible, then appends to `output`
    /// the bytes that make the screen show `buffer` and `status` with the
    /// cursor in place.
    pub fn render(&mut self, buffer: &Buffer, status: &Status<'_>, output: &mut Vec<u8>) {
        self.scroll_to_cursor(buffer.cursor());
        for row in 0..self.text_rows() {
            let text = self.text_row(buffer, row);
            self.draw_row(row, text, output);
        }
        let status_text = self.status_row(buffer.cursor(), status);
        let status_row = self.height - 1;
        if let Some(start) = self.first_change(status_row, &status_text) {
            // No erase: the status line always fills the row.
            move_to(output, status_row, start);
            output.extend_from_slice(b"\x1b[7m");
            push_from(output, &status_text, start);
            output.extend_from_slice(b"\x1b[m");
            self.remember(status_row, status_text);
        }
        let (row, column) = self.cursor_on_screen(buffer);
        move_to(output, row, column);
    }

    fn scroll_to_cursor(&mut self, cursor: Position) {
        let rows = self.text_rows();
        if cursor.line < self.top {
            self.top = cursor.line;
        } else if cursor.line >= self.top + rows {
            self.top = cursor.line + 1 - rows;
        }
        if cursor.column < self.left {
            self.left = cursor.column;
        } else if cursor.column >= self.left + self.width {
            self.left = cursor.column + 1 - self.width;
        }
    }

    /// The text of screen row `row`: the visible part of its line.
    fn text_row(&self, buffer: &Buffer, row: usize) -> String {
        match buffer.line(self.top + row) {
            Some(line) => line
                .chars()
                .skip(self.left)
                .take(self.width)
                .map(|character| {
                    if character.is_control() {
                        '?'
                    } else {
                        character
                    }
                })
                .collect(),
            None => String::from("~"),
        }
    }

    fn draw_row(&mut self, row: usize, text: String, output: &mut Vec<u8>) {
        let Some(start) = self.first_change(row, &text) else {
            return;
        };
        move_to(output, row, start);
        // Erase first: after a full row the cursor sits on its last cell
        // (wrap pending), and erasing then would take that cell too.
        output.extend_from_slice(b"\x1b[K");
        push_from(output, &text, start);
        self.remember(row, text);
    }

    /// The first column where `text` differs from what row `row` shows;
    /// `None` if it shows exactly that. Redrawing from there, not from the
    /// row's start, makes a typed character cost a few bytes, not a row.
    fn first_change(&self, row: usize, text: &str) -> Option<usize> {
        let Some(drawn) = self.drawn.get(row).and_then(Option::as_ref) else {
            return Some(0);
        };
        if drawn == text {
            return None;
        }
        let same = drawn
            .chars()
            .zip(text.chars())
            .take_while(|(old, new)| old == new)
            .count();
        Some(same)
    }

    fn remember(&mut self, row: usize, text: String) {
        if let Some(slot) = self.drawn.get_mut(row) {
            *slot = Some(text);
        }
    }

    /// ` name [+]  message ... line:column `, exactly `width` cells.
    fn status_row(&self, cursor: Position, status: &Status<'_>) -> String {
        let mut left = String::from(" ");
        left.push_str(status.file_name);
        if status.modified {
            left.push_str(" [+]");
        }
        if !status.message.is_empty() {
            left.push_str("  ");
            left.push_str(status.message);
        }
        let right = alloc::format!("  {}:{} ", cursor.line + 1, cursor.column + 1);
        let right_width = right.chars().count();
        let room = self.width.saturating_sub(right_width);
        let mut text: String = left
            .chars()
            .map(|character| {
                if character.is_control() {
                    '?'
                } else {
                    character
                }
            })
            .take(room)
            .collect();
        let padding = room.saturating_sub(text.chars().count());
        text.extend(core::iter::repeat_n(' ', padding));
        text.push_str(&right);
        text.chars().take(self.width).collect()
    }
}

/// Appends `text` from its character `start` on.
fn push_from(output: &mut Vec<u8>, text: &str, start: usize) {
    let offset = byte_offset(text, start);
    output.extend_from_slice(text.get(offset..).unwrap_or("").as_bytes());
}

/// `ESC [ row ; column H`, both counted from 0 here and from 1 there.
fn move_to(output: &mut Vec<u8>, row: usize, column: usize) {
    let sequence = alloc::format!("\x1b[{};{}H", row + 1, column + 1);
    output.extend_from_slice(sequence.as_bytes());
}

#[cfg(test)]
mod tests;
