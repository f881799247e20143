//! Logging in and running commands on the serial console (console 5),
//! where login asks for a name and a password and then runs the shell.
//!
//! The serial line carries the kernel's and the services' log lines as
//! well, so these helpers look for prompts after the search position
//! rather than parsing whole lines.

use std::time::Duration;

use super::Vm;
use crate::error::HarnessError;

/// The serial console's login banner (login says which console it is on),
/// on a fresh screen at boot and after each logout.
pub const SERIAL_BANNER: &str = "Barodia (console 5)";

/// What the line editor writes after a prompt (erase below): a prompt
/// followed by it is a prompt being shown, never a log line that mentions
/// the same words.
pub const AFTER_PROMPT: &str = "\x1b[J";

/// The shell's prompt for `user` in `directory` as it is written:
/// `user:/home/user$ `, and `#` for root.
pub fn prompt(user: &str, directory: &str) -> String {
    let sign = if user == "root" { '#' } else { '$' };
    format!("{user}:{directory}{sign} {AFTER_PROMPT}")
}

impl Vm {
    /// Waits for the serial console's login prompt, then types `name` and
    /// `password`. The caller waits for what follows (a shell prompt, or
    /// the refusal).
    pub fn type_login_on_serial(&mut self, name: &str, password: &str, timeout: Duration) -> Result<(), HarnessError> {
        self.wait_for_serial(&format!("login: {AFTER_PROMPT}"), timeout)?;
        self.send_serial(format!("{name}\r").as_bytes())?;
        self.wait_for_serial(&format!("Password: {AFTER_PROMPT}"), timeout)?;
        self.send_serial(format!("{password}\r").as_bytes())
    }

    /// Logs in as `name` on the serial console and waits for the shell's
    /// first prompt in `home`.
    pub fn log_in_on_serial(&mut self, name: &str, password: &str, home: &str, timeout: Duration) -> Result<(), HarnessError> {
        self.type_login_on_serial(name, password, timeout)?;
        self.wait_for_serial(&prompt(name, home), timeout).map(drop)
    }

    /// Types `command` at the serial shell and waits for `next_prompt`;
    /// returns everything written in between (the echoed command, its
    /// output, and any log lines).
    pub fn run_on_serial(&mut self, command: &str, next_prompt: &str, timeout: Duration) -> Result<String, HarnessError> {
        let from = self.serial_cursor();
        self.send_serial(format!("{command}\r").as_bytes())?;
        let end = self.wait_for_serial(next_prompt, timeout)?;
        let text = self.serial_text();
        Ok(text.get(from..end).unwrap_or_default().to_owned())
    }
}
