//! One request's view of the VFS: the namespace of the handle it came
//! through, serving `FileSystem` (`idl/fs.idl`).

use alloc::vec;

use libipc::rpc::{LeaseIn, LeaseOut};
use libipc::wire::BoundedString;
use ramdisk::api::{DirectoryPage, FsError, Metadata, NodeKind, Usage, file_system};

use crate::backend::Backend;
use crate::namespaces::Vfs;

/// The VFS, seen through the handle with badge `badge`.
#[derive(Debug)]
pub struct Session<'a, B> {
    /// Every namespace.
    pub vfs: &'a mut Vfs<B>,
    /// The badge of the handle the request came through.
    pub badge: u64,
}

impl<B: Backend> file_system::Server for Session<'_, B> {
    fn stat(&mut self, path: BoundedString<256>) -> Result<Metadata, FsError> {
        self.vfs.stat(self.badge, path.as_str())
    }

    fn read(&mut self, path: BoundedString<256>, offset: u64, mut buffer: LeaseOut<'_>) -> Result<u32, FsError> {
        // The client's lease cannot be handed on: the bytes go through a
        // buffer of the VFS, leased to the server in turn.
        let mut bytes = vec![0u8; buffer.len()];
        let count = self.vfs.read(self.badge, path.as_str(), offset, &mut bytes)?;
        // A server that claims more than it was given is not believed.
        let read = bytes.get(..count as usize).ok_or(FsError::Unavailable)?;
        buffer.write(0, read).map_err(|_| FsError::BadBuffer)?;
        Ok(count)
    }

    fn write(&mut self, path: BoundedString<256>, offset: u64, data: LeaseIn<'_>) -> Result<u32, FsError> {
        let mut bytes = vec![0u8; data.len()];
        data.read(0, &mut bytes).map_err(|_| FsError::BadBuffer)?;
        self.vfs.write(self.badge, path.as_str(), offset, &bytes)
    }

    fn create(&mut self, path: BoundedString<256>, kind: NodeKind) -> Result<(), FsError> {
        self.vfs.create(self.badge, path.as_str(), kind)
    }

    fn truncate(&mut self, path: BoundedString<256>, length: u64) -> Result<(), FsError> {
        self.vfs.truncate(self.badge, path.as_str(), length)
    }

    fn remove(&mut self, path: BoundedString<256>) -> Result<(), FsError> {
        self.vfs.remove(self.badge, path.as_str())
    }

    fn rename(&mut self, from: BoundedString<256>, to: BoundedString<256>) -> Result<(), FsError> {
        self.vfs.rename(self.badge, from.as_str(), to.as_str())
    }

    fn list(&mut self, path: BoundedString<256>, start: u32) -> Result<DirectoryPage, FsError> {
        self.vfs.list(self.badge, path.as_str(), start)
    }

    fn usage(&mut self) -> Usage {
        self.vfs.usage()
    }
}
