//! Device and process capabilities: the platform, IRQ lines, I/O port
//! ranges, and process handles with exit notifications.
//!
//! A driver never executes `in` or `out`: it reads and writes ports through
//! a [`Ports`] capability, which the kernel checks on every access, and
//! waits for interrupts as messages on an endpoint ([`Irq::bind`]).

use barodia_abi::{SysError, Syscall};

use super::Handle;
use crate::sys::{result, syscall4};

fn call(call: Syscall, a0: u64, a1: u64, a2: u64, a3: u64) -> Result<u64, SysError> {
    // SAFETY: these syscalls take handles and numbers only, no memory.
    result(unsafe { syscall4(call, a0, a1, a2, a3) })
}

/// The platform capability: authority to claim IRQ lines and I/O ports.
/// The first process gets it as its initial handle.
#[derive(Debug)]
pub struct Platform(pub Handle);

impl Platform {
    /// Claims IRQ `line`.
    pub fn claim_irq(&self, line: u8) -> Result<Irq, SysError> {
        call(Syscall::IrqClaim, self.0.raw(), u64::from(line), 0, 0).map(|raw| Irq(Handle(raw)))
    }

    /// Claims `count` ports from `first`.
    pub fn claim_ports(&self, first: u16, count: u16) -> Result<Ports, SysError> {
        let raw = call(Syscall::PortsClaim, self.0.raw(), u64::from(first), u64::from(count), 0)?;
        Ok(Ports(Handle(raw)))
    }
}

/// An interrupt line.
#[derive(Debug)]
pub struct Irq(pub Handle);

impl Irq {
    /// Sends each interrupt to `endpoint` as a one-way message with
    /// `operation` and words `[line, stamp, 0, 0]` (`stamp`: the time-stamp
    /// counter when the interrupt arrived), and unmasks the line.
    pub fn bind(&self, endpoint: &Handle, operation: u64) -> Result<(), SysError> {
        call(Syscall::IrqBind, self.0.raw(), endpoint.raw(), operation, 0).map(|_| ())
    }

    /// Unmasks the line once its interrupt is handled.
    pub fn acknowledge(&self) -> Result<(), SysError> {
        call(Syscall::IrqAck, self.0.raw(), 0, 0, 0).map(|_| ())
    }
}

/// A range of I/O ports.
#[derive(Debug)]
pub struct Ports(pub Handle);

impl Ports {
    /// Reads one byte from `port`.
    pub fn read_u8(&self, port: u16) -> Result<u8, SysError> {
        call(Syscall::PortRead, self.0.raw(), u64::from(port), 1, 0).map(|value| value as u8)
    }

    /// Writes one byte to `port`.
    pub fn write_u8(&self, port: u16, value: u8) -> Result<(), SysError> {
        call(Syscall::PortWrite, self.0.raw(), u64::from(port), 1, u64::from(value)).map(|_| ())
    }

    /// Reads 16 bits from `port`.
    pub fn read_u16(&self, port: u16) -> Result<u16, SysError> {
        call(Syscall::PortRead, self.0.raw(), u64::from(port), 2, 0).map(|value| value as u16)
    }

    /// Writes 16 bits to `port`.
    pub fn write_u16(&self, port: u16, value: u16) -> Result<(), SysError> {
        call(Syscall::PortWrite, self.0.raw(), u64::from(port), 2, u64::from(value)).map(|_| ())
    }

    /// Reads 32 bits from `port`.
    pub fn read_u32(&self, port: u16) -> Result<u32, SysError> {
        call(Syscall::PortRead, self.0.raw(), u64::from(port), 4, 0).map(|value| value as u32)
    }

    /// Writes 32 bits to `port`.
    pub fn write_u32(&self, port: u16, value: u32) -> Result<(), SysError> {
        call(Syscall::PortWrite, self.0.raw(), u64::from(port), 4, u64::from(value)).map(|_| ())
    }
}

/// A handle to a child process.
#[derive(Debug)]
pub struct Process(pub Handle);

impl Process {
    /// Opens child `id` (from `sys::spawn`).
    pub fn open(id: u64) -> Result<Process, SysError> {
        call(Syscall::ProcessOpen, id, 0, 0, 0).map(|raw| Process(Handle(raw)))
    }

    /// Ends the process (exit status [`EXIT_KILLED`](barodia_abi::EXIT_KILLED)).
    pub fn kill(&self) -> Result<(), SysError> {
        call(Syscall::ProcessKill, self.0.raw(), 0, 0, 0).map(|_| ())
    }

