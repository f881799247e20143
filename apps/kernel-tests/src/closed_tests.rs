//! Closure notifications (`EndpointNotifyClosed`): a server is told once
//! per badge when the last client handle with it is gone, however it went
//! (closed, moved and then closed, its holder killed), and never for a
//! handle that can receive; the right is checked, the kernel's operation
//! bits refused, the badges an endpoint counts bounded, and nothing is left
//! behind afterwards.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::time::Duration;

use barodia_abi::{MAX_ENDPOINT_BADGES, OPERATION_EXTENDED, OPERATION_LOAN, Rights, SysError};
use libipc::ipc::device::Process;
use libipc::ipc::message::{Incoming, Outgoing, receive_message, send_message};
use libipc::ipc::{self, Handle};

use crate::checks::{check, expect};

type Outcome = Result<String, String>;

/// The operation the scenario's closure notifications carry.
const CLOSED: u64 = 0x5EE_0FF;

const SEND_ONLY: Rights = Rights::SEND;
const SEND_AND_MOVE: Rights = Rights::from_constants(&[Rights::SEND, Rights::DUPLICATE, Rights::TRANSFER]);

/// The scenario `ipc-closed`.
pub fn closed() -> Outcome {
    // A first round grows this process's heap to what the scenario needs
    // (the heap keeps its pages), so the second is measured alone.
    notifications()?;
    let handles_before = open_handles()?;
    let frames_before = available_frames()?;
    let detail = notifications()?;
    let handles_after = open_handles()?;
    let frames_after = available_frames()?;
    check(&format!("handles back to baseline ({handles_before} -> {handles_after})"), handles_after == handles_before)?;
    check(&format!("frames back to baseline ({frames_before} -> {frames_after})"), frames_after == frames_before)?;
    Ok(format!("{detail}; {handles_after} handles and {frames_after} frames before and after"))
}

fn notifications() -> Outcome {
    let endpoint = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let unbadged = endpoint.duplicate(SEND_AND_MOVE).map_err(|error| format!("duplicate: {error}"))?;
    expect("asking without RECEIVE", unbadged.notify_closed(CLOSED), SysError::MissingRights)?;
    expect("operation bit 62", endpoint.notify_closed(CLOSED | OPERATION_LOAN), SysError::InvalidArgument)?;
    expect("operation bit 63", endpoint.notify_closed(CLOSED | OPERATION_EXTENDED), SysError::InvalidArgument)?;
    endpoint.notify_closed(CLOSED).map_err(|error| format!("notify_closed: {error}"))?;

    // Two copies of badge 7: the first closed says nothing, the second tells.
    let seven = badged(&endpoint, SEND_AND_MOVE, 7)?;
    let seven_copy = seven.duplicate(SEND_ONLY).map_err(|error| format!("copy of 7: {error}"))?;
    drop(seven);
    nothing_waiting(&endpoint, "one of two copies closed")?;
    drop(seven_copy);
    expect_closure(&endpoint, 7, 1)?;
    nothing_waiting(&endpoint, "after badge 7's one notification")?;

    // A handle that can receive is the server's, not a client's.
    let server_copy = endpoint.duplicate(Rights::from_constants(&[Rights::SEND, Rights::RECEIVE]));
    drop(server_copy.map_err(|error| format!("server copy: {error}"))?);
    nothing_waiting(&endpoint, "a receive handle closed")?;

    // A badge alive again before its closure was received: withdrawn.
    drop(badged(&endpoint, SEND_ONLY, 8)?);
    let eight_again = badged(&endpoint, SEND_ONLY, 8)?;
    nothing_waiting(&endpoint, "badge 8 minted again")?;
    drop(eight_again);
    expect_closure(&endpoint, 8, 1)?;

    // Moved in a message, the handle stays counted until closed.
    let moved = moved_then_closed(&endpoint)?;
    // Held by a child: its exit closes it.
    let exited = child_exits_with_handle(&endpoint)?;
    let bound = badges_are_bounded(&endpoint)?;

    // Unbadged handles are badge 0; with the last, no client is left.
    drop(unbadged);
    expect_closure(&endpoint, 0, 0)?;
    Ok(format!(
        "once per badge (7 of two copies, 8 withdrawn when minted again, {moved}, {exited}, unbadged as 0), \
         receive handles not counted, MissingRights and kernel bits refused, {bound}"
    ))
}

fn badged(endpoint: &Handle, rights: Rights, badge: u64) -> Result<Handle, String> {
    endpoint.duplicate_badged(rights, badge).map_err(|error| format!("badge {badge}: {error}"))
}

