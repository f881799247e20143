//! The test scenarios. Each returns a detail line or why it failed.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicUsize, Ordering};

use libipc::diagnostics::{self, BadCall, Fault};
use libipc::sys::{self, ExitReason};
use libipc::println;

type Outcome = Result<String, String>;

const SELF: &str = "bin/kernel-tests";

fn free_frames() -> Result<u64, String> {
    sys::system_info().map(|info| info.free_frames).map_err(|error| format!("SystemInfo failed: {error}"))
}

fn run_child(arguments: &[&str]) -> Result<u64, String> {
    let id = sys::spawn(SELF, arguments).map_err(|error| format!("spawn {arguments:?}: {error}"))?;
    sys::wait(id).map_err(|error| format!("wait for {arguments:?}: {error}"))
}

/// Every fault kind in a child process in turn: each must end only the child.
pub fn faults() -> Outcome {
    for fault in Fault::ALL {
        let status = run_child(&["fault", fault.name()])?;
        let expected = ExitReason::Fault { vector: fault.vector() };
        if ExitReason::from_status(status) != expected {
            return Err(format!("fault {} ended with status {status:#x}, not {expected:?}", fault.name()));
        }
        println!("utest: fault {} isolated", fault.name());
    }
    Ok(format!("({} kinds)", Fault::ALL.len()))
}

/// Syscalls with hostile arguments return their named errors.
pub fn bad_calls() -> Outcome {
    for (call, expected) in BadCall::ALL {
        let result = diagnostics::try_bad_call(call);
        if result != Err(expected) {
            return Err(format!("{call:?} returned {result:?}, expected {expected:?}"));
        }
    }
    Ok(format!("({} calls refused)", BadCall::ALL.len()))
}

/// Child role: allocate 1 MiB blocks, touching every page, until refused.
pub fn memory_hog() -> Outcome {
    const BLOCK: usize = 1024 * 1024;
    let mut blocks: Vec<Vec<u8>> = Vec::new();
    loop {
        let mut block = Vec::new();
        if block.try_reserve_exact(BLOCK).is_err() || blocks.try_reserve(1).is_err() {
            break;
        }
        block.resize(BLOCK, 0xA5);
        blocks.push(block);
    }
    let total: usize = blocks.iter().map(|block| block.iter().filter(|&&byte| byte == 0xA5).count()).sum();
    println!("utest: memory-hog got {} MiB, then OutOfMemory", total / BLOCK);
    Ok(String::new())
}

/// Allocation until memory runs out is an error for the program, and every
/// frame comes back when it exits.
pub fn memory() -> Outcome {
    // The first run lets the kernel heap grow to what such a run needs;
    // the kernel heap never shrinks, so only a second run can be compared.
    let warm_up = run_child(&["memory-hog"])?;
    let before = free_frames()?;
    let status = run_child(&["memory-hog"])?;
    let after = free_frames()?;
    if warm_up != 0 || status != 0 {
        return Err(format!("memory-hog exited with {warm_up} and {status}, not 0"));
    }
    if before != after {
        return Err(format!("free frames {before} before, {after} after"));
    }
    Ok(format!("(free frames {before} before and after)"))
}

/// `count` processes spawned and waited for in sequence; no frame leaks.
pub fn spawn_many(count: usize) -> Outcome {
    run_child(&["true"])?;
    let before = free_frames()?;
    let start = libipc::time::now();
    for index in 0..count {
        let status = run_child(&["true"])?;
        if status != 0 {
            return Err(format!("process {index} exited with {status}"));
        }
    }
    let elapsed = libipc::time::now().saturating_sub(start);
    let after = free_frames()?;
    if before != after {
        return Err(format!("free frames {before} before, {after} after {count} processes"));
    }
    let each = elapsed.as_micros() / count.max(1) as u128;
    Ok(format!("({count} processes, {each} us each, free frames {before} before and after)"))
}

