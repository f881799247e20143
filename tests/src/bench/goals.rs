//! The goals each benchmark is judged against, from issue 5.

use super::Measurement;

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
        title: "call round trip (libipc::ipc, registers)",
        target: Target::AtMost(1_150),
        longer_term: Some(650),
        euralios: "1155 asm, 1320-1426 lib",
    },
    // Issue 5's round-trip goal is the register call above (the runtime
    // path generated code calls); the generated client's encoding, checks
    // and decoding come on top, and the same figure is its longer-term goal.
    Goal {
        name: "rpc_call_round_trip",
        title: "call round trip (generated client)",
        target: Target::None,
        longer_term: Some(1_150),
        euralios: "1320-1426 lib",
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
        name: "ipc_loan_1_page",
        title: "page round trip: loan of 1 page (call)",
        target: Target::AtMost(1_500),
        longer_term: None,
        euralios: "1596",
    },
    Goal {
        name: "ipc_loan_16_pages",
        title: "loan of 16 pages (call)",
        target: Target::None,
        longer_term: None,
        euralios: "",
    },
    Goal {
        name: "ipc_grant_1_page",
        title: "grant of 1 page (record, map, unmap)",
        target: Target::None,
        longer_term: None,
        euralios: "",
    },
    Goal {
        name: "ipc_grant_16_pages",
        title: "grant of 16 pages (record, map, unmap)",
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
