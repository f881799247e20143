//! The shell in the default system (`just qemu`), typed at as a person
//! would: log in as root on console 4 (Alt+F4), then builtins and programs
//! from `/bin` on the shell's terminal with its files, history with the
//! arrow keys, Tab completion of commands and paths, exit statuses and
//! unknown commands.

use std::time::Duration;

use barodia_tests::shell::boot_to_shell_prompt;

/// Generous: TCG on two busy cores, several VMs at once.
const STEP: Duration = Duration::from_secs(240);

#[test]
fn the_shell_runs_builtins_and_programs_on_console_4() {
    let mut vm = boot_to_shell_prompt(STEP).unwrap();
    let screen = vm.screen_text().unwrap();
    assert!(screen.contains("Password:") && !screen.contains("Password: root"), "the password was shown:\n{}", screen.text());

    vm.send_keys("echo hello from the shell\n").unwrap();
    vm.wait_for_screen("\nhello from the shell", STEP).unwrap();
    vm.send_keys("ls /\n").unwrap();
    let screen = vm.wait_for_screen("home/", STEP).unwrap();
    assert!(screen.contains("bin/") && screen.contains("etc/"), "ls / lists bin, etc and home:\n{}", screen.text());
    vm.send_keys("cat /etc/motd\n").unwrap();
    vm.wait_for_screen("Welcome to Barodia", STEP).unwrap();
    vm.send_keys("cd /home/user\n").unwrap();
    vm.send_keys("pwd\n").unwrap();
    vm.wait_for_screen("root:/home/user# ", STEP).unwrap();
    vm.send_keys("cat readme\n").unwrap();
    vm.wait_for_screen("This is your home directory", STEP).unwrap();
    vm.send_keys("nosuch\n").unwrap();
    vm.wait_for_screen("nosuch: command not found", STEP).unwrap();
    vm.send_keys("ls /nowhere\n").unwrap();
    vm.wait_for_screen("ls: /nowhere: no such file or directory", STEP).unwrap();
    vm.wait_for_screen("[exit status 1]", STEP).unwrap();
    // Making and removing, and what the system is doing.
    vm.send_keys("mkdir /tmp/made\n").unwrap();
    vm.send_keys("ls /tmp\n").unwrap();
    vm.wait_for_screen("made/", STEP).unwrap();
    vm.send_keys("rm /tmp/made\n").unwrap();
    vm.send_keys("rm /tmp/made\n").unwrap();
    vm.wait_for_screen("rm: /tmp/made: no such file or directory", STEP).unwrap();
    vm.send_keys("ps\n").unwrap();
    let screen = vm.wait_for_screen("bin/ps", STEP).unwrap();
    assert!(screen.contains("bin/shell") && screen.contains("bin/console"), "ps lists the services:\n{}", screen.text());
    vm.send_keys("free\n").unwrap();
    vm.wait_for_screen("KiB free", STEP).unwrap();
    vm.send_keys("uptime\n").unwrap();
    vm.wait_for_screen(" processes, ", STEP).unwrap();
    // Tab completes a command from /bin.
    vm.send_keys("ec").unwrap();
    vm.send_key_combo(&["tab"]).unwrap();
    vm.send_keys(" completed\n").unwrap();
    vm.wait_for_screen("\ncompleted", STEP).unwrap();
    // And a path.
    vm.send_keys("cat /etc/mo").unwrap();
    vm.send_key_combo(&["tab"]).unwrap();
    vm.send_keys("\n").unwrap();
    vm.wait_for_screen("cat /etc/motd", STEP).unwrap();

    // History: Up twice brings back the line before last, Down the last.
    vm.send_keys("echo first\n").unwrap();
    vm.wait_for_screen("\nfirst", STEP).unwrap();
    vm.send_keys("echo second\n").unwrap();
    vm.wait_for_screen("\nsecond", STEP).unwrap();
    vm.send_key_combo(&["up"]).unwrap();
    vm.send_key_combo(&["up"]).unwrap();
    vm.send_keys(" again\n").unwrap();
    vm.wait_for_screen("\nfirst again", STEP).unwrap();
    vm.send_key_combo(&["up"]).unwrap();
    vm.send_key_combo(&["up"]).unwrap();
    vm.send_key_combo(&["down"]).unwrap();
    vm.send_keys(" too\n").unwrap();
    vm.wait_for_screen("\nfirst again too", STEP).unwrap();

    // `exit` logs out: the login prompt comes back.
    vm.send_keys("exit\n").unwrap();
    // (Screen rows are right-trimmed: the prompt's space is not there.)
    vm.wait_for_screen("\nlogin:", STEP).unwrap();
}
