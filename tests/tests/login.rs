//! Logging in on the default system's serial console (console 5): a wrong
//! password is refused after a delay; `user` gets a shell in its own
//! namespace (its home, `/tmp`, the programs; not root's files, not another
//! account's home, not the password file); files written survive logging
//! out and in again; root reaches everything; `passwd` changes a password.

use std::time::{Duration, Instant};

use barodia_tests::vm::login::prompt;
use barodia_tests::{HarnessError, Vm, VmConfig};

/// Generous: TCG on two busy cores, several VMs at once.
const STEP: Duration = Duration::from_secs(240);

fn boot() -> Result<Vm, HarnessError> {
    let mut vm = Vm::boot(VmConfig::default().memory_mib(128).timeout(Duration::from_secs(600)))?;
    vm.wait_for_serial("login: ready on consoles", STEP)?;
    Ok(vm)
}

#[test]
fn users_log_in_on_the_serial_console_and_stay_in_their_namespace() {
    let mut vm = boot().unwrap();
    let home = prompt("user", "/home/user");

    // A wrong password: refused, after a delay, and never echoed.
    vm.type_login_on_serial("user", "guess", STEP).unwrap();
    let typed_at = Instant::now();
    let refused = vm.wait_for_serial("Login incorrect", STEP).unwrap();
    assert!(typed_at.elapsed() >= Duration::from_millis(900), "the refusal came without a delay");
    let text = vm.serial_text();
    assert!(!text[..refused].contains("guess"), "the password was echoed:\n{text}");

    // The right one: a shell in the home directory.
    vm.log_in_on_serial("user", "user", "/home/user", STEP).unwrap();
    let listing = vm.run_on_serial("ls /", &home, STEP).unwrap();
    for name in ["bin/", "etc/", "home/", "tmp/"] {
        assert!(listing.contains(name), "ls / lists {name}:\n{listing}");
    }
    assert!(!listing.contains("root/"), "root's home is not in user's namespace:\n{listing}");
    let mounts = vm.run_on_serial("mounts", &home, STEP).unwrap();
    for line in ["/bin                      0  /bin                 read-only", "/home/user                0  /home/user           read-write"] {
        assert!(mounts.contains(line), "mounts shows {line:?}:\n{mounts}");
    }
    let listing = vm.run_on_serial("ls /etc", &home, STEP).unwrap();
    assert!(listing.contains("motd") && !listing.contains("motd/") && !listing.contains("passwd"), "{listing}");
    let who = vm.run_on_serial("whoami", &home, STEP).unwrap();
    assert!(who.contains("user (uid 1000, home /home/user)"), "{who}");

    // Outside the namespace, or read-only: a clear error each.
    let denied = vm.run_on_serial("cat /root/notes", &home, STEP).unwrap();
    assert!(denied.contains("cat: /root/notes: permission denied"), "{denied}");
    let denied = vm.run_on_serial("ls /home/guest", &home, STEP).unwrap();
    assert!(denied.contains("ls: /home/guest: permission denied"), "{denied}");
    let denied = vm.run_on_serial("cat /etc/passwd", &home, STEP).unwrap();
    assert!(denied.contains("cat: /etc/passwd: permission denied"), "{denied}");
    let refused = vm.run_on_serial("mkdir /bin/mine", &home, STEP).unwrap();
    assert!(refused.contains("mkdir: /bin/mine: read-only"), "{refused}");

    // A file of its own, written with `>`, survives logging out and in.
    vm.run_on_serial("echo kept across logins > notes.txt", &home, STEP).unwrap();
    vm.run_on_serial("echo and appended >> notes.txt", &home, STEP).unwrap();
    let shown = vm.run_on_serial("cat notes.txt", &home, STEP).unwrap();
    assert!(shown.contains("kept across logins\r\nand appended"), "{shown:?}");
    let refused = vm.run_on_serial("echo nope > /etc/motd", &home, STEP).unwrap();
    assert!(refused.contains("shell: /etc/motd: read-only"), "{refused}");
    vm.send_serial(b"exit\r").unwrap();
    vm.log_in_on_serial("user", "user", "/home/user", STEP).unwrap();
    let shown = vm.run_on_serial("cat /home/user/notes.txt", &home, STEP).unwrap();
    assert!(shown.contains("kept across logins"), "{shown}");
    vm.send_serial(b"exit\r").unwrap();

    // root reaches everything.
    let root = prompt("root", "/root");
    vm.log_in_on_serial("root", "root", "/root", STEP).unwrap();
    let shown = vm.run_on_serial("cat /root/notes", &root, STEP).unwrap();
    assert!(shown.contains("only root can read this file"), "{shown}");
    let shown = vm.run_on_serial("cat /home/user/notes.txt", &root, STEP).unwrap();
    assert!(shown.contains("kept across logins"), "{shown}");
    let shown = vm.run_on_serial("cat /etc/passwd", &root, STEP).unwrap();
    assert!(shown.contains("user:pbkdf2-sha256:10000:"), "{shown}");
    vm.send_serial(b"exit\r").unwrap();
}

