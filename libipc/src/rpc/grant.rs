//! Page grants: whole pages shared with, or moved to, the server.
//!
//! A [`Grant`] says how many pages, with which mapping rights and in which
//! mode; that is what a dispatcher checks against a `grant<N, rights(...),
//! mode>` parameter. On the target it also carries the memory itself
//! ([`GrantMemory`]): the client's pages going out, the server's mapping
//! coming in. The loopback and host tests pass descriptions without memory.

use super::rights::Rights;

/// Whether granted pages stay mapped in the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GrantMode {
    /// Both sides map the pages.
    Shared,
    /// The caller gives the pages up.
    Moved,
}

/// Pages attached to a message.
#[derive(Debug, PartialEq, Eq)]
pub struct Grant {
    /// How many pages.
    pub pages: u32,
    /// The mapping rights (`Rights::MAP_READ`, `Rights::MAP_WRITE`).
    pub rights: Rights,
    /// Shared or moved.
    pub mode: GrantMode,
    /// The pages themselves; `None` for a description only.
    pub memory: Option<GrantMemory>,
}

/// The memory behind a grant on the target.
#[cfg(target_os = "none")]
#[derive(Debug, PartialEq, Eq)]
pub enum GrantMemory {
    /// The client shares the pages starting at this address (the kernel
    /// checks they are the client's own, whole `MemoryMap` pages).
    Shared {
        /// First page.
        address: u64,
    },
    /// The client gives these pages away.
    Moved(crate::ipc::pages::Pages),
    /// The server's mapping of what it was granted; unmapped when dropped.
    Mapped(crate::ipc::pages::Pages),
}

/// The memory behind a grant: none exists on the host.
#[cfg(not(target_os = "none"))]
#[derive(Debug, PartialEq, Eq)]
pub enum GrantMemory {}

impl Grant {
    /// A description without memory (host tests, the loopback).
    pub fn describe(pages: u32, rights: Rights, mode: GrantMode) -> Grant {
        Grant { pages, rights, mode, memory: None }
    }
}

#[cfg(target_os = "none")]
impl Grant {
    /// Shares `pages` for the call: readable, and writable too if `writable`.
    /// They stay the client's; the server loses them when the client unmaps
    /// them or exits.
    pub fn share(pages: &crate::ipc::pages::Pages, writable: bool) -> Grant {
        let rights = if writable {
            Rights::from_constants(&[Rights::MAP_READ, Rights::MAP_WRITE])
        } else {
            Rights::MAP_READ
        };
        let count = u32::try_from(pages.page_count()).unwrap_or(u32::MAX);
        Grant { pages: count, rights, mode: GrantMode::Shared, memory: Some(GrantMemory::Shared { address: pages.address() }) }
    }

    /// Gives `pages` away: the server owns them from then on.
    pub fn give(pages: crate::ipc::pages::Pages) -> Grant {
        let count = u32::try_from(pages.page_count()).unwrap_or(u32::MAX);
        let rights = Rights::from_constants(&[Rights::MAP_READ, Rights::MAP_WRITE]);
        Grant { pages: count, rights, mode: GrantMode::Moved, memory: Some(GrantMemory::Moved(pages)) }
    }

}

impl Grant {
    /// The granted pages as the server has them mapped: `None` for a
    /// description without memory (always, on the host).
    #[cfg(target_os = "none")]
    pub fn mapped(&self) -> Option<&crate::ipc::pages::Pages> {
        match &self.memory {
            Some(GrantMemory::Mapped(pages)) => Some(pages),
            _ => None,
        }
    }

    /// The granted pages as the server has them mapped: `None` for a
    /// description without memory (always, on the host).
    #[cfg(not(target_os = "none"))]
    pub fn mapped(&self) -> Option<&HostPages> {
        None
    }
}

/// What a grant's mapping offers on the host: the same reads as the
/// target's `ipc::pages::Pages`, so service code builds unchanged; no value
/// of it ever exists.
#[cfg(not(target_os = "none"))]
#[derive(Debug)]
pub enum HostPages {}

#[cfg(not(target_os = "none"))]
impl HostPages {
    /// Length in bytes.
    pub fn len(&self) -> usize {
        match *self {}
    }

    /// True for no pages.
    pub fn is_empty(&self) -> bool {
        match *self {}
    }

    /// Copies bytes from offset `offset` into `buffer`.
    pub fn read(&self, _offset: usize, _buffer: &mut [u8]) -> Result<(), barodia_abi::SysError> {
        match *self {}
    }
}
