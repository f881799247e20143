//! The real `hello` program, as the linker made it.
//!
//! Build it first with
//! `cargo build -p hello --release --target x86_64-unknown-none`; without it
//! these tests print a note and pass, since `cargo test` alone must not need
//! the bare-metal target.

use std::path::PathBuf;

use super::{BASE, LIMITS, plan};
use crate::{ElfError, LoadPlan, plan_load};

/// Where cargo puts the release `hello` for `x86_64-unknown-none`.
pub(super) fn hello_path() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("x86_64-unknown-none/release/hello")
}

/// The `hello` binary, or `None` (with a note) when it has not been built.
fn read_hello() -> Option<Vec<u8>> {
    let path = hello_path();
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(error) => {
            eprintln!(
                "note: skipping: cannot read {} ({error}); build it with \
                 `cargo build -p hello --release --target x86_64-unknown-none`",
                path.display()
            );
            None
        }
    }
}

/// Does what the kernel will do, into a flat buffer standing for the
/// program's address range: copy each segment, zero-fill the rest, then
/// apply the relocations. Returns the buffer and the address of its byte 0.
fn load_into_buffer(plan: &LoadPlan<'_>) -> (Vec<u8>, u64) {
    let low = plan
        .segments()
        .iter()
        .map(|s| s.page_start())
        .min()
        .unwrap();
    let size = usize::try_from(plan.image_end() - low).unwrap();
    let mut memory = vec![0xAA; size];
    for segment in plan.segments() {
        let start = usize::try_from(segment.start() - low).unwrap();
        let end = usize::try_from(segment.end() - low).unwrap();
        let file_bytes = segment.file_bytes();
        memory[start..end].fill(0);
        memory[start..start + file_bytes.len()].copy_from_slice(file_bytes);
    }
    for relocation in plan.relocations() {
        let at = usize::try_from(relocation.address - low).unwrap();
        memory[at..at + 8].copy_from_slice(&relocation.value.to_le_bytes());
    }
    (memory, low)
}

#[test]
fn hello_is_accepted_and_loads() {
    let Some(file) = read_hello() else { return };
    let plan = plan(&file).unwrap();
    assert!(!plan.segments().is_empty());
    let entry_segment = plan
        .segments()
        .iter()
        .find(|s| s.start() <= plan.entry() && plan.entry() < s.end())
        .unwrap();
    assert!(entry_segment.permissions().execute);
    for segment in plan.segments() {
        let permissions = segment.permissions();
        assert!(!(permissions.write && permissions.execute));
        assert!(segment.page_start() >= LIMITS.user_start);
        assert!(segment.page_end() <= plan.image_end());
    }
    let (memory, low) = load_into_buffer(&plan);
    for relocation in plan.relocations() {
        let at = usize::try_from(relocation.address - low).unwrap();
        let word = u64::from_le_bytes(memory[at..at + 8].try_into().unwrap());
        assert_eq!(word, relocation.value);
        // In `hello` every relocated pointer points into the program itself.
        assert!((BASE..plan.image_end()).contains(&relocation.value));
    }
}

#[test]
fn hello_is_a_static_pie() {
    let Some(file) = read_hello() else { return };
    assert_eq!(
        plan_load(&file, 0, &LIMITS).unwrap_err(),
        ElfError::InvalidBase
    );
}

#[test]
fn hello_moves_with_its_base() {
    let Some(file) = read_hello() else { return };
    let low = plan(&file).unwrap();
    let high_base = 0x7FFF_0000_0000;
    let high = plan_load(&file, high_base, &LIMITS).unwrap();
    assert_eq!(high.entry() - high_base, low.entry() - BASE);
    assert_eq!(high.image_end() - high_base, low.image_end() - BASE);
    for (a, b) in low.relocations().zip(high.relocations()) {
        assert_eq!(a.address - BASE, b.address - high_base);
        assert_eq!(a.value - BASE, b.value - high_base);
    }
}
