//! Loans: a caller's pages mapped into the receiving thread's loan window
//! for the length of one call (`LoanWindowCreate`, `CallLoan`).
//!
//! A shared grant outlives its message, so it needs a region found for it,
//! a record in the grant registry, and an unmap by the receiver. A loan is
//! bounded by the call instead: the receiving thread reserved its window in
//! advance (tables included), the loan's state lives in the two thread
//! records, and answering the call (or closing its reply handle) takes the
//! pages back. Both IPC paths use it: the fast path calls [`lend_between`]
//! and [`end_in`] with the thread records it holds, the general path
//! [`lend`] and [`end`]. That makes a page's round trip a few page-table writes on
//! top of a register call.
//!
//! The frames stay the caller's. While they are lent the caller cannot
//! unmap or move them ([`lent_from`]: `Busy`). If the caller dies first,
//! its frames are handed to the window ([`caller_exiting`]) so the server
//! never touches freed memory; the window frees them when the call ends.
//! Window pages carry [`LOANED`], so a server cannot lend or grant on what
//! it only borrows.

use barodia_abi::{LoanDescriptor, MAX_LOAN_PAGES, SysError};
use scheduler::ThreadId;
use x86_64::VirtAddr;
use x86_64::structures::paging::{Page, PageTableFlags, PhysFrame};

use super::object::ReplyCap;
use crate::memory::address_space::RegionError;
use crate::memory::frames;
use crate::memory::layout::PAGE_SIZE;
use crate::memory::paging::{self, LOANED, NOT_OWNED, PageRun};
use crate::task::{Process, ProcessId, ProcessTable, Tasks, Thread, with_tasks};

/// A thread's loan window.
#[derive(Debug, Clone, Copy)]
pub struct LoanWindow {
    /// First address.
    start: u64,
    /// Size in pages.
    pages: u64,
    /// The loan it holds, if any.
    lent: Option<WindowLoan>,
}

/// The loan a window holds: which call, and how many pages.
#[derive(Debug, Clone, Copy)]
struct WindowLoan {
    call: ReplyCap,
    pages: u64,
}

/// The caller's side of a loan, kept in its thread record beside the call
/// record: what it lent and to which window, so that its exit or an unmap
/// can find it. It is current only while that window holds the call
/// ([`still_lent`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallerLoan {
    /// First lent page in the caller's space.
    start: u64,
    /// How many.
    pages: u64,
    /// The thread whose window maps them.
    server: ThreadId,
}

/// `LoanWindowCreate`: gives the current thread a window of `pages` pages.
pub fn create_window(pages: u64) -> Result<u64, SysError> {
    if pages == 0 || pages > MAX_LOAN_PAGES {
        return Err(SysError::InvalidArgument);
    }
    with_tasks(|tasks| {
        let current = tasks.current;
        let thread = tasks.threads.get(current).ok_or(SysError::InvalidArgument)?;
        if thread.loan_window.is_some() {
            return Err(SysError::Busy);
        }
        let process = thread.process.ok_or(SysError::InvalidArgument)?;
        let space = &mut tasks.processes.get_mut(&process).ok_or(SysError::InvalidArgument)?.space;
        let start = space.add_loan_window(pages).map_err(|error| match error {
            RegionError::BadRange | RegionError::OutOfMemory => SysError::OutOfMemory,
        })?;
        if let Some(thread) = tasks.threads.get_mut(current) {
            thread.loan_window = Some(LoanWindow { start, pages, lent: None });
        }
        Ok(start)
    })
}

/// True if the caller may lend a page mapped with `flags`: a user page it
/// owns, writable if lent for writing.
fn lendable(flags: PageTableFlags, write: bool) -> bool {
    flags.contains(PageTableFlags::USER_ACCESSIBLE)
        && !flags.intersects(NOT_OWNED | LOANED)
        && (!write || flags.contains(PageTableFlags::WRITABLE))
}

fn page(address: u64) -> Page {
    Page::containing_address(VirtAddr::new_truncate(address))
}

