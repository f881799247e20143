//! The editor: keys in, buffer changes and save/quit requests out.

use alloc::string::String;
use alloc::vec::Vec;

use term_keys::Key;

use crate::buffer::{Buffer, EditError};
use crate::keys::{KeyAction, key_action};
use crate::view::{Status, View};

/// The status line's message until something else is said.
pub const HELP_MESSAGE: &str = "Ctrl-S save  Ctrl-Q quit";
/// The message after a first Ctrl-Q with unsaved changes.
pub const UNSAVED_MESSAGE: &str = "unsaved changes: Ctrl-Q again to quit";

/// What [`Editor::leave`] sends: attributes off, erase the whole screen,
/// cursor to the top left.
pub const LEAVE_SCREEN: &[u8] = b"\x1b[m\x1b[2J\x1b[H";

/// A request for the program, which owns the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Ctrl-S: write [`Buffer::to_bytes`] to the file, then call
    /// [`Editor::saved`] (or [`Editor::save_failed`] with the error).
    Save,
    /// Ctrl-Q with nothing unsaved, or a second Ctrl-Q in a row: exit.
    Quit,
}

/// A screen editor for one file: a [`Buffer`], the [`View`] of it, and
/// the keys that drive them.
///
/// Keys: printable characters insert; Enter splits the line; Tab inserts
/// spaces to the next multiple of [`TAB_WIDTH`](crate::TAB_WIDTH);
/// Backspace (0x7F, 0x08) and Delete (`ESC [ 3 ~`) erase, joining lines at
/// their ends; arrows move (left and right across lines, up and down
/// keeping the column); Home/End (`ESC [ H`/`F`, `ESC [ 1 ~`/`4 ~`,
/// `ESC O H`/`F`, Ctrl-A/Ctrl-E); Page Up/Down (`ESC [ 5 ~`/`6 ~`) move by
/// a screenful; Ctrl-S saves; Ctrl-Q quits (twice if there are unsaved
/// changes). Other control characters and unknown sequences are ignored.
#[derive(Clone, Debug)]
pub struct Editor {
    buffer: Buffer,
    view: View,
    decoder: term_keys::Decoder,
    file_name: String,
    message: String,
    /// The last key was a Ctrl-Q refused for unsaved changes.
    quit_pending: bool,
}

impl Editor {
    /// An editor showing `buffer` (from [`Buffer::load`] or
    /// [`Buffer::new`]) as `file_name` on a `width` × `height` screen.
    pub fn new(buffer: Buffer, file_name: &str, width: usize, height: usize) -> Editor {
        Editor {
            buffer,
            view: View::new(width, height),
            decoder: term_keys::Decoder::new(),
            file_name: String::from(file_name),
            message: String::from(HELP_MESSAGE),
            quit_pending: false,
        }
    }

    /// The text.
    pub fn buffer(&self) -> &Buffer {
        &self.buffer
    }

    /// The view.
    pub fn view(&self) -> &View {
        &self.view
    }

    /// The status line's message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Shows `message` on the status line (a save error, say).
    pub fn set_message(&mut self, message: &str) {
        self.message = String::from(message);
    }

    /// Records a successful save: no unsaved changes, and a message.
    pub fn saved(&mut self) {
        self.buffer.mark_saved();
        self.message = alloc::format!("saved {} bytes", self.buffer.size());
    }

    /// Records a failed save: the changes stay unsaved, and the status
    /// line says `reason` (the file system's error, for a person).
    pub fn save_failed(&mut self, reason: &str) {
        self.message = alloc::format!("not saved: {reason}");
    }

    /// Changes the screen size; the next render redraws everything.
    pub fn resize(&mut self, width: usize, height: usize) {
        self.view.resize(width, height);
    }

    /// Makes the next render redraw every row (after something else wrote
    /// to the screen).
    pub fn invalidate(&mut self) {
        self.view.invalidate();
    }

    /// Appends to `output` the bytes that give the screen back on exit:
    /// reset colours, clear it, cursor home, so the next program (the
    /// shell's prompt) starts on a clean screen. The next render redraws
    /// everything.
    pub fn leave(&mut self, output: &mut Vec<u8>) {
        output.extend_from_slice(LEAVE_SCREEN);
        self.view.invalidate();
    }

    /// Appends to `output` the bytes that bring the screen up to date.
    pub fn render(&mut self, output: &mut Vec<u8>) {
        let status = Status {
            file_name: &self.file_name,
            modified: self.buffer.is_modified(),
            message: &self.message,
        };
        self.view.render(&self.buffer, &status, output);
    }

    /// Feeds bytes from the terminal up to and including the first one
    /// that makes an [`Action`]; returns how many were used and the
    /// action. Feed the rest after handling it, then [`render`](Self::render).
    pub fn feed(&mut self, bytes: &[u8]) -> (usize, Option<Action>) {
        for (index, &byte) in bytes.iter().enumerate() {
            let key = self.decoder.feed(byte).and_then(key_action);
            if let Some(action) = key.and_then(|key| self.handle_key(key)) {
                return (index + 1, Some(action));
            }
        }
        (bytes.len(), None)
    }

    fn handle_key(&mut self, action: KeyAction) -> Option<Action> {
        let quit_pending = core::mem::take(&mut self.quit_pending);
        let key = match action {
            KeyAction::Save => return Some(Action::Save),
            KeyAction::Quit => return self.quit(quit_pending),
            KeyAction::Key(key) => key,
        };
        if let Err(error) = self.edit(key) {
            self.message = alloc::format!("{error}");
        }
        None
    }

    /// Keys that change the text or move the cursor.
    fn edit(&mut self, key: Key) -> Result<(), EditError> {
        let page = self.view.text_rows();
        match key {
            Key::Character(character) => self.buffer.insert_char(character),
            Key::Enter => self.buffer.insert_newline(),
            Key::Tab => self.buffer.insert_tab(),
            Key::Backspace => self.buffer.backspace(),
            Key::Delete => self.buffer.delete(),
            Key::Up => self.move_cursor(Buffer::move_up),
            Key::Down => self.move_cursor(Buffer::move_down),
            Key::Left => self.move_cursor(Buffer::move_left),
            Key::Right => self.move_cursor(Buffer::move_right),
            Key::Home => self.move_cursor(Buffer::move_home),
            Key::End => self.move_cursor(Buffer::move_end),
            Key::PageUp => self.move_cursor(|buffer| buffer.page_up(page)),
            Key::PageDown => self.move_cursor(|buffer| buffer.page_down(page)),
            // key_action binds or drops every control key before this.
            Key::Control(_) => Ok(()),
        }
    }

    fn move_cursor(&mut self, motion: impl FnOnce(&mut Buffer)) -> Result<(), EditError> {
        motion(&mut self.buffer);
        Ok(())
    }

    fn quit(&mut self, quit_pending: bool) -> Option<Action> {
        if !self.buffer.is_modified() || quit_pending {
            return Some(Action::Quit);
        }
        self.quit_pending = true;
        self.message = String::from(UNSAVED_MESSAGE);
        None
    }
}

#[cfg(test)]
mod tests;
