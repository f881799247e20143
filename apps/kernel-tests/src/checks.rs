//! The assertions the scenarios share, as errors rather than panics: a
//! failed check ends the scenario with its reason on the kernel log.

use alloc::format;
use alloc::string::String;

use barodia_abi::SysError;
use libipc::rpc::{self, ProtocolError, Status};

/// `Err` naming `what` unless `condition` holds.
pub fn check(what: &str, condition: bool) -> Result<(), String> {
    if condition { Ok(()) } else { Err(format!("{what}: check failed")) }
}

/// `Ok` if `result` is exactly the error `expected`.
pub fn expect<T: core::fmt::Debug>(what: &str, result: Result<T, SysError>, expected: SysError) -> Result<(), String> {
    match result {
        Err(error) if error == expected => Ok(()),
        other => Err(format!("{what}: got {other:?}, expected {expected:?}")),
    }
}

/// `Ok` if the server refused the request with exactly the protocol error
/// `expected` (the hostile-client scenarios send one malformed request each).
pub fn expect_protocol(what: &str, reply: Result<rpc::Reply, rpc::TransportError>, expected: ProtocolError) -> Result<(), String> {
    match reply {
        Ok(reply) if reply.status == Status::Protocol(expected) => Ok(()),
        Ok(reply) => Err(format!("{what}: got {:?}, expected {expected:?}", reply.status)),
        Err(error) => Err(format!("{what}: transport error {error:?}")),
    }
}
