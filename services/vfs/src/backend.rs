//! A file server as the VFS sees it: `FileSystem` operations on the
//! server's own paths, failing with an [`FsError`] and never panicking.

use libipc::rpc::{CallError, Channel};
use libipc::wire::BoundedString;
use ramdisk::api::file_system::Client;
use ramdisk::api::{DirectoryPage, FsError, Metadata, NodeKind, Usage};

/// One mounted file server. Paths are absolute and normalized, in the
/// server's own tree.
pub trait Backend {
    /// What is at `path`.
    fn stat(&mut self, path: &str) -> Result<Metadata, FsError>;
    /// Reads from `offset` into `buffer`; returns the bytes read.
    fn read(&mut self, path: &str, offset: u64, buffer: &mut [u8]) -> Result<u32, FsError>;
    /// Writes all of `data` at `offset`; returns the bytes written.
    fn write(&mut self, path: &str, offset: u64, data: &[u8]) -> Result<u32, FsError>;
    /// Creates an empty file or directory.
    fn create(&mut self, path: &str, kind: NodeKind) -> Result<(), FsError>;
    /// Cuts or grows a file to `length` bytes.
    fn truncate(&mut self, path: &str, length: u64) -> Result<(), FsError>;
    /// Removes a file or an empty directory.
    fn remove(&mut self, path: &str) -> Result<(), FsError>;
    /// Moves `from` to `to`, on this server.
    fn rename(&mut self, from: &str, to: &str) -> Result<(), FsError>;
    /// A page of the directory's entries, from the `start`th.
    fn list(&mut self, path: &str, start: u32) -> Result<DirectoryPage, FsError>;
    /// How full it is.
    fn usage(&mut self) -> Result<Usage, FsError>;
}

/// The server's path, for its interface: longer than 256 bytes (a mount's
/// root longer than its place in the namespace can make one) is too long.
fn bounded(path: &str) -> Result<BoundedString<256>, FsError> {
    BoundedString::try_from_str(path).map_err(|_| FsError::NameTooLong)
}

/// A server that refused by name passes its error on; one that failed to
/// answer (gone, or a malformed reply) is unavailable.
fn failed(error: CallError<FsError>) -> FsError {
    match error {
        CallError::Interface(error) => error,
        _ => FsError::Unavailable,
    }
}

/// A `FileSystem` server reached over IPC.
impl<C: Channel> Backend for Client<C> {
    fn stat(&mut self, path: &str) -> Result<Metadata, FsError> {
        Client::stat(self, bounded(path)?).map_err(failed)
    }

    fn read(&mut self, path: &str, offset: u64, buffer: &mut [u8]) -> Result<u32, FsError> {
        Client::read(self, bounded(path)?, offset, buffer).map_err(failed)
    }

    fn write(&mut self, path: &str, offset: u64, data: &[u8]) -> Result<u32, FsError> {
        Client::write(self, bounded(path)?, offset, data).map_err(failed)
    }

    fn create(&mut self, path: &str, kind: NodeKind) -> Result<(), FsError> {
        Client::create(self, bounded(path)?, kind).map_err(failed)
    }

    fn truncate(&mut self, path: &str, length: u64) -> Result<(), FsError> {
        Client::truncate(self, bounded(path)?, length).map_err(failed)
    }

    fn remove(&mut self, path: &str) -> Result<(), FsError> {
        Client::remove(self, bounded(path)?).map_err(failed)
    }

    fn rename(&mut self, from: &str, to: &str) -> Result<(), FsError> {
        Client::rename(self, bounded(from)?, bounded(to)?).map_err(failed)
    }

    fn list(&mut self, path: &str, start: u32) -> Result<DirectoryPage, FsError> {
        Client::list(self, bounded(path)?, start).map_err(failed)
    }

    fn usage(&mut self) -> Result<Usage, FsError> {
        Client::usage(self).map_err(|_| FsError::Unavailable)
    }
}
