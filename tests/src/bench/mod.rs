//! `just bench`'s host side: parse the guest's `bench:` lines, judge them
//! against the goals, print a table and build `target/bench.json`.
//!
//! `apps/bench` prints one line per benchmark on the kernel log:
//! `bench: NAME median=N min=N max=N iterations=N [more key=value]`,
//! `bench: NAME not yet measured` or `bench: NAME failed: WHY`, after a
//! `bench: begin tick_hz=N` line and before `bench: done failures=N`. Every
//! figure counts guest instructions (QEMU `-icount shift=0`). The goals come
//! from issue 5; docs/bench.md explains each row. Pure logic: unit-tested
//! here, driven by `src/bin/bench.rs`.
//!
//! - this module: reading the guest's lines ([`BenchLog`]);
//! - [`goals`]: the goals of issue 5 and the verdict on each figure;
//! - [`report`]: the table and the JSON file.

pub mod boot;
pub mod goals;
pub mod keypress;
pub mod report;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

pub use goals::{GOALS, Goal, Target, Verdict, verdict};
pub use report::{group, table, to_json};

/// What the guest printed for one benchmark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Measurement {
    /// Measured: every `key=value` field of the line (`median`, `iterations`, ...).
    Measured(BTreeMap<String, u64>),
    /// The benchmark is a placeholder until its feature exists.
    NotYetMeasured,
    /// The benchmark ran and failed, with the guest's reason.
    Failed(String),
}

impl Measurement {
    /// The median, if measured.
    pub fn median(&self) -> Option<u64> {
        match self {
            Self::Measured(fields) => fields.get("median").copied(),
            _ => None,
        }
    }

    /// A field of a measured line.
    pub fn field(&self, key: &str) -> Option<u64> {
        match self {
            Self::Measured(fields) => fields.get(key).copied(),
            _ => None,
        }
    }
}

/// Everything one run printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BenchLog {
    /// Each benchmark's line, in the order printed.
    pub results: Vec<(String, Measurement)>,
    /// The guest's timer frequency, from the `begin` line.
    pub tick_hz: Option<u64>,
    /// Whether the `done` line appeared.
    pub done: bool,
    /// Lines that start with `bench:` but could not be read.
    pub unreadable: Vec<String>,
}

/// The marker before every line of the benchmark protocol.
pub const MARKER: &str = "bench: ";
/// The line that ends a run (followed by ` failures=N`).
pub const DONE: &str = "bench: done";

impl BenchLog {
    /// Reads every `bench:` line of a serial log; other lines are ignored.
    /// The kernel prefixes user log lines with a level and the process's
    /// name, so the protocol starts wherever the marker does.
    pub fn parse(serial: &str) -> Self {
        let mut log = Self::default();
        for line in serial.lines() {
            let Some(at) = line.find(MARKER) else {
                continue;
            };
            let body = line[at + MARKER.len()..].trim_end();
            let (name, rest) = body.split_once(' ').unwrap_or((body, ""));
            match name {
                "begin" => {
                    log.tick_hz = fields(rest).and_then(|fields| fields.get("tick_hz").copied())
                }
                "done" => log.done = true,
                _ => match parse_result(rest) {
                    Some(measurement) => log.results.push((name.to_owned(), measurement)),
                    None => log.unreadable.push(line.to_owned()),
                },
            }
        }
        log
    }

    /// The benchmarks with a goal that printed no line.
    pub fn missing(&self) -> Vec<&'static str> {
        GOALS
            .iter()
            .map(|goal| goal.name)
            .filter(|name| self.get(name).is_none())
            .collect()
    }

    /// The line for benchmark `name`, if it printed one.
    pub fn get(&self, name: &str) -> Option<&Measurement> {
        self.results
            .iter()
            .find(|(found, _)| found == name)
            .map(|(_, measurement)| measurement)
    }

    /// Instructions per timer tick: at `-icount shift=0` one instruction is
    /// one nanosecond of guest time, so a tick is 10^9 / tick_hz of them.
    pub fn tick_instructions(&self) -> Option<u64> {
        self.tick_hz
            .filter(|&hz| hz != 0)
            .map(|hz| 1_000_000_000 / hz)
    }
}

/// `key=value` pairs with numeric values, or `None` if any pair is not one.
fn fields(text: &str) -> Option<BTreeMap<String, u64>> {
    text.split_whitespace()
        .map(|pair| {
            let (key, value) = pair.split_once('=')?;
            Some((key.to_owned(), value.parse().ok()?))
        })
        .collect()
}

fn parse_result(rest: &str) -> Option<Measurement> {
    if rest == "not yet measured" {
        return Some(Measurement::NotYetMeasured);
    }
    if let Some(why) = rest.strip_prefix("failed: ") {
        return Some(Measurement::Failed(why.to_owned()));
    }
    let fields = fields(rest)?;
    fields
        .contains_key("median")
        .then_some(Measurement::Measured(fields))
}
