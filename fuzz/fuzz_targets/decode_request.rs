//! Generated server dispatch over arbitrary requests: it never panics, and
//! every request gets a reply.
//!
//! The input picks an interface (one per `.idl` construct, see the crate
//! docs), an operation, the handles, lease and grant the message carries, and
//! the payload bytes; the request goes through `libipc::rpc::Loopback` to the
//! generated `Dispatcher` of a small server. Besides "no panic, always a
//! reply", a refused request (a protocol error) must come back with an empty
//! payload and no handles.
//!
//! Input layout (10 header bytes, then the payload):
//!
//! | byte | meaning |
//! | ---- | ------- |
//! | 0 | interface (modulo the number of interfaces) |
//! | 1 | operation (`0xff` stands for `u32::MAX`) |
//! | 2 | handles: bits 0-2 the count (at most 4), bits 3-7 the object type |
//! | 3, 4 | the handles' rights bits, little-endian |
//! | 5 | lease: 0 none, 1 readable (`lease_in`), 2 writable (`lease_out`) |
//! | 6 | lease length in units of 17 bytes (up to 4335, past the 4096 bound) |
//! | 7 | grant: bit 0 present, bit 1 moved (else shared) |
//! | 8 | granted pages |
//! | 9 | the grant's rights bits |
#![no_main]

use libfuzzer_sys::fuzz_target;
use libipc::rpc::{
    Grant, GrantMode, HandleSet, MAX_HANDLES, ObjectType, Request, Rights, SliceLease, Status,
    test_handles,
};

const OBJECT_TYPES: [ObjectType; 6] = [
    ObjectType::Endpoint,
    ObjectType::Reply,
    ObjectType::Memory,
    ObjectType::Irq,
    ObjectType::IoPorts,
    ObjectType::Process,
];

fn rights(bits: u32) -> Rights {
    Rights::from_bits(bits & Rights::ALL.bits()).unwrap_or(Rights::NONE)
}

fuzz_target!(|data: &[u8]| {
    let Some((header, payload)) = data.split_first_chunk::<10>() else {
        return;
    };
    let [
        interface,
        operation,
        handles,
        rights_lo,
        rights_hi,
        lease_kind,
        lease_len,
        grant_flags,
        grant_pages,
        grant_rights,
    ] = *header;

    let mut request = Request::new(
        if operation == 0xff {
            u32::MAX
        } else {
            u32::from(operation)
        },
        payload,
    );

    let mut set = HandleSet::new();
    let object = OBJECT_TYPES[usize::from(handles >> 3) % OBJECT_TYPES.len()];
    let handle_rights = rights(u32::from(u16::from_le_bytes([rights_lo, rights_hi])));
    for _ in 0..usize::from(handles & 7).min(MAX_HANDLES) {
        assert!(
            set.push(test_handles::create(object, handle_rights))
                .is_ok()
        );
    }
    request.handles = set;

    let length = usize::from(lease_len) * 17;
    let readable = vec![0x5a; length];
    let mut writable = vec![0; length];
    let mut lease = match lease_kind % 3 {
        1 => Some(SliceLease::Readable(&readable)),
        2 => Some(SliceLease::Writable(&mut writable)),
        _ => None,
    };
    request.lease = lease
        .as_mut()
        .map(|lease| lease as &mut dyn libipc::rpc::Lease);

    if grant_flags & 1 != 0 {
        request.grant = Some(Grant {
            pages: u32::from(grant_pages),
            rights: rights(u32::from(grant_rights)),
            mode: if grant_flags & 2 != 0 {
                GrantMode::Moved
            } else {
                GrantMode::Shared
            },
            memory: None,
        });
    }

    let Some(reply) = barodia_fuzz::call(usize::from(interface), request) else {
        panic!("the loopback returned no reply");
    };
    if let Status::Protocol(error) = reply.status {
        assert!(
            reply.payload.as_slice().is_empty() && reply.handles.is_empty(),
            "a refused request ({error:?}) came back with a payload or handles: {reply:?}"
        );
    }
});
