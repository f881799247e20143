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
    let checks = log.matches("bootstrap-check: granted irq, ports, memory, endpoint and serve; refused the rest").count();
    let restarts = log.matches("init: restarted flaky").count();
    let exits = log.matches("init: flaky (process").count();
    assert_eq!(restarts, 5, "expected five restarts before giving up:\n{log}");
    assert_eq!(checks, 6, "each start should pass the bootstrap checks:\n{log}");
    assert_eq!(exits, 6, "each exit should be logged:\n{log}");
    assert!(log.contains("exited with status 3"), "the exit status is logged:\n{log}");
    assert!(log.contains("init: restarting flaky in 100 ms"), "the first back-off is 100 ms:\n{log}");
    assert!(log.contains("init: restarting flaky in 1600 ms"), "the back-off doubles:\n{log}");
}

/// The keyboard driver, started by init with IRQ 1 and the 8042's ports
/// only, decodes keys typed over QMP and sends them to a logger standing in
/// for the console; killed, it is restarted and typing works again.
#[test]
fn keys_typed_over_qmp_reach_the_driver_and_its_consumer() {
    let config = VmConfig::default().memory_mib(64).cmdline("init=bin/init:keyboard").timeout(Duration::from_secs(300));
    let mut vm = Vm::boot(config).unwrap();
    // The two start in either order; wait until both have said so.
    vm.wait_for_serial_line("keyboard: ready", STEP).unwrap();
    let deadline = std::time::Instant::now() + STEP;
    while !vm.serial_text().contains("key-logger: ready") {
        assert!(std::time::Instant::now() < deadline, "the key logger never got ready:\n{}", vm.serial_text());
        std::thread::sleep(Duration::from_millis(50));
    }
    vm.send_keys("Hello, Barodia 42!\n").unwrap();
    vm.wait_for_serial_line("key-logger: line \"Hello, Barodia 42!\"", STEP).unwrap();

    // The driver dies (F12 makes this test build fault); init restarts it
    // and typing works again.
    vm.send_key_combo(&["f12"]).unwrap();
    vm.wait_for_serial_line("init: keyboard (process", STEP).unwrap();
    vm.wait_for_serial_line("init: restarted keyboard", STEP).unwrap();
    vm.wait_for_serial_line("keyboard: ready", STEP).unwrap();
    vm.send_keys("again\n").unwrap();
    vm.wait_for_serial_line("key-logger: line \"again\"", STEP).unwrap();
    assert!(vm.serial_text().contains("was killed"), "the driver's death is logged:\n{}", vm.serial_text());
}
