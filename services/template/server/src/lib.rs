//! The Echo service's logic: an `echo::Server` implementation, kept apart
//! from the program's entry point so host tests can drive it through a
//! `Loopback` with no kernel at all.
//!
//! Copy this crate (and `../api`) to start a new service: rename, change the
//! `.idl` file, and let the compiler list the `Server` methods to write.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

use alloc::boxed::Box;

use echo_api::{Color, EchoError, Point, Tagged, echo};
use libipc::rpc::{Grant, Handle, LeaseIn, LeaseOut, ObjectType, Rights};
use libipc::wire::{BoundedString, BoundedVec};

/// Makes a send-only copy of the service's own endpoint, for `narrowed`
/// (`None` if it cannot).
pub type Narrower = Box<dyn FnMut() -> Option<Handle>>;

/// The service's state.
pub struct EchoService {
    /// How many pings arrived.
    pub pings: u32,
    /// The last ping's sequence number.
    pub last_ping: Option<u32>,
    /// Endpoints clients handed over with `adopt`.
    pub adopted: u32,
    /// The caller of `wait_for_ping` waiting for the next ping, if any.
    waiter: Option<echo::WaitForPingResponder>,
    narrower: Narrower,
}

impl EchoService {
    /// A service whose `narrowed` answers with what `narrower` makes.
    pub fn new(narrower: Narrower) -> Self {
        EchoService { pings: 0, last_ping: None, adopted: 0, waiter: None, narrower }
    }

    /// True while a `wait_for_ping` caller waits.
    pub fn has_waiter(&self) -> bool {
        self.waiter.is_some()
    }
}

impl core::fmt::Debug for EchoService {
    fn fmt(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        formatter
            .debug_struct("EchoService")
            .field("pings", &self.pings)
            .field("last_ping", &self.last_ping)
            .field("adopted", &self.adopted)
            .field("waiter", &self.waiter)
            .finish_non_exhaustive()
    }
}

impl echo::Server for EchoService {
    fn echo(&mut self, text: BoundedString<256>) -> BoundedString<256> {
        text
    }

    fn sum(&mut self, values: BoundedVec<u32, 64>) -> Result<u64, EchoError> {
        // 64 values of at most 2^32 - 1 cannot overflow a u64, but the
        // interface promises `Overflow` rather than a wrap, so check anyway.
        values.iter().try_fold(0u64, |total, value| total.checked_add(u64::from(*value))).ok_or(EchoError::Overflow)
    }

    fn ping(&mut self, sequence: u32) {
        self.pings = self.pings.saturating_add(1);
        self.last_ping = Some(sequence);
        // The deferred answer: the waiting caller returns only now.
        if let Some(waiter) = self.waiter.take() {
            waiter.reply(sequence);
        }
    }

    fn count_nonzero(&mut self, data: LeaseIn<'_>) -> Result<u32, EchoError> {
        if data.is_empty() {
            return Err(EchoError::Empty);
        }
        let mut chunk = [0u8; 256];
        let mut count = 0u32;
        let mut offset = 0;
        while offset < data.len() {
            let piece = chunk.len().min(data.len() - offset);
            let buffer = &mut chunk[..piece];
            data.read(offset, buffer).map_err(|_| EchoError::Denied)?;
            count += buffer.iter().filter(|byte| **byte != 0).count() as u32;
            offset += piece;
        }
        Ok(count)
    }

    fn fill(&mut self, mut buffer: LeaseOut<'_>, fill: u8) -> u32 {
        let chunk = [fill; 256];
        let mut offset = 0;
        while offset < buffer.len() {
            let piece = chunk.len().min(buffer.len() - offset);
            if buffer.write(offset, &chunk[..piece]).is_err() {
                break;
            }
            offset += piece;
        }
        offset as u32
    }

    fn tag(&mut self, color: Color, point: Point) -> Tagged {
        let label = match color {
            Color::Red => "red",
            Color::Green => "green",
            Color::Blue => "blue",
        };
        let (x, y) = (point.x, point.y);
        let corner = |dx: i32, dy: i32| Point { x: x.saturating_add(dx), y: y.saturating_add(dy) };
        Tagged {
            point,
            color,
            visible: x >= 0 && y >= 0,
            label: BoundedString::try_from_str(label).unwrap_or_default(),
            corners: [corner(-1, -1), corner(1, -1), corner(1, 1), corner(-1, 1)],
        }
    }

    fn narrowed(&mut self) -> Result<Handle, EchoError> {
        (self.narrower)().ok_or(EchoError::Denied)
    }

    fn checksum(&mut self, pages: Grant) -> Result<u64, EchoError> {
        let pages = pages.mapped().ok_or(EchoError::Denied)?;
        let mut chunk = [0u8; 256];
        let mut sum = 0u64;
        for offset in (0..pages.len()).step_by(chunk.len()) {
            pages.read(offset, &mut chunk).map_err(|_| EchoError::Denied)?;
            sum += chunk.iter().map(|byte| u64::from(*byte)).sum::<u64>();
        }
        // Dropping `pages` (with the grant) unmaps them here.
        Ok(sum)
    }