/// `count` threads at once, one spinning forever: the others still finish.
pub fn threads(count: usize) -> Outcome {
    static STARTED: AtomicUsize = AtomicUsize::new(0);
    let workers = count.saturating_sub(1);
    libipc::thread::spawn(|| loop {
        core::hint::spin_loop();
    })
    .map_err(|error| format!("spawning the spinner: {error}"))?;
    let mut handles = Vec::new();
    for index in 0..workers {
        let handle = libipc::thread::spawn(move || {
            STARTED.fetch_add(1, Ordering::SeqCst);
            // Wait until every worker runs, so all of them are alive at once.
            while STARTED.load(Ordering::SeqCst) < workers {
                sys::yield_now();
            }
            libipc::time::sleep(core::time::Duration::from_millis(5));
            index as u64
        })
        .map_err(|error| format!("spawning worker {index}: {error}"))?;
        handles.push(handle);
    }
    for (index, handle) in handles.into_iter().enumerate() {
        let code = handle.join().map_err(|error| format!("joining worker {index}: {error}"))?;
        if code != index as u64 {
            return Err(format!("worker {index} returned {code}"));
        }
    }
    Ok(format!("({workers} workers finished beside a spinning thread)"))
}

/// Everything, in one process.
pub fn all() -> Outcome {
    for (name, scenario) in [
        ("faults", faults as fn() -> Outcome),
        ("bad-calls", bad_calls),
        ("memory", memory),
        ("spawn", || spawn_many(1000)),
    ] {
        let detail = scenario()?;
        println!("utest: {name} ok {detail}");
    }
    // Last: its spinning thread lives until this process exits.
    threads(50)
}

/// Regression: threads exit (their kernel stacks are freed), then a process
/// starts (kernel stacks are mapped again) while a process's page table is
/// active. A stale TLB entry for the shared kernel half once crashed the
/// kernel here.
pub fn threads_then_spawn() -> Outcome {
    for round in 0..5 {
        let mut handles = Vec::new();
        for index in 0..8u64 {
            handles.push(libipc::thread::spawn(move || index).map_err(|error| format!("spawn thread: {error}"))?);
        }
        for handle in handles {
            handle.join().map_err(|error| format!("join: {error}"))?;
        }
        let status = run_child(&["true"])?;
        if status != 0 {
            return Err(format!("round {round}: child exited with {status}"));
        }
    }
    Ok(String::from("(5 rounds of 8 threads, then a process)"))
}

/// `ProcessList` shows this process and a child it started, with the
/// parent link and the program names; and refuses a bad buffer.
pub fn process_list() -> Outcome {
    let child = libipc::sys::spawn("bin/kernel-tests", &["spin"]).map_err(|error| format!("spawn: {error}"))?;
    let processes = libipc::sys::process_list().map_err(|error| format!("list: {error}"))?;
    let me = processes.iter().find(|record| record.id == 1).ok_or("process 1 is not listed")?;
    let listed = processes.iter().find(|record| record.id == child).ok_or("the child is not listed")?;
    let sorted = processes.windows(2).all(|pair| pair[0].id < pair[1].id);
    let process = libipc::ipc::device::Process::open(child).map_err(|error| format!("open: {error}"))?;
    process.kill().map_err(|error| format!("kill: {error}"))?;
    libipc::sys::wait(child).map_err(|error| format!("wait: {error}"))?;
    let after = libipc::sys::process_list().map_err(|error| format!("list: {error}"))?;
    if me.name() != "bin/kernel-tests" || listed.name() != "bin/kernel-tests" || listed.parent != 1 || listed.threads != 1 {
        return Err(format!("wrong records: {me:?} {listed:?}"));
    }
    if !sorted || after.iter().any(|record| record.id == child) {
        return Err(format!("not sorted, or the reaped child is still listed: {after:?}"));
    }
    Ok(format!("{} processes listed, the child with its parent", processes.len()))
}
