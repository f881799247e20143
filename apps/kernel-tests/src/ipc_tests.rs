//! IPC scenarios: calls within and across processes, rights, peer death.

use alloc::format;
use alloc::string::String;

use barodia_abi::{Rights, SysError};
use libipc::ipc::{self, Handle, Message};

use crate::checks::{check, expect};

type Outcome = Result<String, String>;

/// Operation numbers the test server understands.
const ADD_ONE: u64 = 1;
const EXIT_WITHOUT_REPLY: u64 = 2;
const EXIT: u64 = 3;

/// Child role: serve the endpoint passed at spawn.
pub fn server() -> Outcome {
    let endpoint = libipc::env::initial_handle().ok_or("no endpoint given")?;
    serve(&endpoint)
}

fn serve(endpoint: &Handle) -> Outcome {
    loop {
        let received = ipc::receive(endpoint).map_err(|error| format!("receive: {error}"))?;
        let Some(reply) = received.reply else { continue };
        match received.message.operation {
            ADD_ONE => {
                let words = received.message.words.map(|word| word.wrapping_add(1));
                ipc::reply(reply, &Message { operation: 0, words }).map_err(|error| format!("reply: {error}"))?;
            }
            EXIT_WITHOUT_REPLY => libipc::sys::exit(0),
            EXIT => {
                let _ = ipc::reply(reply, &Message::default());
                return Ok(String::new());
            }
            other => {
                let _ = ipc::reply(reply, &Message { operation: other, words: [0; 4] });
            }
        }
    }
}

fn add_one(endpoint: &Handle, base: u64) -> Result<(), String> {
    let message = Message { operation: ADD_ONE, words: [base, base + 1, base + 2, base + 3] };
    let reply = ipc::call(endpoint, &message).map_err(|error| format!("call: {error}"))?;
    if reply.operation != 0 || reply.words != [base + 1, base + 2, base + 3, base + 4] {
        return Err(format!("wrong reply {reply:?} to {message:?}"));
    }
    Ok(())
}


/// Calls between two threads of one process, and between two processes.
pub fn calls() -> Outcome {
    let endpoint = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let server_side = endpoint.duplicate(Rights::RECEIVE).map_err(|error| format!("duplicate: {error}"))?;
    let thread = libipc::thread::spawn(move || match serve(&server_side) {
        Ok(_) => 0,
        Err(_) => 1,
    })
    .map_err(|error| format!("spawn server thread: {error}"))?;
    for base in 0..100 {
        add_one(&endpoint, base * 10)?;
    }
    ipc::call(&endpoint, &Message { operation: EXIT, words: [0; 4] }).map_err(|error| format!("exit call: {error}"))?;
    let code = thread.join().map_err(|error| format!("join: {error}"))?;
    if code != 0 {
        return Err(format!("server thread ended with {code}"));
    }

    let child = libipc::sys::spawn_with_handle("bin/kernel-tests", &["ipc-server"], Some(&endpoint))
        .map_err(|error| format!("spawn server: {error}"))?;
    for base in 0..100 {
        add_one(&endpoint, base * 7)?;
    }
    ipc::call(&endpoint, &Message { operation: EXIT, words: [0; 4] }).map_err(|error| format!("exit call: {error}"))?;
    libipc::sys::wait(child).map_err(|error| format!("wait: {error}"))?;
    receive_times_out()?;
    calls_to_a_receiver_with_a_record()?;
    reply_and_wait_with_a_caller_queued()?;
    Ok(String::from(
        "(100 calls between threads, 100 between processes, receive timeout, register calls to a receiver \
         with a record, ReplyAndWait with a caller queued)",
    ))
}

