//! The boot rows: how long the default system takes to show `login:`.
//!
//! Two figures, both from booting the default image (`services/init/manifest`:
//! console, keyboard, ramdisk, vfs, login) with no command line:
//!
//! - `boot_to_login`, under `-icount shift=0`: login logs
//!   `login: prompt on console N C cycles after the kernel's time zero` the
//!   first time it shows its prompt on console N; the row is C for console 5,
//!   the serial console (the counter counts guest instructions).
//! - the wall clock, under TCG without `-icount`, `-m 128`: from starting
//!   QEMU to the serial console showing its login prompt, over five boots.
//!   It depends on the host, so the table gives the median with the
//!   minimum and maximum beside it.

use std::time::Duration;

/// The row's name in the table and in `bench.json`.
pub const NAME: &str = "boot_to_login";
/// The row counting from the machine's reset instead: the BIOS and the
/// bootloader's stages loading the kernel and the ramdisk, then the boot.
/// It varies by a few million from run to run (the BIOS's disk reads
/// finish in host time) but does not depend on the host's load as the
/// wall clock does.
pub const RESET_NAME: &str = "reset_to_login";
/// The console whose prompt ends the boot: 5, the serial console.
pub const CONSOLE: u32 = 5;
/// What login prints, followed by the console's number and the count.
const MARKER: &str = "login: prompt on console ";
/// EuraliOS's wall-clock boot to its login prompt, measured the same way.
pub const EURALIOS_MILLISECONDS: u128 = 1_950;
/// How many boots the wall-clock figure takes.
pub const WALL_CLOCK_BOOTS: usize = 5;

/// What login's line says after the count since the kernel's time zero.
const RESET_MARKER: &str = "cycles after the kernel's time zero, ";

/// The count login logged for `console` (from the kernel's time zero), and
/// the raw counter (from the machine's reset) if the line has it.
pub fn login_count(serial: &str, console: u32) -> Option<(u64, Option<u64>)> {
    serial.lines().find_map(|line| {
        let rest = line.split(MARKER).nth(1)?;
        let mut words = rest.split_whitespace();
        let number: u32 = words.next()?.parse().ok()?;
        let count = words.next()?.parse().ok()?;
        let reset = rest.split(RESET_MARKER).nth(1).and_then(|after| after.split_whitespace().next()?.parse().ok());
        (number == console).then_some((count, reset))
    })
}

/// The `bench:` lines for the rows, in the guest's own format, so the table
/// and the JSON file treat them like every other; empty without login's line.
pub fn login_lines(serial: &str) -> Vec<String> {
    let Some((count, reset)) = login_count(serial, CONSOLE) else { return Vec::new() };
    let mut lines = vec![format!("bench: {NAME} median={count} iterations=1")];
    if let Some(reset) = reset {
        lines.push(format!("bench: {RESET_NAME} median={reset} iterations=1"));
    }
    lines
}

/// The median, minimum and maximum of some wall-clock times, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WallClock {
    /// The middle time (the upper one of an even count).
    pub median: u128,
    /// The fastest boot.
    pub min: u128,
    /// The slowest boot.
    pub max: u128,
    /// How many boots.
    pub boots: usize,
}

impl WallClock {
    /// Summarises `times`; `None` without any.
    pub fn of(times: &[Duration]) -> Option<Self> {
        let mut sorted: Vec<u128> = times.iter().map(Duration::as_millis).collect();
        sorted.sort_unstable();
        Some(Self {
            median: *sorted.get(sorted.len() / 2)?,
            min: *sorted.first()?,
            max: *sorted.last()?,
            boots: sorted.len(),
        })
    }

    /// The sentence `just bench` prints.
    pub fn sentence(&self) -> String {
        format!(
            "Boot to the serial console's login prompt, wall clock from starting QEMU (TCG, -m 128): \
             median {} ms of {} (min {}, max {}); EuraliOS {} ms.",
            self.median, self.boots, self.min, self.max, EURALIOS_MILLISECONDS
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_serial_consoles_count() {
        let serial = "INFO  user: bin/login[6]: login: prompt on console 1 700 cycles after the kernel's time zero, 1700 after the machine's reset\n\
                      INFO  user: bin/login[6]: login: prompt on console 5 900 cycles after the kernel's time zero, 1900 after the machine's reset\n";
        assert_eq!(login_count(serial, 1), Some((700, Some(1700))));
        assert_eq!(login_count(serial, 5), Some((900, Some(1900))));
        assert_eq!(login_count(serial, 2), None);
        assert_eq!(
            login_lines(serial),
            ["bench: boot_to_login median=900 iterations=1", "bench: reset_to_login median=1900 iterations=1"]
        );
        assert!(login_lines("login: prompt on console 5 soon").is_empty());
        let older = "login: prompt on console 5 900 cycles after the kernel's time zero";
        assert_eq!(login_lines(older), ["bench: boot_to_login median=900 iterations=1"]);
    }

    #[test]
    fn summarises_wall_clock_times() {
        let times = [300, 100, 500, 200, 400].map(Duration::from_millis);
        let summary = WallClock::of(&times).unwrap();
        assert_eq!(summary, WallClock { median: 300, min: 100, max: 500, boots: 5 });
        assert!(summary.sentence().contains("median 300 ms of 5 (min 100, max 500); EuraliOS 1950 ms"));
        assert_eq!(WallClock::of(&[]), None);
    }
}
