//! Deliberate kernel crashes, to test that kernel faults are reported.
//!
//! `crash=page-fault` reads an unmapped kernel address; `crash=stack-overflow`
//! recurses until the boot stack's guard page, which the CPU can only report
//! as a double fault on its separate IST stack. Both must end in a full
//! report on serial and screen, never a silent reboot or hang.

/// Crashes the kernel the way `kind` names; unknown kinds are logged.
pub fn crash(kind: &str) {
    match kind {
        "page-fault" => {
            // SAFETY: deliberately unsound: reading an unmapped address to
            // test the kernel page-fault report. Requested on the command line.
            let value = unsafe { core::ptr::read_volatile(0xFFFF_F000_DEAD_0000 as *const u64) };
            log::error!("read {value} from an unmapped address?");
        }
        "stack-overflow" => {
            let depth = recurse(core::hint::black_box(1));
            log::error!("recursion returned {depth}?");
        }
        other => log::warn!("unknown crash kind \"{other}\" (page-fault, stack-overflow)"),
    }
}

/// Uses 1 KiB of stack per call until the guard page stops it.
fn recurse(depth: u64) -> u64 {
    if depth == 0 {
        return 0;
    }
    let frame = core::hint::black_box([depth as u8; 1024]);
    recurse(depth + 1) + u64::from(frame[0])
}
