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
//! place one is given up calls [`handle_released`] (`HandleClose`, a
//! process's exit). A handle moved in a message stays counted: it is
//! neither opened nor released, only carried.
//!
//! What a server is told is bounded by what it minted: each badge has at
//! most one notification waiting, kept as a flag in the badge's entry rather
//! than in the notification queue (which drops its oldest when full: a lost
//! closure would leak whatever the server keeps for the badge), and the
//! entries, live or waiting, are at most [`MAX_ENDPOINT_BADGES`].

use alloc::vec::Vec;

use barodia_abi::{MAX_ENDPOINT_BADGES, OPERATION_KERNEL_BITS, Rights, SysError};

use super::IpcSlot;
use super::delivery::write_badge;
use super::handles::{complete, is_blocked, resolve_endpoint};
use super::object::{Endpoint, EndpointState, KernelObject, Message};
use crate::task::{self, ProcessId, Tasks};

/// Whether a handle with `rights` is a client's: it can send, not receive.
pub fn is_client(rights: Rights) -> bool {
    rights.contains(Rights::SEND) && !rights.contains(Rights::RECEIVE)
}

/// One badge's client handles.
#[derive(Debug, Clone, Copy)]
struct BadgeCount {
    badge: u64,
    /// Live client handles with this badge (in tables or in transit).
    handles: usize,
    /// The last one is gone and the receiver has not been told yet.
    unreported: bool,
}

/// An endpoint's client handles, by badge, and who wants to hear of closures.
#[derive(Debug, Default)]
pub struct ClientHandles {
    /// Sorted by badge; a badge is here while it has handles or an
    /// unreported closure.
    badges: Vec<BadgeCount>,
    /// Live client handles of every badge.
    total: usize,
    /// Badges with an unreported closure, so receivers need not search.
    unreported: usize,
    /// The operation of closure notifications; `None`: nobody asked.
    operation: Option<u64>,
}

impl ClientHandles {
    /// Counts a new client handle with `badge`. A badge with an unreported
    /// closure is alive again, so that closure is withdrawn.
    ///
    /// Fails with `LimitReached` for a new badge when the endpoint counts
    /// [`MAX_ENDPOINT_BADGES`] already, and `OutOfMemory`.
    pub fn opened(&mut self, badge: u64) -> Result<(), SysError> {
        match self.badges.binary_search_by_key(&badge, |count| count.badge) {
            Ok(index) => {
                if let Some(count) = self.badges.get_mut(index) {
                    if count.unreported {
                        count.unreported = false;
                        self.unreported = self.unreported.saturating_sub(1);
                    }
                    count.handles += 1;
                }
            }
            Err(index) => {
                if self.badges.len() >= MAX_ENDPOINT_BADGES {
                    return Err(SysError::LimitReached);
                }
                self.badges.try_reserve(1).map_err(|_| SysError::OutOfMemory)?;
                self.badges.insert(index, BadgeCount { badge, handles: 1, unreported: false });
            }
        }
        self.total += 1;
        Ok(())
    }

    /// Uncounts a client handle with `badge`; true if it was the badge's
    /// last and a closure notification is wanted (the caller then delivers
    /// it or marks it [`unreported`](Self::mark_unreported)).
    fn closed(&mut self, badge: u64) -> bool {
        let Ok(index) = self.badges.binary_search_by_key(&badge, |count| count.badge) else { return false };
        self.total = self.total.saturating_sub(1);
        let Some(count) = self.badges.get_mut(index) else { return false };
        count.handles = count.handles.saturating_sub(1);
        if count.handles > 0 {
            return false;
        }
        if self.operation.is_none() {
            self.badges.remove(index);
            return false;
        }
        true
    }

    /// Keeps `badge`'s closure for the next receiver.
    fn mark_unreported(&mut self, badge: u64) {
        if let Ok(index) = self.badges.binary_search_by_key(&badge, |count| count.badge)
            && let Some(count) = self.badges.get_mut(index)
            && count.handles == 0
            && !count.unreported
        {
            count.unreported = true;
            self.unreported += 1;
        }
    }

    /// Forgets `badge` once its closure is reported (or nobody can be told).
    fn reported(&mut self, badge: u64) {
        if let Ok(index) = self.badges.binary_search_by_key(&badge, |count| count.badge)
            && self.badges.get(index).is_some_and(|count| count.handles == 0)
        {
            if self.badges.get(index).is_some_and(|count| count.unreported) {
                self.unreported = self.unreported.saturating_sub(1);
            }
            self.badges.remove(index);
        }
    }

    /// True if a closure waits for a receiver.
    pub fn has_unreported(&self) -> bool {
        self.unreported > 0
    }

    /// The first badge with an unreported closure, and its notification.
    fn first_unreported(&self) -> Option<(u64, Message)> {
        if self.unreported == 0 {
            return None;
        }
        let badge = self.badges.iter().find(|count| count.unreported)?.badge;
        Some((badge, self.notification(badge)?))
    }

    /// The notification that `badge`'s last client handle is gone.
    fn notification(&self, badge: u64) -> Option<Message> {
        let operation = self.operation?;
        Some(Message { operation, words: [badge, self.total as u64, 0, 0] })
    }

    /// The last receive handle is gone: nobody can be told any more.
    fn receivers_gone(&mut self) {
        self.operation = None;
        self.badges.retain(|count| count.handles > 0);
        self.unreported = 0;
    }
}

/// Counts a new handle to `object` with `rights`, if it names an endpoint:
/// as a receiver of it, a client of it, or neither. On an error nothing was
/// counted.
pub fn handle_opened(object: &KernelObject, rights: Rights) -> Result<(), SysError> {
    let KernelObject::Endpoint(endpoint, badge) = object else { return Ok(()) };
    let mut state = endpoint.state.lock();
    if is_client(rights) {
        state.clients.opened(*badge)?;
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
    if !state.clients.closed(badge) {
        return;
    }
    if state.receive_handles == 0 {
        state.clients.reported(badge);
        return;
    }
    while let Some(waiting) = state.receivers.pop_front() {
        if !is_blocked(tasks, waiting.thread) {
            continue;
        }
        let Some(message) = state.clients.notification(badge) else { break };
        if tell_badge(tasks, waiting.process, waiting.record, badge).is_err() {
            // Its record is not writable: it is left waiting, and the
            // closure waits for a receive that can take it.
            state.receivers.push_front(waiting);
            break;
        }
        state.clients.reported(badge);
        drop(state);
        complete(tasks, waiting.thread, IpcSlot::Delivered { message, reply_handle: 0 });
        return;
    }
    state.clients.mark_unreported(badge);
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
    let Some((badge, message)) = state.clients.first_unreported() else { return Ok(None) };
    tell_badge(tasks, process, record, badge)?;
    state.clients.reported(badge);
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
    state.clients.receivers_gone();
}

/// `EndpointNotifyClosed`.
pub fn notify_closed(endpoint: u64, operation: u64) -> Result<u64, SysError> {
    if operation & OPERATION_KERNEL_BITS != 0 {
        return Err(SysError::InvalidArgument);
    }
    task::with_tasks(|tasks| {
        let endpoint = resolve_endpoint(tasks, endpoint, Rights::RECEIVE)?;
        endpoint.state.lock().clients.operation = Some(operation);
        Ok(0)
    })
}
