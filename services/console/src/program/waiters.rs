//! Callers waiting on a console's input: through `Console` (which names
//! the console) or through a `Terminal` (which is one). Each kind answers
//! in its own interface's types; the input queues hold either.

use console::api::console as console_api;
use console::api::{ConsoleError, TerminalError, terminal};
use libipc::wire::BoundedBytes;

/// A caller waiting in `read`.
pub enum Reader {
    /// `Console::read`.
    Console(console_api::ReadResponder),
    /// `Terminal::read`.
    Terminal(terminal::ReadResponder),
}

/// A caller waiting for Ctrl+C.
pub enum InterruptWaiter {
    /// `Console::interrupt`.
    Console(console_api::InterruptResponder),
    /// `Terminal::interrupt`.
    Terminal(terminal::InterruptResponder),
}

impl Reader {
    /// Answers with `bytes` (at most 256: readers' `max` is clamped).
    pub fn give(self, bytes: &[u8]) {
        let Ok(bytes) = BoundedBytes::try_from_slice(bytes) else { return };
        match self {
            Reader::Console(responder) => responder.reply(Ok(bytes)),
            Reader::Terminal(responder) => responder.reply(Ok(bytes)),
        }
    }

    /// Answers that another reader waits already.
    pub fn busy(self) {
        match self {
            Reader::Console(responder) => responder.reply(Err(ConsoleError::Busy)),
            Reader::Terminal(responder) => responder.reply(Err(TerminalError::Busy)),
        }
    }
}

impl InterruptWaiter {
    /// Answers: Ctrl+C was typed.
    pub fn interrupted(self) {
        match self {
            InterruptWaiter::Console(responder) => responder.reply(Ok(())),
            InterruptWaiter::Terminal(responder) => responder.reply(Ok(())),
        }
    }

    /// Answers that another caller waits already.
    pub fn busy(self) {
        match self {
            InterruptWaiter::Console(responder) => responder.reply(Err(ConsoleError::Busy)),
            InterruptWaiter::Terminal(responder) => responder.reply(Err(TerminalError::Busy)),
        }
    }
}
