//! Handle syscalls (create, duplicate, close) and what giving up a handle
//! means for the objects it names.

use alloc::sync::Arc;
use alloc::vec::Vec;

use barodia_abi::{Rights, SysError};
use handle_table::{Handle, HandleError};
use scheduler::ThreadId;

use super::IpcSlot;
use super::clients::{client_handle_released, handle_opened, is_client, receivers_gone};
use super::object::{Endpoint, KernelObject, Pending, Waiting};
use crate::task::{self, Process, ProcessId, Tasks, ThreadState};

/// Rights a new endpoint handle has.
const ENDPOINT_RIGHTS: Rights =
    Rights::from_constants(&[Rights::SEND, Rights::RECEIVE, Rights::DUPLICATE, Rights::TRANSFER]);

/// The syscall error for a handle-table lookup failure.
pub fn handle_error(error: HandleError) -> SysError {
    match error {
        HandleError::Invalid => SysError::InvalidHandle,
        HandleError::Stale | HandleError::InTransit => SysError::StaleHandle,
        HandleError::MissingRights { .. } => SysError::MissingRights,
    }
}

/// Looks up `handle` in the current process as the type `extract` accepts,
/// then requires `rights`: a handle of the wrong type is `WrongType` even
/// when it also lacks the rights, which is the more useful error.
#[inline]
pub fn resolve_as<T>(
    tasks: &mut Tasks,
    handle: u64,
    rights: Rights,
    extract: impl FnOnce(&KernelObject) -> Option<T>,
) -> Result<T, SysError> {
    let process = tasks.current_process_mut().ok_or(SysError::InvalidHandle)?;
    resolve_in(process, handle, rights, extract)
}

/// [`resolve_as`] in `process`, for a caller that has looked it up already.
#[inline]
fn resolve_in<T>(
    process: &Process,
    handle: u64,
    rights: Rights,
    extract: impl FnOnce(&KernelObject) -> Option<T>,
) -> Result<T, SysError> {
    let (object, held) = process.handles.get(Handle::from_raw(handle)).map_err(handle_error)?;
    let object = extract(object).ok_or(SysError::WrongType)?;
    if !held.contains(rights) {
        return Err(SysError::MissingRights);
    }
    Ok(object)
}

/// Looks up an endpoint handle in the current process.
#[inline]
pub fn resolve_endpoint(tasks: &mut Tasks, handle: u64, rights: Rights) -> Result<Arc<Endpoint>, SysError> {
    resolve_badged(tasks, handle, rights).map(|(endpoint, _)| endpoint)
}

/// The endpoint `handle` names, and the handle's badge.
pub fn resolve_badged(tasks: &mut Tasks, handle: u64, rights: Rights) -> Result<(Arc<Endpoint>, u64), SysError> {
    resolve_as(tasks, handle, rights, endpoint_of)
}

/// [`resolve_badged`] in `process`, the current process, which an IPC
/// syscall has looked up already (each look-up of the current thread and
/// its process costs a dozen instructions on the fast path).
#[inline]
pub fn resolve_badged_in(
    tasks: &mut Tasks,
    process: ProcessId,
    handle: u64,
    rights: Rights,
) -> Result<(Arc<Endpoint>, u64), SysError> {
    let process = tasks.processes.get_mut(&process).ok_or(SysError::InvalidHandle)?;
    resolve_in(process, handle, rights, endpoint_of)
}

/// The endpoint and badge an endpoint handle's object holds.
#[inline]
fn endpoint_of(object: &KernelObject) -> Option<(Arc<Endpoint>, u64)> {
    match object {
        KernelObject::Endpoint(endpoint, badge) => Some((Arc::clone(endpoint), *badge)),
        _ => None,
    }
}

/// Puts `object` into the current process's table.
pub fn insert_current(tasks: &mut Tasks, object: KernelObject, rights: Rights) -> Result<u64, SysError> {
    let process = tasks.current_process_mut().ok_or(SysError::InvalidArgument)?;
    process.handles.insert(object, rights).map(Handle::to_raw).map_err(|_| SysError::LimitReached)
}

/// True if `thread` exists and waits in the kernel.
pub fn is_blocked(tasks: &Tasks, thread: ThreadId) -> bool {
    tasks.threads.get(thread).is_some_and(|record| record.state == ThreadState::Blocked)
}

