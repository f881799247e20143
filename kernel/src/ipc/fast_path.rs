//! The register-only round trip, straight through: `Call` meeting a server
//! blocked in `ReplyAndWait`, and that server's `ReplyAndWait` answering it
//! and finding nothing else waiting.
//!
//! This is what a server loop and its clients do nearly every time, and the
//! general path ([`rendezvous`], [`reply_wait`]) pays for everything it
//! might have to do: moving a message through `Sending`, `Step` and
//! `Result` values, checking for badges, extensions, leases and
//! notifications, and looking the same threads up several times. Here each
//! side checks, under the task lock and before it changes anything, that
//! its case is the plain one; then does it in one pass, with the two thread
//! records it needs looked up together, and plans the switch to the other
//! thread in the same pass. Anything else (a badge to write into the
//! receiver's record; a sender or notification waiting; a full handle
//! table; an operation with a bit the kernel keeps; any error) goes the
//! general way, which therefore still decides every outcome but the
//! plain one. What the two paths do is the same; only the cost differs.

use alloc::sync::Arc;

use barodia_abi::{OPERATION_EXTENDED, OPERATION_KERNEL_BITS, OPERATION_LOAN, Rights, SysError};
use handle_table::Handle;

use super::object::{ActiveCall, CallRecord, Endpoint, KernelObject, Message, ReplyCap, Waiting};
use super::rendezvous::{self, Outgoing, REPLY_RIGHTS, leave_receivers, received, replied, take_outcome};
use super::{IpcSlot, loans, reply_wait};
use scheduler::ThreadId;

use crate::task::{self, ProcessId, ProcessTable, SwitchPlan, Tasks, Thread, ThreadState};

/// `Call` with a register-only message, or `CallLoan` (the syscall has set
/// `OPERATION_LOAN`, and the fourth word is the loan's descriptor): hands
/// the reply to `reply_into`. Straight to the first receiver in line if it
/// is blocked, has no badge to learn and (for a loan) can take the pages in
/// its window, else [`rendezvous::call`], which also names any error.
pub fn call(handle: u64, message: Message, reply_into: impl FnOnce(&Message)) -> Result<(), SysError> {
    let plan = match message.operation & OPERATION_EXTENDED {
        0 => task::with_tasks(|tasks| hand_call_over(tasks, handle, message)),
        _ => None,
    };
    match plan {
        Some(plan) => {
            task::switch_then(Some(plan), |tasks| take_outcome(tasks, |outcome| replied(outcome, reply_into)))
        }
        None => call_the_general_way(handle, message, reply_into),
    }
}

/// [`rendezvous::call`] for a register-only call, kept out of line and
/// cold: the compiler then inlines the fast path tighter, and the register
/// round trip costs some 120 instructions less (docs/bench.md).
#[cold]
#[inline(never)]
fn call_the_general_way(handle: u64, message: Message, reply_into: impl FnOnce(&Message)) -> Result<(), SysError> {
    rendezvous::call(handle, Outgoing::registers(message), true, 0, reply_into)
}

/// Delivers the current thread's call of `message` through endpoint handle
/// `handle` to the first waiting receiver, blocks the caller and plans the
/// switch to the receiver; `None`, having changed nothing, unless that is
/// all there is to do.
#[inline(always)]
fn hand_call_over(tasks: &mut Tasks, handle: u64, message: Message) -> Option<SwitchPlan> {
    let current = tasks.current;
    let caller_process = tasks.current_process_id()?;
    let process = tasks.processes.get_mut(&caller_process)?;
    // A clone: the receiver's process must be looked up in the same table.
    let (endpoint, badge) = match process.handles.get(Handle::from_raw(handle)).ok()? {
        (KernelObject::Endpoint(endpoint, badge), rights) if rights.contains(Rights::SEND) => {
            (Arc::clone(endpoint), *badge)
        }
        _ => return None,
    };
    let mut state = endpoint.state.lock();
    let waiting = *state.receivers.front()?;
    // A receiver with a record learns a badge there (without one, or with
    // no badge to learn, its record is left alone); a receive handle count
    // of 0 is the general path's `PeerGone`.
    if (badge != 0 && waiting.record != 0) || state.receive_handles == 0 {
        return None;
    }
    let (caller, receiver) = tasks.threads.get_pair_mut(current, waiting.thread)?;
    if receiver.state != ThreadState::Blocked {
        return None;
    }
    let sequence = caller.call.sequence.wrapping_add(1);
    let mut message = message;
    let (cap, loan) = if message.operation & OPERATION_LOAN == 0 {
        (ReplyCap::new(current, sequence, None), None)
    } else {
        // The pages go into the receiver's window first: any refusal goes
        // the general way, which reports it.
        let cap = ReplyCap::new(current, sequence, Some(waiting.thread));
        let lent = lend(caller, caller_process, receiver, waiting.thread, &mut tasks.processes, cap, message.words[3])?;
        message.words[3] = lent.at_window;
        (cap, Some(lent.caller_loan))
    };
    let receiver_process = tasks.processes.get_mut(&waiting.process)?;
    let Ok(reply_handle) = receiver_process.handles.insert(KernelObject::Reply(cap), REPLY_RIGHTS) else {
        if loan.is_some() {
            loans::withdraw(receiver);
        }
        return None;
    };
    let reply_handle = reply_handle.to_raw();
    // From here on nothing fails.
    state.receivers.pop_front();
    drop(state);
    let active = ActiveCall { process: caller_process, reply_record: 0, lease: None };
    caller.call = CallRecord { sequence, active: Some(active) };
    if loan.is_some() {
        caller.lent = loan;
    }
    caller.state = ThreadState::Blocked;
    receiver.ipc = IpcSlot::Delivered { message, reply_handle };
    receiver.state = ThreadState::Runnable;
    receiver.wake_result = (0, 0);
    let (plan, next_process) = (SwitchPlan::between(caller, receiver), receiver.process);
    Some(tasks.hand_off(waiting.thread, next_process, plan))
}

