//! Calls, sends, receives and replies: where senders and receivers meet.

use alloc::boxed::Box;
use alloc::sync::Arc;

use barodia_abi::{OPERATION_EXTENDED, OPERATION_LOAN, Rights, SysError};
use handle_table::Handle;
use scheduler::ThreadId;

use super::IpcSlot;
use super::clients::take_unreported;
use super::delivery::{deliver, write_badge};
use super::extension::{Extension, Lease};
use super::handles::{complete, handle_error, is_blocked, resolve_badged_in};
use super::object::{ActiveCall, CallRecord, Endpoint, KernelObject, Message, Pending, ReplyCap, Waiting};
use crate::task::{self, ProcessId, Tasks, ThreadState};

/// Rights of a reply handle: it can only be used (or closed), never copied.
pub(super) const REPLY_RIGHTS: Rights = Rights::SEND;

/// A message as a sender hands it over. The extension is borrowed: the
/// register fast path must not copy a large value around.
#[derive(Debug, Clone, Copy)]
pub struct Outgoing<'a> {
    /// Registers.
    pub message: Message,
    /// Everything else, if anything.
    pub extension: Option<&'a Extension>,
}

impl Outgoing<'_> {
    /// A register-only message.
    pub fn registers(message: Message) -> Outgoing<'static> {
        Outgoing { message, extension: None }
    }
}

/// The receiving side of a rendezvous.
#[derive(Debug, Clone, Copy)]
struct Receiving {
    thread: ThreadId,
    process: ProcessId,
    record: u64,
}

/// The sending side of a rendezvous.
#[derive(Debug, Clone, Copy)]
struct Sending<'a> {
    thread: ThreadId,
    process: ProcessId,
    outgoing: Outgoing<'a>,
    /// For a call: the caller's reply record.
    reply_to: Option<u64>,
    /// The badge of the handle it sends through.
    badge: u64,
}

/// What a receiver gets from a rendezvous: the operation word (with
/// `OPERATION_EXTENDED` if its record was filled in) and the reply handle.
fn rendezvous(tasks: &mut Tasks, sending: &Sending<'_>, receiving: &Receiving) -> Result<(Message, u64), SysError> {
    let mut message = sending.outgoing.message;
    let loaned = message.operation & OPERATION_LOAN != 0;
    let (reply_handle, call) = match sending.reply_to {
        Some(reply_record) => {
            let lease = sending.outgoing.extension.and_then(|extension| extension.lease);
            let window = loaned.then_some(receiving.thread);
            let issued = issue_reply_handle(tasks, receiving.process, sending.thread, sending.process, reply_record, lease, window)?;
            (issued.0, Some(issued.1))
        }
        None => (0, None),
    };
    if loaned {
        // Only `CallLoan` sets the bit, and it always expects a reply.
        let lent = match call {
            Some(call) => super::loans::lend(tasks, sending.thread, receiving.thread, call, message.words[3]),
            None => Err(SysError::InvalidArgument),
        };
        match lent {
            Ok(at_window) => message.words[3] = at_window,
            Err(error) => {
                withdraw_reply_handle(tasks, receiving.process, reply_handle);
                return Err(error);
            }
        }
    }
    if let Some(extension) = sending.outgoing.extension {
        if let Err(error) =
            deliver(tasks, sending.process, receiving.process, extension, receiving.record, sending.badge)
        {
            withdraw_reply_handle(tasks, receiving.process, reply_handle);
            return Err(error);
        }
        message.operation |= OPERATION_EXTENDED;
    } else if sending.badge != 0 && receiving.record != 0 {
        // A receiver without a record does not learn badges; one with a
        // record zeroes the badge itself, so only a badge is written.
        if let Err(error) = write_badge(tasks, receiving.process, receiving.record, sending.badge) {
            withdraw_reply_handle(tasks, receiving.process, reply_handle);
            return Err(error);
        }
    }
    Ok((message, reply_handle))
}

/// Puts a reply handle for the caller's call into the receiver's table,
/// recording the call in the caller's thread; returns the handle and the
/// capability it holds. `window` is the receiving thread, for a call that
/// lends pages into its loan window.
fn issue_reply_handle(
    tasks: &mut Tasks,
    receiver: ProcessId,
    caller: ThreadId,
    caller_process: ProcessId,
    reply_record: u64,
    lease: Option<Lease>,
    window: Option<ThreadId>,
) -> Result<(u64, ReplyCap), SysError> {
    // The thread and process tables are separate fields, so the caller's
    // record is looked up once and written after the insert succeeds.
    let record = tasks.threads.get_mut(caller).ok_or(SysError::PeerGone)?;
    let sequence = record.call.sequence.wrapping_add(1);
    let cap = ReplyCap::new(caller, sequence, window);
    let process = tasks.processes.get_mut(&receiver).ok_or(SysError::PeerGone)?;
    let handle = process.handles.insert(KernelObject::Reply(cap), REPLY_RIGHTS).map_err(|_| SysError::LimitReached)?;
    let active = ActiveCall { process: caller_process, reply_record, lease };
    record.call = CallRecord { sequence, active: Some(active) };
    Ok((handle.to_raw(), cap))
}

