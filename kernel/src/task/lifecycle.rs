//! Starting and ending processes and threads, and waiting for them.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::string::String;

use barodia_abi::SysError;
use handle_table::HandleTable;
use scheduler::ThreadId;

use super::loader::{self, LoadError, THREAD_STACK_SIZE};
use super::process::{Process, ProcessId};
use super::switch::{block_current, reschedule_away};
use super::thread::{Thread, ThreadState, UserStart};
use super::{Tasks, switch, with_tasks};
use crate::memory::address_space::AddressSpace;
use crate::memory::layout::PAGE_SIZE;

/// Most processes alive at once.
pub const MAX_PROCESSES: usize = 4096;
/// Most threads one process may have.
pub const MAX_THREADS_PER_PROCESS: usize = 1024;
/// Most handles one process may hold.
pub const MAX_HANDLES_PER_PROCESS: usize = 4096;

/// Starts `file` (a program image) as a new process named `name`, a child of
/// the current process (none at boot), with the NUL-separated `arguments`.
pub fn spawn_process(
    name: &str,
    file: &[u8],
    arguments: &[u8],
    initial_handle: Option<u64>,
) -> Result<ProcessId, SysError> {
    // The parent's handle to give the child, checked before any work.
    let given = match initial_handle {
        Some(handle) => Some(with_tasks(|tasks| {
            let process = tasks.current_process_mut().ok_or(SysError::InvalidHandle)?;
            let handle = handle_table::Handle::from_raw(handle);
            let (object, rights) = process.handles.get(handle).map_err(|_| SysError::InvalidHandle)?;
            if !rights.contains(barodia_abi::Rights::TRANSFER) {
                return Err(SysError::MissingRights);
            }
            // Counted now, while the parent's handle (of the same badge and
            // rights) is sure to be counted too; released again below if
            // the child is never made.
            crate::ipc::clients::handle_opened(object, rights)?;
            Ok((object.clone(), rights))
        })?),
        None => None,
    };
    let started = start_process(name, file, arguments, given.clone());
    if started.is_err()
        && let Some((object, rights)) = given
    {
        with_tasks(|tasks| crate::ipc::release(tasks, object, rights));
    }
    started
}

/// The rest of [`spawn_process`], with the handle to give already counted.
fn start_process(
    name: &str,
    file: &[u8],
    arguments: &[u8],
    given: Option<(crate::ipc::KernelObject, barodia_abi::Rights)>,
) -> Result<ProcessId, SysError> {
    let mut space = AddressSpace::new().map_err(|_| SysError::OutOfMemory)?;
    let image = loader::load(&mut space, file, arguments).map_err(|error| match error {
        LoadError::BadExecutable(reason) => {
            log::warn!("cannot start {name}: {reason}");
            SysError::BadExecutable
        }
        LoadError::OutOfMemory => SysError::OutOfMemory,
    })?;
    let mut start = UserStart {
        entry: image.entry,
        stack_top: image.stack_top,
        argument0: image.arguments.0,
        argument1: image.arguments.1,
        argument2: 0,
    };
    let mut handles = HandleTable::new(MAX_HANDLES_PER_PROCESS).map_err(|_| SysError::InvalidArgument)?;
    if let Some((object, rights)) = given {
        let handle = handles.insert(object, rights).map_err(|_| SysError::LimitReached)?;
        start.argument2 = handle.to_raw();
    }
    with_tasks(|tasks| {
        if tasks.processes.len() >= MAX_PROCESSES {
            return Err(SysError::LimitReached);
        }
        let id = tasks.next_process_id;
        let parent = tasks.threads.get(tasks.current).and_then(|thread| thread.process);
        let level_4 = space.level_4();
        let thread = tasks
            .add_thread(|| Thread::new(Some(id), level_4, switch::thread_entry, Some(start)))
            .ok_or(SysError::OutOfMemory)?;
        tasks.next_process_id += 1;
        let mut process = Process {
            id,
            name: String::from(name),
            space,
            threads: BTreeSet::new(),
            exited_threads: BTreeMap::new(),
            parent,
            children: BTreeSet::new(),
            exited_children: BTreeMap::new(),
            waiter: None,
            handles,
        };
        process.threads.insert(thread);
        tasks.processes.insert(id, process);
        if let Some(parent) = parent.and_then(|parent| tasks.processes.get_mut(&parent)) {
            parent.children.insert(id);
        }
        tasks.scheduler.make_ready(thread);
        Ok(id)
    })
}

