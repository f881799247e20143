//! The two assertions every scenario uses, as errors rather than panics: a
//! failed check ends the scenario with its reason on the kernel log.

use alloc::format;
use alloc::string::String;

use barodia_abi::SysError;

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
