//! Process objects: a handle to a process, through which its holder asks to
//! be told when it exits (a supervisor restarting a crashed driver, say).

use alloc::collections::BTreeMap;
use alloc::sync::{Arc, Weak};
use alloc::vec::Vec;

use barodia_abi::{OPERATION_KERNEL_BITS, Rights, SysError};
use spin::Mutex;

use super::handles::{insert_current, resolve_as, resolve_endpoint};
use super::notify::notify;
use super::object::{Endpoint, KernelObject, Message};
use crate::task::{self, ProcessId, Tasks};

/// Most exit notifications one process object holds.
const MAX_WATCHERS: usize = 64;

/// Rights of a handle from `ProcessOpen`.
const PROCESS_RIGHTS: Rights =
    Rights::from_constants(&[Rights::WAIT, Rights::SIGNAL, Rights::DUPLICATE, Rights::TRANSFER]);

/// The object behind process handles.
#[derive(Debug)]
pub struct ProcessWatch {
    /// The process.
    pub process: ProcessId,
    /// Its exit status, once it has exited.
    exit: Mutex<Option<u64>>,
}

/// Live process objects, by process, so an exit can record its status in
/// them; entries go when the process exits.
static OBJECTS: Mutex<BTreeMap<ProcessId, Weak<ProcessWatch>>> = Mutex::new(BTreeMap::new());

/// Who to notify of each live process's exit: endpoint and operation. A
/// request outlives the handle it was made with, so a supervisor can close
/// the handle and still be told.
static WATCHERS: Mutex<BTreeMap<ProcessId, Vec<Watcher>>> = Mutex::new(BTreeMap::new());

/// An endpoint to notify, and the operation number to use.
type Watcher = (Arc<Endpoint>, u64);

/// `ProcessOpen`: a handle to a child of the current process.
pub fn open(child: u64) -> Result<u64, SysError> {
    task::with_tasks(|tasks| {
        let parent = tasks.current_process_mut().ok_or(SysError::NotFound)?;
        let exited = parent.exited_children.get(&child).copied();
        if exited.is_none() && !parent.children.contains(&child) {
            return Err(SysError::NotFound);
        }
        let existing = OBJECTS.lock().get(&child).and_then(Weak::upgrade);
        let object = match existing {
            Some(object) => object,
            None => {
                let exit = Mutex::new(exited);
                let object = Arc::try_new(ProcessWatch { process: child, exit }).map_err(|_| SysError::OutOfMemory)?;
                if exited.is_none() {
                    OBJECTS.lock().insert(child, Arc::downgrade(&object));
                }
                object
            }
        };
        insert_current(tasks, KernelObject::Process(object), PROCESS_RIGHTS)
    })
}

/// `ProcessNotify`.
pub fn notify_on_exit(process: u64, endpoint: u64, operation: u64) -> Result<u64, SysError> {
    if operation & OPERATION_KERNEL_BITS != 0 {
        return Err(SysError::InvalidArgument);
    }
    task::with_tasks(|tasks| {
        let object = resolve_as(tasks, process, Rights::WAIT, |object| match object {
            KernelObject::Process(object) => Some(Arc::clone(object)),
            _ => None,
        })?;
        let endpoint = resolve_endpoint(tasks, endpoint, Rights::SEND)?;
        let exited = *object.exit.lock();
        if let Some(status) = exited {
            notify(tasks, &endpoint, exit_message(operation, object.process, status));
            return Ok(0);
        }
        let mut watchers = WATCHERS.lock();
        let list = watchers.entry(object.process).or_default();
        if list.len() >= MAX_WATCHERS || list.try_reserve(1).is_err() {
            return Err(SysError::LimitReached);
        }
        list.push((endpoint, operation));
        Ok(0)
    })
}

/// `ProcessKill`: ends the process behind `process` (needs `SIGNAL`).
pub fn kill(process: u64) -> Result<u64, SysError> {
    let (target, killer) = task::with_tasks(|tasks| {
        let object = resolve_as(tasks, process, Rights::SIGNAL, |object| match object {
            KernelObject::Process(object) => Some(Arc::clone(object)),
            _ => None,
        })?;
        if !tasks.processes.contains_key(&object.process) {
            return Err(SysError::NotFound);
        }
        let killer = tasks.current_process_mut().map_or(0, |process| process.id);
        Ok((object.process, killer))
    })?;
    log::warn!("process {target} killed by process {killer}");
    task::kill_process(target, barodia_abi::EXIT_KILLED)
}

fn exit_message(operation: u64, process: ProcessId, status: u64) -> Message {
    Message { operation, words: [process, status, 0, 0] }
}

/// Called when `process` has exited with `status`: tells every watcher.
pub fn process_exited(tasks: &mut Tasks, process: ProcessId, status: u64) {
    if let Some(object) = OBJECTS.lock().remove(&process).and_then(|weak| weak.upgrade()) {
        *object.exit.lock() = Some(status);
    }
    let watchers = WATCHERS.lock().remove(&process).unwrap_or_default();
    for (endpoint, operation) in watchers {
        notify(tasks, &endpoint, exit_message(operation, process, status));
    }
}
