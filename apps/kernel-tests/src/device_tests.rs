//! Device and process capabilities: a driver-style program with an IRQ line
//! and a port range, and exit notifications through process handles.

use alloc::format;
use alloc::string::String;

use barodia_abi::{Rights, SysError};
use libipc::ipc::device::{Platform, Ports, Process};
use libipc::ipc;
use libipc::sys::{EXIT_KILLED, ExitReason};

use crate::checks::expect;

type Outcome = Result<String, String>;

/// The CMOS real-time clock: index and data ports, and its IRQ.
const RTC_INDEX: u16 = 0x70;
const RTC_DATA: u16 = 0x71;
const RTC_IRQ: u8 = 8;
/// RTC registers (bit 7 of the index keeps NMIs off while we talk to it).
const RTC_REGISTER_B: u8 = 0x8B;
const RTC_REGISTER_C: u8 = 0x8C;
/// Register B: periodic interrupt enable.
const PERIODIC_INTERRUPTS: u8 = 0x40;
/// Notification operation for the RTC's interrupts.
const RTC_TICK: u64 = 0x10;
/// Notification operation for a child's exit.
const CHILD_EXITED: u64 = 0x20;


fn rtc_read(ports: &Ports, register: u8) -> Result<u8, String> {
    ports.write_u8(RTC_INDEX, register).map_err(|error| format!("select RTC register: {error}"))?;
    ports.read_u8(RTC_DATA).map_err(|error| format!("read RTC: {error}"))
}

fn rtc_write(ports: &Ports, register: u8, value: u8) -> Result<(), String> {
    ports.write_u8(RTC_INDEX, register).map_err(|error| format!("select RTC register: {error}"))?;
    ports.write_u8(RTC_DATA, value).map_err(|error| format!("write RTC: {error}"))
}

/// A driver for the RTC's periodic interrupt, through capabilities only.
pub fn driver() -> Outcome {
    let platform = Platform(libipc::env::initial_handle().ok_or("the first process got no platform handle")?);
    // Lines and ports the kernel keeps are refused.
    for line in [0u8, 2, 16, 255] {
        expect(&format!("claim IRQ {line}"), platform.claim_irq(line), SysError::InvalidArgument)?;
    }
    for (first, count) in [(0x3F8u16, 1u16), (0x20, 2), (0x40, 1), (0xF4, 1), (0xFFFF, 2), (0x100, 0)] {
        expect(&format!("claim ports {first:#x}+{count}"), platform.claim_ports(first, count), SysError::InvalidArgument)?;
    }
    let irq = platform.claim_irq(RTC_IRQ).map_err(|error| format!("claim IRQ 8: {error}"))?;
    expect("claim IRQ 8 twice", platform.claim_irq(RTC_IRQ), SysError::LimitReached)?;
    let ports = platform.claim_ports(RTC_INDEX, 2).map_err(|error| format!("claim ports: {error}"))?;

    // Nothing outside the range, in any width.
    expect("read the keyboard port", ports.read_u8(0x60), SysError::OutOfRange)?;
    expect("write below the range", ports.write_u8(0x6F, 0), SysError::OutOfRange)?;
    expect("32-bit read straddling the end", ports.read_u32(RTC_DATA), SysError::OutOfRange)?;
    expect("16-bit write straddling the end", ports.write_u16(RTC_DATA, 0), SysError::OutOfRange)?;
    // Rights narrow: a read-only duplicate cannot write.
    let read_only = Ports(ports.0.duplicate(Rights::PORT_READ).map_err(|error| format!("duplicate: {error}"))?);
    expect("write through a read-only port handle", read_only.write_u8(RTC_INDEX, 0), SysError::MissingRights)?;
    // Handles of other types are refused: an endpoint is neither a port
    // range nor the platform.
    let endpoint = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let duplicate = || endpoint.duplicate(Rights::SEND).map_err(|error| format!("duplicate: {error}"));
    expect("port read through an endpoint", Ports(duplicate()?).read_u8(RTC_INDEX), SysError::WrongType)?;
    expect("IRQ claim through an endpoint", Platform(duplicate()?).claim_irq(3), SysError::WrongType)?;
    expect("IRQ ack through an endpoint", libipc::ipc::device::Irq(duplicate()?).acknowledge(), SysError::WrongType)?;

    // Interrupts arrive as messages; the line stays masked until acked.
    irq.bind(&endpoint, RTC_TICK).map_err(|error| format!("bind: {error}"))?;
    let before = rtc_read(&ports, RTC_REGISTER_B)?;
    rtc_write(&ports, RTC_REGISTER_B, before | PERIODIC_INTERRUPTS)?;
    let mut ticks = 0;
    while ticks < 5 {
        let received = ipc::receive_timeout(&endpoint, core::time::Duration::from_secs(2))
            .map_err(|error| format!("waiting for IRQ 8 (after {ticks}): {error}"))?;
        if received.message.operation != RTC_TICK || received.message.words[0] != u64::from(RTC_IRQ) {
            return Err(format!("unexpected notification {:?}", received.message));
        }
        if received.reply.is_some() {
            return Err(String::from("a notification came with a reply handle"));
        }
        // Reading register C tells the RTC the interrupt was seen.
        rtc_read(&ports, RTC_REGISTER_C)?;
        irq.acknowledge().map_err(|error| format!("ack: {error}"))?;
        ticks += 1;
    }
    rtc_write(&ports, RTC_REGISTER_B, before & !PERIODIC_INTERRUPTS)?;
    rtc_read(&ports, RTC_REGISTER_C)?;

    // A program executing `in` itself is killed.
    let child = libipc::sys::spawn("bin/kernel-tests", &["fault", "port-input"])
        .map_err(|error| format!("spawn: {error}"))?;
    let status = libipc::sys::wait(child).map_err(|error| format!("wait: {error}"))?;
    if ExitReason::from_status(status) != (ExitReason::Fault { vector: barodia_abi::vector::GENERAL_PROTECTION_FAULT }) {
        return Err(format!("a direct `in` was not stopped by a general protection fault (status {status:#x})"));
    }
    Ok(format!("{ticks} RTC interrupts as messages; out-of-range ports refused; `in` kills"))
}

