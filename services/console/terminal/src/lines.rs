//! The screen and its scrollback as one ring of lines.
//!
//! The screen is the newest `rows` lines of the ring and the scrollback is
//! everything before them, so scrolling the screen up by a line moves the
//! ring's end by one and clears one line: it copies nothing, and the line
//! that leaves the top of the screen is already in the scrollback. When the
//! ring is full the oldest scrollback line is the one reused.

use alloc::vec;
use alloc::vec::Vec;

use crate::cell::Cell;

/// Screen lines plus scrollback lines, in one allocation.
#[derive(Clone, Debug)]
pub struct Lines {
    /// `capacity` lines of `columns` cells each; line slot `s` starts at
    /// cell `s * columns`.
    cells: Vec<Cell>,
    columns: usize,
    rows: usize,
    /// Screen rows plus the scrollback bound, in lines.
    capacity: usize,
    /// The slot of the oldest line kept.
    first: usize,
    /// Lines kept, from `rows` (no scrollback yet) to `capacity`.
    stored: usize,
}

impl Lines {
    /// A blank screen of `columns` x `rows` with room for `scrollback`
    /// lines of history. The caller has made all three sane (non-zero
    /// sizes, and a product that fits in memory).
    pub fn new(columns: usize, rows: usize, scrollback: usize) -> Lines {
        let capacity = rows + scrollback;
        Lines {
            cells: vec![Cell::BLANK; capacity * columns],
            columns,
            rows,
            capacity,
            first: 0,
            stored: rows,
        }
    }

    /// Lines of history currently kept above the screen.
    pub fn scrollback_len(&self) -> usize {
        self.stored - self.rows
    }

    /// The cell range of line `line`, counting from the oldest kept.
    fn range(&self, line: usize) -> core::ops::Range<usize> {
        let start = (self.first + line) % self.capacity * self.columns;
        start..start + self.columns
    }

    fn line(&self, line: usize) -> &[Cell] {
        self.cells.get(self.range(line)).unwrap_or(&[])
    }

    /// Screen row `row`, to change; empty past the bottom.
    pub fn screen_row_mut(&mut self, row: usize) -> &mut [Cell] {
        if row >= self.rows {
            return &mut [];
        }
        let range = self.range(self.stored - self.rows + row);
        self.cells.get_mut(range).unwrap_or(&mut [])
    }

    /// Row `row` of the screen as seen with the view `offset` lines back
    /// in history (clamped to the history there is).
    pub fn view_row(&self, offset: usize, row: usize) -> &[Cell] {
        if row >= self.rows {
            return &[];
        }
        let offset = offset.min(self.scrollback_len());
        self.line(self.stored - self.rows - offset + row)
    }

    /// Moves the screen up one line: the top row goes into the scrollback
    /// (dropping the oldest history line when full) and a row of `blank`
    /// appears at the bottom.
    pub fn scroll_up(&mut self, blank: Cell) {
        if self.stored < self.capacity {
            self.stored += 1;
        } else {
            self.first = (self.first + 1) % self.capacity;
        }
        self.screen_row_mut(self.rows - 1).fill(blank);
    }

    /// Moves the screen down one line, for a reverse index at the top: the
    /// bottom row is lost and a row of `blank` appears at the top. The
    /// scrollback is untouched, as on a VT100.
    pub fn scroll_down(&mut self, blank: Cell) {
        for row in (1..self.rows).rev() {
            let source = self.range(self.stored - self.rows + row - 1);
            let destination = self.range(self.stored - self.rows + row);
            self.cells.copy_within(source, destination.start);
        }
        self.screen_row_mut(0).fill(blank);
    }

    /// Forgets all history; the screen stays as it is.
    pub fn clear_scrollback(&mut self) {
        self.first = (self.first + self.scrollback_len()) % self.capacity;
        self.stored = self.rows;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cell::Attribute;

    fn marked(character: u8) -> Cell {
        Cell::new(character, Attribute::DEFAULT)
    }

    fn first_characters(lines: &Lines, offset: usize) -> Vec<u8> {
        (0..lines.rows)
            .map(|row| lines.view_row(offset, row)[0].character)
            .collect()
    }

    #[test]
    fn scrolling_moves_the_top_row_into_bounded_history() {
        let mut lines = Lines::new(3, 2, 2);
        lines.screen_row_mut(0).fill(marked(b'a'));
        lines.screen_row_mut(1).fill(marked(b'b'));
        for character in *b"cde" {
            lines.scroll_up(Cell::BLANK);
            lines.screen_row_mut(1).fill(marked(character));
        }
        assert_eq!(lines.scrollback_len(), 2);
        assert_eq!(first_characters(&lines, 0), b"de");
        assert_eq!(first_characters(&lines, 1), b"cd");
        assert_eq!(first_characters(&lines, 2), b"bc");
        assert_eq!(first_characters(&lines, 9), b"bc");
        lines.clear_scrollback();
        assert_eq!(lines.scrollback_len(), 0);
        assert_eq!(first_characters(&lines, 2), b"de");
    }

    #[test]
    fn scrolling_down_inserts_a_blank_top_row() {
        let mut lines = Lines::new(2, 3, 0);
        for (row, character) in b"abc".iter().copied().enumerate() {
            lines.screen_row_mut(row).fill(marked(character));
        }
        lines.scroll_down(Cell::BLANK);
        assert_eq!(first_characters(&lines, 0), b" ab");
    }

    #[test]
    fn rows_past_the_bottom_are_empty() {
        let mut lines = Lines::new(2, 2, 1);
        assert!(lines.screen_row_mut(5).is_empty());
        assert!(lines.view_row(0, 2).is_empty());
    }
}
