//! The manifest: which services init starts, with what.
//!
//! A line-based text format, so it reads well in review and needs no parser
//! library in a `no_std` program:
//!
//! ```text
//! # The keyboard driver: IRQ 1 and the 8042's two ports.
//! service keyboard bin/keyboard
//!     irq      key-irq  1
//!     ports    data     0x60 1
//!     ports    status   0x64 1
//!
//! service console bin/console
//!     memory   vga      0xB8000 1
//!     receive  keys
//!
//! service shell bin/shell
//!     endpoint console  console
//!
//! service keyboard-user bin/keyboard
//!     endpoint events   console/keys
//! ```
//!
//! A `service NAME PATH [ARG...]` line starts an entry; the indented lines
//! under it grant capabilities, each with a name the service asks
//! `Bootstrap` for: `irq NAME LINE`, `ports NAME FIRST COUNT`,
//! `memory NAME PHYSICAL PAGES`, `archive NAME` (the boot archive,
//! read-only, as a memory object), `receive NAME` (the receive end of one
//! more endpoint of its own, for a second interface it serves) and
//! `endpoint NAME SERVICE[/RECEIVE]` (a send-only endpoint of another
//! entry: its main one, or the one its `receive RECEIVE` line declares).
//! `#` starts a comment. Numbers are decimal or
//! `0x` hex. Every mistake is an [`Error`] with its line number; nothing is
//! guessed or skipped.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

/// One capability a service gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grant {
    /// An interrupt line.
    Irq {
        /// The name the service asks for.
        name: String,
        /// The PIC line.
        line: u8,
    },
    /// A range of I/O ports.
    Ports {
        /// The name the service asks for.
        name: String,
        /// First port.
        first: u16,
        /// How many.
        count: u16,
    },
    /// Device memory.
    Memory {
        /// The name the service asks for.
        name: String,
        /// Physical address (page aligned).
        physical: u64,
        /// Pages.
        pages: u64,
    },
    /// A send-only endpoint of another service.
    Endpoint {
        /// The name the service asks for.
        name: String,
        /// The service whose endpoint it is.
        service: String,
        /// Which of its endpoints: `None` for its main one, else the name
        /// of its `receive` grant.
        receive: Option<String>,
    },
    /// The boot archive (the image's `bootfs` ramdisk), read-only.
    BootArchive {
        /// The name the service asks for (`Bootstrap::memory`).
        name: String,
    },
    /// The receive end of an extra endpoint of the service's own.
    Receive {
        /// The name the service asks for, and the one others reach it by
        /// (`SERVICE/NAME`).
        name: String,
    },
}

impl Grant {
    /// The name the service asks for it by.
    pub fn name(&self) -> &str {
        match self {
            Grant::Irq { name, .. }
            | Grant::Ports { name, .. }
            | Grant::Memory { name, .. }
            | Grant::Endpoint { name, .. }
            | Grant::BootArchive { name }
            | Grant::Receive { name } => name,
        }
    }
}

/// A service init starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    /// Its name in the manifest (and in init's log).
    pub name: String,
    /// The program, a ramdisk path.
    pub path: String,
    /// Its arguments.
    pub arguments: Vec<String>,
    /// What it gets.
    pub grants: Vec<Grant>,
}

/// A manifest mistake, with the 1-based line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The line.
    pub line: usize,
    /// What is wrong.
    pub kind: ErrorKind,
}

/// What is wrong with a manifest line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// A grant line before any `service` line.
    GrantOutsideService,
    /// The first word is no keyword.
    UnknownKeyword(String),
    /// Too few or too many words for the keyword.
    WrongWordCount {
        /// The keyword.
        keyword: &'static str,
        /// What it takes.
        expected: &'static str,
    },
    /// A word that should be a number is not, or is out of range.
    BadNumber(String),
    /// Two services, or two grants of one service, share a name.
    DuplicateName(String),
    /// An `endpoint` grant names a service the manifest does not have.
    UnknownService(String),
    /// An `endpoint` grant names `SERVICE/NAME`, and that service has no
    /// `receive NAME` line.
    UnknownEndpoint(String),
    /// Device memory not page aligned, or empty.
    BadMemory,
}

