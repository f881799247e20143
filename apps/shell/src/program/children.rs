//! Running a program from `/bin`: the shell serves it `Bootstrap` (its
//! terminal, its files, the working directory) on an endpoint that also
//! receives the program's exit notification, so one loop both answers the
//! program and notices it has ended. Ctrl+C kills it.

use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;

use barodia_abi::{ExitReason, Rights};
use console::api::terminal::Client as Terminal;
use init::api::BootstrapError;
use init::api::bootstrap::{self, Server};
use libipc::ipc::device::Process;
use libipc::ipc::{self, Handle};
use libipc::rpc::{self, Dispatch, KernelChannel, KernelReceiver, ObjectType, Receiver, Reply, Request};
use libipc::sync::Mutex;
use libipc::wire::BoundedString;
use ramdisk::api::NodeKind;

use super::Shell;

/// The program running now, for Ctrl+C to kill.
pub type Running = Arc<Mutex<Option<Process>>>;

/// The operation of the exit notification on a program's `Bootstrap`
/// endpoint: above every `Bootstrap` ordinal.
const EXITED: u64 = 0x1000;

/// Kills the running program whenever Ctrl+C is typed, on a thread of its
/// own; Ctrl+C with nothing running does nothing.
pub fn watch_interrupts(mut terminal: Terminal<KernelChannel>, running: Running) -> Result<(), String> {
    libipc::thread::spawn(move || {
        while terminal.interrupt().is_ok() {
            if let Some(process) = running.lock().as_ref() {
                let _ = process.kill();
            }
        }
        libipc::println!("shell: no longer watching for Ctrl+C");
        1
    })
    .map(drop)
    .map_err(|error| format!("interrupt thread: {error}"))
}

/// What a program may ask its shell for: each handle once (it moves to
/// the program with the answer).
struct Grants {
    terminal: Option<Handle>,
    fs: Option<Handle>,
    cwd: String,
    /// Set when the exit notification arrived.
    exited: Option<u64>,
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
        let slot = match name.as_str() {
            "terminal" => &mut self.terminal,
            "fs" => &mut self.fs,
            _ => return Err(BootstrapError::NotGranted),
        };
        let handle = slot.take().ok_or(BootstrapError::Unavailable)?;
        // Both were made send-and-transfer only (a terminal by the console,
        // the file system by init).
        let rights = Rights::from_constants(&[Rights::SEND, Rights::TRANSFER]);
        Ok(rpc::Handle::from_ipc(handle, ObjectType::Endpoint, rights))
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

/// `Bootstrap` requests to [`Grants`]; the exit notification ends it.
struct Serving(Grants);

impl Dispatch for Serving {
    fn dispatch(&mut self, request: Request<'_>) -> Reply {
        if u64::from(request.operation) == EXITED {
            // The notification's words are not in the request; the status
            // comes from `wait`.
            self.0.exited = Some(0);
            return Reply::protocol(rpc::ProtocolError::UnknownOperation);
        }
        bootstrap::dispatch(&mut self.0, request)
    }
}

impl Shell {
    /// Runs `/bin/PROGRAM` (or the program at a path with a `/`) with
    /// `arguments` and waits for it.
    pub fn run_program(&mut self, program: &str, arguments: &[String]) {
        let typed = if program.contains('/') { String::from(program) } else { format!("/bin/{program}") };
        let path = match vfs_path::normalize(&self.cwd, &typed) {
            Ok(path) => path,
            Err(error) => return self.say(&format!("shell: {program}: {error}\n")),
        };
        let is_file = BoundedString::<256>::try_from_str(&path)
            .ok()
            .and_then(|name| self.fs.stat(name).ok())
            .is_some_and(|metadata| metadata.kind == NodeKind::File);
        if !is_file {
            return self.say(&format!("shell: {program}: command not found\n"));
        }
        if let Err(why) = self.start_and_wait(&path, arguments) {
            self.say(&format!("shell: {program}: {why}\n"));
        }
    }

    fn start_and_wait(&mut self, path: &str, arguments: &[String]) -> Result<(), String> {
        let terminal = self.console.terminal(self.index).map_err(|error| format!("terminal: {error:?}"))?.into_ipc();
        let fs = self.bootstrap.endpoint(super::name("fs")).map_err(|error| format!("fs: {error:?}"))?.into_ipc();
        let endpoint = ipc::create_endpoint().map_err(|error| format!("{error}"))?;
        let for_child = endpoint.duplicate(Rights::from_constants(&[Rights::SEND, Rights::TRANSFER])).map_err(|error| format!("{error}"))?;
        let arguments: alloc::vec::Vec<&str> = arguments.iter().map(String::as_str).collect();
        // The kernel starts programs from the boot image, whose paths have
        // no leading slash.
        let image_path = path.trim_start_matches('/');
        let id = libipc::sys::spawn_with_handle(image_path, &arguments, Some(&for_child)).map_err(|error| format!("{error}"))?;
        let process = Process::open(id).map_err(|error| format!("{error}"))?;
        process.notify_on_exit(&endpoint, EXITED).map_err(|error| format!("{error}"))?;
        *self.running.lock() = Some(process);
        let mut serving = Serving(Grants { terminal: Some(terminal), fs: Some(fs), cwd: self.cwd.clone(), exited: None });
        let mut receiver = KernelReceiver::new(endpoint);
        while serving.0.exited.is_none() {
            if let Err(error) = receiver.receive_and_reply(&mut serving) {
                libipc::println!("shell: serving the program: {error:?}");
                break;
            }
        }
        *self.running.lock() = None;
        let status = libipc::sys::wait(id).map_err(|error| format!("{error}"))?;
        // `[exit status 1]`, `[killed]` (Ctrl+C) or `[crashed: page fault]`.
        let reason = ExitReason::from_status(status);
        if !reason.is_success() {
            self.say(&format!("[{reason}]\n"));
        }
        Ok(())
    }
}
