//! What the fuzz targets share: generated interfaces and trivial servers.
//!
//! Every `.idl` file that the golden tests use (one per language construct:
//! primitives, bounded strings, bytes and vectors, structs and enums, handles,
//! leases and grants, awkward names, deferred methods) plus the template interface is compiled
//! here with `idlc_macro::interface!`, exactly as a service would. Each
//! interface gets a small server that does something plausible with its
//! arguments (reads and writes leases, keeps or drops handles, returns values
//! near their bounds), so the fuzzers drive the generated dispatch all the way
//! through to an encoded reply.
//!
//! Host only; built by cargo-fuzz (see `docs/fuzz.md`), never by the workspace.
#![forbid(unsafe_code)]

use libipc::rpc::{Channel, Dispatch, Grant, Handle, LeaseIn, LeaseOut, Loopback, Reply, Request};
use libipc::wire::{BoundedBytes, BoundedString, BoundedVec};

/// `idl/template.idl`: the echo service (strings, vecs, one-way, leases,
/// structs, enums, handles in and out).
pub mod template {
    #![allow(missing_docs, reason = "the generated items carry the .idl docs")]
    idlc_macro::interface!("../idl/template.idl");
}

/// `primitives.idl`: every fixed-width integer and `bool`.
pub mod primitives {
    #![allow(missing_docs, reason = "the generated items carry the .idl docs")]
    idlc_macro::interface!("../idlc/core/tests/golden/primitives.idl");
}

/// `bounded.idl`: `string<N>`, `bytes<N>`, `vec<string, N>`, `array<u8, N>`.
pub mod bounded {
    #![allow(missing_docs, reason = "the generated items carry the .idl docs")]
    idlc_macro::interface!("../idlc/core/tests/golden/bounded.idl");
}

/// `structs_enums.idl`: nested structs, enums with explicit values.
pub mod structs_enums {
    #![allow(missing_docs, reason = "the generated items carry the .idl docs")]
    idlc_macro::interface!("../idlc/core/tests/golden/structs_enums.idl");
}

/// `handles.idl`: `cap<...>` parameters and a handle in the reply.
pub mod handles {
    #![allow(missing_docs, reason = "the generated items carry the .idl docs")]
    idlc_macro::interface!("../idlc/core/tests/golden/handles.idl");
}

/// `leases_grants.idl`: `lease_in`, `lease_out`, shared and moved grants.
pub mod leases_grants {
    #![allow(missing_docs, reason = "the generated items carry the .idl docs")]
    idlc_macro::interface!("../idlc/core/tests/golden/leases_grants.idl");
}

/// `names.idl`: parameters named like the generated code's locals and keywords,
/// mixing a handle, a lease and a grant in one method.
pub mod names {
    #![allow(missing_docs, reason = "the generated items carry the .idl docs")]
    idlc_macro::interface!("../idlc/core/tests/golden/names.idl");
}

/// `deferred.idl`: methods answered through a responder.
pub mod deferred {
    #![allow(missing_docs, reason = "the generated items carry the .idl docs")]
    idlc_macro::interface!("../idlc/core/tests/golden/deferred.idl");
}

/// How many interfaces [`call`] can reach.
pub const INTERFACES: usize = 8;

/// Sends `request` through a [`Loopback`] to a fresh server of interface
/// `interface % INTERFACES` and returns its reply.
///
/// `None` only if the loopback itself fails, which it never should while
/// connected: the fuzz targets treat that as a failure too.
pub fn call(interface: usize, request: Request<'_>) -> Option<Reply> {
    fn through<D: Dispatch>(dispatcher: D, request: Request<'_>) -> Option<Reply> {
        Loopback::new(dispatcher).call(request).ok()
    }
    match interface % INTERFACES {
        0 => through(template::echo::Dispatcher(Echo::default()), request),
        1 => through(primitives::numbers::Dispatcher(Numbers), request),
        2 => through(bounded::store::Dispatcher(Store::default()), request),
        3 => through(structs_enums::canvas::Dispatcher(Canvas), request),
        4 => through(handles::registry::Dispatcher(Registry::default()), request),
        5 => through(leases_grants::block::Dispatcher(Block::default()), request),
        6 => through(deferred::console::Dispatcher(Console), request),
        _ => through(names::tricky::Dispatcher(Tricky::default()), request),
    }
}

/// The largest operation number any interface here uses, plus one: operations
/// at or above it are unknown everywhere.
pub const OPERATIONS: u32 = 12;

/// The echo server: the same behaviour as the one in `idlc/macro/tests`.
#[derive(Debug, Default)]
pub struct Echo {
    pings: u32,
    adopted: Vec<Handle>,
}

impl template::echo::Server for Echo {
    fn echo(&mut self, text: BoundedString<256>) -> BoundedString<256> {
        text
    }

    fn sum(&mut self, values: BoundedVec<u32, 64>) -> Result<u64, template::EchoError> {
        values
            .iter()
            .try_fold(0u64, |sum, value| sum.checked_add(u64::from(*value)))
            .ok_or(template::EchoError::Overflow)
    }

