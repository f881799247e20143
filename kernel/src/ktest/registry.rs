//! The list of every module's kernel tests. Add a module's `TESTS` here.

use super::KernelTest;

const SUITES: &[&[KernelTest]] = &[
    crate::boot::TESTS,
    crate::cmdline::TESTS,
    crate::logger::TESTS,
    crate::ramdisk::TESTS,
    crate::console::vga_text::TESTS,
];

/// Every registered kernel test, in registration order.
pub fn all() -> impl Iterator<Item = &'static KernelTest> {
    SUITES.iter().flat_map(|suite| suite.iter())
}
