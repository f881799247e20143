//! The `console-client` role: started by init next to the console server
//! (`services/init/manifest-console`), it uses the `Console` interface as a
//! program would, then as a hostile client would: requests for consoles
//! that do not exist, and malformed messages of every class the generated
//! dispatcher names. Each must be refused by name, and the console must
//! answer the next well-formed request.

use alloc::format;
use alloc::string::String;

use console::api::ConsoleError;
use console::api::console::{Client, ordinals};
use console::api::terminal::Client as TerminalClient;
use init::api::bootstrap::Client as Bootstrap;
use libipc::rpc::{self, CallError, Channel, HandleSet, KernelChannel, ObjectType, ProtocolError, Request, SliceLease};
use libipc::wire::{BoundedBytes, BoundedString};

use crate::checks::{check, expect_protocol};

type Outcome = Result<String, String>;

fn bytes(text: &str) -> Result<BoundedBytes<4000>, String> {
    BoundedBytes::try_from_slice(text.as_bytes()).map_err(|error| format!("{error:?}"))
}

/// A `write` payload: the console number, padding, a `u32` length and the
/// text; `padding` and `length` can lie.
fn write_payload(padding: u8, length: u32, text: &[u8]) -> alloc::vec::Vec<u8> {
    let mut payload = alloc::vec![0, padding, 0, 0];
    payload.extend_from_slice(&length.to_le_bytes());
    payload.extend_from_slice(text);
    payload
}

/// Well-formed use: the shape, output to a virtual console and to serial,
/// and the named errors for consoles that do not exist.
fn as_a_program(client: &mut Client<KernelChannel>) -> Result<(), String> {
    let info = client.info().map_err(|error| format!("info: {error:?}"))?;
    check("four virtual consoles and a serial one", info.consoles == 5 && info.virtual_consoles == 4 && info.serial == 4)?;
    check("an 80x25 screen", info.columns == 80 && info.rows == 25)?;
    client
        .write(1, bytes("\x1b[32mgreen text from a client\x1b[0m on console 2\n")?)
        .map_err(|error| format!("write: {error:?}"))?;
    client
        .write(4, bytes("a client wrote this on the serial console\n")?)
        .map_err(|error| format!("serial write: {error:?}"))?;
    let missing = client.write(9, bytes("nowhere")?);
    check("console 9 does not exist", missing == Err(CallError::Interface(ConsoleError::NoSuchConsole)))?;
    let serial = client.switch_to(4);
    check("the serial console cannot go on screen", serial == Err(CallError::Interface(ConsoleError::NoSuchConsole)))?;
    check("no terminal for console 9", client.terminal(9).map(drop) == Err(CallError::Interface(ConsoleError::NoSuchConsole)))?;
    // A terminal reaches its own console only.
    let handle = client.terminal(2).map_err(|error| format!("terminal: {error:?}"))?;
    let mut channel = KernelChannel::new(handle.into_ipc());
    let console_only = channel.call(Request::new(ordinals::TERMINAL, &[2]));
    expect_protocol("a Console request through a terminal", console_only, ProtocolError::UnknownOperation)?;
    let mut terminal = TerminalClient::new(channel);
    let size = terminal.size().map_err(|error| format!("size: {error:?}"))?;
    check("the terminal is 80x25", size.columns == 80 && size.rows == 25)?;
    terminal.write(bytes("written through a terminal of console 3\n")?).map_err(|error| format!("terminal write: {error:?}"))?;
    Ok(())
}

/// Malformed requests, each refused by name, each followed by a request
/// that must still work. Returns how many classes were tried.
fn as_a_hostile_client(channel: &mut KernelChannel, client: &mut Client<KernelChannel>) -> Result<usize, String> {
    let too_long = alloc::vec![b'x'; 4001];
    let cases: [(&str, u32, alloc::vec::Vec<u8>, ProtocolError); 6] = [
        ("an unknown operation", 99, alloc::vec![], ProtocolError::UnknownOperation),
        ("a payload too short", ordinals::WRITE, alloc::vec![0], ProtocolError::BadLength),
        ("non-zero padding", ordinals::WRITE, write_payload(7, 1, b"x"), ProtocolError::BadPadding),
        ("text over its bound", ordinals::WRITE, write_payload(0, 4001, &too_long), ProtocolError::TooLong),
        ("a length past the payload", ordinals::WRITE, write_payload(0, 64, b"short"), ProtocolError::BadLength),
        ("trailing bytes", ordinals::INFO, alloc::vec![1], ProtocolError::BadLength),
    ];
    let mut tried = 0;
    for (what, operation, payload, expected) in &cases {
        expect_protocol(what, channel.call(Request::new(*operation, payload)), *expected)?;
        check(&format!("console still serving after {what}"), client.info().is_ok())?;
        tried += 1;
    }
    // A handle where the method takes none: refused, and closed.
    let stray = libipc::ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let mut handles = HandleSet::new();
    let _ = handles.push(rpc::Handle::from_ipc(stray, ObjectType::Endpoint, barodia_abi::Rights::ALL));
    let mut request = Request::new(ordinals::SWITCH_TO, &[0]);
    request.handles = handles;
    expect_protocol("a stray handle", channel.call(request), ProtocolError::WrongHandleCount)?;
    // A lease where the method takes none.
    let text = [b'x'; 16];
    let mut lease = SliceLease::Readable(&text);
    let mut request = Request::new(ordinals::INFO, &[]);
    request.lease = Some(&mut lease);
    expect_protocol("a stray lease", channel.call(request), ProtocolError::BadLease)?;
    // A client built for another interface.
    let wrong_hash = 0x0123_4567_89AB_CDEFu64.to_le_bytes();
    expect_protocol("a schema mismatch", channel.call(Request::new(rpc::CONNECT_OPERATION, &wrong_hash)), ProtocolError::SchemaMismatch)?;
    check("console still serving at the end", client.info().is_ok())?;
    Ok(tried + 3)
}

