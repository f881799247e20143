//! The shell in the default system (`just qemu`), typed at as a person
//! would: log in as root on console 4 (Alt+F4), then builtins and programs
//! from `/bin` on the shell's terminal with its files, history with the
//! arrow keys, Tab completion of commands and paths, exit statuses and
//! unknown commands; and mv, cp and kill, and programs that crash.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use barodia_tests::shell::{boot_test_image_to_shell_prompt, boot_to_shell_prompt};
use barodia_tests::{HarnessError, Vm};

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

/// Runs `command` in the shell and returns the lines it printed: those
/// between its command line and an `echo` of a marker typed after it (the
/// marker's output, at the start of a line, shows the command has ended).
/// If the command line scrolled away, the whole screen comes back, which
/// fails the caller's comparison with the screen in its message.
fn output_of(vm: &mut Vm, command: &str) -> Result<Vec<String>, HarnessError> {
    static MARKERS: AtomicUsize = AtomicUsize::new(0);
    let marker = format!("done-{}", MARKERS.fetch_add(1, Ordering::Relaxed));
    vm.send_keys(&format!("{command}\n"))?;
    vm.send_keys(&format!("echo {marker}\n"))?;
    let lines = vm.wait_for_screen(&format!("\n{marker}"), STEP)?.lines();
    let start = lines.iter().rposition(|line| typed_at_prompt(line, command)).map_or(0, |index| index + 1);
    let end_line = format!("echo {marker}");
    Ok(lines.into_iter().skip(start).take_while(|line| !typed_at_prompt(line, &end_line)).collect())
}

/// Whether `line` is a prompt (`root:/# `, or `$ ` for a user) with
/// `command` typed after it.
fn typed_at_prompt(line: &str, command: &str) -> bool {
    line.strip_suffix(command).is_some_and(|prompt| prompt.ends_with("# ") || prompt.ends_with("$ "))
}

