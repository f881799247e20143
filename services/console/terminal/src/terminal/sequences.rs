//! Escape and control sequences: cursor movement, erasing, modes.
//!
//! Every count and position coming from a sequence is clamped to the
//! screen, so a parameter of 9999 means "as far as possible".

use super::{SavedCursor, Terminal};
use crate::cell::Cell;
use crate::parser::ControlSequence;

/// The DEC private mode that shows (`CSI ? 25 h`) or hides (`l`) the cursor.
const CURSOR_VISIBLE_MODE: u16 = 25;

impl Terminal {
    pub(super) fn escape(&mut self, final_byte: u8) {
        match final_byte {
            b'7' => self.save_cursor(),
            b'8' => self.restore_cursor(),
            b'c' => self.reset(),
            // Index, next line, reverse index.
            b'D' => self.line_feed(),
            b'E' => {
                self.carriage_return();
                self.line_feed();
            }
            b'M' => self.reverse_index(),
            _ => {}
        }
    }

    pub(super) fn control_sequence(&mut self, sequence: &ControlSequence<'_>) {
        match sequence.private_marker {
            None => self.standard_sequence(sequence),
            Some(b'?') => self.private_mode(sequence),
            Some(_) => {}
        }
    }

    fn standard_sequence(&mut self, sequence: &ControlSequence<'_>) {
        let count = usize::from(sequence.parameter_or(0, 1));
        match sequence.final_byte {
            b'm' => self.pen.apply_sgr(sequence.parameters),
            b'H' | b'f' => {
                let row = usize::from(sequence.parameter_or(0, 1)) - 1;
                let column = usize::from(sequence.parameter_or(1, 1)) - 1;
                self.move_cursor_to(column, row);
            }
            b'A' => self.move_cursor_to(self.column, self.row.saturating_sub(count)),
            b'B' => self.move_cursor_to(self.column, self.row.saturating_add(count)),
            b'C' => self.move_cursor_to(self.column.saturating_add(count), self.row),
            b'D' => self.move_cursor_to(self.column.saturating_sub(count), self.row),
            b'E' => self.move_cursor_to(0, self.row.saturating_add(count)),
            b'F' => self.move_cursor_to(0, self.row.saturating_sub(count)),
            b'G' | b'`' => self.move_cursor_to(count - 1, self.row),
            b'd' => self.move_cursor_to(self.column, count - 1),
            b'J' => self.erase_display(sequence.parameter_or(0, 0)),
            b'K' => self.erase_line(sequence.parameter_or(0, 0)),
            b's' => self.save_cursor(),
            b'u' => self.restore_cursor(),
            _ => {}
        }
    }

    fn private_mode(&mut self, sequence: &ControlSequence<'_>) {
        let visible = match sequence.final_byte {
            b'h' => true,
            b'l' => false,
            _ => return,
        };
        if sequence.parameters.contains(&CURSOR_VISIBLE_MODE) {
            self.cursor_visible = visible;
        }
    }

    /// Puts the cursor at `column`, `row`, clamped to the screen.
    fn move_cursor_to(&mut self, column: usize, row: usize) {
        self.column = column.min(self.columns - 1);
        self.row = row.min(self.rows - 1);
        self.pending_wrap = false;
    }

    fn save_cursor(&mut self) {
        self.saved = SavedCursor {
            column: self.column,
            row: self.row,
            pen: self.pen,
        };
    }

    /// Back to the saved cursor, or to the top left in the default colours
    /// if none was saved.
    fn restore_cursor(&mut self) {
        let saved = self.saved;
        self.pen = saved.pen;
        self.move_cursor_to(saved.column, saved.row);
    }

    fn reverse_index(&mut self) {
        self.pending_wrap = false;
        if self.row > 0 {
            self.row -= 1;
        } else {
            self.lines.scroll_down(self.blank());
            self.damage.mark_all();
        }
    }

    /// An erased cell: a space in the current background.
    fn blank(&self) -> Cell {
        Cell::new(b' ', self.pen.erase_attribute())
    }

    /// `CSI n J`: 0 from the cursor to the end of the screen, 1 from the
    /// start to the cursor (inclusive), 2 all of it, 3 all of it and the
    /// scrollback too (as on the Linux console). Other values do nothing.
    pub(super) fn erase_display(&mut self, mode: u16) {
        let rows = match mode {
            0 => {
                self.erase_line(0);
                self.row + 1..self.rows
            }
            1 => {
                self.erase_line(1);
                0..self.row
            }
            2 => 0..self.rows,
            3 => {
                self.lines.clear_scrollback();
                self.view_offset = 0;
                0..self.rows
            }
            _ => return,
        };
        let blank = self.blank();
        for row in rows {
            self.lines.screen_row_mut(row).fill(blank);
            self.damage.mark_row(row);
        }
    }

    /// `CSI n K`: 0 from the cursor to the end of the line, 1 from the
    /// start of the line to the cursor (inclusive), 2 the whole line.
    fn erase_line(&mut self, mode: u16) {
        let columns = match mode {
            0 => self.column..self.columns,
            1 => 0..self.column + 1,
            2 => 0..self.columns,
            _ => return,
        };
        let blank = self.blank();
        if let Some(cells) = self.lines.screen_row_mut(self.row).get_mut(columns) {
            cells.fill(blank);
        }
        self.damage.mark_row(self.row);
    }
}
