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

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

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

/// What a benchmark must beat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// No goal; the figure is shown for the record.
    None,
    /// At most this many instructions.
    AtMost(u64),
    /// Less than one timer tick: it must not wait for the timer.
    BelowOneTick,
}

/// One row of the table: a benchmark and its goals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Goal<'a> {
    /// The benchmark's name in the guest's lines.
    pub name: &'a str,
    /// What the table calls it.
    pub title: &'a str,
    /// The goal for now.
    pub target: Target,
    /// The longer-term goal, if there is one.
    pub longer_term: Option<u64>,
    /// EuraliOS's figure, measured the same way, for comparison.
    pub euralios: &'a str,
}

/// The table's rows, in order (issue 5). A benchmark the guest prints that is
/// not listed here still shows, below these, without a goal.
pub const GOALS: &[Goal<'static>] = &[
    Goal {
        name: "null_syscall",
        title: "null syscall",
        target: Target::AtMost(99),
        longer_term: Some(80),
        euralios: "99",
    },
    Goal {
        name: "ipc_call_round_trip",
        title: "call round trip (libipc)",
        target: Target::AtMost(1_150),
        longer_term: Some(650),
        euralios: "1155 asm, 1320-1426 lib",
    },
    Goal {
        name: "ipc_call_with_handle",
        title: "call with one handle",
        target: Target::None,
        longer_term: None,
        euralios: "",
    },
    Goal {
        name: "ipc_call_with_lease_4k",
        title: "call with a 4 KiB lease",
        target: Target::None,
        longer_term: None,
        euralios: "",
    },
    Goal {
        name: "ipc_grant_1_page",
        title: "grant of 1 page (round trip)",
        target: Target::AtMost(1_500),
        longer_term: None,
        euralios: "1596",
    },
    Goal {
        name: "ipc_grant_16_pages",
        title: "grant of 16 pages (round trip)",
        target: Target::None,
        longer_term: None,
        euralios: "",
    },
    Goal {
        name: "demand_zero_page_fault",
        title: "demand-zero page fault",
        target: Target::None,
        longer_term: None,
        euralios: "",
    },
    Goal {
        name: "yield_to_ready_thread",
        title: "yield to a ready thread",
        target: Target::BelowOneTick,
        longer_term: None,
        euralios: "next 55 ms tick",
    },
    Goal {
        name: "thread_spawn_to_first_instruction",
        title: "thread spawn to first instruction",
        target: Target::BelowOneTick,
        longer_term: None,
        euralios: "next 55 ms tick",
    },
    Goal {
        name: "process_spawn_exit",
        title: "process spawn+exit",
        target: Target::None,
        longer_term: None,
        euralios: "",
    },
    Goal {
        name: "boot_to_first_user_instruction",
        title: "boot (kernel time zero) to first user instruction",
        target: Target::None,
        longer_term: None,
        euralios: "",
    },
    Goal {
        name: "reset_to_first_user_instruction",
        title: "machine reset to first user instruction",
        target: Target::None,
        longer_term: None,
        euralios: "",
    },
    Goal {
        name: "empty_measurement",
        title: "empty measurement (subtracted from all)",
        target: Target::None,
        longer_term: None,
        euralios: "",
    },
];

/// How a figure compares with its goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Within the goal.
    Met,
    /// Over the goal.
    Missed,
    /// Measured; there is no goal.
    NoGoal,
    /// Not measured yet.
    Pending,
    /// The benchmark failed.
    Failed,
    /// Missing from the log (filtered out, or the run stopped early).
    NotRun,
}

impl Verdict {
    /// The word for the table and the JSON file.
    pub fn word(self) -> &'static str {
        match self {
            Self::Met => "met",
            Self::Missed => "MISSED",
            Self::NoGoal => "-",
            Self::Pending => "not yet measured",
            Self::Failed => "FAILED",
            Self::NotRun => "not run",
        }
    }
}

