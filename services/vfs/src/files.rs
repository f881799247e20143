//! `FileSystem` requests in a namespace: resolve the path in the
//! namespace's mount table, check what the mount allows, and forward to the
//! mounted server with the server's own path.

use alloc::string::String;
use alloc::vec::Vec;

use libipc::wire::{BoundedString, BoundedVec};
use ramdisk::api::{DirectoryEntry, DirectoryPage, FsError, Metadata, NodeKind, Usage};
use vfs_path::{MAX_NAME_LEN, Resolved, is_normalized, join};

use crate::backend::Backend;
use crate::namespaces::Vfs;

/// Entries per `list` reply (the interface's bound).
const LIST_PAGE: usize = 16;

/// Where a path of a namespace leads, owned, so the server it names can
/// then be borrowed.
enum Place {
    /// `path` on server `server`.
    Server {
        /// The server's number.
        server: u32,
        /// The path in its tree.
        path: String,
        /// Whether the mount lets writes through.
        writable: bool,
        /// Whether the path is the mount point itself, which belongs to the
        /// namespace, not to what is mounted there.
        mount_point: bool,
    },
    /// A directory above mounts, with these entries.
    Virtual(Vec<String>),
}

/// Why a path the client sent is not one a file server takes, named as the
/// ramdisk names it.
fn path_error(path: &str) -> FsError {
    if path.split('/').any(|name| name.len() > MAX_NAME_LEN) { FsError::NameTooLong } else { FsError::InvalidPath }
}

impl<B: Backend> Vfs<B> {
    /// Where `path` leads in namespace `badge`. A released namespace, like
    /// a path outside the namespace, is refused as not permitted.
    fn place(&self, badge: u64, path: &str) -> Result<Place, FsError> {
        if !is_normalized(path) {
            return Err(path_error(path));
        }
        let table = self.namespaces.get(&badge).ok_or(FsError::PermissionDenied)?;
        match table.resolve(path) {
            Resolved::Mounted { mount, path: inner } => Ok(Place::Server {
                server: mount.target,
                path: inner,
                writable: mount.writable,
                mount_point: mount.at == path,
            }),
            Resolved::Virtual { entries } => Ok(Place::Virtual(entries)),
            Resolved::Outside => Err(FsError::PermissionDenied),
        }
    }

    /// Where `path` leads, for a request that changes something there.
    fn writable_place(&self, badge: u64, path: &str) -> Result<(u32, String, bool), FsError> {
        match self.place(badge, path)? {
            Place::Server { server, path, writable: true, mount_point } => Ok((server, path, mount_point)),
            Place::Server { writable: false, .. } | Place::Virtual(_) => Err(FsError::ReadOnly),
        }
    }

    fn server(&mut self, number: u32) -> Result<&mut B, FsError> {
        self.servers.get_mut(&number).ok_or(FsError::Unavailable)
    }

    /// `FileSystem::stat` in namespace `badge`.
    pub fn stat(&mut self, badge: u64, path: &str) -> Result<Metadata, FsError> {
        match self.place(badge, path)? {
            Place::Server { server, path, .. } => self.server(server)?.stat(&path),
            Place::Virtual(entries) => Ok(Metadata { kind: NodeKind::Directory, size: entries.len() as u64 }),
        }
    }

    /// `FileSystem::read` in namespace `badge`, into `buffer`.
    pub fn read(&mut self, badge: u64, path: &str, offset: u64, buffer: &mut [u8]) -> Result<u32, FsError> {
        match self.place(badge, path)? {
            Place::Server { server, path, .. } => self.server(server)?.read(&path, offset, buffer),
            Place::Virtual(_) => Err(FsError::IsADirectory),
        }
    }

    /// `FileSystem::write` in namespace `badge`, from `data`.
    pub fn write(&mut self, badge: u64, path: &str, offset: u64, data: &[u8]) -> Result<u32, FsError> {
        let (server, path, _) = self.writable_place(badge, path)?;
        self.server(server)?.write(&path, offset, data)
    }

    /// `FileSystem::create` in namespace `badge`.
    pub fn create(&mut self, badge: u64, path: &str, kind: NodeKind) -> Result<(), FsError> {
        let (server, path, _) = self.writable_place(badge, path)?;
        self.server(server)?.create(&path, kind)
    }

    /// `FileSystem::truncate` in namespace `badge`.
    pub fn truncate(&mut self, badge: u64, path: &str, length: u64) -> Result<(), FsError> {
        let (server, path, _) = self.writable_place(badge, path)?;
        self.server(server)?.truncate(&path, length)
    }

    /// `FileSystem::remove` in namespace `badge`. A mount point cannot be
    /// removed through its mount: the namespace does not reach its parent.
    pub fn remove(&mut self, badge: u64, path: &str) -> Result<(), FsError> {
        match self.writable_place(badge, path)? {
            (_, _, true) => Err(FsError::PermissionDenied),
            (server, path, false) => self.server(server)?.remove(&path),
        }
    }

    /// `FileSystem::rename` in namespace `badge`. Both ends must be
    /// writable, on the same server (a move between servers would be a
    /// copy, which is the client's to make), and neither a mount point.
    pub fn rename(&mut self, badge: u64, from: &str, to: &str) -> Result<(), FsError> {
        let (from_server, from, from_mount_point) = self.writable_place(badge, from)?;
        let (to_server, to, to_mount_point) = self.writable_place(badge, to)?;
        if from_mount_point || to_mount_point {
            return Err(FsError::PermissionDenied);
        }
        if from_server != to_server {
            return Err(FsError::InvalidMove);
        }
        self.server(from_server)?.rename(&from, &to)
    }

    /// `FileSystem::list` in namespace `badge`: a mounted directory's page
    /// from its server, or a virtual directory's mount points.
    pub fn list(&mut self, badge: u64, path: &str, start: u32) -> Result<DirectoryPage, FsError> {
        let entries = match self.place(badge, path)? {
            Place::Server { server, path, .. } => return self.server(server)?.list(&path, start),
            Place::Virtual(entries) => entries,
        };
        let start = usize::try_from(start).unwrap_or(usize::MAX);
        let mut page = BoundedVec::new();
        for name in entries.iter().skip(start).take(LIST_PAGE) {
            // A mount point shows as what is mounted there; one whose
            // server fails still shows, as an empty directory.
            let child = join(path, name);
            let metadata =
                self.stat(badge, &child).unwrap_or(Metadata { kind: NodeKind::Directory, size: 0 });
            // Names come from normalized mount paths: at most 64 bytes.
            let Ok(name) = BoundedString::try_from_str(name) else { continue };
            let _ = page.push(DirectoryEntry { name, metadata });
        }
        Ok(DirectoryPage { entries: page, more: entries.len() > start.saturating_add(LIST_PAGE) })
    }

    /// `FileSystem::usage`: the boot file system's (all zeros if it fails).
    pub fn usage(&mut self) -> Usage {
        self.boot_server().and_then(|server| server.usage().ok()).unwrap_or_default()
    }
}
