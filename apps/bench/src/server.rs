//! A server for a benchmark: this program started again in one of its
//! server roles, with a copy of an endpoint it receives on.

use alloc::format;
use alloc::string::String;

use libipc::ipc::{self, Handle, Message};
use libipc::sys;

/// A running server, stopped and waited for on drop.
pub struct Server {
    /// Where the benchmark calls it.
    pub endpoint: Handle,
    process: u64,
    /// The operation that makes it answer and end.
    stop: u64,
}

impl Server {
    /// Starts `bench ROLE` with a copy of a new endpoint; a call with
    /// operation `stop` ends it.
    pub fn start(role: &str, stop: u64) -> Result<Server, String> {
        let endpoint = ipc::create_endpoint().map_err(|error| format!("creating an endpoint: {error}"))?;
        let program = libipc::env::args().next().unwrap_or("bin/bench");
        let process = sys::spawn_with_handle(program, &[role], Some(&endpoint))
            .map_err(|error| format!("starting the server: {error}"))?;
        Ok(Server { endpoint, process, stop })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = ipc::call(&self.endpoint, &Message { operation: self.stop, words: [0; 4] });
        let _ = sys::wait(self.process);
    }
}
