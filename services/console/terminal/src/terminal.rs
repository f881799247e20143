//! One virtual console: a grid of cells with a cursor and scrollback,
//! driven by the byte stream its clients write.

mod sequences;
#[cfg(test)]
mod tests;

use alloc::string::String;

use crate::cell::Cell;
use crate::colour::Pen;
use crate::cp437;
use crate::damage::Damage;
use crate::lines::Lines;
use crate::parser::{Action, Parser};

/// Widest screen [`Terminal::new`] accepts; wider requests are clamped.
pub const MAX_COLUMNS: usize = 512;
/// Tallest screen [`Terminal::new`] accepts; taller requests are clamped.
pub const MAX_ROWS: usize = 256;
/// Most scrollback lines [`Terminal::new`] accepts (80 x 10,000 cells is
/// 1.6 MB); more are clamped.
pub const MAX_SCROLLBACK: usize = 10_000;

/// Columns between tab stops (fixed; there is no `HTS`/`TBC`).
const TAB_WIDTH: usize = 8;

/// The cursor state `ESC 7` / `CSI s` save and `ESC 8` / `CSI u` restore.
#[derive(Clone, Copy, Debug, Default)]
struct SavedCursor {
    column: usize,
    row: usize,
    pen: Pen,
}

/// A terminal emulator for one virtual console: a VT100-like subset of
/// ECMA-48 over a screen of code page 437 cells.
///
/// Clients' output goes in through [`write`](Terminal::write); the console
/// program reads the visible cells back ([`visible_row`](Terminal::visible_row),
/// [`cursor`](Terminal::cursor)) and redraws the rows
/// [`take_damage`](Terminal::take_damage) names.
///
/// Conventions worth knowing:
/// - `\n` (and VT, FF) is a new line: carriage return and line feed, as a
///   Unix tty with `onlcr` would send it. `\r` alone returns to column 0.
/// - Wrapping is deferred, as on a VT100: a character written in the last
///   column leaves the cursor there, and the line wraps only when the next
///   printable character arrives. `\b` in that state cancels the pending
///   wrap without moving, so `\b \b` erases the last column correctly.
/// - `\b` moves left without erasing and stops at column 0; `\t` moves to
///   the next multiple of 8 (at most the last column); BEL is ignored.
/// - Characters are shown in code page 437; see [`cp437::encode`] for what
///   has no glyph.
#[derive(Clone, Debug)]
pub struct Terminal {
    lines: Lines,
    parser: Parser,
    pen: Pen,
    columns: usize,
    rows: usize,
    scrollback_capacity: usize,
    /// Cursor column, always below `columns`.
    column: usize,
    /// Cursor row on the screen (not the view), always below `rows`.
    row: usize,
    /// A character was written in the last column; the next printable
    /// character goes to the start of the next line.
    pending_wrap: bool,
    saved: SavedCursor,
    cursor_visible: bool,
    /// Lines the view is scrolled back into history; 0 shows the screen.
    view_offset: usize,
    damage: Damage,
    /// The cursor as of the last `take_damage`, to report whether it moved.
    reported_cursor: Option<(usize, usize)>,
}

impl Terminal {
    /// A blank terminal of `columns` x `rows` cells keeping up to
    /// `scrollback` lines of history, cursor at the top left.
    ///
    /// Sizes are clamped to 1..=[`MAX_COLUMNS`], 1..=[`MAX_ROWS`] and
    /// 0..=[`MAX_SCROLLBACK`]. Everything starts damaged, so the first
    /// render draws the whole screen.
    pub fn new(columns: usize, rows: usize, scrollback: usize) -> Terminal {
        let columns = columns.clamp(1, MAX_COLUMNS);
        let rows = rows.clamp(1, MAX_ROWS);
        let scrollback = scrollback.min(MAX_SCROLLBACK);
        let mut damage = Damage::new(rows);
        damage.mark_all();
        Terminal {
            lines: Lines::new(columns, rows, scrollback),
            parser: Parser::default(),
            pen: Pen::default(),
            columns,
            rows,
            scrollback_capacity: scrollback,
            column: 0,
            row: 0,
            pending_wrap: false,
            saved: SavedCursor::default(),
            cursor_visible: true,
            view_offset: 0,
            damage,
            reported_cursor: None,
        }
    }

    /// Width in cells.
    pub fn columns(&self) -> usize {
        self.columns
    }

    /// Height in cells.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Lines of history kept now (at most [`scrollback_capacity`](Terminal::scrollback_capacity)).
    pub fn scrollback_len(&self) -> usize {
        self.lines.scrollback_len()
    }

    /// The most lines of history this terminal keeps.
    pub fn scrollback_capacity(&self) -> usize {
        self.scrollback_capacity
    }

    /// Interprets `bytes` as output to this console: UTF-8 text, control
    /// characters and escape sequences. A character or sequence may be
    /// split across calls. Any non-empty write brings the view back to the
    /// bottom, as on the Linux console.
    pub fn write(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        self.scroll_view_to_bottom();
        // The parser is moved out for the loop so that its callback may
        // borrow the rest of the terminal mutably; it is a few dozen bytes.
        let mut parser = core::mem::take(&mut self.parser);
        for &byte in bytes {
            parser.advance(byte, &mut |action| self.perform(action));
        }
        self.parser = parser;
    }

