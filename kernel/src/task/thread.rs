//! A thread: its kernel stack, its saved context, and what it waits for.

use scheduler::ThreadId;
use x86_64::VirtAddr;
use x86_64::structures::paging::PhysFrame;

use super::process::ProcessId;
use crate::arch::context;
use crate::memory::frames::OutOfFrames;
use crate::memory::kernel_stacks::KernelStack;

/// Where a new user thread starts.
#[derive(Debug, Clone, Copy)]
pub struct UserStart {
    /// First instruction.
    pub entry: u64,
    /// Initial stack pointer.
    pub stack_top: u64,
    /// Passed in `rdi`.
    pub argument0: u64,
    /// Passed in `rsi`.
    pub argument1: u64,
    /// Passed in `rdx`.
    pub argument2: u64,
}

/// What a thread is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThreadState {
    /// Running or waiting in the ready queue.
    Runnable,
    /// Blocked in a syscall until another thread or the timer wakes it.
    Blocked,
    /// Finished; its resources go when the CPU has left its stack.
    Dead,
}

/// A kernel thread record. Boxed in the thread table so that the address of
/// `saved_rsp` stays put while a switch is in flight.
#[derive(Debug)]
pub struct Thread {
    /// The owning process; `None` for the idle thread.
    pub process: Option<ProcessId>,
    /// The kernel stack; the thread's user registers sit at its top while it
    /// is in the kernel.
    #[expect(dead_code, reason = "owned so that it is freed with the thread; switches read `stack_top`")]
    pub stack: KernelStack,
    /// The top of `stack`, kept here so a switch reads it in one load.
    pub stack_top: VirtAddr,
    /// The level-4 page table of the thread's address space (the kernel's for
    /// the idle thread). A process keeps its table for life, so a switch
    /// reads it here instead of looking the process up.
    pub level_4: PhysFrame,
    /// Stack pointer saved by `switch_stacks` while the thread is off the CPU.
    pub saved_rsp: u64,
    /// Set until the thread first enters user mode.
    pub start: Option<UserStart>,
    /// See [`ThreadState`].
    pub state: ThreadState,
    /// The `(error, value)` a blocking syscall returns once woken.
    pub wake_result: (u64, u64),
    /// A thread of the same process waiting in `ThreadJoin` for this one.
    pub joiner: Option<ThreadId>,
    /// Start of this thread's user stack region, freed when it exits.
    pub user_stack: Option<u64>,
    /// A message delivered to it, or the outcome of its call, while blocked
    /// in IPC.
    pub ipc: crate::ipc::IpcSlot,
    /// The call it is blocked in, as its reply capability names it.
    pub call: crate::ipc::CallRecord,
    /// The raw endpoint handle this thread last received through, which
    /// `ReplyAndWait` receives on again (0: none yet).
    pub receiving_on: u64,
    /// Its loan window, if it made one (`LoanWindowCreate`).
    pub loan_window: Option<crate::ipc::loans::LoanWindow>,
    /// The pages it last lent (`CallLoan`). Still lent only while the
    /// window named there holds this thread's current call
    /// (`ipc::loans::still_lent`); never cleared, so a register call pays
    /// nothing for it.
    pub lent: Option<crate::ipc::loans::CallerLoan>,
}

impl Thread {
    /// A thread whose first switch-in runs `start` on a fresh kernel stack,
    /// in the address space whose level-4 table is `level_4`.
    pub fn new(
        process: Option<ProcessId>,
        level_4: PhysFrame,
        start: extern "C" fn() -> !,
        user_start: Option<UserStart>,
    ) -> Result<Thread, OutOfFrames> {
        let mut stack = KernelStack::allocate()?;
        let Some(saved_rsp) = context::prepare_new_stack(stack.as_words_mut(), start) else {
            return Err(OutOfFrames);
        };
        Ok(Thread {
            process,
            stack_top: stack.top(),
            stack,
            level_4,
            saved_rsp,
            start: user_start,
            state: ThreadState::Runnable,
            wake_result: (0, 0),
            joiner: None,
            user_stack: None,
            ipc: crate::ipc::IpcSlot::Empty,
            call: crate::ipc::CallRecord::default(),
            receiving_on: 0,
            loan_window: None,
            lent: None,
        })
    }
}