    fn ping(&mut self, _sequence: u32) {
        self.pings = self.pings.wrapping_add(1);
    }

    fn count_nonzero(&mut self, data: LeaseIn<'_>) -> Result<u32, template::EchoError> {
        let bytes = read_all(&data).ok_or(template::EchoError::Denied)?;
        if bytes.is_empty() {
            return Err(template::EchoError::Empty);
        }
        u32::try_from(bytes.iter().filter(|byte| **byte != 0).count())
            .map_err(|_| template::EchoError::Overflow)
    }

    fn fill(&mut self, buffer: LeaseOut<'_>, fill: u8) -> u32 {
        fill_all(buffer, fill)
    }

    fn tag(&mut self, color: template::Color, point: template::Point) -> template::Tagged {
        template::Tagged {
            point: point.clone(),
            color,
            visible: color != template::Color::Blue,
            label: BoundedString::try_from_str("sixteen bytes!!!").unwrap_or_default(),
            corners: [point.clone(), point.clone(), point.clone(), point],
        }
    }

    fn narrowed(&mut self) -> Result<Handle, template::EchoError> {
        Ok(libipc::rpc::test_handles::create(
            libipc::rpc::ObjectType::Endpoint,
            libipc::rpc::Rights::SEND,
        ))
    }

    fn adopt(&mut self, peer: Handle) -> bool {
        self.adopted.push(peer);
        true
    }

    fn wait_for_ping(&mut self, responder: template::echo::WaitForPingResponder) {
        // Answered at once: a loopback call still deferred after dispatch
        // would count as a failed call here.
        responder.reply(self.pings);
    }

    fn checksum(&mut self, pages: libipc::rpc::Grant) -> Result<u64, template::EchoError> {
        // Test servers see descriptions only (no memory on the host).
        Ok(u64::from(pages.pages))
    }
}

/// The primitives server: adds up its arguments with wrapping arithmetic.
#[derive(Debug, Default)]
pub struct Numbers;

impl primitives::numbers::Server for Numbers {
    fn add(
        &mut self,
        a: u8,
        b: u16,
        c: u32,
        d: u64,
        e: i8,
        f: i16,
        g: i32,
        h: i64,
        flag: bool,
    ) -> i64 {
        [
            i64::from(a),
            i64::from(b),
            i64::from(c),
            d as i64,
            i64::from(e),
            i64::from(f),
            i64::from(g),
            h,
            i64::from(flag),
        ]
        .into_iter()
        .fold(0i64, i64::wrapping_add)
    }

    fn nothing(&mut self) {}
}

/// The bounded-types server: a store of at most 16 keys.
#[derive(Debug, Default)]
pub struct Store {
    keys: BoundedVec<BoundedString<64>, 16>,
}

impl bounded::store::Server for Store {
    fn put(
        &mut self,
        key: BoundedString<64>,
        value: BoundedBytes<1024>,
    ) -> Result<(), bounded::StoreError> {
        if value.is_empty() {
            return Err(bounded::StoreError::NotFound);
        }
        self.keys.push(key).map_err(|_| bounded::StoreError::Full)
    }

    fn list(&mut self) -> BoundedVec<BoundedString<64>, 16> {
        // Always a full list of full-length keys: the largest reply there is.
        let mut keys = self.keys;
        let long = BoundedString::try_from_str(&"k".repeat(64)).unwrap_or_default();
        while keys.push(long).is_ok() {}
        keys
    }

    fn digest(&mut self, key: BoundedString<64>) -> [u8; 32] {
        let mut digest = [0u8; 32];
        for (index, byte) in key.as_str().bytes().enumerate() {
            if let Some(slot) = digest.get_mut(index % 32) {
                *slot ^= byte;
            }
        }
        digest
    }
}

/// The structs-and-enums server: measures a line.
#[derive(Debug, Default)]
pub struct Canvas;

impl structs_enums::canvas::Server for Canvas {
    fn line(
        &mut self,
        from: structs_enums::Point,
        to: structs_enums::Point,
        style: structs_enums::Style,
    ) -> Result<u32, structs_enums::DrawError> {
        if style.color == structs_enums::Color::White {
            return Err(structs_enums::DrawError::OutOfBounds);
        }
        let dx = i64::from(to.x) - i64::from(from.x);
        let dy = i64::from(to.y) - i64::from(from.y);
        u32::try_from(dx.unsigned_abs().max(dy.unsigned_abs()))
            .map_err(|_| structs_enums::DrawError::OutOfBounds)
    }
}

/// The handles server: registers endpoints under names and hands out copies.
#[derive(Debug, Default)]
pub struct Registry {
    names: Vec<(BoundedString<32>, Handle)>,
}

