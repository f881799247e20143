//! The template service over real kernel IPC: a generated client talks to
//! `bin/echo-service`, a deferred call is held open while the service
//! serves others, then a table of malformed requests each gets its named
//! protocol error while the service goes on serving.

use alloc::format;
use alloc::string::String;

use barodia_abi::Rights;
use echo_api::echo::{Client, ordinals};
use echo_api::{Color, EchoError, Point};
use libipc::ipc::pages::Pages;
use libipc::ipc::{self, Handle};
use libipc::rpc::{
    self, CallError, Channel, HandleSet, KernelChannel, ObjectType, ProtocolError, Request, SliceLease,
};
use libipc::wire::{BoundedString, BoundedVec};

use crate::checks::{check, expect_protocol};

type Outcome = Result<String, String>;


fn sender(endpoint: &Handle) -> Result<Handle, String> {
    endpoint
        .duplicate(Rights::from_constants(&[Rights::SEND, Rights::DUPLICATE, Rights::TRANSFER]))
        .map_err(|error| format!("duplicate: {error}"))
}

fn text(value: &str) -> Result<BoundedString<256>, String> {
    BoundedString::try_from_str(value).map_err(|error| format!("{error:?}"))
}

/// Every method once, through the generated client.
fn methods(client: &mut Client<KernelChannel>) -> Result<(), String> {
    let echoed = client.echo(text("hello over the kernel")?).map_err(|error| format!("echo: {error:?}"))?;
    check("echo (inline payload)", echoed.as_str() == "hello over the kernel")?;
    let long = "a string long enough to travel as message data, not registers: 0123456789";
    let echoed = client.echo(text(long)?).map_err(|error| format!("long echo: {error:?}"))?;
    check("echo (data payload)", echoed.as_str() == long)?;
    let values = BoundedVec::try_from_slice(&[u32::MAX; 64]).map_err(|error| format!("{error:?}"))?;
    let sum = client.sum(values).map_err(|error| format!("sum: {error:?}"))?;
    check("sum of 64 values", sum == 64 * u64::from(u32::MAX))?;
    client.ping(7).map_err(|error| format!("ping: {error:?}"))?;
    let data: alloc::vec::Vec<u8> = (0..4096).map(|index| (index % 3) as u8).collect();
    let count = client.count_nonzero(&data).map_err(|error| format!("count_nonzero: {error:?}"))?;
    check("lease in: non-zero bytes counted", count == data.iter().filter(|byte| **byte != 0).count() as u32)?;
    check(
        "lease in: empty is the interface's error",
        matches!(client.count_nonzero(&[]), Err(CallError::Interface(EchoError::Empty))),
    )?;
    let mut buffer = [0u8; 1000];
    let filled = client.fill(&mut buffer, 0x5A).map_err(|error| format!("fill: {error:?}"))?;
    check("lease out: buffer filled", filled == 1000 && buffer.iter().all(|byte| *byte == 0x5A))?;
    let tagged = client.tag(Color::Blue, Point { x: 10, y: 20 }).map_err(|error| format!("tag: {error:?}"))?;
    check("tag", tagged.label.as_str() == "blue" && tagged.visible && tagged.corners[0] == Point { x: 9, y: 19 })?;
    // A handle in a reply: a send-only endpoint that works as a channel.
    let narrowed = client.narrowed().map_err(|error| format!("narrowed: {error:?}"))?;
    let may_receive = narrowed.rights().contains(Rights::RECEIVE);
    check("narrowed handle", narrowed.object() == ObjectType::Endpoint && !may_receive)?;
    let mut second = Client::connect(KernelChannel::new(narrowed.into_ipc()))
        .map_err(|error| format!("connect through the narrowed handle: {error:?}"))?;
    check("second client echoes", second.echo(text("again")?).map(|reply| reply.as_str() == "again") == Ok(true))?;
    // A handle in a request.
    let peer = rpc::Handle::from_ipc(sender(client.channel().endpoint())?, ObjectType::Endpoint, Rights::ALL);
    check("adopt", client.adopt(peer) == Ok(true))?;
    // Pages shared through a grant: the service reads them where the
    // kernel mapped them, and they are unmapped there after the call.
    let pages = Pages::allocate(4).map_err(|error| format!("allocate: {error}"))?;
    for page in 0..4usize {
        pages.write(page * 4096 + 7, &[page as u8 + 1; 10]).map_err(|error| format!("fill: {error}"))?;
    }
    let sum = client.checksum(rpc::Grant::share(&pages, false)).map_err(|error| format!("checksum: {error:?}"))?;
    check("grant: the service summed the shared pages", sum == (1 + 2 + 3 + 4) * 10)?;
    Ok(())
}

