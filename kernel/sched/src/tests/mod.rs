//! Host tests of the scheduler queues.
//!
//! Unit tests pin down each operation and edge case; the property tests drive
//! random operation sequences against a plain `VecDeque` and `Vec` model.

mod model;
mod queue_properties;
mod run_queue;
mod scheduler;
mod scheduler_properties;
mod sleep_queue;
mod support;
mod time_slice;
