//! Moving handles between tables: all or none, and back on failure.

use super::support::{ALL, consistent, insert, table};
use crate::{
    DuplicateError, Handle, HandleError, HandleTable, NotInTransit, Outgoing, Rights, TableError,
    TransferError,
};

/// The most handles one test message carries.
const MAX: usize = 4;

/// A sender holding objects 10, 11, 12 with every right, and their handles.
fn sender() -> (HandleTable<u32>, Vec<Handle>) {
    let mut table = table(8);
    let handles = (10..13).map(|object| insert(&mut table, object)).collect();
    (table, handles)
}

/// Takes `handles` for a message of at most `MAX`, requiring TRANSFER.
fn take(
    table: &mut HandleTable<u32>,
    handles: &[Handle],
) -> Result<Outgoing<u32, MAX>, TransferError> {
    table.take_for_transfer(handles, Rights::TRANSFER)
}

#[test]
fn taken_handles_are_in_transit() {
    let (mut sender, handles) = sender();
    let outgoing = take(&mut sender, &handles[..2]).unwrap();
    assert_eq!(outgoing.len(), 2);
    assert_eq!(outgoing.origins().as_slice(), &handles[..2]);
    assert_eq!(
        outgoing
            .iter()
            .map(|carried| *carried.object())
            .collect::<Vec<_>>(),
        [10, 11]
    );
    assert_eq!((sender.len(), sender.in_transit()), (1, 2));
    assert_eq!(sender.get(handles[0]), Err(HandleError::InTransit));
    assert_eq!(sender.close(handles[1]), Err(HandleError::InTransit));
    assert_eq!(
        sender.duplicate(handles[0], Rights::SEND),
        Err(DuplicateError::Handle(HandleError::InTransit))
    );
    assert_eq!(sender.iter().count(), 1);
    assert_eq!(sender.get(handles[2]), Ok((&12, ALL)));
    assert!(consistent(&sender));
}

#[test]
fn accepted_transfer_arrives_in_order_and_release_makes_origins_stale() {
    let (mut sender, handles) = sender();
    let mut receiver = table(8);
    let outgoing = take(&mut sender, &[handles[2], handles[0]]).unwrap();
    let accepted = receiver.accept_transfer(outgoing).unwrap();
    let received = accepted.received.as_slice();
    assert_eq!(received.len(), 2);
    assert_eq!(receiver.get(received[0]), Ok((&12, ALL)));
    assert_eq!(receiver.get(received[1]), Ok((&10, ALL)));
    assert_eq!(accepted.origins.as_slice(), &[handles[2], handles[0]]);

    sender.release(accepted.origins.as_slice()).unwrap();
    assert_eq!(sender.get(handles[0]), Err(HandleError::Stale));
    assert_eq!(sender.get(handles[2]), Err(HandleError::Stale));
    assert_eq!((sender.len(), sender.in_transit()), (1, 0));
    assert!(consistent(&sender) && consistent(&receiver));
}

#[test]
fn carried_rights_arrive_unchanged() {
    let mut sender = table(4);
    let held = Rights::from_constants(&[Rights::SEND, Rights::TRANSFER]);
    let handle = sender.insert(1, held).unwrap();
    let outgoing: Outgoing<u32, 1> = sender
        .take_for_transfer(&[handle], Rights::TRANSFER)
        .unwrap();
    let carried = outgoing.iter().next().unwrap();
    assert_eq!((carried.origin(), carried.rights()), (handle, held));
    let mut receiver = table(4);
    let accepted = receiver.accept_transfer(outgoing).unwrap();
    assert_eq!(
        receiver.get(accepted.received.as_slice()[0]),
        Ok((&1, held))
    );
}

#[test]
fn restore_after_a_failed_send_gives_back_the_same_handles() {
    let (mut sender, handles) = sender();
    let held = sender
        .iter()
        .map(|(handle, &object, rights)| (handle, object, rights))
        .collect::<Vec<_>>();
    let outgoing = take(&mut sender, &handles).unwrap();
    sender.restore(outgoing).unwrap();
    assert_eq!(
        sender
            .iter()
            .map(|(handle, &object, rights)| (handle, object, rights))
            .collect::<Vec<_>>(),
        held
    );
    assert_eq!((sender.len(), sender.in_transit()), (3, 0));
    assert!(consistent(&sender));
}

#[test]
fn full_receiver_refuses_all_and_sender_restores() {
    let (mut sender, handles) = sender();
    let mut receiver = table(2);
    insert(&mut receiver, 99);
    let outgoing = take(&mut sender, &handles[..2]).unwrap();
    let rejected = receiver.accept_transfer(outgoing).unwrap_err();
    assert_eq!(rejected.error, TableError::Full { limit: 2 });
    assert_eq!(receiver.len(), 1, "none added");
    assert_eq!(rejected.returned.len(), 2, "returned whole");
    sender.restore(rejected.returned).unwrap();
    assert_eq!(sender.get(handles[0]), Ok((&10, ALL)));
    assert_eq!(sender.get(handles[1]), Ok((&11, ALL)));
    assert!(consistent(&sender) && consistent(&receiver));
}

#[test]
fn too_many_handles_takes_nothing() {
    let mut sender = table(8);
    let handles: Vec<Handle> = (0..5).map(|object| insert(&mut sender, object)).collect();
    assert_eq!(
        take(&mut sender, &handles).unwrap_err(),
        TransferError::TooMany { max: MAX }
    );
    assert_eq!((sender.len(), sender.in_transit()), (5, 0));
}

