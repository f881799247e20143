//! Reading the file in and writing it back, over the `FileSystem`
//! interface (`idl/fs.idl`), through `userland::files`.

use alloc::format;
use alloc::string::String;

use editor_buffer::{Buffer, LoadError, MAX_FILE_SIZE};
use libipc::rpc::CallError;
use ramdisk::api::{FsError, NodeKind};
use userland::files::{read_file, write_file};
use userland::{Environment, describe};

/// The buffer for the file at `path` (absolute), `None` if there is no
/// file yet, or why it cannot be edited.
pub fn load(environment: &mut Environment, path: &str) -> Result<Option<Buffer>, String> {
    let name = Environment::fs_path(path)?;
    let metadata = match environment.fs.stat(name) {
        Ok(metadata) => metadata,
        Err(CallError::Interface(FsError::NotFound)) => return Ok(None),
        Err(error) => return Err(String::from(describe(&error))),
    };
    if metadata.kind == NodeKind::Directory {
        return Err(String::from("is a directory"));
    }
    // Refused before reading when the size says so, and while reading if
    // the file grew since.
    let bytes = read_file(&mut environment.fs, name, MAX_FILE_SIZE as u64).map_err(|error| match error {
        CallError::Interface(FsError::FileTooLarge) => format!("{}", LoadError::TooLarge),
        error => String::from(describe(&error)),
    })?;
    Buffer::load(&bytes).map(Some).map_err(|error| format!("{error}"))
}

/// Makes the file at `path` hold exactly `bytes` (created if missing).
/// Returns the file system's error for a person.
///
/// Written in place, not to a temporary file renamed over it: the
/// ramdisk has no atomic replace, and a rename would need a second name
/// in the same directory. A failure part way leaves a mix of old and new.
pub fn save(environment: &mut Environment, path: &str, bytes: &[u8]) -> Result<(), &'static str> {
    let name = Environment::fs_path(path).map_err(|_| "path too long")?;
    write_file(&mut environment.fs, name, bytes).map_err(|error| describe(&error))
}
