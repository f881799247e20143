//! The VM's console through QMP: keyboard input, the VGA text screen and
//! screenshots.
//!
//! QEMU turns `send-key` qcodes into PS/2 scancodes, so the guest's keyboard
//! driver sees real key presses. The text screen is read from guest memory
//! (`pmemsave` of 0xB8000), which gives exact characters and colours where a
//! picture would need OCR.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::Vm;
use crate::error::HarnessError;
use crate::keys;
use crate::screen::{Screen, TEXT_BUFFER_ADDRESS, TEXT_BUFFER_LEN};
use crate::serial::WaitEnd;

/// How often [`Vm::wait_for_screen`] re-reads the screen.
const SCREEN_POLL_INTERVAL: Duration = Duration::from_millis(50);
/// How long each typed key is held down. The guest sees press and release
/// as separate interrupts; QEMU queues later keys behind the hold.
const KEY_HOLD_MS: u64 = 30;

impl Vm {
    /// Runs a raw QMP command and returns its `return` value.
    pub fn qmp_execute(&mut self, command: &str, arguments: Value) -> Result<Value, HarnessError> {
        let qmp = self
            .qmp
            .as_mut()
            .ok_or_else(|| HarnessError::QmpProtocol("not connected".to_owned()))?;
        qmp.execute(command, arguments)
    }

    /// Types `text` on the guest's PS/2 keyboard, one key (or shift chord)
    /// after another. Nothing is typed if any character has no key.
    pub fn send_keys(&mut self, text: &str) -> Result<(), HarnessError> {
        for chord in keys::chords_for(text)? {
            self.send_key_combo(&chord.qcodes())?;
        }
        Ok(())
    }

    /// Presses the keys named by QEMU qcodes together, e.g.
    /// `&["ctrl", "alt", "delete"]`, then releases them in reverse order.
    pub fn send_key_combo(&mut self, qcodes: &[&str]) -> Result<(), HarnessError> {
        let keys: Vec<Value> = qcodes
            .iter()
            .map(|code| json!({"type": "qcode", "data": code}))
            .collect();
        self.qmp_execute("send-key", json!({"keys": keys, "hold-time": KEY_HOLD_MS}))?;
        Ok(())
    }

    /// Reads the VGA text screen from guest memory at 0xB8000. Fails with
    /// [`HarnessError::TextModeOff`] while the bootloader's framebuffer is on.
    pub fn screen_text(&mut self) -> Result<Screen, HarnessError> {
        let dump = self.temp_dir.path().join("vga-text.bin");
        let filename = dump.to_string_lossy().into_owned();
        let arguments =
            json!({"val": TEXT_BUFFER_ADDRESS, "size": TEXT_BUFFER_LEN, "filename": filename});
        self.qmp_execute("pmemsave", arguments)?;
        let raw = std::fs::read(&dump)
            .map_err(|error| HarnessError::io("reading the VGA memory dump", error))?;
        if raw.len() != TEXT_BUFFER_LEN {
            return Err(HarnessError::QmpProtocol(format!(
                "pmemsave wrote {} bytes, not {TEXT_BUFFER_LEN}",
                raw.len()
            )));
        }
        Screen::from_bytes(&raw).ok_or(HarnessError::TextModeOff)
    }

    /// Re-reads the text screen every 50 ms until it shows `needle`; returns
    /// that screen. Fails when `timeout` passes or QEMU exits first.
    pub fn wait_for_screen(
        &mut self,
        needle: &str,
        timeout: Duration,
    ) -> Result<Screen, HarnessError> {
        let deadline = Instant::now() + timeout;
        let mut last_screen = None;
        loop {
            match self.screen_text() {
                Ok(screen) if screen.contains(needle) => return Ok(screen),
                Ok(screen) => last_screen = Some(screen.text()),
                Err(HarnessError::TextModeOff) => {
                    last_screen = Some("(not in text mode)".to_owned())
                }
                Err(_) if self.serial.is_closed() => break,
                Err(error) => return Err(error),
            }
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            // Sleeps only until the next poll; wakes at once if QEMU exits.
            self.serial
                .wait_closed((now + SCREEN_POLL_INTERVAL).min(deadline));
        }
        Err(self.screen_wait_error(needle, timeout, last_screen))
    }

    /// The error for a screen wait that failed, showing the last screen read.
    fn screen_wait_error(
        &mut self,
        needle: &str,
        timeout: Duration,
        last_screen: Option<String>,
    ) -> HarnessError {
        let end = if self.serial.is_closed() {
            WaitEnd::Closed
        } else {
            WaitEnd::TimedOut
        };
        let waiting_for = format!("{needle:?} on the VGA text screen");
        let mut error = self.ended_error(&waiting_for, end, timeout);
        if let HarnessError::Timeout { context, .. } | HarnessError::Exited { context, .. } =
            &mut error
        {
            context.last_screen = last_screen;
        }
        error
    }

    /// Saves a picture of the screen as a PPM file at `path`.
    pub fn screendump(&mut self, path: &Path) -> Result<(), HarnessError> {
        let path = std::path::absolute(path)
            .map_err(|error| HarnessError::io("resolving the screendump path", error))?;
        self.qmp_execute("screendump", json!({"filename": path.to_string_lossy()}))?;
        Ok(())
    }
}