#[test]
fn one_bad_handle_takes_nothing_and_names_its_position() {
    let (mut sender, handles) = sender();
    let closed = handles[1];
    sender.close(closed).unwrap();
    let list = [handles[0], closed, handles[2]];
    assert_eq!(
        take(&mut sender, &list).unwrap_err(),
        TransferError::Handle {
            position: 1,
            error: HandleError::Stale
        }
    );
    let list = [handles[0], handles[2], Handle::from_raw(0)];
    assert_eq!(
        take(&mut sender, &list).unwrap_err(),
        TransferError::Handle {
            position: 2,
            error: HandleError::Invalid
        }
    );
    assert_eq!((sender.len(), sender.in_transit()), (2, 0));
    assert!(consistent(&sender));
}

#[test]
fn handle_without_the_required_right_takes_nothing() {
    let mut sender = table(4);
    let movable = sender.insert(1, ALL).unwrap();
    let pinned = sender.insert(2, Rights::SEND).unwrap();
    assert_eq!(
        take(&mut sender, &[movable, pinned]).unwrap_err(),
        TransferError::Handle {
            position: 1,
            error: HandleError::MissingRights {
                required: Rights::TRANSFER,
                held: Rights::SEND
            },
        }
    );
    assert_eq!(sender.get(movable), Ok((&1, ALL)));
}

#[test]
fn handle_listed_twice_takes_nothing() {
    let (mut sender, handles) = sender();
    assert_eq!(
        take(&mut sender, &[handles[0], handles[1], handles[0]]).unwrap_err(),
        TransferError::Repeated { position: 2 }
    );
    assert_eq!((sender.len(), sender.in_transit()), (3, 0));
}

#[test]
fn handle_already_in_transit_cannot_be_taken_again() {
    let (mut sender, handles) = sender();
    let _outgoing = take(&mut sender, &handles[..1]).unwrap();
    assert_eq!(
        take(&mut sender, &handles[..1]).unwrap_err(),
        TransferError::Handle {
            position: 0,
            error: HandleError::InTransit
        }
    );
}

#[test]
fn empty_transfer_moves_nothing() {
    let (mut sender, _) = sender();
    let mut receiver = table(0);
    let outgoing = take(&mut sender, &[]).unwrap();
    assert!(outgoing.is_empty());
    let accepted = receiver.accept_transfer(outgoing).unwrap();
    assert!(accepted.received.is_empty() && accepted.origins.is_empty());
    sender.release(accepted.origins.as_slice()).unwrap();
    assert_eq!(sender.len(), 3);
}

#[test]
fn handles_in_transit_count_towards_the_limit() {
    let mut sender = table(2);
    let first = insert(&mut sender, 1);
    insert(&mut sender, 2);
    let outgoing = take(&mut sender, &[first]).unwrap();
    assert_eq!(sender.len(), 1);
    assert_eq!(
        sender.insert(3, ALL).unwrap_err().error,
        TableError::Full { limit: 2 }
    );
    sender.restore(outgoing).unwrap();
    assert_eq!(sender.get(first), Ok((&1, ALL)));
}

#[test]
fn restore_into_another_table_is_refused_whole() {
    let (mut sender, handles) = sender();
    let mut other = table(8);
    insert(&mut other, 50);
    let outgoing = take(&mut sender, &handles[..1]).unwrap();
    let rejected = other.restore(outgoing).unwrap_err();
    assert_eq!(rejected.error, NotInTransit { position: 0 });
    assert_eq!(
        other.get(handles[0]),
        Ok((&50, ALL)),
        "other table untouched"
    );
    sender.restore(rejected.returned).unwrap();
    assert_eq!(sender.get(handles[0]), Ok((&10, ALL)));
}

#[test]
fn restore_after_drain_is_refused_and_returns_the_objects() {
    let (mut sender, handles) = sender();
    let outgoing = take(&mut sender, &handles[..2]).unwrap();
    assert_eq!(
        sender
            .drain()
            .map(|(_, object, _)| object)
            .collect::<Vec<_>>(),
        [12]
    );
    assert_eq!(sender.in_transit(), 0);
    let rejected = sender.restore(outgoing).unwrap_err();
    assert_eq!(rejected.error, NotInTransit { position: 0 });
    let objects: Vec<u32> = rejected
        .returned
        .into_iter()
        .map(|carried| carried.into_parts().0)
        .collect();
    assert_eq!(objects, [10, 11]);
    assert_eq!(sender.get(handles[0]), Err(HandleError::Stale));
    assert!(consistent(&sender));
}

#[test]
fn release_of_handles_not_in_transit_frees_nothing() {
    let (mut sender, handles) = sender();
    let outgoing = take(&mut sender, &handles[..2]).unwrap();
    let origins = outgoing.origins();
    assert_eq!(
        sender.release(&[handles[0], handles[2]]),
        Err(NotInTransit { position: 1 })
    );
    assert_eq!(
        sender.release(&[handles[0], handles[0]]),
        Err(NotInTransit { position: 1 })
    );
    assert_eq!(sender.in_transit(), 2, "nothing freed");
    sender.release(origins.as_slice()).unwrap();
    assert_eq!(
        sender.release(origins.as_slice()),
        Err(NotInTransit { position: 0 })
    );
    assert_eq!((sender.len(), sender.in_transit()), (1, 0));
    assert!(consistent(&sender));
}

#[test]
fn released_slots_are_reused_under_new_generations() {
    let (mut sender, handles) = sender();
    let outgoing = take(&mut sender, &handles).unwrap();
    let mut receiver = table(8);
    let accepted = receiver.accept_transfer(outgoing).unwrap();
    sender.release(accepted.origins.as_slice()).unwrap();
    let reused = insert(&mut sender, 7);
    assert!(!handles.contains(&reused));
    for &old in &handles {
        assert_eq!(sender.get(old), Err(HandleError::Stale));
    }
}