/// Badge 10 moved through a message to this process and closed here.
fn moved_then_closed(endpoint: &Handle) -> Outcome {
    let mailbox = ipc::create_endpoint().map_err(|error| format!("mailbox: {error}"))?;
    let mail_sender = mailbox.duplicate(SEND_ONLY).map_err(|error| format!("mailbox sender: {error}"))?;
    let ten = badged(endpoint, SEND_AND_MOVE, 10)?;
    let sender = libipc::thread::spawn(move || {
        let mut outgoing = Outgoing::new(1, &[]);
        if outgoing.push_handle(ten).is_err() {
            return 1;
        }
        u64::from(send_message(&mail_sender, &mut outgoing).is_err())
    })
    .map_err(|error| format!("spawn: {error}"))?;
    let mut buffer = [0u8; 16];
    let mut incoming = Incoming::new(&mut buffer);
    receive_message(&mailbox, &mut incoming, 0).map_err(|error| format!("receive the moved handle: {error}"))?;
    check("the handle was sent", sender.join() == Ok(0))?;
    let received: Vec<_> = incoming.take_handles().collect();
    check("one handle arrived", received.len() == 1)?;
    nothing_waiting(endpoint, "badge 10 moved")?;
    drop(received);
    expect_closure(endpoint, 10, 1)?;
    Ok(String::from("10 moved then closed"))
}

/// Badge 11 given to a child, which is killed holding it.
fn child_exits_with_handle(endpoint: &Handle) -> Outcome {
    let eleven = badged(endpoint, SEND_AND_MOVE, 11)?;
    let child = libipc::sys::spawn_with_handle("bin/kernel-tests", &["spin"], Some(&eleven))
        .map_err(|error| format!("spawn: {error}"))?;
    drop(eleven);
    nothing_waiting(endpoint, "the child holds badge 11")?;
    let process = Process::open(child).map_err(|error| format!("open: {error}"))?;
    process.kill().map_err(|error| format!("kill: {error}"))?;
    libipc::sys::wait(child).map_err(|error| format!("wait: {error}"))?;
    expect_closure(endpoint, 11, 1)?;
    Ok(String::from("11 held by a child killed"))
}

/// An endpoint counts at most `MAX_ENDPOINT_BADGES` badges, live or with a
/// closure not yet received; each closure comes once.
fn badges_are_bounded(endpoint: &Handle) -> Outcome {
    // Badge 0 (the unbadged handle) is one of them already.
    let first = 1000;
    let mut minted = Vec::new();
    for badge in first..first + MAX_ENDPOINT_BADGES as u64 - 1 {
        minted.push(badged(endpoint, SEND_AND_MOVE, badge)?);
    }
    let past = first + MAX_ENDPOINT_BADGES as u64;
    expect("a badge past the bound", endpoint.duplicate_badged(SEND_ONLY, past).map(drop), SysError::LimitReached)?;
    let copy = minted.first().map(|handle| handle.duplicate(SEND_ONLY));
    check("a live badge is copied at the bound", matches!(copy, Some(Ok(_))))?;
    drop(copy);
    drop(minted);
    // Closed but not received: still counted.
    expect("a badge past unreceived closures", endpoint.duplicate_badged(SEND_ONLY, past).map(drop), SysError::LimitReached)?;
    let mut seen = Vec::new();
    let mut buffer = [0u8; 16];
    let mut incoming = Incoming::new(&mut buffer);
    while let Ok(received) = receive_message(endpoint, &mut incoming, 1) {
        check("a closure notification", received.message.operation == CLOSED && received.reply.is_none())?;
        check("the record's badge is the word's", incoming.badge() == received.message.words[0])?;
        seen.push(received.message.words[0]);
    }
    seen.sort_unstable();
    let expected: Vec<u64> = (first..first + MAX_ENDPOINT_BADGES as u64 - 1).collect();
    check(&format!("each badge closed once ({} notifications)", seen.len()), seen == expected)?;
    drop(badged(endpoint, SEND_ONLY, past)?);
    expect_closure(endpoint, past, 1)?;
    Ok(format!("{} badges at most, each told once", MAX_ENDPOINT_BADGES))
}

/// Receives the next message: it must be the closure of `badge`, with
/// `left` client handles still open, carrying the badge in its record too.
fn expect_closure(endpoint: &Handle, badge: u64, left: u64) -> Result<(), String> {
    let mut buffer = [0u8; 16];
    let mut incoming = Incoming::new(&mut buffer);
    let received = receive_message(endpoint, &mut incoming, 1)
        .map_err(|error| format!("closure of badge {badge}: {error}"))?;
    let message = received.message;
    check(
        &format!("closure of badge {badge}: got {message:?}, badge {}", incoming.badge()),
        message.operation == CLOSED
            && message.words == [badge, left, 0, 0]
            && incoming.badge() == badge
            && received.reply.is_none(),
    )
}

/// Nothing is waiting on `endpoint` (closures are queued by the closing
/// syscall itself, so none can be on its way).
fn nothing_waiting(endpoint: &Handle, when: &str) -> Result<(), String> {
    let received = ipc::receive_timeout(endpoint, Duration::from_nanos(1)).map(|received| received.message);
    expect(&format!("nothing waiting when {when}"), received, SysError::TimedOut)
}

fn open_handles() -> Result<u64, String> {
    libipc::sys::system_info().map(|info| info.open_handles).map_err(|error| format!("SystemInfo: {error}"))
}

/// Free frames plus those the kernel heap took (it grows and never
/// shrinks, so its growth is not a leak of ours).
fn available_frames() -> Result<u64, String> {
    let info = libipc::sys::system_info().map_err(|error| format!("SystemInfo: {error}"))?;
    Ok(info.free_frames + info.kernel_heap_mapped / 4096)
}
