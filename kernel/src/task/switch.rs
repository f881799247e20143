//! Choosing the next thread and switching to it.

use alloc::boxed::Box;
use alloc::vec::Vec;

use scheduler::ThreadId;
use x86_64::VirtAddr;
use x86_64::instructions::interrupts;

use super::thread::{Thread, ThreadState};
use super::{ProcessId, Tasks, with_tasks};
use crate::arch::{context, gdt, syscall_entry};
use crate::memory::address_space::AddressSpace;
use crate::memory::paging;

/// What a switch needs once the task lock is released.
pub(crate) struct SwitchPlan {
    save_rsp: *mut u64,
    load_rsp: u64,
    level_4: x86_64::structures::paging::PhysFrame,
    stack_top: VirtAddr,
}

impl SwitchPlan {
    /// A switch from the thread whose record is `leaving` to the one whose
    /// record is `arriving`, for [`Tasks::hand_off`].
    #[inline]
    pub(crate) fn between(leaving: &mut Thread, arriving: &Thread) -> SwitchPlan {
        SwitchPlan {
            save_rsp: &raw mut leaving.saved_rsp,
            load_rsp: arriving.saved_rsp,
            level_4: arriving.level_4,
            stack_top: arriving.stack_top,
        }
    }
}

impl Tasks {
    /// Picks the next thread and records it as current. `None` if the current
    /// thread simply goes on.
    fn plan_switch(&mut self, current_runnable: bool) -> Option<SwitchPlan> {
        let current = self.current;
        let is_idle = current == self.idle;
        let next = self
            .scheduler
            .pick_next((!is_idle).then_some(current), current_runnable && !is_idle)
            .unwrap_or(self.idle);
        self.plan_switch_to(next)
    }

    /// Records `next` as current and says how to switch to it.
    fn plan_switch_to(&mut self, next: ThreadId) -> Option<SwitchPlan> {
        let current = self.current;
        if next == current {
            return None;
        }
        // Everything the switch needs is cached in the thread record, so
        // this is two table lookups and no search.
        let next_thread = self.threads.get(next)?;
        let (load_rsp, stack_top, level_4) = (next_thread.saved_rsp, next_thread.stack_top, next_thread.level_4);
        let next_process = next_thread.process;
        let save_rsp = &raw mut self.threads.get_mut(current)?.saved_rsp;
        self.current = next;
        self.current_process = next_process;
        Some(SwitchPlan { save_rsp, load_rsp, level_4, stack_top })
    }

    /// Records `next`, of process `next_process`, as current for `plan`, a
    /// switch to it from the current thread that an IPC fast path made with
    /// [`SwitchPlan::between`] in its own pass under the task lock, where
    /// [`block_current_then`] would look both records up again in another.
    /// `next` must not be the current thread.
    #[inline]
    pub(crate) fn hand_off(
        &mut self,
        next: ThreadId,
        next_process: Option<ProcessId>,
        plan: SwitchPlan,
    ) -> SwitchPlan {
        self.scheduler.switch_to(next);
        self.current = next;
        self.current_process = next_process;
        plan
    }

    /// Whether dead threads or ended processes left anything to free.
    #[inline]
    fn anything_died(&self) -> bool {
        !(self.dead_threads.is_empty() && self.dead_spaces.is_empty())
    }

    /// Takes out what dead threads and ended processes left, to free; `None`
    /// (the usual case) when there is nothing.
    fn take_remains(&mut self) -> Option<Remains> {
        self.anything_died().then(|| self.take_dead())
    }

    /// [`take_remains`](Self::take_remains) when something died.
    fn take_dead(&mut self) -> Remains {
        // The running thread may itself be dead (it is leaving); it stays
        // until a later switch.
        let current = self.current;
        let (gone, staying): (Vec<ThreadId>, Vec<ThreadId>) =
            self.dead_threads.drain(..).partition(|thread| *thread != current);
        self.dead_threads = staying;
        let threads = gone.into_iter().filter_map(|id| self.threads.remove(id)).collect();
        Remains { threads, spaces: core::mem::take(&mut self.dead_spaces) }
    }
}

/// What dead threads and ended processes left behind, freed (by dropping)
/// outside the task lock.
struct Remains {
    /// The records, with their kernel stacks.
    #[expect(dead_code, reason = "held only to be dropped")]
    #[expect(clippy::vec_box, reason = "the boxes come out of the thread table whole; unboxing would move them")]
    threads: Vec<Box<Thread>>,
    /// The address spaces, with their page tables and frames.
    #[expect(dead_code, reason = "held only to be dropped")]
    spaces: Vec<AddressSpace>,
}

/// Carries out `plan` if there is one; once this thread runs again, returns
/// `then(tasks)` and frees what dead threads left. One pass under the task
/// lock in the usual case, where nothing died (each pass costs a lock and an
/// unlock).
pub(crate) fn switch_then<T>(plan: Option<SwitchPlan>, then: impl FnOnce(&mut Tasks) -> T) -> T {
    if let Some(plan) = plan {
        perform(plan);
    }
    let (result, anything_died) = with_tasks(|tasks| (then(tasks), tasks.anything_died()));
    if anything_died {
        after_switch();
    }
    result
}

