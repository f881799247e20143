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

use init::api::bootstrap::Client as Bootstrap;
use libipc::ipc::device::{DeviceMemory, Irq, Ports};
use libipc::println;
use libipc::rpc::{self, KernelChannel, KernelReceiver};
use libipc::sync::Mutex;
use libipc::wire::BoundedString;

use screen::Screen;
use serial::Serial;
use state::Consoles;

libipc::entry!(main);

/// Shared between the threads.
type Shared = Arc<Mutex<Consoles>>;

fn name(text: &str) -> BoundedString<32> {
    BoundedString::try_from_str(text).unwrap_or_default()
}

fn main() {
    if let Err(why) = run() {
        println!("console: {why}");
        libipc::sys::exit(1);
    }
}

fn run() -> Result<(), String> {
    let bootstrap = libipc::env::initial_handle().ok_or("started without a bootstrap endpoint")?;
    let mut bootstrap =
        Bootstrap::connect(KernelChannel::new(bootstrap)).map_err(|error| format!("bootstrap: {error:?}"))?;
    let vga = bootstrap.memory(name("vga")).map_err(|error| format!("vga: {error:?}"))?;
    let vga = DeviceMemory { handle: vga.into_ipc(), pages: 1 };
    let mapping = vga.map(true).map_err(|error| format!("map vga: {error}"))?;
    // The cursor is a nicety: without the CRT controller's ports the
    // consoles still work.
    let crtc = bootstrap.ports(name("crtc")).ok().map(|ports| Ports(ports.into_ipc()));
    let attribute = bootstrap.ports(name("attribute")).ok().map(|ports| Ports(ports.into_ipc()));
    let status = bootstrap.ports(name("status")).ok().map(|ports| Ports(ports.into_ipc()));
    if let (Some(attribute), Some(status)) = (&attribute, &status) {
        screen::disable_blinking(attribute, status);
    }
    let com1 = bootstrap.ports(name("com1")).map_err(|error| format!("com1: {error:?}"))?;
    let serial_irq = bootstrap.irq(name("com1-irq")).map_err(|error| format!("com1 irq: {error:?}"))?;
    let keys = bootstrap.receive(name("keys")).map_err(|error| format!("keys endpoint: {error:?}"))?;
    let clients = bootstrap.serve().map_err(|error| format!("own endpoint: {error:?}"))?;
    let trace_latency = libipc::env::args().any(|argument| argument == "--trace-latency");

    let serial = Serial::new(Ports(com1.into_ipc()));
    let consoles: Shared = Arc::new(Mutex::new(Consoles::new(Screen::new(mapping, crtc), serial, trace_latency)));
    // Held until every console shows its prompt: input that arrives
    // meanwhile waits for it, so nothing is echoed before the banners.
    let mut starting = consoles.lock();

    let for_keys = Arc::clone(&consoles);
    libipc::thread::spawn(move || keys::serve(keys.into_ipc(), for_keys))
        .map_err(|error| format!("key thread: {error}"))?;
    let for_serial = Arc::clone(&consoles);
    let irq = Irq(serial_irq.into_ipc());
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
    let clients = clients.into_ipc();
    // Terminals are minted from this: send (and transfer, so a reply can
    // move them) is all they carry.
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
