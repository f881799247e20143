//! Hostile requests against the generated echo server over the loopback: each
//! malformed class gets its named error, handles in a refused message are
//! closed, and the server goes on serving.

mod common;

use common::{EchoService, connected_client, echo, text};
use libipc::rpc::{
    CallError, Channel, Grant, GrantMode, Handle, HandleSet, Lease, Loopback, ObjectType, Payload,
    ProtocolError, Reply, Request, Rights, SliceLease, Status, TransportError, test_handles,
};
use libipc::wire::DecodeError;

/// One hostile request and the error it must get.
struct Case {
    name: &'static str,
    operation: u32,
    payload: Vec<u8>,
    handles: Vec<(ObjectType, Rights)>,
    lease: Option<LeaseKind>,
    grant: bool,
    expected: ProtocolError,
}

#[derive(Clone, Copy)]
enum LeaseKind {
    Readable(usize),
    Writable(usize),
}

fn case(name: &'static str, operation: u32, payload: &[u8], expected: ProtocolError) -> Case {
    Case {
        name,
        operation,
        payload: payload.to_vec(),
        handles: Vec::new(),
        lease: None,
        grant: false,
        expected,
    }
}

fn endpoint(rights: Rights) -> (ObjectType, Rights) {
    (ObjectType::Endpoint, rights)
}

fn cases() -> Vec<Case> {
    use ProtocolError::*;
    let send_transfer = Rights::from_constants(&[Rights::SEND, Rights::TRANSFER]);
    // `tag(color: Color (u8), point: Point)`: 1 byte, 3 padding bytes, two i32.
    let tag_ok = [1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0];
    let mut tag_bad_padding = tag_ok;
    tag_bad_padding[2] = 0xaa;
    let mut tag_bad_color = tag_ok;
    tag_bad_color[0] = 9;
    let mut long_string = vec![0x2c, 1, 0, 0];
    long_string.extend([b'a'; 300]);
    vec![
        case("unknown operation", 99, &[], UnknownOperation),
        case(
            "payload ends early",
            echo::ordinals::ECHO,
            &[5, 0, 0, 0, b'a'],
            BadLength,
        ),
        case(
            "payload has trailing bytes",
            echo::ordinals::PING,
            &[1, 0, 0, 0, 0xff],
            BadLength,
        ),
        case(
            "empty payload for an argument",
            echo::ordinals::PING,
            &[],
            BadLength,
        ),
        case(
            "non-zero padding",
            echo::ordinals::TAG,
            &tag_bad_padding,
            BadPadding,
        ),
        case(
            "enum value out of range",
            echo::ordinals::TAG,
            &tag_bad_color,
            BadValue,
        ),
        case(
            "string over its bound",
            echo::ordinals::ECHO,
            &long_string,
            StringTooLong,
        ),
        case(
            "vec over its bound",
            echo::ordinals::SUM,
            &[65, 0, 0, 0],
            TooLong,
        ),
        case(
            "string not UTF-8",
            echo::ordinals::ECHO,
            &[2, 0, 0, 0, 0xff, 0xfe],
            InvalidUtf8,
        ),
        Case {
            handles: vec![endpoint(Rights::SEND)],
            ..case(
                "handle where none is taken",
                echo::ordinals::ECHO,
                &[0, 0, 0, 0],
                WrongHandleCount,
            )
        },
        case(
            "missing handle",
            echo::ordinals::ADOPT,
            &[],
            WrongHandleCount,
        ),
        Case {
            handles: vec![(ObjectType::Memory, send_transfer)],
            ..case(
                "handle of the wrong type",
                echo::ordinals::ADOPT,
                &[],
                WrongHandleType,
            )
        },
        Case {
            handles: vec![endpoint(Rights::SEND)],
            ..case(
                "handle without a required right",
                echo::ordinals::ADOPT,
                &[],
                WrongHandleRights,
            )
        },
        case(
            "missing lease",
            echo::ordinals::COUNT_NONZERO,
            &[],
            BadLease,
        ),
        Case {
            lease: Some(LeaseKind::Writable(8)),
            ..case(
                "write-only lease for lease_in",
                echo::ordinals::COUNT_NONZERO,
                &[],
                BadLease,
            )
        },
        Case {
            lease: Some(LeaseKind::Readable(5000)),
            ..case(
                "lease over its bound",
                echo::ordinals::COUNT_NONZERO,
                &[],
                BadLease,
            )
        },
        Case {
            lease: Some(LeaseKind::Readable(8)),
            ..case(
                "read-only lease for lease_out",
                echo::ordinals::FILL,
                &[7],
                BadLease,
            )
        },
        Case {
            lease: Some(LeaseKind::Readable(8)),
            ..case(
                "lease where none is taken",
                echo::ordinals::ECHO,
                &[0, 0, 0, 0],
                BadLease,
            )
        },
        Case {
            grant: true,
            ..case(
                "grant where none is taken",
                echo::ordinals::ECHO,
                &[0, 0, 0, 0],
                BadGrant,
            )
        },
        case("reserved ordinal", 9, &[], UnknownOperation),
        // Refused at once, not deferred: validation comes before `defer`.
        case(
            "deferred method with trailing bytes",
            echo::ordinals::WAIT_FOR_PING,
            &[0],
            BadLength,
        ),
        Case {
            handles: vec![endpoint(Rights::SEND)],
            ..case(
                "deferred method with a stray handle",
                echo::ordinals::WAIT_FOR_PING,
                &[],
                WrongHandleCount,
            )
        },
        case(
            "connect with a short hash",
            libipc::rpc::CONNECT_OPERATION,
            &[1, 2, 3],
            BadLength,
        ),
    ]
}

