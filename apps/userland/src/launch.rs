//! Starting a program and serving what it asks its starter for.
//!
//! A program's one initial handle is a send handle to an endpoint its
//! starter receives on. There the starter serves `Bootstrap`
//! (`idl/init.idl`): the named endpoints it grants (`terminal`, `fs`,
//! `session`), each handed over once, and the working directory. The same
//! endpoint receives the program's exit notification, so one loop both
//! answers the program and notices it has ended. Requests that carry a
//! badge are for another interface the starter serves the program on the
//! same endpoint (the shell's `>` serves a `Terminal` that writes to a
//! file this way), and go to a second dispatcher.
//!
//! The program itself is read through the starter's file system and
//! started from that image (`ProcessSpawnImage`), so the starter's
//! namespace decides what it may run. The shell starts utilities this way,
//! and login starts the shell.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use barodia_abi::{MAX_SPAWN_IMAGE_LEN, Rights, SysError};
use init::api::BootstrapError;
use init::api::bootstrap::{self, Server};
use libipc::ipc::device::Process;
use libipc::ipc::{self, Handle};
use libipc::rpc::{self, Dispatch, KernelChannel, KernelReceiver, ObjectType, Receiver, Reply, Request};
use libipc::wire::BoundedString;
use ramdisk::api::file_system::Client as FileSystem;

use crate::describe;
use crate::files::read_file;

/// The operation of the exit notification on a program's endpoint: above
/// every `Bootstrap` ordinal.
const EXITED: u64 = 0x1000;

/// The rights of every handle a starter hands on: enough to use it, pass
/// it on, and duplicate it for the program's own children.
pub fn handed_on_rights() -> Rights {
    Rights::from_constants(&[Rights::SEND, Rights::TRANSFER, Rights::DUPLICATE])
}

/// What a program may ask its starter for.
pub struct Grants {
    endpoints: Vec<(String, Option<Handle>)>,
    cwd: String,
}

impl Grants {
    /// No endpoints yet; `cwd` as the working directory.
    pub fn new(cwd: &str) -> Grants {
        Grants { endpoints: Vec::new(), cwd: String::from(cwd) }
    }

    /// Grants `handle` (which should have [`handed_on_rights`]) as the
    /// endpoint called `name`.
    pub fn endpoint(mut self, name: &str, handle: Handle) -> Grants {
        self.endpoints.push((String::from(name), Some(handle)));
        self
    }
}

impl Server for Grants {
    fn irq(&mut self, _name: BoundedString<32>) -> Result<rpc::Handle, BootstrapError> {
        Err(BootstrapError::NotGranted)
    }

    fn ports(&mut self, _name: BoundedString<32>) -> Result<rpc::Handle, BootstrapError> {
        Err(BootstrapError::NotGranted)
    }

    fn memory(&mut self, _name: BoundedString<32>) -> Result<rpc::Handle, BootstrapError> {
        Err(BootstrapError::NotGranted)
    }

    fn endpoint(&mut self, name: BoundedString<32>) -> Result<rpc::Handle, BootstrapError> {
        let slot = self
            .endpoints
            .iter_mut()
            .find(|(granted, _)| granted == name.as_str())
            .ok_or(BootstrapError::NotGranted)?;
        let handle = slot.1.take().ok_or(BootstrapError::Unavailable)?;
        Ok(rpc::Handle::from_ipc(handle, ObjectType::Endpoint, handed_on_rights()))
    }

    fn serve(&mut self) -> Result<rpc::Handle, BootstrapError> {
        Err(BootstrapError::NotGranted)
    }

    fn receive(&mut self, _name: BoundedString<32>) -> Result<rpc::Handle, BootstrapError> {
        Err(BootstrapError::NotGranted)
    }

    fn working_directory(&mut self) -> BoundedString<256> {
        BoundedString::try_from_str(&self.cwd).unwrap_or_default()
    }
}

/// An endpoint made for a program about to start.
pub struct Launcher {
    endpoint: Handle,
}

impl Launcher {
    /// Makes the endpoint.
    pub fn new() -> Result<Launcher, String> {
        let endpoint = ipc::create_endpoint().map_err(|error| format!("endpoint: {error}"))?;
        Ok(Launcher { endpoint })
    }

    /// A handle to the program's endpoint whose requests carry `badge`
    /// (not 0): they reach [`Child::wait`]'s second dispatcher.
    pub fn badged(&self, badge: u64) -> Result<Handle, String> {
        self.endpoint.duplicate_badged(handed_on_rights(), badge).map_err(|error| format!("badged handle: {error}"))
    }

    /// Starts the program at `path` in the file system `fs` with
    /// `arguments`, serving it `grants`. The program is read through `fs`,
    /// so the caller's namespace decides what it may run, and a program
    /// copied anywhere runs from there.
    pub fn start(
        self,
        fs: &mut FileSystem<KernelChannel>,
        path: &str,
        arguments: &[&str],
        grants: Grants,
    ) -> Result<Child, String> {
        let name = BoundedString::try_from_str(path).map_err(|_| String::from("path too long"))?;
        let image = read_file(fs, name, MAX_SPAWN_IMAGE_LEN as u64).map_err(|error| String::from(describe(&error)))?;
        let for_child = self
            .endpoint
            .duplicate(Rights::from_constants(&[Rights::SEND, Rights::TRANSFER]))
            .map_err(|error| format!("{error}"))?;
        let id = libipc::sys::spawn_image(path, &image, arguments, Some(&for_child)).map_err(|error| match error {
            SysError::BadExecutable => String::from("not a program this system can run"),
            error => format!("{error}"),
        })?;
        let process = Process::open(id).map_err(|error| format!("{error}"))?;
        process.notify_on_exit(&self.endpoint, EXITED).map_err(|error| format!("{error}"))?;
        Ok(Child { id, process, receiver: KernelReceiver::new(self.endpoint), grants })
    }
}

/// A running program.
pub struct Child {
    id: u64,
    process: Process,
    receiver: KernelReceiver,
    grants: Grants,
}

/// Serves a child until its exit notification arrives.
struct Serving<'a> {
    grants: &'a mut Grants,
    other: &'a mut dyn Dispatch,
    exited: bool,
}

impl Dispatch for Serving<'_> {
    fn dispatch(&mut self, request: Request<'_>) -> Reply {
        if u64::from(request.operation) == EXITED {
            // A one-way notification: nobody reads this reply. The status
            // comes from `wait`.
            self.exited = true;
            return Reply::protocol(rpc::ProtocolError::UnknownOperation);
        }
        if request.badge != 0 {
            return self.other.dispatch(request);
        }
        bootstrap::dispatch(self.grants, request)
    }
}

/// A second dispatcher for a program served nothing but `Bootstrap`.
pub struct NothingElse;

impl Dispatch for NothingElse {
    fn dispatch(&mut self, _request: Request<'_>) -> Reply {
        Reply::protocol(rpc::ProtocolError::UnknownOperation)
    }
}

impl Child {
    /// The program's process id.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Ends the program now.
    pub fn kill(&self) {
        let _ = self.process.kill();
    }

    /// Serves the program (`Bootstrap`, and badged requests to `other`)
    /// until it ends; returns its exit status.
    pub fn wait(mut self, other: &mut dyn Dispatch) -> Result<u64, String> {
        let mut serving = Serving { grants: &mut self.grants, other, exited: false };
        while !serving.exited {
            if let Err(error) = self.receiver.receive_and_reply(&mut serving) {
                libipc::println!("serving program {}: {error:?}", self.id);
                break;
            }
        }
        libipc::sys::wait(self.id).map_err(|error| format!("{error}"))
    }
}