/// Takes back a reply handle issued for a message that was not delivered.
fn withdraw_reply_handle(tasks: &mut Tasks, receiver: ProcessId, handle: u64) {
    if handle == 0 {
        return;
    }
    if let Some(process) = tasks.processes.get_mut(&receiver) {
        let _ = process.handles.close(Handle::from_raw(handle));
    }
}

fn current_process(tasks: &Tasks) -> Result<ProcessId, SysError> {
    tasks.current_process_id().ok_or(SysError::InvalidArgument)
}

/// What a blocking operation decided under the task lock.
pub(super) enum Step<T> {
    Done(T),
    /// Blocked; the thread to run next, if the kernel should hand off.
    Blocked(Option<ThreadId>),
}

/// Blocks the current thread (already queued) and, once it is woken, returns
/// `take(outcome)` for its IPC outcome; with `hand_off`, that thread runs
/// next. `take` reads the outcome where it lies, under the task lock, so a
/// message is copied once, straight to where the syscall returns it.
fn wait_for_outcome<R>(hand_off: Option<ThreadId>, take: impl FnOnce(&IpcSlot) -> R) -> R {
    task::block_current_then(hand_off, |tasks| take_outcome(tasks, take))
}

/// Returns `take(outcome)` for the IPC outcome of the current thread, which
/// has just been woken, and empties its slot.
pub(super) fn take_outcome<R>(tasks: &mut Tasks, take: impl FnOnce(&IpcSlot) -> R) -> R {
    let current = tasks.current;
    match tasks.threads.get_mut(current) {
        Some(thread) => {
            let result = take(&thread.ipc);
            thread.ipc = IpcSlot::Empty;
            result
        }
        None => take(&IpcSlot::Failed(SysError::PeerGone)),
    }
}

/// What a woken caller's outcome means: its reply goes to `reply_into`.
pub(super) fn replied(outcome: &IpcSlot, reply_into: impl FnOnce(&Message)) -> Result<(), SysError> {
    match outcome {
        IpcSlot::Replied(message) => {
            reply_into(message);
            Ok(())
        }
        IpcSlot::Failed(error) => Err(*error),
        IpcSlot::Empty | IpcSlot::Delivered { .. } => Err(SysError::PeerGone),
    }
}

/// What a woken receiver's outcome means: a message and reply handle go to
/// `deliver_into` (`Ok(true)`); `Ok(false)` if it was woken by the clock.
pub(super) fn received(outcome: &IpcSlot, deliver_into: impl FnOnce(&Message, u64)) -> Result<bool, SysError> {
    match outcome {
        IpcSlot::Delivered { message, reply_handle } => {
            deliver_into(message, *reply_handle);
            Ok(true)
        }
        IpcSlot::Failed(error) => Err(*error),
        IpcSlot::Empty | IpcSlot::Replied(_) => Ok(false),
    }
}

/// `Call` (`expects_reply`) and `Send`: hands the reply message to
/// `reply_into` (an empty one for `Send`). `reply_record` is the caller's
/// `IncomingMessage` for the reply (0: none). A register-only `Call` comes
/// here only when [`fast_path::call`](super::fast_path::call) cannot hand
/// it straight to a receiver.
pub fn call(
    handle: u64,
    outgoing: Outgoing<'_>,
    expects_reply: bool,
    reply_record: u64,
    reply_into: impl FnOnce(&Message),
) -> Result<(), SysError> {
    let step = task::with_tasks(|tasks| {
        let current = tasks.current;
        let process = current_process(tasks)?;
        let (endpoint, badge) = resolve_badged_in(tasks, process, handle, Rights::SEND)?;
        let sending = Sending {
            thread: current,
            process,
            outgoing,
            reply_to: expects_reply.then_some(reply_record),
            badge,
        };
        let mut state = endpoint.state.lock();
        if state.receive_handles == 0 {
            return Err(SysError::PeerGone);
        }
        while let Some(waiting) = state.receivers.pop_front() {
            if !is_blocked(tasks, waiting.thread) {
                continue;
            }
            let receiving = Receiving { thread: waiting.thread, process: waiting.process, record: waiting.record };
            let (message, reply_handle) = match rendezvous(tasks, &sending, &receiving) {
                Ok(delivered) => delivered,
                Err(error) => {
                    state.receivers.push_front(waiting);
                    return Err(error);
                }
            };
            drop(state);
            let delivery = IpcSlot::Delivered { message, reply_handle };
            if !expects_reply {
                complete(tasks, waiting.thread, delivery);
                return Ok(Step::Done(Message::default()));
            }
            // Hand the CPU straight to the receiver: it is made runnable
            // without joining the ready queue, and runs next.
            if let Some(record) = tasks.threads.get_mut(waiting.thread) {
                record.ipc = delivery;
                record.state = ThreadState::Runnable;
                record.wake_result = (0, 0);
            }
            task::block(tasks, current);
            return Ok(Step::Blocked(Some(waiting.thread)));
        }
        // Only a sender that must wait keeps its extension, on the heap.
        let extension = match outgoing.extension {
            Some(extension) => Some(Box::try_new(*extension).map_err(|_| SysError::OutOfMemory)?),
            None => None,
        };
        state.senders.push_back(Pending {
            thread: current,
            process: sending.process,
            message: outgoing.message,
            extension,
            expects_reply,
            reply_record,
            badge,
        });
        drop(state);
        task::block(tasks, current);
        Ok(Step::Blocked(None))
    })?;
    match step {
        Step::Done(message) => {
            reply_into(&message);
            Ok(())
        }
        Step::Blocked(hand_off) => wait_for_outcome(hand_off, |outcome| replied(outcome, reply_into)),
    }
}

