//! Property tests: random operation sequences on a sender and a receiver
//! table, checked against the `HashMap` model after every step.

use proptest::prelude::*;

use super::model::Model;
use super::support::consistent;
use crate::{DuplicateError, Handle, HandleError, HandleTable, NotInTransit, Outgoing, Rights};

/// The most handles one test message carries.
const MAX: usize = 3;

/// One step of a random workload. `pick`s choose among every handle the
/// sender ever issued (so many are stale or in transit), or a made-up one.
#[derive(Clone, Debug)]
enum Operation {
    Insert(Rights),
    Get(usize),
    GetWith(usize, Rights),
    Duplicate(usize, Rights),
    Close(usize),
    Take(Vec<usize>, Rights),
    Deliver(usize),
    Restore(usize),
    Drain,
}

fn rights() -> impl Strategy<Value = Rights> {
    (0..=Rights::ALL.bits()).prop_map(|bits| Rights::from_bits(bits).unwrap())
}

fn operation() -> impl Strategy<Value = Operation> {
    prop_oneof![
        6 => rights().prop_map(Operation::Insert),
        3 => any::<usize>().prop_map(Operation::Get),
        2 => (any::<usize>(), rights()).prop_map(|(pick, rights)| Operation::GetWith(pick, rights)),
        3 => (any::<usize>(), rights()).prop_map(|(pick, rights)| Operation::Duplicate(pick, rights)),
        4 => any::<usize>().prop_map(Operation::Close),
        3 => (prop::collection::vec(any::<usize>(), 0..=MAX + 1), prop_oneof![Just(Rights::TRANSFER), Just(Rights::NONE)])
            .prop_map(|(picks, required)| Operation::Take(picks, required)),
        2 => any::<usize>().prop_map(Operation::Deliver),
        2 => any::<usize>().prop_map(Operation::Restore),
        1 => Just(Operation::Drain),
    ]
}

/// Both tables, their models, and what the test has seen so far.
struct World {
    sender: HandleTable<u32>,
    model: Model,
    receiver: HandleTable<u32>,
    receiver_model: Model,
    /// Every handle the sender issued, plus a few made-up ones.
    known: Vec<Handle>,
    /// Messages taken and not yet settled.
    pending: Vec<Outgoing<u32, MAX>>,
    /// The next object number: every object is unique.
    next_object: u32,
}

impl World {
    fn new(limit: usize, receiver_limit: usize) -> Self {
        Self {
            sender: HandleTable::new(limit).unwrap(),
            model: Model::new(limit),
            receiver: HandleTable::new(receiver_limit).unwrap(),
            receiver_model: Model::new(receiver_limit),
            // Zero, a malformed value, and a never-issued generation.
            known: vec![
                Handle::from_raw(0),
                Handle::from_raw(u64::MAX),
                Handle::new(0, 1 << 40),
            ],
            pending: Vec::new(),
            next_object: 0,
        }
    }

    fn pick(&self, pick: usize) -> Handle {
        self.known[pick % self.known.len()]
    }

