//! The keyboard driver program (`bin/keyboard`). Started by init, it asks
//! `Bootstrap` for IRQ 1 (`irq`), the 8042's data and status ports (`data`,
//! `status`) and the consumer's `KeyEvents` endpoint (`events`), then
//! waits for interrupts as messages: no polling, no other authority.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

#[cfg(target_os = "none")]
mod program {
    use barodia_abi::SysError;
    use init::starter::Starter;
    use keyboard::Decoder;
    use keyboard::api::SpecialKey;
    use keyboard::api::key_events::Client as KeyEvents;
    use libipc::ipc::device::{Irq, Ports};
    use libipc::ipc::{self};
    use libipc::println;
    use libipc::rpc::KernelChannel;

    libipc::entry!(main);

    /// The 8042's data and status ports.
    const DATA_PORT: u16 = 0x60;
    const STATUS_PORT: u16 = 0x64;
    /// Status bit: a byte waits in the output buffer.
    const OUTPUT_FULL: u8 = 1;
    /// The operation of IRQ notifications.
    const IRQ: u64 = 1;

    fn main() {
        init::starter::run("keyboard", run);
    }

    fn run() -> Result<(), alloc::string::String> {
        use alloc::format;
        let mut starter = Starter::connect()?;
        let irq = Irq(starter.irq("irq")?);
        let data = Ports(starter.ports("data")?);
        let status = Ports(starter.ports("status")?);
        let mut events = KeyEvents::new(KernelChannel::new(starter.endpoint("events")?));
        let interrupts = ipc::create_endpoint().map_err(|error| format!("endpoint: {error}"))?;
        irq.bind(&interrupts, IRQ).map_err(|error| format!("bind IRQ: {error}"))?;
        // `--layout NAME` picks the layout (keyboard::LAYOUTS); US otherwise.
        let layout_name = libipc::env::args().skip_while(|argument| *argument != "--layout").nth(1).unwrap_or("us");
        let layout = keyboard::layout(layout_name).ok_or_else(|| {
            format!("unknown layout `{layout_name}`; known: {}", keyboard::LAYOUTS.join(", "))
        })?;
        let mut decoder = Decoder::new(layout);
        // For the supervision test only: F12 makes the driver fault, as a
        // buggy driver would, so init's restart can be seen working.
        let crash_on_f12 = libipc::env::args().any(|argument| argument == "--crash-on-f12");
        println!("keyboard: ready ({layout_name} layout)");
        loop {
            let interrupt = ipc::receive(&interrupts).map_err(|error| format!("receive: {error}"))?;
            let stamp = interrupt.message.words[1];
            // Drain what the controller holds, then let the next IRQ in.
            while status.read_u8(STATUS_PORT).map_err(port_error)? & OUTPUT_FULL != 0 {
                let byte = data.read_u8(DATA_PORT).map_err(port_error)?;
                let key = decoder.feed(byte, stamp);
                if crash_on_f12 && key.as_ref().is_some_and(|key| key.special == SpecialKey::F12) {
                    println!("keyboard: F12 pressed: faulting on purpose");
                    libipc::diagnostics::provoke(libipc::diagnostics::Fault::NullRead);
                }
                if let Some(key) = key
                    && let Err(error) = events.key(key)
                {
                    // The consumer is gone (or restarting): the key is lost,
                    // the driver goes on.
                    println!("keyboard: key not delivered: {error:?}");
                }
            }
            irq.acknowledge().map_err(|error| format!("ack: {error}"))?;
        }
    }

    fn port_error(error: SysError) -> alloc::string::String {
        alloc::format!("port: {error}")
    }

    extern crate alloc;
}

/// On the host this crate is a library with tests; the program runs only
/// inside Barodia.
#[cfg(not(target_os = "none"))]
fn main() {
    eprintln!("the keyboard driver runs inside Barodia: boot it with `just qemu`");
}