/// The verdict for `goal` given what the guest printed.
pub fn verdict(
    goal: &Goal<'_>,
    measurement: Option<&Measurement>,
    tick_instructions: Option<u64>,
) -> Verdict {
    let median = match measurement {
        Some(Measurement::NotYetMeasured) => return Verdict::Pending,
        Some(measured) => measured.median(),
        None => return Verdict::NotRun,
    };
    let Some(median) = median else {
        return Verdict::Failed;
    };
    let limit = match goal.target {
        Target::None => return Verdict::NoGoal,
        Target::AtMost(limit) => limit,
        // A tick's worth of instructions or more means it may have waited for
        // the timer; without the tick rate, nothing can be judged.
        Target::BelowOneTick => match tick_instructions {
            Some(tick) => tick.saturating_sub(1),
            None => return Verdict::Failed,
        },
    };
    if median <= limit {
        Verdict::Met
    } else {
        Verdict::Missed
    }
}

/// The goals, known ones first, then any benchmark the guest printed that
/// has none (named after itself).
fn rows(log: &BenchLog) -> Vec<Goal<'_>> {
    let mut rows = GOALS.to_vec();
    for (name, _) in &log.results {
        if !GOALS.iter().any(|goal| goal.name == name) {
            rows.push(Goal {
                name,
                title: name,
                target: Target::None,
                longer_term: None,
                euralios: "",
            });
        }
    }
    rows
}

fn target_text(target: Target, tick_instructions: Option<u64>) -> String {
    match (target, tick_instructions) {
        (Target::None, _) => String::new(),
        (Target::AtMost(limit), _) => format!("<= {}", group(limit)),
        (Target::BelowOneTick, Some(tick)) => format!("< 1 tick ({})", group(tick)),
        (Target::BelowOneTick, None) => "< 1 tick".to_owned(),
    }
}