/// Takes what is waiting on `endpoint` for the current thread: a
/// notification first, then the first sender whose message can be
/// delivered. `None` if nothing is, and then `waiter` has joined the
/// endpoint's receivers (under the same lock of the queues).
fn take_waiting(
    tasks: &mut Tasks,
    endpoint: &Endpoint,
    receiving: &Receiving,
    waiter: Waiting,
) -> Result<Option<(Message, u64)>, SysError> {
    let mut state = endpoint.state.lock();
    if let Some(notification) = state.notifications.pop_front() {
        return Ok(Some((notification, 0)));
    }
    if let Some(closure) = take_unreported(tasks, &mut state, receiving.process, receiving.record)? {
        return Ok(Some((closure, 0)));
    }
    while let Some(pending) = state.senders.pop_front() {
        if !is_blocked(tasks, pending.thread) {
            continue;
        }
        let sending = Sending {
            thread: pending.thread,
            process: pending.process,
            outgoing: Outgoing { message: pending.message, extension: pending.extension.as_deref() },
            reply_to: pending.expects_reply.then_some(pending.reply_record),
            badge: pending.badge,
        };
        match rendezvous(tasks, &sending, receiving) {
            Ok(delivered) => {
                if !pending.expects_reply {
                    drop(state);
                    complete(tasks, pending.thread, IpcSlot::Replied(Message::default()));
                }
                return Ok(Some(delivered));
            }
            // The receiver's own table is full: it must make room; the
            // sender waits on.
            Err(SysError::LimitReached) if pending.extension.is_none() => {
                state.senders.push_front(pending);
                return Err(SysError::LimitReached);
            }
            // This message cannot be delivered (too large, a stale handle
            // to move, a bad grant): the sender learns why, the receiver
            // takes the next one.
            Err(error) => complete(tasks, pending.thread, IpcSlot::Failed(error)),
        }
    }
    state.receivers.push_back(waiter);
    Ok(None)
}

/// `Receive`: hands the message and the raw reply handle (0 for one-way)
/// to `deliver_into`. A `timeout` of 0 waits for ever; `record` is the
/// receiver's `IncomingMessage` (0: none).
pub fn receive(
    handle: u64,
    timeout: u64,
    record: u64,
    deliver_into: impl FnOnce(&Message, u64),
) -> Result<(), SysError> {
    let mut waited_on = None;
    let step = task::with_tasks(|tasks| {
        let process = current_process(tasks)?;
        receive_locked(tasks, process, handle, timeout, record, &mut waited_on)
    })?;
    finish_receive(step, waited_on, deliver_into)
}

/// The part of a receive done under the task lock: takes what is waiting,
/// or queues and blocks the current thread (which has not switched yet).
/// `process` is the current thread's; `waited_on` is set to the endpoint it
/// waits on.
pub(super) fn receive_locked(
    tasks: &mut Tasks,
    process: ProcessId,
    handle: u64,
    timeout: u64,
    record: u64,
    waited_on: &mut Option<Arc<Endpoint>>,
) -> Result<Step<(Message, u64)>, SysError> {
    let endpoint = resolve_badged_in(tasks, process, handle, Rights::RECEIVE)?.0;
    let current = tasks.current;
    let receiving = Receiving { thread: current, process, record };
    let waiter = Waiting { thread: current, process, record };
    let taken = take_waiting(tasks, &endpoint, &receiving, waiter);
    // One look-up of the thread records the endpoint (`ReplyAndWait`
    // receives on it again) and, if nothing was waiting, blocks it (what
    // `task::block` does for the running thread, which is in no queue).
    if let Some(thread) = tasks.threads.get_mut(current) {
        thread.receiving_on = handle;
        if let Ok(None) = taken {
            thread.state = ThreadState::Blocked;
        }
    }
    if let Some(received) = taken? {
        return Ok(Step::Done(received));
    }
    if timeout != 0 {
        let deadline = crate::time::now_nanoseconds().saturating_add(timeout);
        task::sleep_until(tasks, current, deadline);
    }
    *waited_on = Some(endpoint);
    Ok(Step::Blocked(None))
}

