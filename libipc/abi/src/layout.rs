//! Address-space layout, limits and the structures that cross the boundary.

use core::fmt;

/// Lowest address a user mapping may use. The first 4 MiB stay unmapped so a
/// null (or small-offset) pointer dereference faults.
pub const USER_SPACE_START: u64 = 0x0000_0000_0040_0000;

/// One past the highest user address (the lower canonical half, less one
/// page so no user range touches the non-canonical hole).
pub const USER_SPACE_END: u64 = 0x0000_7FFF_FFFF_F000;

/// Where the read-only [`TimingPage`] is mapped in every process: below
/// [`USER_SPACE_START`], so no user mapping can collide with it.
pub const TIMING_PAGE_ADDRESS: u64 = 0x0000_0000_0030_0000;

/// Longest text one `LogWrite` call takes.
pub const MAX_LOG_WRITE: usize = 1024;

/// Longest ramdisk path `ProcessSpawn` takes.
pub const MAX_PATH_LEN: usize = 255;

/// Longest argument block `ProcessSpawn` takes.
pub const MAX_SPAWN_ARGS_LEN: usize = 1024;

/// Largest program image `ProcessSpawnImage` takes: 4 MiB.
pub const MAX_SPAWN_IMAGE_LEN: usize = 4 << 20;

/// Access rights for anonymous memory (`MemoryMap`). Memory is always readable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MemoryFlags(u64);

impl MemoryFlags {
    /// Read-only memory.
    pub const READ_ONLY: MemoryFlags = MemoryFlags(0);
    /// The memory may be written.
    pub const WRITE: MemoryFlags = MemoryFlags(1);
    /// The memory may be executed (never together with `WRITE`).
    pub const EXECUTE: MemoryFlags = MemoryFlags(2);
    const ALL: u64 = 0b11;

    /// Combines two sets of flags.
    pub const fn union(self, other: MemoryFlags) -> MemoryFlags {
        MemoryFlags(self.0 | other.0)
    }

    /// The raw bits, as passed in a register.
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// True if every flag in `other` is set in `self`.
    pub const fn contains(self, other: MemoryFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

/// Flag bits the kernel does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownFlags(pub u64);

impl fmt::Display for UnknownFlags {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "unknown memory flag bits {:#x}", self.0)
    }
}

impl TryFrom<u64> for MemoryFlags {
    type Error = UnknownFlags;

    fn try_from(bits: u64) -> Result<Self, Self::Error> {
        if bits & !MemoryFlags::ALL != 0 {
            return Err(UnknownFlags(bits & !MemoryFlags::ALL));
        }
        Ok(MemoryFlags(bits))
    }
}

/// The read-only page at [`TIMING_PAGE_ADDRESS`]: time without a syscall.
///
/// Monotonic nanoseconds since boot are
/// `(rdtsc() - boot_tsc) * 1_000_000_000 / tsc_frequency_hz`, computed in
/// 128-bit arithmetic. The kernel writes the page once at boot (the TSC runs
/// at a constant rate on every CPU QEMU models) and updates `ticks` on each
/// timer interrupt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[repr(C)]
pub struct TimingPage {
    /// Layout version of this structure; 1 for this one.
    pub version: u64,
    /// TSC increments per second, measured against the PIT at boot.
    pub tsc_frequency_hz: u64,
    /// The TSC value at the moment taken as time zero.
    pub boot_tsc: u64,
    /// Timer interrupts since boot.
    pub ticks: u64,
    /// Timer interrupts per second.
    pub tick_hz: u64,
}

impl TimingPage {
    /// The layout version this crate describes.
    pub const VERSION: u64 = 1;

    /// Nanoseconds since boot for a TSC reading, or 0 if the page is not set up.
    pub fn nanoseconds_at(&self, tsc: u64) -> u64 {
        if self.tsc_frequency_hz == 0 {
            return 0;
        }
        let elapsed = u128::from(tsc.saturating_sub(self.boot_tsc));
        let nanoseconds = elapsed * 1_000_000_000 / u128::from(self.tsc_frequency_hz);
        u64::try_from(nanoseconds).unwrap_or(u64::MAX)
    }
}

/// A snapshot of system-wide counters (`SystemInfo` syscall).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[repr(C)]
pub struct SystemInfo {
    /// Physical frames (4 KiB) currently free.
    pub free_frames: u64,
    /// Physical frames the allocator manages.
    pub total_frames: u64,
    /// Processes alive (not yet reaped).
    pub processes: u64,
    /// Threads alive.
    pub threads: u64,
    /// Nanoseconds since boot.
    pub uptime_nanoseconds: u64,
    /// Bytes of kernel heap in use.
    pub kernel_heap_used: u64,
    /// Handles open in all processes together.
    pub open_handles: u64,
    /// Bytes mapped for the kernel heap; it grows when needed and never
    /// shrinks, so frames it took stay out of `free_frames`.
    pub kernel_heap_mapped: u64,
}

/// Bytes of a process's name (its program's path) that `ProcessList`
/// reports; longer names are cut.
pub const PROCESS_NAME_LEN: usize = 40;

/// One process, as `ProcessList` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C)]
pub struct ProcessRecord {
    /// Its id.
    pub id: u64,
    /// Its parent's id, 0 if the parent has ended.
    pub parent: u64,
    /// Live threads.
    pub threads: u64,
    /// Open handles.
    pub handles: u64,
    /// How many bytes of `name` count.
    pub name_len: u64,
    /// The program's ramdisk path (`bin/init`), cut to
    /// [`PROCESS_NAME_LEN`] bytes.
    pub name: [u8; PROCESS_NAME_LEN],
}

impl ProcessRecord {
    /// The name, as far as it is UTF-8.
    pub fn name(&self) -> &str {
        let bytes = self.name.get(..self.name_len as usize).unwrap_or(&self.name);
        match core::str::from_utf8(bytes) {
            Ok(name) => name,
            Err(error) => core::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or(""),
        }
    }
}

impl Default for ProcessRecord {
    fn default() -> Self {
        ProcessRecord { id: 0, parent: 0, threads: 0, handles: 0, name_len: 0, name: [0; PROCESS_NAME_LEN] }
    }
}

const _: () = assert!(core::mem::size_of::<ProcessRecord>() == 80);
const _: () = assert!(core::mem::size_of::<TimingPage>() == 40);
const _: () = assert!(core::mem::size_of::<SystemInfo>() == 64);
const _: () = assert!(TIMING_PAGE_ADDRESS.is_multiple_of(4096) && TIMING_PAGE_ADDRESS < USER_SPACE_START);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timing_page_converts_ticks_to_nanoseconds() {
        let page = TimingPage { version: 1, tsc_frequency_hz: 2_000_000_000, boot_tsc: 1000, ticks: 0, tick_hz: 100 };
        assert_eq!(page.nanoseconds_at(1000), 0);
        assert_eq!(page.nanoseconds_at(3000), 1000);
        assert_eq!(page.nanoseconds_at(500), 0);
        assert_eq!(TimingPage::default().nanoseconds_at(12345), 0);
    }

    #[test]
    fn memory_flags_reject_unknown_bits() {
        assert_eq!(MemoryFlags::try_from(3), Ok(MemoryFlags::WRITE.union(MemoryFlags::EXECUTE)));
        assert_eq!(MemoryFlags::try_from(4), Err(UnknownFlags(4)));
        assert!(MemoryFlags::WRITE.union(MemoryFlags::EXECUTE).contains(MemoryFlags::WRITE));
    }
}
