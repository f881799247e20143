//! `FileSystem` requests, answered from a [`ramfs::FileSystem`].

use alloc::vec;

use libipc::rpc::{LeaseIn, LeaseOut};
use libipc::wire::{BoundedString, BoundedVec};
use ramfs::FileSystem;

use crate::api::{DirectoryEntry, DirectoryPage, FsError, Metadata, NodeKind, Usage, file_system};

/// Entries per `list` reply (the interface's bound).
const PAGE: usize = 16;

/// The server: the file system it serves.
#[derive(Debug)]
pub struct Ramdisk {
    /// The files.
    pub fs: FileSystem,
}

fn error(error: ramfs::FsError) -> FsError {
    match error {
        ramfs::FsError::NotFound => FsError::NotFound,
        ramfs::FsError::AlreadyExists => FsError::AlreadyExists,
        ramfs::FsError::NotADirectory => FsError::NotADirectory,
        ramfs::FsError::IsADirectory => FsError::IsADirectory,
        ramfs::FsError::NotEmpty => FsError::NotEmpty,
        ramfs::FsError::InvalidPath => FsError::InvalidPath,
        ramfs::FsError::NameTooLong => FsError::NameTooLong,
        ramfs::FsError::NoSpace => FsError::NoSpace,
        ramfs::FsError::FileTooLarge => FsError::FileTooLarge,
        ramfs::FsError::InvalidMove => FsError::InvalidMove,
    }
}

fn kind(kind: ramfs::NodeKind) -> NodeKind {
    match kind {
        ramfs::NodeKind::File => NodeKind::File,
        ramfs::NodeKind::Directory => NodeKind::Directory,
    }
}

fn metadata(metadata: ramfs::Metadata) -> Metadata {
    Metadata { kind: kind(metadata.kind), size: metadata.size }
}

impl file_system::Server for Ramdisk {
    fn stat(&mut self, path: BoundedString<256>) -> Result<Metadata, FsError> {
        self.fs.stat(path.as_str()).map(metadata).map_err(error)
    }

    fn read(&mut self, path: BoundedString<256>, offset: u64, mut buffer: LeaseOut<'_>) -> Result<u32, FsError> {
        // Read into a bounce buffer, then write the lease once: the kernel
        // copies it into the caller's memory in one go.
        let mut bytes = vec![0u8; buffer.len()];
        let count = self.fs.read(path.as_str(), offset, &mut bytes).map_err(error)?;
        buffer.write(0, &bytes[..count]).map_err(|_| FsError::BadBuffer)?;
        u32::try_from(count).map_err(|_| FsError::BadBuffer)
    }

    fn write(&mut self, path: BoundedString<256>, offset: u64, data: LeaseIn<'_>) -> Result<u32, FsError> {
        let mut bytes = vec![0u8; data.len()];
        data.read(0, &mut bytes).map_err(|_| FsError::BadBuffer)?;
        let count = self.fs.write(path.as_str(), offset, &bytes).map_err(error)?;
        u32::try_from(count).map_err(|_| FsError::BadBuffer)
    }

    fn create(&mut self, path: BoundedString<256>, node: NodeKind) -> Result<(), FsError> {
        let node = match node {
            NodeKind::File => ramfs::NodeKind::File,
            NodeKind::Directory => ramfs::NodeKind::Directory,
        };
        self.fs.create(path.as_str(), node).map_err(error)
    }

    fn truncate(&mut self, path: BoundedString<256>, length: u64) -> Result<(), FsError> {
        self.fs.truncate(path.as_str(), length).map_err(error)
    }

    fn remove(&mut self, path: BoundedString<256>) -> Result<(), FsError> {
        self.fs.remove(path.as_str()).map_err(error)
    }

    fn rename(&mut self, from: BoundedString<256>, to: BoundedString<256>) -> Result<(), FsError> {
        self.fs.rename(from.as_str(), to.as_str()).map_err(error)
    }

    fn list(&mut self, path: BoundedString<256>, start: u32) -> Result<DirectoryPage, FsError> {
        let start = usize::try_from(start).unwrap_or(usize::MAX);
        // One more than a page tells whether there are more.
        let listed = self.fs.list(path.as_str(), start, PAGE + 1).map_err(error)?;
        let mut entries = BoundedVec::new();
        for entry in listed.iter().take(PAGE) {
            // Names are at most 64 bytes (ramfs::MAX_NAME_LEN), so this
            // always fits; a name that did not would be skipped, not cut.
            let Ok(name) = BoundedString::try_from_str(&entry.name) else { continue };
            let _ = entries.push(DirectoryEntry { name, metadata: metadata(entry.metadata) });
        }
        Ok(DirectoryPage { entries, more: listed.len() > PAGE })
    }

    fn usage(&mut self) -> Usage {
        let (bytes, nodes) = self.fs.usage();
        let limits = self.fs.limits();
        Usage {
            bytes: bytes as u64,
            max_bytes: limits.max_bytes as u64,
            nodes: u32::try_from(nodes).unwrap_or(u32::MAX),
            max_nodes: u32::try_from(limits.max_nodes).unwrap_or(u32::MAX),
        }
    }
}

#[cfg(test)]
mod tests {
    use libipc::rpc::{CallError, Loopback};
    use ramfs::Limits;

    use super::*;
    use crate::api::file_system::{Client, Dispatcher};

    fn client() -> Client<Loopback<Dispatcher<Ramdisk>>> {
        let mut fs = FileSystem::new(Limits::default());
        fs.create_directories("/home/user").unwrap();
        Client::new(Loopback::new(Dispatcher(Ramdisk { fs })))
    }

    fn path(text: &str) -> BoundedString<256> {
        BoundedString::try_from_str(text).unwrap()
    }

    #[test]
    fn files_round_trip_through_the_generated_client() {
        let mut client = client();
        client.create(path("/home/user/notes"), NodeKind::File).unwrap();
        assert_eq!(client.write(path("/home/user/notes"), 0, b"hello ramdisk"), Ok(13));
        let mut buffer = [0u8; 64];
        assert_eq!(client.read(path("/home/user/notes"), 6, &mut buffer), Ok(7));
        assert_eq!(&buffer[..7], b"ramdisk");
        let stat = client.stat(path("/home/user/notes")).unwrap();
        assert_eq!((stat.kind, stat.size), (NodeKind::File, 13));
        client.rename(path("/home/user/notes"), path("/home/notes")).unwrap();
        assert_eq!(client.remove(path("/home/user/notes")), Err(CallError::Interface(FsError::NotFound)));
        assert_eq!(client.usage().unwrap().bytes, 13);
    }

    #[test]
    fn listings_come_in_pages_of_sixteen() {
        let mut client = client();
        for index in 0..20 {
            client.create(path(&alloc::format!("/home/user/f{index:02}")), NodeKind::File).unwrap();
        }
        let first = client.list(path("/home/user"), 0).unwrap();
        assert_eq!(first.entries.len(), 16);
        assert!(first.more);
        assert_eq!(first.entries.as_slice()[0].name.as_str(), "f00");
        let second = client.list(path("/home/user"), 16).unwrap();
        assert_eq!(second.entries.len(), 4);
        assert!(!second.more);
        assert_eq!(client.list(path("/home/user/f00"), 0), Err(CallError::Interface(FsError::NotADirectory)));
    }

    #[test]
    fn bad_paths_are_named_errors() {
        let mut client = client();
        for bad in ["relative", "/home/../etc", "/home//user", "/home/"] {
            assert_eq!(client.stat(path(bad)), Err(CallError::Interface(FsError::InvalidPath)), "{bad}");
        }
    }
}
