//! A process: an address space, its threads, and its family ties.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::string::String;

use scheduler::ThreadId;

use crate::memory::address_space::AddressSpace;

/// A process id, unique for the life of the system (never reused).
pub type ProcessId = u64;

/// A process record.
#[derive(Debug)]
pub struct Process {
    /// Its id.
    pub id: ProcessId,
    /// The ramdisk path it was started from, for log lines.
    pub name: String,
    /// Its memory.
    pub space: AddressSpace,
    /// Live threads.
    pub threads: BTreeSet<ThreadId>,
    /// Exit codes of finished threads nobody has joined yet.
    pub exited_threads: BTreeMap<ThreadId, u64>,
    /// The process that started it, if still alive.
    pub parent: Option<ProcessId>,
    /// Live children.
    pub children: BTreeSet<ProcessId>,
    /// Exit statuses of children nobody has waited for yet.
    pub exited_children: BTreeMap<ProcessId, u64>,
    /// A thread of this process blocked in `ProcessWait`, and for whom.
    pub waiter: Option<(ThreadId, ProcessId)>,
    /// Its capabilities.
    pub handles: handle_table::HandleTable<crate::ipc::KernelObject>,
}
