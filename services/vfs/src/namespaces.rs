//! The namespaces: one mount table per badge, and the file servers their
//! mounts point at.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use libipc::wire::{BoundedString, BoundedVec};
use vfs_path::{MountError, MountTable, is_normalized};

use crate::api::{MountInfo, MountPage, NamespaceError};
use crate::backend::Backend;

/// The badge of the boot namespace: the handles init hands out carry none.
pub const BOOT_NAMESPACE: u64 = 0;

/// Most namespaces alive at once, the boot one included. A namespace lives
/// until released or until its last handle is gone, so the cap bounds what
/// clients that keep handles open can pin.
pub const MAX_NAMESPACES: usize = 256;

/// The operation of the kernel's notification that the last handle with
/// some badge is gone (`EndpointNotifyClosed`): clear of both interfaces'
/// ordinals and of the handshake's.
pub const HANDLES_CLOSED_OPERATION: u32 = 0xC105_ED00;

/// The file server the VFS was started with.
const BOOT_SERVER: u32 = 0;

/// Mounts per `mounts` reply (the interface's bound).
const MOUNT_PAGE: usize = 7;

/// Every namespace, and the servers their mounts reach.
#[derive(Debug)]
pub struct Vfs<B> {
    /// The file servers, by number; a server is dropped (its handle closed)
    /// once no namespace mounts it.
    pub(crate) servers: BTreeMap<u32, B>,
    /// The number the next mounted server gets.
    next_server: u32,
    /// The live namespaces, by badge; mounts name servers by number.
    pub(crate) namespaces: BTreeMap<u64, MountTable<u32>>,
    /// The badge the next namespace gets. Badges only grow, so a handle
    /// to a released namespace never reaches a later one.
    next_badge: u64,
}

pub(crate) fn namespace_error(error: MountError) -> NamespaceError {
    match error {
        MountError::NotNormalized => NamespaceError::NotNormalized,
        MountError::AlreadyMounted => NamespaceError::AlreadyMounted,
        MountError::NotMounted => NamespaceError::NotMounted,
        MountError::TooManyMounts => NamespaceError::TooManyMounts,
        MountError::OutsideNamespace => NamespaceError::OutsideNamespace,
    }
}

impl<B: Backend> Vfs<B> {
    /// The VFS with only the boot namespace: `boot`'s `/` at `/`, writable.
    pub fn new(boot: B) -> Self {
        let mut table = MountTable::new();
        // `/` is normalized and the table empty: this cannot fail.
        let _ = table.mount("/", BOOT_SERVER, "/", true);
        let mut servers = BTreeMap::new();
        servers.insert(BOOT_SERVER, boot);
        let mut namespaces = BTreeMap::new();
        namespaces.insert(BOOT_NAMESPACE, table);
        Vfs { servers, next_server: BOOT_SERVER + 1, namespaces, next_badge: BOOT_NAMESPACE + 1 }
    }

    /// The namespace `badge` names, if it is alive.
    pub(crate) fn table(&self, badge: u64) -> Result<&MountTable<u32>, NamespaceError> {
        self.namespaces.get(&badge).ok_or(NamespaceError::Released)
    }

    fn table_mut(&mut self, badge: u64) -> Result<&mut MountTable<u32>, NamespaceError> {
        self.namespaces.get_mut(&badge).ok_or(NamespaceError::Released)
    }

    /// `Ok` if namespace `badge` is alive (checked before a mount, which
    /// first calls the server to mount).
    pub fn alive(&self, badge: u64) -> Result<(), NamespaceError> {
        self.table(badge).map(drop)
    }

    /// How many namespaces are alive.
    pub fn live_namespaces(&self) -> usize {
        self.namespaces.len()
    }

    /// How many file servers some namespace still mounts.
    pub fn live_servers(&self) -> usize {
        self.servers.len()
    }

    /// Mounts `root` of `server` at `at` in namespace `badge`. On an error
    /// `server` is dropped.
    pub fn mount(&mut self, badge: u64, at: &str, server: B, root: &str, writable: bool) -> Result<(), NamespaceError> {
        let number = self.next_server;
        // Four billion mounts would wrap: refuse rather than reuse a number.
        let next = number.checked_add(1).ok_or(NamespaceError::TooManyMounts)?;
        let table = self.table_mut(badge)?;
        table.mount(at, number, root, writable).map_err(namespace_error)?;
        self.servers.insert(number, server);
        self.next_server = next;
        Ok(())
    }

