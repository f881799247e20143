//! Device capabilities: interrupt lines and I/O port ranges, claimed from
//! the platform capability that only the first process gets.
//!
//! A user-space driver never executes `in` or `out` itself (its I/O
//! privilege level is 0 and it has no I/O bitmap, so either instruction
//! faults); it asks the kernel through a port-range handle, which checks
//! every access against the range. Interrupts arrive as notifications on an
//! endpoint: the kernel masks the line when it fires and unmasks it when the
//! driver acknowledges, so a slow driver sees at most one notification per
//! line queued.

use alloc::sync::{Arc, Weak};
use core::sync::atomic::{AtomicBool, Ordering};

use barodia_abi::{OPERATION_KERNEL_BITS, Rights, SysError};
use spin::Mutex;

use super::handles::{insert_current, resolve_as};
use super::notify::notify;
use super::object::{Endpoint, KernelObject, Message};
use crate::arch::{pic, port};
use crate::task::{self, Tasks};

/// Number of PIC interrupt lines.
const IRQ_LINES: usize = 16;
/// Lines the kernel keeps: the timer and the cascade between the PICs.
const KERNEL_IRQS: [u8; 2] = [0, 2];
/// Ports the kernel drives itself, as (first, last): PICs, PIT, PIT
/// channel-2 gate, QEMU's debug exit, fw_cfg.
const KERNEL_PORTS: [(u16, u16); 6] =
    [(0x20, 0x21), (0xA0, 0xA1), (0x40, 0x43), (0x61, 0x61), (0xF4, 0xF7), (0x510, 0x51B)];
/// COM1's registers, which the kernel shares with one driver: the kernel
/// keeps writing its log lines to the transmitter (polling the line status
/// before each byte, so it never needs the UART's interrupts), and the
/// console server claims the whole range once to read what is typed and to
/// write its own output. A second claim, or a claim of part of the range,
/// is refused, so no other program can reprogram the line under the log.
const SHARED_COM1: (u16, u16) = (0x3F8, 0x3FF);
/// Whether [`SHARED_COM1`] has been handed out.
static COM1_CLAIMED: AtomicBool = AtomicBool::new(false);

/// Rights of a freshly claimed IRQ handle.
const IRQ_RIGHTS: Rights =
    Rights::from_constants(&[Rights::WAIT, Rights::SIGNAL, Rights::DUPLICATE, Rights::TRANSFER]);
/// Rights of a freshly claimed port-range handle.
const PORT_RIGHTS: Rights =
    Rights::from_constants(&[Rights::PORT_READ, Rights::PORT_WRITE, Rights::DUPLICATE, Rights::TRANSFER]);

/// An interrupt line claimed by a driver.
#[derive(Debug)]
pub struct IrqLine {
    /// The PIC line, 1 or 3..16.
    pub line: u8,
    /// Where its interrupts go, and with which operation number.
    binding: Mutex<Option<(Arc<Endpoint>, u64)>>,
}

/// A range of I/O ports: `first..=last`.
#[derive(Debug, Clone, Copy)]
pub struct IoPortRange {
    /// First port.
    pub first: u16,
    /// Last port (inclusive).
    pub last: u16,
}

/// Claimed lines; a line whose last handle closed no longer upgrades.
static CLAIMED: Mutex<[Option<Weak<IrqLine>>; IRQ_LINES]> = Mutex::new([const { None }; IRQ_LINES]);

fn claimed_line(line: u8) -> Option<Arc<IrqLine>> {
    CLAIMED.lock().get(usize::from(line)).and_then(|slot| slot.as_ref()).and_then(Weak::upgrade)
}

fn require_platform(tasks: &mut Tasks, handle: u64) -> Result<(), SysError> {
    resolve_as(tasks, handle, Rights::NONE, |object| matches!(object, KernelObject::Platform).then_some(()))
}

/// `IrqClaim`.
pub fn irq_claim(platform: u64, line: u64) -> Result<u64, SysError> {
    let line = u8::try_from(line).ok().filter(|line| usize::from(*line) < IRQ_LINES && !KERNEL_IRQS.contains(line));
    task::with_tasks(|tasks| {
        require_platform(tasks, platform)?;
        let line = line.ok_or(SysError::InvalidArgument)?;
        if claimed_line(line).is_some() {
            return Err(SysError::LimitReached);
        }
        let irq = Arc::try_new(IrqLine { line, binding: Mutex::new(None) }).map_err(|_| SysError::OutOfMemory)?;
        let weak = Arc::downgrade(&irq);
        let handle = insert_current(tasks, KernelObject::Irq(irq), IRQ_RIGHTS)?;
        if let Some(slot) = CLAIMED.lock().get_mut(usize::from(line)) {
            *slot = Some(weak);
        }
        Ok(handle)
    })
}

fn resolve_irq(tasks: &mut Tasks, handle: u64, rights: Rights) -> Result<Arc<IrqLine>, SysError> {
    resolve_as(tasks, handle, rights, |object| match object {
        KernelObject::Irq(line) => Some(Arc::clone(line)),
        _ => None,
    })
}

