//! A mutex for threads of one process.
//!
//! A thread that finds the lock taken yields the processor instead of
//! spinning: Barodia runs user threads on one CPU, so the holder can only
//! make progress once the waiter steps aside, and `Yield` hands the CPU to
//! another ready thread at once (no timer tick). Locks in servers are held
//! for short stretches (one request's worth of work), so a waiter rarely
//! yields more than once.

use core::ops::{Deref, DerefMut};

/// Mutual exclusion for `T` between the threads of one process.
#[derive(Debug, Default)]
pub struct Mutex<T> {
    inner: spin::Mutex<T>,
}

/// The lock, held until dropped.
#[derive(Debug)]
pub struct MutexGuard<'a, T> {
    inner: spin::MutexGuard<'a, T>,
}

impl<T> Mutex<T> {
    /// A mutex holding `value`.
    pub const fn new(value: T) -> Self {
        Mutex { inner: spin::Mutex::new(value) }
    }

    /// Takes the lock, yielding to other threads while it is held.
    pub fn lock(&self) -> MutexGuard<'_, T> {
        loop {
            if let Some(inner) = self.inner.try_lock() {
                return MutexGuard { inner };
            }
            crate::sys::yield_now();
        }
    }
}

impl<T> Deref for MutexGuard<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.inner
    }
}

impl<T> DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.inner
    }
}
