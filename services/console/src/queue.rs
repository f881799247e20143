//! A console's input once a program reads it: typed bytes wait in a
//! bounded buffer until a reader takes them, and Ctrl+C answers whoever
//! waits for it instead of being input.
//!
//! Generic over the two kinds of waiting caller (in the server, the
//! generated `ReadResponder` and `InterruptResponder`), so the rules are
//! tested on the host.

use alloc::collections::VecDeque;
use alloc::vec::Vec;

/// Bytes kept for a console nobody is reading at the moment; more typed
/// meanwhile are dropped (a person does not type 4 KiB ahead).
pub const MAX_BUFFERED: usize = 4096;
/// Ctrl+C.
pub const INTERRUPT: u8 = 0x03;

/// One console's input queue.
#[derive(Debug)]
pub struct InputQueue<R, I> {
    buffer: VecDeque<u8>,
    reader: Option<(R, usize)>,
    interrupt: Option<I>,
    claimed: bool,
}

impl<R, I> Default for InputQueue<R, I> {
    fn default() -> Self {
        InputQueue { buffer: VecDeque::new(), reader: None, interrupt: None, claimed: false }
    }
}

/// Callers to answer after input arrived.
#[derive(Debug)]
pub struct Answers<R, I> {
    /// The reader and the bytes it gets.
    pub read: Option<(R, Vec<u8>)>,
    /// The Ctrl+C waiter.
    pub interrupt: Option<I>,
}

impl<R, I> InputQueue<R, I> {
    /// Whether a program has read from this console: its input is no longer
    /// the echo prompt's.
    pub fn claimed(&self) -> bool {
        self.claimed
    }

    /// Takes the console's input for programs before any reads: a
    /// program given a `Terminal` gets what is typed from then on, even
    /// before its first read, rather than the echo prompt.
    pub fn claim(&mut self) {
        self.claimed = true;
    }

    /// A read of at most `max` bytes (at least 1). Returns the reader with
    /// its bytes when some wait already; keeps it otherwise; gives it back
    /// as `Err` if another reader waits.
    pub fn read(&mut self, reader: R, max: usize) -> Result<Option<(R, Vec<u8>)>, R> {
        if self.reader.is_some() {
            return Err(reader);
        }
        self.claimed = true;
        let max = max.max(1);
        if self.buffer.is_empty() {
            self.reader = Some((reader, max));
            return Ok(None);
        }
        Ok(Some((reader, self.take(max))))
    }

    /// A wait for Ctrl+C; `Err` gives it back if another caller waits.
    pub fn wait_interrupt(&mut self, waiter: I) -> Result<(), I> {
        if self.interrupt.is_some() {
            return Err(waiter);
        }
        self.interrupt = Some(waiter);
        Ok(())
    }

    /// Typed bytes arrive: a waiting Ctrl+C caller takes the first Ctrl+C;
    /// the rest is buffered (up to [`MAX_BUFFERED`]) and a waiting reader
    /// gets what it asked for.
    pub fn push(&mut self, bytes: &[u8]) -> Answers<R, I> {
        let mut interrupt = None;
        for &byte in bytes {
            if byte == INTERRUPT && interrupt.is_none() && self.interrupt.is_some() {
                interrupt = self.interrupt.take();
                continue;
            }
            if self.buffer.len() < MAX_BUFFERED {
                self.buffer.push_back(byte);
            }
        }
        let read = match self.reader.take() {
            Some((reader, max)) if !self.buffer.is_empty() => Some((reader, self.take(max))),
            waiting => {
                self.reader = waiting;
                None
            }
        };
        Answers { read, interrupt }
    }

    fn take(&mut self, max: usize) -> Vec<u8> {
        let count = max.min(self.buffer.len());
        self.buffer.drain(..count).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Queue = InputQueue<&'static str, &'static str>;

    #[test]
    fn a_waiting_reader_gets_the_next_input() {
        let mut queue = Queue::default();
        assert!(!queue.claimed());
        assert_eq!(queue.read("reader", 10), Ok(None));
        assert!(queue.claimed());
        let answers = queue.push(b"hi");
        assert_eq!(answers.read, Some(("reader", b"hi".to_vec())));
        assert_eq!(answers.interrupt, None);
    }

    #[test]
    fn a_claimed_queue_keeps_input_for_the_first_read() {
        let mut queue = Queue::default();
        queue.claim();
        assert!(queue.claimed());
        let answers = queue.push(b"early");
        assert_eq!(answers.read, None);
        assert_eq!(queue.read("reader", 10), Ok(Some(("reader", b"early".to_vec()))));
    }

    #[test]
    fn input_waits_for_a_reader_and_comes_in_pieces_of_max() {
        let mut queue = Queue::default();
        assert!(queue.push(b"abcdef").read.is_none());
        assert_eq!(queue.read("first", 4), Ok(Some(("first", b"abcd".to_vec()))));
        assert_eq!(queue.read("second", 0), Ok(Some(("second", b"e".to_vec()))));
    }

    #[test]
    fn one_reader_and_one_interrupt_waiter_at_a_time() {
        let mut queue = Queue::default();
        assert_eq!(queue.read("one", 1), Ok(None));
        assert_eq!(queue.read("two", 1), Err("two"));
        assert_eq!(queue.wait_interrupt("shell"), Ok(()));
        assert_eq!(queue.wait_interrupt("other"), Err("other"));
    }

    #[test]
    fn ctrl_c_answers_its_waiter_instead_of_being_input() {
        let mut queue = Queue::default();
        queue.read("reader", 10).unwrap();
        queue.wait_interrupt("shell").unwrap();
        let answers = queue.push(b"x\x03y\x03");
        assert_eq!(answers.interrupt, Some("shell"));
        // The second Ctrl+C has no waiter: it is input.
        assert_eq!(answers.read, Some(("reader", b"xy\x03".to_vec())));
        // Without a waiter, Ctrl+C is plain input.
        let answers = queue.push(b"\x03");
        assert!(answers.interrupt.is_none());
    }

    #[test]
    fn the_buffer_is_bounded() {
        let mut queue = Queue::default();
        queue.push(&[b'a'; MAX_BUFFERED + 100]);
        let (_, bytes) = queue.read("reader", usize::MAX).unwrap().unwrap();
        assert_eq!(bytes.len(), MAX_BUFFERED);
    }
}
