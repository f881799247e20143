//! Startup: take init's grants, connect to the boot file system, serve.

mod handshake;
mod namespace;
mod router;

use alloc::format;
use alloc::string::String;

use barodia_abi::Rights;
use init::api::bootstrap::Client as Bootstrap;
use libipc::println;
use libipc::rpc::{self, KernelChannel, KernelReceiver};
use libipc::wire::BoundedString;
use ramdisk::api::file_system::Client as FileSystem;
use vfs::Vfs;

libipc::entry!(main);

/// A mounted file server, reached over IPC.
type Server = FileSystem<KernelChannel>;

fn main() {
    if let Err(why) = run() {
        println!("vfs: {why}");
        libipc::sys::exit(1);
    }
}

fn name(text: &str) -> BoundedString<32> {
    BoundedString::try_from_str(text).unwrap_or_default()
}

fn run() -> Result<(), String> {
    let bootstrap = libipc::env::initial_handle().ok_or("started without a bootstrap endpoint")?;
    let mut bootstrap =
        Bootstrap::connect(KernelChannel::new(bootstrap)).map_err(|error| format!("bootstrap: {error:?}"))?;
    let own = bootstrap.serve().map_err(|error| format!("own endpoint: {error:?}"))?.into_ipc();
    let boot = bootstrap.endpoint(name("fs")).map_err(|error| format!("fs endpoint: {error:?}"))?;
    let boot = FileSystem::connect(KernelChannel::new(boot.into_ipc()))
        .map_err(|error| format!("the boot file system: {error:?}"))?;
    // Namespace handles are minted from this: send, duplicate (so holders
    // can pass copies on; a badged handle's copies keep its badge) and
    // transfer (so a reply can move them).
    let minter_rights = Rights::from_constants(&[Rights::SEND, Rights::DUPLICATE, Rights::TRANSFER]);
    let minter = own.duplicate(minter_rights).map_err(|error| format!("own endpoint: {error}"))?;
    println!("vfs: ready: the boot file system at /");
    let mut receiver = KernelReceiver::new(own);
    let mut router = router::Router { vfs: Vfs::new(boot), minter };
    let why = rpc::serve(&mut receiver, &mut router);
    Err(format!("stopped serving: {why:?}"))
}