#[test]
fn passwd_changes_a_password() {
    let mut vm = boot().unwrap();
    let home = prompt("user", "/home/user");
    vm.log_in_on_serial("user", "user", "/home/user", STEP).unwrap();

    // A wrong current password changes nothing.
    vm.send_serial(b"passwd\r").unwrap();
    vm.wait_for_serial("Current password: ", STEP).unwrap();
    vm.send_serial(b"nope\r").unwrap();
    vm.wait_for_serial("New password: ", STEP).unwrap();
    vm.send_serial(b"better one\r").unwrap();
    vm.wait_for_serial("Retype the new password: ", STEP).unwrap();
    vm.send_serial(b"better one\r").unwrap();
    vm.wait_for_serial("passwd: wrong password; nothing changed", STEP).unwrap();
    vm.wait_for_serial(&home, STEP).unwrap();

    // Another account's: only root may.
    let refused = vm.run_on_serial("passwd root", &home, STEP).unwrap();
    assert!(refused.contains("passwd: only root may change another account's password"), "{refused}");

    // The right one, then the new password logs in and the old does not.
    vm.send_serial(b"passwd\r").unwrap();
    vm.wait_for_serial("Current password: ", STEP).unwrap();
    vm.send_serial(b"user\r").unwrap();
    vm.wait_for_serial("New password: ", STEP).unwrap();
    vm.send_serial(b"better one\r").unwrap();
    vm.wait_for_serial("Retype the new password: ", STEP).unwrap();
    vm.send_serial(b"better one\r").unwrap();
    vm.wait_for_serial("passwd: the password of user is changed.", STEP).unwrap();
    vm.wait_for_serial(&home, STEP).unwrap();
    vm.send_serial(b"exit\r").unwrap();

    vm.type_login_on_serial("user", "user", STEP).unwrap();
    vm.wait_for_serial("Login incorrect", STEP).unwrap();
    vm.log_in_on_serial("user", "better one", "/home/user", STEP).unwrap();
    vm.send_serial(b"exit\r").unwrap();
}

/// A hostile program run by a user (the test image's `kernel-tests`)
/// turns its session and namespace against login and the VFS: each
/// attempt is refused by name, and both keep serving that user and others.
#[test]
fn login_and_the_vfs_survive_a_hostile_session() {
    let config = VmConfig::default().with_test_programs().memory_mib(128).timeout(Duration::from_secs(600));
    let mut vm = Vm::boot(config).unwrap();
    vm.wait_for_serial("login: ready on consoles", STEP).unwrap();
    let home = prompt("user", "/home/user");
    vm.log_in_on_serial("user", "user", "/home/user", STEP).unwrap();
    let attack = vm.run_on_serial("kernel-tests session-attack", &home, STEP).unwrap();
    assert!(attack.contains("session-attack: ok: 7 kinds of hostile request refused"), "{attack}");
    let who = vm.run_on_serial("whoami", &home, STEP).unwrap();
    assert!(who.contains("user (uid 1000, home /home/user)"), "{who}");
    vm.send_serial(b"exit\r").unwrap();
    vm.log_in_on_serial("root", "root", "/root", STEP).unwrap();
}
