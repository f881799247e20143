//! Runs one scenario of `apps/kernel-tests` as the first program.
//!
//! The program reports `utest: NAME ok ...` or `utest: NAME FAILED ...` on
//! the kernel log; see `apps/kernel-tests/src/main.rs`.

use std::time::Duration;

use crate::{HarnessError, Vm, VmConfig};

/// Generous: TCG on two busy cores, several VMs at once.
const STEP: Duration = Duration::from_secs(240);

/// Boots with `init=bin/kernel-tests:<scenario>` in 64 MiB (EuraliOS needs
/// about 128 MiB) and returns the VM once the scenario has reported. A
/// scenario that reports failure is an error carrying its line.
pub fn run_user_scenario(scenario: &str) -> Result<Vm, HarnessError> {
    let config = VmConfig::default()
        .memory_mib(64)
        .cmdline(format!("init=bin/kernel-tests:{scenario}"))
        .timeout(Duration::from_secs(300));
    let mut vm = Vm::boot(config)?;
    let line = vm.wait_for_serial_line(&format!("utest: {scenario} "), STEP)?;
    if line.contains(&format!("utest: {scenario} ok")) {
        Ok(vm)
    } else {
        Err(HarnessError::ScenarioFailed(line))
    }
}
