//! Whole-file reads and writes over `FileSystem`, in lease-sized pieces.

use alloc::vec;
use alloc::vec::Vec;

use libipc::rpc::{CallError, KernelChannel};
use libipc::wire::BoundedString;
use ramdisk::api::file_system::Client as FileSystem;
use ramdisk::api::{FsError, NodeKind};

/// Bytes per call: the interface's lease bound.
pub const PIECE: usize = 64 * 1024;

/// The file at `path`, refused with `FileTooLarge` past `limit` bytes.
pub fn read_file(fs: &mut FileSystem<KernelChannel>, path: BoundedString<256>, limit: u64) -> Result<Vec<u8>, CallError<FsError>> {
    let size = fs.stat(path)?.size;
    if size > limit {
        return Err(CallError::Interface(FsError::FileTooLarge));
    }
    let mut bytes = Vec::new();
    let mut buffer = vec![0u8; PIECE.min(usize::try_from(size).unwrap_or(PIECE).max(1))];
    loop {
        let count = fs.read(path, bytes.len() as u64, &mut buffer)? as usize;
        if count == 0 {
            return Ok(bytes);
        }
        // The file may have grown since `stat`.
        if (bytes.len() + count) as u64 > limit {
            return Err(CallError::Interface(FsError::FileTooLarge));
        }
        bytes.extend_from_slice(buffer.get(..count).unwrap_or(&[]));
    }
}

/// Makes the file at `path` hold exactly `bytes`, creating it if needed.
pub fn write_file(fs: &mut FileSystem<KernelChannel>, path: BoundedString<256>, bytes: &[u8]) -> Result<(), CallError<FsError>> {
    match fs.create(path, NodeKind::File) {
        Ok(()) | Err(CallError::Interface(FsError::AlreadyExists)) => {}
        Err(error) => return Err(error),
    }
    let mut offset = 0u64;
    for piece in bytes.chunks(PIECE) {
        fs.write(path, offset, piece)?;
        offset += piece.len() as u64;
    }
    fs.truncate(path, offset)
}
