//! Messages beyond registers: data, handle transfer, leases and grants,
//! against a server in another process (role `message-server`).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use barodia_abi::{GrantFlags, MAX_MESSAGE_DATA, Rights, SysError};
use libipc::ipc::message::{
    Grant, Incoming, Lease, Outgoing, call_message, reply_and_receive, send_message,
};
use libipc::ipc::pages::Pages;
use libipc::ipc::{self, Handle, Message};

use crate::checks::{check, expect};

type Outcome = Result<String, String>;

/// Reply with the data reversed and the received handles moved back.
const ECHO: u64 = 1;
/// Upper-case the caller's lease in place; reply its length.
const UPPER_CASE_LEASE: u64 = 2;
/// Sum the granted bytes, mark a writable grant, reply the sum; keep it.
const SUM_GRANT: u64 = 3;
/// Unmap every kept grant; reply how many were already gone (revoked).
const DROP_GRANTS: u64 = 4;
/// Read 8 bytes at word 0 of the lease and reply them (for hostile tests).
const READ_LEASE_AT: u64 = 5;
/// Reply and exit.
const EXIT: u64 = 6;

/// Child role: serve extended messages on the endpoint given at spawn.
pub fn server() -> Outcome {
    let endpoint = libipc::env::initial_handle().ok_or("no endpoint given")?;
    let mut buffer = alloc::vec![0u8; MAX_MESSAGE_DATA];
    let mut incoming = Incoming::new(&mut buffer);
    let mut kept: Vec<Pages> = Vec::new();
    let mut reply_data: Vec<u8> = Vec::new();
    let mut answer = None;
    loop {
        let mut outgoing = Outgoing::default();
        let pending = answer.take().map(|(reply, message)| {
            outgoing.message = message;
            outgoing.data = &reply_data;
            (reply, &mut outgoing)
        });
        let received = reply_and_receive(pending, &endpoint, &mut incoming).map_err(|error| format!("receive: {error}"))?;
        let Some(reply) = received.reply else { continue };
        let mut message = Message::default();
        reply_data.clear();
        match received.message.operation {
            ECHO => {
                reply_data.extend(incoming.data().iter().rev());
                let handles: Vec<_> = incoming.take_handles().collect();
                message.words[0] = handles.len() as u64;
                let mut back = Outgoing::new(0, &reply_data);
                back.message.words[0] = handles.len() as u64;
                for (index, received) in handles.into_iter().enumerate() {
                    message.words[index + 1] = u64::from(received.rights.bits());
                    let _ = back.push_handle(received.handle);
                }
                back.message.words = message.words;
                match libipc::ipc::message::reply_message(reply, &mut back) {
                    Ok(()) => {}
                    // The caller made no room for data: say so in registers.
                    Err((SysError::TooLarge, Some(reply))) => {
                        let refusal = Message { operation: SysError::TooLarge as u64, words: [0; 4] };
                        ipc::reply(reply, &refusal).map_err(|error| format!("reply: {error}"))?;
                    }
                    Err((error, _)) => return Err(format!("reply: {error}")),
                }
                continue;
            }
            UPPER_CASE_LEASE => {
                let (len, _) = incoming.lease().ok_or("no lease")?;
                let mut bytes = alloc::vec![0u8; len as usize];
                if let Err(error) = reply.lease_read(0, &mut bytes) {
                    message.operation = error as u64;
                } else {
                    bytes.make_ascii_uppercase();
                    if let Err(error) = reply.lease_write(0, &bytes) {
                        message.operation = error as u64;
                    }
                }
                message.words[0] = len;
                // Past the end and against the direction: named errors.
                message.words[1] = error_code(reply.lease_read(len, &mut [0u8; 1]));
                message.words[2] = error_code(reply.lease_write(len - 1, &[0, 0]));
            }
            SUM_GRANT => {
                let (pages, flags) = incoming.take_grant().ok_or("no grant")?;
                let mut sum = 0u64;
                let mut chunk = [0u8; 256];
                for offset in (0..pages.len()).step_by(chunk.len()) {
                    pages.read(offset, &mut chunk).map_err(|error| format!("read grant: {error}"))?;
                    sum += chunk.iter().map(|byte| u64::from(*byte)).sum::<u64>();
                }
                if flags.contains(GrantFlags::WRITE) {
                    pages.write(0, &[0xAB]).map_err(|error| format!("write grant: {error}"))?;
                }
                message.words = [sum, pages.page_count(), flags.bits(), 0];
                kept.push(pages);
            }
            DROP_GRANTS => {
                let gone = kept.drain(..).filter(|pages| pages.address() != 0).map(Pages::unmap).filter(Result::is_err).count();
                message.words[0] = gone as u64;
            }
            READ_LEASE_AT => {
                let mut bytes = [0u8; 8];
                message.operation = error_code(reply.lease_read(received.message.words[0], &mut bytes));
                message.words[0] = u64::from_le_bytes(bytes);
            }
            EXIT => {
                let _ = ipc::reply(reply, &Message::default());
                return Ok(String::new());
            }
            other => message.operation = other,
        }
        answer = Some((reply, message));
    }
}

