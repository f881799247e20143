//! The handle table: insert, look up, duplicate and close handles.

use alloc::vec::Vec;

use crate::Rights;
use crate::error::{DuplicateError, HandleError, LimitTooLarge, Rejected, TableError};
use crate::handle::{Handle, MAX_SLOTS};
use crate::slot::{Slot, SlotState};

/// One process's handles: each names an object of type `T` with some
/// [`Rights`].
///
/// The kernel stores a reference to a kernel object as `T` (for example
/// `Arc<KernelObject>`); the table never looks inside it. See the crate docs
/// for the design.
#[derive(Debug)]
pub struct HandleTable<T> {
    /// Indexed by a handle's slot index; grows on demand up to `MAX_SLOTS`.
    pub(crate) slots: Vec<Slot<T>>,
    /// The most recently freed slot: the free list is a stack linked through
    /// the free slots, so reuse is O(1) and needs no memory of its own.
    pub(crate) free_head: Option<u32>,
    /// How many slots are on the free list.
    pub(crate) free_count: usize,
    /// How many slots are occupied.
    pub(crate) live: usize,
    /// How many slots are in transit.
    pub(crate) in_transit: usize,
    /// The most slots that may be occupied or in transit at once.
    limit: usize,
}

impl<T> HandleTable<T> {
    /// An empty table that holds at most `limit` handles. It allocates
    /// nothing until the first insert.
    ///
    /// # Errors
    ///
    /// [`LimitTooLarge`] if `limit` is above [`MAX_SLOTS`].
    pub const fn new(limit: usize) -> Result<Self, LimitTooLarge> {
        if limit > MAX_SLOTS {
            return Err(LimitTooLarge { requested: limit });
        }
        Ok(Self {
            slots: Vec::new(),
            free_head: None,
            free_count: 0,
            live: 0,
            in_transit: 0,
            limit,
        })
    }

    /// The most handles the table holds, counting those in transit.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// How many live handles the table holds (not counting those in transit).
    pub fn len(&self) -> usize {
        self.live
    }

    /// True if the table holds no live handle.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// How many handles are in messages not yet settled; they count towards
    /// the limit.
    pub fn in_transit(&self) -> usize {
        self.in_transit
    }

    /// Stores `object` with `rights` and returns its new handle.
    #[inline(always)]
    ///
    /// # Errors
    ///
    /// [`TableError::Full`] at the limit, [`TableError::Exhausted`] or
    /// [`TableError::OutOfMemory`]; the object comes back in the
    /// [`Rejected`].
    pub fn insert(&mut self, object: T, rights: Rights) -> Result<Handle, Rejected<T>> {
        if let Err(error) = self.make_room(1) {
            return Err(Rejected {
                error,
                returned: object,
            });
        }
        // `make_room(1)` put a slot on the free list, so this succeeds.
        self.occupy_free(object, rights)
            .map_err(|returned| Rejected {
                error: TableError::Exhausted,
                returned,
            })
    }

    /// The object `handle` names and the rights it holds.
    ///
    /// # Errors
    ///
    /// [`HandleError::Invalid`], [`HandleError::Stale`] or
    /// [`HandleError::InTransit`].
    #[inline]
    pub fn get(&self, handle: Handle) -> Result<(&T, Rights), HandleError> {
        let (index, generation) = handle.decode().ok_or(HandleError::Invalid)?;
        self.slots
            .get(index)
            .ok_or(HandleError::Invalid)?
            .resolve(generation)
    }

    /// The object `handle` names, if it holds every right in `required`.
    ///
    /// # Errors
    ///
    /// As [`get`](Self::get), and [`HandleError::MissingRights`] if a right
    /// is missing.
    pub fn get_with(&self, handle: Handle, required: Rights) -> Result<&T, HandleError> {
        let (object, held) = self.get(handle)?;
        require(held, required)?;
        Ok(object)
    }

    /// A second handle to the object `handle` names, holding exactly
    /// `rights`, which must be a subset of the original's (they may drop
    /// [`Rights::DUPLICATE`] itself). The original is unchanged.
    ///
    /// # Errors
    ///
    /// - [`DuplicateError::Handle`] if `handle` does not resolve or lacks
    ///   [`Rights::DUPLICATE`];
    /// - [`DuplicateError::Widening`] if `rights` holds a right the original
    ///   lacks: asking for more is an error, never silently masked;
    /// - [`DuplicateError::Table`] if there is no room.
    pub fn duplicate(&mut self, handle: Handle, rights: Rights) -> Result<Handle, DuplicateError>
    where
        T: Clone,
    {
        self.duplicate_as(handle, rights, |object| Some(object.clone()))
    }

    /// Like [`duplicate`](Self::duplicate), but the new handle names what
    /// `derive` makes of the original's object (the kernel uses it to give
    /// an endpoint handle a badge). `derive` returning `None` refuses.
    ///
    /// # Errors
    ///
    /// As [`duplicate`](Self::duplicate), and [`DuplicateError::Refused`]
    /// when `derive` refuses.
    pub fn duplicate_as(
        &mut self,
        handle: Handle,
        rights: Rights,
        derive: impl FnOnce(&T) -> Option<T>,
    ) -> Result<Handle, DuplicateError> {
        let (object, held) = self.get(handle)?;
        require(held, Rights::DUPLICATE)?;
        if !rights.is_subset_of(held) {
            return Err(DuplicateError::Widening {
                requested: rights,
                held,
            });
        }
        let copy = derive(object).ok_or(DuplicateError::Refused)?;
        self.insert(copy, rights)
            .map_err(|rejected| DuplicateError::Table(rejected.error))
    }

