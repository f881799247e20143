//! The IPC syscalls' logic, on the task state.

use alloc::sync::Arc;

use barodia_abi::{Rights, SysError};
use handle_table::{Handle, HandleError};
use scheduler::ThreadId;

use super::IpcSlot;
use super::object::{Endpoint, KernelObject, Message, Pending, ReplySlot};
use crate::task::{self, Tasks, ThreadState};

/// Rights a new endpoint handle has.
const ENDPOINT_RIGHTS: Rights =
    Rights::from_constants(&[Rights::SEND, Rights::RECEIVE, Rights::DUPLICATE, Rights::TRANSFER]);
/// Rights of a reply handle: it can only be used (or closed), never copied.
const REPLY_RIGHTS: Rights = Rights::SEND;

fn handle_error(error: HandleError) -> SysError {
    match error {
        HandleError::Invalid => SysError::InvalidHandle,
        HandleError::Stale | HandleError::InTransit => SysError::StaleHandle,
        HandleError::MissingRights { .. } => SysError::MissingRights,
    }
}

/// Looks up `handle` in the current process and requires `rights`.
fn resolve(tasks: &mut Tasks, handle: u64, rights: Rights) -> Result<KernelObject, SysError> {
    let process = tasks.current_process_mut().ok_or(SysError::InvalidHandle)?;
    process.handles.get_with(Handle::from_raw(handle), rights).cloned().map_err(handle_error)
}

fn resolve_endpoint(tasks: &mut Tasks, handle: u64, rights: Rights) -> Result<Arc<Endpoint>, SysError> {
    match resolve(tasks, handle, rights)? {
        KernelObject::Endpoint(endpoint) => Ok(endpoint),
        KernelObject::Reply(_) => Err(SysError::WrongType),
    }
}

/// True if `thread` exists and waits in the kernel.
fn is_blocked(tasks: &Tasks, thread: ThreadId) -> bool {
    tasks.threads.get(thread).is_some_and(|record| record.state == ThreadState::Blocked)
}

/// Hands `slot` to blocked `thread` and makes it runnable.
fn complete(tasks: &mut Tasks, thread: ThreadId, slot: IpcSlot) {
    if let Some(record) = tasks.threads.get_mut(thread) {
        record.ipc = slot;
    }
    tasks.wake(thread, (0, 0));
}

/// Puts a reply handle for `caller` into `receiver`'s process table.
fn issue_reply_handle(tasks: &mut Tasks, receiver: ThreadId, caller: ThreadId) -> Result<u64, SysError> {
    let process = tasks.threads.get(receiver).and_then(|thread| thread.process).ok_or(SysError::PeerGone)?;
    let process = tasks.processes.get_mut(&process).ok_or(SysError::PeerGone)?;
    let slot = Arc::try_new(ReplySlot { caller: spin::Mutex::new(Some(caller)) }).map_err(|_| SysError::OutOfMemory)?;
    let handle = process.handles.insert(KernelObject::Reply(slot), REPLY_RIGHTS).map_err(|_| SysError::LimitReached)?;
    Ok(handle.to_raw())
}

/// `EndpointCreate`.
pub fn create_endpoint() -> Result<u64, SysError> {
    task::with_tasks(|tasks| {
        let endpoint = Arc::try_new(Endpoint::default()).map_err(|_| SysError::OutOfMemory)?;
        endpoint.state.lock().receive_handles = 1;
        let process = tasks.current_process_mut().ok_or(SysError::InvalidArgument)?;
        let handle = process
            .handles
            .insert(KernelObject::Endpoint(endpoint), ENDPOINT_RIGHTS)
            .map_err(|_| SysError::LimitReached)?;
        Ok(handle.to_raw())
    })
}

