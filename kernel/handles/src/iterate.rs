//! Walking a table: [`Iter`] to look at every live handle, [`Drain`] to
//! close them all when a process exits.

use core::iter::{Enumerate, FusedIterator};
use core::slice;

use crate::slot::{Slot, SlotState};
use crate::{Handle, HandleTable, Rights};

/// The live handles of a table, in slot order, with their objects and
/// rights. Made by [`HandleTable::iter`].
#[derive(Debug)]
pub struct Iter<'a, T> {
    /// The slots not yet visited.
    slots: Enumerate<slice::Iter<'a, Slot<T>>>,
}

impl<'a, T> Iterator for Iter<'a, T> {
    type Item = (Handle, &'a T, Rights);

    fn next(&mut self) -> Option<Self::Item> {
        self.slots.find_map(|(index, slot)| match &slot.state {
            SlotState::Occupied { object, rights } => {
                Some((Handle::new(index, slot.generation), object, *rights))
            }
            SlotState::Free { .. } | SlotState::InTransit | SlotState::Retired => None,
        })
    }
}

impl<T> FusedIterator for Iter<'_, T> {}

/// Closes every handle of a table, yielding each live one's handle, object
/// and rights. Made by [`HandleTable::drain`].
///
/// Handles in transit are closed too, without being yielded: their objects
/// are in a message, and restoring them later fails with
/// [`NotInTransit`](crate::NotInTransit). Dropping the iterator early closes
/// (and drops) the rest. Every drained handle goes stale, so the table can be
/// reused safely.
#[derive(Debug)]
pub struct Drain<'a, T> {
    /// The table being emptied.
    table: &'a mut HandleTable<T>,
    /// The first slot index not yet visited.
    next_index: usize,
}

impl<T> Iterator for Drain<'_, T> {
    type Item = (Handle, T, Rights);

    fn next(&mut self) -> Option<Self::Item> {
        while self.next_index < self.table.slots.len() {
            let index = self.next_index;
            self.next_index += 1;
            let generation = self.table.slots.get(index)?.generation;
            match self.table.slots.get(index)?.state {
                SlotState::Occupied { .. } => {
                    if let SlotState::Occupied { object, rights } = self.table.vacate(index) {
                        self.table.live -= 1;
                        return Some((Handle::new(index, generation), object, rights));
                    }
                }
                SlotState::InTransit => {
                    self.table.vacate(index);
                    self.table.in_transit -= 1;
                }
                SlotState::Free { .. } | SlotState::Retired => {}
            }
        }
        None
    }
}

impl<T> FusedIterator for Drain<'_, T> {}

impl<T> Drop for Drain<'_, T> {
    fn drop(&mut self) {
        self.for_each(drop);
    }
}

impl<T> HandleTable<T> {
    /// The live handles, in slot order, with their objects and rights.
    /// Handles in transit are left out.
    pub fn iter(&self) -> Iter<'_, T> {
        Iter {
            slots: self.slots.iter().enumerate(),
        }
    }

    /// Closes every handle, yielding the live ones' objects for the caller
    /// to drop or notify: what the kernel does when a process exits.
    pub fn drain(&mut self) -> Drain<'_, T> {
        Drain {
            table: self,
            next_index: 0,
        }
    }
}

impl<'a, T> IntoIterator for &'a HandleTable<T> {
    type Item = (Handle, &'a T, Rights);
    type IntoIter = Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}
