//! One endpoint, two interfaces: requests through the unbadged handles init
//! hands out are `Console` requests; requests through a badged handle
//! (`Console::terminal`) are `Terminal` requests for the console its badge
//! names.

use console::SERIAL_CONSOLE;
use console::api::{console as console_api, terminal};
use libipc::rpc::{Dispatch, ProtocolError, Reply, Request};

use super::clients::Clients;
use super::terminals::Terminals;

/// Sends each request to the interface its badge says.
pub struct Router {
    /// `Console`, for badge 0.
    pub clients: Clients,
    /// `Terminal`, for badges 1 to 5.
    pub terminals: Terminals,
}

impl Dispatch for Router {
    fn dispatch(&mut self, request: Request<'_>) -> Reply {
        match request.badge {
            0 => console_api::dispatch(&mut self.clients, request),
            badge => match usize::try_from(badge - 1) {
                Ok(index) if index <= SERIAL_CONSOLE => {
                    self.terminals.index = index;
                    terminal::dispatch(&mut self.terminals, request)
                }
                // The console mints no other badges; a handle with one is
                // someone else's endpoint's, not a terminal of this one.
                _ => Reply::protocol(ProtocolError::UnknownOperation),
            },
        }
    }
}
