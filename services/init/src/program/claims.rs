//! Claiming what a service's manifest entry grants it, once, at start.
//!
//! init holds every claimed capability for the life of the system, so a
//! restarted driver gets the same IRQ line and ports again; the service
//! gets duplicates through `Bootstrap`.

use alloc::string::String;
use alloc::vec::Vec;

use barodia_abi::{Rights, SysError};
use init::manifest::{Grant, Service};
use libipc::ipc::Handle;
use libipc::ipc::device::Platform;
use libipc::println;
use libipc::rpc::ObjectType;

/// A grant as init holds it: its name, kind, and the handle (`None` when
/// the kernel refused the claim).
pub struct Held {
    /// The name the service asks for.
    pub name: String,
    /// What kind of object.
    pub object: ObjectType,
    /// The handle init keeps.
    pub handle: Option<Handle>,
    /// The rights it was claimed with.
    pub rights: Rights,
    /// Whether it is the service's own endpoint to receive on (a `receive`
    /// grant), which only `Bootstrap::receive` hands out.
    pub receive: bool,
}

/// The endpoints of one service that clients reach: its main one and the
/// ones its `receive` lines declare. They outlive the service's restarts,
/// so its clients can call again once it is back.
pub struct Endpoints {
    /// The main endpoint (`Bootstrap::serve`).
    pub main: Handle,
    /// The `receive` endpoints, by name.
    pub extra: Vec<(String, Handle)>,
}

impl Endpoints {
    /// Creates the endpoints of `service`.
    pub fn create(service: &Service) -> Result<Self, SysError> {
        let mut extra = Vec::new();
        for grant in &service.grants {
            if let Grant::Receive { name } = grant {
                extra.push((name.clone(), libipc::ipc::create_endpoint()?));
            }
        }
        Ok(Endpoints { main: libipc::ipc::create_endpoint()?, extra })
    }

    /// The main endpoint (`None`) or the `receive` endpoint `name`.
    fn find(&self, name: Option<&str>) -> Option<&Handle> {
        match name {
            None => Some(&self.main),
            Some(name) => self.extra.iter().find(|(extra, _)| extra == name).map(|(_, handle)| handle),
        }
    }
}

/// Claims each grant of `service`, which is entry `index`; `names` and
/// `endpoints` are every service's name and endpoints, in manifest order.
pub fn claim(platform: &Platform, index: usize, service: &Service, names: &[String], endpoints: &[Endpoints]) -> Vec<Held> {
    let mut held = Vec::new();
    for grant in &service.grants {
        let (object, claimed) = match grant {
            Grant::Irq { line, .. } => (ObjectType::Irq, platform.claim_irq(*line).map(|irq| irq.0)),
            Grant::Ports { first, count, .. } => {
                (ObjectType::IoPorts, platform.claim_ports(*first, *count).map(|ports| ports.0))
            }
            Grant::Memory { physical, pages, .. } => {
                (ObjectType::Memory, platform.claim_memory(*physical, *pages).map(|memory| memory.handle))
            }
            Grant::BootArchive { .. } => (ObjectType::Memory, platform.claim_boot_archive().map(|memory| memory.handle)),
            Grant::Endpoint { service: target, receive, .. } => {
                // The parser checked the target and its endpoint exist.
                let target = names.iter().position(|name| name == target);
                let endpoint = target
                    .and_then(|target| endpoints.get(target))
                    .and_then(|endpoints| endpoints.find(receive.as_deref()))
                    .ok_or(SysError::NotFound);
                let send = Rights::from_constants(&[Rights::SEND, Rights::DUPLICATE, Rights::TRANSFER]);
                (ObjectType::Endpoint, endpoint.and_then(|endpoint| endpoint.duplicate(send)))
            }
            Grant::Receive { name } => {
                let endpoint = endpoints.get(index).and_then(|own| own.find(Some(name))).ok_or(SysError::NotFound);
                let receive = Rights::from_constants(&[Rights::RECEIVE, Rights::DUPLICATE, Rights::TRANSFER]);
                (ObjectType::Endpoint, endpoint.and_then(|endpoint| endpoint.duplicate(receive)))
            }
        };
        let receive = matches!(grant, Grant::Receive { .. });
        let handle = match claimed {
            Ok(handle) => Some(handle),
            Err(error) => {
                println!("init: cannot claim `{}` for {}: {error}", grant.name(), service.name);
                None
            }
        };
        // What each kind of claim gives (kernel/src/ipc): only the boot
        // archive lacks a right that Bootstrap hands on.
        let rights = match grant {
            Grant::BootArchive { .. } => Rights::from_constants(&[Rights::MAP_READ, Rights::DUPLICATE, Rights::TRANSFER]),
            _ => Rights::ALL,
        };
        held.push(Held { name: String::from(grant.name()), object, handle, receive, rights });
    }
    held
}