    fn step(&mut self, operation: &Operation) {
        match operation {
            Operation::Insert(rights) => self.insert(*rights),
            Operation::Get(pick) => {
                let handle = self.pick(*pick);
                let got = self
                    .sender
                    .get(handle)
                    .map(|(&object, rights)| (object, rights));
                assert_eq!(
                    got,
                    self.model.get(handle).unwrap_or(Err(HandleError::Invalid))
                );
            }
            Operation::GetWith(pick, required) => {
                let handle = self.pick(*pick);
                let got = self.sender.get_with(handle, *required).copied();
                assert_eq!(
                    got,
                    self.model
                        .get_with(handle, *required)
                        .unwrap_or(Err(HandleError::Invalid))
                );
            }
            Operation::Duplicate(pick, rights) => self.duplicate(self.pick(*pick), *rights),
            Operation::Close(pick) => {
                let handle = self.pick(*pick);
                let expected = self.model.get(handle).unwrap_or(Err(HandleError::Invalid));
                assert_eq!(
                    self.sender.close(handle),
                    expected.map(|(object, _)| object)
                );
                if self.model.live.remove(&handle).is_some() {
                    self.model.dead.insert(handle);
                }
            }
            Operation::Take(picks, required) => {
                let handles: Vec<Handle> = picks.iter().map(|&pick| self.pick(pick)).collect();
                self.take(&handles, *required);
            }
            Operation::Deliver(pick) => self.deliver(*pick),
            Operation::Restore(pick) => self.restore(*pick),
            Operation::Drain => {
                let mut drained: Vec<_> = self.sender.drain().collect();
                let mut expected: Vec<_> = self
                    .model
                    .live
                    .iter()
                    .map(|(&handle, &(object, rights))| (handle, object, rights))
                    .collect();
                drained.sort_by_key(|&(handle, _, _)| handle);
                expected.sort_by_key(|&(handle, _, _)| handle);
                assert_eq!(drained, expected);
                self.model
                    .dead
                    .extend(self.model.live.drain().map(|(handle, _)| handle));
                self.model
                    .dead
                    .extend(self.model.in_transit.drain().map(|(handle, _)| handle));
            }
        }
    }

    fn insert(&mut self, rights: Rights) {
        let object = self.next_object;
        self.next_object += 1;
        match self.sender.insert(object, rights) {
            Ok(handle) => {
                assert_eq!(self.model.room_for(1), Ok(()));
                assert!(
                    !self.known.contains(&handle),
                    "handle {handle:?} issued twice"
                );
                self.model.live.insert(handle, (object, rights));
                self.known.push(handle);
            }
            Err(rejected) => {
                assert_eq!(Err(rejected.error), self.model.room_for(1));
                assert_eq!(rejected.returned, object);
            }
        }
    }

    fn duplicate(&mut self, handle: Handle, rights: Rights) {
        let expected = self
            .model
            .duplicate_error(handle, rights)
            .unwrap_or(Some(DuplicateError::Handle(HandleError::Invalid)));
        match self.sender.duplicate(handle, rights) {
            Ok(copy) => {
                assert_eq!(expected, None);
                let (object, held) = self.model.live[&handle];
                assert!(
                    rights.is_subset_of(held),
                    "duplicate widened {held} to {rights}"
                );
                assert_eq!(self.sender.get(copy), Ok((&object, rights)));
                assert!(!self.known.contains(&copy));
                self.model.live.insert(copy, (object, rights));
                self.known.push(copy);
            }
            Err(error) => assert_eq!(Some(error), expected),
        }
    }

    fn take(&mut self, handles: &[Handle], required: Rights) {
        let expected = self.model.take_error(handles, required, MAX);
        let before: Vec<_> = self
            .sender
            .iter()
            .map(|(handle, &object, rights)| (handle, object, rights))
            .collect();
        match self.sender.take_for_transfer::<MAX>(handles, required) {
            Ok(outgoing) => {
                assert_eq!(expected, None);
                assert_eq!(outgoing.origins().as_slice(), handles);
                for carried in outgoing.iter() {
                    let entry = self.model.live.remove(&carried.origin()).unwrap();
                    assert_eq!((*carried.object(), carried.rights()), entry);
                    self.model.in_transit.insert(carried.origin(), entry);
                }
                self.pending.push(outgoing);
            }
            Err(error) => {
                assert_eq!(Some(error), expected);
                let after: Vec<_> = self
                    .sender
                    .iter()
                    .map(|(handle, &object, rights)| (handle, object, rights))
                    .collect();
                assert_eq!(before, after, "a refused take changed the table");
            }
        }
    }

