//! Property tests: generated types survive encode/decode unchanged, and no
//! byte string makes a decoder or the generated dispatch panic.

mod common;

use common::{Color, EchoService, Point, Tagged, echo};
use libipc::rpc::{Dispatch, Request, Status};
use libipc::wire::{self, BoundedString, BoundedVec, Wire};
use proptest::prelude::*;

fn color() -> impl Strategy<Value = Color> {
    prop_oneof![Just(Color::Red), Just(Color::Green), Just(Color::Blue)]
}

fn point() -> impl Strategy<Value = Point> {
    (any::<i32>(), any::<i32>()).prop_map(|(x, y)| Point { x, y })
}

fn label() -> impl Strategy<Value = BoundedString<16>> {
    "[a-zé ]{0,8}".prop_map(|text| BoundedString::try_from_str(&text).unwrap_or_default())
}

fn tagged() -> impl Strategy<Value = Tagged> {
    (
        point(),
        color(),
        any::<bool>(),
        label(),
        [point(), point(), point(), point()],
    )
        .prop_map(|(point, color, visible, label, corners)| Tagged {
            point,
            color,
            visible,
            label,
            corners,
        })
}

fn round_trip<T: Wire + PartialEq + std::fmt::Debug>(value: &T) -> Result<(), TestCaseError> {
    let mut buffer = [0u8; 4096];
    let len = wire::encode_to(value, &mut buffer)
        .map_err(|error| TestCaseError::fail(format!("{error:?}")))?;
    let decoded: T = wire::decode_from(&buffer[..len])
        .map_err(|error| TestCaseError::fail(format!("{error:?}")))?;
    prop_assert_eq!(&decoded, value);
    Ok(())
}

proptest! {
    #[test]
    fn structs_and_enums_round_trip(value in tagged()) {
        round_trip(&value)?;
    }

    #[test]
    fn requests_round_trip(color in color(), point in point(), values in proptest::collection::vec(any::<u32>(), 0..=64), text in "\\PC{0,60}") {
        round_trip(&echo::TagRequest { color, point })?;
        round_trip(&echo::SumRequest { values: BoundedVec::try_from_slice(&values).unwrap_or_default() })?;
        if let Ok(text) = BoundedString::<256>::try_from_str(&text) {
            round_trip(&echo::EchoRequest { text })?;
        }
    }

    #[test]
    fn encodings_stay_within_the_checked_bound(values in proptest::collection::vec(any::<u32>(), 0..=64)) {
        let request = echo::SumRequest { values: BoundedVec::try_from_slice(&values).unwrap_or_default() };
        let mut buffer = [0u8; 4096];
        let len = wire::encode_to(&request, &mut buffer).unwrap_or(usize::MAX);
        prop_assert!(len <= echo::SumRequest::MAX_ENCODED_LEN);
    }

    #[test]
    fn arbitrary_bytes_never_panic_a_decoder(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = wire::decode_from::<Tagged>(&bytes);
        let _ = wire::decode_from::<echo::EchoRequest>(&bytes);
        let _ = wire::decode_from::<echo::SumRequest>(&bytes);
    }

    #[test]
    fn arbitrary_requests_always_get_a_reply(operation in 0u32..12, bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let mut dispatcher = echo::Dispatcher(EchoService::default());
        let reply = dispatcher.dispatch(Request::new(operation, &bytes));
        // Whatever arrived, the answer is a status, never a panic or silence.
        prop_assert!(matches!(reply.status, Status::Ok | Status::Error | Status::Protocol(_)));
    }
}