/// [`loans::lend_between`], out of line so that a register call's path
/// stays as short as it was before loans.
#[inline(never)]
fn lend(
    caller: &Thread,
    caller_process: ProcessId,
    receiver: &mut Thread,
    server: ThreadId,
    processes: &mut ProcessTable,
    cap: ReplyCap,
    descriptor: u64,
) -> Option<loans::Lent> {
    loans::lend_between(caller, caller_process, receiver, server, processes, cap, descriptor).ok()
}

/// `ReplyAndWait`: answers the call behind reply handle `handle` with
/// `message` and waits for the next on the endpoint the current thread last
/// received through, handing the message and reply handle to
/// `deliver_into`. Straight back to the caller if it still waits and
/// nothing else does, else [`reply_wait::reply_and_wait`].
pub fn reply_and_wait(
    handle: u64,
    message: Message,
    deliver_into: impl FnOnce(&Message, u64),
) -> Result<(), SysError> {
    let handed = match message.operation & OPERATION_KERNEL_BITS {
        0 => task::with_tasks(|tasks| answer_and_wait(tasks, handle, message)),
        _ => None,
    };
    let Some((plan, endpoint)) = handed else {
        return reply_and_wait_the_general_way(handle, message, deliver_into);
    };
    let delivered =
        task::switch_then(Some(plan), |tasks| take_outcome(tasks, |outcome| received(outcome, deliver_into)))?;
    if !delivered {
        leave_receivers(Some(endpoint));
        return Err(SysError::TimedOut);
    }
    Ok(())
}

/// [`reply_wait::reply_and_wait`], kept out of line and cold as
/// [`call_the_general_way`] is.
#[cold]
#[inline(never)]
fn reply_and_wait_the_general_way(
    handle: u64,
    message: Message,
    deliver_into: impl FnOnce(&Message, u64),
) -> Result<(), SysError> {
    reply_wait::reply_and_wait(handle, message, deliver_into)
}

/// Answers the caller behind reply handle `handle` with `message`, queues
/// the current thread as a receiver without a record on the endpoint it
/// last received through, blocks it and plans the switch to the caller.
/// Returns the plan and the endpoint; `None`, having changed nothing,
/// unless the caller still waits and nothing is waiting on the endpoint.
#[inline(always)]
fn answer_and_wait(tasks: &mut Tasks, handle: u64, message: Message) -> Option<(SwitchPlan, Arc<Endpoint>)> {
    let current = tasks.current;
    let server_process = tasks.current_process_id()?;
    let process = tasks.processes.get_mut(&server_process)?;
    let reply_handle = Handle::from_raw(handle);
    let cap = match process.handles.get(reply_handle).ok()?.0 {
        KernelObject::Reply(cap) => *cap,
        _ => return None,
    };
    let (server, caller) = tasks.threads.get_pair_mut(current, cap.caller)?;
    let answerable = caller.state == ThreadState::Blocked
        && caller.call.sequence == cap.sequence
        && caller.call.active.is_some();
    // A loan into another thread's window is ended the general way.
    if !answerable || cap.window().is_some_and(|window| window != current) {
        return None;
    }
    let endpoint = match process.handles.get(Handle::from_raw(server.receiving_on)).ok()? {
        (KernelObject::Endpoint(endpoint, _), rights) if rights.contains(Rights::RECEIVE) => Arc::clone(endpoint),
        _ => return None,
    };
    let mut state = endpoint.state.lock();
    if !(state.notifications.is_empty() && state.senders.is_empty() && !state.clients.has_unreported()) {
        return None;
    }
    // From here on nothing fails: the handle was found above, and a reply
    // capability needs no dropping.
    match process.handles.close(reply_handle) {
        Ok(KernelObject::Reply(_)) | Err(_) => {}
        Ok(object) => drop(object),
    }
    state.receivers.push_back(Waiting { thread: current, process: server_process, record: 0 });
    drop(state);
    if cap.window().is_some() {
        end_loan(server, cap);
    }
    caller.call.active = None;
    caller.ipc = IpcSlot::Replied(message);
    caller.state = ThreadState::Runnable;
    caller.wake_result = (0, 0);
    // It receives through the same handle again, so `receiving_on` stays.
    server.state = ThreadState::Blocked;
    let (plan, next_process) = (SwitchPlan::between(server, caller), caller.process);
    Some((tasks.hand_off(cap.caller, next_process, plan), endpoint))
}

/// [`loans::end_in`], out of line for the same reason as [`lend`].
#[inline(never)]
fn end_loan(server: &mut Thread, cap: ReplyCap) {
    loans::end_in(server, cap);
}