impl handles::registry::Server for Registry {
    fn register(
        &mut self,
        name: BoundedString<32>,
        service: Handle,
    ) -> Result<(), handles::RegistryError> {
        if self.names.iter().any(|(known, _)| *known == name) {
            return Err(handles::RegistryError::Taken);
        }
        self.names.push((name, service));
        Ok(())
    }

    fn lookup(&mut self, name: BoundedString<32>) -> Result<Handle, handles::RegistryError> {
        if name.is_empty() {
            return Err(handles::RegistryError::Unknown);
        }
        Ok(libipc::rpc::test_handles::create(
            libipc::rpc::ObjectType::Endpoint,
            libipc::rpc::Rights::SEND,
        ))
    }

    fn clear(&mut self) {
        self.names.clear();
    }
}

/// The leases-and-grants server: a block device over four 16-byte blocks.
#[derive(Debug, Default)]
pub struct Block {
    blocks: [[u8; 16]; 4],
    pages: u32,
}

impl leases_grants::block::Server for Block {
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
        let bytes = block
            .get(..len)
            .ok_or(leases_grants::BlockError::OutOfRange)?;
        into.write(0, bytes)
            .map_err(|_| leases_grants::BlockError::OutOfRange)?;
        u32::try_from(len).map_err(|_| leases_grants::BlockError::OutOfRange)
    }

    fn write(&mut self, index: u64, from: LeaseIn<'_>) -> Result<(), leases_grants::BlockError> {
        let block = usize::try_from(index)
            .ok()
            .and_then(|index| self.blocks.get_mut(index))
            .ok_or(leases_grants::BlockError::OutOfRange)?;
        let len = from.len().min(block.len());
        let target = block
            .get_mut(..len)
            .ok_or(leases_grants::BlockError::OutOfRange)?;
        from.read(0, target)
            .map_err(|_| leases_grants::BlockError::OutOfRange)
    }

    fn attach(&mut self, buffer: Grant) -> Result<(), leases_grants::BlockError> {
        self.pages = self.pages.saturating_add(buffer.pages);
        Ok(())
    }

    fn donate(&mut self, pages: Grant) {
        self.pages = self.pages.saturating_add(pages.pages);
    }
}

/// The awkward-names server: one method takes a handle, a lease and inline
/// arguments; another a grant, a handle and a `bool`.
#[derive(Debug, Default)]
pub struct Tricky {
    kept: Vec<Handle>,
}

impl names::tricky::Server for Tricky {
    fn call(
        &mut self,
        request: Handle,
        payload: LeaseIn<'_>,
        reply: u8,
        result: BoundedString<8>,
        r#type: u32,
    ) -> Result<u32, names::Match> {
        self.kept.push(request);
        let bytes = read_all(&payload).ok_or(names::Match::Loop)?;
        let total = bytes.len() + usize::from(reply) + result.len();
        u32::try_from(total)
            .map(|total| total.wrapping_add(r#type))
            .map_err(|_| names::Match::Loop)
    }

    fn serve(&mut self, _server: Grant, arguments: Handle, error: bool) {
        if !error {
            self.kept.push(arguments);
        }
    }

    fn r#impl(&mut self) {}
}

/// The deferred console: answers during dispatch, or drops the responder
/// (the caller gets `Abandoned`), never leaves a call open.
#[derive(Debug, Default)]
pub struct Console;

impl deferred::console::Server for Console {
    fn read(&mut self, max: u32, responder: deferred::console::ReadResponder) {
        let len = usize::try_from(max).unwrap_or(usize::MAX).min(256);
        match BoundedBytes::try_from_slice(&vec![b'k'; len]) {
            Ok(bytes) if max > 0 => responder.reply(Ok(bytes)),
            _ => responder.reply(Err(deferred::ReadError::Closed)),
        }
    }

    fn flush(&mut self, responder: deferred::console::FlushResponder) {
        responder.reply();
    }

    fn next_key(&mut self, responder: u8, __responder: deferred::console::NextKeyResponder) {
        if responder % 2 == 0 {
            __responder.reply(u32::from(responder));
        }
        // Odd: dropped unanswered, which answers `Abandoned`.
    }

    fn open(&mut self, responder: deferred::console::OpenResponder) {
        responder.reply(libipc::rpc::test_handles::create(
            libipc::rpc::ObjectType::Endpoint,
            libipc::rpc::Rights::SEND,
        ));
    }

    fn write(&mut self, _text: BoundedString<64>) {}
}

/// Reads a whole lease, as a server would.
fn read_all(lease: &LeaseIn<'_>) -> Option<Vec<u8>> {
    let mut bytes = vec![0u8; lease.len()];
    lease.read(0, &mut bytes).ok()?;
    Some(bytes)
}

/// Fills a whole lease with `fill`; returns how many bytes it wrote.
fn fill_all(mut lease: LeaseOut<'_>, fill: u8) -> u32 {
    let bytes = vec![fill; lease.len()];
    match lease.write(0, &bytes) {
        Ok(()) => u32::try_from(bytes.len()).unwrap_or(0),
        Err(_) => 0,
    }
}