    fn deliver(&mut self, pick: usize) {
        if self.pending.is_empty() {
            return;
        }
        let outgoing = self.pending.swap_remove(pick % self.pending.len());
        let carried: Vec<(u32, Rights)> = outgoing
            .iter()
            .map(|carried| (*carried.object(), carried.rights()))
            .collect();
        match self.receiver.accept_transfer(outgoing) {
            Ok(accepted) => {
                assert_eq!(self.receiver_model.room_for(carried.len()), Ok(()));
                for (&handle, &entry) in accepted.received.as_slice().iter().zip(&carried) {
                    assert_eq!(
                        self.receiver
                            .get(handle)
                            .map(|(&object, rights)| (object, rights)),
                        Ok(entry)
                    );
                    self.receiver_model.live.insert(handle, entry);
                }
                let origins = accepted.origins.as_slice();
                let settled = origins
                    .iter()
                    .all(|origin| self.model.in_transit.contains_key(origin));
                let released = self.sender.release(origins);
                assert_eq!(released.is_ok(), settled);
                for origin in origins {
                    if self.model.in_transit.remove(origin).is_some() {
                        self.model.dead.insert(*origin);
                    }
                }
            }
            Err(rejected) => {
                assert_eq!(
                    Err(rejected.error),
                    self.receiver_model.room_for(carried.len())
                );
                self.pending.push(rejected.returned);
            }
        }
    }

    fn restore(&mut self, pick: usize) {
        if self.pending.is_empty() {
            return;
        }
        let outgoing = self.pending.swap_remove(pick % self.pending.len());
        let origins = outgoing.origins();
        let settled = origins
            .as_slice()
            .iter()
            .position(|origin| !self.model.in_transit.contains_key(origin));
        match self.sender.restore(outgoing) {
            Ok(()) => {
                assert_eq!(settled, None);
                for origin in origins.as_slice() {
                    let entry = self.model.in_transit.remove(origin).unwrap();
                    self.model.live.insert(*origin, entry);
                    assert_eq!(
                        self.sender
                            .get(*origin)
                            .map(|(&object, rights)| (object, rights)),
                        Ok(entry)
                    );
                }
            }
            Err(rejected) => {
                assert_eq!(
                    Some(rejected.error),
                    settled.map(|position| NotInTransit { position })
                );
                assert_eq!(rejected.returned.origins(), origins);
            }
        }
    }

    fn check(&self) {
        let limit = self.sender.limit();
        assert!(self.sender.len() + self.sender.in_transit() <= limit);
        assert_eq!(self.sender.len(), self.model.live.len());
        assert_eq!(self.sender.in_transit(), self.model.in_transit.len());
        assert_eq!(self.receiver.len(), self.receiver_model.live.len());
        assert!(consistent(&self.sender) && consistent(&self.receiver));
        for &dead in &self.model.dead {
            assert_eq!(
                self.sender.get(dead).map(|_| ()),
                Err(HandleError::Stale),
                "{dead:?}"
            );
        }
        for (&handle, &(object, rights)) in &self.model.live {
            assert_eq!(self.sender.get(handle), Ok((&object, rights)));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Every operation matches the model; stale handles never resolve,
    /// duplicates never widen, the limit holds, refused transfers change
    /// nothing, and closing returns the inserted object.
    #[test]
    fn table_matches_model(
        limit in 0usize..12,
        receiver_limit in 0usize..8,
        operations in prop::collection::vec(operation(), 0..200),
    ) {
        let mut world = World::new(limit, receiver_limit);
        for operation in &operations {
            world.step(operation);
            world.check();
        }
    }

    /// One slot reused many times never lets an old handle through.
    #[test]
    fn churning_one_slot_keeps_old_handles_stale(rounds in 1usize..300) {
        let mut table = HandleTable::new(1).unwrap();
        let mut old = Vec::new();
        for object in 0..rounds {
            let handle = table.insert(object, Rights::SEND).unwrap();
            for &stale in &old {
                prop_assert_eq!(table.get(stale), Err(HandleError::Stale));
            }
            prop_assert_eq!(table.close(handle), Ok(object));
            old.push(handle);
        }
    }
}
