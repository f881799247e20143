//! The template interface end to end: generated client, loopback, generated
//! dispatch and a real `Server` impl.

mod common;

use std::convert::Infallible;

use common::{Color, Dispatcher, EchoError, EchoService, Point, connected_client, echo, text};
use libipc::rpc::{
    CallError, Channel, Loopback, ObjectType, ProtocolError, Request, Rights, Status,
    TransportError, decode_reply, test_handles,
};
use libipc::wire::BoundedVec;

#[test]
fn echo_returns_the_text() {
    let mut client = connected_client();
    assert_eq!(
        client.echo(text("hello, barodia")).unwrap().as_str(),
        "hello, barodia"
    );
}

#[test]
fn interface_errors_arrive_as_interface_errors() {
    let mut client = connected_client();
    let small = BoundedVec::try_from_slice(&[1, 2, 3]).unwrap();
    assert_eq!(client.sum(small), Ok(6));
    let mut huge = BoundedVec::new();
    for _ in 0..64 {
        huge.push(u32::MAX).unwrap();
    }
    assert_eq!(client.sum(huge), Ok(64 * u64::from(u32::MAX)));
    assert_eq!(
        client.count_nonzero(&[]),
        Err(CallError::Interface(EchoError::Empty))
    );
}

#[test]
fn one_way_methods_reach_the_server() {
    let mut client = connected_client();
    client.ping(1).unwrap();
    client.ping(2).unwrap();
    assert_eq!(client.channel().dispatcher().0.pings, 2);
}

#[test]
fn a_deferred_method_is_answered_later_through_its_responder() {
    let mut client = connected_client();
    assert_eq!(
        client.wait_for_ping(),
        Err(CallError::Transport(TransportError::Deferred))
    );
    assert_eq!(
        client.wait_for_ping(),
        Err(CallError::Protocol(ProtocolError::Abandoned)),
        "a second waiter is dropped"
    );
    client.ping(5).unwrap();
    let late = client.channel().late_reply().expect("the ping answered the waiter");
    assert_eq!(decode_reply::<u32, Infallible>(late), Ok(5));
}

#[test]
fn a_deferred_request_is_validated_before_it_is_deferred() {
    let mut loopback = Loopback::new(Dispatcher(EchoService::default()));
    let reply = loopback
        .call(Request::new(echo::ordinals::WAIT_FOR_PING, &[0]))
        .unwrap();
    assert_eq!(reply.status, Status::Protocol(ProtocolError::BadLength));
    assert!(loopback.dispatcher().0.waiter.is_none());
}

#[test]
fn leases_carry_bytes_both_ways() {
    let mut client = connected_client();
    assert_eq!(client.count_nonzero(&[0, 1, 2, 0, 3]), Ok(3));
    let mut buffer = [0u8; 10];
    assert_eq!(client.fill(&mut buffer, 7), Ok(10));
    assert_eq!(buffer, [7; 10]);
}

#[test]
fn a_lease_over_its_bound_fails_on_the_client() {
    let mut client = connected_client();
    let too_big = vec![1u8; 4097];
    assert_eq!(
        client.count_nonzero(&too_big),
        Err(CallError::Encode(libipc::wire::EncodeError::TooLong))
    );
}

#[test]
fn structs_and_enums_round_trip_through_a_call() {
    let mut client = connected_client();
    let tagged = client.tag(Color::Green, Point { x: 3, y: -4 }).unwrap();
    assert_eq!(tagged.point, Point { x: 3, y: -4 });
    assert_eq!(tagged.color, Color::Green);
    assert!(tagged.visible);
    assert_eq!(tagged.label.as_str(), "tagged");
    assert_eq!(tagged.corners[2], Point { x: 4, y: -3 });
}

#[test]
fn handles_travel_and_are_checked() {
    let mut client = connected_client();
    let narrowed = client.narrowed().unwrap();
    assert_eq!(
        (narrowed.object(), narrowed.rights()),
        (ObjectType::Endpoint, Rights::SEND)
    );
    let peer = test_handles::create(ObjectType::Endpoint, Rights::from_constants(&[Rights::SEND, Rights::TRANSFER]));
    let raw = peer.raw();
    assert_eq!(client.adopt(peer), Ok(true));
    assert!(
        test_handles::is_open(raw),
        "the server kept the handle, so it must stay open"
    );
    drop(client);
    assert!(
        !test_handles::is_open(raw),
        "dropping the server's state closes it"
    );
}

#[test]
fn connect_rejects_a_different_schema() {
    let mut loopback = Loopback::new(echo::Dispatcher(common::EchoService::default()));
    assert_eq!(
        libipc::rpc::connect(&mut loopback, echo::SCHEMA_HASH ^ 1),
        Err(CallError::Protocol(ProtocolError::SchemaMismatch))
    );
    assert_eq!(
        libipc::rpc::connect(&mut loopback, echo::SCHEMA_HASH),
        Ok(())
    );
}

#[test]
fn a_gone_server_is_peer_gone() {
    let mut loopback = Loopback::new(echo::Dispatcher(common::EchoService::default()));
    loopback.disconnect();
    assert!(matches!(
        echo::Client::connect(loopback),
        Err(CallError::PeerGone)
    ));
    let mut loopback = Loopback::new(echo::Dispatcher(common::EchoService::default()));
    loopback.disconnect();
    let mut client = echo::Client::new(loopback);
    assert_eq!(client.echo(text("x")), Err(CallError::PeerGone));
    assert_eq!(client.ping(1), Err(CallError::PeerGone));
    let _: &dyn Channel = client.channel();
}

#[test]
fn generated_items_carry_the_idl_docs() {
    // `Display` on error enums comes from each variant's first `///` line.
    assert_eq!(
        EchoError::Overflow.to_string(),
        "The result does not fit in its type."
    );
    assert_eq!(echo::ordinals::ECHO, 1);
    assert_eq!(echo::EchoRequest::MAX_ENCODED_LEN, 263);
}
