//! The one error type of the harness.
//!
//! Every error that comes from a running VM carries the context a reader of
//! a failed test needs: what the test waited for, how QEMU ended (if it did),
//! the last lines of serial output and QEMU's own error output, and where the
//! full serial log is. `Display` and `Debug` print all of it, so
//! `vm.wait_for_serial(..).unwrap()` in a test already explains the failure.

use std::fmt;
use std::io;
use std::path::PathBuf;
use std::time::Duration;

/// What was going on in the VM when an error happened.
#[derive(Debug, Clone, Default)]
pub struct VmContext {
    /// The last lines of the guest's serial output (about 40).
    pub serial_tail: String,
    /// The end of QEMU's standard error, if it wrote anything.
    pub qemu_stderr: String,
    /// The file holding the whole serial log.
    pub log_path: Option<PathBuf>,
    /// The last VGA text screen read, for waits on the screen.
    pub last_screen: Option<String>,
}

/// Everything that can go wrong while booting, driving or observing a VM.
///
/// `Debug` prints the same text as `Display`, so `unwrap()` in a test and a
/// test returning `Result` show a readable report rather than an escaped
/// struct dump.
pub enum HarnessError {
    /// No disk image was configured or the file does not exist.
    MissingImage(String),
    /// `qemu-system-x86_64` could not be started.
    Spawn(io::Error),
    /// A host-side I/O operation failed; `action` says which.
    Io {
        /// What the harness was doing.
        action: String,
        /// The underlying error.
        source: io::Error,
    },
    /// The awaited event did not happen before the deadline.
    Timeout {
        /// What the harness waited for.
        waiting_for: String,
        /// How long it waited.
        after: Duration,
        /// The VM's state at that moment.
        context: Box<VmContext>,
    },
    /// QEMU ended while the harness still waited for something.
    Exited {
        /// What the harness waited for.
        waiting_for: String,
        /// How QEMU ended, in words.
        exit: String,
        /// The VM's state at that moment.
        context: Box<VmContext>,
    },
    /// QEMU answered a QMP command with an error.
    Qmp {
        /// The command that failed.
        command: String,
        /// QMP's error class, e.g. `GenericError`.
        class: String,
        /// QMP's human-readable description.
        description: String,
    },
    /// The QMP connection broke or carried something that is not QMP.
    QmpProtocol(String),
    /// A character has no key on the emulated US keyboard.
    UnmappedKey(char),
    /// The VGA text buffer still reads as 0xFF: the bootloader's framebuffer
    /// is on and the kernel has not switched to text mode yet.
    TextModeOff,
    /// A user-space test scenario reported failure; holds its report line.
    ScenarioFailed(String),
}

impl HarnessError {
    /// Builds an [`HarnessError::Io`] for `action`.
    pub fn io(action: impl Into<String>, source: io::Error) -> Self {
        Self::Io {
            action: action.into(),
            source,
        }
    }
}

impl fmt::Display for HarnessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingImage(why) => write!(f, "no disk image to boot: {why}"),
            Self::Spawn(error) => write!(f, "cannot start qemu-system-x86_64: {error}"),
            Self::Io { action, source } => write!(f, "{action}: {source}"),
            Self::Timeout {
                waiting_for,
                after,
                context,
            } => {
                write!(f, "timed out after {after:.1?} waiting for {waiting_for}")?;
                write_context(f, context)
            }
            Self::Exited {
                waiting_for,
                exit,
                context,
            } => {
                write!(f, "QEMU ended ({exit}) while waiting for {waiting_for}")?;
                write_context(f, context)
            }
            Self::Qmp {
                command,
                class,
                description,
            } => {
                write!(f, "QMP command `{command}` failed: {class}: {description}")
            }
            Self::QmpProtocol(why) => write!(f, "QMP protocol error: {why}"),
            Self::UnmappedKey(key) => write!(f, "no key types {key:?} on a US keyboard"),
            Self::TextModeOff => write!(f, "the VGA text buffer reads 0xFF: text mode is not on"),
            Self::ScenarioFailed(line) => write!(f, "the scenario failed: {line}"),
        }
    }
}

impl fmt::Debug for HarnessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

fn write_context(f: &mut fmt::Formatter<'_>, context: &VmContext) -> fmt::Result {
    if let Some(path) = &context.log_path {
        write!(f, "\nfull serial log: {}", path.display())?;
    }
    if context.serial_tail.is_empty() {
        write!(f, "\n--- no serial output ---")?;
    } else {
        write!(f, "\n--- last serial lines ---\n{}", context.serial_tail)?;
        write!(f, "\n--- end of serial ---")?;
    }
    if let Some(screen) = &context.last_screen {
        write!(f, "\n--- last VGA text screen ---\n{}", screen.trim_end())?;
    }
    if !context.qemu_stderr.is_empty() {
        write!(
            f,
            "\n--- QEMU stderr ---\n{}",
            context.qemu_stderr.trim_end()
        )?;
    }
    Ok(())
}

impl std::error::Error for HarnessError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Spawn(error) | Self::Io { source: error, .. } => Some(error),
            _ => None,
        }
    }
}
