//! The text editor `edit` in the default system, run from the shell on
//! console 4: typing with corrections, saving, the unsaved-changes
//! warning on quit, the status line, a clean screen on exit, and the
//! files and save errors it must refuse or report without crashing.

use std::time::Duration;

use barodia_tests::shell::{ROOT_PROMPT, boot_to_shell_prompt};
use barodia_tests::{HarnessError, Screen, Vm};

/// Generous: TCG on two busy cores, several VMs at once.
const STEP: Duration = Duration::from_secs(240);
/// The status line: the screen's last row.
const STATUS_ROW: usize = 24;
/// What the editor says until something else is said.
const HELP: &str = "Ctrl-S save  Ctrl-Q quit";

fn status_line(screen: &Screen) -> String {
    screen.lines()[STATUS_ROW].clone()
}

/// Presses each named key (QEMU qcodes) in turn.
fn press(vm: &mut Vm, keys: &[&str]) -> Result<(), HarnessError> {
    keys.iter().try_for_each(|key| vm.send_key_combo(&[key]))
}

/// Waits for the shell's prompt after the editor quit, and checks that
/// the editor left the screen clean: the prompt on the top row, nothing
/// else, and the status line's reverse video gone.
fn wait_for_clean_prompt(vm: &mut Vm) -> Result<(), HarnessError> {
    let screen = vm.wait_for_screen(ROOT_PROMPT, STEP)?;
    let lines = screen.lines();
    assert_eq!(lines[0], ROOT_PROMPT, "the prompt is not at the top:\n{}", screen.text());
    assert!(lines[1..].iter().all(String::is_empty), "the editor left text behind:\n{}", screen.text());
    let normal = screen.attribute_at(0, 0);
    for column in 0..80 {
        assert_eq!(screen.attribute_at(STATUS_ROW, column), normal, "the status line's colours stayed");
    }
    Ok(())
}

#[test]
fn edit_saves_typed_text_and_warns_before_dropping_changes() {
    let mut vm = boot_to_shell_prompt(STEP).unwrap();

    // A new file: an empty buffer, the name on the status line.
    vm.send_keys("edit /tmp/note.txt\n").unwrap();
    let screen = vm.wait_for_screen(HELP, STEP).unwrap();
    let status = status_line(&screen);
    assert!(status.starts_with(" /tmp/note.txt  Ctrl-S save"), "status line: {status:?}");
    assert!(status.ends_with("1:1"), "status line: {status:?}");
    assert_eq!(screen.lines()[1], "~", "rows past the text show ~:\n{}", screen.text());
    assert_ne!(screen.attribute_at(STATUS_ROW, 0), screen.attribute_at(0, 0), "the status line is in reverse video");

    // "Hello wrld": three Lefts and an `o` fix it; End, Enter, then
    // "second linee" less one Backspace; Up and Down move over the text.
    vm.send_keys("Hello wrld").unwrap();
    press(&mut vm, &["left", "left", "left"]).unwrap();
    vm.send_keys("o").unwrap();
    press(&mut vm, &["end"]).unwrap();
    vm.send_keys("\nsecond linee\u{8}").unwrap();
    press(&mut vm, &["up", "down"]).unwrap();
    // Rows are right-trimmed: the `~` row right after shows that the
    // second line ends where it should.
    let screen = vm.wait_for_screen("Hello world\nsecond line\n~", STEP).unwrap();
    assert_eq!(screen.lines()[0], "Hello world", "{}", screen.text());
    assert_eq!(screen.lines()[1], "second line", "{}", screen.text());
    assert!(status_line(&screen).starts_with(" /tmp/note.txt [+]"), "modified: {:?}", status_line(&screen));

    // Ctrl-S writes the 24 bytes (a new file ends with a newline).
    vm.send_key_combo(&["ctrl", "s"]).unwrap();
    let screen = vm.wait_for_screen("saved 24 bytes", STEP).unwrap();
    let status = status_line(&screen);
    assert!(status.starts_with(" /tmp/note.txt  saved 24 bytes"), "saved, not modified: {status:?}");
    vm.send_key_combo(&["ctrl", "q"]).unwrap();
    wait_for_clean_prompt(&mut vm).unwrap();
    vm.send_keys("cat /tmp/note.txt\n").unwrap();
    vm.wait_for_screen(&format!("{ROOT_PROMPT} cat /tmp/note.txt\nHello world\nsecond line\n{ROOT_PROMPT}"), STEP).unwrap();

    // Again: a change, a Ctrl-Q that warns, a second one that quits.
    vm.send_keys("edit /tmp/note.txt\n").unwrap();
    let screen = vm.wait_for_screen(HELP, STEP).unwrap();
    assert_eq!(screen.lines()[0], "Hello world", "the file is loaded:\n{}", screen.text());
    assert_eq!(screen.lines()[1], "second line", "the file is loaded:\n{}", screen.text());
    vm.send_keys("X").unwrap();
    vm.wait_for_screen("XHello world", STEP).unwrap();
    vm.send_key_combo(&["ctrl", "q"]).unwrap();
    let screen = vm.wait_for_screen("unsaved changes: Ctrl-Q again to quit", STEP).unwrap();
    let status = status_line(&screen);
    assert!(status.starts_with(" /tmp/note.txt [+]  unsaved changes"), "the warning: {status:?}");
    vm.send_key_combo(&["ctrl", "q"]).unwrap();
    wait_for_clean_prompt(&mut vm).unwrap();
    vm.send_keys("cat /tmp/note.txt\n").unwrap();
    vm.wait_for_screen(&format!("{ROOT_PROMPT} cat /tmp/note.txt\nHello world\nsecond line\n{ROOT_PROMPT}"), STEP).unwrap();
}

