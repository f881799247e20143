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
use userland::launch::{Child, Grants, Launcher, NothingElse};

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
    /// `arguments`, its output going to `redirect`'s file if there is one;
    /// waits for it, or with `background` (a trailing `&`) returns at once
    /// and leaves it to a job thread.
    pub fn run_program(&mut self, program: &str, arguments: &[String], redirect: Option<&Redirect>, background: bool) {
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
        let output = match redirect.map(|redirect| self.open_output(redirect)).transpose() {
            Ok(output) => output,
            Err(why) => return self.say(&format!("shell: {why}\n")),
        };
        let started = match self.start(&path, arguments, output.is_some()) {
            Ok(child) => child,
            Err(why) => return self.say(&format!("shell: {program}: {why}\n")),
        };
        if background {
            let command = core::iter::once(program).chain(arguments.iter().map(String::as_str)).collect::<Vec<_>>().join(" ");
            match self.jobs.start(started, output, command) {
                Ok(line) => self.say(&line),
                Err(why) => self.say(&format!("shell: {program}: {why}\n")),
            }
            return;
        }
        let (status, failure) = self.wait_in_foreground(started, output);
        match status {
            Ok(status) => self.report(status),
            Err(why) => self.say(&format!("shell: {program}: {why}\n")),
        }
        if let Some(why) = failure {
            self.say(&format!("shell: {why}\n"));
        }
    }

    /// The file terminal for `> FILE` (`>> FILE` appends).
    fn open_output(&mut self, redirect: &Redirect) -> Result<FileTerminal, String> {
        let path = vfs_path::normalize(&self.cwd, &redirect.path).map_err(|error| format!("{}: {error}", redirect.path))?;
        let fs = ramdisk::api::file_system::Client::new(KernelChannel::new(duplicate(&self.fs_handle)?));
        FileTerminal::open(fs, &path, redirect.append).map_err(|why| format!("{}: {why}", redirect.path))
    }

    /// Starts the program with duplicates of the shell's terminal (or, for
    /// `to_file`, the file terminal's badge), namespace and session.
    fn start(&mut self, path: &str, arguments: &[String], to_file: bool) -> Result<Child, String> {
        let launcher = Launcher::new()?;
        let terminal = if to_file { launcher.badged(FILE_TERMINAL)? } else { duplicate(&self.terminal_handle)? };
        let mut grants = Grants::new(&self.cwd).endpoint("terminal", terminal).endpoint("fs", duplicate(&self.fs_handle)?);
        if let Some(session) = &self.session_handle {
            grants = grants.endpoint("session", duplicate(session)?);
        }
        let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
        launcher.start(&mut self.fs, path, &arguments, grants)
    }

    /// Serves the program until it ends, Ctrl+C killing it; its status,
    /// and why its output was lost if it was.
    fn wait_in_foreground(&mut self, child: Child, output: Option<FileTerminal>) -> (Result<u64, String>, Option<String>) {
        *self.running.lock() = Process::open(child.id()).ok();
        let (status, failure) = serve_until_exit(child, output);
        *self.running.lock() = None;
        (status, failure)
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

/// Serves `child` (and its file terminal, if its output goes to a file)
/// until it ends: its status, and why output was lost if it was.
pub fn serve_until_exit(child: Child, output: Option<FileTerminal>) -> (Result<u64, String>, Option<String>) {
    match output {
        Some(mut file) => {
            let status = child.wait(&mut file.dispatcher());
            (status, file.failure())
        }
        None => (child.wait(&mut NothingElse), None),
    }
}