/// What a thread of [`deferred_reply`] ended with, as its exit code.
const GOT_THE_PING: u64 = 1;
const ABANDONED_THEN_PINGED: u64 = 2;

/// Calls `wait_for_ping`. The service holds one waiter at a time, so of two
/// threads doing this, the first one's call stays open and the second one's
/// is dropped (`Abandoned`); the dropped one then pings 7, and only that
/// ping answers the first. Whichever order the threads run in, one ends
/// with each code.
fn wait_or_ping(endpoint: Handle) -> u64 {
    let mut client = Client::new(KernelChannel::new(endpoint));
    match client.wait_for_ping() {
        Ok(7) => GOT_THE_PING,
        Err(CallError::Protocol(ProtocolError::Abandoned)) => match client.ping(7) {
            Ok(()) => ABANDONED_THEN_PINGED,
            Err(_) => 13,
        },
        Ok(_) => 11,
        Err(_) => 12,
    }
}

/// A deferred reply over the kernel: one call is answered only after the
/// service has served two other calls (from another thread), and a dropped
/// responder reaches its caller as `ProtocolError::Abandoned`.
fn deferred_reply(endpoint: &Handle) -> Result<(), String> {
    let theirs = sender(endpoint)?;
    let thread = libipc::thread::spawn(move || wait_or_ping(theirs)).map_err(|error| format!("spawn: {error}"))?;
    let mine = wait_or_ping(sender(endpoint)?);
    let theirs = thread.join().map_err(|error| format!("join: {error}"))?;
    check(
        &format!("deferred: one waiter got the ping, the other was abandoned and pinged ({mine}, {theirs})"),
        matches!((mine, theirs), (GOT_THE_PING, ABANDONED_THEN_PINGED) | (ABANDONED_THEN_PINGED, GOT_THE_PING)),
    )
}

/// One malformed request: its operation, payload, and optional extras.
struct Malformed {
    what: &'static str,
    operation: u32,
    payload: &'static [u8],
    expected: ProtocolError,
}

const MALFORMED: [Malformed; 10] = [
    Malformed { what: "unknown operation", operation: 99, payload: &[], expected: ProtocolError::UnknownOperation },
    Malformed { what: "reserved operation", operation: 9, payload: &[], expected: ProtocolError::UnknownOperation },
    Malformed { what: "payload too short", operation: ordinals::ECHO, payload: &[1, 0], expected: ProtocolError::BadLength },
    Malformed {
        what: "a deferred method's request with trailing bytes (refused at once)",
        operation: ordinals::WAIT_FOR_PING,
        payload: &[0],
        expected: ProtocolError::BadLength,
    },
    Malformed {
        what: "trailing bytes",
        operation: ordinals::PING,
        payload: &[1, 0, 0, 0, 9],
        expected: ProtocolError::BadLength,
    },
    Malformed {
        what: "string over its bound",
        operation: ordinals::ECHO,
        payload: &[0x2C, 0x01, 0, 0],
        expected: ProtocolError::StringTooLong,
    },
    Malformed {
        what: "invalid UTF-8",
        operation: ordinals::ECHO,
        payload: &[2, 0, 0, 0, 0xFF, 0xFE],
        expected: ProtocolError::InvalidUtf8,
    },
    Malformed {
        what: "vec over its bound",
        operation: ordinals::SUM,
        payload: &[65, 0, 0, 0],
        expected: ProtocolError::TooLong,
    },
    Malformed {
        what: "enum value out of range",
        operation: ordinals::TAG,
        payload: &[9, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0],
        expected: ProtocolError::BadValue,
    },
    Malformed {
        what: "non-zero padding",
        operation: ordinals::TAG,
        payload: &[1, 7, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0],
        expected: ProtocolError::BadPadding,
    },
];

