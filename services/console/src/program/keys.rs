//! Key events from the keyboard driver (`KeyEvents`, one-way).

use console::input::{self, Action};
use keyboard::api::Key;
use keyboard::api::key_events::{Dispatcher, Server};
use libipc::ipc::Handle;
use libipc::rpc::{self, KernelReceiver};

use super::Shared;

struct Keys(Shared);

impl Server for Keys {
    fn key(&mut self, event: Key) {
        let mut consoles = self.0.lock();
        match input::action(&event, console::ROWS) {
            Action::Switch(index) => {
                consoles.switch_to(index);
            }
            Action::Scroll(lines) => consoles.scroll_view(lines),
            action @ Action::Input { .. } => {
                if let Some(bytes) = action.input_bytes() {
                    consoles.virtual_input(bytes);
                }
            }
            Action::Nothing => {}
        }
        consoles.key_done(event.stamp);
    }
}

/// Serves key events on `endpoint` for as long as the console runs.
pub fn serve(endpoint: Handle, consoles: Shared) -> u64 {
    let mut receiver = KernelReceiver::new(endpoint);
    let mut dispatcher = Dispatcher(Keys(consoles));
    let why = rpc::serve(&mut receiver, &mut dispatcher);
    libipc::println!("console: stopped taking key events: {why:?}");
    1
}
