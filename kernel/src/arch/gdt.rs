//! The GDT and TSS: kernel and user segments, the ring-0 stack for interrupts
//! from user mode, and a separate stack for double faults.
//!
//! The segment order is fixed by `syscall`/`sysret`, which derive selectors
//! from the STAR MSR: kernel code, kernel data, then user data before user code.

use core::cell::UnsafeCell;

use x86_64::VirtAddr;
use x86_64::instructions::segmentation::{CS, DS, ES, SS, Segment};
use x86_64::instructions::tables::load_tss;
use x86_64::structures::gdt::{Descriptor, GlobalDescriptorTable, SegmentSelector};
use x86_64::structures::tss::TaskStateSegment;

/// Index in the interrupt stack table of the double-fault stack.
pub const DOUBLE_FAULT_IST_INDEX: u16 = 0;
const DOUBLE_FAULT_STACK_SIZE: usize = 16 * 1024;

/// The selectors the rest of the kernel needs.
#[derive(Debug, Clone, Copy)]
pub struct Selectors {
    /// Ring-0 code.
    pub kernel_code: SegmentSelector,
    /// Ring-0 data (and stack).
    pub kernel_data: SegmentSelector,
    /// Ring-3 data (and stack), RPL 3.
    pub user_data: SegmentSelector,
    /// Ring-3 64-bit code, RPL 3.
    pub user_code: SegmentSelector,
}

/// The TSS, written at every context switch (its ring-0 stack pointer).
struct TssCell(UnsafeCell<TaskStateSegment>);

// SAFETY: the kernel runs on one CPU with interrupts off whenever it writes
// the TSS (context switch), so there are no concurrent accesses.
unsafe impl Sync for TssCell {}

static TSS: TssCell = TssCell(UnsafeCell::new(TaskStateSegment::new()));

/// Backing store for the double-fault stack: a fault on a broken kernel stack
/// must not push its frame onto that same stack.
#[repr(align(16))]
#[expect(dead_code, reason = "only the stack's address is used, by the CPU")]
struct DoubleFaultStack([u8; DOUBLE_FAULT_STACK_SIZE]);
static mut DOUBLE_FAULT_STACK: DoubleFaultStack = DoubleFaultStack([0; DOUBLE_FAULT_STACK_SIZE]);

static GDT: spin::Once<(GlobalDescriptorTable, (Selectors, SegmentSelector))> = spin::Once::new();

/// Builds and loads the GDT and TSS. Call once, early, with interrupts off.
pub fn init() -> Selectors {
    let stack_start = VirtAddr::from_ptr(&raw const DOUBLE_FAULT_STACK);
    // SAFETY: called once at boot before interrupts are enabled; nothing else
    // holds a reference into the TSS yet.
    unsafe {
        (*TSS.0.get()).interrupt_stack_table[usize::from(DOUBLE_FAULT_IST_INDEX)] =
            stack_start + DOUBLE_FAULT_STACK_SIZE as u64;
    }
    let (gdt, selectors) = GDT.call_once(|| {
        let mut gdt = GlobalDescriptorTable::new();
        let kernel_code = gdt.append(Descriptor::kernel_code_segment());
        let kernel_data = gdt.append(Descriptor::kernel_data_segment());
        let user_data = gdt.append(Descriptor::user_data_segment());
        let user_code = gdt.append(Descriptor::user_code_segment());
        // SAFETY: the TSS is a static that lives forever and is never moved.
        let tss = gdt.append(unsafe { Descriptor::tss_segment_unchecked(TSS.0.get()) });
        let selectors = Selectors { kernel_code, kernel_data, user_data, user_code };
        (gdt, (selectors, tss))
    });
    let (selectors, tss) = *selectors;
    gdt.load();
    // SAFETY: the selectors name the descriptors just loaded.
    unsafe {
        CS::set_reg(selectors.kernel_code);
        SS::set_reg(selectors.kernel_data);
        DS::set_reg(selectors.kernel_data);
        ES::set_reg(selectors.kernel_data);
        load_tss(tss);
    }
    selectors
}

/// Sets the stack the CPU switches to on an interrupt from user mode: the top
/// of the kernel stack of the thread about to run.
pub fn set_kernel_stack(top: VirtAddr) {
    // SAFETY: single CPU, interrupts off during a context switch: no one else
    // reads or writes the TSS while this store happens.
    unsafe { (*TSS.0.get()).privilege_stack_table[0] = top };
}
