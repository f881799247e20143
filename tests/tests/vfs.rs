//! The VFS in the booted system (`init=bin/init:vfs`): over the ramdisk, a
//! client reads through the boot namespace, narrows it to a user's view
//! (`/home/user` writable, `/etc` read-only) and finds nothing else there,
//! mounts the ramdisk into a copy without the original seeing it, releases
//! a namespace, and sends hostile requests that are refused by name while
//! the VFS serves on.

use std::time::Duration;

use barodia_tests::{Vm, VmConfig};

/// Generous: TCG on two busy cores, several VMs at once.
const STEP: Duration = Duration::from_secs(240);

#[test]
fn namespaces_reach_only_their_mounts_and_the_vfs_survives_hostile_clients() {
    let config = VmConfig::default().memory_mib(64).cmdline("init=bin/init:vfs").timeout(Duration::from_secs(300));
    let mut vm = Vm::boot(config).unwrap();
    vm.wait_for_serial_line("vfs: ready", STEP).unwrap();
    let verdict = vm.wait_for_serial_line("vfs-client: ", STEP).unwrap();
    assert!(verdict.contains("vfs-client: ok: 7 kinds of hostile request refused by name"), "{verdict}");
}
