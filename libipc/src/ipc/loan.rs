//! Loans: pages lent to a server for the length of one call.
//!
//! A client lends whole [`Pages`] with [`call_with_loan`]: a register call
//! whose fourth word describes them. The server thread that receives it has
//! a [`LoanWindow`], where the kernel maps the pages while the call is in
//! progress; [`LoanWindow::loan`] recognises a received loan and gives the
//! [`Loan`] to copy in and out of. Answering the call (or dropping its
//! reply handle) takes the pages back, so a server reads and writes the loan
//! before it replies: a touch after that is a page fault that ends it.
//!
//! Nothing is copied by the kernel and no message record is read, which
//! makes a loan the cheapest way to hand a server a buffer of pages (see
//! `just bench`, `ipc_loan_1_page`). A loan lasts one call; for pages a
//! server keeps, grant them ([`message::Grant`](super::message::Grant)).

pub use barodia_abi::MAX_LOAN_PAGES;
use barodia_abi::{LoanDescriptor, OPERATION_LOAN, SysError, Syscall};

use super::pages::{PAGE_SIZE, Pages};
use super::{Handle, Message};
use crate::sys::{self, result, syscall_message};

/// A thread's loan window: where pages lent in the calls it receives appear.
#[derive(Debug)]
pub struct LoanWindow {
    address: u64,
    pages: u64,
}

impl LoanWindow {
    /// Makes the calling thread's loan window, `pages` pages large (at most
    /// [`MAX_LOAN_PAGES`]). Only the thread
    /// that made it receives loans in it, and it has at most one.
    pub fn create(pages: u64) -> Result<LoanWindow, SysError> {
        // SAFETY: no memory of the caller's is involved; the kernel reserves
        // address space that nothing in this process uses yet.
        let address = result(unsafe { sys::syscall4(Syscall::LoanWindowCreate, pages, 0, 0, 0) })?;
        Ok(LoanWindow { address, pages })
    }

    /// The window's first address.
    pub fn address(&self) -> u64 {
        self.address
    }

    /// Its size in pages.
    pub fn pages(&self) -> u64 {
        self.pages
    }

    /// The loan `message` carries into this window, if it carries one.
    pub fn loan(&self, message: &Message) -> Option<Loan<'_>> {
        if message.operation & OPERATION_LOAN == 0 {
            return None;
        }
        let descriptor = LoanDescriptor::from_bits(message.words[3])?;
        let fits = descriptor.address() == self.address && descriptor.pages() <= self.pages;
        fits.then_some(Loan { window: self, pages: descriptor.pages(), writable: descriptor.writable() })
    }
}

/// Pages lent in the call being served, as mapped in the window.
#[derive(Debug)]
pub struct Loan<'window> {
    window: &'window LoanWindow,
    pages: u64,
    writable: bool,
}

impl Loan<'_> {
    /// How many pages.
    pub fn pages(&self) -> u64 {
        self.pages
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        (self.pages * PAGE_SIZE) as usize
    }

    /// True for no pages (never, for a real loan).
    pub fn is_empty(&self) -> bool {
        self.pages == 0
    }

    /// Whether the caller lets the server write the pages.
    pub fn writable(&self) -> bool {
        self.writable
    }

    fn range(&self, offset: usize, len: usize) -> Result<*mut u8, SysError> {
        let end = offset.checked_add(len).ok_or(SysError::OutOfRange)?;
        if end > self.len() {
            return Err(SysError::OutOfRange);
        }
        Ok((self.window.address as usize + offset) as *mut u8)
    }

    /// Copies bytes from offset `offset` of the loan into `buffer`.
    pub fn read(&self, offset: usize, buffer: &mut [u8]) -> Result<(), SysError> {
        let source = self.range(offset, buffer.len())?;
        // SAFETY: the range lies inside the pages mapped in the window for
        // the call being served, which stay mapped until it is answered; the
        // caller is blocked in the call, so only this copy touches them.
        unsafe { core::ptr::copy_nonoverlapping(source, buffer.as_mut_ptr(), buffer.len()) };
        Ok(())
    }

    /// Copies `data` to offset `offset` of the loan; `MissingRights` if the
    /// caller lent the pages read-only.
    pub fn write(&self, offset: usize, data: &[u8]) -> Result<(), SysError> {
        if !self.writable {
            return Err(SysError::MissingRights);
        }
        let target = self.range(offset, data.len())?;
        // SAFETY: as for `read`; the pages are mapped writable.
        unsafe { core::ptr::copy_nonoverlapping(data.as_ptr(), target, data.len()) };
        Ok(())
    }
}

/// Calls `endpoint` with `operation` and three words, lending `pages` (at
/// most [`MAX_LOAN_PAGES`]) to the receiving
/// thread until it answers; `writable` lets it write them. Returns the
/// reply. While the call is in progress the pages cannot be unmapped.
pub fn call_with_loan(
    endpoint: &Handle,
    operation: u64,
    words: [u64; 3],
    pages: &Pages,
    writable: bool,
) -> Result<Message, SysError> {
    let loan = LoanDescriptor::new(pages.address(), pages.page_count(), writable).ok_or(SysError::InvalidArgument)?;
    // `pages` is borrowed for the whole call, so the lent range stays this
    // process's until the server answers.
    call_with_raw_loan(endpoint, operation, words, loan.bits())
}

/// [`call_with_loan`] with the loan descriptor as a raw word, naming any
/// memory at all; the kernel checks it (tests of hostile use do this).
pub fn call_with_raw_loan(endpoint: &Handle, operation: u64, words: [u64; 3], descriptor: u64) -> Result<Message, SysError> {
    let [w0, w1, w2] = words;
    let registers = [endpoint.raw(), operation, w0, w1, w2, descriptor];
    // SAFETY: the kernel maps the named pages into the server only if they
    // are this process's own, and only reads or writes them through the
    // server, as any other thread of this process might; nothing here
    // holds a reference into them.
    let (error, reply) = unsafe { syscall_message(Syscall::CallLoan, registers) };
    result((error, 0))?;
    Ok(Message::from_registers(&reply))
}
