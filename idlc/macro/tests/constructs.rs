//! Every golden `.idl` file (one per construct) compiles through the macro, so
//! the golden snapshots in `idlc/core/tests/golden/` are known to be valid Rust.

#![allow(dead_code, reason = "the generated items are compiled, not all used")]

mod primitives {
    idlc_macro::interface!("../core/tests/golden/primitives.idl");
}

mod bounded {
    idlc_macro::interface!("../core/tests/golden/bounded.idl");
}

mod structs_enums {
    idlc_macro::interface!("../core/tests/golden/structs_enums.idl");
}

mod handles {
    idlc_macro::interface!("../core/tests/golden/handles.idl");
}

mod names {
    idlc_macro::interface!("../core/tests/golden/names.idl");
}

mod leases_grants {
    idlc_macro::interface!("../core/tests/golden/leases_grants.idl");
}

mod deferred {
    idlc_macro::interface!("../core/tests/golden/deferred.idl");
}

use libipc::rpc::{CallError, Grant, GrantMode, LeaseIn, LeaseOut, Loopback, Rights};

/// A block device over a 4-block array, to drive leases and grants.
#[derive(Default)]
struct Disk {
    blocks: [[u8; 16]; 4],
    attached_pages: u32,
}

impl leases_grants::block::Server for Disk {
    fn read(
        &mut self,
        index: u64,
        mut into: LeaseOut<'_>,
    ) -> Result<u32, leases_grants::BlockError> {
        let block = usize::try_from(index)
            .ok()
            .and_then(|index| self.blocks.get(index))
            .ok_or(leases_grants::BlockError::OutOfRange)?;
        let len = into.len().min(block.len());
        into.write(0, &block[..len])
            .map_err(|_| leases_grants::BlockError::OutOfRange)?;
        Ok(u32::try_from(len).unwrap_or(0))
    }

    fn write(&mut self, index: u64, from: LeaseIn<'_>) -> Result<(), leases_grants::BlockError> {
        let block = usize::try_from(index)
            .ok()
            .and_then(|index| self.blocks.get_mut(index))
            .ok_or(leases_grants::BlockError::OutOfRange)?;
        let len = from.len().min(block.len());
        from.read(0, &mut block[..len])
            .map_err(|_| leases_grants::BlockError::OutOfRange)
    }

    fn attach(&mut self, buffer: Grant) -> Result<(), leases_grants::BlockError> {
        self.attached_pages += buffer.pages;
        Ok(())
    }

    fn donate(&mut self, pages: Grant) {
        self.attached_pages += pages.pages;
    }
}

#[test]
fn leases_and_grants_work_through_generated_code() {
    let mut client = leases_grants::block::Client::connect(Loopback::new(
        leases_grants::block::Dispatcher(Disk::default()),
    ))
    .unwrap();
    client.write(2, b"sixteen bytes!!!").unwrap();
    let mut buffer = [0u8; 16];
    assert_eq!(client.read(2, &mut buffer), Ok(16));
    assert_eq!(&buffer, b"sixteen bytes!!!");
    assert_eq!(
        client.read(9, &mut buffer),
        Err(CallError::Interface(leases_grants::BlockError::OutOfRange))
    );
    let shared = Grant {
        pages: 8,
        rights: Rights::from_constants(&[Rights::MAP_READ, Rights::MAP_WRITE]),
        mode: GrantMode::Shared,
        memory: None,
    };
    assert_eq!(client.attach(shared), Ok(()));
    let wrong_mode = Grant {
        pages: 8,
        rights: Rights::from_constants(&[Rights::MAP_READ, Rights::MAP_WRITE]),
        mode: GrantMode::Moved,
        memory: None,
    };
    assert_eq!(
        client.attach(wrong_mode),
        Err(CallError::Protocol(libipc::rpc::ProtocolError::BadGrant))
    );
    let too_many = Grant {
        pages: 65,
        rights: Rights::from_constants(&[Rights::MAP_READ, Rights::MAP_WRITE]),
        mode: GrantMode::Shared,
        memory: None,
    };
    assert_eq!(
        client.attach(too_many),
        Err(CallError::Protocol(libipc::rpc::ProtocolError::BadGrant))
    );
    client
        .donate(Grant {
            pages: 2,
            rights: Rights::MAP_READ,
            mode: GrantMode::Moved,
            memory: None,
        })
        .unwrap();
    assert_eq!(client.channel().dispatcher().0.attached_pages, 10);
}

mod devices {
    idlc_macro::interface!("../core/tests/golden/devices.idl");
}

