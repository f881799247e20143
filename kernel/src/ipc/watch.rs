//! Process objects: a handle to a process, through which its holder asks to
//! be told when it exits (a supervisor restarting a crashed driver, say).

use alloc::collections::BTreeMap;
use alloc::sync::{Arc, Weak};
use alloc::vec::Vec;

use barodia_abi::{OPERATION_EXTENDED, Rights, SysError};
use spin::Mutex;

use super::handles::{insert_current, resolve, resolve_endpoint};
use super::notify::notify;
use super::object::{Endpoint, KernelObject, Message};
use crate::task::{self, ProcessId, Tasks};

/// Most exit notifications one process object holds.
const MAX_WATCHERS: usize = 64;

/// Rights of a handle from `ProcessOpen`.
const PROCESS_RIGHTS: Rights = Rights::from_constants(&[Rights::WAIT, Rights::DUPLICATE, Rights::TRANSFER]);

/// The object behind process handles.
#[derive(Debug)]
pub struct ProcessWatch {
    /// The process.
    pub process: ProcessId,
    state: Mutex<WatchState>,
}

#[derive(Debug, Default)]
struct WatchState {
    /// Its exit status, once it has exited.
    exit: Option<u64>,
    /// Who to notify: endpoint and operation number.
    watchers: Vec<(Arc<Endpoint>, u64)>,
}

/// Live process objects, by process; entries go when the process exits.
static OBJECTS: Mutex<BTreeMap<ProcessId, Weak<ProcessWatch>>> = Mutex::new(BTreeMap::new());

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
                let state = Mutex::new(WatchState { exit: exited, watchers: Vec::new() });
                let object = Arc::try_new(ProcessWatch { process: child, state }).map_err(|_| SysError::OutOfMemory)?;
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
    if operation & OPERATION_EXTENDED != 0 {
        return Err(SysError::InvalidArgument);
    }
    task::with_tasks(|tasks| {
        let KernelObject::Process(object) = resolve(tasks, process, Rights::WAIT)? else {
            return Err(SysError::WrongType);
        };
        let endpoint = resolve_endpoint(tasks, endpoint, Rights::SEND)?;
        let mut state = object.state.lock();
        if let Some(status) = state.exit {
            drop(state);
            notify(tasks, &endpoint, exit_message(operation, object.process, status));
            return Ok(0);
        }
        if state.watchers.len() >= MAX_WATCHERS || state.watchers.try_reserve(1).is_err() {
            return Err(SysError::LimitReached);
        }
        state.watchers.push((endpoint, operation));
        Ok(0)
    })
}

fn exit_message(operation: u64, process: ProcessId, status: u64) -> Message {
    Message { operation, words: [process, status, 0, 0] }
}

/// Called when `process` has exited with `status`: tells every watcher.
pub fn process_exited(tasks: &mut Tasks, process: ProcessId, status: u64) {
    let Some(object) = OBJECTS.lock().remove(&process).and_then(|weak| weak.upgrade()) else { return };
    let watchers = {
        let mut state = object.state.lock();
        state.exit = Some(status);
        core::mem::take(&mut state.watchers)
    };
    for (endpoint, operation) in watchers {
        notify(tasks, &endpoint, exit_message(operation, process, status));
    }
}
