//! The kernel logger: `log` records to serial (and the early screen), by level.
//!
//! Lines look like `INFO  ramdisk: bin/hello (4096 bytes)`: the level padded to
//! five columns, then the module path without the `kernel::` prefix. The level
//! threshold comes from the command line (`loglevel=debug`); the default is
//! `info`.

use log::{Level, LevelFilter, Log, Metadata, Record};
use vga::colors::Color16;

use crate::console;

struct KernelLogger;

static LOGGER: KernelLogger = KernelLogger;

/// Installs the logger at the default level. Call once, after serial is up.
pub fn init() {
    // `set_logger` fails only if a logger is already set, which would mean
    // `init` ran twice; the first logger then stays, which is harmless.
    let _ = log::set_logger(&LOGGER);
    log::set_max_level(LevelFilter::Info);
}

/// Changes the threshold; records below it cost one comparison.
pub fn set_level(level: LevelFilter) {
    log::set_max_level(level);
}

/// Parses a level name as written on the command line.
pub fn parse_level(name: &str) -> Option<LevelFilter> {
    match name {
        "off" => Some(LevelFilter::Off),
        "error" => Some(LevelFilter::Error),
        "warn" => Some(LevelFilter::Warn),
        "info" => Some(LevelFilter::Info),
        "debug" => Some(LevelFilter::Debug),
        "trace" => Some(LevelFilter::Trace),
        _ => None,
    }
}

fn colour_of(level: Level) -> Color16 {
    match level {
        Level::Error => Color16::LightRed,
        Level::Warn => Color16::Yellow,
        Level::Info => Color16::LightGrey,
        Level::Debug | Level::Trace => Color16::DarkGrey,
    }
}

impl Log for KernelLogger {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.level() <= log::max_level()
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let target = record.target();
        let target = target.strip_prefix("kernel::").unwrap_or(target);
        console::print(
            colour_of(record.level()),
            format_args!("{:<5} {}: {}\n", record.level(), target, record.args()),
        );
    }

    fn flush(&self) {}
}


/// Kernel tests for this module.
pub const TESTS: &[crate::ktest::KernelTest] = &[crate::ktest::KernelTest {
    name: "logger::level_names_parse",
    run: || {
        crate::kassert_eq!(parse_level("debug"), Some(LevelFilter::Debug));
        crate::kassert_eq!(parse_level("off"), Some(LevelFilter::Off));
        crate::kassert_eq!(parse_level("loud"), None);
        Ok(())
    },
}];
