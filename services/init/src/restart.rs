//! When to start a dead service again.
//!
//! A service that dies is restarted after a back-off that doubles with each
//! death in a row (100 ms, 200 ms, ... up to 5 s) and resets once the service
//! has stayed up for a while; if it dies more than [`MAX_RESTARTS`] times
//! within [`WINDOW`], init gives up on it and says so, rather than burn the
//! CPU restarting a program that cannot start.
//!
//! Times are nanoseconds since boot; the policy only compares them.

/// First back-off.
pub const FIRST_DELAY: u64 = 100_000_000;
/// Longest back-off. With the limits below a service is given up on (or
/// healthy again) before the doubling gets here; the cap keeps that true if
/// the limits change.
pub const MAX_DELAY: u64 = 5_000_000_000;
/// A service up this long is healthy again: the next death starts the
/// back-off from the beginning.
pub const HEALTHY_AFTER: u64 = 10_000_000_000;
/// The window over which restarts are counted.
pub const WINDOW: u64 = 60_000_000_000;
/// Most restarts within [`WINDOW`].
pub const MAX_RESTARTS: usize = 5;

/// What to do about a death.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Start it again at this time.
    RestartAt(u64),
    /// It died too often: leave it down.
    GiveUp,
}

/// One service's restart history.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    started: u64,
    delay: u64,
    /// When the recent restarts happened (oldest first), within the window.
    recent: [u64; MAX_RESTARTS],
    count: usize,
}

impl Policy {
    /// Records that the service was (re)started at `now`.
    pub fn started(&mut self, now: u64) {
        self.started = now;
    }

    /// Decides what to do about the service dying at `now`.
    pub fn died(&mut self, now: u64) -> Decision {
        if now.saturating_sub(self.started) >= HEALTHY_AFTER {
            self.delay = 0;
        }
        self.delay = if self.delay == 0 { FIRST_DELAY } else { self.delay.saturating_mul(2).min(MAX_DELAY) };
        // Forget restarts that fell out of the window.
        let keep = self.recent[..self.count].iter().filter(|time| now.saturating_sub(**time) < WINDOW).count();
        let dropped = self.count - keep;
        self.recent.copy_within(dropped..self.count, 0);
        self.count = keep;
        if self.count >= MAX_RESTARTS {
            return Decision::GiveUp;
        }
        self.recent[self.count] = now;
        self.count += 1;
        Decision::RestartAt(now.saturating_add(self.delay))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: u64 = 1_000_000_000;

    #[test]
    fn back_off_doubles_and_gives_up_after_too_many_deaths() {
        let mut policy = Policy::default();
        policy.started(0);
        let mut now = SECOND;
        let mut delays = [0u64; MAX_RESTARTS];
        for delay in &mut delays {
            match policy.died(now) {
                Decision::RestartAt(at) => *delay = at - now,
                Decision::GiveUp => panic!("gave up too early"),
            }
            now += SECOND;
            policy.started(now);
        }
        assert_eq!(delays, [FIRST_DELAY, 2 * FIRST_DELAY, 4 * FIRST_DELAY, 8 * FIRST_DELAY, 16 * FIRST_DELAY]);
        assert_eq!(policy.died(now), Decision::GiveUp);
    }

    #[test]
    fn a_service_that_stayed_up_starts_the_back_off_again() {
        let mut policy = Policy::default();
        policy.started(0);
        assert_eq!(policy.died(SECOND), Decision::RestartAt(SECOND + FIRST_DELAY));
        policy.started(2 * SECOND);
        let later = 2 * SECOND + HEALTHY_AFTER;
        assert_eq!(policy.died(later), Decision::RestartAt(later + FIRST_DELAY));
    }

    #[test]
    fn old_restarts_leave_the_window() {
        let mut policy = Policy::default();
        let mut now = 0;
        for _ in 0..MAX_RESTARTS {
            policy.started(now);
            now += SECOND;
            assert!(matches!(policy.died(now), Decision::RestartAt(_)));
        }
        now += WINDOW;
        policy.started(now);
        assert!(matches!(policy.died(now + SECOND), Decision::RestartAt(_)));
    }
}