    /// Closes `handle` and returns its object, for the caller to drop (or
    /// to notify others) outside its locks. The handle is stale from now on.
    ///
    /// # Errors
    ///
    /// [`HandleError::Invalid`], [`HandleError::Stale`] or
    /// [`HandleError::InTransit`].
    #[inline]
    pub fn close(&mut self, handle: Handle) -> Result<T, HandleError> {
        let index = self.locate_live(handle)?;
        match self.vacate(index) {
            SlotState::Occupied { object, .. } => {
                self.live -= 1;
                Ok(object)
            }
            // `locate_live` found the slot occupied, and `vacate` returns
            // what it held.
            SlotState::Free { .. } | SlotState::InTransit | SlotState::Retired => {
                Err(HandleError::Invalid)
            }
        }
    }

    /// Closes `handle` if `accept` takes its object, and returns the object
    /// as [`close`](Self::close) does; a handle whose object `accept`
    /// refuses stays open (`Ok(None)`). One look-up where
    /// [`get`](Self::get) then `close` cost two: the kernel's reply, which
    /// must check that a handle is a reply capability before using it up.
    ///
    /// # Errors
    ///
    /// As [`close`](Self::close); `accept` is not called then.
    #[inline]
    pub fn close_if(
        &mut self,
        handle: Handle,
        accept: impl FnOnce(&T) -> bool,
    ) -> Result<Option<T>, HandleError> {
        let (index, generation) = handle.decode().ok_or(HandleError::Invalid)?;
        let slot = self.slots.get(index).ok_or(HandleError::Invalid)?;
        if !accept(slot.resolve(generation)?.0) {
            return Ok(None);
        }
        match self.vacate(index) {
            SlotState::Occupied { object, .. } => {
                self.live -= 1;
                Ok(Some(object))
            }
            // `resolve` found the slot occupied, and `vacate` returns what
            // it held.
            SlotState::Free { .. } | SlotState::InTransit | SlotState::Retired => {
                Err(HandleError::Invalid)
            }
        }
    }

    /// The index of the live slot `handle` names.
    #[inline]
    pub(crate) fn locate_live(&self, handle: Handle) -> Result<usize, HandleError> {
        let (index, generation) = handle.decode().ok_or(HandleError::Invalid)?;
        self.slots
            .get(index)
            .ok_or(HandleError::Invalid)?
            .resolve(generation)?;
        Ok(index)
    }

    /// Makes sure `count` more handles fit: within the limit, with `count`
    /// slots on the free list afterwards. Changes nothing visible on error.
    #[inline]
    pub(crate) fn make_room(&mut self, count: usize) -> Result<(), TableError> {
        let used = self.live + self.in_transit;
        if count > self.limit.saturating_sub(used) {
            return Err(TableError::Full { limit: self.limit });
        }
        // Usually the free list holds enough already (a table reuses its
        // slots); only growing needs the checks and the allocation below.
        if count <= self.free_count {
            return Ok(());
        }
        self.grow(count)
    }

    /// [`make_room`](Self::make_room)'s second half: adds slots until `count`
    /// are free, if the table may grow that far and memory allows. Kept out
    /// of line so that `make_room` is small enough to inline.
    #[cold]
    #[inline(never)]
    fn grow(&mut self, count: usize) -> Result<(), TableError> {
        let missing = count.saturating_sub(self.free_count);
        if missing > MAX_SLOTS.saturating_sub(self.slots.len()) {
            return Err(TableError::Exhausted);
        }
        self.slots
            .try_reserve(missing)
            .map_err(|_| TableError::OutOfMemory)?;
        for _ in 0..missing {
            let index = u32::try_from(self.slots.len()).map_err(|_| TableError::Exhausted)?;
            self.slots.push(Slot::fresh(self.free_head));
            self.free_head = Some(index);
            self.free_count += 1;
        }
        Ok(())
    }

    /// Fills the most recently freed slot with `object` and returns its
    /// handle, or gives the object back if the free list is empty (callers
    /// call [`make_room`](Self::make_room) first, so it is not).
    #[inline]
    pub(crate) fn occupy_free(&mut self, object: T, rights: Rights) -> Result<Handle, T> {
        let Some(index) = self.free_head.and_then(|link| usize::try_from(link).ok()) else {
            return Err(object);
        };
        let Some(slot) = self.slots.get_mut(index) else {
            return Err(object);
        };
        let SlotState::Free { next } = slot.state else {
            return Err(object);
        };
        slot.state = SlotState::Occupied { object, rights };
        self.free_head = next;
        self.free_count -= 1;
        self.live += 1;
        Ok(Handle::new(index, slot.generation))
    }

    /// Empties slot `index` under a new generation, putting it on the free
    /// list or retiring it, and returns what it held. The caller adjusts the
    /// live or in-transit count.
    #[inline]
    pub(crate) fn vacate(&mut self, index: usize) -> SlotState<T> {
        let (Ok(link), Some(slot)) = (u32::try_from(index), self.slots.get_mut(index)) else {
            return SlotState::Retired;
        };
        let (old, reusable) = slot.vacate(self.free_head);
        if reusable {
            self.free_head = Some(link);
            self.free_count += 1;
        }
        old
    }
}

/// Checks that `held` covers `required`.
pub(crate) fn require(held: Rights, required: Rights) -> Result<(), HandleError> {
    if held.contains(required) {
        Ok(())
    } else {
        Err(HandleError::MissingRights { required, held })
    }
}
