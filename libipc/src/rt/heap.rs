//! The program heap: `talc` over memory from the `MemoryMap` syscall.
//!
//! Memory arrives in chunks of at least [`CHUNK`]; each chunk becomes a new
//! heap for talc. Pages are demand-zero, so an unused part of a chunk costs
//! no frames, yet it is committed, so touching it never fails.

use core::alloc::Layout;

use barodia_abi::MemoryFlags;
use talc::base::Talc;
use talc::base::binning::Binning;
use talc::source::Source;
use talc::TalcLock;

/// Smallest chunk asked of the kernel.
const CHUNK: u64 = 256 * 1024;

/// Asks the kernel for a new chunk whenever talc runs out.
#[derive(Debug)]
pub struct KernelMemory;

// SAFETY: `acquire` only calls the kernel and `talc.claim`; it never uses the
// global allocator.
unsafe impl Source for KernelMemory {
    fn acquire<B: Binning>(talc: &mut Talc<Self, B>, layout: Layout) -> Result<(), ()> {
        let wanted = (layout.size() as u64).checked_add(layout.align() as u64 + 4096).ok_or(())?;
        let size = wanted.max(CHUNK).next_multiple_of(4096);
        let address = crate::sys::map_memory(size, MemoryFlags::WRITE).map_err(|_| ())?;
        // SAFETY: the kernel just mapped `size` bytes of fresh, writable,
        // committed memory at `address` for this process alone.
        let claimed = unsafe { talc.claim(address as *mut u8, size as usize) };
        claimed.map(|_| ()).ok_or(())
    }
}

#[global_allocator]
static HEAP: TalcLock<spin::Mutex<()>, KernelMemory> = TalcLock::new(KernelMemory);
