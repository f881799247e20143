//! Loans: pages lent to a server for one call (`CallLoan`), against a server
//! in another process (role `loan-server`) with a 4-page loan window.

use alloc::format;
use alloc::string::String;

use barodia_abi::{EXIT_FAULT_BASE, LoanDescriptor, OPERATION_LOAN, SysError, TIMING_PAGE_ADDRESS};
use libipc::ipc::device::Process;
use libipc::ipc::loan::{LoanWindow, call_with_loan, call_with_raw_loan};
use libipc::ipc::pages::Pages;
use libipc::ipc::{self, Handle, Message, ReplyHandle};

use crate::checks::{check, expect};

type Outcome = Result<String, String>;

/// Sum the lent bytes; reply `[sum, pages, writable]` (status 1: no loan).
const SUM: u64 = 1;
/// Write 0xAB to the loan's first byte; reply the error code (0: written).
const MARK: u64 = 2;
/// Keep the call unanswered (its loan stays mapped) and receive on.
const HOLD: u64 = 3;
/// Reply the held loan's sum, then answer the held call.
const RELEASE: u64 = 4;
/// Reply, then touch the loan: the server's page fault.
const TOUCH_AFTER_REPLY: u64 = 5;
/// Reply and exit.
const EXIT: u64 = 6;

/// Pages in the server's window.
const WINDOW_PAGES: u64 = 4;

/// Child role: serve loans on the endpoint given at spawn.
pub fn server() -> Outcome {
    let endpoint = libipc::env::initial_handle().ok_or("no endpoint given")?;
    let window = LoanWindow::create(WINDOW_PAGES).map_err(|error| format!("window: {error}"))?;
    expect("a second window for the same thread", LoanWindow::create(1), SysError::Busy)?;
    let mut held: Option<(ReplyHandle, Message)> = None;
    let mut next = ipc::receive(&endpoint);
    loop {
        let received = next.map_err(|error| format!("receive: {error}"))?;
        let Some(reply) = received.reply else {
            next = ipc::receive(&endpoint);
            continue;
        };
        let message = received.message;
        match message.operation & !OPERATION_LOAN {
            SUM => {
                // The register server loop: answer and wait in one call.
                next = ipc::reply_and_wait(reply, &sum(&window, &message));
                continue;
            }
            MARK => {
                let code = match window.loan(&message).map(|loan| loan.write(0, &[0xAB])) {
                    Some(Ok(())) => 0,
                    Some(Err(error)) => error as u64,
                    None => u64::MAX,
                };
                let _ = ipc::reply(reply, &Message { operation: 0, words: [code, 0, 0, 0] });
            }
            HOLD => held = Some((reply, message)),
            RELEASE => {
                let answer = held.as_ref().map(|(_, message)| sum(&window, message)).unwrap_or_default();
                let _ = ipc::reply(reply, &answer);
                if let Some((reply, _)) = held.take() {
                    // Its caller may be dead: nobody to tell then.
                    let _ = ipc::reply(reply, &Message::default());
                }
            }
            TOUCH_AFTER_REPLY => {
                let _ = ipc::reply(reply, &Message::default());
                let mut byte = [0u8];
                // The answer took the page back: this read faults.
                let read = window.loan(&message).map(|loan| loan.read(0, &mut byte));
                return Err(format!("the loan was still mapped after the answer: {read:?}, {byte:?}"));
            }
            EXIT => {
                let _ = ipc::reply(reply, &Message::default());
                return Ok(String::new());
            }
            _ => drop(reply),
        }
        next = ipc::receive(&endpoint);
    }
}

/// The sum of every byte of the loan `message` carries.
fn sum(window: &LoanWindow, message: &Message) -> Message {
    let Some(loan) = window.loan(message) else { return Message { operation: 1, words: [0; 4] } };
    let mut page = [0u8; 4096];
    let mut total = 0u64;
    for index in 0..loan.pages() as usize {
        if loan.read(index * page.len(), &mut page).is_err() {
            return Message { operation: 2, words: [0; 4] };
        }
        total += page.iter().map(|byte| u64::from(*byte)).sum::<u64>();
    }
    Message { operation: 0, words: [total, loan.pages(), u64::from(loan.writable()), 0] }
}

/// Child role: lend one page of 7s in a call the server holds, and wait
/// (the parent kills this process meanwhile).
pub fn caller_that_dies() -> Outcome {
    let endpoint = libipc::env::initial_handle().ok_or("no endpoint given")?;
    let page = Pages::allocate(1).map_err(|error| format!("allocate: {error}"))?;
    page.write(0, &[7u8; 4096]).map_err(|error| format!("fill: {error}"))?;
    let answer = call_with_loan(&endpoint, HOLD, [0; 3], &page, false);
    Err(format!("the held call returned: {answer:?}"))
}

