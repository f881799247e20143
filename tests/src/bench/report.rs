//! The table `just bench` prints and the `target/bench.json` it writes.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::goals::{GOALS, Goal, Target, verdict};
use super::{BenchLog, Measurement};

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
