//! Boots the Barodia disk image in QEMU so host tests can drive and watch it.
//!
//! This host-only crate backs the integration tests in `tests/tests/`. It
//! starts `qemu-system-x86_64` headless under TCG with the image that
//! `just image` builds (or `$BARODIA_IMAGE`), captures the guest's
//! COM1 output, types on its keyboard and reads its VGA text screen through
//! QMP, and maps the `isa-debug-exit` status to a [`VmExit`]. Tests wait for
//! markers with deadlines, never with fixed sleeps; every VM has a watchdog,
//! and dropping a [`Vm`] kills its QEMU, so no test leaves one behind.
//!
//! ```no_run
//! use std::time::Duration;
//! use barodia_tests::{Vm, VmConfig};
//!
//! let mut vm = Vm::boot(VmConfig::default()).unwrap();
//! vm.wait_for_serial("boot: ready", Duration::from_secs(30)).unwrap();
//! ```
//!
//! The pure parts (code page 437, screen parsing, key codes, exit statuses,
//! marker search, the `ktest:` protocol) have unit tests that need no QEMU.

pub mod bench;
pub mod config;
pub mod error;
pub mod exit;
pub mod keys;
pub mod ktest;
pub mod qmp;
pub mod scenario;
pub mod screen;
pub mod serial;
pub mod shell;
pub mod vm;
pub mod watchdog;

pub use config::VmConfig;
pub use error::HarnessError;
pub use exit::VmExit;
pub use ktest::{KtestReport, KtestResult};
pub use screen::Screen;
pub use vm::Vm;
