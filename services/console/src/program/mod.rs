//! Startup: take the capabilities init grants, set the consoles up, and
//! start the three threads that serve them.

mod clients;
mod keys;
mod router;
mod screen;
mod serial;
mod state;
mod terminals;
mod waiters;

use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;

use init::starter::Starter;
use libipc::ipc::device::{DeviceMemory, Irq, Ports};
use libipc::println;
use libipc::rpc::{self, KernelReceiver};
use libipc::sync::Mutex;

use screen::Screen;
use serial::Serial;
use state::Consoles;

libipc::entry!(main);

/// Shared between the threads.
type Shared = Arc<Mutex<Consoles>>;

fn main() {
    init::starter::run("console", run);
}

fn run() -> Result<(), String> {
    let mut starter = Starter::connect()?;
    let vga = DeviceMemory { handle: starter.memory("vga")?, pages: 1 };
    let mapping = vga.map(true).map_err(|error| format!("map vga: {error}"))?;
    // The cursor is a nicety: without the CRT controller's ports the
    // consoles still work.
    let crtc = starter.ports("crtc").ok().map(Ports);
    let attribute = starter.ports("attribute").ok().map(Ports);
    let status = starter.ports("status").ok().map(Ports);
    if let (Some(attribute), Some(status)) = (&attribute, &status) {
        screen::disable_blinking(attribute, status);
    }
    let com1 = starter.ports("com1")?;
    let serial_irq = starter.irq("com1-irq")?;
    let keys = starter.receive("keys")?;
    let clients = starter.serve()?;
    let trace_latency = libipc::env::args().any(|argument| argument == "--trace-latency");

    let serial = Serial::new(Ports(com1));
    let consoles: Shared = Arc::new(Mutex::new(Consoles::new(Screen::new(mapping, crtc), serial, trace_latency)));
    // Held until every console shows its prompt: input that arrives
    // meanwhile waits for it, so nothing is echoed before the banners.
    let mut starting = consoles.lock();

    let for_keys = Arc::clone(&consoles);
    libipc::thread::spawn(move || keys::serve(keys, for_keys))
        .map_err(|error| format!("key thread: {error}"))?;
    let for_serial = Arc::clone(&consoles);
    let irq = Irq(serial_irq);
    libipc::thread::spawn(move || serial::serve_input(irq, for_serial))
        .map_err(|error| format!("serial thread: {error}"))?;

    // Logged before the serial console's banner, which then ends with the
    // prompt rather than with this line.
    println!("console: ready");
    starting.start();
    drop(starting);
    // Under `-icount` the count is instructions since the kernel's time
    // zero: `just bench` reports it as the boot-to-prompt figure.
    println!("console: prompts shown {} cycles after the kernel's time zero", libipc::time::cycles_since_boot());
    // Terminals are minted from this (clients.rs says what they carry).
    let minter_rights = barodia_abi::Rights::from_constants(&[
        barodia_abi::Rights::SEND,
        barodia_abi::Rights::DUPLICATE,
        barodia_abi::Rights::TRANSFER,
    ]);
    let minter = clients.duplicate(minter_rights).map_err(|error| format!("own endpoint: {error}"))?;
    let mut receiver = KernelReceiver::new(clients);
    let mut dispatcher = router::Router {
        clients: clients::Clients { consoles: Arc::clone(&consoles), minter },
        terminals: terminals::Terminals { consoles, index: 0 },
    };
    let why = rpc::serve(&mut receiver, &mut dispatcher);
    Err(format!("stopped serving: {why:?}"))
}