/// Register-only calls to a server waiting with a message record, through
/// a badged and an unbadged handle (the kernel's register fast path takes
/// the unbadged ones straight to the server): each gets its answer, and
/// the server learns exactly the badge of the handle each came through,
/// with its record otherwise untouched.
fn calls_to_a_receiver_with_a_record() -> Result<(), String> {
    use libipc::ipc::message::{Incoming, receive_message};

    let endpoint = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let badged = endpoint.duplicate_badged(Rights::SEND, 5).map_err(|error| format!("badge: {error}"))?;
    let plain = endpoint.duplicate(Rights::SEND).map_err(|error| format!("duplicate: {error}"))?;
    let server = libipc::thread::spawn(move || {
        let mut buffer = [0u8; 16];
        let mut incoming = Incoming::new(&mut buffer);
        // Each call's answer: its operation plus 100 times the badge seen,
        // or 1,000 if the record said it carried anything beyond registers.
        for _ in 0..20 {
            let Ok(received) = receive_message(&endpoint, &mut incoming, 0) else { return 1 };
            let Some(reply) = received.reply else { return 1 };
            let extended =
                received.message.operation & barodia_abi::OPERATION_EXTENDED != 0 || !incoming.data().is_empty();
            let answer = received.message.operation + 100 * incoming.badge() + if extended { 1000 } else { 0 };
            if ipc::reply(reply, &Message { operation: 0, words: [answer, 0, 0, 0] }).is_err() {
                return 1;
            }
        }
        0
    })
    .map_err(|error| format!("spawn: {error}"))?;
    for round in 0..10u64 {
        for (handle, badge) in [(&plain, 0u64), (&badged, 5)] {
            let operation = round + 1;
            let call = ipc::call(handle, &Message { operation, words: [0; 4] });
            let answer = call.map_err(|error| format!("call: {error}"))?;
            let expected = operation + 100 * badge;
            check("a register call to a receiver with a record learns just its badge", answer.words[0] == expected)?;
        }
    }
    check("the server with a record served every call", server.join() == Ok(0))?;
    Ok(())
}

/// `ReplyAndWait` when a second caller is already queued on the endpoint:
/// the first caller gets its answer and the queued call is received at
/// once (the kernel's fast path hands this case to the general one).
fn reply_and_wait_with_a_caller_queued() -> Result<(), String> {
    let endpoint = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let caller = |operation: u64| {
        let handle = endpoint.duplicate(Rights::SEND).map_err(|error| format!("duplicate: {error}"))?;
        libipc::thread::spawn(move || match ipc::call(&handle, &Message { operation, words: [operation; 4] }) {
            Ok(answer) if answer.words == [operation + 1; 4] => 0,
            _ => 1,
        })
        .map_err(|error| format!("spawn: {error}"))
    };
    let first = caller(10)?;
    let received = ipc::receive(&endpoint).map_err(|error| format!("receive: {error}"))?;
    let reply = received.reply.ok_or("no reply handle")?;
    let second = caller(20)?;
    // Long enough for the second caller to start and queue its call.
    libipc::time::sleep(core::time::Duration::from_millis(20));
    let answer = Message { operation: 0, words: [11; 4] };
    let next = ipc::reply_and_wait(reply, &answer).map_err(|error| format!("reply_and_wait: {error}"))?;
    check("ReplyAndWait takes the call that was queued", next.message.operation == 20)?;
    let reply = next.reply.ok_or("no reply handle")?;
    ipc::reply(reply, &Message { operation: 0, words: [21; 4] }).map_err(|error| format!("reply: {error}"))?;
    check("the first caller got its answer", first.join() == Ok(0))?;
    check("the queued caller got its answer", second.join() == Ok(0))?;
    Ok(())
}

/// A receive with a timeout and no sender ends with `TimedOut` after the
/// timeout, and leaves the endpoint usable.
fn receive_times_out() -> Result<(), String> {
    let endpoint = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let start = libipc::time::now();
    let result = ipc::receive_timeout(&endpoint, core::time::Duration::from_millis(30)).map(|_| ());
    let waited = libipc::time::now().saturating_sub(start);
    expect("receive with nobody sending", result, SysError::TimedOut)?;
    if waited < core::time::Duration::from_millis(30) {
        return Err(format!("receive timed out after {waited:?}, before its 30 ms"));
    }
    let server_side = endpoint.duplicate(Rights::RECEIVE).map_err(|error| format!("duplicate: {error}"))?;
    let server = libipc::thread::spawn(move || match serve(&server_side) {
        Ok(_) => 0,
        Err(_) => 1,
    })
    .map_err(|error| format!("spawn: {error}"))?;
    add_one(&endpoint, 41)?;
    ipc::call(&endpoint, &Message { operation: EXIT, words: [0; 4] }).map_err(|error| format!("exit call: {error}"))?;
    server.join().map_err(|error| format!("join: {error}"))?;
    Ok(())
}

