//! The `key-logger` role: a stand-in for the console in the keyboard test.
//! It serves `KeyEvents` on the endpoint init keeps for it and prints each
//! line typed (on Enter) to the kernel log.

use alloc::format;
use alloc::string::String;

use init::api::bootstrap::Client as Bootstrap;
use keyboard::api::Key;
use keyboard::api::key_events::{Dispatcher, Server};
use libipc::rpc::{self, KernelChannel, KernelReceiver};

type Outcome = Result<String, String>;

/// Collects typed characters into lines.
struct Logger {
    line: String,
}

impl Server for Logger {
    fn key(&mut self, event: Key) {
        match char::from_u32(event.character) {
            Some('\n') => {
                libipc::println!("key-logger: line \"{}\"", self.line);
                self.line.clear();
            }
            Some(character) if event.character != 0 => self.line.push(character),
            _ => {}
        }
    }
}

/// Serves `KeyEvents` for ever.
pub fn run() -> Outcome {
    let endpoint = libipc::env::initial_handle().ok_or("started without a bootstrap endpoint")?;
    let mut bootstrap = Bootstrap::connect(KernelChannel::new(endpoint)).map_err(|error| format!("connect: {error:?}"))?;
    let own = bootstrap.serve().map_err(|error| format!("serve: {error:?}"))?;
    let mut receiver = KernelReceiver::new(own.into_ipc());
    let mut dispatcher = Dispatcher(Logger { line: String::new() });
    libipc::println!("key-logger: ready");
    let why = rpc::serve(&mut receiver, &mut dispatcher);
    Err(format!("stopped: {why:?}"))
}