    /// Asks for a one-way message with `operation` and words
    /// `[id, exit status, 0, 0]` on `endpoint` when the process exits.
    pub fn notify_on_exit(&self, endpoint: &Handle, operation: u64) -> Result<(), SysError> {
        call(Syscall::ProcessNotify, self.0.raw(), endpoint.raw(), operation, 0).map(|_| ())
    }
}

impl Platform {
    /// Claims `pages` pages of device memory at physical address `base`.
    pub fn claim_memory(&self, base: u64, pages: u64) -> Result<DeviceMemory, SysError> {
        let raw = call(Syscall::DeviceMemoryClaim, self.0.raw(), base, pages, 0)?;
        Ok(DeviceMemory { handle: Handle(raw), pages })
    }
}

impl Platform {
    /// Claims the boot archive, read-only (see `BootArchiveClaim`).
    pub fn claim_boot_archive(&self) -> Result<DeviceMemory, SysError> {
        let raw = call(Syscall::BootArchiveClaim, self.0.raw(), 0, 0, 0)?;
        DeviceMemory::from_handle(Handle(raw))
    }
}

/// A memory object the kernel keeps: device memory (the VGA text buffer, a
/// device's registers) or the boot archive.
#[derive(Debug)]
pub struct DeviceMemory {
    /// The memory handle.
    pub handle: Handle,
    /// Its length in pages.
    pub pages: u64,
}

impl DeviceMemory {
    /// Wraps a memory handle received from someone else, asking the kernel
    /// for its length.
    pub fn from_handle(handle: Handle) -> Result<DeviceMemory, SysError> {
        let pages = call(Syscall::MemoryObjectSize, handle.raw(), 0, 0, 0)?;
        Ok(DeviceMemory { handle, pages })
    }

    /// Maps the object here, writable if `writable` (which needs the
    /// `MAP_WRITE` right).
    pub fn map(&self, writable: bool) -> Result<DeviceMapping, SysError> {
        let flags = if writable { barodia_abi::MemoryFlags::WRITE } else { barodia_abi::MemoryFlags::READ_ONLY };
        let address = call(Syscall::MemoryObjectMap, self.handle.raw(), flags.bits(), 0, 0)?;
        Ok(DeviceMapping { address, len: self.pages * super::pages::PAGE_SIZE, writable })
    }
}

/// Device memory mapped into this process; unmapped when dropped. Every
/// access is volatile: the device sees each read and write, in order.
#[derive(Debug)]
pub struct DeviceMapping {
    address: u64,
    len: u64,
    writable: bool,
}

impl DeviceMapping {
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// True for an empty mapping (never, for a real one).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn check(&self, offset: usize, len: usize) -> Result<*mut u8, SysError> {
        let end = offset.checked_add(len).ok_or(SysError::OutOfRange)?;
        if end > self.len() {
            return Err(SysError::OutOfRange);
        }
        Ok((self.address as usize + offset) as *mut u8)
    }

    /// Writes `data` at `offset`, byte by byte, in order.
    pub fn write(&self, offset: usize, data: &[u8]) -> Result<(), SysError> {
        if !self.writable {
            return Err(SysError::MissingRights);
        }
        let target = self.check(offset, data.len())?;
        for (index, byte) in data.iter().enumerate() {
            // SAFETY: inside the mapping (checked), which is writable and
            // stays mapped until this value drops; volatile so the device
            // sees every write.
            unsafe { core::ptr::write_volatile(target.add(index), *byte) };
        }
        Ok(())
    }

    /// Reads bytes at `offset` into `buffer`, byte by byte, in order.
    pub fn read(&self, offset: usize, buffer: &mut [u8]) -> Result<(), SysError> {
        let source = self.check(offset, buffer.len())?;
        for (index, byte) in buffer.iter_mut().enumerate() {
            // SAFETY: inside the mapping (checked), readable until this
            // value drops.
            *byte = unsafe { core::ptr::read_volatile(source.add(index)) };
        }
        Ok(())
    }
}

impl Drop for DeviceMapping {
    fn drop(&mut self) {
        // SAFETY: the mapping is owned by this value; no reference into it
        // outlives it (accesses copy).
        let _ = result(unsafe { syscall4(Syscall::MemoryUnmap, self.address, self.len, 0, 0) });
    }
}
