//! The line editor: keys in, an edited line and screen updates out.

use alloc::string::String;
use alloc::vec::Vec;

use term_keys::Key;

use crate::display::{move_cursor, settle_wrap};
use crate::history::History;
use crate::keys::{KeyAction, key_action};

/// Sent when a key cannot do anything (line full, no older history).
const BELL: u8 = 0x07;

/// What a key did that the program must act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// Enter: the finished line (also added to the history). The cursor
    /// is at the start of the row below it.
    Submitted(String),
    /// Ctrl-C: the line was abandoned (`^C` shown); the cursor is at the
    /// start of the row below it.
    Cancelled,
    /// Ctrl-D on an empty line: the user is done. The cursor is at the
    /// start of the row below the prompt.
    EndOfInput,
    /// Tab: complete the word at the cursor (see
    /// [`completion_context`](crate::completion_context)), then call
    /// [`LineEditor::insert`] or, to list the matches,
    /// [`LineEditor::write_below`]. `repeated` is true when the previous
    /// key was Tab too (bash lists the matches on the second Tab).
    CompletionRequested {
        /// The previous key was also Tab.
        repeated: bool,
    },
}

/// A line editor for an ANSI terminal: feed it what the user types, write
/// what it appends to `output` to the same terminal.
///
/// It assumes the prompt starts at column 0 of a terminal `columns` wide,
/// one cell per character, and that nothing else writes to the terminal
/// while a line is being edited. Lines longer than a row wrap; the editor
/// tracks the cursor's row (see the `display` module), so editing in the
/// middle of a wrapped line redraws it correctly, also after the screen
/// scrolled. Edits other than typing at the end redraw the prompt and the
/// line and clear the screen below it (`ESC [ J`).
///
/// Keys: printable UTF-8 inserts; Backspace (0x7F, 0x08), Delete
/// (`ESC [ 3 ~`), arrows, Home/End (`ESC [ H`/`F`, `ESC [ 1 ~`/`4 ~`,
/// `ESC O H`/`F`, Ctrl-A/Ctrl-E), Ctrl-B/Ctrl-F (left/right), Ctrl-P/Ctrl-N
/// and Up/Down (history), Ctrl-U (erase to start), Ctrl-K (erase to end),
/// Ctrl-W (erase the word before the cursor), Ctrl-L (clear the screen),
/// Ctrl-D (end of input on an empty line, else Delete), Ctrl-C, Tab,
/// Enter (`\r`, `\n`, `\r\n`). Other control characters, unknown escape
/// sequences, Alt+key and malformed UTF-8 are ignored.
#[derive(Clone, Debug)]
pub struct LineEditor {
    prompt: String,
    /// The prompt's width in cells.
    prompt_width: usize,
    columns: usize,
    line: String,
    /// The cursor as a byte offset into `line`, on a character boundary.
    cursor: usize,
    /// Where the terminal's cursor is, in cells from the prompt's start.
    screen_cursor: usize,
    decoder: term_keys::Decoder,
    history: History,
    /// The history entry shown, while walking the history.
    recalled: Option<usize>,
    /// The line being typed before the history walk began.
    unsubmitted: String,
    last_key_was_tab: bool,
    /// A password: nothing of the line is shown and it is not kept in the
    /// history.
    hidden: bool,
}

impl LineEditor {
    /// The most characters a line holds; a key beyond that rings the bell.
    pub const MAX_LINE_CHARACTERS: usize = 1024;

    /// An editor for a terminal `columns` wide (at least 1), with an empty
    /// prompt and a [`History`] of [`History::DEFAULT_CAPACITY`] lines.
    pub fn new(columns: usize) -> LineEditor {
        LineEditor {
            prompt: String::new(),
            prompt_width: 0,
            columns: columns.max(1),
            line: String::new(),
            cursor: 0,
            screen_cursor: 0,
            decoder: term_keys::Decoder::new(),
            history: History::default(),
            recalled: None,
            unsubmitted: String::new(),
            last_key_was_tab: false,
            hidden: false,
        }
    }

