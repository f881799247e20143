//! Serving `Bootstrap` to one service: a thread per service, each holding
//! only that service's grants, so a service can never ask for another's.

use alloc::vec::Vec;

use barodia_abi::{Rights, SysError};
use init::api::BootstrapError;
use init::api::bootstrap::{Dispatcher, Server};
use libipc::ipc::Handle;
use libipc::rpc::{self, KernelReceiver, ObjectType};
use libipc::wire::BoundedString;

use super::claims::Held;

/// One service's grants, and the receive end of its own endpoint.
struct Grants {
    held: Vec<Held>,
    own: Handle,
}

impl Grants {
    /// A duplicate of the grant `name` of kind `object`, with `rights` (and
    /// `TRANSFER`, so the reply can move it).
    fn give(
        &self,
        name: &BoundedString<32>,
        object: ObjectType,
        receive: bool,
        rights: Rights,
    ) -> Result<rpc::Handle, BootstrapError> {
        let held = self
            .held
            .iter()
            .find(|held| held.name == name.as_str() && held.object == object && held.receive == receive)
            .ok_or(BootstrapError::NotGranted)?;
        let handle = held.handle.as_ref().ok_or(BootstrapError::Unavailable)?;
        // Never more than init holds (the boot archive is read-only).
        let rights = Rights::from_bits(rights.bits() & held.rights.bits()).unwrap_or(rights);
        let with_transfer = Rights::from_bits(rights.bits() | Rights::TRANSFER.bits()).unwrap_or(rights);
        let copy = handle.duplicate(with_transfer).map_err(|_| BootstrapError::Unavailable)?;
        Ok(rpc::Handle::from_ipc(copy, object, with_transfer))
    }
}

impl Server for Grants {
    fn irq(&mut self, name: BoundedString<32>) -> Result<rpc::Handle, BootstrapError> {
        self.give(&name, ObjectType::Irq, false, Rights::from_constants(&[Rights::WAIT, Rights::SIGNAL]))
    }

    fn ports(&mut self, name: BoundedString<32>) -> Result<rpc::Handle, BootstrapError> {
        self.give(&name, ObjectType::IoPorts, false, Rights::from_constants(&[Rights::PORT_READ, Rights::PORT_WRITE]))
    }

    fn memory(&mut self, name: BoundedString<32>) -> Result<rpc::Handle, BootstrapError> {
        self.give(&name, ObjectType::Memory, false, Rights::from_constants(&[Rights::MAP_READ, Rights::MAP_WRITE]))
    }

    fn endpoint(&mut self, name: BoundedString<32>) -> Result<rpc::Handle, BootstrapError> {
        self.give(&name, ObjectType::Endpoint, false, Rights::SEND)
    }

    fn receive(&mut self, name: BoundedString<32>) -> Result<rpc::Handle, BootstrapError> {
        self.give(&name, ObjectType::Endpoint, true, Rights::RECEIVE)
    }

    fn working_directory(&mut self) -> BoundedString<256> {
        BoundedString::try_from_str("/").unwrap_or_default()
    }

    fn serve(&mut self) -> Result<rpc::Handle, BootstrapError> {
        // Send and duplicate too, so the service can hand its clients
        // (badged) send handles of its own endpoint.
        let rights = Rights::from_constants(&[Rights::RECEIVE, Rights::SEND, Rights::DUPLICATE, Rights::TRANSFER]);
        let copy = self.own.duplicate(rights).map_err(|_| BootstrapError::Unavailable)?;
        Ok(rpc::Handle::from_ipc(copy, ObjectType::Endpoint, rights))
    }
}

/// Serves `Bootstrap` on `receiver` with `held` grants, on a thread of its
/// own, for as long as init runs.
pub fn serve_in_thread(receiver: Handle, held: Vec<Held>, own: Handle) -> Result<(), SysError> {
    libipc::thread::spawn(move || {
        let mut receiver = KernelReceiver::new(receiver);
        let mut dispatcher = Dispatcher(Grants { held, own });
        let why = rpc::serve(&mut receiver, &mut dispatcher);
        libipc::println!("init: a bootstrap server stopped: {why:?}");
        1
    })
    .map(drop)
}