/// `IrqBind`.
pub fn irq_bind(irq: u64, endpoint: u64, operation: u64) -> Result<u64, SysError> {
    task::with_tasks(|tasks| {
        let line = resolve_irq(tasks, irq, Rights::WAIT)?;
        let endpoint = super::handles::resolve_endpoint(tasks, endpoint, Rights::SEND)?;
        if operation & OPERATION_KERNEL_BITS != 0 {
            return Err(SysError::InvalidArgument);
        }
        *line.binding.lock() = Some((endpoint, operation));
        pic::unmask(line.line);
        Ok(0)
    })
}

/// `IrqAck`.
pub fn irq_ack(irq: u64) -> Result<u64, SysError> {
    task::with_tasks(|tasks| {
        let line = resolve_irq(tasks, irq, Rights::SIGNAL)?;
        if line.binding.lock().is_some() {
            pic::unmask(line.line);
        }
        Ok(0)
    })
}

/// Called when the last handle to an IRQ line is about to close.
pub fn irq_handle_closed(line: &Arc<IrqLine>) {
    // The handle being closed is one reference; the caller holds another.
    if Arc::strong_count(line) <= 2 {
        pic::mask(line.line);
    }
}

/// Called from the interrupt handler of `line` (masked and acknowledged at
/// the PIC already): notifies the bound driver, if any; an unclaimed line
/// stays masked.
pub fn irq_fired(line: u8) {
    // Stamped first, so the figure covers the whole path to the driver.
    let stamp = crate::arch::cpu::read_tsc();
    let Some(irq) = claimed_line(line) else { return };
    let Some((endpoint, operation)) = irq.binding.lock().clone() else { return };
    task::with_tasks(|tasks| {
        notify(tasks, &endpoint, Message { operation, words: [u64::from(line), stamp, 0, 0] });
    });
}

/// `PortsClaim`.
pub fn ports_claim(platform: u64, first: u64, count: u64) -> Result<u64, SysError> {
    let first_port = u16::try_from(first).map_err(|_| SysError::InvalidArgument)?;
    let last = first.checked_add(count).and_then(|end| end.checked_sub(1)).filter(|_| count > 0);
    let last = last.and_then(|last| u16::try_from(last).ok()).ok_or(SysError::InvalidArgument)?;
    let overlaps = |(low, high): (u16, u16)| first_port <= high && low <= last;
    if KERNEL_PORTS.into_iter().any(overlaps) {
        return Err(SysError::InvalidArgument);
    }
    let is_com1 = overlaps(SHARED_COM1);
    if is_com1 && (first_port, last) != SHARED_COM1 {
        return Err(SysError::InvalidArgument);
    }
    task::with_tasks(|tasks| {
        require_platform(tasks, platform)?;
        if is_com1 && COM1_CLAIMED.swap(true, Ordering::Relaxed) {
            return Err(SysError::LimitReached);
        }
        let handle = insert_current(tasks, KernelObject::IoPorts(IoPortRange { first: first_port, last }), PORT_RIGHTS);
        if is_com1 && handle.is_err() {
            COM1_CLAIMED.store(false, Ordering::Relaxed);
        }
        handle
    })
}

/// Checks a port access of `width` bytes at `port` against the range behind
/// `handle`, which must hold `rights`.
fn checked_port(handle: u64, port: u64, width: u64, rights: Rights) -> Result<(u16, u64), SysError> {
    if !matches!(width, 1 | 2 | 4) {
        return Err(SysError::InvalidArgument);
    }
    let range = task::with_tasks(|tasks| {
        resolve_as(tasks, handle, rights, |object| match object {
            KernelObject::IoPorts(range) => Some(*range),
            _ => None,
        })
    })?;
    let last = port.checked_add(width - 1).ok_or(SysError::OutOfRange)?;
    if port < u64::from(range.first) || last > u64::from(range.last) {
        return Err(SysError::OutOfRange);
    }
    Ok((port as u16, width))
}

/// `PortRead`.
pub fn port_read(handle: u64, port: u64, width: u64) -> Result<u64, SysError> {
    let (port, width) = checked_port(handle, port, width, Rights::PORT_READ)?;
    Ok(match width {
        1 => u64::from(port::read_u8(port)),
        2 => u64::from(port::read_u16(port)),
        _ => u64::from(port::read_u32(port)),
    })
}

/// `PortWrite`.
pub fn port_write(handle: u64, port: u64, width: u64, value: u64) -> Result<u64, SysError> {
    let (port, width) = checked_port(handle, port, width, Rights::PORT_WRITE)?;
    match width {
        1 => port::write_u8(port, value as u8),
        2 => port::write_u16(port, value as u16),
        _ => port::write_u32(port, value as u32),
    }
    Ok(0)
}

/// Gives the first process the platform capability, in `rdx` at its entry
/// (where a spawned child finds the handle its parent gave it).
pub fn give_platform(process: crate::task::ProcessId) {
    task::with_tasks(|tasks| {
        let rights = Rights::from_constants(&[Rights::DUPLICATE, Rights::TRANSFER]);
        let Some(record) = tasks.processes.get_mut(&process) else { return };
        let Ok(handle) = record.handles.insert(KernelObject::Platform, rights) else { return };
        let Some(&thread) = record.threads.iter().next() else { return };
        if let Some(start) = tasks.threads.get_mut(thread).and_then(|thread| thread.start.as_mut()) {
            start.argument2 = handle.to_raw();
        }
    });
}
