//! Tests the harness itself, with no Barodia kernel involved.
//!
//! Each test boots an empty disk: SeaBIOS finds nothing to boot, prints "No
//! bootable device." in VGA text mode and waits. That is enough to check the
//! QEMU plumbing (QMP, screen reading, screendump, keys, watchdog, errors)
//! even while the kernel is broken.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use barodia_tests::{HarnessError, Vm, VmConfig, VmExit};

const STEP: Duration = Duration::from_secs(60);

/// A 1 MiB disk of zeros: no boot signature, so SeaBIOS skips it.
/// Tests run in parallel: each writes its own file and renames it into place.
fn empty_disk() -> std::io::Result<PathBuf> {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("empty-disk.img");
    if !path.exists() {
        let mut temporary = tempfile::NamedTempFile::new_in(env!("CARGO_TARGET_TMPDIR"))?;
        temporary.write_all(&vec![0u8; 1 << 20])?;
        temporary.persist(&path)?;
    }
    Ok(path)
}

fn empty_vm(name: &str) -> VmConfig {
    let disk = empty_disk().unwrap_or_else(|error| panic!("cannot write the empty disk: {error}"));
    VmConfig::default().image(disk).name(name)
}

#[test]
fn seabios_text_is_read_from_guest_memory() {
    let mut vm = Vm::boot(empty_vm("harness-screen")).unwrap();
    let screen = vm.wait_for_screen("No bootable device", STEP).unwrap();
    assert!(
        screen
            .lines()
            .iter()
            .any(|line| line.starts_with("SeaBIOS")),
        "{screen}"
    );
    // SeaBIOS writes light grey on black.
    assert_eq!(screen.attribute_at(0, 0), Some(0x07), "{screen}");

    let picture = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("harness-screen.ppm");
    vm.screendump(&picture).unwrap();
    let bytes = std::fs::read(&picture).unwrap();
    assert_eq!(
        bytes.get(..2),
        Some(&b"P6"[..]),
        "screendump writes a binary PPM"
    );

    // The guest ignores them, but QEMU must accept every key we can map.
    vm.send_keys("Hello, World! ~_+{}|:\"<>?\n").unwrap();
    vm.send_key_combo(&["alt", "f2"]).unwrap();
    vm.send_serial(b"ignored\r").unwrap();
}

#[test]
fn watchdog_kills_a_vm_past_its_budget() {
    let config = empty_vm("harness-watchdog").timeout(Duration::from_secs(2));
    let mut vm = Vm::boot(config).unwrap();
    assert_eq!(vm.wait_exit(STEP).unwrap(), VmExit::Killed);
    let error = vm.wait_for_serial("anything", STEP).unwrap_err();
    assert!(
        error.to_string().contains("killed by the watchdog"),
        "{error}"
    );
}

#[test]
fn a_missed_marker_times_out_with_context() {
    let mut vm = Vm::boot(empty_vm("harness-timeout")).unwrap();
    let error = vm
        .wait_for_serial("never printed", Duration::from_millis(300))
        .unwrap_err();
    assert!(matches!(error, HarnessError::Timeout { .. }), "{error}");
    let message = error.to_string();
    assert!(message.contains("\"never printed\""), "{message}");
    assert!(message.contains("harness-timeout.log"), "{message}");
}

#[test]
fn a_qemu_that_cannot_start_explains_why() {
    let config = empty_vm("harness-bad-option").arg("-no-such-option");
    let error = Vm::boot(config).unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, HarnessError::Exited { .. }), "{message}");
    assert!(message.contains("status 1"), "{message}");
    assert!(
        message.contains("-no-such-option"),
        "QEMU's stderr is shown: {message}"
    );
}

#[test]
fn a_missing_image_is_reported() {
    let error = Vm::boot(VmConfig::default().image("/nonexistent/disk.img")).unwrap_err();
    assert!(matches!(error, HarnessError::MissingImage(_)), "{error}");
}
