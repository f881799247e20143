//! Asking for one line on a terminal, with the shell's line editing.

use alloc::string::String;
use alloc::vec::Vec;

use console::api::terminal::Client as Terminal;
use libipc::rpc::KernelChannel;
use libipc::wire::BoundedBytes;
use line_editor::{Event, LineEditor};

/// Columns assumed for line editing: the console's width.
const COLUMNS: usize = console::COLUMNS;

/// What came of a prompt.
#[derive(Debug, PartialEq, Eq)]
pub enum Answer {
    /// Enter: the line typed.
    Line(String),
    /// Ctrl+C: the line was abandoned.
    Cancelled,
    /// Ctrl+D on an empty line.
    EndOfInput,
}

/// Writes `bytes` to `terminal` in pieces a message can carry.
pub fn write_all(terminal: &mut Terminal<KernelChannel>, bytes: &[u8]) {
    for piece in bytes.chunks(4000) {
        if let Ok(piece) = BoundedBytes::try_from_slice(piece) {
            // Nobody to tell if the terminal is gone: the next read says so.
            let _ = terminal.write(piece);
        }
    }
}

/// Reads lines from a terminal, one prompt at a time, keeping what was
/// typed ahead (a name, Enter and a password typed in one go) for the
/// next prompt.
#[derive(Default)]
pub struct LineReader {
    pending: Vec<u8>,
}

impl LineReader {
    /// Nothing typed ahead yet.
    pub fn new() -> LineReader {
        LineReader::default()
    }

    /// Shows `prompt` and reads a line, echoed or (with `hidden`) not
    /// shown at all, as a password is. An error means the terminal is
    /// gone.
    pub fn ask(&mut self, terminal: &mut Terminal<KernelChannel>, prompt: &str, hidden: bool) -> Result<Answer, String> {
        let mut editor = LineEditor::new(COLUMNS);
        let mut output = Vec::new();
        if hidden {
            editor.start_hidden(prompt, &mut output);
        } else {
            editor.start(prompt, &mut output);
        }
        write_all(terminal, &output);
        loop {
            if self.pending.is_empty() {
                let typed = terminal.read(256).map_err(|error| alloc::format!("terminal: {error:?}"))?;
                if typed.as_slice().is_empty() {
                    // A terminal that reads nothing has no more to give.
                    return Ok(Answer::EndOfInput);
                }
                self.pending.extend_from_slice(typed.as_slice());
            }
            output.clear();
            let (used, event) = editor.feed(&self.pending, &mut output);
            self.pending.drain(..used.min(self.pending.len()));
            write_all(terminal, &output);
            match event {
                Some(Event::Submitted(line)) => return Ok(Answer::Line(line)),
                Some(Event::Cancelled) => return Ok(Answer::Cancelled),
                Some(Event::EndOfInput) => return Ok(Answer::EndOfInput),
                Some(Event::CompletionRequested { .. }) | None => {}
            }
        }
    }
}
