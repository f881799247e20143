//! init in the booted system: it starts the services of its test manifest
//! (`services/init/manifest-test`) with exactly the capabilities the
//! manifest names, and restarts a service that dies, with back-off, until
//! it gives up.

use std::time::Duration;

use barodia_tests::{Vm, VmConfig};


/// Generous: TCG on two busy cores, several VMs at once.
const STEP: Duration = Duration::from_secs(240);

#[test]
fn init_grants_the_manifest_and_restarts_a_dying_service_with_back_off() {
    let config = VmConfig::default().memory_mib(64).cmdline("init=bin/init:test").timeout(Duration::from_secs(300));
    let mut vm = Vm::boot(config).unwrap();
    vm.wait_for_serial_line("init: started flaky", STEP).unwrap();
    vm.wait_for_serial_line("init: giving up on flaky", STEP).unwrap();
    let log = vm.serial_text();
    let checks = log.matches("bootstrap-check: granted irq, ports, memory, archive, endpoint, serve and receive; refused the rest").count();
    let restarts = log.matches("init: restarted flaky").count();
    let exits = log.matches("init: flaky (process").count();
    assert_eq!(restarts, 5, "expected five restarts before giving up:\n{log}");
    assert_eq!(checks, 6, "each start should pass the bootstrap checks:\n{log}");
    assert_eq!(exits, 6, "each exit should be logged:\n{log}");
    assert!(log.contains("exited with status 3"), "the exit status is logged:\n{log}");
    assert!(log.contains("init: restarting flaky in 100 ms"), "the first back-off is 100 ms:\n{log}");
    assert!(log.contains("init: restarting flaky in 1600 ms"), "the back-off doubles:\n{log}");
}
