//! Background jobs (`COMMAND &`). Each is served by a thread of its own
//! until it ends; `jobs` lists them, `kill` ends them (the shell started
//! them, so it holds their process handles: the kernel lets only a parent
//! end a process), and the shell says which ended before its next prompt.

use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

use barodia_abi::ExitReason;
use libipc::ipc::device::Process;
use libipc::sync::Mutex;
use userland::launch::Child;

use super::children::serve_until_exit;
use super::redirect::FileTerminal;

/// The shell's jobs, shared with their threads.
#[derive(Clone, Default)]
pub struct Jobs {
    table: Arc<Mutex<Table>>,
}

#[derive(Default)]
struct Table {
    /// The last job number given (they count from 1).
    numbered: usize,
    running: Vec<Job>,
    /// What to tell before the next prompt.
    ended: Vec<String>,
}

struct Job {
    number: usize,
    id: u64,
    command: String,
    process: Process,
}

impl Table {
    fn end(&mut self, number: usize, status: Result<u64, String>, lost_output: Option<String>) {
        let Some(index) = self.running.iter().position(|job| job.number == number) else { return };
        let job = self.running.remove(index);
        let how = match status.map(ExitReason::from_status) {
            Ok(reason) if reason.is_success() => String::from("done"),
            Ok(reason) => format!("{reason}"),
            Err(why) => why,
        };
        self.ended.push(format!("[{number}] {how}: {}\n", job.command));
        if let Some(why) = lost_output {
            self.ended.push(format!("[{number}] output lost: {why}\n"));
        }
    }
}

impl Jobs {
    /// Makes `child` (started from `command`) a job, served on a thread of
    /// its own; returns the line that announces it: `[1] 12`.
    pub fn start(&self, child: Child, output: Option<FileTerminal>, command: String) -> Result<String, String> {
        let id = child.id();
        let process = Process::open(id).map_err(|error| format!("{error}"))?;
        let number = {
            let mut table = self.table.lock();
            table.numbered += 1;
            let number = table.numbered;
            table.running.push(Job { number, id, command, process });
            number
        };
        let table = Arc::clone(&self.table);
        let spawned = libipc::thread::spawn(move || {
            let (status, lost) = serve_until_exit(child, output);
            table.lock().end(number, status, lost);
            0
        });
        if let Err(error) = spawned {
            // Nobody would answer it: end it now.
            let mut table = self.table.lock();
            if let Some(job) = table.running.iter().find(|job| job.number == number) {
                let _ = job.process.kill();
            }
            table.running.retain(|job| job.number != number);
            return Err(format!("no thread to run it in the background: {error}"));
        }
        Ok(format!("[{number}] {id}\n"))
    }

    /// The lines about jobs that ended since last asked.
    pub fn take_ended(&self) -> Vec<String> {
        core::mem::take(&mut self.table.lock().ended)
    }

    /// One line per running job: `[1] 12  sleep 100`.
    pub fn list(&self) -> String {
        let table = self.table.lock();
        table.running.iter().map(|job| format!("[{}] {}  {}\n", job.number, job.id, job.command)).collect()
    }

    /// Ends the job named by `typed`: its process id, or `%N` for job N.
    pub fn kill(&self, typed: &str) -> Result<(), String> {
        let table = self.table.lock();
        let job = match typed.strip_prefix('%') {
            Some(number) => {
                let number: usize = number.parse().map_err(|_| String::from("not a job number"))?;
                table.running.iter().find(|job| job.number == number)
            }
            None => {
                let id = coreutils::process_id::parse(typed).map_err(|bad| String::from(bad.describe()))?;
                table.running.iter().find(|job| job.id == id)
            }
        };
        let job = job.ok_or("not a job of this shell (see `jobs`)")?;
        job.process.kill().map_err(|error| format!("{error}"))
    }
}
