//! Loans: pages a caller lends to a server for the length of one call.
//!
//! A loan is the register-sized cousin of a shared grant. `CallLoan` names
//! the pages in one word, a [`LoanDescriptor`]; the kernel maps them into
//! the loan window of the thread that receives the call
//! (`LoanWindowCreate`), hands that thread a descriptor of the same pages at
//! the window's address, and unmaps them when the call is answered. No
//! message record is read or written and no region is searched for room,
//! which is what makes a page's round trip cheap.

/// The most pages one loan carries, and the largest loan window.
pub const MAX_LOAN_PAGES: u64 = 16;

/// Set by the kernel in a delivered operation word when the fourth message
/// word is a [`LoanDescriptor`] of pages mapped in the receiver's loan
/// window. Senders must leave it clear (`InvalidArgument` otherwise).
pub const OPERATION_LOAN: u64 = 1 << 62;

/// The bits of an operation word only the kernel sets:
/// [`OPERATION_EXTENDED`](crate::OPERATION_EXTENDED) and [`OPERATION_LOAN`].
/// A message, notification or binding whose operation has any of them is
/// refused with `InvalidArgument`.
pub const OPERATION_KERNEL_BITS: u64 = crate::OPERATION_EXTENDED | OPERATION_LOAN;

const PAGE_SIZE: u64 = 4096;
/// Bit 0: the server may write the pages.
const WRITABLE: u64 = 1;
/// Bits 1 to 4: the page count less one.
const COUNT_SHIFT: u32 = 1;
const COUNT_MASK: u64 = 0xF;
/// Bits 5 to 11 must be clear.
const RESERVED: u64 = 0xFE0;

/// Pages of a loan in one word: the first page's address (page aligned),
/// the page count less one in bits 1 to 4, and bit 0 set if the server may
/// write them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoanDescriptor(u64);

impl LoanDescriptor {
    /// `pages` pages from `address`; `None` if `address` is not page
    /// aligned or `pages` is not 1 to [`MAX_LOAN_PAGES`].
    pub const fn new(address: u64, pages: u64, writable: bool) -> Option<LoanDescriptor> {
        if !address.is_multiple_of(PAGE_SIZE) || pages == 0 || pages > MAX_LOAN_PAGES {
            return None;
        }
        let write = if writable { WRITABLE } else { 0 };
        Some(LoanDescriptor(address | (pages - 1) << COUNT_SHIFT | write))
    }

    /// The descriptor in `bits`, or `None` if reserved bits are set.
    pub const fn from_bits(bits: u64) -> Option<LoanDescriptor> {
        if bits & RESERVED != 0 { None } else { Some(LoanDescriptor(bits)) }
    }

    /// The raw word.
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// The first page's address.
    pub const fn address(self) -> u64 {
        self.0 & !(PAGE_SIZE - 1)
    }

    /// How many pages.
    pub const fn pages(self) -> u64 {
        (self.0 >> COUNT_SHIFT & COUNT_MASK) + 1
    }

    /// Whether the server may write them.
    pub const fn writable(self) -> bool {
        self.0 & WRITABLE != 0
    }

    /// The same pages and access at another address (the kernel's view of
    /// a loan as the receiver sees it).
    pub const fn moved_to(self, address: u64) -> LoanDescriptor {
        LoanDescriptor(address & !(PAGE_SIZE - 1) | self.0 & (PAGE_SIZE - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptors_round_trip() {
        for pages in 1..=MAX_LOAN_PAGES {
            for writable in [false, true] {
                let loan = LoanDescriptor::new(0x1234_5000, pages, writable).unwrap();
                let decoded = LoanDescriptor::from_bits(loan.bits()).unwrap();
                assert_eq!((decoded.address(), decoded.pages(), decoded.writable()), (0x1234_5000, pages, writable));
                let moved = decoded.moved_to(0x9000);
                assert_eq!((moved.address(), moved.pages(), moved.writable()), (0x9000, pages, writable));
            }
        }
    }

    #[test]
    fn bad_descriptors_are_refused() {
        assert_eq!(LoanDescriptor::new(0x1001, 1, false), None);
        assert_eq!(LoanDescriptor::new(0x1000, 0, false), None);
        assert_eq!(LoanDescriptor::new(0x1000, MAX_LOAN_PAGES + 1, false), None);
        assert_eq!(LoanDescriptor::from_bits(0x1000 | 1 << 5), None);
        assert!(LoanDescriptor::from_bits(0x1000 | 0xF << 1 | 1).is_some());
    }
}