/// Sends `case` raw through `channel`; returns the reply and the raw numbers of
/// the handles it sent.
fn send_raw(channel: &mut impl Channel, case: &Case) -> (Reply, Vec<u64>) {
    let mut handles = HandleSet::new();
    let mut raws = Vec::new();
    for (object, rights) in &case.handles {
        let handle = test_handles::create(*object, *rights);
        raws.push(handle.raw());
        handles
            .push(handle)
            .unwrap_or_else(|_| panic!("{}: too many handles", case.name));
    }
    let readable = vec![1u8; 5000];
    let mut writable = vec![0u8; 5000];
    let mut lease = match case.lease {
        Some(LeaseKind::Readable(len)) => Some(SliceLease::Readable(&readable[..len])),
        Some(LeaseKind::Writable(len)) => Some(SliceLease::Writable(&mut writable[..len])),
        None => None,
    };
    let request = Request {
        operation: case.operation,
        payload: &case.payload,
        handles,
        lease: lease.as_mut().map(|lease| lease as &mut dyn Lease),
        grant: case.grant.then_some(Grant {
            pages: 1,
            rights: Rights::MAP_READ,
            mode: GrantMode::Shared,
            memory: None,
        }),
        small_reply: false,
        deferral: None,
        badge: 0,
    };
    (
        channel
            .call(request)
            .unwrap_or_else(|error| panic!("{}: {error:?}", case.name)),
        raws,
    )
}

