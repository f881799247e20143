//! The `Console` interface, as clients see it.

use barodia_abi::Rights;
use console::api::console::{InterruptResponder, ReadResponder, Server};
use console::api::{ConsoleError, ConsoleInfo};
use console::{COLUMNS, ROWS, SERIAL_CONSOLE, VIRTUAL_CONSOLES};
use libipc::ipc::Handle;
use libipc::rpc::{self, ObjectType};
use libipc::wire::BoundedBytes;

use super::Shared;
use super::waiters::{InterruptWaiter, Reader};

/// Serves `Console` requests on the shared consoles.
pub struct Clients {
    /// The consoles.
    pub consoles: Shared,
    /// A send handle of the console's own endpoint, to mint `Terminal`s.
    pub minter: Handle,
}

/// The badge of console `index`'s terminals: 0 is the `Console` interface.
pub fn terminal_badge(index: usize) -> u64 {
    index as u64 + 1
}

impl Server for Clients {
    fn write(&mut self, console: u8, text: BoundedBytes<4000>) -> Result<(), ConsoleError> {
        let index = usize::from(console);
        let mut consoles = self.consoles.lock();
        if index == SERIAL_CONSOLE {
            consoles.write_serial(text.as_slice());
            return Ok(());
        }
        consoles.write_virtual(index, text.as_slice()).then_some(()).ok_or(ConsoleError::NoSuchConsole)
    }

    fn info(&mut self) -> ConsoleInfo {
        let active = self.consoles.lock().active();
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
        self.consoles.lock().switch_to(usize::from(console)).then_some(()).ok_or(ConsoleError::NoSuchConsole)
    }

    fn read(&mut self, console: u8, max: u16, responder: ReadResponder) {
        // The reply holds at most 256 bytes.
        let max = usize::from(max).clamp(1, 256);
        if let Err(Reader::Console(responder)) = self.consoles.lock().read(usize::from(console), max, Reader::Console(responder)) {
            responder.reply(Err(ConsoleError::NoSuchConsole));
        }
    }

    fn interrupt(&mut self, console: u8, responder: InterruptResponder) {
        let waiter = InterruptWaiter::Console(responder);
        if let Err(InterruptWaiter::Console(responder)) = self.consoles.lock().interrupt(usize::from(console), waiter) {
            responder.reply(Err(ConsoleError::NoSuchConsole));
        }
    }

    fn terminal(&mut self, console: u8) -> Result<rpc::Handle, ConsoleError> {
        let index = usize::from(console);
        if index > SERIAL_CONSOLE {
            return Err(ConsoleError::NoSuchConsole);
        }
        // Send, transfer (so the reply can move it) and duplicate (so a
        // shell can hand its programs the same terminal). The badge is the
        // terminal's identity: a duplicate keeps it, and its holder cannot
        // change it.
        let rights = Rights::from_constants(&[Rights::SEND, Rights::TRANSFER, Rights::DUPLICATE]);
        let handle =
            self.minter.duplicate_badged(rights, terminal_badge(index)).map_err(|_| ConsoleError::Unavailable)?;
        self.consoles.lock().claim(index);
        Ok(rpc::Handle::from_ipc(handle, ObjectType::Endpoint, rights))
    }
}