/// The rest of a receive, once the task lock is released: waits if it
/// blocked (running `hand_off` next, if given) and hands what came to
/// `deliver_into`.
pub(super) fn finish_receive(
    step: Step<(Message, u64)>,
    waited_on: Option<Arc<Endpoint>>,
    deliver_into: impl FnOnce(&Message, u64),
) -> Result<(), SysError> {
    let hand_off = match step {
        Step::Done((message, reply_handle)) => {
            deliver_into(&message, reply_handle);
            return Ok(());
        }
        Step::Blocked(hand_off) => hand_off,
    };
    let delivered = wait_for_outcome(hand_off, |outcome| received(outcome, deliver_into))?;
    if !delivered {
        leave_receivers(waited_on);
        return Err(SysError::TimedOut);
    }
    Ok(())
}

/// For a receiver woken by the clock, not by a sender: leaves the queue of
/// `waited_on` so no sender picks this thread for a wait it has given up.
pub(super) fn leave_receivers(waited_on: Option<Arc<Endpoint>>) {
    if let Some(endpoint) = waited_on {
        let current = task::with_tasks(|tasks| tasks.current);
        endpoint.state.lock().receivers.retain(|waiting| waiting.thread != current);
    }
}

/// `Reply`: answers the call behind `handle` and consumes the handle. A
/// reply that cannot be delivered for want of room (`TooLarge`) leaves the
/// handle valid, so the server can answer again.
pub fn reply(handle: u64, outgoing: Outgoing<'_>) -> Result<u64, SysError> {
    task::with_tasks(|tasks| {
        let process = current_process(tasks).map_err(|_| SysError::InvalidHandle)?;
        let caller = answer(tasks, process, handle, outgoing)?;
        tasks.enqueue(caller);
        Ok(0)
    })
}

/// Answers the call behind `handle` (in `replier`, the current process)
/// with `outgoing` and consumes the handle. Returns the caller, holding its
/// reply and runnable but not yet queued: whoever answers decides whether it
/// runs next.
pub(super) fn answer(
    tasks: &mut Tasks,
    replier: ProcessId,
    handle: u64,
    outgoing: Outgoing<'_>,
) -> Result<ThreadId, SysError> {
    let handle = Handle::from_raw(handle);
    let process = tasks.processes.get_mut(&replier).ok_or(SysError::InvalidHandle)?;
    let reply_cap = |object: &KernelObject| match object {
        KernelObject::Reply(cap) => Some(*cap),
        _ => None,
    };
    let mut message = outgoing.message;
    let cap = match outgoing.extension {
        // Registers only: nothing can fail once the handle is found, so it
        // is found and closed in one look-up.
        None => {
            let closed = process.handles.close_if(handle, |object| matches!(object, KernelObject::Reply(_)));
            closed.map_err(handle_error)?.as_ref().and_then(reply_cap).ok_or(SysError::WrongType)?
        }
        Some(extension) => {
            let cap = reply_cap(process.handles.get(handle).map_err(handle_error)?.0).ok_or(SysError::WrongType)?;
            if let Some(call) = crate::ipc::answerable(tasks, cap) {
                // Replies come through reply handles, which carry no badge.
                deliver(tasks, replier, call.process, extension, call.reply_record, 0)?;
                message.operation |= OPERATION_EXTENDED;
            }
            if let Some(process) = tasks.processes.get_mut(&replier) {
                let _ = process.handles.close(handle);
            }
            cap
        }
    };
    // A loan ends with its call, whether or not the caller still waits.
    if cap.window().is_some() {
        super::loans::end(tasks, cap);
    }
    // The caller's thread, if it still waits for this call: it gets the
    // reply and becomes runnable (`end_call` and `complete` in one look-up).
    let caller = tasks.threads.get_mut(cap.caller).filter(|thread| {
        thread.state == ThreadState::Blocked && thread.call.sequence == cap.sequence && thread.call.active.is_some()
    });
    let caller = caller.ok_or(SysError::PeerGone)?;
    caller.call.active = None;
    caller.ipc = IpcSlot::Replied(message);
    caller.state = ThreadState::Runnable;
    caller.wake_result = (0, 0);
    Ok(cap.caller)
}