fn error_code(result: Result<(), SysError>) -> u64 {
    match result {
        Ok(()) => 0,
        Err(error) => error as u64,
    }
}



fn open_handles() -> Result<u64, String> {
    libipc::sys::system_info().map(|info| info.open_handles).map_err(|error| format!("SystemInfo: {error}"))
}

fn start_server() -> Result<(Handle, u64), String> {
    let endpoint = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let child = libipc::sys::spawn_with_handle("bin/kernel-tests", &["message-server"], Some(&endpoint))
        .map_err(|error| format!("spawn server: {error}"))?;
    Ok((endpoint, child))
}

fn stop_server(endpoint: &Handle, child: u64) -> Result<(), String> {
    ipc::call(endpoint, &Message { operation: EXIT, words: [0; 4] }).map_err(|error| format!("exit call: {error}"))?;
    let status = libipc::sys::wait(child).map_err(|error| format!("wait: {error}"))?;
    check("server exit status", status == 0)
}

/// Data both ways, handles moved there and back, and failed sends that
/// leave the sender's handles where they were.
pub fn messages() -> Outcome {
    let baseline = open_handles()?;
    let (endpoint, child) = start_server()?;
    let data: Vec<u8> = (0..MAX_MESSAGE_DATA).map(|index| index as u8).collect();
    let mut reply_buffer = alloc::vec![0u8; MAX_MESSAGE_DATA];
    let mut reply = Incoming::new(&mut reply_buffer);
    for len in [0usize, 1, 33, 4095, MAX_MESSAGE_DATA] {
        let mut outgoing = Outgoing::new(ECHO, &data[..len]);
        call_message(&endpoint, &mut outgoing, Some(&mut reply)).map_err(|error| format!("echo {len}: {error}"))?;
        let expected: Vec<u8> = data[..len].iter().rev().copied().collect();
        check(&format!("echo of {len} bytes"), reply.data() == expected.as_slice())?;
    }

    // Move two handles there and get them back with the rights they had.
    let first = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let second = first
        .duplicate(Rights::from_constants(&[Rights::SEND, Rights::TRANSFER]))
        .map_err(|error| format!("duplicate: {error}"))?;
    let mut outgoing = Outgoing::new(ECHO, b"handles");
    outgoing.push_handle(first).map_err(|_| "push")?;
    outgoing.push_handle(second).map_err(|_| "push")?;
    let answer = call_message(&endpoint, &mut outgoing, Some(&mut reply)).map_err(|error| format!("echo handles: {error}"))?;
    check("handles moved out", outgoing.handles.iter().all(Option::is_none))?;
    check("server saw two handles", answer.words[0] == 2)?;
    let returned: Vec<_> = reply.take_handles().collect();
    check("two handles came back", returned.len() == 2)?;
    let send_transfer = Rights::from_constants(&[Rights::SEND, Rights::TRANSFER]);
    check("rights travel with handles", returned[1].rights == send_transfer && answer.words[2] == u64::from(send_transfer.bits()))?;
    check("object type reported", returned[0].object == Some(barodia_abi::ObjectType::Endpoint))?;
    // The moved-back endpoint works: a call on it from a thread here.
    let back = returned.into_iter().next().ok_or("no handle")?.handle;
    expect("send to a moved endpoint nobody receives on, timed", ipc::receive_timeout(&back, core::time::Duration::from_millis(1)), SysError::TimedOut)?;
    drop(back);

    // Handles without TRANSFER, stale handles, and the same handle twice are
    // refused, and the sender keeps every handle it had.
    let keep = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let no_transfer = keep.duplicate(Rights::SEND).map_err(|error| format!("duplicate: {error}"))?;
    let mut outgoing = Outgoing::new(ECHO, b"x");
    outgoing.push_handle(no_transfer).map_err(|_| "push")?;
    let before = open_handles()?;
    expect("move without TRANSFER", call_message(&endpoint, &mut outgoing, Some(&mut reply)), SysError::MissingRights)?;
    check("no handle moved or lost by a refused send", open_handles()? == before)?;
    let still_there = outgoing.handles[0].take().ok_or("handle taken on failure")?;
    let stale = Handle::from_raw(keep.duplicate(Rights::TRANSFER).map_err(|error| format!("dup: {error}"))?.into_raw());
    let stale_raw = stale.raw();
    drop(stale);
    let mut outgoing = Outgoing::new(ECHO, b"x");
    outgoing.handles[0] = Some(Handle::from_raw(stale_raw));
    expect("move a closed handle", call_message(&endpoint, &mut outgoing, Some(&mut reply)), SysError::StaleHandle)?;
    let _ = outgoing.handles[0].take().map(Handle::into_raw);
    let mut outgoing = Outgoing::new(ECHO, b"x");
    outgoing.handles[0] = Some(Handle::from_raw(keep.raw()));
    outgoing.handles[1] = Some(Handle::from_raw(keep.raw()));
    expect("move one handle twice", call_message(&endpoint, &mut outgoing, Some(&mut reply)), SysError::InvalidArgument)?;
    outgoing.handles.iter_mut().filter_map(Option::take).for_each(|handle| {
        let _ = handle.into_raw();
    });
    keep.duplicate(Rights::SEND).map_err(|error| format!("handle lost after a refused send: {error}"))?;

    // A reply with data to a caller that made no room for it: the server
    // learns TooLarge, answers with registers instead, and serves on.
    let answer = call_message(&endpoint, &mut Outgoing::new(ECHO, b"abc"), None)
        .map_err(|error| format!("echo without room: {error}"))?;
    check("reply too large for the caller", answer.operation == SysError::TooLarge as u64)?;

    // Data over the limit is refused before anything happens.
    let huge = alloc::vec![0u8; MAX_MESSAGE_DATA + 1];
    expect("data over the limit", call_message(&endpoint, &mut Outgoing::new(ECHO, &huge), Some(&mut reply)), SysError::InvalidArgument)?;
    let one_way = send_message(&endpoint, &mut Outgoing::new(ECHO, b"one way"));
    check("one-way data message", one_way.is_ok())?;

    drop(keep);
    drop(still_there);
    stop_server(&endpoint, child)?;
    drop(endpoint);
    drop(reply);
    let after = open_handles()?;
    check(&format!("handles back to baseline ({baseline} -> {after})"), after == baseline)?;
    Ok(String::from("echo 0..4096 bytes, 2 handles there and back, refusals keep handles"))
}