    /// Begins a new, empty line: appends `prompt` to `output`. The
    /// terminal's cursor must be at column 0. Call it before the first
    /// line and after each [`Event`].
    pub fn start(&mut self, prompt: &str, output: &mut Vec<u8>) {
        self.begin(prompt, false, output);
    }

    /// Begins a new line for a password: like [`start`](Self::start), but
    /// what is typed is not shown (the cursor stays after the prompt), Up,
    /// Down and Tab do nothing, and the submitted line is not added to
    /// the history. Editing keys still work.
    pub fn start_hidden(&mut self, prompt: &str, output: &mut Vec<u8>) {
        self.begin(prompt, true, output);
    }

    fn begin(&mut self, prompt: &str, hidden: bool, output: &mut Vec<u8>) {
        self.hidden = hidden;
        self.prompt = prompt
            .chars()
            .filter(|character| !character.is_control())
            .collect();
        self.prompt_width = self.prompt.chars().count();
        self.reset_line();
        self.screen_cursor = 0;
        self.redraw(output);
    }

    /// Feeds bytes from the terminal, appending screen updates to
    /// `output`, up to and including the first byte that causes an
    /// [`Event`]. Returns how many bytes were used and the event; feed the
    /// rest after handling it (and calling [`start`](Self::start)).
    pub fn feed(&mut self, bytes: &[u8], output: &mut Vec<u8>) -> (usize, Option<Event>) {
        for (index, &byte) in bytes.iter().enumerate() {
            if let Some(event) = self.feed_byte(byte, output) {
                return (index + 1, Some(event));
            }
        }
        (bytes.len(), None)
    }

    /// Feeds one byte from the terminal; see [`feed`](Self::feed).
    pub fn feed_byte(&mut self, byte: u8, output: &mut Vec<u8>) -> Option<Event> {
        let key = key_action(self.decoder.feed(byte)?)?;
        let repeated_tab =
            core::mem::replace(&mut self.last_key_was_tab, key == KeyAction::Key(Key::Tab));
        self.handle_key(key, repeated_tab, output)
    }

    /// The line as edited so far.
    pub fn line(&self) -> &str {
        &self.line
    }

    /// The cursor, as a byte offset into [`line`](Self::line).
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The terminal's width in columns.
    pub fn columns(&self) -> usize {
        self.columns
    }

    /// Changes the terminal's width; takes effect from the next line, as
    /// the current one was laid out for the old width.
    pub fn set_columns(&mut self, columns: usize) {
        self.columns = columns.max(1);
    }

    /// The lines entered so far.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The history, to load or clear it.
    pub fn history_mut(&mut self) -> &mut History {
        &mut self.history
    }

    /// Inserts `text` at the cursor (a completion) and updates the screen.
    /// Control characters are dropped; rings the bell if the line fills.
    pub fn insert(&mut self, text: &str, output: &mut Vec<u8>) {
        let mut inserted = false;
        for character in text.chars().filter(|character| !character.is_control()) {
            if !self.insert_character(character) {
                output.push(BELL);
                break;
            }
            inserted = true;
        }
        if inserted {
            self.redraw(output);
        }
    }

    /// Writes `text` below the line (completion candidates, a message),
    /// then the prompt and the line again, with the cursor where it was.
    /// `\n` in `text` starts a new row; a final newline is added if missing.
    pub fn write_below(&mut self, text: &str, output: &mut Vec<u8>) {
        self.leave_line(b"", output);
        for piece in text.split_inclusive('\n') {
            let row = piece.strip_suffix('\n').unwrap_or(piece);
            output.extend_from_slice(row.as_bytes());
            output.extend_from_slice(b"\r\n");
        }
        self.redraw(output);
    }

    /// Redraws the prompt and the line (if something else wrote to the
    /// screen, the cursor must be back where the editor left it).
    pub fn redraw(&mut self, output: &mut Vec<u8>) {
        move_cursor(output, self.screen_cursor, 0, self.columns);
        output.extend_from_slice(self.prompt.as_bytes());
        if !self.hidden {
            output.extend_from_slice(self.line.as_bytes());
        }
        let end = self.end_position();
        settle_wrap(output, end, self.columns);
        output.extend_from_slice(b"\x1b[J");
        self.screen_cursor = end;
        self.place_cursor(output);
    }

