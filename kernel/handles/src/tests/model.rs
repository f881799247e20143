//! The reference model: a `HashMap` from handle to object and rights, and the
//! result each operation should have.

use std::collections::{HashMap, HashSet};

use crate::{DuplicateError, Handle, HandleError, Rights, TableError, TransferError};

/// What one table's state should be.
#[derive(Debug, Default)]
pub(crate) struct Model {
    /// Live handles and what they name.
    pub(crate) live: HashMap<Handle, (u32, Rights)>,
    /// Handles taken for a message that is not settled.
    pub(crate) in_transit: HashMap<Handle, (u32, Rights)>,
    /// Handles closed, released or drained: stale forever.
    pub(crate) dead: HashSet<Handle>,
    /// The table's limit.
    pub(crate) limit: usize,
}

impl Model {
    /// An empty table of `limit` handles.
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            limit,
            ..Self::default()
        }
    }

    /// Whether `count` more handles fit.
    pub(crate) fn room_for(&self, count: usize) -> Result<(), TableError> {
        if self.live.len() + self.in_transit.len() + count > self.limit {
            Err(TableError::Full { limit: self.limit })
        } else {
            Ok(())
        }
    }

    /// What `get` should say about a handle the model knows; `None` for one
    /// it never issued (which must not resolve).
    pub(crate) fn get(&self, handle: Handle) -> Option<Result<(u32, Rights), HandleError>> {
        if let Some(&entry) = self.live.get(&handle) {
            Some(Ok(entry))
        } else if self.in_transit.contains_key(&handle) {
            Some(Err(HandleError::InTransit))
        } else if self.dead.contains(&handle) {
            Some(Err(HandleError::Stale))
        } else {
            None
        }
    }

    /// What `get_with` should say, for a known handle.
    pub(crate) fn get_with(
        &self,
        handle: Handle,
        required: Rights,
    ) -> Option<Result<u32, HandleError>> {
        Some(self.get(handle)?.and_then(|(object, held)| {
            if held.contains(required) {
                Ok(object)
            } else {
                Err(HandleError::MissingRights { required, held })
            }
        }))
    }

    /// What `duplicate` should fail with, if anything, for a known handle.
    pub(crate) fn duplicate_error(
        &self,
        handle: Handle,
        rights: Rights,
    ) -> Option<Option<DuplicateError>> {
        let (_, held) = match self.get(handle)? {
            Ok(entry) => entry,
            Err(error) => return Some(Some(DuplicateError::Handle(error))),
        };
        Some(if !held.contains(Rights::DUPLICATE) {
            Some(DuplicateError::Handle(HandleError::MissingRights {
                required: Rights::DUPLICATE,
                held,
            }))
        } else if !rights.is_subset_of(held) {
            Some(DuplicateError::Widening {
                requested: rights,
                held,
            })
        } else {
            self.room_for(1).err().map(DuplicateError::Table)
        })
    }

    /// What `take_for_transfer` should fail with, if anything, when every
    /// handle in `handles` is known.
    pub(crate) fn take_error(
        &self,
        handles: &[Handle],
        required: Rights,
        max: usize,
    ) -> Option<TransferError> {
        if handles.len() > max {
            return Some(TransferError::TooMany { max });
        }
        for (position, &handle) in handles.iter().enumerate() {
            let held = match self.get(handle) {
                Some(Ok((_, held))) => held,
                Some(Err(error)) => return Some(TransferError::Handle { position, error }),
                None => {
                    return Some(TransferError::Handle {
                        position,
                        error: HandleError::Invalid,
                    });
                }
            };
            if !held.contains(required) {
                let error = HandleError::MissingRights { required, held };
                return Some(TransferError::Handle { position, error });
            }
            if handles[..position].contains(&handle) {
                return Some(TransferError::Repeated { position });
            }
        }
        None
    }
}