#[test]
fn utilities_copy_move_kill_and_crashes_show_their_reason() {
    // The test image: the crashes at the end run `kernel-tests`.
    let mut vm = boot_test_image_to_shell_prompt(STEP).unwrap();

    // cp makes a copy with the same bytes.
    assert_eq!(output_of(&mut vm, "cp /home/user/readme /tmp/first.txt").unwrap(), Vec::<String>::new());
    let copied = output_of(&mut vm, "cat /tmp/first.txt").unwrap();
    assert!(copied.iter().any(|line| line.contains("This is your home directory")), "the copy reads back: {copied:?}");
    let refused = output_of(&mut vm, "cp /tmp/first.txt /tmp").unwrap();
    assert_eq!(refused, ["cp: /tmp/first.txt: source and destination are the same", "[exit status 1]"]);

    // mv renames: the new name is listed and the old one is gone.
    assert_eq!(output_of(&mut vm, "mv /tmp/first.txt /tmp/second.txt").unwrap(), Vec::<String>::new());
    let listed = output_of(&mut vm, "ls /tmp").unwrap();
    assert!(listed.iter().any(|line| line.starts_with("second.txt  ")), "ls shows the new name: {listed:?}");
    assert!(!listed.iter().any(|line| line.contains("first.txt")), "ls no longer shows the old name: {listed:?}");

    // mv refuses a missing directory and a directory into itself.
    let missing = output_of(&mut vm, "mv /tmp/second.txt /nowhere/").unwrap();
    assert_eq!(missing, ["mv: /nowhere/: no such directory", "[exit status 1]"]);
    let missing = output_of(&mut vm, "mv /tmp/second.txt /nowhere/third.txt").unwrap();
    assert_eq!(missing, ["mv: /nowhere/third.txt: its directory does not exist", "[exit status 1]"]);
    assert_eq!(output_of(&mut vm, "mkdir /tmp/box").unwrap(), Vec::<String>::new());
    let into_itself = output_of(&mut vm, "mv /tmp/box /tmp/box").unwrap();
    assert_eq!(into_itself, ["mv: /tmp/box: cannot move a directory into itself", "[exit status 1]"]);
    // Into a directory, keeping the name.
    assert_eq!(output_of(&mut vm, "mv /tmp/second.txt /tmp/box").unwrap(), Vec::<String>::new());
    let listed = output_of(&mut vm, "ls /tmp/box").unwrap();
    assert!(listed.iter().any(|line| line.starts_with("second.txt  ")), "moved into the directory: {listed:?}");

    // cp -r copies a directory with what it holds; plain cp refuses one.
    let refused = output_of(&mut vm, "cp /tmp/box /tmp/crate").unwrap();
    assert_eq!(refused, ["cp: /tmp/box: is a directory (cp -r copies directories)", "[exit status 1]"]);
    assert_eq!(output_of(&mut vm, "cp -r /tmp/box /tmp/crate").unwrap(), Vec::<String>::new());
    let listed = output_of(&mut vm, "ls /tmp/crate").unwrap();
    assert!(listed.iter().any(|line| line.starts_with("second.txt  ")), "copied with its file: {listed:?}");
    let refused = output_of(&mut vm, "cp -r /tmp/box /tmp/box/inner").unwrap();
    assert_eq!(refused, ["cp: /tmp/box: cannot copy a directory into itself", "[exit status 1]"]);

    // touch, wc, head and grep.
    assert_eq!(output_of(&mut vm, "touch /tmp/empty /tmp/box/second.txt").unwrap(), Vec::<String>::new());
    assert_eq!(output_of(&mut vm, "echo one two > /tmp/words").unwrap(), Vec::<String>::new());
    assert_eq!(output_of(&mut vm, "echo three >> /tmp/words").unwrap(), Vec::<String>::new());
    let counted = output_of(&mut vm, "wc /tmp/empty /tmp/words").unwrap();
    let columns: Vec<Vec<&str>> = counted.iter().map(|line| line.split_whitespace().collect()).collect();
    assert_eq!(columns, [vec!["0", "0", "0", "/tmp/empty"], vec!["2", "3", "14", "/tmp/words"], vec!["2", "3", "14", "total"]]);
    assert_eq!(output_of(&mut vm, "head -n 1 /tmp/words").unwrap(), ["one two"]);
    assert_eq!(output_of(&mut vm, "grep thr /tmp/empty /tmp/words").unwrap(), ["/tmp/words:three"]);
    assert_eq!(output_of(&mut vm, "grep nobody /tmp/words").unwrap(), ["[exit status 1]"]);
    assert_eq!(output_of(&mut vm, "wc /tmp").unwrap(), ["wc: /tmp: is a directory", "[exit status 1]"]);

    // A program runs from wherever it is: copied to /tmp, it runs from
    // there; a file that is not a program is refused with a reason.
    assert_eq!(output_of(&mut vm, "cp /bin/echo /tmp/say").unwrap(), Vec::<String>::new());
    assert_eq!(output_of(&mut vm, "/tmp/say copied and run").unwrap(), ["copied and run"]);
    assert_eq!(output_of(&mut vm, "cd /tmp").unwrap(), Vec::<String>::new());
    assert_eq!(output_of(&mut vm, "./say from here").unwrap(), ["from here"]);
    let refused = output_of(&mut vm, "./box/second.txt").unwrap();
    assert_eq!(refused, ["shell: ./box/second.txt: not a program this system can run"]);
    assert_eq!(output_of(&mut vm, "cd /").unwrap(), Vec::<String>::new());

    // A job in the background: `jobs` lists it, `kill` ends it, and the
    // shell says so before a later prompt.
    let started = output_of(&mut vm, "sleep 300 &").unwrap();
    let id = started.first().and_then(|line| line.strip_prefix("[1] ")).unwrap_or_default().to_owned();
    assert!(started.len() == 1 && id.parse::<u64>().is_ok(), "the job is announced: {started:?}");
    assert_eq!(output_of(&mut vm, "jobs").unwrap(), [format!("[1] {id}  sleep 300")]);
    let listed = output_of(&mut vm, "ps").unwrap();
    assert!(listed.iter().any(|line| line.contains("bin/sleep")), "ps shows the job: {listed:?}");
    let killed = output_of(&mut vm, &format!("kill {id}")).unwrap();
    assert!(killed.is_empty() || killed == ["[1] killed: sleep 300"], "{killed:?}");
    output_of(&mut vm, "echo after the kill").unwrap();
    vm.wait_for_screen("[1] killed: sleep 300", STEP).unwrap();
    assert_eq!(output_of(&mut vm, "jobs").unwrap(), Vec::<String>::new());
    // kill names what is wrong with its argument.
    assert_eq!(output_of(&mut vm, "kill abc").unwrap(), ["kill: abc: not a process id (a number from ps)"]);
    assert_eq!(output_of(&mut vm, "kill 1").unwrap(), ["kill: 1: not a job of this shell (see `jobs`)"]);
    assert_eq!(output_of(&mut vm, "kill %7").unwrap(), ["kill: %7: not a job of this shell (see `jobs`)"]);

    // A program that faults returns to the prompt with the fault's name.
    assert_eq!(output_of(&mut vm, "kernel-tests fault null-read").unwrap(), ["[crashed: page fault]"]);
    assert_eq!(output_of(&mut vm, "kernel-tests fault invalid-opcode").unwrap(), ["[crashed: invalid opcode]"]);
    assert_eq!(output_of(&mut vm, "echo still here").unwrap(), ["still here"]);
    assert!(vm.serial_text().contains("killed: page fault (read at 0x0"), "the kernel logs the faulting address");
}