/// The scenario: lend, write, refuse, hold, lose the caller, take back.
pub fn loans() -> Outcome {
    // The first round warms up what stays (heap, page tables, the window's
    // tables); the second must leave the frame count exactly as it was.
    round()?;
    let baseline = available_frames()?;
    let detail = round()?;
    let after = available_frames()?;
    check(&format!("frames back to baseline ({baseline} -> {after})"), after == baseline)?;
    Ok(format!("{detail}; {after} frames free before and after"))
}

fn round() -> Outcome {
    let endpoint = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let server = libipc::sys::spawn_with_handle("bin/kernel-tests", &["loan-server"], Some(&endpoint))
        .map_err(|error| format!("spawn server: {error}"))?;

    let pages = Pages::allocate(2).map_err(|error| format!("allocate: {error}"))?;
    for page in 0..2usize {
        pages.write(page * 4096, &[1u8; 16]).map_err(|error| format!("fill: {error}"))?;
    }
    let answer = call_with_loan(&endpoint, SUM, [0; 3], &pages, false).map_err(|error| format!("sum: {error}"))?;
    check("the server read 2 lent pages", answer.words == [32, 2, 0, 0])?;
    let answer = call_with_loan(&endpoint, MARK, [0; 3], &pages, false).map_err(|error| format!("mark: {error}"))?;
    check("a read-only loan is not written", answer.words[0] == SysError::MissingRights as u64)?;
    let answer = call_with_loan(&endpoint, MARK, [0; 3], &pages, true).map_err(|error| format!("mark: {error}"))?;
    let mut first = [0u8];
    pages.read(0, &mut first).map_err(|error| format!("read back: {error}"))?;
    check("the server's write reached the lender", answer.words[0] == 0 && first[0] == 0xAB)?;

    refusals(&endpoint)?;
    windows_go_with_their_threads()?;
    held_loan(&endpoint)?;
    caller_dies(&endpoint)?;

    // The answer takes the pages back: touching them after it is the
    // server's own page fault.
    let answer = call_with_loan(&endpoint, TOUCH_AFTER_REPLY, [0; 3], &pages, false);
    check("the touching server answered first", answer.is_ok())?;
    let status = libipc::sys::wait(server).map_err(|error| format!("wait: {error}"))?;
    check(&format!("the server died of a page fault (status {status})"), status == EXIT_FAULT_BASE + 14)?;
    Ok(String::from("lent ro/rw, 9 refusals, held with unmap refused, kept past its caller's death, taken back on answer"))
}

/// Loans the kernel refuses, each with its named error; the server serves
/// on after all of them.
fn refusals(endpoint: &Handle) -> Result<(), String> {
    let raw = |descriptor: u64| call_with_raw_loan(endpoint, SUM, [0; 3], descriptor);
    expect("reserved descriptor bits", raw(0x1000_0000 | 1 << 7), SysError::InvalidArgument)?;
    let one_page = |address: u64, writable: bool| LoanDescriptor::new(address, 1, writable).map(|loan| loan.bits()).unwrap_or(0);
    expect("page 0", raw(one_page(0, false)), SysError::BadAddress)?;
    expect("a kernel page", raw(one_page(0xFFFF_8000_0000_0000, false)), SysError::BadAddress)?;
    expect("an unmapped page", raw(one_page(0x0000_5000_0000_0000, false)), SysError::BadAddress)?;
    expect("the shared timing page", raw(one_page(TIMING_PAGE_ADDRESS, false)), SysError::BadAddress)?;
    let code = (server as fn() -> Outcome) as usize as u64 & !0xFFF;
    expect("program code lent writable", raw(one_page(code, true)), SysError::BadAddress)?;
    let answer = raw(one_page(code, false)).map_err(|error| format!("code lent read-only: {error}"))?;
    check("program code lent read-only is read", answer.operation == 0 && answer.words[0] != 0)?;
    let five = Pages::allocate(5).map_err(|error| format!("allocate: {error}"))?;
    expect("more pages than the window", call_with_loan(endpoint, SUM, [0; 3], &five, false), SysError::TooLarge)?;
    let loan_bit = Message { operation: SUM | OPERATION_LOAN, words: [0; 4] };
    expect("the loan bit in a plain call", ipc::call(endpoint, &loan_bit), SysError::InvalidArgument)?;

    // A thread without a window: its own receiver thread here.
    let bare = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let receiver = bare.duplicate(barodia_abi::Rights::RECEIVE).map_err(|error| format!("duplicate: {error}"))?;
    let thread = libipc::thread::spawn(move || {
        let waited = ipc::receive_timeout(&receiver, core::time::Duration::from_millis(200));
        u64::from(waited.err() == Some(SysError::TimedOut))
    })
    .map_err(|error| format!("thread: {error}"))?;
    let one = Pages::allocate(1).map_err(|error| format!("allocate: {error}"))?;
    expect("a receiver with no window", call_with_loan(&bare, SUM, [0; 3], &one, false), SysError::TooLarge)?;
    let timed_out = thread.join().map_err(|error| format!("join: {error}"))?;
    check("the windowless receiver got nothing and timed out", timed_out == 1)
}