/// Hands `slot` to blocked `thread` and makes it runnable.
pub fn complete(tasks: &mut Tasks, thread: ThreadId, slot: IpcSlot) {
    if let Some(record) = tasks.threads.get_mut(thread) {
        record.ipc = slot;
    }
    tasks.wake(thread, (0, 0));
}

/// `EndpointCreate`.
pub fn create_endpoint() -> Result<u64, SysError> {
    task::with_tasks(|tasks| {
        let endpoint = Arc::try_new(Endpoint::default()).map_err(|_| SysError::OutOfMemory)?;
        endpoint.state.lock().receive_handles = 1;
        insert_current(tasks, KernelObject::Endpoint(endpoint, 0), ENDPOINT_RIGHTS)
    })
}

/// What the new handle of `HandleDuplicate` names: a copy of `object`,
/// badged with `badge` if that is not 0 (only an unbadged endpoint can be).
fn derive(object: &KernelObject, badge: u64) -> Option<KernelObject> {
    match (object, badge) {
        (object, 0) => Some(object.clone()),
        (KernelObject::Endpoint(endpoint, 0), badge) => Some(KernelObject::Endpoint(Arc::clone(endpoint), badge)),
        _ => None,
    }
}

/// `HandleDuplicate`.
pub fn duplicate_handle(handle: u64, rights: u64, badge: u64) -> Result<u64, SysError> {
    let rights = u32::try_from(rights).ok().and_then(|bits| Rights::from_bits(bits).ok());
    let rights = rights.ok_or(SysError::InvalidArgument)?;
    task::with_tasks(|tasks| {
        let process = tasks.current_process_mut().ok_or(SysError::InvalidHandle)?;
        let duplicate = process
            .handles
            .duplicate_as(Handle::from_raw(handle), rights, |object| derive(object, badge))
            .map_err(|error| match error {
                handle_table::DuplicateError::Handle(error) => handle_error(error),
                handle_table::DuplicateError::Widening { .. } => SysError::MissingRights,
                handle_table::DuplicateError::Table(_) => SysError::LimitReached,
                handle_table::DuplicateError::Refused => SysError::InvalidArgument,
            })?;
        let counted = match process.handles.get(duplicate) {
            Ok((object, _)) => handle_opened(object, rights),
            Err(error) => Err(handle_error(error)),
        };
        if let Err(error) = counted {
            // Not counted, so dropped without `release`.
            let _ = process.handles.close(duplicate);
            return Err(error);
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
/// senders lose their last receiver, a server learns its client is gone, a
/// caller loses its reply, a claimed device becomes free again.
pub fn release(tasks: &mut Tasks, object: KernelObject, rights: Rights) {
    match object {
        KernelObject::Endpoint(endpoint, badge) => {
            if is_client(rights) {
                client_handle_released(tasks, &endpoint, badge);
            }
            if rights.contains(Rights::RECEIVE) {
                receive_handle_released(tasks, &endpoint);
            }
        }
        KernelObject::Reply(cap) => {
            super::loans::end(tasks, cap);
            if super::end_call(tasks, cap).is_some() {
                complete(tasks, cap.caller, IpcSlot::Failed(SysError::PeerGone));
            }
        }
        KernelObject::Irq(line) => super::devices::irq_handle_closed(&line),
        KernelObject::IoPorts(_)
        | KernelObject::Process(_)
        | KernelObject::Platform
        | KernelObject::DeviceMemory(_) => {}
    }
}

/// A handle with the receive right to `endpoint` was given up: with the
/// last one, every waiting sender and receiver gets `PeerGone`.
fn receive_handle_released(tasks: &mut Tasks, endpoint: &Endpoint) {
    let mut state = endpoint.state.lock();
    state.receive_handles = state.receive_handles.saturating_sub(1);
    if state.receive_handles > 0 {
        return;
    }
    let senders: Vec<Pending> = state.senders.drain(..).collect();
    let receivers: Vec<Waiting> = state.receivers.drain(..).collect();
    state.notifications.clear();
    receivers_gone(&mut state);
    drop(state);
    for pending in senders {
        complete(tasks, pending.thread, IpcSlot::Failed(SysError::PeerGone));
    }
    for waiting in receivers {
        complete(tasks, waiting.thread, IpcSlot::Failed(SysError::PeerGone));
    }
}
