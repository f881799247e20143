//! The consoles and what can happen to them: client output, key input,
//! serial input, switching and scrolling. Every change that shows is drawn
//! before the lock is released, so the screen is never behind.

use alloc::vec::Vec;

use console::queue::{Answers, InputQueue};
use console::{COLUMNS, ROWS, SCROLLBACK_LINES, SERIAL_CONSOLE, VIRTUAL_CONSOLES};
use console_terminal::{Consoles as Terminals, EchoPrompt};

use super::screen::Screen;
use super::serial::Serial;
use super::waiters::{InterruptWaiter, Reader};

/// What each console shows until a login program takes it over.
const PROMPT: &str = "barodia> ";

/// The virtual consoles, the serial console and the devices behind them.
pub struct Consoles {
    terminals: Terminals,
    /// The echo prompt of each virtual console, and of the serial console.
    prompts: Vec<EchoPrompt>,
    serial_prompt: EchoPrompt,
    screen: Screen,
    serial: Serial,
    /// Log each key's latency, from its interrupt to its echo on screen.
    trace_latency: bool,
    /// Output of the echo prompts, kept to avoid an allocation per key.
    scratch: Vec<u8>,
    /// Input of each console (the serial one last) once a program reads it.
    queues: Vec<Queue>,
}

/// A console's input queue, with the generated responders waiting in it.
type Queue = InputQueue<Reader, InterruptWaiter>;

/// Answers the callers that input (or a new read) made ready.
fn answer(answers: Answers<Reader, InterruptWaiter>) {
    if let Some((reader, bytes)) = answers.read {
        reader.give(&bytes);
    }
    if let Some(waiter) = answers.interrupt {
        waiter.interrupted();
    }
}

impl Consoles {
    /// Consoles drawn on `screen`, with the serial console on `serial`.
    pub fn new(screen: Screen, serial: Serial, trace_latency: bool) -> Self {
        Consoles {
            terminals: Terminals::new(VIRTUAL_CONSOLES, COLUMNS, ROWS, SCROLLBACK_LINES),
            prompts: (0..VIRTUAL_CONSOLES).map(|_| EchoPrompt::new(PROMPT, COLUMNS)).collect(),
            // The terminal at the other end of the line is assumed 80 wide.
            serial_prompt: EchoPrompt::new(PROMPT, COLUMNS),
            screen,
            serial,
            trace_latency,
            scratch: Vec::new(),
            queues: (0..=SERIAL_CONSOLE).map(|_| Queue::default()).collect(),
        }
    }

    /// Greets on every console and shows the first one.
    pub fn start(&mut self) {
        for index in 0..VIRTUAL_CONSOLES {
            let banner = alloc::format!(
                "\x1b[1;37mBarodia\x1b[0m console {} of {VIRTUAL_CONSOLES} \
                 (Alt+F1..F4 switch, Shift+PgUp/PgDn scroll)\n\
                 Until a program takes this console, the prompt echoes each line you type.\n",
                index + 1
            );
            self.scratch.clear();
            self.scratch.extend_from_slice(banner.as_bytes());
            if let Some(prompt) = self.prompts.get(index) {
                prompt.start(&mut self.scratch);
            }
            if let Some(terminal) = self.terminals.get_mut(index) {
                terminal.write(&self.scratch);
            }
        }
        self.scratch.clear();
        self.scratch.extend_from_slice(b"\n\x1b[1mBarodia\x1b[0m serial console\nUntil a program takes this console, the prompt echoes each line you type.\n");
        self.serial_prompt.start(&mut self.scratch);
        self.serial.write(&self.scratch);
        self.draw(true);
    }

    /// The virtual console on the screen.
    pub fn active(&self) -> usize {
        self.terminals.active()
    }

    /// The serial line.
    pub fn serial(&self) -> &Serial {
        &self.serial
    }

    fn draw(&mut self, everything: bool) {
        self.screen.draw(self.terminals.active_terminal_mut(), everything);
    }

