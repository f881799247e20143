//! Getting to the shell of the default system (`just qemu`'s image and
//! manifest), for the tests that type into it.

use std::time::Duration;

use crate::{HarnessError, Vm, VmConfig};

/// The shell's prompt in `/`, as it shows on the screen (rows are
/// right-trimmed, so without its space).
pub const ROOT_PROMPT: &str = "/$";

/// Boots the default system and waits until the shell on console 4
/// (Alt+F4) shows its banner and prompt, ready for keys. Every test that
/// uses the shell starts here, so a change in how one reaches it (a
/// login first) is made once, here.
pub fn boot_to_shell_prompt(step: Duration) -> Result<Vm, HarnessError> {
    let mut vm = Vm::boot(VmConfig::default().memory_mib(64).timeout(Duration::from_secs(400)))?;
    vm.wait_for_serial_line("shell: ready on console 4", step)?;
    // The keyboard driver starts before the shell, and says so first:
    // search the log from its start.
    vm.set_serial_cursor(0);
    vm.wait_for_serial("keyboard: ready", step)?;
    vm.send_key_combo(&["alt", "f4"])?;
    vm.wait_for_screen("Barodia shell", step)?;
    vm.wait_for_screen(ROOT_PROMPT, step)?;
    Ok(vm)
}