/// Exit notifications: a parent watching children it spawned.
pub fn process_exits() -> Outcome {
    let endpoint = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let normal = libipc::sys::spawn("bin/kernel-tests", &["true"]).map_err(|error| format!("spawn: {error}"))?;
    let faulty = libipc::sys::spawn("bin/kernel-tests", &["fault", "null-read"]).map_err(|error| format!("spawn: {error}"))?;
    for child in [normal, faulty] {
        let process = Process::open(child).map_err(|error| format!("open {child}: {error}"))?;
        process.notify_on_exit(&endpoint, CHILD_EXITED).map_err(|error| format!("notify: {error}"))?;
    }
    let mut seen = [None, None];
    for _ in 0..2 {
        let received = ipc::receive_timeout(&endpoint, core::time::Duration::from_secs(5))
            .map_err(|error| format!("waiting for an exit: {error}"))?;
        let [id, status, ..] = received.message.words;
        if received.message.operation != CHILD_EXITED {
            return Err(format!("unexpected message {:?}", received.message));
        }
        if id == normal {
            seen[0] = Some(status);
        } else if id == faulty {
            seen[1] = Some(status);
        }
    }
    // The faulty child read address 0: a page fault, not a kill.
    let page_fault = ExitReason::Fault { vector: barodia_abi::vector::PAGE_FAULT }.status();
    if seen != [Some(0), Some(page_fault)] {
        return Err(format!("exit notifications said {seen:?}"));
    }
    // Asking after the exit still tells, at once; strangers are not found.
    let late = libipc::sys::spawn("bin/kernel-tests", &["true"]).map_err(|error| format!("spawn: {error}"))?;
    libipc::time::sleep(core::time::Duration::from_millis(50));
    let process = Process::open(late).map_err(|error| format!("open exited child: {error}"))?;
    process.notify_on_exit(&endpoint, CHILD_EXITED).map_err(|error| format!("notify late: {error}"))?;
    let received = ipc::receive_timeout(&endpoint, core::time::Duration::from_secs(1))
        .map_err(|error| format!("late notification: {error}"))?;
    if received.message.words[0] != late {
        return Err(format!("late notification named {}", received.message.words[0]));
    }
    expect("open a process that is not a child", Process::open(1), SysError::NotFound)?;
    let no_wait = Process(process.0.duplicate(Rights::TRANSFER).map_err(|error| format!("duplicate: {error}"))?);
    expect("notify without WAIT", no_wait.notify_on_exit(&endpoint, CHILD_EXITED), SysError::MissingRights)?;
    for child in [normal, faulty, late] {
        libipc::sys::wait(child).map_err(|error| format!("wait {child}: {error}"))?;
    }

    // Killing: a spinning child ends, its watcher hears of it, and its
    // parent reaps it with the killed status; a second kill finds nothing.
    let spinner = libipc::sys::spawn("bin/kernel-tests", &["spin"]).map_err(|error| format!("spawn: {error}"))?;
    let handle = Process::open(spinner).map_err(|error| format!("open spinner: {error}"))?;
    handle.notify_on_exit(&endpoint, CHILD_EXITED).map_err(|error| format!("notify: {error}"))?;
    libipc::time::sleep(core::time::Duration::from_millis(30));
    handle.kill().map_err(|error| format!("kill: {error}"))?;
    let received = ipc::receive_timeout(&endpoint, core::time::Duration::from_secs(1))
        .map_err(|error| format!("kill notification: {error}"))?;
    if received.message.words[..2] != [spinner, EXIT_KILLED] {
        return Err(format!("kill notification said {:?}", received.message.words));
    }
    let status = libipc::sys::wait(spinner).map_err(|error| format!("wait for the killed child: {error}"))?;
    if ExitReason::from_status(status) != ExitReason::Killed {
        return Err(format!("a killed child reported status {status:#x}"));
    }
    expect("kill twice", handle.kill(), SysError::NotFound)?;
    let no_signal = Process(handle.0.duplicate(Rights::WAIT).map_err(|error| format!("duplicate: {error}"))?);
    expect("kill without SIGNAL", no_signal.kill(), SysError::MissingRights)?;
    Ok(String::from("normal and killed children reported; late watch answered at once; kill"))
}

