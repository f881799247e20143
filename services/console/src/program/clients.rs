//! The `Console` interface, as clients see it.

use console::api::console::{InterruptResponder, ReadResponder, Server};
use console::api::{ConsoleError, ConsoleInfo};
use console::{COLUMNS, ROWS, SERIAL_CONSOLE, VIRTUAL_CONSOLES};
use libipc::wire::BoundedBytes;

use super::Shared;

/// Serves `Console` requests on the shared consoles.
pub struct Clients(pub Shared);

impl Server for Clients {
    fn write(&mut self, console: u8, text: BoundedBytes<4000>) -> Result<(), ConsoleError> {
        let index = usize::from(console);
        let mut consoles = self.0.lock();
        if index == SERIAL_CONSOLE {
            consoles.write_serial(text.as_slice());
            return Ok(());
        }
        consoles.write_virtual(index, text.as_slice()).then_some(()).ok_or(ConsoleError::NoSuchConsole)
    }

    fn info(&mut self) -> ConsoleInfo {
        let active = self.0.lock().active();
        // The counts are small constants; `as` cannot truncate them.
        ConsoleInfo {
            consoles: (VIRTUAL_CONSOLES + 1) as u8,
            virtual_consoles: VIRTUAL_CONSOLES as u8,
            serial: SERIAL_CONSOLE as u8,
            active: active as u8,
            columns: COLUMNS as u16,
            rows: ROWS as u16,
        }
    }

    fn switch_to(&mut self, console: u8) -> Result<(), ConsoleError> {
        self.0.lock().switch_to(usize::from(console)).then_some(()).ok_or(ConsoleError::NoSuchConsole)
    }

    fn read(&mut self, console: u8, max: u16, responder: ReadResponder) {
        // The reply holds at most 256 bytes.
        let max = usize::from(max).clamp(1, 256);
        self.0.lock().read(usize::from(console), max, responder);
    }

    fn interrupt(&mut self, console: u8, responder: InterruptResponder) {
        self.0.lock().interrupt(usize::from(console), responder);
    }
}
