//! Moving handles between tables in a message, all or none.
//!
//! A send takes the handles out of the sender's table first, so nothing the
//! receiver does can see them twice, but it keeps their slots reserved: if
//! the send fails, [`HandleTable::restore`] puts every object back under the
//! very handle the sender still holds. Once the receiver's table has
//! accepted them, [`HandleTable::release`] frees the reserved slots and the
//! sender's handles go stale. Each step validates its whole list before it
//! changes anything, so a bad list leaves both tables as they were.

use crate::error::{HandleError, NotInTransit, Rejected, TransferError};
use crate::slot::SlotState;
use crate::table::require;
use crate::transit::{Accepted, Carried, HandleList, Outgoing};
use crate::{Handle, HandleTable, Rights};

impl<T> HandleTable<T> {
    /// Takes the objects `handles` name out of the table for a message of at
    /// most `N` handles, each of which must hold `required` (the kernel
    /// passes [`Rights::TRANSFER`]). The handles are in transit until the
    /// transfer is settled; using them meanwhile fails with
    /// [`HandleError::InTransit`].
    ///
    /// # Errors
    ///
    /// Nothing is taken if any of these holds:
    /// - [`TransferError::TooMany`] if `handles` has more than `N` entries;
    /// - [`TransferError::Handle`] if one does not resolve or lacks `required`;
    /// - [`TransferError::Repeated`] if one is listed twice.
    pub fn take_for_transfer<const N: usize>(
        &mut self,
        handles: &[Handle],
        required: Rights,
    ) -> Result<Outgoing<T, N>, TransferError> {
        if handles.len() > N {
            return Err(TransferError::TooMany { max: N });
        }
        for (position, &handle) in handles.iter().enumerate() {
            let (_, held) = self
                .get(handle)
                .map_err(|error| TransferError::Handle { position, error })?;
            require(held, required).map_err(|error| TransferError::Handle { position, error })?;
            // Both resolved, so equal values name the same slot: taking it
            // twice would hand the receiver one object as two handles.
            if handles
                .iter()
                .take(position)
                .any(|&earlier| earlier == handle)
            {
                return Err(TransferError::Repeated { position });
            }
        }
        let mut outgoing = Outgoing::new();
        for &handle in handles {
            if let Some(carried) = self.reserve(handle) {
                // At most `N` handles, checked above.
                let _ = outgoing.push(carried);
            }
        }
        Ok(outgoing)
    }

    /// Gives the receiving table the handles in `outgoing`, with the rights
    /// they carry, in order.
    ///
    /// # Errors
    ///
    /// [`Rejected`] with the [`TableError`](crate::TableError) if they do
    /// not all fit; none was added and `outgoing` comes back whole, for the
    /// sender's table to [`restore`](Self::restore).
    pub fn accept_transfer<const N: usize>(
        &mut self,
        outgoing: Outgoing<T, N>,
    ) -> Result<Accepted<N>, Rejected<Outgoing<T, N>>> {
        if let Err(error) = self.make_room(outgoing.len()) {
            return Err(Rejected {
                error,
                returned: outgoing,
            });
        }
        let origins = outgoing.origins();
        let mut received = HandleList::new();
        for carried in outgoing {
            // `make_room` put enough slots on the free list, so this succeeds.
            if let Ok(handle) = self.occupy_free(carried.object, carried.rights) {
                received.push(handle);
            }
        }
        Ok(Accepted { received, origins })
    }

    /// Puts the handles of a failed send back where
    /// [`take_for_transfer`](Self::take_for_transfer) found them, under the
    /// same handles and rights.
    ///
    /// # Errors
    ///
    /// [`Rejected`] with [`NotInTransit`] if some handle is not in transit
    /// in this table (it came from another table, or the table was drained
    /// since); nothing was restored and `outgoing` comes back whole.
    pub fn restore<const N: usize>(
        &mut self,
        outgoing: Outgoing<T, N>,
    ) -> Result<(), Rejected<Outgoing<T, N>, NotInTransit>> {
        if let Err(error) = self.check_in_transit(outgoing.origins().as_slice()) {
            return Err(Rejected {
                error,
                returned: outgoing,
            });
        }
        for carried in outgoing {
            if let Some(slot) = self.slots.get_mut(carried.origin.index()) {
                slot.state = SlotState::Occupied {
                    object: carried.object,
                    rights: carried.rights,
                };
                self.in_transit -= 1;
                self.live += 1;
            }
        }
        Ok(())
    }

    /// Frees the slots reserved for `origins` once the receiver has accepted
    /// their objects: from now on those handles are stale.
    ///
    /// # Errors
    ///
    /// [`NotInTransit`] if some handle is not in transit in this table (or
    /// is listed twice); nothing was freed.
    pub fn release(&mut self, origins: &[Handle]) -> Result<(), NotInTransit> {
        self.check_in_transit(origins)?;
        for origin in origins {
            self.vacate(origin.index());
            self.in_transit -= 1;
        }
        Ok(())
    }

    /// Moves the object `handle` names (already checked) out of its slot,
    /// leaving the slot in transit.
    fn reserve(&mut self, handle: Handle) -> Option<Carried<T>> {
        let slot = self.slots.get_mut(handle.index())?;
        match core::mem::replace(&mut slot.state, SlotState::InTransit) {
            SlotState::Occupied { object, rights } => {
                self.live -= 1;
                self.in_transit += 1;
                Some(Carried {
                    origin: handle,
                    object,
                    rights,
                })
            }
            other => {
                slot.state = other;
                None
            }
        }
    }

    /// Checks that every handle in `origins` is in transit here, once.
    fn check_in_transit(&self, origins: &[Handle]) -> Result<(), NotInTransit> {
        for (position, &origin) in origins.iter().enumerate() {
            let repeated = origins
                .iter()
                .take(position)
                .any(|&earlier| earlier == origin);
            let in_transit = matches!(self.get(origin), Err(HandleError::InTransit));
            if repeated || !in_transit {
                return Err(NotInTransit { position });
            }
        }
        Ok(())
    }
}
