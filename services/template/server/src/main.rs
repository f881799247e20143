//! The Echo service program (`bin/echo-service`): serves the endpoint its
//! parent hands it at spawn until the last client is gone.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::boxed::Box;

    use barodia_abi::Rights;
    use echo_api::echo::Dispatcher;
    use echo_service::EchoService;
    use libipc::println;
    use libipc::rpc::{self, KernelReceiver, ObjectType};

    libipc::entry!(main);

    fn main() {
        let Some(endpoint) = libipc::env::initial_handle() else {
            println!("echo-service: started without an endpoint to serve");
            libipc::sys::exit(1);
        };
        // Kept to hand out send-only copies of the endpoint (`narrowed`).
        let own = endpoint.duplicate(Rights::from_constants(&[Rights::SEND, Rights::DUPLICATE, Rights::TRANSFER]));
        // Send-only, plus transfer so the reply can move it to the client.
        let send_only = Rights::from_constants(&[Rights::SEND, Rights::TRANSFER]);
        let narrower = move || {
            let copy = own.as_ref().ok()?.duplicate(send_only).ok()?;
            Some(rpc::Handle::from_ipc(copy, ObjectType::Endpoint, send_only))
        };
        let mut receiver = KernelReceiver::new(endpoint);
        let mut dispatcher = Dispatcher(EchoService::new(Box::new(narrower)));
        println!("echo-service: serving");
        let why = rpc::serve(&mut receiver, &mut dispatcher);
        println!("echo-service: stopped ({why:?})");
    }
}

/// On the host this crate is a library with tests; the program itself only
/// runs inside Barodia.
#[cfg(not(target_os = "none"))]
fn main() {
    eprintln!("echo-service runs inside Barodia: boot it with `just qemu`");
}