    /// Removes the mount at `at` from namespace `badge`.
    pub fn unmount(&mut self, badge: u64, at: &str) -> Result<(), NamespaceError> {
        if !is_normalized(at) {
            return Err(NamespaceError::NotNormalized);
        }
        self.table_mut(badge)?.unmount(at).map_err(namespace_error)?;
        self.drop_unmounted_servers();
        Ok(())
    }

    /// Namespace `badge`'s mounts from the `start`th, a page at a time.
    pub fn mounts(&self, badge: u64, start: u32) -> Result<MountPage, NamespaceError> {
        let mounts = self.table(badge)?.mounts();
        let start = usize::try_from(start).unwrap_or(usize::MAX);
        let mut page = BoundedVec::new();
        for mount in mounts.iter().skip(start).take(MOUNT_PAGE) {
            // Mount paths are normalized, so at most 256 bytes: they fit.
            let info = MountInfo {
                at: BoundedString::try_from_str(&mount.at).unwrap_or_default(),
                server: mount.target,
                root: BoundedString::try_from_str(&mount.root).unwrap_or_default(),
                writable: mount.writable,
            };
            let _ = page.push(info);
        }
        let more = mounts.len() > start.saturating_add(MOUNT_PAGE);
        Ok(MountPage { mounts: page, more })
    }

    /// A new namespace made of namespace `badge` (see
    /// [`MountTable::narrowed`]); returns its badge.
    pub fn narrow(&mut self, badge: u64, keep: &[(&str, bool)]) -> Result<u64, NamespaceError> {
        if keep.iter().any(|(at, _)| !is_normalized(at)) {
            return Err(NamespaceError::NotNormalized);
        }
        let table = self.table(badge)?.narrowed(keep).map_err(namespace_error)?;
        self.add(table)
    }

    /// A new namespace with a copy of namespace `badge`'s mounts; returns
    /// its badge.
    pub fn copy(&mut self, badge: u64) -> Result<u64, NamespaceError> {
        let table = self.table(badge)?.clone();
        self.add(table)
    }

    fn add(&mut self, table: MountTable<u32>) -> Result<u64, NamespaceError> {
        if self.namespaces.len() >= MAX_NAMESPACES {
            return Err(NamespaceError::TooManyNamespaces);
        }
        let badge = self.next_badge;
        self.next_badge = badge.checked_add(1).ok_or(NamespaceError::TooManyNamespaces)?;
        self.namespaces.insert(badge, table);
        Ok(badge)
    }

    /// Forgets a namespace made by [`Vfs::narrow`] or [`Vfs::copy`] when its
    /// handle could not be made, so the badge is not left alive unreachable.
    pub fn forget(&mut self, badge: u64) {
        if badge != BOOT_NAMESPACE {
            self.namespaces.remove(&badge);
            self.drop_unmounted_servers();
        }
    }

    /// Ends namespace `badge`.
    pub fn release(&mut self, badge: u64) -> Result<(), NamespaceError> {
        self.table(badge)?;
        if badge == BOOT_NAMESPACE {
            return Err(NamespaceError::Permanent);
        }
        self.forget(badge);
        Ok(())
    }

    /// The last handle with badge `badge` is gone: its namespace ends (the
    /// boot namespace stays; one released already is no error). A client can
    /// say this only through a handle with the badge, so it can end no more
    /// than `release` lets it.
    pub fn handles_closed(&mut self, badge: u64) {
        self.forget(badge);
    }

    /// Closes the servers no namespace mounts any more (the boot server
    /// stays: `usage` reports it).
    fn drop_unmounted_servers(&mut self) {
        let mounted: Vec<u32> =
            self.namespaces.values().flat_map(|table| table.mounts().iter().map(|mount| mount.target)).collect();
        self.servers.retain(|number, _| *number == BOOT_SERVER || mounted.contains(number));
    }

    /// The boot file system, for `usage`.
    pub(crate) fn boot_server(&mut self) -> Option<&mut B> {
        self.servers.get_mut(&BOOT_SERVER)
    }
}

