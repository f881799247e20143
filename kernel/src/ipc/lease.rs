//! `LeaseRead` and `LeaseWrite`: a server copying from or to the memory a
//! blocked caller lent for the call it is serving.
//!
//! The lease lives in the call's reply capability, so it ends with the
//! reply: a server can never reach the caller's memory after answering, and
//! never outside the lent range or against the lent direction.

use barodia_abi::{LeaseAccess, MAX_LEASE_LEN, Rights, SysError};

use super::copy::copy_across;
use super::handles::resolve_as;
use super::object::KernelObject;
use crate::task;

/// Which way a lease copy goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// From the caller's lease into the server's buffer.
    Read,
    /// From the server's buffer into the caller's lease.
    Write,
}

/// Copies `len` bytes between offset `offset` of the lease of the call
/// behind `reply_handle` and `buffer` in the current process.
pub fn copy(reply_handle: u64, offset: u64, buffer: u64, len: u64, direction: Direction) -> Result<u64, SysError> {
    if len > MAX_LEASE_LEN {
        return Err(SysError::OutOfRange);
    }
    task::with_tasks(|tasks| {
        let cap = resolve_as(tasks, reply_handle, Rights::NONE, |object| match object {
            KernelObject::Reply(cap) => Some(*cap),
            _ => None,
        })?;
        let call = crate::ipc::answerable(tasks, cap).ok_or(SysError::PeerGone)?;
        let lease = call.lease.ok_or(SysError::MissingRights)?;
        let needed = match direction {
            Direction::Read => LeaseAccess::READ,
            Direction::Write => LeaseAccess::WRITE,
        };
        if !lease.access.contains(needed) {
            return Err(SysError::MissingRights);
        }
        let end = offset.checked_add(len).ok_or(SysError::OutOfRange)?;
        if end > lease.len {
            return Err(SysError::OutOfRange);
        }
        let server = tasks.threads.get(tasks.current).and_then(|thread| thread.process).ok_or(SysError::PeerGone)?;
        let leased = lease.address + offset;
        let len = usize::try_from(len).map_err(|_| SysError::OutOfRange)?;
        match direction {
            Direction::Read => copy_across(tasks, call.process, leased, server, buffer, len)?,
            Direction::Write => copy_across(tasks, server, buffer, call.process, leased, len)?,
        }
        Ok(0)
    })
}
