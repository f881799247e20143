//! Startup: take init's grants, connect to the boot file system, serve.

mod handshake;
mod namespace;
mod router;

use alloc::format;
use alloc::string::String;

use barodia_abi::Rights;
use init::starter::Starter;
use libipc::println;
use libipc::rpc::{self, KernelChannel, KernelReceiver};
use ramdisk::api::file_system::Client as FileSystem;
use vfs::Vfs;

libipc::entry!(main);

/// A mounted file server, reached over IPC.
type Server = FileSystem<KernelChannel>;

fn main() {
    init::starter::run("vfs", run);
}

fn run() -> Result<(), String> {
    let mut starter = Starter::connect()?;
    let own = starter.serve()?;
    let boot = FileSystem::connect(KernelChannel::new(starter.endpoint("fs")?))
        .map_err(|error| format!("the boot file system: {error:?}"))?;
    // Namespace handles are minted from this: send, duplicate (so holders
    // can pass copies on; a badged handle's copies keep its badge) and
    // transfer (so a reply can move them).
    let minter_rights = Rights::from_constants(&[Rights::SEND, Rights::DUPLICATE, Rights::TRANSFER]);
    let minter = own.duplicate(minter_rights).map_err(|error| format!("own endpoint: {error}"))?;
    // A namespace ends with the last handle carrying its badge.
    own.notify_closed(u64::from(vfs::HANDLES_CLOSED_OPERATION))
        .map_err(|error| format!("closure notifications: {error}"))?;
    println!("vfs: ready: the boot file system at /");
    let mut receiver = KernelReceiver::new(own);
    let mut router = router::Router { vfs: Vfs::new(boot), minter };
    let why = rpc::serve(&mut receiver, &mut router);
    Err(format!("stopped serving: {why:?}"))
}
