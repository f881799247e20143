//! Client handles: an endpoint counts the handles that can send to it but
//! not receive from it, per badge, so its server can be told when the last
//! one of a badge is gone (`EndpointNotifyClosed`): a VFS namespace or a
//! session can end with its last client instead of waiting to be released.
//!
//! Handles that can receive do not count: a server holds its own endpoint
//! with every right, and counting that would keep badge 0 alive for as long
//! as the server itself.
//!
//! Every place a handle to an endpoint comes into being calls
//! [`handle_opened`] (`HandleDuplicate`, a handle given at spawn; a new
//! endpoint's first handle can receive, so it is no client), and every
//! place one is given up goes through [`release`](super::handles::release)
//! (`HandleClose`, a process's exit), which calls
//! [`client_handle_released`]. A handle moved in a message stays counted:
//! it is neither opened nor released, only carried.
//!
//! What a server is told is bounded by what it minted: each badge has at
//! most one notification waiting, kept as a flag in the badge's entry rather
//! than in the notification queue (which drops its oldest when full: a lost
//! closure would leak whatever the server keeps for the badge), and the
//! entries, live or waiting, are at most
//! [`MAX_ENDPOINT_BADGES`](barodia_abi::MAX_ENDPOINT_BADGES).

use barodia_abi::{OPERATION_KERNEL_BITS, Rights, SysError};
use handle_table::clients::{ClientCounts, CountError};

use super::IpcSlot;
use super::delivery::write_badge;
use super::handles::{complete, is_blocked, resolve_endpoint};
use super::object::{Endpoint, EndpointState, KernelObject, Message};
use crate::task::{self, ProcessId, Tasks};

/// Whether a handle with `rights` is a client's: it can send, not receive.
pub fn is_client(rights: Rights) -> bool {
    rights.contains(Rights::SEND) && !rights.contains(Rights::RECEIVE)
}

/// An endpoint's client handles by badge (the bookkeeping is
/// `handle_table::clients`, tested on the host), and the operation its
/// closure notifications carry once a receiver asked.
#[derive(Debug, Default)]
pub struct ClientHandles {
    counts: ClientCounts,
    operation: u64,
}

impl ClientHandles {
    /// True if a closure waits for a receiver.
    pub fn has_unreported(&self) -> bool {
        self.counts.has_unreported()
    }

    /// The notification that `badge`'s last client handle is gone.
    fn notification(&self, badge: u64) -> Message {
        Message { operation: self.operation, words: [badge, self.counts.total() as u64, 0, 0] }
    }
}

/// Counts a new handle to `object` with `rights`, if it names an endpoint:
/// as a receiver of it, a client of it, or neither. On an error nothing was
/// counted.
pub fn handle_opened(object: &KernelObject, rights: Rights) -> Result<(), SysError> {
    let KernelObject::Endpoint(endpoint, badge) = object else { return Ok(()) };
    let mut state = endpoint.state.lock();
    if is_client(rights) {
        state.clients.counts.opened(*badge).map_err(|error| match error {
            CountError::TooManyBadges => SysError::LimitReached,
            CountError::OutOfMemory => SysError::OutOfMemory,
        })?;
    }
    if rights.contains(Rights::RECEIVE) {
        state.receive_handles += 1;
    }
    Ok(())
}

/// Tells the receiver of `endpoint` that a client handle with `badge` was
/// given up, if it was the badge's last and the receiver asked.
pub fn client_handle_released(tasks: &mut Tasks, endpoint: &Endpoint, badge: u64) {
    let mut state = endpoint.state.lock();
    if !state.clients.counts.closed(badge) {
        return;
    }
    while let Some(waiting) = state.receivers.pop_front() {
        if !is_blocked(tasks, waiting.thread) {
            continue;
        }
        let message = state.clients.notification(badge);
        if tell_badge(tasks, waiting.process, waiting.record, badge).is_err() {
            // Its record is not writable: it is left waiting, and the
            // closure waits for a receive that can take it.
            state.receivers.push_front(waiting);
            break;
        }
        state.clients.counts.reported(badge);
        drop(state);
        complete(tasks, waiting.thread, IpcSlot::Delivered { message, reply_handle: 0 });
        return;
    }
    state.clients.counts.mark_unreported(badge);
}

/// Gives a receiving thread an unreported closure, if one waits: the
/// notification, with the badge written to its record at `record` (0:
/// none). An unwritable record fails the receive and keeps the closure.
pub fn take_unreported(
    tasks: &mut Tasks,
    state: &mut EndpointState,
    process: ProcessId,
    record: u64,
) -> Result<Option<Message>, SysError> {
    let Some(badge) = state.clients.counts.first_unreported() else { return Ok(None) };
    let message = state.clients.notification(badge);
    tell_badge(tasks, process, record, badge)?;
    state.clients.counts.reported(badge);
    Ok(Some(message))
}

/// Writes `badge` into the receiver's record, as for a message sent
/// through a handle with that badge.
fn tell_badge(tasks: &mut Tasks, process: ProcessId, record: u64, badge: u64) -> Result<(), SysError> {
    if record == 0 || badge == 0 {
        // A receiver zeroes its record's badge before each receive.
        return Ok(());
    }
    write_badge(tasks, process, record, badge)
}

/// Called when the last receive handle of an endpoint is given up.
pub fn receivers_gone(state: &mut EndpointState) {
    state.clients.counts.unwatch();
}

/// `EndpointNotifyClosed`.
pub fn notify_closed(endpoint: u64, operation: u64) -> Result<u64, SysError> {
    if operation & OPERATION_KERNEL_BITS != 0 {
        return Err(SysError::InvalidArgument);
    }
    task::with_tasks(|tasks| {
        let endpoint = resolve_endpoint(tasks, endpoint, Rights::RECEIVE)?;
        let mut state = endpoint.state.lock();
        state.clients.operation = operation;
        state.clients.counts.watch();
        Ok(0)
    })
}
