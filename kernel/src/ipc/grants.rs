//! Page grants: mapping a sender's pages into a receiver, and revoking
//! shared grants when the granter's pages go away.
//!
//! A shared grant leaves the frames with the granter, so the receiver's
//! mapping must end before the granter can free them. The registry here
//! records every live shared grant; the granter unmapping the range, moving
//! it elsewhere, or exiting revokes each grant that overlaps it (the
//! receiver's region disappears; a later touch is that process's page fault).
//! A moved grant needs no record: the receiver owns the frames outright.

use alloc::vec::Vec;

use barodia_abi::{GrantFlags, SysError};
use spin::Mutex;
use x86_64::PhysAddr;
use x86_64::structures::paging::PhysFrame;

use super::extension::GrantRequest;
use crate::memory::address_space::{Access, RegionError, RegionKind};
use crate::memory::layout::PAGE_SIZE;
use crate::task::{ProcessId, Tasks};

/// One live shared grant.
#[derive(Debug, Clone, Copy)]
struct SharedGrant {
    id: u64,
    granter: ProcessId,
    /// The granted range in the granter's space.
    start: u64,
    end: u64,
    receiver: ProcessId,
    /// Where the receiver has it.
    receiver_start: u64,
}

struct Registry {
    grants: Vec<SharedGrant>,
    next_id: u64,
}

/// Grants of up to this many pages gather their frames on the stack.
const INLINE_FRAMES: usize = 16;

static REGISTRY: Mutex<Registry> = Mutex::new(Registry { grants: Vec::new(), next_id: 1 });

/// A grant mapped into the receiver but not yet settled: moved pages are
/// still mapped in the granter too until [`finish`].
#[derive(Debug, Clone, Copy)]
pub struct Mapped {
    /// Where the receiver has the pages.
    pub address: u64,
    /// How many.
    pub pages: u64,
    request: GrantRequest,
    from: ProcessId,
    to: ProcessId,
    id: Option<u64>,
}

impl Mapped {
    /// The grant's flags, as the sender asked.
    pub fn flags(&self) -> GrantFlags {
        self.request.flags
    }
}

fn region_error(error: RegionError) -> SysError {
    match error {
        RegionError::BadRange => SysError::InvalidArgument,
        RegionError::OutOfMemory => SysError::OutOfMemory,
    }
}

/// Maps the pages of `request` from process `from` into process `to`.
/// Undo with [`cancel`], or settle with [`finish`].
pub fn map(tasks: &mut Tasks, from: ProcessId, to: ProcessId, request: GrantRequest) -> Result<Mapped, SysError> {
    let start = request.address;
    let end = start + request.pages * PAGE_SIZE;
    let write = request.flags.contains(GrantFlags::WRITE);
    let moved = request.flags.contains(GrantFlags::MOVE);
    // Pages lent for a call in progress cannot be given away meanwhile.
    if moved && super::loans::lent_from(tasks, from, start, end) {
        return Err(SysError::Busy);
    }
    let granter = &mut tasks.processes.get_mut(&from).ok_or(SysError::PeerGone)?.space;
    if moved && !granter.is_whole_anonymous(start, end) {
        return Err(SysError::InvalidArgument);
    }
    // Room for the frames: on the stack for a grant of a few pages (the
    // usual case, and an allocation cost more than the rest of the map).
    let pages = usize::try_from(request.pages).map_err(|_| SysError::InvalidArgument)?;
    let mut inline = [PhysFrame::containing_address(PhysAddr::zero()); INLINE_FRAMES];
    let mut heap = Vec::new();
    let frames = match inline.get_mut(..pages) {
        Some(frames) => frames,
        None => {
            heap.try_reserve_exact(pages).map_err(|_| SysError::OutOfMemory)?;
            heap.resize(pages, PhysFrame::containing_address(PhysAddr::zero()));
            heap.as_mut_slice()
        }
    };
    granter.frames_of(start, end, write, frames).map_err(region_error)?;
    let access = if write { Access::READ_WRITE } else { Access::READ };
    let id = if moved {
        None
    } else {
        let mut registry = REGISTRY.lock();
        let id = registry.next_id;
        registry.next_id += 1;
        Some(id)
    };
    let receiver = &mut tasks.processes.get_mut(&to).ok_or(SysError::PeerGone)?.space;
    // A moved grant's pages are mapped as the receiver's own at once; until
    // `finish` takes them from the granter, both map them, and `cancel`
    // unmaps them from the receiver without freeing them.
    let kind = id.map_or(RegionKind::Anonymous, RegionKind::Granted);
    let address = receiver.attach_frames(frames, access, kind, id.is_none()).map_err(region_error)?;
    Ok(Mapped { address, pages: request.pages, request, from, to, id })
}

/// Takes back a grant [`map`] made, when the rest of the message failed.
pub fn cancel(tasks: &mut Tasks, mapped: Mapped) {
    if let Some(process) = tasks.processes.get_mut(&mapped.to) {
        process.space.forget_region(mapped.address);
    }
}

/// Settles a delivered grant: records a shared one; takes moved pages from
/// the granter and gives the receiver ownership.
pub fn finish(tasks: &mut Tasks, mapped: Mapped) {
    let start = mapped.request.address;
    let end = start + mapped.pages * PAGE_SIZE;
    match mapped.id {
        Some(id) => REGISTRY.lock().grants.push(SharedGrant {
            id,
            granter: mapped.from,
            start,
            end,
            receiver: mapped.to,
            receiver_start: mapped.address,
        }),
        None => {
            // Whoever else had these pages through a shared grant loses them.
            revoke_range(tasks, mapped.from, start, end);
            if let Some(granter) = tasks.processes.get_mut(&mapped.from) {
                granter.space.forget_region(start);
            }
        }
    }
}

/// Revokes every shared grant `granter` made from pages in `start..end`.
pub fn revoke_range(tasks: &mut Tasks, granter: ProcessId, start: u64, end: u64) {
    let revoked: Vec<SharedGrant> = {
        let mut registry = REGISTRY.lock();
        let (revoked, kept) = registry
            .grants
            .drain(..)
            .partition(|grant| grant.granter == granter && grant.start < end && start < grant.end);
        registry.grants = kept;
        revoked
    };
    for grant in revoked {
        if let Some(receiver) = tasks.processes.get_mut(&grant.receiver) {
            receiver.space.remove_grant(grant.receiver_start, grant.id);
        }
    }
}

/// Called when a receiver unmaps a grant it got: forgets the record.
pub fn forget(grant: u64) {
    REGISTRY.lock().grants.retain(|record| record.id != grant);
}

/// Called when `process` exits, before its frames are freed: revokes its
/// grants and forgets the ones it received.
pub fn process_exited(tasks: &mut Tasks, process: ProcessId) {
    revoke_range(tasks, process, 0, u64::MAX);
    REGISTRY.lock().grants.retain(|grant| grant.receiver != process);
}