/// The VGA text buffer's physical address and the text written there.
const VGA_TEXT: u64 = 0xB8000;
/// What the scenario writes on screen, for the QEMU test to read back.
pub const VGA_GREETING: &str = "user space owns this line";

/// Device memory: the VGA text buffer mapped through a capability.
pub fn device_memory() -> Outcome {
    let platform = Platform(libipc::env::initial_handle().ok_or("the first process got no platform handle")?);
    // RAM, misaligned and empty ranges are refused.
    expect("claim RAM", platform.claim_memory(0x10_0000, 1), SysError::InvalidArgument)?;
    expect("claim a misaligned page", platform.claim_memory(VGA_TEXT + 1, 1), SysError::InvalidArgument)?;
    expect("claim no pages", platform.claim_memory(VGA_TEXT, 0), SysError::InvalidArgument)?;
    expect("claim past the VGA window", platform.claim_memory(0xBF000, 2), SysError::InvalidArgument)?;
    let memory = platform.claim_memory(VGA_TEXT, 1).map_err(|error| format!("claim VGA: {error}"))?;
    // A read-only duplicate maps read-only and cannot map writable.
    let read_only = memory.handle.duplicate(Rights::MAP_READ).map_err(|error| format!("duplicate: {error}"))?;
    let read_only = libipc::ipc::device::DeviceMemory { handle: read_only, pages: 1 };
    expect("map writable without MAP_WRITE", read_only.map(true), SysError::MissingRights)?;
    let viewer = read_only.map(false).map_err(|error| format!("map read-only: {error}"))?;
    expect("write through a read-only mapping", viewer.write(0, &[0]), SysError::MissingRights)?;
    // Write the greeting on the last row in yellow on blue (below the
    // kernel console's log lines), then read it back.
    let screen = memory.map(true).map_err(|error| format!("map VGA: {error}"))?;
    let row = 24 * 80 * 2;
    let mut cells = alloc::vec::Vec::new();
    for byte in VGA_GREETING.bytes() {
        cells.extend_from_slice(&[byte, 0x1E]);
    }
    screen.write(row, &cells).map_err(|error| format!("write VGA: {error}"))?;
    let mut back = alloc::vec![0u8; cells.len()];
    viewer.read(row, &mut back).map_err(|error| format!("read VGA: {error}"))?;
    if back != cells {
        return Err(String::from("the read-only view does not show what was written"));
    }
    expect("write past the mapping", screen.write(4096, &[0]), SysError::OutOfRange)?;
    Ok(String::from("VGA text buffer mapped through a capability; RAM and rights refused"))
}