/// Kernel-object capabilities check the object type and rights the kernel
/// reports: an IRQ handle where an IRQ belongs passes, an endpoint does not.
#[test]
fn kernel_object_capabilities_check_type_and_rights() {
    use libipc::rpc::{ObjectType, test_handles};

    #[derive(Default)]
    struct Driver {
        interrupts: u32,
    }
    impl devices::driver_setup::Server for Driver {
        fn interrupt(&mut self, _line: libipc::rpc::Handle) {
            self.interrupts += 1;
        }
        fn ports(&mut self, range: libipc::rpc::Handle) -> bool {
            range.rights().contains(Rights::PORT_READ)
        }
        fn memory(&mut self, _window: libipc::rpc::Handle) {}
        fn process(&mut self) -> libipc::rpc::Handle {
            test_handles::create(ObjectType::Process, Rights::WAIT)
        }
        fn peer(&mut self, _service: libipc::rpc::Handle) {}
    }
    let mut client = devices::driver_setup::Client::connect(Loopback::new(
        devices::driver_setup::Dispatcher(Driver::default()),
    ))
    .unwrap();
    let wait_signal = Rights::from_constants(&[Rights::WAIT, Rights::SIGNAL]);
    client.interrupt(test_handles::create(ObjectType::Irq, wait_signal)).unwrap();
    assert_eq!(client.channel().dispatcher().0.interrupts, 1);
    let ports = test_handles::create(ObjectType::IoPorts, Rights::PORT_READ);
    assert_eq!(client.ports(ports), Ok(true));
    let endpoint_as_ports = test_handles::create(ObjectType::Endpoint, Rights::ALL);
    assert_eq!(
        client.ports(endpoint_as_ports),
        Err(CallError::Protocol(libipc::rpc::ProtocolError::WrongHandleType))
    );
    let write_only = test_handles::create(ObjectType::IoPorts, Rights::PORT_WRITE);
    assert_eq!(
        client.ports(write_only),
        Err(CallError::Protocol(libipc::rpc::ProtocolError::WrongHandleRights))
    );
    let process = client.process().unwrap();
    assert_eq!(process.object(), ObjectType::Process);
}

/// Every kind of deferred reply (a `Result`, nothing, a value, a handle)
/// through its generated responder, answered during dispatch or later, and
/// a responder moved to another thread.
#[test]
fn deferred_methods_answer_through_their_responders() {
    use deferred::console::{
        Client, Dispatcher, FlushResponder, NextKeyResponder, OpenResponder, ReadResponder, Server,
    };
    use libipc::rpc::{ObjectType, ProtocolError, TransportError, decode_reply, test_handles};
    use libipc::wire::BoundedBytes;

    #[derive(Default)]
    struct Console {
        reads: Vec<ReadResponder>,
        written: u32,
    }
    impl Server for Console {
        fn read(&mut self, max: u32, responder: ReadResponder) {
            // Kept until `write` supplies input; `max == 0` is refused now.
            if max == 0 {
                responder.reply(Err(deferred::ReadError::Closed));
            } else {
                self.reads.push(responder);
            }
        }
        fn flush(&mut self, responder: FlushResponder) {
            responder.reply();
        }
        fn next_key(&mut self, responder: u8, __responder: NextKeyResponder) {
            // Answered from another thread: responders are `Send + 'static`.
            std::thread::spawn(move || __responder.reply(u32::from(responder) + 1))
                .join()
                .unwrap();
        }
        fn open(&mut self, responder: OpenResponder) {
            responder.reply(test_handles::create(ObjectType::Endpoint, Rights::SEND));
        }
        fn write(&mut self, text: libipc::wire::BoundedString<64>) {
            self.written += 1;
            let bytes = BoundedBytes::try_from_slice(text.as_str().as_bytes()).unwrap();
            for read in self.reads.drain(..) {
                read.reply(Ok(bytes));
            }
        }
    }
    let mut client = Client::connect(Loopback::new(Dispatcher(Console::default()))).unwrap();
    assert_eq!(client.flush(), Ok(()));
    assert_eq!(client.next_key(6), Ok(7));
    assert_eq!(client.open().unwrap().object(), ObjectType::Endpoint);
    assert_eq!(
        client.read(0),
        Err(CallError::Interface(deferred::ReadError::Closed))
    );
    assert_eq!(
        client.read(16),
        Err(CallError::Transport(TransportError::Deferred))
    );
    client
        .write(libipc::wire::BoundedString::try_from_str("key").unwrap())
        .unwrap();
    let late = client.channel().late_reply().unwrap();
    let bytes = decode_reply::<BoundedBytes<256>, deferred::ReadError>(late).unwrap();
    assert_eq!(bytes.as_slice(), b"key");
    // A responder dropped unanswered answers `Abandoned`.
    assert_eq!(
        client.read(16),
        Err(CallError::Transport(TransportError::Deferred))
    );
    let mut loopback = client.into_channel();
    loopback.dispatcher_mut().0.reads.clear();
    assert_eq!(
        decode_reply::<BoundedBytes<256>, deferred::ReadError>(loopback.late_reply().unwrap()),
        Err(CallError::Protocol(ProtocolError::Abandoned))
    );
}
