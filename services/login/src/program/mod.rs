//! Startup: a login thread per console, then the `Session` server.

mod seat;
mod passwords;
mod service;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use console::api::console::Client as Console;
use init::starter::Starter;
use libipc::println;
use libipc::rpc::KernelChannel;
use ramdisk::api::file_system::Client as FileSystem;
use userland::launch::handed_on_rights;

libipc::entry!(main);

/// Consoles with a login prompt unless `--consoles` says otherwise: the
/// four on the screen and the serial one.
const ALL_CONSOLES: [u8; 5] = [1, 2, 3, 4, 5];

fn main() {
    init::starter::run("login", run);
}

/// The consoles named by `--consoles 1,2,5` (numbered from 1), or all.
fn consoles() -> Result<Vec<u8>, String> {
    let Some(list) = libipc::env::args().skip_while(|argument| *argument != "--consoles").nth(1) else {
        return Ok(ALL_CONSOLES.to_vec());
    };
    list.split(',')
        .map(|number| match number.parse::<u8>() {
            Ok(number) if ALL_CONSOLES.contains(&number) => Ok(number),
            _ => Err(format!("--consoles: {number}: not a console (1 to 5)")),
        })
        .collect()
}

fn run() -> Result<(), String> {
    let consoles = consoles()?;
    let mut starter = Starter::connect()?;
    let own = starter.serve()?;
    let mut endpoint = |what: &str| starter.endpoint(what);
    let sessions = service::Sessions::default();
    // Said before any prompt shows, so a reader of the serial line never
    // mistakes this line for one.
    println!("login: ready on consoles {consoles:?}");
    for &number in &consoles {
        let console = Console::connect(KernelChannel::new(endpoint("console")?)).map_err(|error| format!("console: {error:?}"))?;
        let fs = FileSystem::connect(KernelChannel::new(endpoint("fs")?)).map_err(|error| format!("fs: {error:?}"))?;
        let namespace = endpoint("fs")?;
        // Unbadged, so that each session's handle can carry a badge.
        let minter = own.duplicate(handed_on_rights()).map_err(|error| format!("session endpoint: {error}"))?;
        let mut login = seat::Login::new(number, console, fs, namespace, minter, sessions.clone());
        libipc::thread::spawn(move || login.run()).map_err(|error| format!("thread: {error}"))?;
    }
    let fs = FileSystem::connect(KernelChannel::new(endpoint("fs")?)).map_err(|error| format!("fs: {error:?}"))?;
    service::serve(own, fs, sessions)
}
