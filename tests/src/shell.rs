//! Getting to the shell of the default system (`just qemu`'s image and
//! manifest), for the tests that type into it.

use std::time::Duration;

use crate::{HarnessError, Vm, VmConfig};

/// The shell's prompt in `/` when logged in as root, as it shows on the
/// screen (rows are right-trimmed, so without its space).
pub const ROOT_PROMPT: &str = "root:/#";

/// Boots the default system, logs in as root on console 4 (Alt+F4) with
/// the keyboard, as a person would, and changes to `/`: the shell shows
/// [`ROOT_PROMPT`], ready for keys. Every test that uses the shell on the
/// screen starts here.
pub fn boot_to_shell_prompt(step: Duration) -> Result<Vm, HarnessError> {
    shell_prompt_of(VmConfig::default(), step)
}

/// Like [`boot_to_shell_prompt`], but on the test image, for tests that run
/// a test program (`kernel-tests fault ...`) from the shell: the default
/// image does not have them (targets/image/build.rs).
pub fn boot_test_image_to_shell_prompt(step: Duration) -> Result<Vm, HarnessError> {
    shell_prompt_of(VmConfig::default().with_test_programs(), step)
}

fn shell_prompt_of(config: VmConfig, step: Duration) -> Result<Vm, HarnessError> {
    let mut vm = Vm::boot(config.memory_mib(64).timeout(Duration::from_secs(400)))?;
    vm.wait_for_serial_line("login: ready on consoles", step)?;
    // The keyboard driver starts before login, and says so first: search
    // the log from its start.
    vm.set_serial_cursor(0);
    vm.wait_for_serial("keyboard: ready", step)?;
    vm.send_key_combo(&["alt", "f4"])?;
    vm.wait_for_screen("Barodia (console 4)", step)?;
    vm.wait_for_screen("login:", step)?;
    vm.send_keys("root\n")?;
    vm.wait_for_screen("Password:", step)?;
    vm.send_keys("root\n")?;
    vm.wait_for_screen("root:/root#", step)?;
    vm.send_keys("cd /\n")?;
    vm.wait_for_screen(ROOT_PROMPT, step)?;
    Ok(vm)
}
