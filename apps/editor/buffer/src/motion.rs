//! Moving the cursor.

use crate::buffer::{Buffer, Position};

impl Buffer {
    /// Puts the cursor at `position`, clamped to the text.
    pub fn set_cursor(&mut self, position: Position) {
        let line = position.line.min(self.lines.len().saturating_sub(1));
        let column = position.column.min(self.line_width(line));
        self.cursor = Position { line, column };
        self.desired_column = column;
    }

    /// One character left; from a line's start, to the end of the line
    /// above.
    pub fn move_left(&mut self) {
        if self.cursor.column > 0 {
            self.cursor.column -= 1;
        } else if self.cursor.line > 0 {
            self.cursor.line -= 1;
            self.cursor.column = self.line_width(self.cursor.line);
        }
        self.desired_column = self.cursor.column;
    }

    /// One character right; from a line's end, to the start of the line
    /// below.
    pub fn move_right(&mut self) {
        if self.cursor.column < self.line_width(self.cursor.line) {
            self.cursor.column += 1;
        } else if self.cursor.line + 1 < self.lines.len() {
            self.cursor.line += 1;
            self.cursor.column = 0;
        }
        self.desired_column = self.cursor.column;
    }

    /// One line up, to the desired column or the line's end if shorter.
    pub fn move_up(&mut self) {
        self.move_to_line(self.cursor.line.saturating_sub(1));
    }

    /// One line down, to the desired column or the line's end if shorter.
    pub fn move_down(&mut self) {
        self.move_to_line(self.cursor.line.saturating_add(1));
    }

    /// `height` lines up (a screenful), or to the first line.
    pub fn page_up(&mut self, height: usize) {
        self.move_to_line(self.cursor.line.saturating_sub(height.max(1)));
    }

    /// `height` lines down (a screenful), or to the last line.
    pub fn page_down(&mut self, height: usize) {
        self.move_to_line(self.cursor.line.saturating_add(height.max(1)));
    }

    /// To the start of the line.
    pub fn move_home(&mut self) {
        self.cursor.column = 0;
        self.desired_column = 0;
    }

    /// To the end of the line.
    pub fn move_end(&mut self) {
        self.cursor.column = self.line_width(self.cursor.line);
        self.desired_column = self.cursor.column;
    }

    /// To line `line` (clamped), keeping the desired column.
    fn move_to_line(&mut self, line: usize) {
        let line = line.min(self.lines.len().saturating_sub(1));
        self.cursor.line = line;
        self.cursor.column = self.desired_column.min(self.line_width(line));
    }
}
