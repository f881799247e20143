//! One slot of a handle table: its state and how a generation is judged
//! against it.
//!
//! A slot's `generation` is that of its current occupant when occupied or in
//! transit, and the next one to hand out when free. So the generations a
//! slot has issued are exactly `FIRST_GENERATION..=generation` (occupied, in
//! transit, retired) or `FIRST_GENERATION..generation` (free); anything older
//! is stale, anything newer was never issued.

use crate::handle::{FIRST_GENERATION, MAX_GENERATION};
use crate::{HandleError, Rights};

/// A slot and the generation it is at.
#[derive(Debug)]
pub(crate) struct Slot<T> {
    /// See the module docs.
    pub(crate) generation: u64,
    /// What the slot holds.
    pub(crate) state: SlotState<T>,
}

/// What a slot holds.
#[derive(Debug)]
pub(crate) enum SlotState<T> {
    /// Nothing; the next free slot in the table's free list follows.
    Free {
        /// The next free slot's index.
        next: Option<u32>,
    },
    /// A live handle's object and rights.
    Occupied {
        /// The object the handle names.
        object: T,
        /// What the handle allows.
        rights: Rights,
    },
    /// The handle's object left in a message; the slot is kept so a failed
    /// send can put it back under the same handle.
    InTransit,
    /// Its generation would wrap; it is never used again.
    Retired,
}

impl<T> Slot<T> {
    /// A slot never used, heading a free list whose rest is `next`.
    pub(crate) fn fresh(next: Option<u32>) -> Self {
        Self {
            generation: FIRST_GENERATION,
            state: SlotState::Free { next },
        }
    }

    /// Whether `generation` names this slot's present occupant (occupied or
    /// in transit); if not, whether it is stale or was never issued.
    pub(crate) fn check_generation(&self, generation: u64) -> Result<(), HandleError> {
        let issued_last = match self.state {
            SlotState::Free { .. } => self.generation.saturating_sub(1),
            SlotState::Occupied { .. } | SlotState::InTransit | SlotState::Retired => {
                self.generation
            }
        };
        let current = !matches!(self.state, SlotState::Free { .. } | SlotState::Retired);
        if generation > issued_last {
            Err(HandleError::Invalid)
        } else if generation < self.generation || !current {
            Err(HandleError::Stale)
        } else {
            Ok(())
        }
    }

    /// The object and rights, if `generation` names a live occupant.
    #[inline]
    pub(crate) fn resolve(&self, generation: u64) -> Result<(&T, Rights), HandleError> {
        // The common case first: a live handle of the current generation.
        // Anything else is judged in full below, with the same outcome.
        if let SlotState::Occupied { object, rights } = &self.state
            && generation == self.generation
        {
            return Ok((object, *rights));
        }
        self.resolve_slowly(generation)
    }

    /// [`resolve`](Self::resolve) for every case but the common one.
    #[cold]
    #[inline(never)]
    fn resolve_slowly(&self, generation: u64) -> Result<(&T, Rights), HandleError> {
        self.check_generation(generation)?;
        match &self.state {
            SlotState::Occupied { object, rights } => Ok((object, *rights)),
            SlotState::InTransit => Err(HandleError::InTransit),
            // `check_generation` accepts only occupied and in-transit slots.
            SlotState::Free { .. } | SlotState::Retired => Err(HandleError::Stale),
        }
    }

    /// Empties the slot for the next occupant under a new generation, or
    /// retires it if its generation would wrap. Returns what it held and
    /// whether it can be reused.
    pub(crate) fn vacate(&mut self, next: Option<u32>) -> (SlotState<T>, bool) {
        if self.generation >= MAX_GENERATION {
            (
                core::mem::replace(&mut self.state, SlotState::Retired),
                false,
            )
        } else {
            self.generation += 1;
            let old = core::mem::replace(&mut self.state, SlotState::Free { next });
            (old, true)
        }
    }
}
