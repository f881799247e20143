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
}

/// Claims each grant of `service`; `names` and `endpoints` are every
/// service's name and own endpoint, in manifest order.
pub fn claim(platform: &Platform, service: &Service, names: &[String], endpoints: &[Handle]) -> Vec<Held> {
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
            Grant::Endpoint { service: target, .. } => {
                // The parser checked the target exists.
                let index = names.iter().position(|name| name == target);
                let endpoint = index.and_then(|index| endpoints.get(index)).ok_or(SysError::NotFound);
                let send = Rights::from_constants(&[Rights::SEND, Rights::DUPLICATE, Rights::TRANSFER]);
                (ObjectType::Endpoint, endpoint.and_then(|endpoint| endpoint.duplicate(send)))
            }
        };
        let handle = match claimed {
            Ok(handle) => Some(handle),
            Err(error) => {
                println!("init: cannot claim `{}` for {}: {error}", grant.name(), service.name);
                None
            }
        };
        held.push(Held { name: String::from(grant.name()), object, handle });
    }
    held
}