/// Leases: the server reads and writes the caller's memory only within the
/// lease, only in the lent direction, and only until it replies.
pub fn leases() -> Outcome {
    let (endpoint, child) = start_server()?;
    let mut text = *b"lent memory, upper-cased by the server";
    let mut outgoing = Outgoing::new(UPPER_CASE_LEASE, &[]);
    outgoing.lease = Some(Lease::ReadWrite(&mut text));
    let answer = call_message(&endpoint, &mut outgoing, None).map_err(|error| format!("lease call: {error}"))?;
    drop(outgoing);
    check("lease upper-cased", &text == b"LENT MEMORY, UPPER-CASED BY THE SERVER")?;
    check("lease length seen", answer.words[0] == text.len() as u64)?;
    check("read past the end is OutOfRange", answer.words[1] == SysError::OutOfRange as u64)?;
    check("write past the end is OutOfRange", answer.words[2] == SysError::OutOfRange as u64)?;

    // A read-only lease cannot be written.
    let read_only = *b"read only";
    let mut outgoing = Outgoing::new(UPPER_CASE_LEASE, &[]);
    outgoing.lease = Some(Lease::Read(&read_only));
    let answer = call_message(&endpoint, &mut outgoing, None).map_err(|error| format!("read-only lease: {error}"))?;
    check("write to a read-only lease is MissingRights", answer.operation == SysError::MissingRights as u64)?;
    // A write-only lease cannot be read.
    let mut write_only = [0u8; 8];
    let mut outgoing = Outgoing::new(UPPER_CASE_LEASE, &[]);
    outgoing.lease = Some(Lease::Write(&mut write_only));
    let answer = call_message(&endpoint, &mut outgoing, None).map_err(|error| format!("write-only lease: {error}"))?;
    check("read of a write-only lease is MissingRights", answer.operation == SysError::MissingRights as u64)?;
    // Offsets that overflow are OutOfRange, never a wrap-around.
    let bytes = 42u64.to_le_bytes();
    let mut outgoing = Outgoing::new(READ_LEASE_AT, &[]);
    outgoing.message.words[0] = u64::MAX - 2;
    outgoing.lease = Some(Lease::Read(&bytes));
    let answer = call_message(&endpoint, &mut outgoing, None).map_err(|error| format!("overflow lease: {error}"))?;
    check("offset near u64::MAX is OutOfRange", answer.operation == SysError::OutOfRange as u64)?;
    let mut outgoing = Outgoing::new(READ_LEASE_AT, &[]);
    outgoing.lease = Some(Lease::Read(&bytes));
    let answer = call_message(&endpoint, &mut outgoing, None).map_err(|error| format!("lease read: {error}"))?;
    check("lease read at 0", answer.operation == 0 && answer.words[0] == 42)?;
    // A lease on a one-way send is refused.
    let mut outgoing = Outgoing::new(ECHO, &[]);
    outgoing.lease = Some(Lease::Read(&bytes));
    expect("lease on a send", send_message(&endpoint, &mut outgoing), SysError::InvalidArgument)?;
    stop_server(&endpoint, child)?;
    Ok(String::from("read/write within bounds; past-end, wrong-direction and overflow refused"))
}