impl fmt::Display for Error {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "manifest line {}: ", self.line)?;
        match &self.kind {
            ErrorKind::GrantOutsideService => formatter.write_str("a grant before any `service` line"),
            ErrorKind::UnknownKeyword(word) => write!(
                formatter,
                "unknown keyword `{word}` (expected service, irq, ports, memory, archive, receive or endpoint)"
            ),
            ErrorKind::WrongWordCount { keyword, expected } => write!(formatter, "`{keyword}` takes {expected}"),
            ErrorKind::BadNumber(word) => write!(formatter, "`{word}` is not a number in range"),
            ErrorKind::DuplicateName(name) => write!(formatter, "the name `{name}` is used twice"),
            ErrorKind::UnknownService(name) => write!(formatter, "no service is named `{name}`"),
            ErrorKind::UnknownEndpoint(name) => write!(formatter, "no service serves an endpoint `{name}`"),
            ErrorKind::BadMemory => formatter.write_str("device memory must be page aligned and at least one page"),
        }
    }
}

fn number<T: TryFrom<u64>>(word: &str) -> Result<T, ErrorKind> {
    let value = match word.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => word.parse::<u64>(),
    };
    value.ok().and_then(|value| T::try_from(value).ok()).ok_or_else(|| ErrorKind::BadNumber(word.to_string()))
}

fn words_exactly<'a, const N: usize>(
    words: &[&'a str],
    keyword: &'static str,
    expected: &'static str,
) -> Result<[&'a str; N], ErrorKind> {
    <[&str; N]>::try_from(words).map_err(|_| ErrorKind::WrongWordCount { keyword, expected })
}

fn parse_grant(keyword: &str, words: &[&str]) -> Result<Grant, ErrorKind> {
    Ok(match keyword {
        "irq" => {
            let [name, line] = words_exactly(words, "irq", "a name and a line number")?;
            Grant::Irq { name: name.to_string(), line: number(line)? }
        }
        "ports" => {
            let [name, first, count] = words_exactly(words, "ports", "a name, a first port and a count")?;
            Grant::Ports { name: name.to_string(), first: number(first)?, count: number(count)? }
        }
        "memory" => {
            let [name, physical, pages] = words_exactly(words, "memory", "a name, a physical address and pages")?;
            let (physical, pages): (u64, u64) = (number(physical)?, number(pages)?);
            if physical % 4096 != 0 || pages == 0 {
                return Err(ErrorKind::BadMemory);
            }
            Grant::Memory { name: name.to_string(), physical, pages }
        }
        "endpoint" => {
            let [name, target] = words_exactly(words, "endpoint", "a name and a service")?;
            let (service, receive) = match target.split_once('/') {
                Some((service, receive)) => (service, Some(receive.to_string())),
                None => (target, None),
            };
            Grant::Endpoint { name: name.to_string(), service: service.to_string(), receive }
        }
        "receive" => {
            let [name] = words_exactly(words, "receive", "a name")?;
            Grant::Receive { name: name.to_string() }
        }
        "archive" => {
            let [name] = words_exactly(words, "archive", "a name")?;
            Grant::BootArchive { name: name.to_string() }
        }
        other => return Err(ErrorKind::UnknownKeyword(other.to_string())),
    })
}

/// Reads a manifest.
///
/// # Errors
///
/// The first mistake, with its line (see [`ErrorKind`]).
pub fn parse(text: &str) -> Result<Vec<Service>, Error> {
    let mut services: Vec<Service> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let fail = |kind| Error { line, kind };
        let content = raw.split('#').next().unwrap_or("");
        let words: Vec<&str> = content.split_whitespace().collect();
        let Some((&keyword, rest)) = words.split_first() else { continue };
        if keyword == "service" {
            let [name, path, arguments @ ..] = rest else {
                return Err(fail(ErrorKind::WrongWordCount { keyword: "service", expected: "a name, a path and arguments" }));
            };
            if services.iter().any(|service| service.name == *name) {
                return Err(fail(ErrorKind::DuplicateName(name.to_string())));
            }
            services.push(Service {
                name: name.to_string(),
                path: path.to_string(),
                arguments: arguments.iter().map(|argument| argument.to_string()).collect(),
                grants: Vec::new(),
            });
            continue;
        }
        let grant = parse_grant(keyword, rest).map_err(fail)?;
        let service = services.last_mut().ok_or(fail(ErrorKind::GrantOutsideService))?;
        if service.grants.iter().any(|existing| existing.name() == grant.name()) {
            return Err(fail(ErrorKind::DuplicateName(grant.name().to_string())));
        }
        service.grants.push(grant);
    }
    check_endpoints(text, &services)?;
    Ok(services)
}