/// Starts a thread in the current process at `entry` with `argument` in `rdi`.
pub fn spawn_thread(entry: u64, argument: u64) -> Result<ThreadId, SysError> {
    with_tasks(|tasks| {
        let Some(process) = tasks.current_process_mut() else { return Err(SysError::InvalidArgument) };
        if !process.space.is_executable(entry) {
            return Err(SysError::BadAddress);
        }
        if process.threads.len() >= MAX_THREADS_PER_PROCESS {
            return Err(SysError::LimitReached);
        }
        let (stack_region, stack_top) =
            loader::add_stack(&mut process.space, THREAD_STACK_SIZE).map_err(|_| SysError::OutOfMemory)?;
        let (process_id, level_4) = (process.id, process.space.level_4());
        let start = UserStart { entry, stack_top, argument0: argument, argument1: 0, argument2: 0 };
        let made = tasks.add_thread(|| Thread::new(Some(process_id), level_4, switch::thread_entry, Some(start)));
        let Some(process) = tasks.processes.get_mut(&process_id) else { return Err(SysError::InvalidArgument) };
        let Some(thread) = made else {
            remove_stack(&mut process.space, stack_region);
            return Err(SysError::OutOfMemory);
        };
        process.threads.insert(thread);
        if let Some(record) = tasks.threads.get_mut(thread) {
            record.user_stack = Some(stack_region);
        }
        tasks.scheduler.make_ready(thread);
        Ok(thread)
    })
}

fn remove_stack(space: &mut AddressSpace, region: u64) {
    space.remove_region(region);
    space.remove_region(region + PAGE_SIZE);
}

impl Tasks {
    /// Stores the thread `make` builds under a fresh id, with room in the
    /// scheduler to ready it without allocating. `None` at the thread limit
    /// or when memory runs out.
    fn add_thread<E>(&mut self, make: impl FnOnce() -> Result<Thread, E>) -> Option<ThreadId> {
        let thread = self.threads.insert_new(make).ok()?;
        if self.scheduler.reserve(thread).is_err() {
            // It never ran and nothing refers to it yet.
            drop(self.threads.remove(thread));
            return None;
        }
        Some(thread)
    }
}

/// Ends the current thread with `code`; the process ends with its last thread.
pub fn exit_current_thread(code: u64) -> ! {
    let last = with_tasks(|tasks| {
        let current = tasks.current;
        let Some(thread) = tasks.threads.get_mut(current) else { return true };
        thread.state = ThreadState::Dead;
        tasks.dead_threads.push(current);
        let (process_id, joiner, stack) = (thread.process, thread.joiner.take(), thread.user_stack.take());
        let window = crate::ipc::loans::thread_exiting(&mut thread.loan_window, thread.level_4);
        tasks.scheduler.remove(current);
        let Some(process) = process_id.and_then(|id| tasks.processes.get_mut(&id)) else { return true };
        process.threads.remove(&current);
        if let Some(stack) = stack {
            remove_stack(&mut process.space, stack);
        }
        // Its pages are unmapped already: only the reserved range goes.
        if let Some(window) = window {
            process.space.forget_region(window);
        }
        let last = process.threads.is_empty();
        match joiner {
            Some(joiner) => tasks.wake(joiner, (0, code)),
            None if !last => {
                process.exited_threads.insert(current, code);
            }
            None => {}
        }
        last
    });
    if last {
        exit_current_process(code);
    }
    reschedule_away()
}

/// Ends the current process with `status`: every thread stops, its memory
/// goes once the CPU has left it, and its parent learns the status.
pub fn exit_current_process(status: u64) -> ! {
    with_tasks(|tasks| {
        let Some(process_id) = tasks.threads.get(tasks.current).and_then(|thread| thread.process) else { return };
        end_process(tasks, process_id, status);
    });
    reschedule_away()
}

