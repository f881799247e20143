//! The ramdisk server program (`bin/ramdisk`). Started by init, it asks
//! `Bootstrap` for the boot archive (`archive`), copies its files into an
//! in-memory file system, and serves `FileSystem` on its own endpoint.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::format;
    use alloc::string::String;

    use init::starter::Starter;
    use libipc::ipc::device::DeviceMemory;
    use libipc::println;
    use libipc::rpc::{self, KernelReceiver};
    use ramdisk::api::file_system::Dispatcher;
    use ramdisk::service::Ramdisk;
    use ramfs::{FileSystem, Limits};

    libipc::entry!(main);

    fn main() {
        init::starter::run("ramdisk", run);
    }

    fn run() -> Result<(), String> {
        let mut starter = Starter::connect()?;
        let archive = starter.memory("archive")?;
        let own = starter.serve()?;

        // Copy the archive out of its read-only mapping, then drop the
        // mapping: the files live in the file system from here on.
        let archive = DeviceMemory::from_handle(archive).map_err(|error| format!("archive: {error}"))?;
        let mapping = archive.map(false).map_err(|error| format!("map archive: {error}"))?;
        let mut bytes = alloc::vec![0u8; mapping.len()];
        mapping.read(0, &mut bytes).map_err(|error| format!("read archive: {error}"))?;
        drop(mapping);
        let parsed = bootfs::Archive::parse(&bytes).map_err(|error| format!("archive: {error}"))?;
        let mut fs = FileSystem::new(Limits::default());
        let copied = ramdisk::populate::populate(&mut fs, &parsed)
            .map_err(|(path, error)| format!("cannot copy {path}: {error}"))?;
        let (used, nodes) = fs.usage();
        println!("ramdisk: ready: {copied} files from the boot image, {used} bytes in {nodes} nodes");

        let mut receiver = KernelReceiver::new(own);
        let mut dispatcher = Dispatcher(Ramdisk { fs });
        let why = rpc::serve(&mut receiver, &mut dispatcher);
        Err(format!("stopped serving: {why:?}"))
    }
}

/// On the host this crate is a library with tests; the program itself only
/// runs inside Barodia.
#[cfg(not(target_os = "none"))]
fn main() {
    eprintln!("ramdisk runs inside Barodia: boot it with `just qemu`");
}