/// `HandleDuplicate`.
pub fn duplicate_handle(handle: u64, rights: u64) -> Result<u64, SysError> {
    let rights = u32::try_from(rights).ok().and_then(|bits| Rights::from_bits(bits).ok());
    let rights = rights.ok_or(SysError::InvalidArgument)?;
    task::with_tasks(|tasks| {
        let process = tasks.current_process_mut().ok_or(SysError::InvalidHandle)?;
        let duplicate = process.handles.duplicate(Handle::from_raw(handle), rights).map_err(|error| match error {
            handle_table::DuplicateError::Handle(error) => handle_error(error),
            handle_table::DuplicateError::Widening { .. } => SysError::MissingRights,
            handle_table::DuplicateError::Table(_) => SysError::LimitReached,
        })?;
        if rights.contains(Rights::RECEIVE)
            && let Ok((KernelObject::Endpoint(endpoint), _)) = process.handles.get(duplicate)
        {
            endpoint.state.lock().receive_handles += 1;
        }
        Ok(duplicate.to_raw())
    })
}

/// `HandleClose`.
pub fn close_handle(handle: u64) -> Result<u64, SysError> {
    task::with_tasks(|tasks| {
        let process = tasks.current_process_mut().ok_or(SysError::InvalidHandle)?;
        let handle = Handle::from_raw(handle);
        let rights = process.handles.get(handle).map(|(_, rights)| rights).map_err(handle_error)?;
        let object = process.handles.close(handle).map_err(handle_error)?;
        release(tasks, object, rights);
        Ok(0)
    })
}

/// What giving up a handle to `object` with `rights` means for others:
/// senders lose their last receiver, a caller loses its reply.
pub fn release(tasks: &mut Tasks, object: KernelObject, rights: Rights) {
    match object {
        KernelObject::Endpoint(endpoint) if rights.contains(Rights::RECEIVE) => {
            let mut state = endpoint.state.lock();
            state.receive_handles = state.receive_handles.saturating_sub(1);
            if state.receive_handles > 0 {
                return;
            }
            let senders: alloc::vec::Vec<Pending> = state.senders.drain(..).collect();
            let receivers: alloc::vec::Vec<ThreadId> = state.receivers.drain(..).collect();
            drop(state);
            for pending in senders {
                complete(tasks, pending.thread, IpcSlot::Failed(SysError::PeerGone));
            }
            for receiver in receivers {
                complete(tasks, receiver, IpcSlot::Failed(SysError::PeerGone));
            }
        }
        KernelObject::Endpoint(_) => {}
        KernelObject::Reply(slot) => {
            let caller = slot.caller.lock().take();
            if let Some(caller) = caller
                && is_blocked(tasks, caller)
            {
                complete(tasks, caller, IpcSlot::Failed(SysError::PeerGone));
            }
        }
    }
}

/// What a blocking operation decided under the task lock.
enum Step<T> {
    Done(T),
    /// Blocked; the thread to run next, if the kernel should hand off.
    Blocked(Option<ThreadId>),
}

/// Blocks the current thread (already queued) and returns its IPC outcome;
/// with `hand_off`, that thread runs next.
fn wait_for_outcome(hand_off: Option<ThreadId>) -> IpcSlot {
    match hand_off {
        Some(next) => task::block_current_and_run(next),
        None => task::block_current(),
    };
    task::with_tasks(|tasks| {
        let current = tasks.current;
        tasks.threads.get_mut(current).map_or(IpcSlot::Failed(SysError::PeerGone), |thread| {
            core::mem::take(&mut thread.ipc)
        })
    })
}

