//! The wire codec on arbitrary bytes: decoding never panics, and whatever
//! decodes re-encodes to the same bytes and decodes to the same value again.
//!
//! The first byte picks one of a few representative generated types (structs
//! with padding, nested structs and arrays, enums, strings, bytes and vectors
//! near their bounds); the rest is the payload. The wire format has exactly
//! one encoding per value (zero padding, `bool` 0 or 1, known enum values, no
//! trailing bytes), so a successful decode must re-encode byte for byte.
//!
//! Generated servers decode in place (`Wire::decode_into`), into a value that
//! may still hold an earlier request; that must agree with `decode_from`, the
//! same value or the same error, whatever the value held before.
#![no_main]

use core::fmt::Debug;

use barodia_fuzz::{bounded, names, primitives, structs_enums, template};
use libfuzzer_sys::fuzz_target;
use libipc::wire::{self, BoundedString, BoundedVec, Wire};

fn round_trip<T: Wire + Default + PartialEq + Debug>(bytes: &[u8]) {
    let fresh = wire::decode_from::<T>(bytes);
    // First half the payload, which leaves whatever a failed or shorter
    // decode leaves behind, then all of it into the same value.
    let mut in_place = T::default();
    let _ = wire::decode_in_place(bytes.get(..bytes.len() / 2).unwrap_or_default(), &mut in_place);
    let again = wire::decode_in_place(bytes, &mut in_place).map(|()| &in_place);
    assert_eq!(again, fresh.as_ref().map_err(|error| *error), "decoding in place differs");
    let Ok(value) = fresh else {
        return;
    };
    let mut buffer = vec![0u8; bytes.len() + 64];
    let len = match wire::encode_to(&value, &mut buffer) {
        Ok(len) => len,
        Err(error) => panic!("{value:?} decoded but does not encode: {error:?}"),
    };
    let encoded = &buffer[..len];
    assert_eq!(encoded, bytes, "{value:?} re-encodes to different bytes");
    match wire::decode_from::<T>(encoded) {
        Ok(again) => assert_eq!(again, value, "a second decode differs"),
        Err(error) => panic!("{value:?} re-encoded does not decode: {error:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, payload)) = data.split_first() else {
        return;
    };
    match selector % 9 {
        0 => round_trip::<template::Tagged>(payload),
        1 => round_trip::<template::echo::SumRequest>(payload),
        2 => round_trip::<template::echo::EchoRequest>(payload),
        3 => round_trip::<structs_enums::canvas::LineRequest>(payload),
        4 => round_trip::<bounded::store::PutRequest>(payload),
        5 => round_trip::<BoundedVec<BoundedString<64>, 16>>(payload),
        6 => round_trip::<primitives::numbers::AddRequest>(payload),
        7 => round_trip::<names::tricky::CallRequest>(payload),
        _ => round_trip::<bounded::StoreError>(payload),
    }
});
