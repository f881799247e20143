//! What a program does first: reach its starter's `Bootstrap` and ask it
//! for what the manifest (or the shell, or login) grants.
//!
//! Every program's one initial handle is a send handle to its starter's
//! `Bootstrap` endpoint. [`Starter`] wraps the generated client with
//! errors a person can read (`"irq: NotGranted"`), and [`run`] is the
//! `main` of a program whose body returns such errors.

use alloc::format;
use alloc::string::String;

use libipc::ipc::Handle;
use libipc::rpc::KernelChannel;
use libipc::wire::BoundedString;

use crate::api::bootstrap::Client;

/// Runs `body`; if it fails, logs `PROGRAM: WHY` and exits with status 1.
pub fn run(program: &str, body: fn() -> Result<(), String>) {
    if let Err(why) = body() {
        libipc::println!("{program}: {why}");
        libipc::sys::exit(1);
    }
}

/// The starter's `Bootstrap`.
pub struct Starter {
    bootstrap: Client<KernelChannel>,
}

/// A grant's name as the interface takes it (a name over 32 bytes is
/// never granted, so it becomes one that is not either).
fn grant(name: &str) -> BoundedString<32> {
    BoundedString::try_from_str(name).unwrap_or_default()
}

impl Starter {
    /// Connects to the initial handle's `Bootstrap`.
    pub fn connect() -> Result<Starter, String> {
        let handle = libipc::env::initial_handle().ok_or("started without a bootstrap endpoint")?;
        let bootstrap = Client::connect(KernelChannel::new(handle)).map_err(|error| format!("bootstrap: {error:?}"))?;
        Ok(Starter { bootstrap })
    }

    /// The interrupt line granted as `name`.
    pub fn irq(&mut self, name: &str) -> Result<Handle, String> {
        self.bootstrap.irq(grant(name)).map(|handle| handle.into_ipc()).map_err(|error| format!("{name}: {error:?}"))
    }

    /// The I/O-port range granted as `name`.
    pub fn ports(&mut self, name: &str) -> Result<Handle, String> {
        self.bootstrap.ports(grant(name)).map(|handle| handle.into_ipc()).map_err(|error| format!("{name}: {error:?}"))
    }

    /// The memory (device memory, or the boot archive) granted as `name`.
    pub fn memory(&mut self, name: &str) -> Result<Handle, String> {
        self.bootstrap.memory(grant(name)).map(|handle| handle.into_ipc()).map_err(|error| format!("{name}: {error:?}"))
    }

    /// A send handle to the endpoint granted as `name` (another service,
    /// or the shell's terminal, files and session).
    pub fn endpoint(&mut self, name: &str) -> Result<Handle, String> {
        self.bootstrap.endpoint(grant(name)).map(|handle| handle.into_ipc()).map_err(|error| format!("{name}: {error:?}"))
    }

    /// The receive end of a second endpoint the service serves, `name`.
    pub fn receive(&mut self, name: &str) -> Result<Handle, String> {
        self.bootstrap.receive(grant(name)).map(|handle| handle.into_ipc()).map_err(|error| format!("{name}: {error:?}"))
    }

    /// The service's own endpoint, to serve its clients on.
    pub fn serve(&mut self) -> Result<Handle, String> {
        self.bootstrap.serve().map(|handle| handle.into_ipc()).map_err(|error| format!("own endpoint: {error:?}"))
    }

    /// The directory relative paths start from.
    pub fn working_directory(&mut self) -> Result<String, String> {
        let directory = self.bootstrap.working_directory().map_err(|error| format!("working directory: {error:?}"))?;
        Ok(String::from(directory.as_str()))
    }
}
