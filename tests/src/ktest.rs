//! Parses the in-kernel test protocol from serial output.
//!
//! Booted with the command line `ktest`, the kernel prints
//!
//! ```text
//! ktest: start <n>
//! ktest: result <name> ok
//! ktest: result <name> FAILED <message>
//! ktest: done passed=<p> failed=<f>
//! ```
//!
//! and exits QEMU through `isa-debug-exit`. A line may carry a log prefix
//! (`INFO  ktest: ...`); everything from `ktest: ` on is read. [`KtestReport`]
//! also checks the run as a whole: a missing `done`, counts that disagree,
//! zero tests or a panic message make it incomplete.

/// The outcome of one kernel test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KtestResult {
    /// The test's name as the kernel printed it.
    pub name: String,
    /// `Ok` if it passed, else the kernel's failure message.
    pub outcome: Result<(), String>,
}

/// Everything the kernel reported about one test run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KtestReport {
    /// The count from `ktest: start <n>`, if that line came.
    pub announced: Option<usize>,
    /// One entry per `ktest: result` line, in order.
    pub results: Vec<KtestResult>,
    /// `(passed, failed)` from `ktest: done`, if that line came.
    pub done: Option<(usize, usize)>,
    /// The first line that looks like a kernel panic.
    pub panic_line: Option<String>,
    /// `ktest:` lines that did not parse.
    pub malformed: Vec<String>,
}

const PREFIX: &str = "ktest: ";

impl KtestReport {
    /// Parses all `ktest:` lines of `serial`.
    pub fn parse(serial: &str) -> Self {
        let mut report = Self::default();
        for line in serial.lines().map(|line| line.trim_end_matches('\r')) {
            if report.panic_line.is_none() && looks_like_panic(line) {
                report.panic_line = Some(line.to_owned());
            }
            if let Some(at) = line.find(PREFIX) {
                let body = line.get(at + PREFIX.len()..).unwrap_or_default();
                if !report.parse_body(body) {
                    report.malformed.push(line.to_owned());
                }
            }
        }
        report
    }

    /// Reads one `ktest:` line without its prefix; returns whether it parsed.
    fn parse_body(&mut self, body: &str) -> bool {
        let (word, rest) = body.split_once(' ').unwrap_or((body, ""));
        match word {
            "start" => rest
                .trim()
                .parse()
                .map(|count| self.announced = Some(count))
                .is_ok(),
            "result" => parse_result(rest)
                .map(|result| self.results.push(result))
                .is_some(),
            "done" => parse_done(rest)
                .map(|counts| self.done = Some(counts))
                .is_some(),
            _ => false,
        }
    }

    /// Number of results that passed.
    pub fn passed(&self) -> usize {
        self.results
            .iter()
            .filter(|result| result.outcome.is_ok())
            .count()
    }

    /// Checks the run as a whole; `Err` lists every problem found.
    pub fn completeness(&self) -> Result<(), String> {
        let mut problems = Vec::new();
        if let Some(line) = &self.panic_line {
            problems.push(format!("the kernel panicked: {line}"));
        }
        if self.results.is_empty() {
            problems.push("the kernel reported no tests".to_owned());
        }
        match self.announced {
            None => problems.push("no `ktest: start` line".to_owned()),
            Some(count) if count != self.results.len() => problems.push(format!(
                "`ktest: start` announced {count} tests but {} reported a result",
                self.results.len()
            )),
            Some(_) => {}
        }
        let failed = self.results.len() - self.passed();
        match self.done {
            None => problems.push("no `ktest: done` line: the run did not finish".to_owned()),
            Some(counts) if counts != (self.passed(), failed) => problems.push(format!(
                "`ktest: done` says passed={} failed={}, results say passed={} failed={failed}",
                counts.0,
                counts.1,
                self.passed()
            )),
            Some(_) => {}
        }
        if let Some(name) = self.duplicate_name() {
            problems.push(format!("test `{name}` reported more than once"));
        }
        for line in &self.malformed {
            problems.push(format!("unreadable line: {line}"));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("\n"))
        }
    }

    fn duplicate_name(&self) -> Option<&str> {
        let mut names: Vec<&str> = self
            .results
            .iter()
            .map(|result| result.name.as_str())
            .collect();
        names.sort_unstable();
        names
            .windows(2)
            .find(|pair| pair.first() == pair.get(1))
            .and_then(|pair| pair.first().copied())
    }
}