#[test]
fn each_malformed_request_gets_its_named_error_and_serving_goes_on() {
    let mut client = connected_client();
    let mut failures = Vec::new();
    for case in cases() {
        let mut channel = client.into_channel();
        let (reply, raws) = send_raw(&mut channel, &case);
        if reply.status != Status::Protocol(case.expected) {
            failures.push(format!(
                "{}: expected {:?}, got {:?}",
                case.name, case.expected, reply.status
            ));
        }
        if let Some(raw) = raws.iter().find(|raw| test_handles::is_open(**raw)) {
            failures.push(format!(
                "{}: handle {raw} of a refused request is still open",
                case.name
            ));
        }
        client = echo::Client::new(channel);
        if client
            .echo(text("still serving"))
            .map(|reply| reply.as_str() == "still serving")
            != Ok(true)
        {
            failures.push(format!("{}: the server stopped serving", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(client.channel().dispatcher().0.adopted.len(), 0);
}

#[test]
fn protocol_errors_reach_the_client_by_name() {
    let mut channel = connected_client().into_channel();
    let mut lease = SliceLease::Readable(&[]);
    let request = Request {
        lease: Some(&mut lease),
        ..Request::new(echo::ordinals::PING, &[1, 0, 0, 0])
    };
    let reply = channel.call(request).unwrap();
    let result = libipc::rpc::decode_reply::<(), core::convert::Infallible>(reply);
    assert_eq!(result, Err(CallError::Protocol(ProtocolError::BadLease)));
}

/// A channel that answers every call with a fixed reply: a broken server.
struct Scripted(fn() -> Reply);

impl Channel for Scripted {
    fn call(&mut self, _request: Request<'_>) -> Result<Reply, TransportError> {
        Ok((self.0)())
    }

    fn send(&mut self, _request: Request<'_>) -> Result<(), TransportError> {
        Ok(())
    }
}

fn reply(status: Status, payload: &[u8]) -> Reply {
    let payload = Payload::from_slice(payload).unwrap_or_else(|error| panic!("{error:?}"));
    Reply {
        status,
        payload,
        handles: HandleSet::new(),
    }
}

#[test]
fn malformed_replies_get_named_errors() {
    let mut short = echo::Client::new(Scripted(|| reply(Status::Ok, &[1, 0])));
    assert_eq!(short.sum(Default::default()), Err(CallError::ReplyTooSmall));

    let mut bad_error = echo::Client::new(Scripted(|| reply(Status::Error, &[77])));
    assert_eq!(
        bad_error.sum(Default::default()),
        Err(CallError::BadReply(DecodeError::BadValue))
    );

    let mut error_for_infallible = echo::Client::new(Scripted(|| reply(Status::Error, &[])));
    assert_eq!(
        error_for_infallible.echo(text("x")),
        Err(CallError::BadReply(DecodeError::BadValue))
    );

    let mut trailing =
        echo::Client::new(Scripted(|| reply(Status::Ok, &[1, 0, 0, 0, 0, 0, 0, 0, 9])));
    assert_eq!(
        trailing.sum(Default::default()),
        Err(CallError::BadReply(DecodeError::TrailingBytes))
    );

    let mut no_handle = echo::Client::new(Scripted(|| reply(Status::Ok, &[])));
    assert!(matches!(
        no_handle.narrowed(),
        Err(CallError::ReplyHandles(ProtocolError::WrongHandleCount))
    ));

    let mut weak_handle = echo::Client::new(Scripted(|| {
        libipc::rpc::reply_with_handle(
            Status::Ok,
            test_handles::create(ObjectType::Endpoint, Rights::RECEIVE),
        )
    }));
    assert!(matches!(
        weak_handle.narrowed(),
        Err(CallError::ReplyHandles(ProtocolError::WrongHandleRights))
    ));

    let mut stray_handle = echo::Client::new(Scripted(|| {
        libipc::rpc::reply_with_handle(
            Status::Ok,
            test_handles::create(ObjectType::Endpoint, Rights::SEND),
        )
    }));
    assert_eq!(
        stray_handle.echo(text("x")),
        Err(CallError::ReplyHandles(ProtocolError::WrongHandleCount))
    );
}

#[test]
fn a_server_that_drops_a_handle_closes_it() {
    // `echo` takes no handle: a handle sent with it must be closed by dispatch.
    let mut loopback = Loopback::new(echo::Dispatcher(EchoService::default()));
    let handle: Handle = test_handles::create(ObjectType::Endpoint, Rights::SEND);
    let raw = handle.raw();
    let mut handles = HandleSet::new();
    handles.push(handle).unwrap();
    let reply = loopback
        .call(Request {
            handles,
            ..Request::new(echo::ordinals::ECHO, &[0, 0, 0, 0])
        })
        .unwrap();
    assert_eq!(
        reply.status,
        Status::Protocol(ProtocolError::WrongHandleCount)
    );
    assert!(!test_handles::is_open(raw));
}