/// Faults in the caller's page at `address`, which was never touched, and
/// returns its frame if the caller may lend it.
#[cold]
fn fault_in(
    processes: &mut ProcessTable,
    caller_process: ProcessId,
    level_4: PhysFrame,
    address: u64,
    write: bool,
) -> Result<PhysFrame, SysError> {
    let space = &mut processes.get_mut(&caller_process).ok_or(SysError::PeerGone)?.space;
    space.frame_for_access(address, write).map_err(|_| SysError::BadAddress)?;
    match paging::translate(level_4, VirtAddr::new_truncate(address)) {
        Some((frame, flags)) if lendable(flags, write) => Ok(frame),
        _ => Err(SysError::BadAddress),
    }
}

/// A loan mapped into a window, for the caller's call record.
#[derive(Debug, Clone, Copy)]
pub struct Lent {
    /// The descriptor of the pages at the window, for the server.
    pub at_window: u64,
    /// What the caller's call record keeps of it.
    pub caller_loan: CallerLoan,
}

/// Maps the pages `descriptor` names, of thread `caller` (of process
/// `caller_process`), into the window of thread `server` (record `window_owner`)
/// for the call `call`, and records the loan in the window. The caller's
/// call record is left to whoever issues the call. On failure nothing is
/// mapped.
pub fn lend_between(
    caller: &Thread,
    caller_process: ProcessId,
    window_owner: &mut Thread,
    server: ThreadId,
    processes: &mut ProcessTable,
    call: ReplyCap,
    descriptor: u64,
) -> Result<Lent, SysError> {
    let loan = LoanDescriptor::from_bits(descriptor).ok_or(SysError::InvalidArgument)?;
    let (from, pages, write) = (loan.address(), loan.pages(), loan.writable());
    let level_4 = window_owner.level_4;
    let window = window_owner.loan_window.as_mut().ok_or(SysError::TooLarge)?;
    if window.pages < pages {
        return Err(SysError::TooLarge);
    }
    if window.lent.is_some() {
        return Err(SysError::Busy);
    }
    let mut flags = PageTableFlags::PRESENT
        | PageTableFlags::USER_ACCESSIBLE
        | PageTableFlags::NO_EXECUTE
        | NOT_OWNED
        | LOANED;
    if write {
        flags |= PageTableFlags::WRITABLE;
    }
    // Page by page: the caller's frame, checked, straight into the window.
    let mut lent_pages = PageRun::new(caller.level_4, from);
    let mut window_pages = PageRun::new(level_4, window.start);
    for index in 0..pages {
        let frame = match lent_pages.translate_next() {
            Some((frame, flags)) if lendable(flags, write) => Ok(frame),
            Some(_) => Err(SysError::BadAddress),
            // Not touched yet: fault it in, then look again.
            None => fault_in(processes, caller_process, caller.level_4, from + index * PAGE_SIZE, write),
        };
        // The window's tables exist and its pages are unmapped between
        // loans, so mapping cannot fail; if it did, it is undone below.
        let mapped = frame.and_then(|frame| window_pages.map_next(frame, flags).map_err(|_| SysError::OutOfMemory));
        if let Err(error) = mapped {
            unmap_window(level_4, window.start, index);
            return Err(error);
        }
    }
    window.lent = Some(WindowLoan { call, pages });
    Ok(Lent { at_window: loan.moved_to(window.start).bits(), caller_loan: CallerLoan { start: from, pages, server } })
}

/// [`lend_between`] for threads named by id, recording the loan in the
/// caller's active call too.
pub fn lend(
    tasks: &mut Tasks,
    caller: ThreadId,
    server: ThreadId,
    call: ReplyCap,
    descriptor: u64,
) -> Result<u64, SysError> {
    let (caller_record, window_owner) = tasks.threads.get_pair_mut(caller, server).ok_or(SysError::PeerGone)?;
    let caller_process = caller_record.process.ok_or(SysError::PeerGone)?;
    let lent =
        lend_between(caller_record, caller_process, window_owner, server, &mut tasks.processes, call, descriptor)?;
    caller_record.lent = Some(lent.caller_loan);
    Ok(lent.at_window)
}

/// Takes a loan [`lend_between`] made back out of the window, when the
/// call it was for could not be issued after all.
pub fn withdraw(window_owner: &mut Thread) {
    give_back(&mut window_owner.loan_window, window_owner.level_4);
}

