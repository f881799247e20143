//! The ramdisk in the booted system (`init=bin/init:fs`): it holds the boot
//! image's files under `/bin` and `/etc`, a client makes, changes and removes
//! its own through the generated `FileSystem` client (with 64 KiB leases),
//! and malformed requests are refused by name while it serves on.

use std::time::Duration;

use barodia_tests::{Vm, VmConfig};

/// Generous: TCG on two busy cores, several VMs at once.
const STEP: Duration = Duration::from_secs(240);

#[test]
fn the_ramdisk_serves_the_image_files_and_survives_hostile_clients() {
    let config = VmConfig::default().memory_mib(64).cmdline("init=bin/init:fs").timeout(Duration::from_secs(300));
    let mut vm = Vm::boot(config).unwrap();
    let ready = vm.wait_for_serial_line("ramdisk: ready", STEP).unwrap();
    assert!(ready.contains("files from the boot image"), "{ready}");
    let verdict = vm.wait_for_serial_line("fs-client: ", STEP).unwrap();
    assert!(verdict.contains("fs-client: ok: 6 kinds"), "{verdict}");
}
