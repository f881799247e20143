//! A minimal client for the QEMU Machine Protocol (QMP).
//!
//! QMP is JSON over a Unix socket, one message per line: QEMU greets, the
//! client enters command mode with `qmp_capabilities`, then each command
//! gets one `return` or `error` reply. Asynchronous `event` messages can come
//! at any time in between; [`QmpClient::execute`] skips them. Only one
//! command is in flight at a time, so replies need no ids.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};

use crate::error::HarnessError;

/// How long one QMP command may take before the harness gives up on it.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);

/// A connected QMP session in command mode.
#[derive(Debug)]
pub struct QmpClient {
    reader: BufReader<UnixStream>,
    writer: UnixStream,
}

impl QmpClient {
    /// Connects to the QMP socket at `path`, retrying while it does not exist
    /// yet, until `deadline`. `gone` is asked between tries and ends the
    /// wait early (QEMU exited); `pause` waits between tries and may return
    /// early when something changes.
    pub fn connect(
        path: &Path,
        deadline: Instant,
        mut gone: impl FnMut() -> bool,
        mut pause: impl FnMut(Instant),
    ) -> Result<Self, HarnessError> {
        let stream = loop {
            match UnixStream::connect(path) {
                Ok(stream) => break stream,
                Err(error) => {
                    if gone() {
                        return Err(HarnessError::QmpProtocol(format!(
                            "QEMU exited before its QMP socket accepted ({error})"
                        )));
                    }
                    if Instant::now() >= deadline {
                        return Err(HarnessError::io(
                            format!("connecting to QMP socket {}", path.display()),
                            error,
                        ));
                    }
                    // QEMU creates the socket before it starts the guest;
                    // this is only the first few milliseconds of its start.
                    pause((Instant::now() + Duration::from_millis(10)).min(deadline));
                }
            }
        };
        Self::handshake(stream)
    }

    /// Reads the greeting and switches to command mode.
    fn handshake(stream: UnixStream) -> Result<Self, HarnessError> {
        stream
            .set_read_timeout(Some(COMMAND_TIMEOUT))
            .map_err(|error| HarnessError::io("setting the QMP read timeout", error))?;
        let writer = stream
            .try_clone()
            .map_err(|error| HarnessError::io("cloning the QMP socket", error))?;
        let mut client = Self {
            reader: BufReader::new(stream),
            writer,
        };
        let greeting = client.read_message()?;
        if greeting.get("QMP").is_none() {
            return Err(HarnessError::QmpProtocol(format!(
                "expected a greeting, got {greeting}"
            )));
        }
        client.execute("qmp_capabilities", Value::Null)?;
        Ok(client)
    }

    /// Runs `command` with `arguments` (`Value::Null` for none) and returns
    /// its `return` value.
    pub fn execute(&mut self, command: &str, arguments: Value) -> Result<Value, HarnessError> {
        let message = command_message(command, arguments);
        let mut line = message.to_string();
        line.push('\n');
        self.writer
            .write_all(line.as_bytes())
            .map_err(|error| HarnessError::io(format!("sending QMP command `{command}`"), error))?;
        loop {
            let reply = self.read_message()?;
            match classify_reply(command, reply)? {
                Reply::Event => continue,
                Reply::Return(value) => return Ok(value),
            }
        }
    }

    fn read_message(&mut self) -> Result<Value, HarnessError> {
        let mut line = String::new();
        let read = self
            .reader
            .read_line(&mut line)
            .map_err(|error| HarnessError::io("reading from the QMP socket", error))?;
        if read == 0 {
            return Err(HarnessError::QmpProtocol(
                "QEMU closed the QMP socket".to_owned(),
            ));
        }
        serde_json::from_str(&line)
            .map_err(|error| HarnessError::QmpProtocol(format!("bad JSON {line:?}: {error}")))
    }
}

/// The JSON for one command; QMP rejects `"arguments": null`.
fn command_message(command: &str, arguments: Value) -> Value {
    let mut message = Map::new();
    message.insert("execute".to_owned(), json!(command));
    if !arguments.is_null() {
        message.insert("arguments".to_owned(), arguments);
    }
    Value::Object(message)
}

/// What one message from QEMU means for the command in flight.
#[derive(Debug, PartialEq)]
enum Reply {
    /// An asynchronous event: not our reply, keep reading.
    Event,
    /// The command succeeded with this value.
    Return(Value),
}

fn classify_reply(command: &str, reply: Value) -> Result<Reply, HarnessError> {
    // A second greeting has been seen once, on a machine loaded with
    // several QEMUs, as the answer to `qmp_capabilities`; like an event it
    // is not the reply, which follows.
    if reply.get("event").is_some() || reply.get("QMP").is_some() {
        return Ok(Reply::Event);
    }
    if let Some(error) = reply.get("error") {
        let text = |key: &str| {
            error
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_owned()
        };
        return Err(HarnessError::Qmp {
            command: command.to_owned(),
            class: text("class"),
            description: text("desc"),
        });
    }
    match reply {
        Value::Object(mut fields) if fields.contains_key("return") => Ok(Reply::Return(
            fields.remove("return").unwrap_or(Value::Null),
        )),
        other => Err(HarnessError::QmpProtocol(format!(
            "unexpected reply to `{command}`: {other}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_without_arguments_omit_the_field() {
        assert_eq!(
            command_message("qmp_capabilities", Value::Null).to_string(),
            r#"{"execute":"qmp_capabilities"}"#
        );
        let message = command_message("screendump", json!({"filename": "/tmp/x.ppm"}));
        assert_eq!(message["arguments"]["filename"], "/tmp/x.ppm");
    }

    #[test]
    fn replies_events_and_errors_are_told_apart() {
        let event = json!({"event": "RESET", "timestamp": {"seconds": 1, "microseconds": 2}});
        assert_eq!(classify_reply("x", event).unwrap(), Reply::Event);
        let value = json!({"return": {"running": true}});
        assert_eq!(
            classify_reply("x", value).unwrap(),
            Reply::Return(json!({"running": true}))
        );
        let error = json!({"error": {"class": "GenericError", "desc": "nope"}});
        let error = classify_reply("pmemsave", error).unwrap_err();
        assert_eq!(
            error.to_string(),
            "QMP command `pmemsave` failed: GenericError: nope"
        );
        assert!(classify_reply("x", json!({"greeting": 1})).is_err());
        let greeting = json!({"QMP": {"version": {}, "capabilities": ["oob"]}});
        assert_eq!(classify_reply("qmp_capabilities", greeting).unwrap(), Reply::Event);
    }
}
