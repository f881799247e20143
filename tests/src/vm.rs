//! One running QEMU with the Barodia image: boot, observe, drive, end.
//!
//! A [`Vm`] owns the QEMU process. Two reader threads capture its stdout
//! (the guest's COM1) and stderr; a watchdog kills it when its wall-clock
//! budget runs out; QMP drives the keyboard and reads guest memory. Dropping
//! the `Vm` (also while a failing test unwinds) kills and reaps QEMU.
//!
//! End of file on QEMU's stdout is how the harness learns that QEMU exited:
//! every waiter sleeps on the serial capture's condition variable, so an
//! exit wakes them at once, with no polling of the process.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::config::{QEMU, VmConfig};
use crate::error::{HarnessError, VmContext};
use crate::exit::VmExit;
use crate::qmp::QmpClient;
use crate::serial::{self, Capture, WaitEnd};
use crate::watchdog::Watchdog;

mod console;
pub mod login;

/// How long QEMU may take to open its QMP socket.
const QMP_CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// A booted QEMU virtual machine running the Barodia image.
#[derive(Debug)]
pub struct Vm {
    config: VmConfig,
    child: Arc<Mutex<Child>>,
    stdin: Option<ChildStdin>,
    serial: Arc<Capture>,
    stderr: Arc<Capture>,
    readers: Vec<JoinHandle<()>>,
    watchdog: Option<Watchdog>,
    qmp: Option<QmpClient>,
    temp_dir: TempDir,
    cursor: usize,
    exit: Option<VmExit>,
}

impl Vm {
    /// Starts QEMU as `config` says and connects to its QMP socket.
    pub fn boot(config: VmConfig) -> Result<Self, HarnessError> {
        if !config.image.is_file() {
            return Err(HarnessError::MissingImage(format!(
                "{} is not a file: run `just image` (or `just test`), or set {} to boot another image",
                config.image.display(),
                crate::config::IMAGE_VARIABLE
            )));
        }
        let temp_dir = tempfile::Builder::new()
            .prefix("barodia-vm-")
            .tempdir()
            .map_err(|error| HarnessError::io("creating a temporary directory", error))?;
        let qmp_socket = temp_dir.path().join("qmp.sock");
        let log = create_log(&config.log_path())?;
        let mut child = Command::new(QEMU)
            .args(config.qemu_arguments(&qmp_socket))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(HarnessError::Spawn)?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take();
        let stderr = child.stderr.take();
        let mut vm = Self {
            config,
            child: Arc::new(Mutex::new(child)),
            stdin,
            serial: Arc::new(Capture::new()),
            stderr: Arc::new(Capture::new()),
            readers: Vec::new(),
            watchdog: None,
            qmp: None,
            temp_dir,
            cursor: 0,
            exit: None,
        };
        // From here on `vm`'s Drop kills QEMU if anything below fails.
        vm.start_threads(stdout, stderr, log)?;
        vm.connect_qmp(&qmp_socket)?;
        Ok(vm)
    }

    /// Starts the serial and stderr readers and the watchdog.
    fn start_threads(
        &mut self,
        stdout: Option<ChildStdout>,
        stderr: Option<ChildStderr>,
        log: File,
    ) -> Result<(), HarnessError> {
        let thread_error = |error| HarnessError::io("starting a harness thread", error);
        if let Some(stdout) = stdout {
            let capture = Arc::clone(&self.serial);
            let reader = serial::spawn_reader("qemu-serial", stdout, capture, Some(log));
            self.readers.push(reader.map_err(thread_error)?);
        }
        if let Some(stderr) = stderr {
            let capture = Arc::clone(&self.stderr);
            let reader = serial::spawn_reader("qemu-stderr", stderr, capture, None);
            self.readers.push(reader.map_err(thread_error)?);
        }
        let watchdog = Watchdog::start(Arc::clone(&self.child), self.config.timeout);
        self.watchdog = Some(watchdog.map_err(thread_error)?);
        Ok(())
    }

    fn connect_qmp(&mut self, socket: &Path) -> Result<(), HarnessError> {
        let deadline = Instant::now() + QMP_CONNECT_TIMEOUT.min(self.config.timeout);
        let serial = Arc::clone(&self.serial);
        let pause_serial = Arc::clone(&self.serial);
        let connected = QmpClient::connect(
            socket,
            deadline,
            || serial.is_closed(),
            |until| {
                pause_serial.wait_closed(until);
            },
        );
        match connected {
            Ok(client) => {
                self.qmp = Some(client);
                Ok(())
            }
            Err(_) if self.serial.is_closed() => Err(self.ended_error(
                "QEMU to open its QMP socket",
                WaitEnd::Closed,
                QMP_CONNECT_TIMEOUT,
            )),
            Err(error) => Err(error),
        }
    }

    /// The configuration this VM was booted with.
    pub fn config(&self) -> &VmConfig {
        &self.config
    }

    /// The file that receives the whole serial log as it arrives.
    pub fn log_path(&self) -> PathBuf {
        self.config.log_path()
    }

    /// Everything the guest has written to COM1 so far.
    pub fn serial_text(&self) -> String {
        self.serial.text()
    }

    /// The byte offset in the serial output after which
    /// [`Vm::wait_for_serial`] searches next.
    pub fn serial_cursor(&self) -> usize {
        self.cursor
    }

