//! Running a program from `/bin` (through `userland::launch`): it gets
//! duplicates of the shell's terminal, namespace and session, or for
//! `> FILE` a terminal the shell serves that writes into the file. Ctrl+C
//! kills it.

use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

use barodia_abi::ExitReason;
use console::api::terminal::Client as Terminal;
use libipc::ipc::device::Process;
use libipc::rpc::KernelChannel;
use libipc::sync::Mutex;
use libipc::wire::BoundedString;
use line_editor::Redirect;
use ramdisk::api::NodeKind;
use userland::launch::{Grants, Launcher, NothingElse};

use super::redirect::FileTerminal;
use super::{Shell, duplicate};

/// The program running now, for Ctrl+C to kill.
pub type Running = Arc<Mutex<Option<Process>>>;

/// The badge of the `Terminal` the shell serves a program whose output
/// goes to a file.
const FILE_TERMINAL: u64 = 1;

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

impl Shell {
    /// Runs `/bin/PROGRAM` (or the program at a path with a `/`) with
    /// `arguments` and waits for it, its output going to `redirect`'s
    /// file if there is one.
    pub fn run_program(&mut self, program: &str, arguments: &[String], redirect: Option<&Redirect>) {
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
        let mut output = match redirect.map(|redirect| self.open_output(redirect)).transpose() {
            Ok(output) => output,
            Err(why) => return self.say(&format!("shell: {why}\n")),
        };
        match self.start_and_wait(&path, arguments, output.as_mut()) {
            Ok(status) => self.report(status),
            Err(why) => self.say(&format!("shell: {program}: {why}\n")),
        }
        if let Some(why) = output.and_then(FileTerminal::failure) {
            self.say(&format!("shell: {why}\n"));
        }
    }

    /// The file terminal for `> FILE` (`>> FILE` appends).
    fn open_output(&mut self, redirect: &Redirect) -> Result<FileTerminal, String> {
        let path = vfs_path::normalize(&self.cwd, &redirect.path).map_err(|error| format!("{}: {error}", redirect.path))?;
        let fs = ramdisk::api::file_system::Client::new(KernelChannel::new(duplicate(&self.fs_handle)?));
        FileTerminal::open(fs, &path, redirect.append).map_err(|why| format!("{}: {why}", redirect.path))
    }

    fn start_and_wait(&mut self, path: &str, arguments: &[String], output: Option<&mut FileTerminal>) -> Result<u64, String> {
        let launcher = Launcher::new()?;
        let terminal = match output {
            Some(_) => launcher.badged(FILE_TERMINAL)?,
            None => duplicate(&self.terminal_handle)?,
        };
        let mut grants = Grants::new(&self.cwd).endpoint("terminal", terminal).endpoint("fs", duplicate(&self.fs_handle)?);
        if let Some(session) = &self.session_handle {
            grants = grants.endpoint("session", duplicate(session)?);
        }
        let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
        let child = launcher.start(path, &arguments, grants)?;
        *self.running.lock() = Process::open(child.id()).ok();
        let status = match output {
            Some(file) => child.wait(&mut file.dispatcher()),
            None => child.wait(&mut NothingElse),
        };
        *self.running.lock() = None;
        status
    }

    /// Says how a program ended, unless it succeeded: `[exit status 1]`,
    /// `[killed]` (Ctrl+C) or `[crashed: page fault]`.
    fn report(&mut self, status: u64) {
        let reason = ExitReason::from_status(status);
        if !reason.is_success() {
            self.say(&format!("[{reason}]\n"));
        }
    }
}
