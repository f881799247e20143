//! A small deterministic fuzzer for the generated decoder and dispatch.
//!
//! It starts from a valid request of every method, mutates it (flip, insert,
//! delete, truncate, extend bytes; change the operation) and dispatches the
//! result. Every request must get a reply and none may panic; the run also
//! checks that mutation reaches most protocol errors, so it is not only
//! exercising the happy path. `IDLC_FUZZ_ITERATIONS` raises the default
//! 20,000 rounds for a longer local run.

mod common;

use std::collections::BTreeSet;

use common::{Color, EchoService, Point, echo, text};
use libipc::rpc::{Dispatch, ProtocolError, Request, Status};
use libipc::wire::{self, BoundedVec, Wire};

/// xorshift64*: deterministic, so a failure reproduces with the same seed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, bound: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(bound.max(1)).unwrap_or(1)).unwrap_or(0)
    }
}

fn encoded<T: Wire>(value: &T) -> Vec<u8> {
    let mut buffer = [0u8; 4096];
    let len = wire::encode_to(value, &mut buffer).unwrap_or(0);
    buffer[..len].to_vec()
}

/// A valid payload for each method that takes no handle or lease.
fn seeds() -> Vec<(u32, Vec<u8>)> {
    vec![
        (
            echo::ordinals::ECHO,
            encoded(&echo::EchoRequest {
                text: text("hello"),
            }),
        ),
        (
            echo::ordinals::SUM,
            encoded(&echo::SumRequest {
                values: BoundedVec::try_from_slice(&[1, 2, 3]).unwrap_or_default(),
            }),
        ),
        (
            echo::ordinals::PING,
            encoded(&echo::PingRequest { sequence: 7 }),
        ),
        (
            echo::ordinals::TAG,
            encoded(&echo::TagRequest {
                color: Color::Red,
                point: Point { x: 1, y: 2 },
            }),
        ),
        (echo::ordinals::NARROWED, Vec::new()),
    ]
}

fn mutate(random: &mut Random, bytes: &mut Vec<u8>) {
    match random.below(6) {
        0 if !bytes.is_empty() => {
            let at = random.below(bytes.len());
            bytes[at] ^= 1 << random.below(8);
        }
        1 => bytes.insert(random.below(bytes.len() + 1), random.next() as u8),
        2 if !bytes.is_empty() => {
            bytes.remove(random.below(bytes.len()));
        }
        3 => bytes.truncate(random.below(bytes.len() + 1)),
        4 => bytes.extend((0..random.below(8)).map(|_| random.next() as u8)),
        _ if !bytes.is_empty() => {
            let at = random.below(bytes.len());
            bytes[at] = random.next() as u8;
        }
        _ => bytes.push(0),
    }
}

#[test]
fn mutated_requests_always_get_a_reply() {
    let iterations = std::env::var("IDLC_FUZZ_ITERATIONS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(20_000usize);
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let mut dispatcher = echo::Dispatcher(EchoService::default());
    let seeds = seeds();
    let mut seen = BTreeSet::new();
    for _ in 0..iterations {
        let (mut operation, seed) = seeds[random.below(seeds.len())].clone();
        let mut payload = seed;
        for _ in 0..=random.below(3) {
            mutate(&mut random, &mut payload);
        }
        if random.below(20) == 0 {
            operation = u32::try_from(random.below(16)).unwrap_or(0);
        }
        let reply = dispatcher.dispatch(Request::new(operation, &payload));
        if let Status::Protocol(error) = reply.status {
            seen.insert(error as u32);
        }
    }
    use ProtocolError::*;
    for expected in [
        UnknownOperation,
        BadLength,
        BadPadding,
        BadValue,
        StringTooLong,
        TooLong,
        InvalidUtf8,
    ] {
        assert!(
            seen.contains(&(expected as u32)),
            "fuzzing never produced {expected:?}; seen {seen:?}"
        );
    }
}
