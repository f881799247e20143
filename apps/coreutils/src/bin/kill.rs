//! `kill ID...`: ends processes, by the ids `ps` shows.
//!
//! NOTE: the kernel's `ProcessOpen` gives a process handle only to the
//! process's parent, and `kill` is a fresh child of the shell, so today it
//! can end only processes it started itself: none. It tells a process that
//! exists but is not its own apart from one that does not exist.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

userland::utility!("kill", program::body);

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::format;
    use alloc::string::String;

    use barodia_abi::SysError;
    use coreutils::process_id;
    use libipc::ipc::device::Process;
    use userland::Environment;

    /// Ends every process named, reporting each that fails, and exits 1 if
    /// any did.
    pub fn body(environment: &mut Environment, arguments: &[&str]) -> Result<(), String> {
        if arguments.is_empty() {
            return Err(String::from("usage: kill ID..."));
        }
        let mut failed = false;
        for typed in arguments {
            if let Err(why) = kill_one(typed) {
                environment.print(&format!("kill: {typed}: {why}\n"));
                failed = true;
            }
        }
        if failed {
            libipc::sys::exit(1);
        }
        Ok(())
    }

    fn kill_one(typed: &str) -> Result<(), String> {
        let id = process_id::parse(typed).map_err(|bad| String::from(bad.describe()))?;
        let process = Process::open(id).map_err(|error| match error {
            SysError::NotFound if exists(id) => String::from("not a process kill may end (only its parent may)"),
            SysError::NotFound => String::from("no such process"),
            error => format!("{error}"),
        })?;
        process.kill().map_err(|error| match error {
            SysError::NotFound => String::from("it has already ended"),
            error => format!("{error}"),
        })
    }

    /// Whether a process with this id is running.
    fn exists(id: u64) -> bool {
        libipc::sys::process_list().is_ok_and(|processes| processes.iter().any(|process| process.id == id))
    }
}
