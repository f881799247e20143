//! Processes, threads and the switching between them.
//!
//! All task state lives in one [`Tasks`] value behind a lock. The kernel runs
//! on one CPU with interrupts off, so the lock is never contended; it exists
//! to make the borrow explicit. The rule that keeps switching sound: the lock
//! is released before `switch::perform` runs, and the thread that switched
//! in frees what dead threads left behind (`switch::after_switch`), because
//! a thread cannot free the stack it is running on.

mod lifecycle;
mod loader;
mod process;
mod process_table;
mod switch;
mod table;
mod thread;

use alloc::vec::Vec;
use core::num::NonZeroU32;

use scheduler::{Scheduler, ThreadId};
use spin::Mutex;

use crate::arch::gdt::Selectors;
use crate::memory::address_space::{AddressSpace, FaultError};
pub use lifecycle::{
    exit_current_process, exit_current_thread, join_thread, kill_process, spawn_process, spawn_thread, wait_child,
};
pub use process::{Process, ProcessId};
pub use lifecycle::{block, sleep_until};
pub use switch::{block_current_then, run, sleep_current, yield_current};
pub(crate) use switch::{SwitchPlan, switch_then};
pub(crate) use process_table::ProcessTable;
use table::ThreadTable;
pub(crate) use thread::Thread;
pub use thread::ThreadState;

/// Ticks in one time slice: 20 ms at the 100 Hz tick.
const SLICE_TICKS: NonZeroU32 = match NonZeroU32::new(2) {
    Some(ticks) => ticks,
    None => panic!("zero time slice"),
};

/// Why a user thread is being ended by the kernel.
#[derive(Debug, Clone, Copy)]
pub enum Fault {
    /// A CPU exception other than a page fault.
    Exception {
        /// Its vector, which names it and goes into the exit status.
        vector: u8,
        /// Faulting instruction.
        rip: u64,
        /// The exception's error code, if it has one.
        error_code: Option<u64>,
    },
    /// A page fault the address space could not resolve.
    PageFault {
        /// The address accessed.
        address: u64,
        /// Whether it was a write.
        write: bool,
        /// Whether it was an instruction fetch.
        execute: bool,
        /// Faulting instruction.
        rip: u64,
        /// Why it could not be resolved.
        reason: FaultError,
    },
}

/// Everything about processes and threads.
pub struct Tasks {
    pub(crate) threads: ThreadTable,
    pub(crate) processes: ProcessTable,
    scheduler: Scheduler,
    pub(crate) current: ThreadId,
    /// The process of `current` (`None` for the idle thread), set with it:
    /// a thread never changes process, and every IPC syscall starts from
    /// it, where a look-up of the thread record costs some ten instructions.
    current_process: Option<ProcessId>,
    idle: ThreadId,
    next_process_id: ProcessId,
    selectors: Selectors,
    /// Address spaces of ended processes, freed after the next switch.
    dead_spaces: Vec<AddressSpace>,
    /// Threads that have died, freed once the CPU has left their stacks.
    dead_threads: Vec<ThreadId>,
}

static TASKS: Mutex<Option<Tasks>> = Mutex::new(None);

/// Runs `action` with the task state.
pub(crate) fn with_tasks<T>(action: impl FnOnce(&mut Tasks) -> T) -> T {
    let mut guard = TASKS.lock();
    let Some(tasks) = guard.as_mut() else { panic!("task state used before task::init") };
    action(tasks)
}

/// Creates the idle thread. Call once, after memory and the GDT are set up.
pub fn init(selectors: Selectors) {
    let mut threads = ThreadTable::default();
    let kernel_level_4 = crate::memory::paging::kernel_level_4();
    let Ok(idle) = threads.insert_new(|| Thread::new(None, kernel_level_4, switch::idle_entry, None)) else {
        panic!("cannot create the idle thread at boot");
    };
    *TASKS.lock() = Some(Tasks {
        threads,
        processes: ProcessTable::new(),
        scheduler: Scheduler::new(SLICE_TICKS),
        current: idle,
        current_process: None,
        idle,
        next_process_id: 1,
        selectors,
        dead_spaces: Vec::new(),
        dead_threads: Vec::new(),
    });
}

impl Tasks {
    /// The id of the running thread's process (`None` for the idle thread).
    #[inline]
    pub(crate) fn current_process_id(&self) -> Option<ProcessId> {
        self.current_process
    }

