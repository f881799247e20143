//! The tree: nodes in an arena, directories mapping names to node indices.

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::FsError;
use crate::path::{components, parent_and_name};

/// The budget of one file system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of file content, all files together.
    pub max_bytes: usize,
    /// Files and directories, the root included.
    pub max_nodes: usize,
    /// Bytes of one file.
    pub max_file_size: usize,
}

impl Default for Limits {
    /// 32 MiB in at most 4,096 nodes, 8 MiB per file: room for the image's
    /// programs and a user's files, well inside a 128 MiB machine.
    fn default() -> Self {
        Limits { max_bytes: 32 << 20, max_nodes: 4096, max_file_size: 8 << 20 }
    }
}

/// A file or a directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// Bytes.
    File,
    /// Names of other nodes.
    Directory,
}

/// What `stat` tells about a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Metadata {
    /// File or directory.
    pub kind: NodeKind,
    /// A file's length in bytes; a directory's number of entries.
    pub size: u64,
}

/// One entry of a directory listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryEntry {
    /// Its name in the directory.
    pub name: String,
    /// What it is, and its size.
    pub metadata: Metadata,
}

enum Content {
    File(Vec<u8>),
    Directory(BTreeMap<String, usize>),
}

impl Content {
    fn metadata(&self) -> Metadata {
        match self {
            Content::File(bytes) => Metadata { kind: NodeKind::File, size: bytes.len() as u64 },
            Content::Directory(entries) => Metadata { kind: NodeKind::Directory, size: entries.len() as u64 },
        }
    }
}

/// The root's index in the arena.
const ROOT: usize = 0;

/// An in-memory file system (see the crate docs).
pub struct FileSystem {
    /// Nodes by index; `None` marks a free slot, reused first.
    nodes: Vec<Option<Content>>,
    free: Vec<usize>,
    limits: Limits,
    bytes_used: usize,
    node_count: usize,
}

impl core::fmt::Debug for FileSystem {
    fn fmt(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        formatter
            .debug_struct("FileSystem")
            .field("nodes", &self.node_count)
            .field("bytes", &self.bytes_used)
            .field("limits", &self.limits)
            .finish()
    }
}

impl FileSystem {
    /// An empty file system (just `/`) with `limits`.
    pub fn new(limits: Limits) -> Self {
        FileSystem {
            nodes: alloc::vec![Some(Content::Directory(BTreeMap::new()))],
            free: Vec::new(),
            limits,
            bytes_used: 0,
            node_count: 1,
        }
    }

    /// Bytes of file content stored, and nodes in use.
    pub fn usage(&self) -> (usize, usize) {
        (self.bytes_used, self.node_count)
    }

