//! Host tests: a hand-written ELF builder, malformed files that must each get
//! their exact error, valid files whose plan is checked field by field, the
//! real `hello` program, and property tests that nothing panics.

mod builder;
mod malformed_dynamic;
mod malformed_header;
mod malformed_segments;
mod properties;
mod real_program;
mod valid;

use crate::{ElfError, LoadLimits, LoadPlan, plan_load};

/// The limits the kernel is expected to use: user space from 4 MiB to just
/// below the top of the lower half, 256 MiB per program.
const LIMITS: LoadLimits = LoadLimits {
    user_start: 0x0000_0000_0040_0000,
    user_end: 0x0000_7FFF_FFFF_0000,
    max_memory: 256 << 20,
};

/// A typical load base for a static PIE.
const BASE: u64 = 0x0000_0000_0040_0000;

/// Plans `file` at [`BASE`] with [`LIMITS`].
fn plan(file: &[u8]) -> Result<LoadPlan<'_>, ElfError> {
    plan_load(file, BASE, &LIMITS)
}

/// Plans `file` at base 0, as for an `ET_EXEC` program.
fn plan_absolute(file: &[u8]) -> Result<LoadPlan<'_>, ElfError> {
    plan_load(file, 0, &LIMITS)
}
