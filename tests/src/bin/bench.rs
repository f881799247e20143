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
use std::time::Duration;

use barodia_tests::bench::{self, BenchLog};
use barodia_tests::{Vm, VmConfig};

/// Wall-clock budget for the whole run. Counting instructions makes TCG
/// slower; the run takes well under a minute on a quiet machine.
const BUDGET: Duration = Duration::from_secs(600);

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
    let config = VmConfig::default()
        .name("bench")
        .cmdline("init=bin/bench")
        .arg("-icount")
        .arg("shift=0")
        .timeout(BUDGET);
    let mut vm = Vm::boot(config).map_err(|error| error.to_string())?;
    eprintln!("bench: booted; serial log in {}", vm.log_path().display());
    let done = vm.wait_for_serial_line(bench::DONE, BUDGET).map_err(|error| error.to_string())?;
    let log = BenchLog::parse(&vm.serial_text());
    drop(vm);

    print!("{}", bench::table(&log));
    let json_path = json_path();
    let json = serde_json::to_string_pretty(&bench::to_json(&log)).map_err(|error| error.to_string())?;
    std::fs::write(&json_path, json + "\n").map_err(|error| format!("writing {}: {error}", json_path.display()))?;
    println!("Written to {}.", json_path.display());

    for line in &log.unreadable {
        eprintln!("bench: could not read {line:?}");
    }
    let failed = !done.ends_with("failures=0") || !log.unreadable.is_empty();
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// `target/bench.json`: next to the harness's `target/qemu-logs`, so it
/// honours `CARGO_TARGET_DIR` the same way.
fn json_path() -> PathBuf {
    let logs = barodia_tests::config::default_log_dir();
    logs.parent().map_or_else(|| PathBuf::from("bench.json"), |target| target.join("bench.json"))
}
