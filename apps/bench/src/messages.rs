//! Benchmarks of messages beyond registers: a handle moved there and back, a
//! 4 KiB lease read by the server, and page grants.
//!
//! The server is this program in its `serve-messages` role, looping on
//! `reply_and_receive` as a real server would.

use alloc::format;
use alloc::string::String;

use libipc::ipc::message::{Grant, Incoming, Lease, Outgoing, call_message, reply_and_receive};
use libipc::ipc::pages::Pages;
use libipc::ipc::{self, Handle, Message};
use libipc::sys;

use crate::benchmarks::Outcome;
use crate::measure::Meter;
use crate::server::Server;

/// The server role's argument.
pub const SERVE_ROLE: &str = "serve-messages";

/// Reply with the handle that came (moved back).
const HANDLE_BACK: u64 = 1;
/// Read the whole lease, then reply.
const READ_LEASE: u64 = 2;
/// Take the grant, unmap it, reply.
const TAKE_GRANT: u64 = 3;
/// Reply and end.
const STOP: u64 = 4;

/// Server role.
pub fn serve() {
    let Some(endpoint) = libipc::env::initial_handle() else { sys::exit(1) };
    let mut buffer = [0u8; 64];
    let mut incoming = Incoming::new(&mut buffer);
    let mut lease = alloc::vec![0u8; 4096];
    let mut answer: Option<(ipc::ReplyHandle, Option<Handle>)> = None;
    loop {
        let mut outgoing = Outgoing::default();
        let pending = answer.take().map(|(reply, handle)| {
            if let Some(handle) = handle {
                let _ = outgoing.push_handle(handle);
            }
            (reply, &mut outgoing)
        });
        let Ok(received) = reply_and_receive(pending, &endpoint, &mut incoming) else { return };
        let Some(reply) = received.reply else { continue };
        let mut back = None;
        match received.message.operation {
            HANDLE_BACK => back = incoming.take_handles().next().map(|received| received.handle),
            READ_LEASE => {
                let _ = reply.lease_read(0, &mut lease);
            }
            TAKE_GRANT => drop(incoming.take_grant()),
            STOP => {
                let _ = ipc::reply(reply, &Message::default());
                return;
            }
            _ => {}
        }
        answer = Some((reply, back));
    }
}

/// Runs `iterations` calls made by `call`, recording the first failure.
fn measure(meter: &Meter, iterations: usize, mut call: impl FnMut() -> Result<(), String>) -> Outcome {
    let mut failure = None;
    let summary = meter.each(iterations, |index| {
        if let Err(why) = call()
            && failure.is_none()
        {
            failure = Some(format!("call {index}: {why}"));
        }
    });
    match failure {
        Some(why) => Err(why),
        None => Ok(summary.into()),
    }
}

/// A call that moves one handle to the server, which moves it back.
pub fn call_with_handle(meter: &Meter) -> Outcome {
    let server = Server::start(SERVE_ROLE, STOP)?;
    let mut carried = Some(ipc::create_endpoint().map_err(|error| format!("create: {error}"))?);
    let mut buffer = [0u8; 16];
    let mut reply = Incoming::new(&mut buffer);
    measure(meter, 2_000, || {
        let mut outgoing = Outgoing::new(HANDLE_BACK, &[]);
        let handle = carried.take().ok_or("the handle did not come back")?;
        let _ = outgoing.push_handle(handle);
        call_message(&server.endpoint, &mut outgoing, Some(&mut reply)).map_err(|error| format!("{error}"))?;
        carried = reply.take_handles().next().map(|received| received.handle);
        Ok(())
    })
}

/// A call lending 4 KiB that the server reads in full.
pub fn call_with_lease_4k(meter: &Meter) -> Outcome {
    let server = Server::start(SERVE_ROLE, STOP)?;
    let data = alloc::vec![7u8; 4096];
    measure(meter, 2_000, || {
        let mut outgoing = Outgoing::new(READ_LEASE, &[]);
        outgoing.lease = Some(Lease::Read(&data));
        call_message(&server.endpoint, &mut outgoing, None).map(drop).map_err(|error| format!("{error}"))
    })
}

fn grant(meter: &Meter, pages: u64) -> Outcome {
    let server = Server::start(SERVE_ROLE, STOP)?;
    let granted = Pages::allocate(pages).map_err(|error| format!("allocate: {error}"))?;
    for page in 0..pages as usize {
        granted.write(page * 4096, &[1]).map_err(|error| format!("touch: {error}"))?;
    }
    measure(meter, 1_000, || {
        let mut outgoing = Outgoing::new(TAKE_GRANT, &[]);
        outgoing.grant = Some(Grant::Shared { pages: &granted, writable: true });
        call_message(&server.endpoint, &mut outgoing, None).map(drop).map_err(|error| format!("{error}"))
    })
}

/// A call granting one shared page, which the server maps and unmaps.
pub fn grant_1_page(meter: &Meter) -> Outcome {
    grant(meter, 1)
}

/// As [`grant_1_page`] with 16 pages.
pub fn grant_16_pages(meter: &Meter) -> Outcome {
    grant(meter, 16)
}