/// The malformed-message table, then the handle and lease classes.
fn malformed(channel: &mut KernelChannel, client: &mut Client<KernelChannel>) -> Result<usize, String> {
    let mut checked = 0;
    for case in &MALFORMED {
        expect_protocol(case.what, channel.call(Request::new(case.operation, case.payload)), case.expected)?;
        check(&format!("service still serving after {}", case.what), client.echo(text("ok")?).is_ok())?;
        checked += 1;
    }
    // A handle where none belongs: refused, and the handle is closed.
    let mut request = Request::new(ordinals::PING, &[1, 0, 0, 0]);
    let stray = rpc::Handle::from_ipc(sender(channel.endpoint())?, ObjectType::Endpoint, Rights::ALL);
    request.handles = one_handle(stray);
    expect_protocol("a handle for a method without one", channel.call(request), ProtocolError::WrongHandleCount)?;
    // A handle of the wrong type where an endpoint belongs.
    let child = libipc::sys::spawn("bin/kernel-tests", &["true"]).map_err(|error| format!("spawn: {error}"))?;
    let process = libipc::ipc::device::Process::open(child).map_err(|error| format!("open: {error}"))?;
    let mut request = Request::new(ordinals::ADOPT, &[]);
    request.handles = one_handle(rpc::Handle::from_ipc(process.0, ObjectType::Process, Rights::ALL));
    expect_protocol("a process where an endpoint belongs", channel.call(request), ProtocolError::WrongHandleType)?;
    // An endpoint without the rights the method demands (send, transfer).
    let transfer_only = channel.endpoint().duplicate(Rights::TRANSFER).map_err(|error| format!("dup: {error}"))?;
    let mut request = Request::new(ordinals::ADOPT, &[]);
    request.handles = one_handle(rpc::Handle::from_ipc(transfer_only, ObjectType::Endpoint, Rights::TRANSFER));
    expect_protocol("an endpoint without send", channel.call(request), ProtocolError::WrongHandleRights)?;
    // Leases: missing, the wrong direction, and over the bound.
    expect_protocol("no lease", channel.call(Request::new(ordinals::COUNT_NONZERO, &[])), ProtocolError::BadLease)?;
    let mut writable = [0u8; 16];
    let mut lease = SliceLease::Writable(&mut writable);
    let mut request = Request::new(ordinals::COUNT_NONZERO, &[]);
    request.lease = Some(&mut lease);
    expect_protocol("a write lease where a read lease belongs", channel.call(request), ProtocolError::BadLease)?;
    let big = alloc::vec![1u8; 5000];
    let mut lease = SliceLease::Readable(&big);
    let mut request = Request::new(ordinals::COUNT_NONZERO, &[]);
    request.lease = Some(&mut lease);
    expect_protocol("a lease over its bound", channel.call(request), ProtocolError::BadLease)?;
    // Grants: moved pages where shared ones belong, and a description that
    // carries no memory (the transport cannot send it).
    let moved = Pages::allocate(1).map_err(|error| format!("allocate: {error}"))?;
    let reply = client.checksum(rpc::Grant::give(moved));
    check("a moved grant for a shared parameter", reply == Err(CallError::Protocol(ProtocolError::BadGrant)))?;
    let description = rpc::Grant::describe(1, Rights::MAP_READ, rpc::GrantMode::Shared);
    let reply = client.checksum(description);
    check(
        "a grant without memory",
        reply == Err(CallError::Transport(rpc::TransportError::Unsupported)),
    )?;
    libipc::sys::wait(child).map_err(|error| format!("wait: {error}"))?;
    check("service still serving at the end", client.echo(text("still here")?).is_ok())?;
    Ok(checked + 8)
}

fn one_handle(handle: rpc::Handle) -> HandleSet {
    let mut set = HandleSet::new();
    let _ = set.push(handle);
    set
}

/// The scenario.
pub fn echo_service() -> Outcome {
    let endpoint = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    libipc::sys::spawn_with_handle("bin/echo-service", &[], Some(&endpoint))
        .map_err(|error| format!("spawn echo-service: {error}"))?;
    let mut client = Client::connect(KernelChannel::new(sender(&endpoint)?))
        .map_err(|error| format!("connect: {error:?}"))?;
    methods(&mut client)?;
    deferred_reply(&endpoint)?;
    let mut channel = KernelChannel::new(sender(&endpoint)?);
    let classes = malformed(&mut channel, &mut client)?;

    // Peer gone: a client of an endpoint whose only receiver is gone.
    let orphan = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let mut orphan_client = Client::new(KernelChannel::new(sender(&orphan)?));
    drop(orphan);
    check("peer gone", matches!(orphan_client.echo(text("anyone?")?), Err(CallError::PeerGone)))?;

    // The schema check: a client built for another schema is refused.
    let wrong_hash = 0x0123_4567_89AB_CDEFu64.to_le_bytes();
    let reply = channel.call(Request::new(rpc::CONNECT_OPERATION, &wrong_hash));
    expect_protocol("schema mismatch", reply, ProtocolError::SchemaMismatch)?;
    // The service serves on (it does not ask for closure notifications),
    // and ends with this test's boot.
    Ok(format!(
        "10 methods over kernel IPC, a deferred reply answered from another thread's ping, \
         {classes} malformed classes refused by name, peer gone, schema check"
    ))
}
