//! The console server in the booted system: keys typed over QMP reach the
//! screen through the keyboard driver; Alt+F1..F4 switch virtual consoles,
//! each with its own text; Shift+PgUp shows the history; text typed on the
//! serial line comes back on the serial console; a hostile client is
//! refused by name while the console serves on; and a crashed keyboard
//! driver is restarted by init, after which typing works again.

use std::time::{Duration, Instant};

use barodia_tests::{HarnessError, Screen, Vm, VmConfig};

/// Generous: TCG on two busy cores, several VMs at once.
const STEP: Duration = Duration::from_secs(240);
/// VGA attribute of the console's default colours and of ANSI green.
const GREEN_ON_BLACK: u8 = 0x02;

fn boot(cmdline: &str) -> Result<Vm, HarnessError> {
    Vm::boot(VmConfig::default().memory_mib(64).cmdline(cmdline).timeout(Duration::from_secs(400)))
}

/// Waits until both services have said they are ready (in either order).
fn wait_ready(vm: &mut Vm) {
    let deadline = Instant::now() + STEP;
    while !(vm.serial_text().contains("console: ready") && vm.serial_text().contains("keyboard: ready")) {
        assert!(Instant::now() < deadline, "console and keyboard never got ready:\n{}", vm.serial_text());
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The row and column where `needle` starts on `screen`.
fn find(screen: &Screen, needle: &str) -> Option<(usize, usize)> {
    screen.lines().iter().enumerate().find_map(|(row, line)| {
        line.find(needle).map(|byte| (row, line[..byte].chars().count()))
    })
}

#[test]
fn consoles_keys_serial_hostile_clients_and_a_restarted_keyboard() {
    let mut vm = boot("init=bin/init:console").unwrap();
    wait_ready(&mut vm);
    let screen = vm.wait_for_screen("console 1 of 4", STEP).unwrap();
    assert!(screen.contains("barodia>"), "no prompt on the screen:\n{}", screen.text());

    // Typed keys appear as they are typed, and Enter echoes the line.
    vm.send_keys("hello vga").unwrap();
    vm.wait_for_screen("barodia> hello vga", STEP).unwrap();
    vm.send_keys("\n").unwrap();
    let screen = vm.wait_for_screen("you typed: hello vga", STEP).unwrap();
    assert!(!screen.contains("green text from a client"), "console 2's text on console 1:\n{}", screen.text());

    // The hostile client's verdict, and its text on console 2.
    let verdict = vm.wait_for_serial_line("console-client: ", STEP).unwrap();
    assert!(verdict.contains("console-client: ok"), "{verdict}");
    vm.send_key_combo(&["alt", "f2"]).unwrap();
    let screen = vm.wait_for_screen("green text from a client", STEP).unwrap();
    assert!(screen.contains("console 2 of 4"), "not console 2:\n{}", screen.text());
    assert!(!screen.contains("hello vga"), "console 1's text on console 2:\n{}", screen.text());
    let (row, column) = find(&screen, "green text").unwrap();
    assert_eq!(screen.attribute_at(row, column), Some(GREEN_ON_BLACK), "ANSI green is VGA green");
    // The client reads console 2: the echo prompt stops, the client gets
    // the line and writes it back; Ctrl+C reaches the client's waiter.
    vm.wait_for_serial_line("console: a program reads console 2", STEP).unwrap();
    vm.send_keys("second\n").unwrap();
    vm.wait_for_serial_line("console-client: read \"second\"", STEP).unwrap();
    let screen = vm.wait_for_screen("the client read: second", STEP).unwrap();
    assert!(!screen.contains("you typed: second"), "the echo prompt still answered:\n{}", screen.text());
    vm.wait_for_serial_line("console-client: waiting for Ctrl+C", STEP).unwrap();
    vm.send_key_combo(&["ctrl", "c"]).unwrap();
    vm.wait_for_serial_line("console-client: interrupted by Ctrl+C", STEP).unwrap();

    // Console 3 shows what the client wrote through its `Terminal`.
    vm.send_key_combo(&["alt", "f3"]).unwrap();
    let screen = vm.wait_for_screen("written through a terminal of console 3", STEP).unwrap();
    assert!(screen.contains("console 3 of 4"), "not console 3:\n{}", screen.text());

    // Back to console 1: its own text is still there.
    vm.send_key_combo(&["alt", "f1"]).unwrap();
    let screen = vm.wait_for_screen("you typed: hello vga", STEP).unwrap();
    assert!(!screen.contains("the client read: second"), "console 2's line on console 1:\n{}", screen.text());

    // Enough lines to push the banner off the top, then Shift+PgUp shows
    // it again, and a key brings the view back down.
    for line in 0..11 {
        vm.send_keys(&format!("line {line}\n")).unwrap();
    }
    let screen = vm.wait_for_screen("you typed: line 10", STEP).unwrap();
    assert!(!screen.contains("console 1 of 4"), "the banner should have scrolled away:\n{}", screen.text());
    vm.send_key_combo(&["shift", "pgup"]).unwrap();
    vm.wait_for_screen("console 1 of 4", STEP).unwrap();
    vm.send_key_combo(&["shift", "pgdn"]).unwrap();
    let screen = vm.wait_for_screen("you typed: line 10", STEP).unwrap();
    assert!(!screen.contains("console 1 of 4"), "the view should be back at the bottom:\n{}", screen.text());

    // The serial console: the client's text, and an echo of what is typed.
    // (The client wrote before it reported, so its text is already there.)
    let log = vm.serial_text();
    assert!(log.contains("a client wrote this on the serial console"), "no client text on serial:\n{log}");
    vm.send_serial(b"typed on serial\r").unwrap();
    vm.wait_for_serial("you typed: typed on serial", STEP).unwrap();

    // Each key's latency, from its interrupt to its echo on screen (the
    // figure `just bench` reports under -icount).
    let latencies = barodia_tests::bench::keypress::latencies(&vm.serial_text());
    assert!(latencies.len() >= 20, "a latency line per key typed: {latencies:?}");

    // The keyboard driver dies (F12 makes the test build fault); init
    // restarts it, and typing reaches the screen again.
    vm.send_key_combo(&["f12"]).unwrap();
    vm.wait_for_serial_line("init: keyboard (process", STEP).unwrap();
    vm.wait_for_serial_line("init: restarted keyboard", STEP).unwrap();
    vm.wait_for_serial_line("keyboard: ready", STEP).unwrap();
    vm.send_keys("again\n").unwrap();
    vm.wait_for_screen("you typed: again", STEP).unwrap();
    // A fault, not a kill by another process: init names it.
    assert!(vm.serial_text().contains(") crashed: page fault"), "the driver's crash is logged:\n{}", vm.serial_text());
}

/// The default boot (what `just qemu` runs) starts the console and the
/// keyboard from `services/init/manifest`, the screen is the console's, and
/// login has taken console 1 (typed keys reach it, not the echo prompt)
/// and the serial console.
#[test]
fn the_default_boot_starts_the_console_and_the_keyboard() {
    let mut vm = Vm::boot(VmConfig::default().memory_mib(64).timeout(Duration::from_secs(400))).unwrap();
    vm.wait_for_serial_line("init: started console", STEP).unwrap();
    vm.wait_for_serial_line("init: started keyboard", STEP).unwrap();
    wait_ready(&mut vm);
    vm.wait_for_screen("Barodia (console 1)", STEP).unwrap();
    vm.wait_for_screen("login:", STEP).unwrap();
    vm.send_keys("nobody\n").unwrap();
    vm.wait_for_screen("Password:", STEP).unwrap();
    let screen = vm.screen_text().unwrap();
    assert!(!screen.contains("you typed"), "the echo prompt got the keys:\n{}", screen.text());
    vm.wait_for_serial("Barodia (console 5)", STEP).unwrap();
}
