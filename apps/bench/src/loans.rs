//! Benchmarks of loans: pages lent to a server for one call
//! (`libipc::ipc::loan`), the register-sized way to hand a server pages.
//!
//! The server is this program in its `serve-loans` role: it makes a loan
//! window, reads one byte of the last lent page, answers with it and waits
//! for the next call in one syscall (`reply_and_wait`), which also takes
//! the pages back.

use alloc::format;
use alloc::string::String;

use libipc::ipc::loan::{LoanWindow, MAX_LOAN_PAGES, call_with_loan};
use libipc::ipc::pages::{PAGE_SIZE, Pages};
use libipc::ipc::{self, Handle, Message};
use libipc::sys;

use crate::benchmarks::Outcome;
use crate::measure::Meter;

/// The server role's argument.
pub const SERVE_ROLE: &str = "serve-loans";

/// Read the last lent page's first byte and answer with it.
const READ_LOAN: u64 = 1;
/// Answer and end.
const STOP: u64 = 2;

/// What the client writes at the start of every lent page.
const MARK: u8 = 0x5A;

/// Server role.
pub fn serve() {
    let Some(endpoint) = libipc::env::initial_handle() else { sys::exit(1) };
    let Ok(window) = LoanWindow::create(MAX_LOAN_PAGES) else { sys::exit(2) };
    let mut next = ipc::receive(&endpoint);
    while let Ok(received) = next {
        let Some(reply) = received.reply else {
            next = ipc::receive(&endpoint);
            continue;
        };
        let mut byte = [0u8];
        if let Some(loan) = window.loan(&received.message) {
            let last_page = (loan.pages() - 1) as usize * PAGE_SIZE as usize;
            let _ = loan.read(last_page, &mut byte);
        }
        let answer = Message { operation: 0, words: [u64::from(byte[0]), 0, 0, 0] };
        if received.message.operation == STOP {
            let _ = ipc::reply(reply, &answer);
            break;
        }
        next = ipc::reply_and_wait(reply, &answer);
    }
}

/// A running loan server, stopped and waited for on drop.
struct Server {
    endpoint: Handle,
    process: u64,
}

impl Server {
    fn start() -> Result<Self, String> {
        let endpoint = ipc::create_endpoint().map_err(|error| format!("creating an endpoint: {error}"))?;
        let program = libipc::env::args().next().unwrap_or("bin/bench");
        let process = sys::spawn_with_handle(program, &[SERVE_ROLE], Some(&endpoint))
            .map_err(|error| format!("starting the server: {error}"))?;
        Ok(Self { endpoint, process })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = ipc::call(&self.endpoint, &Message { operation: STOP, words: [0; 4] });
        let _ = sys::wait(self.process);
    }
}

fn lend(meter: &Meter, pages: u64) -> Outcome {
    let server = Server::start()?;
    let lent = Pages::allocate(pages).map_err(|error| format!("allocate: {error}"))?;
    for page in 0..pages as usize {
        lent.write(page * PAGE_SIZE as usize, &[MARK]).map_err(|error| format!("touch: {error}"))?;
    }
    let mut failure = None;
    let summary = meter.each(1_000, |index| {
        let answer = call_with_loan(&server.endpoint, READ_LOAN, [0; 3], &lent, false);
        let read_back = answer.as_ref().is_ok_and(|answer| answer.words[0] == u64::from(MARK));
        if !read_back && failure.is_none() {
            failure = Some(format!("call {index}: {answer:?}"));
        }
    });
    match failure {
        Some(why) => Err(why),
        None => Ok(summary.into()),
    }
}

/// A call lending one page, which the server reads a byte of; its answer
/// takes the page back.
pub fn loan_1_page(meter: &Meter) -> Outcome {
    lend(meter, 1)
}

/// As [`loan_1_page`] with 16 pages (the server reads the last).
pub fn loan_16_pages(meter: &Meter) -> Outcome {
    lend(meter, 16)
}
