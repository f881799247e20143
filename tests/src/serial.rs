//! Captures a byte stream from QEMU (the guest's COM1, or QEMU's stderr).
//!
//! A reader thread appends every chunk it reads to a shared [`Capture`] and
//! wakes all waiters through a `Condvar`, so waiting for a marker costs no
//! polling: a waiter sleeps until new bytes arrive, the stream ends (QEMU
//! exited), or its deadline passes. The search helpers are plain functions
//! over bytes, tested on the host.

use std::fs::File;
use std::io::{Read, Write};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::Instant;

/// How many serial lines an error message shows.
pub const TAIL_LINES: usize = 40;

/// Bytes read so far from one stream, and whether it has ended.
#[derive(Debug, Default)]
struct CaptureState {
    bytes: Vec<u8>,
    closed: bool,
}

/// A growing byte buffer shared between a reader thread and waiters.
#[derive(Debug, Default)]
pub struct Capture {
    state: Mutex<CaptureState>,
    changed: Condvar,
}

/// Why [`Capture::wait_until`] stopped waiting without a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitEnd {
    /// The stream ended: the writer (QEMU) is gone.
    Closed,
    /// The deadline passed.
    TimedOut,
}

impl Capture {
    /// Creates an empty, open capture.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, CaptureState> {
        // A reader thread cannot panic while holding the lock (it only
        // extends a Vec), so a poisoned lock still holds consistent data.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Appends `chunk` and wakes every waiter.
    pub fn append(&self, chunk: &[u8]) {
        self.lock().bytes.extend_from_slice(chunk);
        self.changed.notify_all();
    }

    /// Marks the stream as ended and wakes every waiter.
    pub fn close(&self) {
        self.lock().closed = true;
        self.changed.notify_all();
    }

    /// Whether the stream has ended.
    pub fn is_closed(&self) -> bool {
        self.lock().closed
    }

