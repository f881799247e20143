//! `ReplyAndWait` and `ReplyAndReceive`: a server loop's reply and next
//! receive in one pass under the task lock, handing the CPU straight back
//! to the caller.
//!
//! A server that answers and then finds nothing waiting would otherwise
//! queue the caller, block, and have the scheduler pick the caller from the
//! ready queue. Here the caller is made runnable without being queued and,
//! when the server blocks, runs next on the rest of the time slice, as a
//! receiver does after a call (`rendezvous::call`).
//!
//! `ReplyAndWait` comes here only when [`fast_path`](super::fast_path)
//! finds its case is not the plain one (a caller that still waits, nothing
//! else waiting on the endpoint); what happens is the same either way.

use barodia_abi::SysError;

use super::Message;
use super::rendezvous::{Outgoing, Step, answer, finish_receive, receive_locked};

/// Answers the call behind reply handle `handle` with `message`, then
/// receives a register-only message, for ever, on the endpoint handle the
/// current thread last received through. Hands the message and the raw
/// reply handle (0 for one-way) to `deliver_into`. A caller that died is no
/// error (nobody is left to tell); any other reply error is returned
/// without receiving.
pub fn reply_and_wait(
    handle: u64,
    message: Message,
    deliver_into: impl FnOnce(&Message, u64),
) -> Result<(), SysError> {
    reply_and_receive(Some((handle, Outgoing::registers(message))), None, 0, 0, deliver_into)
}

/// `ReplyAndReceive`, and `ReplyAndWait` through [`reply_and_wait`]:
/// answers `reply` (a reply handle and the answer), if given, then receives
/// on `endpoint` (`None`: the endpoint handle this thread last received
/// through) as `Receive` does with `timeout` and `record`. Errors as for
/// [`reply_and_wait`].
pub fn reply_and_receive(
    reply: Option<(u64, Outgoing<'_>)>,
    endpoint: Option<u64>,
    timeout: u64,
    record: u64,
    deliver_into: impl FnOnce(&Message, u64),
) -> Result<(), SysError> {
    let mut waited_on = None;
    let step = crate::task::with_tasks(|tasks| {
        // The current thread is looked up once, for its process and the
        // endpoint it last received through.
        let (process, last_endpoint) = match tasks.threads.get(tasks.current) {
            Some(thread) => (thread.process.ok_or(SysError::InvalidArgument)?, thread.receiving_on),
            None => return Err(SysError::InvalidArgument),
        };
        let caller = match reply.map(|(handle, outgoing)| answer(tasks, process, handle, outgoing)) {
            Some(Ok(caller)) => Some(caller),
            None | Some(Err(SysError::PeerGone)) => None,
            Some(Err(error)) => return Err(error),
        };
        let endpoint = endpoint.unwrap_or(last_endpoint);
        let received = receive_locked(tasks, process, endpoint, timeout, record, &mut waited_on);
        match (received, caller) {
            // This thread blocked: the caller runs next.
            (Ok(Step::Blocked(None)), Some(caller)) => Ok(Step::Blocked(Some(caller))),
            // This thread goes on: the caller waits its turn.
            (received, Some(caller)) => {
                tasks.enqueue(caller);
                received
            }
            (received, None) => received,
        }
    })?;
    finish_receive(step, waited_on, deliver_into)
}