/// `<name> ok` or `<name> FAILED <message>`.
fn parse_result(rest: &str) -> Option<KtestResult> {
    let (name, verdict) = rest.trim().split_once(' ')?;
    let outcome = match verdict.trim() {
        "ok" => Ok(()),
        failed => Err(failed.strip_prefix("FAILED")?.trim().to_owned()),
    };
    Some(KtestResult {
        name: name.to_owned(),
        outcome,
    })
}

/// `passed=<p> failed=<f>`.
fn parse_done(rest: &str) -> Option<(usize, usize)> {
    let mut passed = None;
    let mut failed = None;
    for field in rest.split_whitespace() {
        match field.split_once('=')? {
            ("passed", value) => passed = Some(value.parse().ok()?),
            ("failed", value) => failed = Some(value.parse().ok()?),
            _ => return None,
        }
    }
    Some((passed?, failed?))
}

/// Whether `line` reports a kernel panic. The kernel's panic handler prints
/// `PANIC` or Rust's `panicked at`; test names alone never match.
pub fn looks_like_panic(line: &str) -> bool {
    let text = line
        .find(PREFIX)
        .map_or(line, |at| line.get(..at).unwrap_or_default());
    text.contains("PANIC") || text.contains("panicked at") || text.contains("kernel panic")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSING: &str = "Barodia v0.1.0\r\n\
        INFO  ktest: start 2\r\n\
        ktest: result frame_allocator_hands_out_distinct_frames ok\r\n\
        ktest: result heap_survives_many_allocations ok\r\n\
        ktest: done passed=2 failed=0\r\n";

    #[test]
    fn a_passing_run_parses_and_is_complete() {
        let report = KtestReport::parse(PASSING);
        assert_eq!(report.announced, Some(2));
        assert_eq!(report.results.len(), 2);
        assert_eq!(
            report.results[0].name,
            "frame_allocator_hands_out_distinct_frames"
        );
        assert_eq!(report.results[1].outcome, Ok(()));
        assert_eq!(report.done, Some((2, 0)));
        assert_eq!(report.completeness(), Ok(()));
    }

    #[test]
    fn a_failure_keeps_the_kernels_message() {
        let serial = "ktest: start 1\nktest: result stale_handle_is_rejected FAILED expected \
                      Err(BadHandle), got Ok(3)\nktest: done passed=0 failed=1\n";
        let report = KtestReport::parse(serial);
        assert_eq!(
            report.results[0].outcome,
            Err("expected Err(BadHandle), got Ok(3)".to_owned())
        );
        assert_eq!(report.completeness(), Ok(()));
    }

    #[test]
    fn a_run_without_done_is_incomplete() {
        let serial = "ktest: start 2\nktest: result a ok\n";
        let problems = KtestReport::parse(serial).completeness().unwrap_err();
        assert!(problems.contains("no `ktest: done`"), "{problems}");
        assert!(problems.contains("announced 2 tests but 1"), "{problems}");
    }

    #[test]
    fn zero_tests_and_panics_are_incomplete() {
        let empty = KtestReport::parse("ktest: start 0\nktest: done passed=0 failed=0\n");
        assert!(empty.completeness().unwrap_err().contains("no tests"));
        let serial = format!("{PASSING}PANIC at kernel/src/mm.rs:10: oops\n");
        let problems = KtestReport::parse(&serial).completeness().unwrap_err();
        assert!(
            problems.contains("panicked: PANIC at kernel/src/mm.rs"),
            "{problems}"
        );
    }

    #[test]
    fn a_test_named_after_panics_is_not_a_panic() {
        let serial = "ktest: start 1\nktest: result kernel_panic_handler_is_set ok\n\
                      ktest: done passed=1 failed=0\n";
        assert_eq!(KtestReport::parse(serial).completeness(), Ok(()));
    }

    #[test]
    fn disagreeing_counts_and_garbage_are_reported() {
        let serial = "ktest: start 1\nktest: result a ok\nktest: result a ok\n\
                      ktest: result b maybe\nktest: done passed=1 failed=1\n";
        let problems = KtestReport::parse(serial).completeness().unwrap_err();
        assert!(problems.contains("says passed=1 failed=1"), "{problems}");
        assert!(
            problems.contains("`a` reported more than once"),
            "{problems}"
        );
        assert!(
            problems.contains("unreadable line: ktest: result b maybe"),
            "{problems}"
        );
    }
}