    /// Puts virtual console `index` on the screen; false if there is none.
    pub fn switch_to(&mut self, index: usize) -> bool {
        if !self.terminals.switch_to(index) {
            return false;
        }
        self.draw(true);
        true
    }

    /// Writes client output to virtual console `index`; false if there is
    /// none.
    pub fn write_virtual(&mut self, index: usize, bytes: &[u8]) -> bool {
        let Some(terminal) = self.terminals.get_mut(index) else { return false };
        terminal.write(bytes);
        if index == self.terminals.active() {
            self.draw(false);
        }
        true
    }

    /// Writes client output to the serial console.
    pub fn write_serial(&mut self, bytes: &[u8]) {
        self.serial.write(bytes);
    }

    /// Moves the active console's view into its history.
    pub fn scroll_view(&mut self, lines: isize) {
        self.terminals.active_terminal_mut().scroll_view(lines);
        self.draw(false);
    }

    /// A program has been given a `Terminal` for console `index`: what is
    /// typed there goes to programs from now on, not the echo prompt.
    pub fn claim(&mut self, index: usize) {
        if let Some(queue) = self.queues.get_mut(index)
            && !queue.claimed()
        {
            libipc::println!("console: a program has console {} now; its echo prompt stops", index + 1);
            queue.claim();
        }
    }

    /// A program reads console `index` (see `Console::read`); `false` if
    /// there is no such console (the reader is given back unanswered).
    pub fn read(&mut self, index: usize, max: usize, reader: Reader) -> Result<(), Reader> {
        let Some(queue) = self.queues.get_mut(index) else {
            return Err(reader);
        };
        if !queue.claimed() {
            libipc::println!("console: a program reads console {} now; its echo prompt stops", index + 1);
        }
        match queue.read(reader, max) {
            Ok(ready) => answer(Answers { read: ready, interrupt: None }),
            Err(reader) => reader.busy(),
        }
        Ok(())
    }

    /// A program waits for Ctrl+C on console `index`; the waiter comes
    /// back unanswered if there is no such console.
    pub fn interrupt(&mut self, index: usize, waiter: InterruptWaiter) -> Result<(), InterruptWaiter> {
        let Some(queue) = self.queues.get_mut(index) else {
            return Err(waiter);
        };
        if let Err(waiter) = queue.wait_interrupt(waiter) {
            waiter.busy();
        }
        Ok(())
    }

    /// Gives `bytes` to the program reading console `index`, if one has;
    /// false if the console still belongs to its echo prompt.
    fn give_to_reader(&mut self, index: usize, bytes: &[u8]) -> bool {
        match self.queues.get_mut(index) {
            Some(queue) if queue.claimed() => {
                answer(queue.push(bytes));
                true
            }
            _ => false,
        }
    }

    /// Typed input for the virtual console on the screen.
    pub fn virtual_input(&mut self, bytes: &[u8]) {
        let index = self.terminals.active();
        if self.give_to_reader(index, bytes) {
            return;
        }
        let Some(prompt) = self.prompts.get_mut(index) else { return };
        self.scratch.clear();
        prompt.feed_bytes(bytes, &mut self.scratch);
        if let Some(terminal) = self.terminals.get_mut(index) {
            terminal.write(&self.scratch);
        }
        self.draw(false);
    }

    /// Typed input from the serial line.
    pub fn serial_input(&mut self, bytes: &[u8]) {
        if self.give_to_reader(SERIAL_CONSOLE, bytes) {
            return;
        }
        self.scratch.clear();
        self.serial_prompt.feed_bytes(bytes, &mut self.scratch);
        self.serial.write(&self.scratch);
    }

    /// A key event is handled; `stamp` is when its interrupt arrived.
    pub fn key_done(&self, stamp: u64) {
        if self.trace_latency {
            let latency = libipc::time::cycles().saturating_sub(stamp);
            libipc::println!("console: key latency {latency} cycles");
        }
    }
}
