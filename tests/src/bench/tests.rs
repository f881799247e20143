//! Parsing, verdicts and the report, on a made-up serial log.

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
