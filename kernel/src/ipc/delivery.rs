//! Delivering a message's extension: data, grant and handles into the
//! receiver, and the receiver's `IncomingMessage` record filled in.
//!
//! The steps go from undoable to final so that a failure leaves the sender
//! as it was (its handles still in its table, its pages still its own):
//! probe the record and copy the data (harmless to repeat), map the grant
//! (can be cancelled), move the handles (all or none), and only then settle
//! the grant and write the record.

use barodia_abi::{MAX_MESSAGE_HANDLES, Rights, SysError};
use handle_table::{Handle, HandleError, TransferError};

use super::copy::{copy_across, probe_writable, read_from, write_to};
use super::extension::Extension;
use super::grants::{self, Mapped};
use crate::task::{ProcessId, Tasks};

/// Bytes in an `IncomingMessage` record.
const INCOMING_SIZE: usize = core::mem::size_of::<barodia_abi::IncomingMessage>();

/// What the receiver is told about a delivered extension.
#[derive(Debug, Default)]
struct Delivered {
    data_len: u64,
    handles: [(u64, u32, u32); MAX_MESSAGE_HANDLES],
    handle_count: u64,
    lease_len: u64,
    lease_access: u64,
    grant: Option<(u64, u64, u64)>,
    badge: u64,
}

impl Delivered {
    /// The record's fields, in `IncomingMessage` order after the two the
    /// receiver set (buffer address and capacity).
    fn encode(&self, buffer: u64, capacity: u64) -> [u64; INCOMING_SIZE / 8] {
        let mut words = [0u64; INCOMING_SIZE / 8];
        words[0] = buffer;
        words[1] = capacity;
        words[2] = self.data_len;
        for (index, (handle, object, rights)) in self.handles.iter().enumerate() {
            words[3 + index * 2] = *handle;
            words[4 + index * 2] = u64::from(*object) | (u64::from(*rights) << 32);
        }
        let after = 3 + MAX_MESSAGE_HANDLES * 2;
        let (grant_address, grant_pages, grant_flags) = self.grant.unwrap_or_default();
        let tail =
            [self.handle_count, self.lease_len, self.lease_access, grant_address, grant_pages, grant_flags, self.badge];
        words[after..after + tail.len()].copy_from_slice(&tail);
        words
    }
}

fn transfer_error(error: TransferError) -> SysError {
    match error {
        TransferError::TooMany { .. } | TransferError::Repeated { .. } => SysError::InvalidArgument,
        TransferError::Handle { error: HandleError::Invalid, .. } => SysError::InvalidHandle,
        TransferError::Handle { error: HandleError::MissingRights { .. }, .. } => SysError::MissingRights,
        TransferError::Handle { .. } => SysError::StaleHandle,
    }
}

/// Where `badge` sits in an `IncomingMessage` record: its last word.
const BADGE_OFFSET: u64 = (INCOMING_SIZE - 8) as u64;

/// Tells a receiver whose record is at `record` the badge of a message
/// that has no extension (one with an extension gets it with the rest).
pub fn write_badge(tasks: &mut Tasks, to: ProcessId, record: u64, badge: u64) -> Result<(), SysError> {
    write_to(tasks, to, record.checked_add(BADGE_OFFSET).ok_or(SysError::BadAddress)?, &[badge])
}

/// Delivers `extension` from process `from` to process `to`, whose record is
/// at `record` (0: it gave none), with the badge of the sender's handle. On
/// error nothing of the sender's has moved.
pub fn deliver(
    tasks: &mut Tasks,
    from: ProcessId,
    to: ProcessId,
    extension: &Extension,
    record: u64,
    badge: u64,
) -> Result<(), SysError> {
    if record == 0 {
        return Err(SysError::TooLarge);
    }
    let mut header = [0u64; 2];
    read_from(tasks, to, record, &mut header)?;
    let [buffer, capacity] = header;
    if extension.data_len as u64 > capacity {
        return Err(SysError::TooLarge);
    }
    let mut delivered = Delivered { data_len: extension.data_len as u64, badge, ..Delivered::default() };
    // Probe the record (faulting its pages in) before anything is moved.
    probe_writable(tasks, to, record, INCOMING_SIZE)?;
    copy_across(tasks, from, extension.data, to, buffer, extension.data_len)?;
    if let Some(lease) = extension.lease {
        delivered.lease_len = lease.len;
        delivered.lease_access = lease.access.bits();
    }
    let mapped: Option<Mapped> = extension.grant.map(|request| grants::map(tasks, from, to, request)).transpose()?;
    if let Err(error) = move_handles(tasks, from, to, extension, &mut delivered) {
        if let Some(mapped) = mapped {
            grants::cancel(tasks, mapped);
        }
        return Err(error);
    }
    if let Some(mapped) = mapped {
        delivered.grant = Some((mapped.address, mapped.pages, mapped.flags().bits()));
        grants::finish(tasks, mapped);
    }
    // The probe above faulted the record in, so this write cannot fail
    // unless the receiver unmapped it meanwhile, which it cannot do while
    // it waits here: its own problem either way.
    let _ = write_to(tasks, to, record, &delivered.encode(buffer, capacity));
    Ok(())
}

/// Moves the extension's handles from `from`'s table to `to`'s, all or none.
fn move_handles(
    tasks: &mut Tasks,
    from: ProcessId,
    to: ProcessId,
    extension: &Extension,
    delivered: &mut Delivered,
) -> Result<(), SysError> {
    let count = extension.handle_count;
    if count == 0 {
        return Ok(());
    }
    let mut list = [Handle::from_raw(0); MAX_MESSAGE_HANDLES];
    for (slot, raw) in list.iter_mut().zip(extension.handles) {
        *slot = Handle::from_raw(raw);
    }
    let list = list.get(..count).ok_or(SysError::InvalidArgument)?;
    let sender = tasks.processes.get_mut(&from).ok_or(SysError::PeerGone)?;
    let outgoing = sender
        .handles
        .take_for_transfer::<MAX_MESSAGE_HANDLES>(list, Rights::TRANSFER)
        .map_err(transfer_error)?;
    let Some(receiver) = tasks.processes.get_mut(&to) else {
        if let Some(sender) = tasks.processes.get_mut(&from) {
            let _ = sender.handles.restore(outgoing);
        }
        return Err(SysError::PeerGone);
    };
    match receiver.handles.accept_transfer(outgoing) {
        Ok(accepted) => {
            for (index, handle) in accepted.received.as_slice().iter().enumerate() {
                if let (Ok((object, rights)), Some(slot)) =
                    (receiver.handles.get(*handle), delivered.handles.get_mut(index))
                {
                    *slot = (handle.to_raw(), object.object_type() as u32, rights.bits());
                }
            }
            delivered.handle_count = count as u64;
            if let Some(sender) = tasks.processes.get_mut(&from) {
                let _ = sender.handles.release(accepted.origins.as_slice());
            }
            Ok(())
        }
        Err(rejected) => {
            if let Some(sender) = tasks.processes.get_mut(&from) {
                let _ = sender.handles.restore(rejected.returned);
            }
            Err(SysError::LimitReached)
        }
    }
}