    fn handle_key(
        &mut self,
        key: KeyAction,
        repeated_tab: bool,
        output: &mut Vec<u8>,
    ) -> Option<Event> {
        match key {
            KeyAction::Key(Key::Character(character)) => self.type_character(character, output),
            KeyAction::Key(Key::Enter) => return Some(self.submit(output)),
            KeyAction::Interrupt => {
                self.leave_line(b"^C", output);
                self.reset_line();
                return Some(Event::Cancelled);
            }
            KeyAction::EndOfFile if self.line.is_empty() => {
                self.leave_line(b"", output);
                self.reset_line();
                return Some(Event::EndOfInput);
            }
            KeyAction::Key(Key::Tab | Key::Up | Key::Down) if self.hidden => {}
            KeyAction::Key(Key::Tab) => {
                return Some(Event::CompletionRequested {
                    repeated: repeated_tab,
                });
            }
            KeyAction::ClearScreen => {
                output.extend_from_slice(b"\x1b[H\x1b[J");
                self.screen_cursor = 0;
                self.redraw(output);
            }
            KeyAction::Key(Key::Up) => self.recall_older(output),
            KeyAction::Key(Key::Down) => self.recall_newer(output),
            _ => self.edit(key, output),
        }
        None
    }

    /// Keys that move the cursor or change the line without an event.
    fn edit(&mut self, key: KeyAction, output: &mut Vec<u8>) {
        let changed = match key {
            KeyAction::Key(Key::Backspace) => self
                .previous_boundary()
                .is_some_and(|start| self.remove(start, self.cursor)),
            KeyAction::Key(Key::Delete) | KeyAction::EndOfFile => self
                .next_boundary()
                .is_some_and(|end| self.remove(self.cursor, end)),
            KeyAction::KillToStart => self.remove(0, self.cursor),
            KeyAction::KillToEnd => self.remove(self.cursor, self.line.len()),
            KeyAction::KillWord => self.remove(self.word_start(), self.cursor),
            KeyAction::Key(Key::Left) => self.move_cursor_to(self.previous_boundary(), output),
            KeyAction::Key(Key::Right) => self.move_cursor_to(self.next_boundary(), output),
            KeyAction::Key(Key::Home) => self.move_cursor_to(Some(0), output),
            KeyAction::Key(Key::End) => self.move_cursor_to(Some(self.line.len()), output),
            _ => false,
        };
        if changed {
            self.redraw(output);
        }
    }

    fn type_character(&mut self, character: char, output: &mut Vec<u8>) {
        let at_end = self.cursor == self.line.len();
        if !self.insert_character(character) {
            output.push(BELL);
        } else if self.hidden {
            // Nothing to show.
        } else if at_end && self.screen_cursor + 1 == self.end_position() {
            // Typing at the end: echo the character only.
            let mut encoded = [0; 4];
            output.extend_from_slice(character.encode_utf8(&mut encoded).as_bytes());
            self.screen_cursor += 1;
            settle_wrap(output, self.screen_cursor, self.columns);
        } else {
            self.redraw(output);
        }
    }

    /// Inserts at the cursor; false when the line is full.
    fn insert_character(&mut self, character: char) -> bool {
        if self.line.chars().count() >= Self::MAX_LINE_CHARACTERS {
            return false;
        }
        self.line.insert(self.cursor, character);
        self.cursor += character.len_utf8();
        true
    }

    /// Removes `start..end` of the line (both character boundaries, the
    /// cursor between or at them); true when something was removed.
    fn remove(&mut self, start: usize, end: usize) -> bool {
        if start >= end || end > self.line.len() {
            return false;
        }
        self.line.replace_range(start..end, "");
        if self.cursor > start {
            self.cursor = start.max(self.cursor.saturating_sub(end - start));
        }
        true
    }

