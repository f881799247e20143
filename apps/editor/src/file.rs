//! Reading the file in and writing it back, over the `FileSystem`
//! interface (`idl/fs.idl`), in pieces of one lease each.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use editor_buffer::{Buffer, LoadError, MAX_FILE_SIZE};
use libipc::rpc::CallError;
use ramdisk::api::{FsError, NodeKind};
use userland::{Environment, describe};

/// The most a `read` or `write` carries (the lease's size in fs.idl).
const PIECE: usize = 64 * 1024;

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
    // Refused before reading: the size is known, and a huge file would
    // only be read to be thrown away.
    if metadata.size > MAX_FILE_SIZE as u64 {
        return Err(format!("{}", LoadError::TooLarge));
    }
    let bytes = read_all(environment, path)?;
    Buffer::load(&bytes).map(Some).map_err(|error| format!("{error}"))
}

/// The file's bytes; stops one byte past [`MAX_FILE_SIZE`] if it grew
/// since `stat`, so that `Buffer::load` refuses it.
fn read_all(environment: &mut Environment, path: &str) -> Result<Vec<u8>, String> {
    let name = Environment::fs_path(path)?;
    let mut bytes = Vec::new();
    let mut piece = alloc::vec![0u8; PIECE];
    loop {
        let count = environment
            .fs
            .read(name, bytes.len() as u64, &mut piece)
            .map_err(|error| String::from(describe(&error)))?;
        let read = piece.get(..count as usize).unwrap_or(&[]);
        if read.is_empty() {
            return Ok(bytes);
        }
        bytes.extend_from_slice(read);
        if bytes.len() > MAX_FILE_SIZE {
            return Ok(bytes);
        }
    }
}

/// Makes the file at `path` hold exactly `bytes`: creates it if missing,
/// writes the pieces, then cuts it to the new length. Returns the file
/// system's error for a person.
///
/// Written in place, not to a temporary file renamed over it: the
/// ramdisk has no atomic replace, and a rename would need a second name
/// in the same directory. A failure part way leaves a mix of old and new.
pub fn save(environment: &mut Environment, path: &str, bytes: &[u8]) -> Result<(), &'static str> {
    let name = Environment::fs_path(path).map_err(|_| "path too long")?;
    match environment.fs.create(name, NodeKind::File) {
        Ok(()) | Err(CallError::Interface(FsError::AlreadyExists)) => {}
        Err(error) => return Err(describe(&error)),
    }
    for (index, piece) in bytes.chunks(PIECE).enumerate() {
        let offset = (index * PIECE) as u64;
        let written = environment.fs.write(name, offset, piece).map_err(|error| describe(&error))?;
        if written as usize != piece.len() {
            return Err("the file system wrote less than asked");
        }
    }
    environment.fs.truncate(name, bytes.len() as u64).map_err(|error| describe(&error))
}
