//! The `Terminal` interface: one console, reached through a handle whose
//! badge names it.

use console::api::TerminalSize;
use console::api::terminal::{InterruptResponder, ReadResponder, Server};
use console::{COLUMNS, ROWS, SERIAL_CONSOLE};
use libipc::wire::BoundedBytes;

use super::Shared;
use super::waiters::{InterruptWaiter, Reader};

/// Serves `Terminal` requests for whichever console the request's badge
/// names (set by the router before each dispatch).
pub struct Terminals {
    /// The consoles.
    pub consoles: Shared,
    /// The console of the request being served.
    pub index: usize,
}

impl Server for Terminals {
    fn write(&mut self, text: BoundedBytes<4000>) {
        let mut consoles = self.consoles.lock();
        if self.index == SERIAL_CONSOLE {
            consoles.write_serial(text.as_slice());
        } else {
            // The router only lets badges of existing consoles through.
            consoles.write_virtual(self.index, text.as_slice());
        }
    }

    fn read(&mut self, max: u16, responder: ReadResponder) {
        let max = usize::from(max).clamp(1, 256);
        // Refused only for a console that does not exist, which the router
        // rules out; the responder then drops and the caller hears
        // `Abandoned`.
        let _ = self.consoles.lock().read(self.index, max, Reader::Terminal(responder));
    }

    fn interrupt(&mut self, responder: InterruptResponder) {
        let _ = self.consoles.lock().interrupt(self.index, InterruptWaiter::Terminal(responder));
    }

    fn size(&mut self) -> TerminalSize {
        // The constants fit in u16.
        TerminalSize { columns: COLUMNS as u16, rows: ROWS as u16 }
    }
}
