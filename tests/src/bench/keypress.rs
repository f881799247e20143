//! The keypress row: from a key's interrupt to its echo on the screen.
//!
//! `just bench` boots the console's test manifest (`init=bin/init:console`,
//! where the console runs with `--trace-latency`) under `-icount shift=0`,
//! types keys over QMP, and reads the console's
//! `console: key latency N cycles` lines: the time-stamp counter when the
//! kernel took IRQ 1, subtracted from the counter once the console has put
//! the key's echo on the screen. Under `-icount` both count guest
//! instructions, so a line's figure is the instructions of the whole path:
//! kernel interrupt entry, the keyboard driver reading the 8042 and
//! decoding, its one-way message, the console's input thread, the echo
//! prompt, the terminal and the copy to the text buffer.
//!
//! The same boot gives the `boot_to_console_prompt` row: the console logs
//! the counter (less the kernel's time zero) once every console shows its
//! prompt. The default system's boot rows are in [`super::boot`].

/// The benchmark's name in the table and in `bench.json`.
pub const NAME: &str = "keypress_to_screen";
/// The boot row measured in the same run.
pub const BOOT_NAME: &str = "boot_to_console_prompt";
/// What the console prints once every console shows its prompt.
const PROMPT_MARKER: &str = "console: prompts shown ";
/// What the console prints per key.
const MARKER: &str = "console: key latency ";

/// Each key's figure, in the order typed.
pub fn latencies(serial: &str) -> Vec<u64> {
    serial
        .lines()
        .filter_map(|line| line.split(MARKER).nth(1))
        .filter_map(|rest| rest.split_whitespace().next()?.parse().ok())
        .collect()
}

/// A `bench:` line for the figures, in the guest's own format, so the
/// table and the JSON file treat the row like every other; `None` without
/// figures.
pub fn bench_line(figures: &[u64]) -> Option<String> {
    let mut sorted = figures.to_vec();
    sorted.sort_unstable();
    let median = *sorted.get(sorted.len() / 2)?;
    let (min, max) = (*sorted.first()?, *sorted.last()?);
    Some(format!("bench: {NAME} median={median} min={min} max={max} iterations={}", sorted.len()))
}

/// The `bench:` line for the boot row: the console's count from the
/// kernel's time zero to every prompt drawn; `None` without the line.
pub fn boot_line(serial: &str) -> Option<String> {
    let count: u64 = serial.lines().find_map(|line| line.split(PROMPT_MARKER).nth(1)?.split_whitespace().next()?.parse().ok())?;
    Some(format!("bench: {BOOT_NAME} median={count} iterations=1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_console_lines_and_summarises_them() {
        let serial = "INFO  user: bin/console[2]: console: key latency 900 cycles\n\
                      something else\n\
                      INFO  user: bin/console[2]: console: key latency 700 cycles\n\
                      INFO  user: bin/console[2]: console: key latency 800 cycles\n";
        assert_eq!(latencies(serial), [900, 700, 800]);
        assert_eq!(
            bench_line(&latencies(serial)).unwrap(),
            "bench: keypress_to_screen median=800 min=700 max=900 iterations=3"
        );
        assert_eq!(bench_line(&[]), None);
    }

    #[test]
    fn reads_the_boot_count() {
        let serial = "INFO  user: bin/console[2]: console: prompts shown 123456 cycles after the kernel's time zero\n";
        assert_eq!(boot_line(serial).unwrap(), "bench: boot_to_console_prompt median=123456 iterations=1");
        assert_eq!(boot_line("nothing"), None);
    }
}