    /// Moves the cursor to `target` (a character boundary); never needs a
    /// redraw, so returns false.
    fn move_cursor_to(&mut self, target: Option<usize>, output: &mut Vec<u8>) -> bool {
        if let Some(target) = target {
            self.cursor = target;
            self.place_cursor(output);
        }
        false
    }

    fn previous_boundary(&self) -> Option<usize> {
        let before = self.line.get(..self.cursor)?;
        before.char_indices().next_back().map(|(index, _)| index)
    }

    fn next_boundary(&self) -> Option<usize> {
        let after = self.line.get(self.cursor..)?;
        after
            .chars()
            .next()
            .map(|character| self.cursor + character.len_utf8())
    }

    /// Where Ctrl-W erases from: back over spaces, then over a word.
    fn word_start(&self) -> usize {
        let before = self.line.get(..self.cursor).unwrap_or("");
        let trimmed = before.trim_end();
        // NOTE: whitespace may be wider than a byte (U+3000).
        trimmed
            .char_indices()
            .rfind(|(_, character)| character.is_whitespace())
            .map_or(0, |(index, space)| index + space.len_utf8())
    }

    fn recall_older(&mut self, output: &mut Vec<u8>) {
        let index = match self.recalled {
            None if !self.history.is_empty() => {
                self.unsubmitted = core::mem::take(&mut self.line);
                self.history.len() - 1
            }
            Some(index) if index > 0 => index - 1,
            _ => {
                output.push(BELL);
                return;
            }
        };
        self.show_recalled(Some(index), output);
    }

    fn recall_newer(&mut self, output: &mut Vec<u8>) {
        match self.recalled {
            Some(index) if index + 1 < self.history.len() => {
                self.show_recalled(Some(index + 1), output)
            }
            Some(_) => self.show_recalled(None, output),
            None => output.push(BELL),
        }
    }

    /// Shows history entry `index`, or the unsubmitted line for `None`.
    fn show_recalled(&mut self, index: Option<usize>, output: &mut Vec<u8>) {
        self.line = match index {
            Some(index) => String::from(self.history.get(index).unwrap_or("")),
            None => core::mem::take(&mut self.unsubmitted),
        };
        self.recalled = index;
        self.cursor = self.line.len();
        self.redraw(output);
    }

    fn submit(&mut self, output: &mut Vec<u8>) -> Event {
        if !self.hidden {
            self.history.push(&self.line);
        }
        self.leave_line(b"", output);
        let line = core::mem::take(&mut self.line);
        self.reset_line();
        Event::Submitted(line)
    }

    /// Leaves the line: writes `suffix` (ASCII) after it and puts the
    /// cursor at the start of the row below. Afterwards the screen cursor
    /// is 0, for a prompt written there.
    fn leave_line(&mut self, suffix: &[u8], output: &mut Vec<u8>) {
        let end = self.end_position();
        move_cursor(output, self.screen_cursor, end, self.columns);
        output.extend_from_slice(suffix);
        // At the start of a row after text, the cursor is below it
        // already (see `display`); after a suffix that filled the row, a
        // wrap is pending and `\r\n` is what moves below.
        let settled_below = suffix.is_empty() && end > 0 && end.is_multiple_of(self.columns);
        if !settled_below {
            output.extend_from_slice(b"\r\n");
        }
        self.screen_cursor = 0;
    }

    fn reset_line(&mut self) {
        self.line.clear();
        self.cursor = 0;
        self.recalled = None;
        self.unsubmitted.clear();
        self.last_key_was_tab = false;
    }

    /// Puts the terminal's cursor on the line's cursor.
    fn place_cursor(&mut self, output: &mut Vec<u8>) {
        let before_cursor = if self.hidden {
            ""
        } else {
            self.line.get(..self.cursor).unwrap_or("")
        };
        let target = self.prompt_width + before_cursor.chars().count();
        move_cursor(output, self.screen_cursor, target, self.columns);
        self.screen_cursor = target;
    }

    /// The position just after the line's last character (the prompt's
    /// end when the line is hidden).
    fn end_position(&self) -> usize {
        if self.hidden {
            self.prompt_width
        } else {
            self.prompt_width + self.line.chars().count()
        }
    }
}