    fn wait_for_ping(&mut self, responder: echo::WaitForPingResponder) {
        if self.waiter.is_some() {
            // One waiter at a time, as the interface promises: dropping the
            // newcomer's responder answers it `ProtocolError::Abandoned`.
            drop(responder);
            return;
        }
        self.waiter = Some(responder);
    }

    fn adopt(&mut self, peer: Handle) -> bool {
        // The dispatcher has checked type and rights; a real service would
        // keep the handle. This one counts it and lets it close.
        let accepted = peer.object() == ObjectType::Endpoint && peer.rights().contains(Rights::SEND);
        self.adopted += u32::from(accepted);
        accepted
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    use echo_api::echo::{Client, Dispatcher};
    use libipc::rpc::{CallError, Loopback, ProtocolError, TransportError, decode_reply};

    use super::*;

    fn client() -> Client<Loopback<Dispatcher<EchoService>>> {
        let service = EchoService::new(Box::new(|| None));
        Client::connect(Loopback::new(Dispatcher(service))).expect("connect")
    }

    #[test]
    fn echoes_sums_and_tags() {
        let mut client = client();
        let text = BoundedString::try_from_str("hello, service").unwrap();
        assert_eq!(client.echo(text).unwrap().as_str(), "hello, service");
        let values = BoundedVec::try_from_slice(&[1, 2, 3, u32::MAX]).unwrap();
        assert_eq!(client.sum(values).unwrap(), 6 + u64::from(u32::MAX));
        let tagged = client.tag(Color::Green, Point { x: 3, y: -4 }).unwrap();
        assert_eq!(tagged.label.as_str(), "green");
        assert!(!tagged.visible);
        assert_eq!(tagged.corners[2], Point { x: 4, y: -3 });
    }

    #[test]
    fn leases_both_ways() {
        let mut client = client();
        assert_eq!(client.count_nonzero(&[0, 1, 0, 2, 3]).unwrap(), 3);
        assert!(matches!(client.count_nonzero(&[]), Err(CallError::Interface(EchoError::Empty))));
        let mut buffer = [0u8; 300];
        assert_eq!(client.fill(&mut buffer, 7).unwrap(), 300);
        assert!(buffer.iter().all(|byte| *byte == 7));
    }

    #[test]
    fn pings_are_one_way_and_narrowing_can_be_denied() {
        let mut client = client();
        client.ping(41).unwrap();
        client.ping(42).unwrap();
        assert!(matches!(client.narrowed(), Err(CallError::Interface(EchoError::Denied))));
        let service = &client.channel().dispatcher().0;
        assert_eq!((service.pings, service.last_ping), (2, Some(42)));
    }

    #[test]
    fn a_wait_for_ping_is_answered_by_the_next_ping() {
        let mut client = client();
        // The loopback runs the service in this thread, so it cannot block:
        // it reports the deferral by name and keeps the slot for the answer.
        assert_eq!(client.wait_for_ping(), Err(CallError::Transport(TransportError::Deferred)));
        assert!(client.channel().dispatcher().0.has_waiter());
        assert!(client.channel().late_reply().is_none(), "no ping yet");
        client.ping(7).unwrap();
        let late = client.channel().late_reply().expect("answered by the ping");
        assert_eq!(decode_reply::<u32, core::convert::Infallible>(late), Ok(7));
        assert!(!client.channel().dispatcher().0.has_waiter());
    }

    #[test]
    fn a_second_waiter_is_dropped_with_a_named_error() {
        let mut client = client();
        assert_eq!(client.wait_for_ping(), Err(CallError::Transport(TransportError::Deferred)));
        assert_eq!(client.wait_for_ping(), Err(CallError::Protocol(ProtocolError::Abandoned)));
        // The first waiter still gets its ping.
        client.ping(8).unwrap();
        let late = client.channel().late_reply().expect("answered by the ping");
        assert_eq!(decode_reply::<u32, core::convert::Infallible>(late), Ok(8));
    }

    #[test]
    fn the_logic_answers_a_responder_made_by_hand() {
        use alloc::sync::Arc;
        use echo::Server;
        use libipc::rpc::{Reply, Responder};
        // No transport at all: the responder's sink records the answer.
        let answer: Arc<std::sync::Mutex<Option<Reply>>> = Arc::default();
        let sink = Arc::clone(&answer);
        let responder = Responder::new(move |reply| *sink.lock().unwrap() = Some(reply));
        let mut service = EchoService::new(Box::new(|| None));
        service.wait_for_ping(echo::WaitForPingResponder::new(responder));
        service.ping(3);
        let reply = answer.lock().unwrap().take().expect("answered");
        assert_eq!(decode_reply::<u32, core::convert::Infallible>(reply), Ok(3));
    }
}