/// `Call` (`expects_reply`) and `Send`: returns the reply message.
pub fn call(handle: u64, message: Message, expects_reply: bool) -> Result<Message, SysError> {
    let step = task::with_tasks(|tasks| {
        let endpoint = resolve_endpoint(tasks, handle, Rights::SEND)?;
        let current = tasks.current;
        let mut state = endpoint.state.lock();
        if state.receive_handles == 0 {
            return Err(SysError::PeerGone);
        }
        while let Some(receiver) = state.receivers.pop_front() {
            if !is_blocked(tasks, receiver) {
                continue;
            }
            let reply_handle = if expects_reply {
                match issue_reply_handle(tasks, receiver, current) {
                    Ok(handle) => handle,
                    Err(error) => {
                        state.receivers.push_front(receiver);
                        return Err(error);
                    }
                }
            } else {
                0
            };
            drop(state);
            let delivery = IpcSlot::Delivered { message, reply_handle };
            if !expects_reply {
                complete(tasks, receiver, delivery);
                return Ok(Step::Done(Message::default()));
            }
            // Hand the CPU straight to the receiver: it is made runnable
            // without joining the ready queue, and runs next.
            if let Some(record) = tasks.threads.get_mut(receiver) {
                record.ipc = delivery;
                record.state = ThreadState::Runnable;
                record.wake_result = (0, 0);
            }
            task::block(tasks, current);
            return Ok(Step::Blocked(Some(receiver)));
        }
        state.senders.push_back(Pending { thread: current, message, expects_reply });
        drop(state);
        task::block(tasks, current);
        Ok(Step::Blocked(None))
    })?;
    match step {
        Step::Done(message) => Ok(message),
        Step::Blocked(hand_off) => match wait_for_outcome(hand_off) {
            IpcSlot::Replied(message) => Ok(message),
            IpcSlot::Failed(error) => Err(error),
            IpcSlot::Empty | IpcSlot::Delivered { .. } => Err(SysError::PeerGone),
        },
    }
}

/// `Receive`: returns the message and the raw reply handle (0 for one-way).
/// A `timeout` of 0 waits for ever.
pub fn receive(handle: u64, timeout: u64) -> Result<(Message, u64), SysError> {
    let mut waited_on = None;
    let step = task::with_tasks(|tasks| {
        let endpoint = resolve_endpoint(tasks, handle, Rights::RECEIVE)?;
        let current = tasks.current;
        let mut state = endpoint.state.lock();
        while let Some(pending) = state.senders.pop_front() {
            if !is_blocked(tasks, pending.thread) {
                continue;
            }
            if pending.expects_reply {
                match issue_reply_handle(tasks, current, pending.thread) {
                    Ok(reply) => return Ok(Step::Done((pending.message, reply))),
                    Err(error) => {
                        state.senders.push_front(pending);
                        return Err(error);
                    }
                }
            }
            drop(state);
            complete(tasks, pending.thread, IpcSlot::Replied(Message::default()));
            return Ok(Step::Done((pending.message, 0)));
        }
        state.receivers.push_back(current);
        drop(state);
        task::block(tasks, current);
        if timeout != 0 {
            let deadline = crate::time::now_nanoseconds().saturating_add(timeout);
            task::sleep_until(tasks, current, deadline);
        }
        waited_on = Some(endpoint);
        Ok(Step::Blocked(None))
    })?;
    match step {
        Step::Done(received) => Ok(received),
        Step::Blocked(hand_off) => match wait_for_outcome(hand_off) {
            IpcSlot::Delivered { message, reply_handle } => Ok((message, reply_handle)),
            IpcSlot::Failed(error) => Err(error),
            // Woken by the clock, not by a sender: leave the queue so no
            // sender picks this thread for a wait it has given up.
            IpcSlot::Empty | IpcSlot::Replied(_) => {
                if let Some(endpoint) = waited_on {
                    let current = task::with_tasks(|tasks| tasks.current);
                    endpoint.state.lock().receivers.retain(|thread| *thread != current);
                }
                Err(SysError::TimedOut)
            }
        },
    }
}

/// `Reply`: answers the call behind `handle` and consumes the handle.
pub fn reply(handle: u64, message: Message) -> Result<u64, SysError> {
    task::with_tasks(|tasks| {
        let process = tasks.current_process_mut().ok_or(SysError::InvalidHandle)?;
        let handle = Handle::from_raw(handle);
        match process.handles.get(handle).map_err(handle_error)? {
            (KernelObject::Reply(_), _) => {}
            (KernelObject::Endpoint(_), _) => return Err(SysError::WrongType),
        }
        let KernelObject::Reply(slot) = process.handles.close(handle).map_err(handle_error)? else {
            return Err(SysError::WrongType);
        };
        let caller = slot.caller.lock().take();
        match caller {
            Some(caller) if is_blocked(tasks, caller) => {
                complete(tasks, caller, IpcSlot::Replied(message));
                Ok(0)
            }
            _ => Err(SysError::PeerGone),
        }
    })
}