/// The `(error, value)` the running thread was woken with.
#[inline]
fn wake_result(tasks: &mut Tasks) -> (u64, u64) {
    tasks.threads.get(tasks.current).map_or((0, 0), |thread| thread.wake_result)
}

/// Switches to the next thread, if another should run, and returns
/// `then(tasks)` when this thread is scheduled again.
fn reschedule<T>(current_runnable: bool, then: impl FnOnce(&mut Tasks) -> T) -> T {
    let plan = with_tasks(|tasks| tasks.plan_switch(current_runnable));
    switch_then(plan, then)
}

/// Blocks the current thread (already recorded as blocked) and returns
/// `then(tasks)` once it is woken, in the same pass under the task lock as
/// the switch's own bookkeeping. With `hand_off`, that thread runs at once,
/// without a trip through the ready queue: the IPC hand-off from a caller to
/// the receiver that takes its message, or from a server back to its caller.
/// It runs on the rest of the current time slice (see
/// `scheduler::Scheduler::switch_to`). Otherwise the scheduler picks.
pub fn block_current_then<T>(hand_off: Option<ThreadId>, then: impl FnOnce(&mut Tasks) -> T) -> T {
    let plan = with_tasks(|tasks| match hand_off {
        Some(next) => {
            tasks.scheduler.switch_to(next);
            tasks.plan_switch_to(next)
        }
        None => tasks.plan_switch(false),
    });
    switch_then(plan, then)
}

/// Carries out a planned switch; returns when this thread runs again.
fn perform(plan: SwitchPlan) {
    paging::activate(plan.level_4);
    gdt::set_kernel_stack(plan.stack_top);
    syscall_entry::set_kernel_stack(plan.stack_top);
    // SAFETY: `save_rsp` points into a boxed thread record that stays alive
    // until a later `take_remains` (dead threads are only freed by the thread
    // that runs next); `load_rsp` was saved by `switch_stacks` or prepared by
    // `prepare_new_stack` on a stack that is mapped; interrupts are off.
    unsafe { context::switch_stacks(plan.save_rsp, plan.load_rsp) };
}

/// Frees the remains of dead threads and processes. Runs on the thread that
/// just switched in, after the CPU has left the dead stacks and page tables.
fn after_switch() {
    let remains = with_tasks(Tasks::take_remains);
    drop(remains);
}

/// Leaves a thread that has just died for good.
pub fn reschedule_away() -> ! {
    reschedule(false, |_| ());
    unreachable!("a dead thread was scheduled again")
}

/// Gives up the CPU; the thread stays runnable.
pub fn yield_current() {
    reschedule(true, |_| ());
}

/// Blocks the current thread (already recorded as blocked by the caller)
/// until something wakes it; returns the `(error, value)` it was woken with.
pub fn block_current() -> (u64, u64) {
    reschedule(false, wake_result)
}

/// Blocks the current thread until `deadline` (nanoseconds since boot).
pub fn sleep_current(deadline: u64) {
    with_tasks(|tasks| {
        let current = tasks.current;
        if let Some(thread) = tasks.threads.get_mut(current) {
            thread.state = ThreadState::Blocked;
        }
        tasks.scheduler.sleep_until(current, deadline);
    });
    block_current();
}

/// Leaves the boot stack for the idle thread and starts scheduling.
pub fn run() -> ! {
    let mut boot_rsp = 0u64;
    let (load_rsp, stack_top) = with_tasks(|tasks| {
        let idle = tasks.threads.get(tasks.idle).map(|thread| (thread.saved_rsp, thread.stack_top));
        let Some(idle) = idle else { panic!("no idle thread") };
        idle
    });
    gdt::set_kernel_stack(stack_top);
    syscall_entry::set_kernel_stack(stack_top);
    // SAFETY: the idle stack was prepared by `prepare_new_stack`; the boot
    // stack's saved pointer goes into a local that is never used again.
    unsafe { context::switch_stacks(&raw mut boot_rsp, load_rsp) };
    unreachable!("the boot stack is never resumed")
}

/// The idle thread: runs whatever is ready, else halts until an interrupt.
pub extern "C" fn idle_entry() -> ! {
    after_switch();
    loop {
        reschedule(false, |_| ());
        // Nothing ready: sleep until an interrupt (the timer, at worst).
        interrupts::enable_and_hlt();
        interrupts::disable();
    }
}

/// First code of every new user thread: clean up, then enter user mode.
pub extern "C" fn thread_entry() -> ! {
    after_switch();
    let start = with_tasks(|tasks| {
        let selectors = tasks.selectors;
        let start = tasks.threads.get_mut(tasks.current).and_then(|thread| thread.start.take());
        start.map(|start| (start, selectors))
    });
    let Some((start, selectors)) = start else { panic!("user thread started without a start record") };
    let entry = context::UserEntry {
        rip: start.entry,
        rsp: start.stack_top,
        arguments: [start.argument0, start.argument1, start.argument2],
        code_selector: u64::from(selectors.user_code.0),
        data_selector: u64::from(selectors.user_data.0),
    };
    // SAFETY: the loader and `ThreadSpawn` only record entry points and stack
    // tops inside the lower half of this process's address space, which is
    // active; the selectors are the GDT's user selectors.
    unsafe { context::enter_user_mode(&entry) }
}