/// Threads that make a loan window and exit leave nothing behind (the
/// round's frame count checks it): 20 in a row, each with a full window.
fn windows_go_with_their_threads() -> Result<(), String> {
    for _ in 0..20 {
        let thread = libipc::thread::spawn(|| match LoanWindow::create(barodia_abi::MAX_LOAN_PAGES) {
            Ok(_) => 0,
            Err(error) => 100 + error as u64,
        })
        .map_err(|error| format!("thread: {error}"))?;
        let status = thread.join().map_err(|error| format!("join: {error}"))?;
        check(&format!("a thread made its window ({status})"), status == 0)?;
    }
    Ok(())
}

/// A loan the server holds: its pages cannot be unmapped meanwhile, and the
/// server's busy window refuses a second loan.
fn held_loan(endpoint: &Handle) -> Result<(), String> {
    let pages = Pages::allocate(1).map_err(|error| format!("allocate: {error}"))?;
    pages.write(0, &[2u8; 8]).map_err(|error| format!("fill: {error}"))?;
    let descriptor = LoanDescriptor::new(pages.address(), 1, false).map(|loan| loan.bits()).unwrap_or(0);
    let caller_endpoint = endpoint.duplicate(barodia_abi::Rights::SEND).map_err(|error| format!("duplicate: {error}"))?;
    let caller = libipc::thread::spawn(move || {
        // The pages belong to the main thread, which keeps them mapped
        // (the kernel refuses to unmap them while they are lent).
        match call_with_raw_loan(&caller_endpoint, HOLD, [0; 3], descriptor) {
            Ok(answer) => answer.operation,
            Err(error) => 100 + error as u64,
        }
    })
    .map_err(|error| format!("thread: {error}"))?;
    wait_until_window_busy(endpoint)?;
    let pages = match pages.try_unmap() {
        Err(pages) => pages,
        Ok(answer) => return Err(format!("lent pages were unmapped: {answer:?}")),
    };
    let answer = ipc::call(endpoint, &Message { operation: RELEASE, words: [0; 4] })
        .map_err(|error| format!("release: {error}"))?;
    check("the server read the held loan", answer.words[0] == 16)?;
    let status = caller.join().map_err(|error| format!("join: {error}"))?;
    check(&format!("the held call was answered ({status})"), status == 0)?;
    pages.unmap().map_err(|error| format!("unmap after the call: {error}"))
}

/// Probes with one-page loans until the server's window is busy with a
/// held call (its caller runs on another thread or process).
fn wait_until_window_busy(endpoint: &Handle) -> Result<(), String> {
    let probe = Pages::allocate(1).map_err(|error| format!("allocate: {error}"))?;
    for _ in 0..200 {
        match call_with_loan(endpoint, SUM, [0; 3], &probe, false) {
            Err(SysError::Busy) => return Ok(()),
            Ok(_) => libipc::sys::sleep_nanoseconds(5_000_000),
            Err(error) => return Err(format!("probe: {error}")),
        }
    }
    Err(String::from("the held call never reached the server"))
}

/// The caller of a held loan is killed: the server still reads the lent
/// page (its frame now belongs to the window) and frees it when it answers.
fn caller_dies(endpoint: &Handle) -> Result<(), String> {
    let child = libipc::sys::spawn_with_handle("bin/kernel-tests", &["loan-caller-dies"], Some(endpoint))
        .map_err(|error| format!("spawn caller: {error}"))?;
    wait_until_window_busy(endpoint)?;
    let process = Process::open(child).map_err(|error| format!("open: {error}"))?;
    process.kill().map_err(|error| format!("kill: {error}"))?;
    let status = libipc::sys::wait(child).map_err(|error| format!("wait: {error}"))?;
    check("the caller was killed", status == barodia_abi::EXIT_KILLED)?;
    let answer = ipc::call(endpoint, &Message { operation: RELEASE, words: [0; 4] })
        .map_err(|error| format!("release: {error}"))?;
    check(&format!("the dead caller's page was still there ({})", answer.words[0]), answer.words[0] == 7 * 4096)?;
    Ok(())
}

/// Free frames plus those the kernel heap took (it grows and never
/// shrinks, so its growth is not a leak of ours).
fn available_frames() -> Result<u64, String> {
    let info = libipc::sys::system_info().map_err(|error| format!("SystemInfo: {error}"))?;
    Ok(info.free_frames + info.kernel_heap_mapped / 4096)
}