/// Each IPC operation without the right it needs, or with a bad handle,
/// gets its named error.
pub fn rights() -> Outcome {
    let endpoint = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let send_only = endpoint.duplicate(Rights::SEND).map_err(|error| format!("{error}"))?;
    let receive_only = endpoint.duplicate(Rights::RECEIVE).map_err(|error| format!("{error}"))?;
    expect("receive with a send-only handle", ipc::receive(&send_only).map(|_| ()), SysError::MissingRights)?;
    expect("call with a receive-only handle", ipc::call(&receive_only, &Message::default()), SysError::MissingRights)?;
    expect("send with a receive-only handle", ipc::send(&receive_only, &Message::default()), SysError::MissingRights)?;
    expect("duplicate without the duplicate right", send_only.duplicate(Rights::SEND), SysError::MissingRights)?;
    let narrow = endpoint.duplicate(Rights::from_constants(&[Rights::SEND, Rights::DUPLICATE])).map_err(|e| format!("{e}"))?;
    expect("duplicate widening rights", narrow.duplicate(Rights::RECEIVE), SysError::MissingRights)?;
    let bogus = Handle::from_raw(0x7_0000_0123);
    expect("call with a never-issued handle", ipc::call(&bogus, &Message::default()), SysError::InvalidHandle)?;
    core::mem::forget(bogus);
    let stale_raw = send_only.raw();
    drop(send_only);
    let stale = Handle::from_raw(stale_raw);
    expect("call with a closed handle", ipc::call(&stale, &Message::default()), SysError::StaleHandle)?;
    core::mem::forget(stale);
    let spawn_without_transfer = libipc::sys::spawn_with_handle("bin/kernel-tests", &["true"], Some(&narrow));
    expect("giving a handle without the transfer right", spawn_without_transfer, SysError::MissingRights)?;
    Ok(String::from("(7 refusals)"))
}

/// A server that dies before replying, or an endpoint with no receiver
/// left, fails the caller with `PeerGone` instead of hanging it.
pub fn peer_gone() -> Outcome {
    let endpoint = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let child = libipc::sys::spawn_with_handle("bin/kernel-tests", &["ipc-server"], Some(&endpoint))
        .map_err(|error| format!("spawn server: {error}"))?;
    let client = endpoint.duplicate(Rights::SEND).map_err(|error| format!("{error}"))?;
    drop(endpoint);
    add_one(&client, 5)?;
    let dying = ipc::call(&client, &Message { operation: EXIT_WITHOUT_REPLY, words: [0; 4] });
    expect("call to a server that exits without replying", dying, SysError::PeerGone)?;
    libipc::sys::wait(child).map_err(|error| format!("wait: {error}"))?;
    expect("call with no receiver left", ipc::call(&client, &Message::default()), SysError::PeerGone)?;
    Ok(String::from("(server death and lost receiver both reported)"))
}

/// Child role: call the endpoint from a second thread, then die by a fault
/// while that call waits for its reply.
pub fn call_then_die() -> Outcome {
    let endpoint = libipc::env::initial_handle().ok_or("no endpoint given")?;
    libipc::thread::spawn(move || {
        let _ = ipc::call(&endpoint, &Message { operation: ADD_ONE, words: [1; 4] });
        0
    })
    .map_err(|error| format!("spawn: {error}"))?;
    libipc::time::sleep(core::time::Duration::from_millis(20));
    libipc::diagnostics::provoke(libipc::diagnostics::Fault::NullRead)
}