/// Grants: shared read-only and writable pages, moved pages, and shared
/// grants revoked when the granter unmaps them.
pub fn grants() -> Outcome {
    // The first round warms up what stays (this process's heap and page
    // tables); the second must then leave the frame count exactly as it was.
    grant_round()?;
    let baseline = available_frames()?;
    grant_round()?;
    let after = available_frames()?;
    check(&format!("frames back to baseline ({baseline} -> {after})"), after == baseline)?;
    Ok(format!("shared ro/rw, moved, revoked on unmap; {after} frames free before and after"))
}

fn grant_round() -> Result<(), String> {
    let (endpoint, child) = start_server()?;
    let pages = Pages::allocate(16).map_err(|error| format!("allocate: {error}"))?;
    for page in 0..16usize {
        pages.write(page * 4096, &[1u8; 16]).map_err(|error| format!("fill: {error}"))?;
    }
    let mut outgoing = Outgoing::new(SUM_GRANT, &[]);
    outgoing.grant = Some(Grant::Shared { pages: &pages, writable: false });
    let answer = call_message(&endpoint, &mut outgoing, None).map_err(|error| format!("shared grant: {error}"))?;
    check("server summed 16 shared pages", answer.words[0] == 16 * 16 && answer.words[1] == 16)?;
    check("read-only flags", answer.words[2] == GrantFlags::SHARED_READ.bits())?;

    let mut outgoing = Outgoing::new(SUM_GRANT, &[]);
    outgoing.grant = Some(Grant::Shared { pages: &pages, writable: true });
    call_message(&endpoint, &mut outgoing, None).map_err(|error| format!("writable grant: {error}"))?;
    let mut first = [0u8; 1];
    pages.read(0, &mut first).map_err(|error| format!("read back: {error}"))?;
    check("the server's write is visible to the granter", first[0] == 0xAB)?;

    // Unmapping the pages revokes both shared grants in the server.
    pages.unmap().map_err(|error| format!("unmap: {error}"))?;
    let moved = Pages::allocate(2).map_err(|error| format!("allocate: {error}"))?;
    moved.write(0, &[3u8; 4]).map_err(|error| format!("fill: {error}"))?;
    let mut outgoing = Outgoing::new(SUM_GRANT, &[]);
    outgoing.grant = Some(Grant::Move(moved));
    let answer = call_message(&endpoint, &mut outgoing, None).map_err(|error| format!("moved grant: {error}"))?;
    check("moved pages arrived", answer.words[0] == 12 && answer.words[1] == 2)?;
    check("moved pages left the sender", outgoing.grant.is_none())?;
    let answer = ipc::call(&endpoint, &Message { operation: DROP_GRANTS, words: [0; 4] })
        .map_err(|error| format!("drop grants: {error}"))?;
    check(&format!("two shared grants revoked, the moved one kept ({} gone)", answer.words[0]), answer.words[0] == 2)?;

    // A moved grant must be one whole region: part of one is refused, and
    // the sender keeps its pages.
    let region = Pages::allocate(1).map_err(|error| format!("allocate: {error}"))?;
    let mut outgoing = Outgoing::new(SUM_GRANT, &[]);
    outgoing.grant = Some(Grant::Shared { pages: &region, writable: true });
    call_message(&endpoint, &mut outgoing, None).map_err(|error| format!("one-page grant: {error}"))?;
    drop(outgoing);
    drop(region);

    stop_server(&endpoint, child)
}

/// Free frames plus those the kernel heap took (it grows and never
/// shrinks, so its growth is not a leak of ours).
fn available_frames() -> Result<u64, String> {
    let info = libipc::sys::system_info().map_err(|error| format!("SystemInfo: {error}"))?;
    Ok(info.free_frames + info.kernel_heap_mapped / 4096)
}