/// Ends process `id` from outside (`ProcessKill`) with `status`. The
/// running process killing itself simply exits.
pub fn kill_process(id: ProcessId, status: u64) -> Result<u64, SysError> {
    let own = with_tasks(|tasks| {
        let own = tasks.threads.get(tasks.current).and_then(|thread| thread.process);
        if own != Some(id) {
            if !tasks.processes.contains_key(&id) {
                return Err(SysError::NotFound);
            }
            end_process(tasks, id, status);
        }
        Ok(own == Some(id))
    })?;
    if own {
        exit_current_process(status);
    }
    Ok(0)
}

/// Removes process `id` with all its threads and tells its parent.
fn end_process(tasks: &mut Tasks, id: ProcessId, status: u64) {
    let Some(process) = tasks.processes.remove(&id) else { return };
    for thread in &process.threads {
        tasks.scheduler.remove(*thread);
        if let Some(record) = tasks.threads.get_mut(*thread) {
            record.state = ThreadState::Dead;
            tasks.dead_threads.push(*thread);
        }
    }
    for child in &process.children {
        if let Some(child) = tasks.processes.get_mut(child) {
            child.parent = None;
        }
    }
    if let Some(parent) = process.parent.and_then(|parent| tasks.processes.get_mut(&parent)) {
        parent.children.remove(&id);
        match parent.waiter {
            Some((waiter, child)) if child == id => {
                parent.waiter = None;
                tasks.wake(waiter, (0, status));
            }
            _ => {
                parent.exited_children.insert(id, status);
            }
        }
    }
    let mut process = process;
    let handles: alloc::vec::Vec<_> = process.handles.drain().map(|(_, object, rights)| (object, rights)).collect();
    for (object, rights) in handles {
        crate::ipc::release(tasks, object, rights);
    }
    crate::ipc::loans::caller_exiting(tasks, &mut process);
    crate::ipc::process_exited(tasks, id, status);
    tasks.dead_spaces.push(process.space);
}

/// Waits for thread `target` of the current process; returns its exit code.
pub fn join_thread(target: ThreadId) -> Result<u64, SysError> {
    let immediate = with_tasks(|tasks| {
        let current = tasks.current;
        if target == current {
            return Err(SysError::InvalidArgument);
        }
        let Some(process) = tasks.current_process_mut() else { return Err(SysError::NotFound) };
        if let Some(code) = process.exited_threads.remove(&target) {
            return Ok(Some(code));
        }
        if !process.threads.contains(&target) {
            return Err(SysError::NotFound);
        }
        let Some(record) = tasks.threads.get_mut(target) else { return Err(SysError::NotFound) };
        if record.joiner.is_some() {
            return Err(SysError::NotFound);
        }
        record.joiner = Some(current);
        block(tasks, current);
        Ok(None)
    })?;
    match immediate {
        Some(code) => Ok(code),
        None => Ok(block_current().1),
    }
}

/// Waits for child `child` of the current process; returns its exit status.
pub fn wait_child(child: ProcessId) -> Result<u64, SysError> {
    let immediate = with_tasks(|tasks| {
        let current = tasks.current;
        let Some(process) = tasks.current_process_mut() else { return Err(SysError::NotFound) };
        if let Some(status) = process.exited_children.remove(&child) {
            return Ok(Some(status));
        }
        if !process.children.contains(&child) || process.waiter.is_some() {
            return Err(SysError::NotFound);
        }
        process.waiter = Some((current, child));
        block(tasks, current);
        Ok(None)
    })?;
    match immediate {
        Some(status) => Ok(status),
        None => Ok(block_current().1),
    }
}

/// Records `thread` as blocked; the caller then calls `block_current`.
pub fn block(tasks: &mut Tasks, thread: ThreadId) {
    if let Some(record) = tasks.threads.get_mut(thread) {
        record.state = ThreadState::Blocked;
    }
    // The running thread is in no queue (`Scheduler::block` would change
    // nothing): skipping the two queue searches saves some 15 instructions
    // on every blocking IPC syscall.
    if thread != tasks.current {
        tasks.scheduler.block(thread);
    }
}

/// Also wakes blocked `thread` at `deadline` (nanoseconds since boot) if
/// nothing else wakes it first.
pub fn sleep_until(tasks: &mut Tasks, thread: ThreadId, deadline: u64) {
    tasks.scheduler.sleep_until(thread, deadline);
}
