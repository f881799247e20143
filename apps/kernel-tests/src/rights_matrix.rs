//! The rights matrix: every operation that needs a right, tried through a
//! handle that has every right of its object but that one, must fail with
//! `MissingRights` (and succeed with it, so the test proves the right is
//! what decides).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use barodia_abi::{Rights, SysError};
use libipc::ipc::device::{DeviceMemory, Irq, Platform, Ports, Process};
use libipc::ipc::message::{Outgoing, send_message};
use libipc::ipc::{self, Handle, Message};

type Outcome = Result<String, String>;

/// One row: an operation, the right it needs on the handle under test, and
/// how to try it through `handle`.
struct Row {
    operation: &'static str,
    right: Rights,
    /// A fresh handle with every right its object can have.
    make: fn(&Fixture) -> Result<Handle, SysError>,
    /// Tries the operation; must not block when the right is there.
    attempt: fn(&Fixture, Handle) -> Result<(), SysError>,
}

/// What the rows share: the platform, and an endpoint with a receiver
/// thread that answers everything.
struct Fixture {
    platform: Platform,
    served: Handle,
    idle: Handle,
}

fn endpoint(_: &Fixture) -> Result<Handle, SysError> {
    ipc::create_endpoint()
}

fn served(fixture: &Fixture) -> Result<Handle, SysError> {
    fixture.served.duplicate(Rights::from_constants(&[Rights::SEND, Rights::DUPLICATE, Rights::TRANSFER]))
}

fn irq(fixture: &Fixture) -> Result<Handle, SysError> {
    fixture.platform.claim_irq(5).map(|irq| irq.0)
}

fn ports(fixture: &Fixture) -> Result<Handle, SysError> {
    fixture.platform.claim_ports(0x80, 1).map(|ports| ports.0)
}

fn spinner(_: &Fixture) -> Result<Handle, SysError> {
    let child = libipc::sys::spawn("bin/kernel-tests", &["spin"])?;
    Process::open(child).map(|process| process.0)
}

fn vga(fixture: &Fixture) -> Result<Handle, SysError> {
    fixture.platform.claim_memory(0xB8000, 1).map(|memory| memory.handle)
}

fn process(_: &Fixture) -> Result<Handle, SysError> {
    let child = libipc::sys::spawn("bin/kernel-tests", &["true"])?;
    Process::open(child).map(|process| process.0)
}

const ROWS: [Row; 16] = [
    Row { operation: "call", right: Rights::SEND, make: served, attempt: |_, handle| {
        ipc::call(&handle, &Message::default()).map(|_| ())
    } },
    Row { operation: "call lending a page", right: Rights::SEND, make: served, attempt: |_, handle| {
        let page = libipc::ipc::pages::Pages::allocate(1)?;
        libipc::ipc::loan::call_with_loan(&handle, 0, [0; 3], &page, false).map(|_| ())
    } },
    Row { operation: "send with data", right: Rights::SEND, make: served, attempt: |_, handle| {
        send_message(&handle, &mut Outgoing::new(0, b"data"))
    } },
    Row { operation: "receive", right: Rights::RECEIVE, make: endpoint, attempt: |_, handle| {
        match ipc::receive_timeout(&handle, core::time::Duration::from_millis(1)) {
            Err(SysError::TimedOut) => Ok(()),
            other => other.map(|_| ()),
        }
    } },
    Row { operation: "closure notifications", right: Rights::RECEIVE, make: endpoint, attempt: |_, handle| {
        handle.notify_closed(1)
    } },
    Row { operation: "duplicate", right: Rights::DUPLICATE, make: endpoint, attempt: |_, handle| {
        handle.duplicate(Rights::NONE).map(drop)
    } },
    Row { operation: "move in a message", right: Rights::TRANSFER, make: endpoint, attempt: |fixture, handle| {
        let mut outgoing = Outgoing::new(0, &[]);
        let _ = outgoing.push_handle(handle);
        let result = send_message(&fixture.served, &mut outgoing);
        outgoing.handles.iter_mut().filter_map(Option::take).for_each(drop);
        result
    } },
    Row { operation: "give at spawn", right: Rights::TRANSFER, make: endpoint, attempt: |_, handle| {
        let child = libipc::sys::spawn_with_handle("bin/kernel-tests", &["true"], Some(&handle))?;
        libipc::sys::wait(child).map(drop)
    } },
    Row { operation: "IRQ bind", right: Rights::WAIT, make: irq, attempt: |fixture, handle| {
        Irq(handle).bind(&fixture.idle, 1)
    } },
    Row { operation: "IRQ acknowledge", right: Rights::SIGNAL, make: irq, attempt: |_, handle| {
        Irq(handle).acknowledge()
    } },
    Row { operation: "port read", right: Rights::PORT_READ, make: ports, attempt: |_, handle| {
        Ports(handle).read_u8(0x80).map(drop)
    } },
    Row { operation: "port write", right: Rights::PORT_WRITE, make: ports, attempt: |_, handle| {
        Ports(handle).write_u8(0x80, 0)
    } },
    Row { operation: "exit notification", right: Rights::WAIT, make: process, attempt: |fixture, handle| {
        Process(handle).notify_on_exit(&fixture.idle, 1)
    } },
    Row { operation: "kill", right: Rights::SIGNAL, make: spinner, attempt: |_, handle| Process(handle).kill() },
    Row { operation: "map device memory", right: Rights::MAP_READ, make: vga, attempt: |_, handle| {
        DeviceMemory { handle, pages: 1 }.map(false).map(drop)
    } },
    Row { operation: "map device memory writable", right: Rights::MAP_WRITE, make: vga, attempt: |_, handle| {
        DeviceMemory { handle, pages: 1 }.map(true).map(drop)
    } },
];

