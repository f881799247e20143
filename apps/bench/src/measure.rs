//! Counting the instructions an operation takes, and summarising the counts.
//!
//! Every sample is `cycles()` after minus `cycles()` before, less the cost of
//! an empty measurement (two back-to-back reads), so a sample is the
//! operation's own instruction count. Benchmarks report the median: a timer
//! interrupt every 10,000,000 instructions lands in a few samples and
//! inflates them, and the median ignores those.

use alloc::vec::Vec;
use core::fmt;
use core::hint::black_box;

use libipc::time::cycles;

/// Samples taken to measure the empty measurement.
pub const CALIBRATION_ITERATIONS: usize = 1000;

/// Measures operations with the cost of measuring taken out.
#[derive(Debug)]
pub struct Meter {
    /// Median instructions between two back-to-back `cycles()` reads.
    overhead: u64,
}

impl Meter {
    /// Measures the empty measurement, which every later sample subtracts.
    pub fn calibrate() -> Self {
        let mut meter = Self { overhead: 0 };
        meter.overhead = meter.each(CALIBRATION_ITERATIONS, |_| {}).median;
        meter
    }

    /// The instructions an empty measurement reads.
    pub fn overhead(&self) -> u64 {
        self.overhead
    }

    /// The instructions between two stamps `start` and `end` taken with
    /// `cycles()`, less the measurement's own cost.
    pub fn between(&self, start: u64, end: u64) -> u64 {
        end.saturating_sub(start).saturating_sub(self.overhead)
    }

    /// Runs `operation(index)` `iterations` times, measuring each run alone.
    ///
    /// The sample buffer is allocated up front, so no heap growth (and no
    /// page fault on a fresh heap page) happens inside a measurement.
    pub fn each(&self, iterations: usize, mut operation: impl FnMut(usize)) -> Summary {
        let mut samples = Vec::with_capacity(iterations);
        for index in 0..iterations {
            // Opaque, so the compiler cannot fold iterations together.
            let index = black_box(index);
            let start = cycles();
            operation(index);
            let end = cycles();
            samples.push(self.between(start, end));
        }
        Summary::of(samples)
    }
}

/// The distribution of one benchmark's samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// The middle sample (the lower of the two middle ones for an even count).
    pub median: u64,
    /// The smallest sample.
    pub min: u64,
    /// The largest sample.
    pub max: u64,
    /// How many samples there were.
    pub iterations: usize,
}

impl Summary {
    /// Summarises `samples`; all zeros when there are none.
    pub fn of(mut samples: Vec<u64>) -> Self {
        samples.sort_unstable();
        let middle = samples.len().saturating_sub(1) / 2;
        Self {
            median: samples.get(middle).copied().unwrap_or(0),
            min: samples.first().copied().unwrap_or(0),
            max: samples.last().copied().unwrap_or(0),
            iterations: samples.len(),
        }
    }
}

impl fmt::Display for Summary {
    /// The machine-readable fields of a `bench:` line.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "median={} min={} max={} iterations={}", self.median, self.min, self.max, self.iterations)
    }
}
