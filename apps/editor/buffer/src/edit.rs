//! Changing the text at the cursor.

use alloc::string::String;

use crate::buffer::{Buffer, EditError, MAX_FILE_SIZE, MAX_LINE_LENGTH, byte_offset};

/// Columns between tab stops; Tab inserts spaces up to the next one.
pub const TAB_WIDTH: usize = 4;

impl Buffer {
    /// Inserts `character` at the cursor and moves past it; `\n` splits
    /// the line as [`insert_newline`](Self::insert_newline) does.
    pub fn insert_char(&mut self, character: char) -> Result<(), EditError> {
        if character == '\n' {
            return self.insert_newline();
        }
        let length = character.len_utf8();
        self.check_growth(length)?;
        let line = self.current_line();
        if line.len() + length > MAX_LINE_LENGTH {
            return Err(EditError::LineTooLong);
        }
        let offset = byte_offset(line, self.cursor.column);
        if let Some(line) = self.lines.get_mut(self.cursor.line) {
            line.insert(offset, character);
        }
        self.size += length;
        self.cursor.column += 1;
        self.desired_column = self.cursor.column;
        self.modified = true;
        Ok(())
    }

    /// Inserts spaces up to the next tab stop (a multiple of
    /// [`TAB_WIDTH`] columns); all or none of them.
    pub fn insert_tab(&mut self) -> Result<(), EditError> {
        let spaces = TAB_WIDTH - self.cursor.column % TAB_WIDTH;
        self.check_growth(spaces)?;
        if self.current_line().len() + spaces > MAX_LINE_LENGTH {
            return Err(EditError::LineTooLong);
        }
        for _ in 0..spaces {
            self.insert_char(' ')?;
        }
        Ok(())
    }

    /// Splits the line at the cursor; the cursor goes to the start of the
    /// new line.
    pub fn insert_newline(&mut self) -> Result<(), EditError> {
        self.check_growth(1)?;
        let offset = byte_offset(self.current_line(), self.cursor.column);
        let tail = match self.lines.get_mut(self.cursor.line) {
            Some(line) => line.split_off(offset),
            None => String::new(),
        };
        self.lines.insert(self.cursor.line + 1, tail);
        self.size += 1;
        self.cursor.line += 1;
        self.cursor.column = 0;
        self.desired_column = 0;
        self.modified = true;
        Ok(())
    }

    /// Erases the character before the cursor; at a line's start, joins
    /// the line to the one above. Nothing at the buffer's start.
    pub fn backspace(&mut self) -> Result<(), EditError> {
        if self.cursor.column > 0 {
            self.cursor.column -= 1;
            self.remove_at_cursor();
        } else if self.cursor.line > 0 {
            let above = self.cursor.line - 1;
            let column = self.line_width(above);
            self.join_with_next(above)?;
            self.cursor.line = above;
            self.cursor.column = column;
        }
        self.desired_column = self.cursor.column;
        Ok(())
    }

    /// Erases the character under the cursor; at a line's end, joins the
    /// next line to it. Nothing at the buffer's end.
    pub fn delete(&mut self) -> Result<(), EditError> {
        if self.cursor.column < self.line_width(self.cursor.line) {
            self.remove_at_cursor();
        } else if self.cursor.line + 1 < self.lines.len() {
            self.join_with_next(self.cursor.line)?;
        }
        self.desired_column = self.cursor.column;
        Ok(())
    }

    fn remove_at_cursor(&mut self) {
        let column = self.cursor.column;
        if let Some(line) = self.lines.get_mut(self.cursor.line) {
            let offset = byte_offset(line, column);
            if offset < line.len() {
                let removed = line.remove(offset);
                self.size -= removed.len_utf8();
                self.modified = true;
            }
        }
    }

    /// Appends line `index + 1` to line `index`, if the result fits.
    fn join_with_next(&mut self, index: usize) -> Result<(), EditError> {
        let (Some(first), Some(second)) = (self.lines.get(index), self.lines.get(index + 1)) else {
            return Ok(());
        };
        if first.len() + second.len() > MAX_LINE_LENGTH {
            return Err(EditError::LineTooLong);
        }
        let second = self.lines.remove(index + 1);
        if let Some(first) = self.lines.get_mut(index) {
            first.push_str(&second);
        }
        self.size -= 1;
        self.modified = true;
        Ok(())
    }

    fn check_growth(&self, bytes: usize) -> Result<(), EditError> {
        if self.size + bytes > MAX_FILE_SIZE {
            Err(EditError::FileTooLarge)
        } else {
            Ok(())
        }
    }
}
