//! The syscall fuzzer: many random syscalls with random arguments.
//!
//! A child process makes the calls; the parent checks that the kernel is
//! still there and that every frame and handle came back when the child
//! ended. Calls that would end or park the fuzzer on purpose (exits, long
//! sleeps) are left out; everything else, valid or not, is fair game.

use alloc::format;
use alloc::string::String;

use barodia_abi::Syscall;
use libipc::diagnostics::fuzz_syscall;
use libipc::println;

type Outcome = Result<String, String>;

/// A small, fast, seedable generator (xorshift64*).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// An argument: biased towards values that probe edge cases, but never
    /// the fuzzer's own memory (see `libipc::diagnostics::fuzz_syscall`).
    fn argument(&mut self) -> u64 {
        match self.next() % 8 {
            0 => 0,
            1 => self.next() % 4096,
            2 => u64::MAX - self.next() % 4096,
            3 => 0xFFFF_8000_0000_0000 | (self.next() & 0x7FFF_FFFF_FFFF),
            4 => 0x0000_6000_0000_0000 + (self.next() % (1 << 40)),
            5 => 1 << (self.next() % 64),
            _ => self.next(),
        }
    }
}

/// Child role: `count` random calls from `seed`.
pub fn child(count: u64, seed: u64) -> Outcome {
    let mut random = Random(seed | 1);
    let mut accepted = 0u64;
    // Handles this process really holds: a call or receive on one of its own
    // endpoints would wait forever (no one else is there), so those are
    // skipped; on any other value they fail at once.
    let mut own_handles = alloc::collections::BTreeSet::new();
    for _ in 0..count {
        // Every syscall number there is, and a few past the last.
        let number = random.next() % 48;
        let mut arguments = [0u64; 6];
        for argument in &mut arguments {
            *argument = random.argument();
        }
        let call = Syscall::try_from(number);
        match call {
            // These end or park the fuzzer by design.
            Ok(Syscall::ProcessExit | Syscall::ThreadExit) => continue,
            Ok(Syscall::Sleep) => arguments[0] %= 1000,
            Ok(
                Syscall::Call
                | Syscall::Send
                | Syscall::Receive
                | Syscall::CallMessage
                | Syscall::SendMessage
                | Syscall::CallLoan,
            )
                if own_handles.contains(&arguments[0]) =>
            {
                continue;
            }
            Ok(Syscall::ReplyAndReceive) if own_handles.contains(&arguments[2]) => continue,
            _ => {}
        }
        let (error, registers) = fuzz_syscall(number, arguments);
        if error == 0 {
            accepted += 1;
            if matches!(call, Ok(Syscall::EndpointCreate | Syscall::HandleDuplicate)) {
                own_handles.insert(registers[2]);
            }
        }
    }
    println!("utest: fuzz-child made {count} calls, {accepted} accepted");
    Ok(String::new())
}

/// `count` random syscalls in a child; afterwards frames, handles, processes
/// and threads are back to what they were.
pub fn fuzz(count: u64) -> Outcome {
    let counters = || libipc::sys::system_info().map_err(|error| format!("SystemInfo: {error}"));
    let run = |calls: u64, seed: u64| -> Result<u64, String> {
        let calls = format!("{calls}");
        let seed = format!("{seed}");
        let id = libipc::sys::spawn("bin/kernel-tests", &["fuzz-child", &calls, &seed])
            .map_err(|error| format!("spawn: {error}"))?;
        libipc::sys::wait(id).map_err(|error| format!("wait: {error}"))
    };
    // Warm-up run: lets the kernel heap reach its size for such a run.
    run(count / 10 + 1, 1)?;
    let before = counters()?;
    let status = run(count, 0x5EED_1234)?;
    let after = counters()?;
    if status != 0 {
        return Err(format!("fuzzer ended with status {status}"));
    }
    // Frames the kernel heap took to grow stay with it (it never shrinks);
    // every other frame must be back.
    let accounted = |info: &barodia_abi::SystemInfo| info.free_frames + info.kernel_heap_mapped / 4096;
    let same = accounted(&before) == accounted(&after)
        && before.open_handles == after.open_handles
        && before.processes == after.processes
        && before.threads == after.threads;
    if !same {
        return Err(format!("counters changed: before {before:?}, after {after:?}"));
    }
    Ok(format!(
        "({count} calls; free frames {} -> {} with the kernel heap grown by {} KiB; handles {}, threads {} before and after)",
        before.free_frames,
        after.free_frames,
        (after.kernel_heap_mapped - before.kernel_heap_mapped) / 1024,
        after.open_handles,
        after.threads
    ))
}
