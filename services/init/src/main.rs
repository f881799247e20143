//! init (`bin/init`): the first process. It claims the devices its manifest
//! names with the platform capability, starts each service with a
//! `Bootstrap` endpoint through which the service asks for exactly what the
//! manifest grants it, and restarts services that die (see
//! `init::restart`), logging each start, exit and restart.
//!
//! `init=bin/init` runs `services/init/manifest`; `init=bin/init:NAME` runs
//! `services/init/manifest-NAME` (`test`, `keyboard`), which the QEMU tests
//! use.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

#[cfg(target_os = "none")]
extern crate alloc;

#[cfg(target_os = "none")]
mod program;

/// On the host this crate is a library with tests; the program runs only
/// inside Barodia.
#[cfg(not(target_os = "none"))]
fn main() {
    eprintln!("init runs inside Barodia: boot it with `just qemu`");
}
