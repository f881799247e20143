//! Badges: a server gives each client its own badged send handle and learns
//! from every message which one it came through; a badge cannot be
//! changed or forged, and only endpoint handles carry one.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use barodia_abi::{Rights, SysError};
use libipc::ipc::message::{Incoming, Outgoing, receive_message, send_message};
use libipc::ipc::{self, Message};

use crate::checks::{check, expect};

type Outcome = Result<String, String>;

/// The scenario `ipc-badges`.
pub fn badges() -> Outcome {
    let endpoint = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let send_and_duplicate = Rights::from_constants(&[Rights::SEND, Rights::DUPLICATE]);
    let seven = endpoint.duplicate_badged(send_and_duplicate, 7).map_err(|error| format!("badge 7: {error}"))?;
    let nine = endpoint.duplicate_badged(Rights::SEND, 9).map_err(|error| format!("badge 9: {error}"))?;
    let plain = endpoint.duplicate(Rights::SEND).map_err(|error| format!("duplicate: {error}"))?;
    // A copy of a badged handle keeps its badge, and cannot get another.
    let seven_again = seven.duplicate(Rights::SEND).map_err(|error| format!("copy of 7: {error}"))?;
    expect("re-badging a badged handle", seven.duplicate_badged(Rights::SEND, 8).map(drop), SysError::InvalidArgument)?;
    // Only endpoints carry badges.
    let child = libipc::sys::spawn("bin/kernel-tests", &["true"]).map_err(|error| format!("spawn: {error}"))?;
    let process = libipc::ipc::device::Process::open(child).map_err(|error| format!("open: {error}"))?;
    expect("a badge on a process handle", process.0.duplicate_badged(Rights::WAIT, 5).map(drop), SysError::InvalidArgument)?;
    libipc::sys::wait(child).map_err(|error| format!("wait: {error}"))?;

    // Four senders, one message each: registers only through 7, 9 and the
    // unbadged handle, and one with data through the copy of 7.
    let mut senders = Vec::new();
    for (operation, handle) in [(1u64, seven), (2, nine), (3, plain)] {
        senders.push(
            libipc::thread::spawn(move || u64::from(ipc::send(&handle, &Message { operation, words: [0; 4] }).is_err()))
                .map_err(|error| format!("spawn: {error}"))?,
        );
    }
    senders.push(
        libipc::thread::spawn(move || {
            let mut outgoing = Outgoing::new(4, b"with data");
            u64::from(send_message(&seven_again, &mut outgoing).is_err())
        })
        .map_err(|error| format!("spawn: {error}"))?,
    );
    let mut buffer = [0u8; 64];
    let mut incoming = Incoming::new(&mut buffer);
    let mut seen = Vec::new();
    for _ in 0..4 {
        let received = receive_message(&endpoint, &mut incoming, 0).map_err(|error| format!("receive: {error}"))?;
        seen.push((received.message.operation, incoming.badge()));
    }
    seen.sort_unstable();
    check("each message carries its handle's badge", seen == [(1, 7), (2, 9), (3, 0), (4, 7)])?;
    for sender in senders {
        check("every send went through", sender.join() == Ok(0))?;
    }
    Ok(String::from("(badges 7 and 9 told apart, kept on copies, not re-badged, endpoints only)"))
}