/// Unmaps the first `pages` pages of a window, freeing frames the window
/// owns (those of a caller that died during the call).
fn unmap_window(level_4: PhysFrame, start: u64, pages: u64) {
    let mut window_pages = PageRun::new(level_4, start);
    for _ in 0..pages {
        if let Some((frame, flags)) = window_pages.unmap_next()
            && !flags.contains(NOT_OWNED)
        {
            frames::free(frame);
        }
    }
}

/// Ends the loan of call `call`, if its window still holds it: the call was
/// answered or its reply handle closed.
pub fn end(tasks: &mut Tasks, call: ReplyCap) {
    let Some(server) = call.window() else { return };
    if let Some(window_owner) = tasks.threads.get_mut(server) {
        end_in(window_owner, call);
    }
}

/// [`end`] with the window's thread record at hand.
pub fn end_in(window_owner: &mut Thread, call: ReplyCap) {
    let level_4 = window_owner.level_4;
    let Some(window) = window_owner.loan_window.as_mut() else { return };
    match window.lent {
        Some(lent) if lent.call == call => {
            window.lent = None;
            unmap_window(level_4, window.start, lent.pages);
        }
        _ => {}
    }
}

/// Gives back what `window` holds, if anything.
fn give_back(window: &mut Option<LoanWindow>, level_4: PhysFrame) {
    if let Some(window) = window
        && let Some(lent) = window.lent.take()
    {
        unmap_window(level_4, window.start, lent.pages);
    }
}

/// Called when a thread exits: its window gives back what it holds and
/// goes; returns the window's start, for its region to be removed.
pub fn thread_exiting(window: &mut Option<LoanWindow>, level_4: PhysFrame) -> Option<u64> {
    give_back(window, level_4);
    window.take().map(|window| window.start)
}

/// True if process `process` has lent any of the pages in `start..end` for
/// a call still in progress (they may not be unmapped or moved).
pub fn lent_from(tasks: &Tasks, process: ProcessId, start: u64, end: u64) -> bool {
    let Some(record) = tasks.processes.get(&process) else { return false };
    record.threads.iter().any(|thread| {
        still_lent(tasks, *thread).is_some_and(|loan| loan.start < end && start < loan.start + loan.pages * PAGE_SIZE)
    })
}

/// What thread `caller` has lent for the call it is in, if that call's loan
/// is still in a window: its record of the last loan, checked against the
/// window it names.
fn still_lent(tasks: &Tasks, caller: ThreadId) -> Option<CallerLoan> {
    let record = tasks.threads.get(caller)?;
    let loan = record.lent?;
    record.call.active?;
    let call = ReplyCap::new(caller, record.call.sequence, Some(loan.server));
    let window = tasks.threads.get(loan.server)?.loan_window?;
    window.lent.is_some_and(|lent| lent.call == call).then_some(loan)
}

/// Called when `process` ends, before its memory is freed: the pages its
/// threads lent for calls still in progress leave its address space and
/// belong to the windows that map them, which free them when the calls end.
pub fn caller_exiting(tasks: &mut Tasks, process: &mut Process) {
    for thread in &process.threads {
        let Some(record) = tasks.threads.get(*thread) else { continue };
        let Some(loan) = still_lent(tasks, *thread) else { continue };
        let call = ReplyCap::new(*thread, record.call.sequence, Some(loan.server));
        let Some(server) = tasks.threads.get_mut(loan.server) else { continue };
        let level_4 = server.level_4;
        let Some(window) = server.loan_window.as_mut() else { continue };
        if !window.lent.is_some_and(|lent| lent.call == call) {
            continue;
        }
        for index in 0..loan.pages {
            let lent_page = page(loan.start + index * PAGE_SIZE);
            let window_page = page(window.start + index * PAGE_SIZE);
            let Some((frame, _)) = paging::unmap(process.space.level_4(), lent_page) else { continue };
            let Some((_, flags)) = paging::unmap(level_4, window_page) else {
                frames::free(frame);
                continue;
            };
            // Same frame, same access, now owned by the window. Its tables
            // exist, so the map cannot fail; if it did, the frame is freed.
            if paging::map(level_4, window_page, frame, flags - NOT_OWNED).is_err() {
                frames::free(frame);
            }
        }
    }
}
