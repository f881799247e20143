//! Notifications: messages the kernel itself sends to an endpoint (an
//! interrupt, a process's exit).
//!
//! The kernel never blocks, so a notification with no receiver waiting is
//! queued on the endpoint, and a receiver takes queued notifications before
//! any sender. The queue is bounded; each source bounds itself too (an IRQ
//! line stays masked until acknowledged), so reaching the bound means a
//! receiver that stopped receiving, and the oldest notification is dropped
//! with a warning rather than memory growing without end.

use barodia_abi::SysError;

use super::IpcSlot;
use super::handles::{complete, is_blocked};
use super::object::{Endpoint, Message};
use crate::task::Tasks;

/// Most notifications queued on one endpoint.
pub const MAX_QUEUED_NOTIFICATIONS: usize = 256;

/// Delivers `message` to a receiver waiting on `endpoint`, or queues it.
pub fn notify(tasks: &mut Tasks, endpoint: &Endpoint, message: Message) {
    let mut state = endpoint.state.lock();
    if state.receive_handles == 0 {
        return;
    }
    while let Some(waiting) = state.receivers.pop_front() {
        if is_blocked(tasks, waiting.thread) {
            drop(state);
            complete(tasks, waiting.thread, IpcSlot::Delivered { message, reply_handle: 0 });
            return;
        }
    }
    if state.notifications.len() >= MAX_QUEUED_NOTIFICATIONS {
        state.notifications.pop_front();
        log::warn!("ipc: notification queue full; dropped the oldest");
    }
    if state.notifications.try_reserve(1).is_err() {
        log::warn!("ipc: {}: notification dropped", SysError::OutOfMemory);
        return;
    }
    state.notifications.push_back(message);
}