    /// The process of the running thread.
    #[inline]
    pub(crate) fn current_process_mut(&mut self) -> Option<&mut Process> {
        self.processes.get_mut(&self.current_process?)
    }

    /// Makes a blocked thread runnable with the result its syscall returns.
    pub(crate) fn wake(&mut self, thread: ThreadId, result: (u64, u64)) {
        if let Some(record) = self.threads.get_mut(thread)
            && record.state == ThreadState::Blocked
        {
            record.state = ThreadState::Runnable;
            record.wake_result = result;
            self.scheduler.make_ready(thread);
        }
    }

    /// Queues `thread`, which the caller has just made runnable without
    /// queueing it (to hand it the CPU if it turned out to block).
    pub(crate) fn enqueue(&mut self, thread: ThreadId) {
        self.scheduler.make_ready(thread);
    }
}

/// The id and name of the current process, for log lines.
pub fn current_process_label() -> (ProcessId, alloc::string::String) {
    with_tasks(|tasks| match tasks.current_process_mut() {
        Some(process) => (process.id, process.name.clone()),
        None => (0, alloc::string::String::from("kernel")),
    })
}

/// Runs `action` on the current process's address space.
pub fn with_current_space<T>(action: impl FnOnce(&mut AddressSpace) -> T) -> Option<T> {
    with_tasks(|tasks| tasks.current_process_mut().map(|process| action(&mut process.space)))
}

/// Handles a page fault from user mode: maps a demand page, or ends the
/// process with a report.
pub fn handle_user_page_fault(address: u64, write: bool, execute: bool, rip: u64) {
    let result = with_current_space(|space| space.resolve_fault(address, write, execute));
    match result {
        Some(Ok(())) => {}
        Some(Err(reason)) => kill_current(Fault::PageFault { address, write, execute, rip, reason }),
        None => kill_current(Fault::PageFault { address, write, execute, rip, reason: FaultError::Unmapped }),
    }
}

/// Ends the current process because of `fault`, with one log line.
pub fn kill_current(fault: Fault) -> ! {
    let (id, name) = current_process_label();
    let vector = match fault {
        Fault::Exception { vector, .. } => vector,
        Fault::PageFault { .. } => barodia_abi::vector::PAGE_FAULT,
    };
    match fault {
        Fault::Exception { vector, rip, error_code } => {
            let what = barodia_abi::exception_name(vector).unwrap_or("CPU exception");
            match error_code {
                Some(code) => log::warn!("process {id} ({name}) killed: {what} (error code {code:#x}) at rip {rip:#x}"),
                None => log::warn!("process {id} ({name}) killed: {what} at rip {rip:#x}"),
            }
        }
        Fault::PageFault { address, write, execute, rip, reason } => {
            let access = if execute { "execute" } else if write { "write" } else { "read" };
            let why = match reason {
                FaultError::Unmapped => "nothing mapped there",
                FaultError::StackOverflow => "stack overflow into the guard page",
                FaultError::Protection => "access not allowed",
                FaultError::OutOfMemory => "out of memory",
            };
            log::warn!("process {id} ({name}) killed: page fault ({access} at {address:#x}: {why}) at rip {rip:#x}");
        }
    }
    // The status tells the waiter which fault it was; a kill by another
    // process has a status of its own (`EXIT_KILLED`).
    exit_current_process(barodia_abi::ExitReason::Fault { vector }.status())
}

/// Called on every timer interrupt: wakes sleepers whose time has come and
/// pre-empts a user thread whose time slice is over.
pub fn on_tick(from_user: bool) {
    let now = crate::time::now_nanoseconds();
    let slice_over = with_tasks(|tasks| {
        for thread in tasks.scheduler.wake_expired(now) {
            if let Some(record) = tasks.threads.get_mut(thread) {
                record.state = ThreadState::Runnable;
                record.wake_result = (0, 0);
            }
        }
        tasks.scheduler.tick()
    });
    if from_user && slice_over {
        yield_current();
    }
}

/// Counts for `SystemInfo`: (processes, threads, open handles).
pub fn counts() -> (u64, u64, u64) {
    with_tasks(|tasks| {
        let handles = tasks.processes.values().map(|process| process.handles.len() as u64).sum();
        (tasks.processes.len() as u64, tasks.threads.len() as u64, handles)
    })
}