/// Console 2's reader: reads a typed line (the console stops echoing it),
/// writes it back, then waits for Ctrl+C from another thread.
fn as_a_reader(client: &mut Client<KernelChannel>, waiter: KernelChannel) -> Result<(), String> {
    let mut line = alloc::vec::Vec::new();
    while !line.ends_with(b"\n") {
        let bytes = client.read(1, 64).map_err(|error| format!("read: {error:?}"))?;
        line.extend_from_slice(bytes.as_slice());
        check("a line of at most 64 bytes", line.len() <= 64)?;
    }
    let text = String::from_utf8_lossy(&line);
    let text = text.trim_end();
    libipc::println!("console-client: read \"{text}\"");
    client.write(1, bytes(&format!("the client read: {text}\n"))?).map_err(|error| format!("write: {error:?}"))?;
    // A second reader while one waits is `Busy`: checked from a thread
    // that reads while this one waits for Ctrl+C.
    let mut waiter = Client::new(waiter);
    let thread = libipc::thread::spawn(move || match waiter.interrupt(1) {
        Ok(()) => {
            libipc::println!("console-client: interrupted by Ctrl+C");
            0
        }
        Err(error) => {
            libipc::println!("console-client: interrupt FAILED: {error:?}");
            1
        }
    })
    .map_err(|error| format!("spawn: {error}"))?;
    // Give the thread time to get its call to the console: there is no
    // way to see that it arrived, but a waiter in place makes a second
    // one `Busy`.
    libipc::time::sleep(core::time::Duration::from_millis(300));
    let second = client.interrupt(1);
    check("a second Ctrl+C waiter is Busy", second == Err(CallError::Interface(ConsoleError::Busy)))?;
    libipc::println!("console-client: waiting for Ctrl+C");
    thread.join().map_err(|error| format!("join: {error}"))?;
    Ok(())
}

/// The role: reports on the kernel log, then stays (so init does not
/// restart it and repeat the output).
pub fn run() -> Outcome {
    let endpoint = libipc::env::initial_handle().ok_or("started without a bootstrap endpoint")?;
    let mut bootstrap = Bootstrap::connect(KernelChannel::new(endpoint)).map_err(|error| format!("connect: {error:?}"))?;
    // Two send-only handles (the grant has no DUPLICATE right): one for
    // the generated client, one for the hand-made malformed requests.
    let mut console = || {
        let name = BoundedString::try_from_str("console").map_err(|error| format!("{error:?}"))?;
        let handle = bootstrap.endpoint(name).map_err(|error| format!("console endpoint: {error:?}"))?;
        Ok::<_, String>(KernelChannel::new(handle.into_ipc()))
    };
    let mut client = Client::connect(console()?).map_err(|error| format!("connect: {error:?}"))?;
    let mut channel = console()?;
    let waiter = console()?;
    let outcome = as_a_program(&mut client).and_then(|()| as_a_hostile_client(&mut channel, &mut client));
    match outcome {
        Ok(classes) => libipc::println!("console-client: ok: {classes} kinds of malformed request refused by name"),
        Err(why) => libipc::println!("console-client: FAILED: {why}"),
    }
    if let Err(why) = as_a_reader(&mut client, waiter) {
        libipc::println!("console-client: reading FAILED: {why}");
    }
    // Nothing more to do; waiting on an endpoint nobody sends to keeps
    // the process (and its output) from being restarted.
    let idle = libipc::ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let _ = libipc::ipc::receive(&idle);
    Ok(String::new())
}