    /// The budget.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    fn node(&self, index: usize) -> Result<&Content, FsError> {
        self.nodes.get(index).and_then(Option::as_ref).ok_or(FsError::NotFound)
    }

    fn node_mut(&mut self, index: usize) -> Result<&mut Content, FsError> {
        self.nodes.get_mut(index).and_then(Option::as_mut).ok_or(FsError::NotFound)
    }

    /// The node at `path`.
    fn lookup(&self, path: &str) -> Result<usize, FsError> {
        let mut index = ROOT;
        for name in components(path)? {
            match self.node(index)? {
                Content::Directory(entries) => index = *entries.get(name).ok_or(FsError::NotFound)?,
                Content::File(_) => return Err(FsError::NotADirectory),
            }
        }
        Ok(index)
    }

    /// The directory at `path`'s parent, and `path`'s last name.
    fn parent<'p>(&self, path: &'p str) -> Result<(usize, &'p str), FsError> {
        let (parent, name) = parent_and_name(path)?;
        let index = self.lookup(parent)?;
        match self.node(index)? {
            Content::Directory(_) => Ok((index, name)),
            Content::File(_) => Err(FsError::NotADirectory),
        }
    }

    fn entries_mut(&mut self, directory: usize) -> Result<&mut BTreeMap<String, usize>, FsError> {
        match self.node_mut(directory)? {
            Content::Directory(entries) => Ok(entries),
            Content::File(_) => Err(FsError::NotADirectory),
        }
    }

    fn file_mut(&mut self, path: &str) -> Result<&mut Vec<u8>, FsError> {
        let index = self.lookup(path)?;
        match self.node_mut(index)? {
            Content::File(bytes) => Ok(bytes),
            Content::Directory(_) => Err(FsError::IsADirectory),
        }
    }

    /// What is at `path`.
    pub fn stat(&self, path: &str) -> Result<Metadata, FsError> {
        Ok(self.node(self.lookup(path)?)?.metadata())
    }

    /// Creates an empty file or directory at `path`; its parent must exist.
    pub fn create(&mut self, path: &str, kind: NodeKind) -> Result<(), FsError> {
        let (parent, name) = self.parent(path)?;
        if self.entries_mut(parent)?.contains_key(name) {
            return Err(FsError::AlreadyExists);
        }
        if self.node_count >= self.limits.max_nodes {
            return Err(FsError::NoSpace);
        }
        let content = match kind {
            NodeKind::File => Content::File(Vec::new()),
            NodeKind::Directory => Content::Directory(BTreeMap::new()),
        };
        let index = match self.free.pop() {
            Some(index) => {
                if let Some(slot) = self.nodes.get_mut(index) {
                    *slot = Some(content);
                }
                index
            }
            None => {
                self.nodes.try_reserve(1).map_err(|_| FsError::NoSpace)?;
                self.nodes.push(Some(content));
                self.nodes.len() - 1
            }
        };
        self.node_count += 1;
        self.entries_mut(parent)?.insert(name.to_string(), index);
        Ok(())
    }

    /// Copies bytes of the file at `path` from `offset` into `buffer`;
    /// returns how many (0 at or past the end).
    pub fn read(&self, path: &str, offset: u64, buffer: &mut [u8]) -> Result<usize, FsError> {
        let bytes = match self.node(self.lookup(path)?)? {
            Content::File(bytes) => bytes,
            Content::Directory(_) => return Err(FsError::IsADirectory),
        };
        let start = usize::try_from(offset).unwrap_or(usize::MAX).min(bytes.len());
        let available = bytes.get(start..).unwrap_or(&[]);
        let count = available.len().min(buffer.len());
        buffer[..count].copy_from_slice(&available[..count]);
        Ok(count)
    }

    /// Writes `data` into the file at `path` at `offset`, growing it (with
    /// zeros up to `offset`) as needed; returns `data.len()`.
    pub fn write(&mut self, path: &str, offset: u64, data: &[u8]) -> Result<usize, FsError> {
        let start = usize::try_from(offset).map_err(|_| FsError::FileTooLarge)?;
        let end = start.checked_add(data.len()).ok_or(FsError::FileTooLarge)?;
        self.grow(path, end)?;
        let bytes = self.file_mut(path)?;
        if let Some(target) = bytes.get_mut(start..end) {
            target.copy_from_slice(data);
        }
        Ok(data.len())
    }

    /// Sets the length of the file at `path`: cut, or grown with zeros.
    pub fn truncate(&mut self, path: &str, length: u64) -> Result<(), FsError> {
        let length = usize::try_from(length).map_err(|_| FsError::FileTooLarge)?;
        let current = self.file_mut(path)?.len();
        if length <= current {
            self.file_mut(path)?.truncate(length);
            self.bytes_used -= current - length;
            return Ok(());
        }
        self.grow(path, length)
    }

    /// Makes the file at `path` at least `length` bytes long, within the
    /// limits.
    fn grow(&mut self, path: &str, length: usize) -> Result<(), FsError> {
        let limits = self.limits;
        let used = self.bytes_used;
        let bytes = self.file_mut(path)?;
        let Some(extra) = length.checked_sub(bytes.len()) else { return Ok(()) };
        if length > limits.max_file_size {
            return Err(FsError::FileTooLarge);
        }
        if used.checked_add(extra).is_none_or(|total| total > limits.max_bytes) {
            return Err(FsError::NoSpace);
        }
        bytes.try_reserve(extra).map_err(|_| FsError::NoSpace)?;
        bytes.resize(length, 0);
        self.bytes_used += extra;
        Ok(())
    }

    /// Removes the file or the empty directory at `path`.
    pub fn remove(&mut self, path: &str) -> Result<(), FsError> {
        let (parent, name) = self.parent(path)?;
        let index = *self.entries_mut(parent)?.get(name).ok_or(FsError::NotFound)?;
        let freed = match self.node(index)? {
            Content::Directory(entries) if !entries.is_empty() => return Err(FsError::NotEmpty),
            Content::Directory(_) => 0,
            Content::File(bytes) => bytes.len(),
        };
        self.entries_mut(parent)?.remove(name);
        if let Some(slot) = self.nodes.get_mut(index) {
            *slot = None;
        }
        self.free.push(index);
        self.node_count -= 1;
        self.bytes_used -= freed;
        Ok(())
    }

    /// Moves the node at `from` to `to`, whose parent must exist and which
    /// must not exist yet. A directory cannot move into itself.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), FsError> {
        let (from_parent, from_name) = self.parent(from)?;
        let (to_parent, to_name) = self.parent(to)?;
        let index = *self.entries_mut(from_parent)?.get(from_name).ok_or(FsError::NotFound)?;
        if from == to {
            return Ok(());
        }
        if to.strip_prefix(from).is_some_and(|rest| rest.starts_with('/')) {
            return Err(FsError::InvalidMove);
        }
        if self.entries_mut(to_parent)?.contains_key(to_name) {
            return Err(FsError::AlreadyExists);
        }
        self.entries_mut(from_parent)?.remove(from_name);
        self.entries_mut(to_parent)?.insert(to_name.to_string(), index);
        Ok(())
    }

    /// The entries of the directory at `path`, by name, from the `start`th
    /// on, at most `max` of them.
    pub fn list(&self, path: &str, start: usize, max: usize) -> Result<Vec<DirectoryEntry>, FsError> {
        let entries = match self.node(self.lookup(path)?)? {
            Content::Directory(entries) => entries,
            Content::File(_) => return Err(FsError::NotADirectory),
        };
        let mut listed = Vec::new();
        for (name, index) in entries.iter().skip(start).take(max) {
            let metadata = self.node(*index)?.metadata();
            listed.push(DirectoryEntry { name: name.clone(), metadata });
        }
        Ok(listed)
    }

    /// Creates every missing directory on the way to `path`, and `path`
    /// itself; fine if they exist.
    pub fn create_directories(&mut self, path: &str) -> Result<(), FsError> {
        let mut prefix = String::new();
        for name in components(path)? {
            prefix.push('/');
            prefix.push_str(name);
            match self.create(&prefix, NodeKind::Directory) {
                Ok(()) | Err(FsError::AlreadyExists) => {}
                Err(error) => return Err(error),
            }
            if self.stat(&prefix)?.kind != NodeKind::Directory {
                return Err(FsError::NotADirectory);
            }
        }
        Ok(())
    }
}
