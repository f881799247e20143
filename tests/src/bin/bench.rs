//! `just bench`: boots `apps/bench` under `qemu -icount shift=0` and reports.
//!
//! Under `-icount shift=0` the guest's `rdtsc` counts its instructions
//! exactly (docs/toolchain.md), so the figures do not depend on the host's
//! speed or load. Prints the table with each goal beside its figure and
//! writes the same to `target/bench.json`. Exits with 1 when the run or a
//! benchmark fails, but not when a figure misses its goal: the table says so.
//! What each row measures: docs/bench.md.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use barodia_tests::bench::{self, BenchLog};
use barodia_tests::{HarnessError, Vm, VmConfig};

/// Wall-clock budget for the whole run, which takes about 10 s on a quiet
/// machine; generous for a loaded one.
const BUDGET: Duration = Duration::from_secs(180);

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(error) => {
            eprintln!("bench: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<ExitCode, String> {
    // `just bench NAME` runs only the benchmarks whose name contains NAME.
    let filter = std::env::args().nth(1);
    let cmdline = match &filter {
        Some(filter) => format!("init=bin/bench:{filter}"),
        None => "init=bin/bench".to_owned(),
    };
    let config = VmConfig::default()
        .name("bench")
        .cmdline(cmdline)
        .arg("-icount")
        .arg("shift=0")
        .timeout(BUDGET);
    let mut vm = Vm::boot(config).map_err(|error| error.to_string())?;
    eprintln!("bench: booted; serial log in {}", vm.log_path().display());
    let done = wait_for_done(&mut vm)?;
    let mut serial = vm.serial_text();
    drop(vm);
    if filter.as_deref().is_none_or(|filter| bench::keypress::NAME.contains(filter)) {
        for line in keypress_to_screen()? {
            serial.push_str(&line);
            serial.push('\n');
        }
    }
    if filter.as_deref().is_none_or(|filter| bench::boot::NAME.contains(filter)) {
        for line in boot_to_login()? {
            serial.push_str(&line);
            serial.push('\n');
        }
    }
    let log = BenchLog::parse(&serial);

    print!("{}", bench::table(&log));
    if filter.as_deref().is_none_or(|filter| "boot_wall_clock".contains(filter))
        && let Some(wall_clock) = boot_wall_clock()?
    {
        println!("{}", wall_clock.sentence());
    }
    let json_path = json_path();
    let json =
        serde_json::to_string_pretty(&bench::to_json(&log)).map_err(|error| error.to_string())?;
    std::fs::write(&json_path, json + "\n")
        .map_err(|error| format!("writing {}: {error}", json_path.display()))?;
    println!("Written to {}.", json_path.display());

    for line in &log.unreadable {
        eprintln!("bench: could not read {line:?}");
    }
    let missing = log.missing();
    if filter.is_none() && !missing.is_empty() {
        eprintln!("bench: no line for {missing:?}");
    }
    let failed = !done.ends_with("failures=0")
        || !log.unreadable.is_empty()
        || (filter.is_none() && !missing.is_empty());
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Waits for the `bench: done` line; gives up at once on a kernel panic,
/// which halts the guest without ending QEMU.
fn wait_for_done(vm: &mut Vm) -> Result<String, String> {
    let deadline = Instant::now() + BUDGET;
    loop {
        match vm.wait_for_serial_line(bench::DONE, POLL) {
            Ok(line) => return Ok(line),
            Err(HarnessError::Timeout { context, .. }) => {
                if vm.serial_text().contains(PANIC_MARKER) {
                    return Err(format!("the kernel panicked:\n{}", context.serial_tail));
                }
                if Instant::now() >= deadline {
                    return Err(format!(
                        "no `{}` line within {BUDGET:?}:\n{}",
                        bench::DONE,
                        context.serial_tail
                    ));
                }
            }
            Err(error) => return Err(error.to_string()),
        }
    }
}

/// Keys typed for the keypress row (each is one sample).
const KEYPRESS_TEXT: &str = "barodia keypress bench";

/// Boots the console's test system, types [`KEYPRESS_TEXT`] and returns the
/// `bench:` lines of the keypress and boot-to-prompt rows (see
/// `barodia_tests::bench::keypress`).
fn keypress_to_screen() -> Result<Vec<String>, String> {
    let config = VmConfig::default()
        .name("bench-keypress")
        .cmdline("init=bin/init:console")
        .arg("-icount")
        .arg("shift=0")
        .timeout(BUDGET);
    let mut vm = Vm::boot(config).map_err(|error| error.to_string())?;
    let step = Duration::from_secs(60);
    vm.wait_for_serial_line("console: ready", step).map_err(|error| error.to_string())?;
    vm.wait_for_screen("barodia>", step).map_err(|error| error.to_string())?;
    vm.send_keys(KEYPRESS_TEXT).map_err(|error| error.to_string())?;
    vm.wait_for_screen(KEYPRESS_TEXT, step).map_err(|error| error.to_string())?;
    let serial = vm.serial_text();
    let figures = bench::keypress::latencies(&serial);
    let keypress = bench::keypress::bench_line(&figures).ok_or("the console logged no key latency")?;
    let boot = bench::keypress::boot_line(&serial).ok_or("the console logged no boot count")?;
    Ok(vec![keypress, boot])
}

/// Boots the default system under `-icount shift=0` and returns the
/// `bench:` lines of the `boot_to_login` and `reset_to_login` rows, from
/// login's own line for the serial console (see `barodia_tests::bench::boot`).
fn boot_to_login() -> Result<Vec<String>, String> {
    let config = VmConfig::default()
        .name("bench-login")
        .memory_mib(128)
        .arg("-icount")
        .arg("shift=0")
        .timeout(BUDGET);
    let mut vm = Vm::boot(config).map_err(|error| error.to_string())?;
    let marker = format!("login: prompt on console {}", bench::boot::CONSOLE);
    vm.wait_for_serial_line(&marker, Duration::from_secs(60)).map_err(|error| error.to_string())?;
    let lines = bench::boot::login_lines(&vm.serial_text());
    if lines.is_empty() {
        return Err("login logged no boot count".to_owned());
    }
    Ok(lines)
}

/// Boots the default system five times (no `-icount`, `-m 128`) and
/// returns the wall-clock times from starting QEMU to the serial console's
/// login prompt: its banner, then `login: ` with the line editor's erase
/// after it (so it is the prompt being shown, not a log line).
fn boot_wall_clock() -> Result<Option<bench::boot::WallClock>, String> {
    let prompt = format!("login: {}", barodia_tests::vm::login::AFTER_PROMPT);
    let mut times = Vec::new();
    for run in 0..bench::boot::WALL_CLOCK_BOOTS {
        let started = Instant::now();
        let config = VmConfig::default().name(format!("bench-boot-{run}")).memory_mib(128).timeout(BUDGET);
        let mut vm = Vm::boot(config).map_err(|error| error.to_string())?;
        let step = Duration::from_secs(60);
        vm.wait_for_serial(barodia_tests::vm::login::SERIAL_BANNER, step).map_err(|error| error.to_string())?;
        vm.wait_for_serial(&prompt, step).map_err(|error| error.to_string())?;
        times.push(started.elapsed());
    }
    Ok(bench::boot::WallClock::of(&times))
}

/// How often to look for a kernel panic while waiting.
const POLL: Duration = Duration::from_secs(1);
/// What the kernel prints when it panics (kernel/src/panic.rs).
const PANIC_MARKER: &str = "KERNEL PANIC";

/// `target/bench.json`: next to the harness's `target/qemu-logs`, so it
/// honours `CARGO_TARGET_DIR` the same way.
fn json_path() -> PathBuf {
    let logs = barodia_tests::config::default_log_dir();
    logs.parent().map_or_else(
        || PathBuf::from("bench.json"),
        |target| target.join("bench.json"),
    )
}