/// Runs every row with the right missing, then with it present.
pub fn matrix() -> Outcome {
    let platform = Platform(libipc::env::initial_handle().ok_or("no platform handle")?);
    let served = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let receiver = served.duplicate(Rights::RECEIVE).map_err(|error| format!("duplicate: {error}"))?;
    // Answers every call and takes every send, for the rows that need a
    // receiver to succeed.
    libipc::thread::spawn(move || {
        // Room for the loan row's page.
        let _window = libipc::ipc::loan::LoanWindow::create(1);
        let mut buffer = [0u8; 64];
        let mut incoming = libipc::ipc::message::Incoming::new(&mut buffer);
        loop {
            if let Ok(received) = libipc::ipc::message::receive_message(&receiver, &mut incoming, 0)
                && let Some(reply) = received.reply
            {
                let _ = ipc::reply(reply, &Message::default());
            }
        }
    })
    .map_err(|error| format!("spawn receiver: {error}"))?;
    let idle = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let fixture = Fixture { platform, served, idle };
    let mut checked = Vec::new();
    for row in &ROWS {
        let full = (row.make)(&fixture).map_err(|error| format!("{}: make handle: {error}", row.operation))?;
        let all = Rights::ALL;
        let without = full.duplicate(all.without(row.right));
        // A duplicate asks for rights the handle may not have; keep what it
        // has minus the one under test by narrowing step by step.
        let without = match without {
            Ok(handle) => handle,
            Err(SysError::MissingRights) => narrowed(&full, row.right)?,
            Err(error) => return Err(format!("{}: duplicate: {error}", row.operation)),
        };
        match (row.attempt)(&fixture, without) {
            Err(SysError::MissingRights) => {}
            other => return Err(format!("{} without {}: got {other:?}, expected MissingRights", row.operation, row.right)),
        }
        (row.attempt)(&fixture, full).map_err(|error| format!("{} with {}: {error}", row.operation, row.right))?;
        checked.push(row.operation);
    }
    Ok(format!("{} operations refused without their right and allowed with it", checked.len()))
}

/// A duplicate of `handle` with every right it holds except `missing`.
fn narrowed(handle: &Handle, missing: Rights) -> Result<Handle, String> {
    const EACH: [Rights; 11] = [
        Rights::SEND, Rights::RECEIVE, Rights::DUPLICATE, Rights::TRANSFER, Rights::MAP_READ, Rights::MAP_WRITE,
        Rights::MAP_EXECUTE, Rights::WAIT, Rights::SIGNAL, Rights::PORT_READ, Rights::PORT_WRITE,
    ];
    // Probe which rights the handle holds: duplicating with exactly one
    // right succeeds only for rights it has.
    let mut keep = Rights::NONE;
    for right in EACH {
        if right != missing && handle.duplicate(right).is_ok() {
            keep = Rights::from_bits(keep.bits() | right.bits()).unwrap_or(keep);
        }
    }
    handle.duplicate(keep).map_err(|error| format!("narrow: {error}"))
}
