//! The kernel command line: space-separated flags and `key=value` words.
//!
//! QEMU passes it through fw_cfg (see [`crate::arch::fw_cfg`]); on a machine
//! without fw_cfg it is empty. Known words:
//! - `ktest` runs the in-kernel tests and exits QEMU; `ktest=NAME` runs only the
//!   tests whose name contains `NAME`;
//! - `loglevel=off|error|warn|info|debug|trace` sets the log threshold;
//! - `panic-at-boot` panics on purpose once boot is done, to test the panic path;
//! - `crash=page-fault|stack-overflow` faults the kernel on purpose, to test
//!   the kernel fault report (see [`crate::crash`]);
//! - `init=PATH` names the first program to start from the ramdisk.
//!
//! Unknown words are logged and ignored, so an old command line never stops a
//! boot.

use crate::arch::fw_cfg;
use crate::ktest::KernelTest;

/// Longest command line kept; the rest is cut off.
const CAPACITY: usize = 256;
/// The fw_cfg file that carries the command line.
const FW_CFG_NAME: &str = "opt/barodia/cmdline";

/// Every word the kernel understands (the part before any `=`).
const KNOWN_WORDS: &[&str] = &["crash", "init", "ktest", "loglevel", "panic-at-boot"];

/// A command line held in a fixed buffer (the kernel has no heap this early).
pub struct CommandLine {
    bytes: [u8; CAPACITY],
    len: usize,
}

impl CommandLine {
    /// Reads the command line from fw_cfg; empty if there is none.
    pub fn from_firmware() -> Self {
        let mut bytes = [0u8; CAPACITY];
        let len = fw_cfg::read_file(FW_CFG_NAME, &mut bytes).unwrap_or(0);
        CommandLine { bytes, len }
    }

    /// Makes a command line from text (used by tests).
    pub fn from_text(text: &str) -> Self {
        let mut bytes = [0u8; CAPACITY];
        let len = text.len().min(CAPACITY);
        bytes[..len].copy_from_slice(&text.as_bytes()[..len]);
        CommandLine { bytes, len }
    }

    /// The whole line, or "" if it is not UTF-8 (it comes from outside).
    pub fn as_str(&self) -> &str {
        let bytes = self.bytes.get(..self.len).unwrap_or(&[]);
        core::str::from_utf8(bytes).unwrap_or("").trim_end_matches(['\0', '\n'])
    }

    /// The words of the line.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.as_str().split_ascii_whitespace()
    }

    /// True if `name` appears as a bare word or as `name=...`.
    pub fn has(&self, name: &str) -> bool {
        self.words().any(|word| word == name || word.split_once('=').is_some_and(|(key, _)| key == name))
    }

    /// Words the kernel does not understand, to be reported and ignored.
    pub fn unknown_words(&self) -> impl Iterator<Item = &str> {
        self.words().filter(|word| {
            let key = word.split_once('=').map_or(*word, |(key, _)| key);
            !KNOWN_WORDS.contains(&key)
        })
    }

    /// The value of the last `key=value` word for `key`.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.words()
            .filter_map(|word| word.split_once('='))
            .filter(|(name, _)| *name == key)
            .map(|(_, value)| value)
            .last()
    }
}

/// Kernel tests for this module.
pub const TESTS: &[KernelTest] = &[
    KernelTest {
        name: "cmdline::flags_and_values_are_found",
        run: || {
            let line = CommandLine::from_text("ktest loglevel=debug  x=1 x=2");
            crate::kassert!(line.has("ktest"));
            crate::kassert!(line.has("loglevel"));
            crate::kassert!(!line.has("test"));
            crate::kassert_eq!(line.value("loglevel"), Some("debug"));
            crate::kassert_eq!(line.value("x"), Some("2"));
            crate::kassert_eq!(line.value("ktest"), None);
            let mut unknown = line.unknown_words();
            crate::kassert_eq!(unknown.next(), Some("x=1"));
            crate::kassert_eq!(unknown.next(), Some("x=2"));
            crate::kassert_eq!(unknown.next(), None);
            Ok(())
        },
    },
    KernelTest {
        name: "cmdline::overlong_and_invalid_input_is_harmless",
        run: || {
            let long = [b'a'; 300];
            let text = core::str::from_utf8(&long).unwrap_or("");
            let line = CommandLine::from_text(text);
            crate::kassert_eq!(line.as_str().len(), CAPACITY);
            let mut bytes = [0u8; CAPACITY];
            bytes[0] = 0xFF;
            let invalid = CommandLine { bytes, len: 4 };
            crate::kassert_eq!(invalid.as_str(), "");
            crate::kassert!(!invalid.has("ktest"));
            Ok(())
        },
    },
    KernelTest {
        name: "cmdline::firmware_line_reached_the_kernel",
        run: || {
            // This test only runs in test mode, which the harness selects
            // through the fw_cfg command line: so fw_cfg must have worked.
            crate::kassert!(CommandLine::from_firmware().has("ktest"));
            Ok(())
        },
    },
];
