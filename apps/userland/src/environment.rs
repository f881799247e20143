//! The connection to a program's terminal and file system.

use alloc::format;
use alloc::string::String;

use console::api::terminal::Client as Terminal;
use init::starter::Starter;
use libipc::rpc::KernelChannel;
use libipc::wire::BoundedString;
use ramdisk::api::file_system::Client as FileSystem;
use vfs_path::PathError;

/// A program's terminal, file system and working directory.
pub struct Environment {
    /// Where it reads and writes text.
    pub terminal: Terminal<KernelChannel>,
    /// Its files.
    pub fs: FileSystem<KernelChannel>,
    /// The directory relative paths start from.
    pub cwd: String,
    /// The starter's `Bootstrap`, for endpoints beyond these two.
    starter: Starter,
}

impl Environment {
    /// Asks the starter's `Bootstrap` (the initial handle) for everything.
    pub fn connect() -> Result<Environment, String> {
        let mut starter = Starter::connect()?;
        let terminal = starter.endpoint("terminal")?;
        let fs = starter.endpoint("fs")?;
        let cwd = starter.working_directory()?;
        let fs = FileSystem::connect(KernelChannel::new(fs)).map_err(|error| format!("file system: {error:?}"))?;
        Ok(Environment { terminal: Terminal::new(KernelChannel::new(terminal)), fs, cwd, starter })
    }

    /// Asks the starter for the endpoint `name` (the shell grants
    /// `session`, the login session, besides the terminal and the files).
    pub fn endpoint(&mut self, name: &str) -> Result<libipc::ipc::Handle, String> {
        self.starter.endpoint(name)
    }

    /// Writes `text` to the terminal, in pieces as large as a message takes.
    pub fn print(&mut self, text: &str) {
        self.write(text.as_bytes());
    }

    /// Writes `bytes` to the terminal.
    pub fn write(&mut self, bytes: &[u8]) {
        crate::prompt::write_all(&mut self.terminal, bytes);
    }

    /// `path` made absolute against the working directory.
    pub fn resolve(&self, path: &str) -> Result<String, PathError> {
        vfs_path::normalize(&self.cwd, path)
    }

    /// A path for the file system's interface.
    pub fn fs_path(path: &str) -> Result<BoundedString<256>, String> {
        BoundedString::try_from_str(path).map_err(|_| format!("{path}: path too long"))
    }
}

/// What a file-system error means, for a person.
pub fn describe(error: &libipc::rpc::CallError<ramdisk::api::FsError>) -> &'static str {
    use ramdisk::api::FsError;
    match error {
        libipc::rpc::CallError::Interface(error) => match error {
            FsError::NotFound => "no such file or directory",
            FsError::AlreadyExists => "already exists",
            FsError::NotADirectory => "not a directory",
            FsError::IsADirectory => "is a directory",
            FsError::NotEmpty => "directory not empty",
            FsError::InvalidPath => "invalid path",
            FsError::NameTooLong => "name too long",
            FsError::NoSpace => "no space left",
            FsError::FileTooLarge => "file too large",
            FsError::InvalidMove => "cannot move there (into itself, or to another file system)",
            FsError::BadBuffer => "bad buffer",
            FsError::ReadOnly => "read-only",
            FsError::PermissionDenied => "permission denied",
            FsError::Unavailable => "file server unavailable",
        },
        libipc::rpc::CallError::PeerGone => "the file system is gone",
        _ => "the file system refused the request",
    }
}

/// The body of a utility: connects, runs `body` with the arguments after
/// the program name, and on an error prints `NAME: ERROR` and exits 1.
pub fn run(name: &str, body: fn(&mut Environment, &[&str]) -> Result<(), String>) {
    let mut environment = match Environment::connect() {
        Ok(environment) => environment,
        Err(why) => {
            libipc::println!("{name}: {why}");
            libipc::sys::exit(1);
        }
    };
    let arguments: alloc::vec::Vec<&str> = libipc::env::args().skip(1).collect();
    if let Err(why) = body(&mut environment, &arguments) {
        environment.print(&format!("{name}: {why}\n"));
        libipc::sys::exit(1);
    }
}
