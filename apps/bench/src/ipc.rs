//! Benchmarks of rendezvous IPC between two processes.
//!
//! The server is this program started again in its `serve` role with a copy
//! of the endpoint handle; it answers every call with the words it got
//! (`ipc::reply_and_wait`, as a register-only server loop would), and ends
//! after answering [`STOP`].

use alloc::format;

use libipc::ipc::{self, Message};
use libipc::sys;

use crate::benchmarks::Outcome;
use crate::measure::Meter;
use crate::server::Server;

/// The server role's argument.
pub const SERVE_ROLE: &str = "serve";

/// The operation that ends the server (bit 63 of an operation is the
/// kernel's, so not `u64::MAX`).
const STOP: u64 = u32::MAX as u64;

/// Server role: echo every call on the endpoint handed over at spawn,
/// answering each and waiting for the next in one syscall.
pub fn serve() {
    let Some(endpoint) = libipc::env::initial_handle() else {
        libipc::println!("bench serve: started without an endpoint");
        sys::exit(1);
    };
    let mut next = ipc::receive(&endpoint);
    while let Ok(received) = next {
        let Some(reply) = received.reply else {
            next = ipc::receive(&endpoint);
            continue;
        };
        let answer = Message { operation: 0, words: received.message.words };
        if received.message.operation == STOP {
            let _ = ipc::reply(reply, &answer);
            break;
        }
        next = ipc::reply_and_wait(reply, &answer);
    }
}

/// `ipc::call` with four words to a server in another process that replies
/// at once: client to server, and back, with both switches.
pub fn call_round_trip(meter: &Meter) -> Outcome {
    let server = Server::start(SERVE_ROLE, STOP)?;
    let message = Message { operation: 1, words: [1, 2, 3, 4] };
    let mut failure = None;
    let summary = meter.each(10_000, |index| {
        let answer = ipc::call(&server.endpoint, &message);
        if !echoes(&answer, &message) && failure.is_none() {
            failure = Some(format!("call {index}: {answer:?}"));
        }
    });
    match failure {
        Some(why) => Err(why),
        None => Ok(summary.into()),
    }
}

/// True if `answer` carries `message`'s words. Compared word by word: an
/// array comparison becomes a `memcmp` call, which would add some 70
/// instructions of the benchmark's own to every sample.
fn echoes<E>(answer: &Result<Message, E>, message: &Message) -> bool {
    let Ok(answer) = answer else { return false };
    let [a0, a1, a2, a3] = answer.words;
    let [m0, m1, m2, m3] = message.words;
    (a0 ^ m0) | (a1 ^ m1) | (a2 ^ m2) | (a3 ^ m3) == 0
}

/// A generated client's call over the kernel transport: `Echo::sum` of four
/// values (a 20-byte request that rides in registers, an 8-byte reply) to
/// `bin/echo-service`, through the code idlc generates for every service.
pub fn rpc_call_round_trip(meter: &Meter) -> Outcome {
    use echo_api::echo::Client;
    use libipc::rpc::KernelChannel;
    use libipc::wire::BoundedVec;

    let endpoint = ipc::create_endpoint().map_err(|error| format!("creating an endpoint: {error}"))?;
    sys::spawn_with_handle("bin/echo-service", &[], Some(&endpoint))
        .map_err(|error| format!("starting echo-service: {error}"))?;
    let mut client = Client::connect(KernelChannel::new(endpoint)).map_err(|error| format!("connect: {error:?}"))?;
    let values = BoundedVec::try_from_slice(&[1, 2, 3, 4]).map_err(|error| format!("{error:?}"))?;
    let mut failure = None;
    let summary = meter.each(5_000, |index| {
        let answer = client.sum(values);
        if answer != Ok(10) && failure.is_none() {
            failure = Some(format!("call {index}: {answer:?}"));
        }
    });
    // The service serves on until the benchmark's boot ends.
    match failure {
        Some(why) => Err(why),
        None => Ok(summary.into()),
    }
}
