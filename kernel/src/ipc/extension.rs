//! Reading a sender's [`OutgoingMessage`](barodia_abi::OutgoingMessage)
//! record: checked once, at the syscall, into an [`Extension`] that holds no
//! user pointer the kernel has not range-checked.

use barodia_abi::{
    GrantFlags, LeaseAccess, MAX_GRANT_PAGES, MAX_LEASE_LEN, MAX_MESSAGE_DATA, MAX_MESSAGE_HANDLES, OPERATION_KERNEL_BITS,
    SysError,
};

use super::Message;
use crate::memory::layout::PAGE_SIZE;
use crate::memory::user_copy::{UserSliceRo, check_range};
use crate::task::with_current_space;

/// Bytes in an `OutgoingMessage` record.
const OUTGOING_SIZE: usize = core::mem::size_of::<barodia_abi::OutgoingMessage>();

/// Memory a caller lent for one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lease {
    /// Start, in the caller's space.
    pub address: u64,
    /// Length in bytes.
    pub len: u64,
    /// What the server may do.
    pub access: LeaseAccess,
}

/// Pages a message grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GrantRequest {
    /// First page, in the sender's space.
    pub address: u64,
    /// Number of pages.
    pub pages: u64,
    /// Shared or moved, read-only or writable.
    pub flags: GrantFlags,
}

/// The parts of a message beyond its registers, range-checked.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extension {
    /// Data bytes' address in the sender's space.
    pub data: u64,
    /// Number of data bytes.
    pub data_len: usize,
    /// Raw handles to move, in the sender's table.
    pub handles: [u64; MAX_MESSAGE_HANDLES],
    /// How many of `handles` are used.
    pub handle_count: usize,
    /// The caller's lease (calls only).
    pub lease: Option<Lease>,
    /// Granted pages.
    pub grant: Option<GrantRequest>,
}

/// Which syscall a record came with: what it may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// `CallMessage`: anything.
    Call,
    /// `SendMessage`, and replies: no lease (nobody would be waiting while
    /// the lease is used).
    OneWay,
}

/// Reads and checks the record at `address` in the current process.
/// Returns the register part and, if the record carries more, puts the rest
/// in `extension` (written in place: an extension is a dozen words, and
/// moving it through return values cost more than reading the record).
pub fn read_outgoing(address: u64, purpose: Purpose, extension: &mut Option<Extension>) -> Result<Message, SysError> {
    let mut fields = [0u64; OUTGOING_SIZE / 8];
    let record = UserSliceRo::new(address, OUTGOING_SIZE as u64, OUTGOING_SIZE)?;
    with_current_space(|space| record.copy_in_words(space, &mut fields)).ok_or(SysError::BadAddress)??;
    // Field order of `OutgoingMessage`; the ABI crate asserts its size.
    let [operation, w0, w1, w2, w3, data, data_len, h0, h1, h2, h3, handle_count, lease_address, lease_len, lease_access, grant_address, grant_pages, grant_flags] =
        fields;
    if operation & OPERATION_KERNEL_BITS != 0 {
        return Err(SysError::InvalidArgument);
    }
    let message = Message { operation, words: [w0, w1, w2, w3] };
    let data_len = check_range(data, data_len, MAX_MESSAGE_DATA)?;
    let handle_count = usize::try_from(handle_count).ok().filter(|count| *count <= MAX_MESSAGE_HANDLES);
    let handle_count = handle_count.ok_or(SysError::InvalidArgument)?;
    let lease = read_lease(lease_address, lease_len, lease_access, purpose)?;
    let grant = read_grant(grant_address, grant_pages, grant_flags)?;
    if data_len == 0 && handle_count == 0 && lease.is_none() && grant.is_none() {
        *extension = None;
        return Ok(message);
    }
    *extension = Some(Extension { data, data_len, handles: [h0, h1, h2, h3], handle_count, lease, grant });
    Ok(message)
}

fn read_lease(address: u64, len: u64, access: u64, purpose: Purpose) -> Result<Option<Lease>, SysError> {
    let access = LeaseAccess::from_bits(access).ok_or(SysError::InvalidArgument)?;
    // The access bits say whether there is a lease; an empty one is a lease
    // too (a caller lending an empty buffer).
    if access == LeaseAccess::NONE {
        return if len == 0 { Ok(None) } else { Err(SysError::InvalidArgument) };
    }
    if purpose != Purpose::Call || len > MAX_LEASE_LEN {
        return Err(SysError::InvalidArgument);
    }
    check_range(address, len, MAX_LEASE_LEN as usize)?;
    Ok(Some(Lease { address, len, access }))
}

fn read_grant(address: u64, pages: u64, flags: u64) -> Result<Option<GrantRequest>, SysError> {
    let flags = GrantFlags::from_bits(flags).ok_or(SysError::InvalidArgument)?;
    if pages == 0 {
        return if flags == GrantFlags::SHARED_READ { Ok(None) } else { Err(SysError::InvalidArgument) };
    }
    if pages > MAX_GRANT_PAGES || !address.is_multiple_of(PAGE_SIZE) {
        return Err(SysError::InvalidArgument);
    }
    check_range(address, pages * PAGE_SIZE, (MAX_GRANT_PAGES * PAGE_SIZE) as usize)?;
    Ok(Some(GrantRequest { address, pages, flags }))
}
