//! `ReplyAndWait`: the register-only server loop's reply and receive in one
//! pass under the task lock, handing the CPU straight back to the caller.
//!
//! A server that answers and then finds nothing waiting would otherwise
//! queue the caller, block, and have the scheduler pick the caller from the
//! ready queue. Here the caller is made runnable without being queued and,
//! when the server blocks, runs next on the rest of the time slice, as a
//! receiver does after a call (`rendezvous::call`).

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
    let mut waited_on = None;
    let step = crate::task::with_tasks(|tasks| {
        let caller = match answer(tasks, handle, Outgoing::registers(message)) {
            Ok(caller) => Some(caller),
            Err(SysError::PeerGone) => None,
            Err(error) => return Err(error),
        };
        let endpoint = tasks.threads.get(tasks.current).map_or(0, |thread| thread.receiving_on);
        let received = receive_locked(tasks, endpoint, 0, 0, &mut waited_on);
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
