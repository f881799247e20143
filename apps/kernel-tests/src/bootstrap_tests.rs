//! The `bootstrap-check` role: started by init from its test manifest, it
//! asks `Bootstrap` for what the manifest grants it and for what it does
//! not, then exits with an error so init restarts it.

use alloc::format;
use alloc::string::String;

use barodia_abi::Rights;
use init::api::BootstrapError;
use init::api::bootstrap::Client;
use libipc::rpc::{CallError, KernelChannel, ObjectType};
use libipc::wire::BoundedString;

use crate::checks::check;

type Outcome = Result<String, String>;

fn name(text: &str) -> Result<BoundedString<32>, String> {
    BoundedString::try_from_str(text).map_err(|error| format!("{error:?}"))
}

/// Checks the grants of `services/init/manifest-test`, then exits with 3.
pub fn check_grants() -> Outcome {
    let endpoint = libipc::env::initial_handle().ok_or("started without a bootstrap endpoint")?;
    let mut bootstrap = Client::connect(KernelChannel::new(endpoint)).map_err(|error| format!("connect: {error:?}"))?;
    let irq = bootstrap.irq(name("rtc")?).map_err(|error| format!("irq: {error:?}"))?;
    check("the IRQ grant", irq.object() == ObjectType::Irq && irq.rights().contains(Rights::WAIT))?;
    let ports = bootstrap.ports(name("cmos")?).map_err(|error| format!("ports: {error:?}"))?;
    check("the port grant", ports.object() == ObjectType::IoPorts)?;
    let memory = bootstrap.memory(name("vga")?).map_err(|error| format!("memory: {error:?}"))?;
    check("the memory grant", memory.object() == ObjectType::Memory)?;
    let peer = bootstrap.endpoint(name("self")?).map_err(|error| format!("endpoint: {error:?}"))?;
    check("the endpoint grant", peer.object() == ObjectType::Endpoint && !peer.rights().contains(Rights::RECEIVE))?;
    let own = bootstrap.serve().map_err(|error| format!("serve: {error:?}"))?;
    check("its own endpoint", own.rights().contains(Rights::RECEIVE))?;
    // The boot archive: read-only, and a valid bootfs archive.
    let archive = bootstrap.memory(name("boot")?).map_err(|error| format!("archive: {error:?}"))?;
    let archive = libipc::ipc::device::DeviceMemory::from_handle(archive.into_ipc())
        .map_err(|error| format!("archive size: {error}"))?;
    check("the archive cannot be mapped writable", archive.map(true).is_err())?;
    let mapping = archive.map(false).map_err(|error| format!("map archive: {error}"))?;
    let mut bytes = alloc::vec![0u8; mapping.len()];
    mapping.read(0, &mut bytes).map_err(|error| format!("read archive: {error}"))?;
    let parsed = bootfs::Archive::parse(&bytes).map_err(|error| format!("parse archive: {error}"))?;
    check("the archive holds bin/init", parsed.find("bin/init").is_some())?;
    let extra = bootstrap.receive(name("extra")?).map_err(|error| format!("receive: {error:?}"))?;
    check("its extra endpoint", extra.object() == ObjectType::Endpoint && extra.rights().contains(Rights::RECEIVE))?;
    // The ports through the granted capability work.
    let ports = libipc::ipc::device::Ports(ports.into_ipc());
    ports.write_u8(0x70, 0x8B).map_err(|error| format!("port write: {error}"))?;
    ports.read_u8(0x71).map_err(|error| format!("port read: {error}"))?;
    // What the manifest does not grant is refused by name.
    let refused = |result: Result<libipc::rpc::Handle, CallError<BootstrapError>>| {
        matches!(result, Err(CallError::Interface(BootstrapError::NotGranted)))
    };
    check("an IRQ under a port grant's name", refused(bootstrap.irq(name("cmos")?)))?;
    check("a name not in the manifest", refused(bootstrap.memory(name("framebuffer")?)))?;
    // A send grant cannot be turned into a receive one, nor the reverse.
    check("receive on a send grant", refused(bootstrap.receive(name("self")?)))?;
    check("send on a receive grant", refused(bootstrap.endpoint(name("extra")?)))?;
    libipc::println!("bootstrap-check: granted irq, ports, memory, archive, endpoint, serve and receive; refused the rest");
    libipc::sys::exit(3)
}