    /// Moves the search position, e.g. to 0 to search the whole output again.
    pub fn set_serial_cursor(&mut self, offset: usize) {
        self.cursor = offset;
    }

    /// Waits until `needle` appears in the serial output after the search
    /// position, then moves that position past it; returns the byte offset
    /// where the needle starts. Successive calls thus wait for markers in
    /// order. Fails when `timeout` passes or QEMU exits first.
    pub fn wait_for_serial(
        &mut self,
        needle: &str,
        timeout: Duration,
    ) -> Result<usize, HarnessError> {
        let deadline = Instant::now() + timeout;
        let from = self.cursor;
        let found = self.serial.wait_until(deadline, |bytes| {
            serial::find_marker(bytes, from, needle.as_bytes())
        });
        match found {
            Ok(start) => {
                self.cursor = start + needle.len();
                Ok(start)
            }
            Err(end) => Err(self.ended_error(&format!("serial text {needle:?}"), end, timeout)),
        }
    }

    /// Like [`Vm::wait_for_serial`], but also waits for the end of the line
    /// holding `needle` and returns that whole line (without its line end).
    /// The search position moves past the line.
    pub fn wait_for_serial_line(
        &mut self,
        needle: &str,
        timeout: Duration,
    ) -> Result<String, HarnessError> {
        let deadline = Instant::now() + timeout;
        let from = self.cursor;
        let found = self.serial.wait_until(deadline, |bytes| {
            let start = serial::find_marker(bytes, from, needle.as_bytes())?;
            serial::complete_line_at(bytes, start)
        });
        match found {
            Ok((line, next)) => {
                self.cursor = next;
                Ok(line)
            }
            Err(end) => {
                Err(self.ended_error(&format!("a serial line with {needle:?}"), end, timeout))
            }
        }
    }

    /// Writes `bytes` to the guest's COM1 input.
    pub fn send_serial(&mut self, bytes: &[u8]) -> Result<(), HarnessError> {
        let stdin = self.stdin.as_mut().ok_or_else(|| {
            HarnessError::io("writing to COM1", std::io::ErrorKind::BrokenPipe.into())
        })?;
        stdin
            .write_all(bytes)
            .and_then(|()| stdin.flush())
            .map_err(|error| HarnessError::io("writing to COM1", error))
    }

    /// Waits until QEMU exits and says how. Fails if `timeout` passes first
    /// (QEMU keeps running until the watchdog or `Drop` ends it).
    pub fn wait_exit(&mut self, timeout: Duration) -> Result<VmExit, HarnessError> {
        let deadline = Instant::now() + timeout;
        if self.serial.wait_closed(deadline) {
            Ok(self.reap())
        } else {
            Err(self.ended_error("QEMU to exit", WaitEnd::TimedOut, timeout))
        }
    }

    /// Collects QEMU's exit status. Call only once its stdout has closed.
    fn reap(&mut self) -> VmExit {
        if let Some(exit) = self.exit {
            return exit;
        }
        // NOTE: this holds the child lock while waiting, which would block
        // the watchdog; it is called only after stdout reached end of file,
        // that is, once QEMU is already exiting.
        let status = self
            .child
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .wait();
        let exit = status.map_or(VmExit::Killed, |status| VmExit::from_code(status.code()));
        self.exit = Some(exit);
        exit
    }

    /// Builds the error for a wait that ended without its event.
    fn ended_error(&mut self, waiting_for: &str, end: WaitEnd, after: Duration) -> HarnessError {
        let waiting_for = waiting_for.to_owned();
        match end {
            WaitEnd::TimedOut => HarnessError::Timeout {
                waiting_for,
                after,
                context: Box::new(self.context()),
            },
            WaitEnd::Closed => {
                let exit = self.reap();
                let fired = self.watchdog.as_ref().is_some_and(Watchdog::fired);
                let exit = if fired {
                    format!("killed by the watchdog after {:?}", self.config.timeout)
                } else {
                    exit.to_string()
                };
                // QEMU has exited, so its stderr is complete once read.
                self.stderr
                    .wait_closed(Instant::now() + Duration::from_secs(1));
                HarnessError::Exited {
                    waiting_for,
                    exit,
                    context: Box::new(self.context()),
                }
            }
        }
    }

    /// The state shown with every error: serial tail, stderr, log path.
    fn context(&self) -> VmContext {
        VmContext {
            serial_tail: self.serial.tail(serial::TAIL_LINES),
            qemu_stderr: self.stderr.tail(serial::TAIL_LINES),
            log_path: Some(self.log_path()),
            last_screen: None,
        }
    }
}

impl Drop for Vm {
    fn drop(&mut self) {
        self.qmp = None;
        self.stdin = None;
        // Stops the watchdog thread at once.
        self.watchdog = None;
        {
            let mut child = self.child.lock().unwrap_or_else(PoisonError::into_inner);
            // Both are no-ops on a child that already exited and was reaped.
            let _ = child.kill();
            let _ = child.wait();
        }
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
    }
}

/// Creates the log file (and its directory), truncating an old one.
fn create_log(path: &Path) -> Result<std::fs::File, HarnessError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|error| {
            HarnessError::io(format!("creating log directory {}", dir.display()), error)
        })?;
    }
    std::fs::File::create(path)
        .map_err(|error| HarnessError::io(format!("creating log file {}", path.display()), error))
}