/// Hostile ways of replying: twice, with the wrong kind of handle, and to a
/// caller that has died; each gets its named error and the server goes on.
pub fn hostile_replies() -> Outcome {
    let endpoint = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let child = libipc::sys::spawn_with_handle("bin/kernel-tests", &["call-then-die"], Some(&endpoint))
        .map_err(|error| format!("spawn: {error}"))?;
    let received = ipc::receive(&endpoint).map_err(|error| format!("receive: {error}"))?;
    let reply = received.reply.ok_or("a call came without a reply handle")?;
    let status = libipc::sys::wait(child).map_err(|error| format!("wait: {error}"))?;
    let reason = libipc::sys::ExitReason::from_status(status);
    if reason != (libipc::sys::ExitReason::Fault { vector: barodia_abi::vector::PAGE_FAULT }) {
        return Err(format!("the caller was not ended by its page fault ({reason})"));
    }
    expect("reply to a caller that died", ipc::reply(reply, &Message::default()), SysError::PeerGone)?;

    // Reply twice: the second use names a handle that is gone.
    let server_side = endpoint.duplicate(Rights::RECEIVE).map_err(|error| format!("duplicate: {error}"))?;
    let client_side = endpoint.duplicate(Rights::SEND).map_err(|error| format!("duplicate: {error}"))?;
    let caller = libipc::thread::spawn(move || match ipc::call(&client_side, &Message::default()) {
        Ok(_) => 0,
        Err(_) => 1,
    })
    .map_err(|error| format!("spawn: {error}"))?;
    let received = ipc::receive(&server_side).map_err(|error| format!("receive: {error}"))?;
    let reply = received.reply.ok_or("no reply handle")?;
    let raw = libipc::ipc::ReplyHandle::raw(&reply);
    ipc::reply(reply, &Message::default()).map_err(|error| format!("first reply: {error}"))?;
    let again = libipc::ipc::ReplyHandle::from_raw(raw);
    expect("second reply", ipc::reply(again, &Message::default()), SysError::StaleHandle)?;
    caller.join().map_err(|error| format!("join: {error}"))?;

    // An endpoint handle where a reply handle belongs, and the reverse.
    let as_reply = libipc::ipc::ReplyHandle::from_raw(endpoint.raw());
    expect("reply through an endpoint handle", ipc::reply(as_reply, &Message::default()), SysError::WrongType)?;
    reply_and_wait_misuse(&endpoint)?;
    Ok(String::from("(dead caller, double reply, wrong handle type, ReplyAndWait misuse)"))
}

/// `ReplyAndWait` from a thread that never received: the reply still goes
/// out, then the call fails with `InvalidHandle` (there is no endpoint to
/// wait on); and after a caller died, the server answers into the void
/// and receives the next call as usual.
fn reply_and_wait_misuse(endpoint: &ipc::Handle) -> Result<(), String> {
    let server_side = endpoint.duplicate(Rights::RECEIVE).map_err(|error| format!("duplicate: {error}"))?;
    let sender = || endpoint.duplicate(Rights::SEND).map_err(|error| format!("duplicate: {error}"));
    let client_side = sender()?;
    let caller = libipc::thread::spawn(move || match ipc::call(&client_side, &Message { operation: 7, words: [1, 2, 3, 4] }) {
        Ok(answer) if answer.words == [5, 6, 7, 8] => 0,
        _ => 1,
    })
    .map_err(|error| format!("spawn: {error}"))?;
    let received = ipc::receive(&server_side).map_err(|error| format!("receive: {error}"))?;
    let reply = received.reply.ok_or("no reply handle")?;
    // A fresh thread answers: it has never received, so nothing to wait on.
    let fresh = libipc::thread::spawn(move || {
        match ipc::reply_and_wait(reply, &Message { operation: 0, words: [5, 6, 7, 8] }) {
            Err(SysError::InvalidHandle) => 0,
            _ => 1,
        }
    })
    .map_err(|error| format!("spawn: {error}"))?;
    check("ReplyAndWait without an earlier receive is InvalidHandle", fresh.join() == Ok(0))?;
    check("its reply still reached the caller", caller.join() == Ok(0))?;

    // A caller that dies before its answer: ReplyAndWait answers nobody and
    // takes the next call.
    let child = libipc::sys::spawn_with_handle("bin/kernel-tests", &["call-then-die"], Some(endpoint))
        .map_err(|error| format!("spawn: {error}"))?;
    let received = ipc::receive(&server_side).map_err(|error| format!("receive: {error}"))?;
    let dead = received.reply.ok_or("no reply handle")?;
    libipc::sys::wait(child).map_err(|error| format!("wait: {error}"))?;
    let client_side = sender()?;
    let next = libipc::thread::spawn(move || match ipc::call(&client_side, &Message { operation: 9, words: [0; 4] }) {
        Ok(_) => 0,
        Err(_) => 1,
    })
    .map_err(|error| format!("spawn: {error}"))?;
    let received = ipc::reply_and_wait(dead, &Message::default()).map_err(|error| format!("reply_and_wait: {error}"))?;
    check("ReplyAndWait after a dead caller receives the next call", received.message.operation == 9)?;
    let reply = received.reply.ok_or("no reply handle")?;
    ipc::reply(reply, &Message::default()).map_err(|error| format!("reply: {error}"))?;
    check("the next caller got its answer", next.join() == Ok(0))?;
    Ok(())
}
