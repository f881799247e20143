//! Unit tests of the runtime's checks: rights, handle slots, method shapes,
//! protocol error numbers, reply decoding, and deferred answers over the
//! loopback.

use super::*;
use crate::wire::DecodeError;

#[test]
fn rights_only_narrow() {
    let all = Rights::from_constants(&[Rights::SEND, Rights::TRANSFER]);
    assert!(all.contains(Rights::SEND));
    assert!(!Rights::SEND.contains(all));
    assert_eq!(
        all.narrow(Rights::from_constants(&[Rights::SEND, Rights::RECEIVE])),
        Rights::SEND
    );
}

#[test]
fn protocol_errors_convert_from_their_numbers_and_reject_others() {
    for error in ProtocolError::ALL {
        assert_eq!(ProtocolError::try_from(error as u32), Ok(error));
    }
    assert_eq!(ProtocolError::try_from(0), Err(DecodeError::BadValue));
    assert_eq!(ProtocolError::try_from(99), Err(DecodeError::BadValue));
}

#[test]
fn handle_sets_hold_at_most_four_and_close_the_rest_on_drop() {
    let mut set = HandleSet::new();
    let mut raws = [0u64; MAX_HANDLES];
    for raw in &mut raws {
        let handle = test_handles::create(ObjectType::Endpoint, Rights::SEND);
        *raw = handle.raw();
        set.push(handle).unwrap();
    }
    let extra = test_handles::create(ObjectType::Endpoint, Rights::SEND);
    assert!(set.push(extra).is_err(), "a fifth handle is refused");
    let kept = set.take(1).unwrap();
    drop(set);
    assert!(test_handles::is_open(kept.raw()));
    assert!(
        raws.iter()
            .filter(|raw| **raw != kept.raw())
            .all(|raw| !test_handles::is_open(*raw))
    );
}

const SHAPE: MethodShape = MethodShape {
    handles: &[HandleSpec {
        object: ObjectType::Endpoint,
        rights: Rights::SEND,
    }],
    lease: Some(LeaseSpec {
        writable: false,
        max: 4,
    }),
    grant: None,
};

#[test]
fn shapes_check_handles_leases_and_grants() {
    let bytes = [1u8, 2, 3];
    let mut lease = SliceLease::Readable(&bytes);
    let mut request = Request {
        lease: Some(&mut lease),
        ..Request::new(1, &[])
    };
    assert_eq!(SHAPE.check(&request), Err(ProtocolError::WrongHandleCount));
    request
        .handles
        .push(test_handles::create(ObjectType::Memory, Rights::SEND))
        .unwrap();
    assert_eq!(SHAPE.check(&request), Err(ProtocolError::WrongHandleType));
    request.handles = HandleSet::new();
    request
        .handles
        .push(test_handles::create(ObjectType::Endpoint, Rights::RECEIVE))
        .unwrap();
    assert_eq!(SHAPE.check(&request), Err(ProtocolError::WrongHandleRights));
    request.handles = HandleSet::new();
    request
        .handles
        .push(test_handles::create(
            ObjectType::Endpoint,
            Rights::from_constants(&[Rights::SEND, Rights::TRANSFER]),
        ))
        .unwrap();
    assert_eq!(SHAPE.check(&request), Ok(()));
    request.grant = Some(Grant {
        pages: 1,
        rights: Rights::MAP_READ,
        mode: GrantMode::Shared,
        memory: None,
    });
    assert_eq!(SHAPE.check(&request), Err(ProtocolError::BadGrant));
    request.grant = None;
    request.lease = None;
    assert_eq!(SHAPE.check(&request), Err(ProtocolError::BadLease));
}

#[test]
fn slice_leases_respect_direction_and_bounds() {
    let mut out = [0u8; 4];
    let mut lease = SliceLease::Writable(&mut out);
    assert_eq!(lease.write(2, &[9, 9]), Ok(()));
    assert_eq!(lease.write(3, &[9, 9]), Err(LeaseError::OutOfBounds));
    assert_eq!(lease.read(0, &mut [0; 1]), Err(LeaseError::NotReadable));
    assert_eq!(out, [0, 0, 9, 9]);
}

#[test]
fn replies_decode_by_status() {
    let ok = Reply::with_value(Status::Ok, &7u32);
    assert_eq!(decode_reply::<u32, u8>(ok), Ok(7));
    let error = Reply::with_value(Status::Error, &3u8);
    assert_eq!(decode_reply::<u32, u8>(error), Err(CallError::Interface(3)));
    let refused = Reply::protocol(ProtocolError::BadPadding);
    assert_eq!(
        decode_reply::<u32, u8>(refused),
        Err(CallError::Protocol(ProtocolError::BadPadding))
    );
    let short = Reply::with_value(Status::Ok, &7u8);
    assert_eq!(
        decode_reply::<u32, u8>(short),
        Err(CallError::ReplyTooSmall)
    );
}

/// A dispatcher that defers every call: it answers during dispatch, keeps
/// the responder, or drops it, as `mode` says.
#[derive(Default)]
struct Deferring {
    mode: u8,
    kept: Option<Responder>,
}

const ANSWER_NOW: u8 = 0;
const KEEP: u8 = 1;
const DROP: u8 = 2;

impl Dispatch for Deferring {
    fn dispatch(&mut self, mut request: Request<'_>) -> Reply {
        let responder = request.defer();
        match self.mode {
            ANSWER_NOW => responder.reply(Reply::with_value(Status::Ok, &5u32)),
            KEEP => self.kept = Some(responder),
            _ => drop(responder),
        }
        Reply::deferred()
    }
}

fn loopback(mode: u8) -> Loopback<Deferring> {
    Loopback::new(Deferring { mode, kept: None })
}

#[test]
fn a_deferred_call_answered_during_dispatch_returns_that_answer() {
    let reply = loopback(ANSWER_NOW).call(Request::new(1, &[])).unwrap();
    assert_eq!(decode_reply::<u32, u8>(reply), Ok(5));
}

#[test]
fn a_dropped_responder_answers_abandoned() {
    let reply = loopback(DROP).call(Request::new(1, &[])).unwrap();
    assert_eq!(
        decode_reply::<u32, u8>(reply),
        Err(CallError::Protocol(ProtocolError::Abandoned))
    );
}

#[test]
fn a_call_still_deferred_after_dispatch_is_a_named_error_then_a_late_reply() {
    let mut channel = loopback(KEEP);
    assert_eq!(
        channel.call(Request::new(1, &[])).unwrap_err(),
        TransportError::Deferred
    );
    assert!(channel.late_reply().is_none(), "not answered yet");
    let responder = channel.dispatcher_mut().kept.take().unwrap();
    assert!(responder.is_attached());
    // Answered from another thread, as a server may.
    std::thread::spawn(move || responder.reply(Reply::with_value(Status::Ok, &9u32)))
        .join()
        .unwrap();
    let late = channel.late_reply().unwrap();
    assert_eq!(decode_reply::<u32, u8>(late), Ok(9));
    assert!(channel.late_reply().is_none(), "taken once");
}

#[test]
fn a_one_way_send_gets_a_detached_responder() {
    let mut channel = loopback(KEEP);
    channel.send(Request::new(1, &[])).unwrap();
    assert!(!channel.dispatcher().kept.as_ref().unwrap().is_attached());
}