    fn perform(&mut self, action: Action<'_>) {
        match action {
            Action::Print(character) => self.print(cp437::encode(character)),
            Action::Control(byte) => self.control(byte),
            Action::Escape(final_byte) => self.escape(final_byte),
            Action::ControlSequence(sequence) => self.control_sequence(&sequence),
        }
    }

    /// Puts one CP437 byte at the cursor with the current pen and advances.
    fn print(&mut self, byte: u8) {
        if self.pending_wrap {
            self.pending_wrap = false;
            self.column = 0;
            self.line_feed();
        }
        let cell = Cell::new(byte, self.pen.attribute());
        if let Some(target) = self.lines.screen_row_mut(self.row).get_mut(self.column) {
            *target = cell;
        }
        self.damage.mark_row(self.row);
        if self.column + 1 < self.columns {
            self.column += 1;
        } else {
            self.pending_wrap = true;
        }
    }

    fn control(&mut self, byte: u8) {
        match byte {
            b'\n' | 0x0B | 0x0C => {
                self.carriage_return();
                self.line_feed();
            }
            b'\r' => self.carriage_return(),
            0x08 => self.backspace(),
            b'\t' => self.tab(),
            // BEL and the rest: nothing to show.
            _ => {}
        }
    }

    fn carriage_return(&mut self) {
        self.column = 0;
        self.pending_wrap = false;
    }

    /// Down one row, scrolling the screen (into the scrollback) at the
    /// bottom. The column stays.
    fn line_feed(&mut self) {
        self.pending_wrap = false;
        if self.row + 1 < self.rows {
            self.row += 1;
        } else {
            self.lines
                .scroll_up(Cell::new(b' ', self.pen.erase_attribute()));
            self.damage.mark_all();
        }
    }

    fn backspace(&mut self) {
        if self.pending_wrap {
            self.pending_wrap = false;
        } else {
            self.column = self.column.saturating_sub(1);
        }
    }

    fn tab(&mut self) {
        if !self.pending_wrap {
            let next_stop = (self.column / TAB_WIDTH + 1) * TAB_WIDTH;
            self.column = next_stop.min(self.columns - 1);
        }
    }

    /// Moves the view `delta_lines` back into history (negative: towards
    /// the present), clamped to the history there is.
    pub fn scroll_view(&mut self, delta_lines: isize) {
        let offset = if delta_lines >= 0 {
            self.view_offset.saturating_add(delta_lines.unsigned_abs())
        } else {
            self.view_offset.saturating_sub(delta_lines.unsigned_abs())
        };
        self.set_view_offset(offset.min(self.scrollback_len()));
    }

    /// Shows the screen again after [`scroll_view`](Terminal::scroll_view).
    pub fn scroll_view_to_bottom(&mut self) {
        self.set_view_offset(0);
    }

    fn set_view_offset(&mut self, offset: usize) {
        if offset != self.view_offset {
            self.view_offset = offset;
            self.damage.mark_all();
        }
    }

    /// Lines the view is scrolled back; 0 when it shows the screen.
    pub fn view_offset(&self) -> usize {
        self.view_offset
    }

    /// Visible row `row` (0 at the top), taking the view offset into
    /// account: `columns()` cells, or none past the bottom.
    pub fn visible_row(&self, row: usize) -> &[Cell] {
        self.lines.view_row(self.view_offset, row)
    }

    /// The visible cell at `column`, `row`; a blank cell outside the screen.
    pub fn visible_cell(&self, column: usize, row: usize) -> Cell {
        self.visible_row(row)
            .get(column)
            .copied()
            .unwrap_or(Cell::BLANK)
    }

    /// Where to show the cursor, as (column, row) of the visible screen;
    /// `None` when it is hidden or the view is scrolled back far enough
    /// that its row is off screen.
    pub fn cursor(&self) -> Option<(usize, usize)> {
        if !self.cursor_visible {
            return None;
        }
        let row = self
            .row
            .checked_add(self.view_offset)
            .filter(|&row| row < self.rows)?;
        Some((self.column, row))
    }

    /// What changed since the previous call, which starts afresh.
    pub fn take_damage(&mut self) -> Damage {
        let cursor = self.cursor();
        if cursor != self.reported_cursor {
            self.damage.mark_cursor();
            self.reported_cursor = cursor;
        }
        core::mem::replace(&mut self.damage, Damage::new(self.rows))
    }

    /// Marks every row and the cursor as changed, for when the screen
    /// must be redrawn from scratch (a console switch, a mode set).
    pub fn mark_all_damaged(&mut self) {
        self.damage.mark_all();
    }

    /// Visible row `row` as text (CP437 decoded, trailing blanks kept),
    /// for tests and debugging output.
    pub fn text_of_row(&self, row: usize) -> String {
        self.visible_row(row)
            .iter()
            .map(|cell| cp437::decode(cell.character))
            .collect()
    }

    /// Back to the state of a new terminal (`ESC c`), keeping only the
    /// scrollback. The whole screen is damaged. Allocates nothing, so a
    /// client sending resets in a loop costs no more than one sending text.
    pub fn reset(&mut self) {
        // Inside `write` the parser is moved out and put back afterwards,
        // so this only matters when the console program calls `reset`.
        self.parser = Parser::default();
        self.pen = Pen::default();
        self.saved = SavedCursor::default();
        self.cursor_visible = true;
        self.column = 0;
        self.row = 0;
        self.pending_wrap = false;
        self.erase_display(2);
        self.damage.mark_all();
    }
}
