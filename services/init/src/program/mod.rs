//! The init program: claim the manifest's devices, start its services,
//! serve each its `Bootstrap`, and restart the ones that die.

mod bootstrap;
mod claims;

use alloc::vec::Vec;
use core::time::Duration;

use barodia_abi::{ExitReason, Rights, SysError};
use init::manifest::{self, Service};
use init::restart::{Decision, MAX_RESTARTS, Policy};
use libipc::ipc::device::{Platform, Process};
use libipc::ipc::{self, Handle};
use libipc::println;

libipc::entry!(main);

/// The manifest `init=bin/init` runs.
const MANIFEST: &str = include_str!("../../manifest");
/// The manifests `init=bin/init:NAME` runs (QEMU tests).
const TEST_MANIFESTS: [(&str, &str); 4] = [
    ("test", include_str!("../../manifest-test")),
    ("console", include_str!("../../manifest-console")),
    ("fs", include_str!("../../manifest-fs")),
    ("vfs", include_str!("../../manifest-vfs")),
];

/// Exit notifications arrive with this operation plus the service's index.
const EXITED: u64 = 0x1000;

/// What init knows of one service.
struct Supervised {
    service: Service,
    /// The send end of its `Bootstrap` endpoint, given to it at each start.
    bootstrap: Handle,
    policy: Policy,
    /// Its process while it runs.
    process: Option<u64>,
    /// When to start it again, if it is down.
    due: Option<u64>,
    starts: u32,
}

fn now() -> u64 {
    u64::try_from(libipc::time::now().as_nanos()).unwrap_or(u64::MAX)
}

fn main() {
    let text = match libipc::env::args().nth(1) {
        None => MANIFEST,
        Some(name) => match TEST_MANIFESTS.iter().find(|(known, _)| *known == name) {
            Some((_, text)) => text,
            None => {
                println!("init: no manifest named `{name}`");
                libipc::sys::exit(1);
            }
        },
    };
    let services = match manifest::parse(text) {
        Ok(services) => services,
        Err(error) => {
            println!("init: {error}");
            libipc::sys::exit(1);
        }
    };
    let Some(platform) = libipc::env::initial_handle().map(Platform) else {
        println!("init: started without the platform capability");
        libipc::sys::exit(1);
    };
    if let Err(error) = run(&platform, services) {
        println!("init: stopped: {error}");
        libipc::sys::exit(1);
    }
}

fn run(platform: &Platform, services: Vec<Service>) -> Result<(), SysError> {
    let supervisor = ipc::create_endpoint()?;
    let mut endpoints = Vec::new();
    for service in &services {
        endpoints.push(claims::Endpoints::create(service)?);
    }
    let names: Vec<alloc::string::String> = services.iter().map(|service| service.name.clone()).collect();
    let mut supervised = Vec::new();
    for (index, service) in services.into_iter().enumerate() {
        let grants = claims::claim(platform, index, &service, &names, &endpoints);
        let own_rights =
            Rights::from_constants(&[Rights::RECEIVE, Rights::SEND, Rights::DUPLICATE, Rights::TRANSFER]);
        let own = endpoints[index].main.duplicate(own_rights)?;
        let bootstrap = ipc::create_endpoint()?;
        let receiver = bootstrap.duplicate(Rights::RECEIVE)?;
        bootstrap::serve_in_thread(receiver, grants, own)?;
        let send_only = bootstrap.duplicate(Rights::from_constants(&[Rights::SEND, Rights::TRANSFER]))?;
        supervised.push(Supervised { service, bootstrap: send_only, policy: Policy::default(), process: None, due: Some(0), starts: 0 });
    }
    loop {
        let time = now();
        for (index, entry) in supervised.iter_mut().enumerate() {
            if entry.due.is_some_and(|due| due <= time) {
                entry.due = None;
                start(index, entry, &supervisor);
            }
        }
        let next_due = supervised.iter().filter_map(|entry| entry.due).min();
        let received = match next_due {
            Some(due) => ipc::receive_timeout(&supervisor, Duration::from_nanos(due.saturating_sub(now()).max(1))),
            None => ipc::receive(&supervisor),
        };
        match received {
            Ok(received) => {
                let index = received.message.operation.wrapping_sub(EXITED) as usize;
                let [process, status, ..] = received.message.words;
                if let Some(entry) = supervised.get_mut(index) {
                    exited(entry, process, status);
                }
            }
            Err(SysError::TimedOut) => {}
            Err(error) => return Err(error),
        }
    }
}

/// Starts (or restarts) service `index`.
fn start(index: usize, entry: &mut Supervised, supervisor: &Handle) {
    let service = &entry.service;
    let arguments: Vec<&str> = service.arguments.iter().map(|argument| argument.as_str()).collect();
    let started = libipc::sys::spawn_with_handle(&service.path, &arguments, Some(&entry.bootstrap));
    let process = match started {
        Ok(process) => process,
        Err(error) => {
            println!("init: cannot start {} ({}): {error}", service.name, service.path);
            entry.due = match entry.policy.died(now()) {
                Decision::RestartAt(at) => Some(at),
                Decision::GiveUp => None,
            };
            return;
        }
    };
    let watched = Process::open(process).and_then(|handle| handle.notify_on_exit(supervisor, EXITED + index as u64));
    if let Err(error) = watched {
        println!("init: cannot watch {} (process {process}): {error}", service.name);
    }
    entry.policy.started(now());
    entry.process = Some(process);
    entry.starts += 1;
    if entry.starts == 1 {
        println!("init: started {} as process {process}", service.name);
    } else {
        println!("init: restarted {} as process {process} (start {})", service.name, entry.starts);
    }
}

/// Service `entry` ended with `status`.
fn exited(entry: &mut Supervised, process: u64, status: u64) {
    if entry.process != Some(process) {
        return;
    }
    entry.process = None;
    // Reap it; the status came with the notification.
    let _ = libipc::sys::wait(process);
    let name = &entry.service.name;
    match ExitReason::from_status(status) {
        ExitReason::Killed => println!("init: {name} (process {process}) was killed"),
        ExitReason::Exited(code) => println!("init: {name} (process {process}) exited with status {code}"),
        crash @ ExitReason::Fault { .. } => println!("init: {name} (process {process}) {crash}"),
    }
    let died_at = now();
    match entry.policy.died(died_at) {
        Decision::RestartAt(at) => {
            let delay = at.saturating_sub(died_at) / 1_000_000;
            println!("init: restarting {name} in {delay} ms");
            entry.due = Some(at);
        }
        Decision::GiveUp => {
            println!("init: giving up on {name}: more than {MAX_RESTARTS} restarts in a minute");
        }
    }
}