/// `1234567` as `1,234,567`.
pub fn group(value: u64) -> String {
    let digits = value.to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// The table `just bench` prints.
pub fn table(log: &BenchLog) -> String {
    let tick = log.tick_instructions();
    let header = [
        "benchmark",
        "median",
        "iterations",
        "goal",
        "longer-term",
        "EuraliOS",
        "status",
    ];
    let mut lines = vec![header.map(str::to_owned).to_vec()];
    for goal in rows(log) {
        let measurement = log.get(goal.name);
        let median = measurement
            .and_then(Measurement::median)
            .map(group)
            .unwrap_or_default();
        let iterations = measurement
            .and_then(|m| m.field("iterations"))
            .map(group)
            .unwrap_or_default();
        lines.push(vec![
            goal.title.to_owned(),
            median,
            iterations,
            target_text(goal.target, tick),
            goal.longer_term
                .map(|limit| format!("<= {}", group(limit)))
                .unwrap_or_default(),
            goal.euralios.to_owned(),
            verdict(&goal, measurement, tick).word().to_owned(),
        ]);
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|column| {
            lines
                .iter()
                .map(|line| line[column].len())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut text = String::new();
    for (row, line) in lines.iter().enumerate() {
        let mut cells = Vec::new();
        for (column, cell) in line.iter().enumerate() {
            // Numbers right-aligned, words left-aligned.
            if column == 1 || column == 2 {
                cells.push(format!("{cell:>width$}", width = widths[column]));
            } else {
                cells.push(format!("{cell:<width$}", width = widths[column]));
            }
        }
        let _ = writeln!(text, "{}", cells.join("  ").trim_end());
        if row == 0 {
            let rule: Vec<String> = widths.iter().map(|&width| "-".repeat(width)).collect();
            let _ = writeln!(text, "{}", rule.join("  "));
        }
    }
    if let Some(tick) = tick {
        let _ = writeln!(
            text,
            "Figures are guest instructions (qemu -icount shift=0); one timer tick is {} of them.",
            group(tick)
        );
    }
    text
}

/// The same figures as [`table`], for `target/bench.json`.
pub fn to_json(log: &BenchLog) -> Value {
    let tick = log.tick_instructions();
    let benchmarks: Vec<Value> = rows(log)
        .iter()
        .map(|goal| {
            let measurement = log.get(goal.name);
            let mut row = json!({
                "name": goal.name,
                "title": goal.title,
                "status": verdict(goal, measurement, tick).word(),
                "goal": match goal.target {
                    Target::None => Value::Null,
                    Target::AtMost(limit) => json!(limit),
                    Target::BelowOneTick => json!(tick.map(|tick| tick.saturating_sub(1))),
                },
                "longer_term_goal": goal.longer_term,
                "euralios": (!goal.euralios.is_empty()).then_some(goal.euralios),
            });
            match measurement {
                Some(Measurement::Measured(fields)) => {
                    for (key, value) in fields {
                        row[key.as_str()] = json!(value);
                    }
                }
                Some(Measurement::Failed(why)) => row["error"] = json!(why),
                Some(Measurement::NotYetMeasured) | None => {}
            }
            row
        })
        .collect();
    json!({
        "unit": "guest instructions (qemu -icount shift=0); median of per-iteration counts",
        "tick_instructions": tick,
        "benchmarks": benchmarks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
[INFO  kernel] started bin/bench as process 1
[INFO  user] bin/bench[1]: bench: begin tick_hz=100
[INFO  user] bin/bench[1]: bench: empty_measurement median=11 min=11 max=11 iterations=1000
[INFO  user] bin/bench[1]: bench: null_syscall median=87 min=87 max=400 iterations=10000
[INFO  user] bin/bench[1]: bench: ipc_call_round_trip not yet measured
[INFO  user] bin/bench[1]: bench: yield_to_ready_thread median=20000000 min=1 max=2 iterations=10
[INFO  user] bin/bench[1]: bench: process_spawn_exit failed: child 0: Err(OutOfMemory)
[INFO  user] bin/bench[1]: bench: new_thing median=5 min=5 max=5 iterations=1 extra=7
[INFO  user] bin/bench[1]: bench: garbled median=x
[INFO  user] bin/bench[1]: bench: done failures=1
";

    #[test]
    fn lines_are_parsed_after_the_kernel_prefix() {
        let log = BenchLog::parse(SAMPLE);
        assert!(log.done);
        assert_eq!(log.tick_hz, Some(100));
        assert_eq!(log.tick_instructions(), Some(10_000_000));
        assert_eq!(
            log.get("null_syscall").and_then(Measurement::median),
            Some(87)
        );
        assert_eq!(log.get("new_thing").and_then(|m| m.field("extra")), Some(7));
        assert_eq!(
            log.get("ipc_call_round_trip"),
            Some(&Measurement::NotYetMeasured)
        );
        assert_eq!(
            log.get("process_spawn_exit"),
            Some(&Measurement::Failed("child 0: Err(OutOfMemory)".to_owned()))
        );
        assert_eq!(log.unreadable.len(), 1, "{:?}", log.unreadable);
    }

    #[test]
    fn verdicts_follow_the_goals() {
        let log = BenchLog::parse(SAMPLE);
        let tick = log.tick_instructions();
        let verdict_of = |name: &str| {
            let goal = GOALS.iter().find(|goal| goal.name == name).unwrap();
            verdict(goal, log.get(name), tick)
        };
        assert_eq!(verdict_of("null_syscall"), Verdict::Met);
        assert_eq!(verdict_of("ipc_call_round_trip"), Verdict::Pending);
        assert_eq!(verdict_of("yield_to_ready_thread"), Verdict::Missed);
        assert_eq!(verdict_of("process_spawn_exit"), Verdict::Failed);
        assert_eq!(
            verdict_of("demand_zero_page_fault"),
            Verdict::NotRun,
            "missing from the log"
        );
        assert_eq!(verdict_of("empty_measurement"), Verdict::NoGoal);
    }

    #[test]
    fn table_and_json_show_every_row_with_unknown_ones_last() {
        let log = BenchLog::parse(SAMPLE);
        let table = table(&log);
        assert!(table.contains("null syscall"), "{table}");
        assert!(
            table.lines().any(|line| line.starts_with("new_thing")),
            "{table}"
        );
        let json = to_json(&log);
        let rows = json["benchmarks"].as_array().unwrap();
        assert_eq!(rows.len(), GOALS.len() + 1);
        assert_eq!(rows[0]["name"], "null_syscall");
        assert_eq!(rows[0]["median"], 87);
        assert_eq!(rows[0]["goal"], 99);
        assert_eq!(rows[0]["status"], "met");
        assert_eq!(rows.last().unwrap()["name"], "new_thing");
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1_000), "1,000");
        assert_eq!(group(10_000_000), "10,000,000");
    }
}
