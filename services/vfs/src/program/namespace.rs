//! The `Namespace` interface (`idl/vfs.idl`), for the namespace of the
//! handle a request came through: the library's namespace operations, and
//! the handles and mounted servers only the kernel can make.

use alloc::vec::Vec;

use barodia_abi::Rights;
use libipc::ipc::Handle;
use libipc::rpc::{self, ObjectType};
use libipc::wire::{BoundedString, BoundedVec};
use vfs::Vfs;
use vfs::api::namespace::Server;
use vfs::api::{Keep, MountPage, NamespaceError};

use super::Server as FileServer;
use super::handshake;

/// The VFS, seen through the handle with badge `badge`.
pub struct Namespaces<'a> {
    /// Every namespace.
    pub vfs: &'a mut Vfs<FileServer>,
    /// A send handle of the VFS's own endpoint, to mint namespace handles.
    pub minter: &'a Handle,
    /// The badge of the handle the request came through.
    pub badge: u64,
}

impl Namespaces<'_> {
    /// A handle to the namespace `badge` has just made; without one the
    /// namespace would be alive but unreachable, so it is forgotten.
    fn handle(&mut self, badge: Result<u64, NamespaceError>) -> Result<rpc::Handle, NamespaceError> {
        let badge = badge?;
        let rights = Rights::from_constants(&[Rights::SEND, Rights::DUPLICATE, Rights::TRANSFER]);
        match self.minter.duplicate_badged(rights, badge) {
            Ok(handle) => Ok(rpc::Handle::from_ipc(handle, ObjectType::Endpoint, rights)),
            Err(_) => {
                self.vfs.forget(badge);
                Err(NamespaceError::Unavailable)
            }
        }
    }
}

impl Server for Namespaces<'_> {
    fn mount(
        &mut self,
        at: BoundedString<256>,
        server: rpc::Handle,
        root: BoundedString<256>,
        writable: bool,
    ) -> Result<(), NamespaceError> {
        // Refuse what the table would refuse before calling anyone.
        self.vfs.alive(self.badge)?;
        if !vfs_path::is_normalized(at.as_str()) || !vfs_path::is_normalized(root.as_str()) {
            return Err(NamespaceError::NotNormalized);
        }
        let server = handshake::connect(server.into_ipc())?;
        self.vfs.mount(self.badge, at.as_str(), server, root.as_str(), writable)
    }

    fn unmount(&mut self, at: BoundedString<256>) -> Result<(), NamespaceError> {
        self.vfs.unmount(self.badge, at.as_str())
    }

    fn mounts(&mut self, start: u32) -> Result<MountPage, NamespaceError> {
        self.vfs.mounts(self.badge, start)
    }

    fn narrow(&mut self, keep: BoundedVec<Keep, 15>) -> Result<rpc::Handle, NamespaceError> {
        let keep: Vec<(&str, bool)> = keep.iter().map(|keep| (keep.at.as_str(), keep.writable)).collect();
        let badge = self.vfs.narrow(self.badge, &keep);
        self.handle(badge)
    }

    fn copy(&mut self) -> Result<rpc::Handle, NamespaceError> {
        let badge = self.vfs.copy(self.badge);
        self.handle(badge)
    }

    fn release(&mut self) -> Result<(), NamespaceError> {
        self.vfs.release(self.badge)
    }
}