/// Every `endpoint` grant must name a service of the manifest, and an
/// endpoint that service declares with `receive`.
fn check_endpoints(text: &str, services: &[Service]) -> Result<(), Error> {
    for service in services {
        for grant in &service.grants {
            let Grant::Endpoint { service: target, receive, .. } = grant else { continue };
            // Point at the grant's line for the message.
            let line = text
                .lines()
                .position(|line| line.split_whitespace().next() == Some("endpoint") && line.contains(target.as_str()))
                .map_or(0, |index| index + 1);
            let Some(target_service) = services.iter().find(|candidate| candidate.name == *target) else {
                return Err(Error { line, kind: ErrorKind::UnknownService(target.clone()) });
            };
            if let Some(receive) = receive
                && !target_service.grants.iter().any(|grant| matches!(grant, Grant::Receive { name } if name == receive))
            {
                return Err(Error { line, kind: ErrorKind::UnknownEndpoint(alloc::format!("{target}/{receive}")) });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;

    const EXAMPLE: &str = "\
# The keyboard driver.
service keyboard bin/keyboard
    irq      key-irq  1
    ports    data     0x60 1   # the 8042
    ports    status   0x64 1

service console bin/console --vc 4
    memory   vga      0xB8000 1
    endpoint keyboard keyboard
    receive  keys

service reader bin/reader
    endpoint keys     console/keys
";

    #[test]
    fn reads_services_and_their_grants() {
        let services = parse(EXAMPLE).unwrap();
        assert_eq!(services.len(), 3);
        assert_eq!(services[0].name, "keyboard");
        assert_eq!(services[0].grants[0], Grant::Irq { name: "key-irq".into(), line: 1 });
        assert_eq!(services[0].grants[1], Grant::Ports { name: "data".into(), first: 0x60, count: 1 });
        assert_eq!(services[1].arguments, ["--vc", "4"]);
        assert_eq!(services[1].grants[0], Grant::Memory { name: "vga".into(), physical: 0xB8000, pages: 1 });
        assert_eq!(
            services[1].grants[1],
            Grant::Endpoint { name: "keyboard".into(), service: "keyboard".into(), receive: None }
        );
        assert_eq!(services[1].grants[2], Grant::Receive { name: "keys".into() });
        assert_eq!(
            services[2].grants[0],
            Grant::Endpoint { name: "keys".into(), service: "console".into(), receive: Some("keys".into()) }
        );
    }

    #[test]
    fn every_mistake_names_its_line() {
        let cases: [(&str, usize, ErrorKind); 11] = [
            ("irq x 1", 1, ErrorKind::GrantOutsideService),
            ("service a bin/a\n  irqq x 1", 2, ErrorKind::UnknownKeyword("irqq".into())),
            ("service a bin/a\n  irq x", 2, ErrorKind::WrongWordCount { keyword: "irq", expected: "a name and a line number" }),
            ("service a bin/a\n  irq x 300", 2, ErrorKind::BadNumber("300".into())),
            ("service a bin/a\n  ports p 0x10000 1", 2, ErrorKind::BadNumber("0x10000".into())),
            ("service a bin/a\nservice a bin/b", 2, ErrorKind::DuplicateName("a".into())),
            ("service a bin/a\n  memory m 0xB8001 1", 2, ErrorKind::BadMemory),
            ("service a bin/a\n  endpoint e nowhere", 2, ErrorKind::UnknownService("nowhere".into())),
            ("service a bin/a\n  endpoint e a/keys", 2, ErrorKind::UnknownEndpoint("a/keys".into())),
            ("service a bin/a\n  receive", 2, ErrorKind::WrongWordCount { keyword: "receive", expected: "a name" }),
            ("service a bin/a\n  archive a b", 2, ErrorKind::WrongWordCount { keyword: "archive", expected: "a name" }),
        ];
        for (text, line, kind) in cases {
            assert_eq!(parse(text), Err(Error { line, kind }), "{text}");
        }
        assert_eq!(parse("service a"), Err(Error { line: 1, kind: ErrorKind::WrongWordCount { keyword: "service", expected: "a name, a path and arguments" } }));
        let duplicate_grant = "service a bin/a\n  irq x 1\n  ports x 0x60 1";
        assert_eq!(parse(duplicate_grant), Err(Error { line: 3, kind: ErrorKind::DuplicateName("x".into()) }));
    }

    #[test]
    fn comments_and_blank_lines_are_nothing() {
        assert_eq!(parse("# nothing\n\n   # still nothing\n"), Ok(Vec::new()));
    }

    #[test]
    fn errors_read_well() {
        let error = parse("service a bin/a\n  irq x 300").unwrap_err();
        assert_eq!(std::format!("{error}"), "manifest line 2: `300` is not a number in range");
    }
}