    /// Everything captured so far, decoded lossily as UTF-8.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.lock().bytes).into_owned()
    }

    /// Number of bytes captured so far.
    pub fn len(&self) -> usize {
        self.lock().bytes.len()
    }

    /// Whether nothing has been captured yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Calls `check` on the captured bytes each time they change, until it
    /// returns `Some`, the stream ends, or `deadline` passes. `check` always
    /// sees the bytes once more after the stream ends, so output written just
    /// before QEMU exits is not missed.
    pub fn wait_until<T>(
        &self,
        deadline: Instant,
        mut check: impl FnMut(&[u8]) -> Option<T>,
    ) -> Result<T, WaitEnd> {
        let mut state = self.lock();
        loop {
            if let Some(found) = check(&state.bytes) {
                return Ok(found);
            }
            if state.closed {
                return Err(WaitEnd::Closed);
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(WaitEnd::TimedOut);
            }
            state = self
                .changed
                .wait_timeout(state, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Waits until the stream ends or `deadline` passes; returns whether it
    /// ended.
    pub fn wait_closed(&self, deadline: Instant) -> bool {
        self.wait_until(deadline, |_| None::<()>) == Err(WaitEnd::Closed)
    }

    /// The last `count` lines, for error messages.
    pub fn tail(&self, count: usize) -> String {
        tail_lines(&self.text(), count)
    }
}

/// Starts a thread that copies `source` into `capture` (and into `log`, if
/// given) until end of file, then closes the capture.
pub fn spawn_reader(
    name: &str,
    mut source: impl Read + Send + 'static,
    capture: Arc<Capture>,
    mut log: Option<File>,
) -> std::io::Result<JoinHandle<()>> {
    thread::Builder::new().name(name.to_owned()).spawn(move || {
        let mut chunk = [0u8; 4096];
        loop {
            match source.read(&mut chunk) {
                Ok(0) => break,
                Ok(len) => {
                    let bytes = chunk.get(..len).unwrap_or_default();
                    if let Some(file) = log.as_mut() {
                        // The log is a convenience; a full disk must not stop
                        // the capture the test depends on.
                        let _ = file.write_all(bytes);
                    }
                    capture.append(bytes);
                }
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        capture.close();
    })
}

/// Finds `needle` in `haystack` at or after byte `from`; returns the offset
/// where it starts. An empty needle matches at `from`.
pub fn find_marker(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let rest = haystack.get(from..)?;
    if needle.is_empty() {
        return Some(from);
    }
    rest.windows(needle.len())
        .position(|window| window == needle)
        .map(|at| from + at)
}

/// The whole line around byte `at`: from the previous `\n` to the next one.
/// Returns `None` while that line has no terminating `\n` yet. The line comes
/// without its `\r\n` / `\n`.
pub fn complete_line_at(haystack: &[u8], at: usize) -> Option<(String, usize)> {
    let head = haystack.get(..at)?;
    let start = head
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |newline| newline + 1);
    let tail = haystack.get(at..)?;
    let end = at + tail.iter().position(|&b| b == b'\n')?;
    let line = haystack.get(start..end)?;
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    Some((String::from_utf8_lossy(line).into_owned(), end + 1))
}

/// The last `count` lines of `text` (terminal `\r` removed).
pub fn tail_lines(text: &str, count: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.len().saturating_sub(count);
    lines
        .get(first..)
        .unwrap_or_default()
        .iter()
        .map(|line| line.trim_end_matches('\r'))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn marker_is_found_only_after_the_start_offset() {
        let text = b"boot: ready\nboot: ready\n";
        assert_eq!(find_marker(text, 0, b"ready"), Some(6));
        assert_eq!(find_marker(text, 7, b"ready"), Some(18));
        assert_eq!(find_marker(text, 19, b"ready"), None);
        assert_eq!(find_marker(text, 100, b"ready"), None);
        assert_eq!(find_marker(text, 3, b""), Some(3));
    }

    #[test]
    fn complete_line_waits_for_the_newline() {
        let text = b"INFO  first\r\nktest: done passed=3 fa";
        assert_eq!(find_marker(text, 0, b"ktest: done"), Some(13));
        assert_eq!(complete_line_at(text, 13), None);
        let text = b"INFO  first\r\nktest: done passed=3 failed=0\r\nnext";
        let (line, next) = complete_line_at(text, 20).unwrap();
        assert_eq!(line, "ktest: done passed=3 failed=0");
        assert_eq!(text.get(next..).unwrap(), b"next");
    }

    #[test]
    fn tail_keeps_the_last_lines() {
        assert_eq!(tail_lines("a\r\nb\nc\n", 2), "b\nc");
        assert_eq!(tail_lines("a", 40), "a");
        assert_eq!(tail_lines("", 40), "");
    }

    #[test]
    fn waiter_wakes_on_new_bytes_and_on_close() {
        let capture = Arc::new(Capture::new());
        let writer = Arc::clone(&capture);
        let handle = thread::spawn(move || {
            writer.append(b"hello ");
            writer.append(b"world\n");
            writer.close();
        });
        let deadline = Instant::now() + Duration::from_secs(10);
        let found = capture.wait_until(deadline, |bytes| find_marker(bytes, 0, b"world"));
        assert_eq!(found, Ok(6));
        assert!(capture.wait_closed(deadline));
        let missing = capture.wait_until(deadline, |bytes| find_marker(bytes, 0, b"absent"));
        assert_eq!(missing, Err(WaitEnd::Closed));
        handle.join().unwrap();
    }

    #[test]
    fn waiter_times_out_when_nothing_arrives() {
        let capture = Capture::new();
        let deadline = Instant::now() + Duration::from_millis(20);
        let result = capture.wait_until(deadline, |bytes| find_marker(bytes, 0, b"x"));
        assert_eq!(result, Err(WaitEnd::TimedOut));
    }
}