#[test]
fn edit_refuses_what_it_cannot_edit_and_reports_save_errors() {
    let mut vm = boot_to_shell_prompt(STEP).unwrap();

    // A program is not text; a directory is not a file; both are refused
    // before the screen changes, with exit status 1.
    vm.send_keys("edit /bin/echo\n").unwrap();
    let screen = vm.wait_for_screen("[exit status 1]", STEP).unwrap();
    assert!(
        screen.contains("edit: /bin/echo: line 1 is not UTF-8") || screen.contains("edit: /bin/echo: line 1 longer than"),
        "a binary is refused:\n{}",
        screen.text()
    );
    vm.send_keys("edit /tmp\n").unwrap();
    vm.wait_for_screen("edit: /tmp: is a directory", STEP).unwrap();
    vm.send_keys("edit\n").unwrap();
    vm.wait_for_screen("usage: edit PATH", STEP).unwrap();

    // A file whose directory does not exist: the save fails on the status
    // line, the editor goes on, and quitting still warns.
    vm.send_keys("edit /nowhere/new.txt\n").unwrap();
    vm.wait_for_screen(HELP, STEP).unwrap();
    vm.send_keys("text").unwrap();
    vm.send_key_combo(&["ctrl", "s"]).unwrap();
    let screen = vm.wait_for_screen("not saved: no such file or directory", STEP).unwrap();
    assert!(status_line(&screen).starts_with(" /nowhere/new.txt [+]"), "{:?}", status_line(&screen));
    vm.send_key_combo(&["ctrl", "q"]).unwrap();
    vm.wait_for_screen("unsaved changes", STEP).unwrap();
    vm.send_key_combo(&["ctrl", "q"]).unwrap();
    wait_for_clean_prompt(&mut vm).unwrap();
    vm.send_keys("ls /\n").unwrap();
    let screen = vm.wait_for_screen("tmp/", STEP).unwrap();
    assert!(!screen.contains("nowhere"), "nothing was created:\n{}", screen.text());
}

/// The editor on the serial console, where the terminal at the other end
/// draws its ANSI output: a user logs in, writes a file, saves and quits.
#[test]
fn edit_works_on_the_serial_console() {
    use barodia_tests::VmConfig;
    use barodia_tests::vm::login::prompt;

    let mut vm = Vm::boot(VmConfig::default().memory_mib(128).timeout(Duration::from_secs(400))).unwrap();
    vm.wait_for_serial("login: ready on consoles", STEP).unwrap();
    vm.log_in_on_serial("user", "user", "/home/user", STEP).unwrap();
    let home = prompt("user", "/home/user");
    vm.send_serial(b"edit draft.txt\r").unwrap();
    vm.wait_for_serial(HELP, STEP).unwrap();
    // Typed, a typo rubbed out, Ctrl-S, then Ctrl-Q.
    vm.send_serial(b"Over the serial linx\x7fe\r").unwrap();
    vm.send_serial(b"\x13").unwrap();
    vm.wait_for_serial("saved 22 bytes", STEP).unwrap();
    vm.send_serial(b"\x11").unwrap();
    vm.wait_for_serial(&home, STEP).unwrap();
    let shown = vm.run_on_serial("cat draft.txt", &home, STEP).unwrap();
    assert!(shown.contains("Over the serial line\r\n"), "{shown:?}");
}
