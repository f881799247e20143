//! Kills a VM that outlives its wall-clock budget.
//!
//! The watchdog thread blocks in `recv_timeout` on a channel. Dropping the
//! [`Watchdog`] disconnects the channel, which wakes the thread at once, so a
//! VM that ends normally leaves no thread behind. If the budget runs out
//! first, the thread kills QEMU; the reader threads then see end of file and
//! every waiter wakes with "QEMU ended".

use std::process::Child;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// A running watchdog for one QEMU process.
#[derive(Debug)]
pub struct Watchdog {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
    fired: Arc<AtomicBool>,
}

impl Watchdog {
    /// Starts a thread that kills `child` after `budget` unless the watchdog
    /// is dropped first.
    pub fn start(child: Arc<Mutex<Child>>, budget: Duration) -> std::io::Result<Self> {
        let (stop, stopped) = mpsc::channel::<()>();
        let fired = Arc::new(AtomicBool::new(false));
        let fired_flag = Arc::clone(&fired);
        let thread = thread::Builder::new()
            .name("qemu-watchdog".to_owned())
            .spawn(move || {
                if let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(budget) {
                    fired_flag.store(true, Ordering::SeqCst);
                    // Killing an already-reaped child is a no-op in std, so this
                    // cannot hit a recycled pid.
                    let _ = child.lock().unwrap_or_else(PoisonError::into_inner).kill();
                }
            })?;
        Ok(Self {
            stop: Some(stop),
            thread: Some(thread),
            fired,
        })
    }

    /// Whether the budget ran out and the watchdog killed QEMU.
    pub fn fired(&self) -> bool {
        self.fired.load(Ordering::SeqCst)
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serial::{Capture, spawn_reader};
    use std::process::{Command, Stdio};
    use std::time::Instant;

    /// A child that would run for 30 s, with its stdout captured so the test
    /// can wait for its end the way `Vm` does.
    fn sleeper() -> (Arc<Mutex<Child>>, Arc<Capture>) {
        let mut child = Command::new("sleep")
            .arg("30")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let capture = Arc::new(Capture::new());
        let stdout = child.stdout.take().unwrap();
        spawn_reader("test-reader", stdout, Arc::clone(&capture), None).unwrap();
        (Arc::new(Mutex::new(child)), capture)
    }

    #[test]
    fn fires_after_the_budget() {
        let (child, capture) = sleeper();
        let watchdog = Watchdog::start(Arc::clone(&child), Duration::from_millis(50)).unwrap();
        assert!(capture.wait_closed(Instant::now() + Duration::from_secs(10)));
        let status = child.lock().unwrap().wait().unwrap();
        assert_eq!(status.code(), None, "killed by a signal");
        assert!(watchdog.fired());
    }

    #[test]
    fn dropping_it_ends_the_thread_at_once() {
        let (child, _capture) = sleeper();
        let started = Instant::now();
        let watchdog = Watchdog::start(Arc::clone(&child), Duration::from_secs(60)).unwrap();
        assert!(!watchdog.fired());
        drop(watchdog);
        assert!(started.elapsed() < Duration::from_secs(5));
        let mut child = child.lock().unwrap();
        child.kill().unwrap();
        child.wait().unwrap();
    }
}
