//! Property tests of the `Scheduler`: random operation sequences checked
//! against the model after every step, with explicit checks that no thread is
//! in two places, no ready thread starves and no sleeper wakes early.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::model::Model;
use super::support::scheduler;
use crate::{Scheduler, ThreadId};

/// Slot indices 0..6 at generations 0..2: twelve threads, few enough that
/// operations keep hitting the same ones.
const INDICES: u32 = 6;

/// One step of a random kernel.
#[derive(Clone, Debug)]
enum Operation {
    /// `make_ready`.
    MakeReady(ThreadId),
    /// `block`.
    Block(ThreadId),
    /// Sleep until `now + offset - 5`, so some deadlines are already past.
    SleepUntil(ThreadId, u64),
    /// `remove`: the thread exits or is killed.
    Remove(ThreadId),
    /// Hand off to the thread; the running one stays runnable if the flag says.
    SwitchTo(ThreadId, bool),
    /// Advance the clock by the amount, then wake what is due.
    AdvanceAndWake(u64),
    /// `pick_next` with the running thread.
    Pick { current_still_runnable: bool },
    /// `tick`.
    Tick,
}

fn thread() -> impl Strategy<Value = ThreadId> {
    (0..INDICES, 0u32..2).prop_map(|(index, generation)| ThreadId::new(index, generation))
}

fn operation() -> impl Strategy<Value = Operation> {
    prop_oneof![
        4 => thread().prop_map(Operation::MakeReady),
        1 => thread().prop_map(Operation::Block),
        3 => (thread(), 0u64..30).prop_map(|(thread, offset)| Operation::SleepUntil(thread, offset)),
        1 => thread().prop_map(Operation::Remove),
        1 => (thread(), any::<bool>()).prop_map(|(thread, stay)| Operation::SwitchTo(thread, stay)),
        3 => (0u64..10).prop_map(Operation::AdvanceAndWake),
        4 => any::<bool>().prop_map(|current_still_runnable| Operation::Pick { current_still_runnable }),
        2 => Just(Operation::Tick),
    ]
}

/// The scheduler, the model and what the test kernel knows.
struct Harness {
    scheduler: Scheduler,
    model: Model,
    /// The clock.
    now: u64,
    /// The running thread.
    running: Option<ThreadId>,
    /// For each ready thread, how many more picks may pass before it must have
    /// been picked: its place in the queue when it joined, plus one.
    budgets: BTreeMap<ThreadId, usize>,
}

impl Harness {
    fn new(slice_length: u32) -> Self {
        Self {
            scheduler: scheduler(slice_length),
            model: Model::new(slice_length),
            now: 0,
            running: None,
            budgets: BTreeMap::new(),
        }
    }

    fn step(&mut self, operation: &Operation) {
        let (scheduler, model) = (&mut self.scheduler, &mut self.model);
        match *operation {
            Operation::MakeReady(thread) => {
                assert_eq!(scheduler.make_ready(thread), model.make_ready(thread));
            }
            Operation::Block(thread) => {
                assert_eq!(scheduler.block(thread), model.take_out(thread));
            }
            Operation::SleepUntil(thread, offset) => {
                let deadline = (self.now + offset).saturating_sub(5);
                assert_eq!(
                    scheduler.sleep_until(thread, deadline),
                    model.sleep_until(thread, deadline)
                );
            }
            Operation::Remove(thread) => {
                assert_eq!(scheduler.remove(thread), model.take_out(thread));
            }
            Operation::SwitchTo(next, current_stays_runnable) => {
                if let (Some(current), true) = (self.running, current_stays_runnable) {
                    assert_eq!(scheduler.make_ready(current), model.make_ready(current));
                }
                assert_eq!(scheduler.switch_to(next), model.take_out(next));
                self.running = Some(next);
            }
            Operation::AdvanceAndWake(delta) => {
                self.now += delta;
                self.wake();
            }
            Operation::Pick {
                current_still_runnable,
            } => self.pick(current_still_runnable),
            Operation::Tick => assert_eq!(scheduler.tick(), model.tick()),
        }
        self.check();
    }

    /// Wakes what is due and checks nothing woke early or was left behind.
    fn wake(&mut self) {
        let before: Vec<_> = self.scheduler.sleep_queue().iter().collect();
        let woken: Vec<_> = self.scheduler.wake_expired(self.now).collect();
        assert_eq!(woken, self.model.wake_expired(self.now));
        for thread in &woken {
            let deadline = before
                .iter()
                .find(|(sleeper, _)| sleeper == thread)
                .map(|&(_, d)| d);
            assert!(
                deadline.is_some_and(|deadline| deadline <= self.now),
                "{thread} woke early"
            );
        }
        for (thread, deadline) in self.scheduler.sleep_queue().iter() {
            assert!(deadline > self.now, "{thread} overslept");
        }
    }

    /// Picks, checking no ready thread waits past its budget.
    fn pick(&mut self, current_still_runnable: bool) {
        if let (Some(current), true) = (self.running, current_still_runnable) {
            let back = self.scheduler.ready_queue().len() + 1;
            self.budgets.entry(current).or_insert(back);
        }
        let picked = self
            .scheduler
            .pick_next(self.running, current_still_runnable);
        assert_eq!(
            picked,
            self.model.pick_next(self.running, current_still_runnable)
        );
        self.running = picked;
        if let Some(picked) = picked {
            self.budgets.remove(&picked);
        }
        for (thread, budget) in &mut self.budgets {
            *budget -= 1;
            assert!(*budget >= 1, "{thread} was passed over");
        }
    }

    /// The scheduler agrees with the model, and no thread is in two places.
    fn check(&mut self) {
        let (scheduler, model) = (&self.scheduler, &self.model);
        let ready = scheduler.ready_queue();
        assert_eq!(
            ready.iter().collect::<Vec<_>>(),
            Vec::from(model.ready.clone())
        );
        assert_eq!(ready.len(), model.ready.len());
        assert_eq!(
            scheduler.sleep_queue().iter().collect::<Vec<_>>(),
            model.wake_order()
        );
        assert_eq!(scheduler.next_deadline(), model.next_deadline());
        assert_eq!(scheduler.slice_remaining(), model.slice_remaining);
        for index in 0..INDICES {
            for generation in 0..2 {
                let thread = ThreadId::new(index, generation);
                let (is_ready, is_asleep) = (
                    ready.contains(thread),
                    scheduler.sleep_queue().contains(thread),
                );
                assert!(!(is_ready && is_asleep), "{thread} is ready and asleep");
                assert_eq!(scheduler.queued(thread), model.queued(thread));
            }
        }
        // Budgets follow the ready queue: joiners get place + 1, leavers none.
        self.budgets.retain(|&thread, _| ready.contains(thread));
        for (place, thread) in ready.iter().enumerate() {
            self.budgets.entry(thread).or_insert(place + 1);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn scheduler_matches_model(
        slice_length in 1u32..5,
        operations in prop::collection::vec(operation(), 0..200),
    ) {
        let mut harness = Harness::new(slice_length);
        for operation in &operations {
            harness.step(operation);
        }
    }

    /// With `K` threads runnable and nothing else changing, any `K`
    /// consecutive picks run each of them exactly once.
    #[test]
    fn every_ready_thread_runs_once_in_any_k_picks(
        order in (1u32..40).prop_flat_map(|k| Just((0..k).collect::<Vec<_>>()).prop_shuffle()),
        rounds in 1usize..4,
    ) {
        let k = order.len();
        let mut scheduler = scheduler(1);
        for &index in &order {
            scheduler.make_ready(ThreadId::new(index, 0));
        }
        let mut running = None;
        let mut picks = Vec::new();
        for _ in 0..k * (rounds + 1) {
            prop_assert!(scheduler.tick());
            running = scheduler.pick_next(running, true);
            picks.push(running.unwrap());
        }
        for window in picks.windows(k) {
            let mut sorted = window.to_vec();
            sorted.sort();
            sorted.dedup();
            prop_assert_eq!(sorted.len(), k, "a thread ran twice in {} picks", k);
        }
    }

    /// Sleepers wake at the first `wake_expired` whose `now` reaches their
    /// deadline, never before, once, and in (deadline, sleep order) order.
    #[test]
    fn sleepers_wake_exactly_when_due(
        deadlines in prop::collection::vec(0u64..100, 0..50),
        steps in prop::collection::vec(0u64..15, 1..30),
    ) {
        let mut scheduler = scheduler(1);
        for (index, &deadline) in (0u32..).zip(&deadlines) {
            prop_assert_eq!(scheduler.sleep_until(ThreadId::new(index, 0), deadline), None);
        }
        let mut woken_at = BTreeMap::new();
        let mut checked_at = Vec::new();
        let mut now = 0;
        // The last step reaches past every deadline.
        for step in steps.iter().copied().chain([100]) {
            now += step;
            checked_at.push(now);
            let mut previous: Option<(u64, u32)> = None;
            for thread in scheduler.wake_expired(now) {
                let index = thread.index();
                let deadline = deadlines[index as usize];
                prop_assert!(deadline <= now, "woke early");
                prop_assert!(woken_at.insert(index, now).is_none(), "woke twice");
                // Wake order: (deadline, index) increases, index being sleep order.
                prop_assert!(previous < Some((deadline, index)));
                previous = Some((deadline, index));
            }
        }
        prop_assert_eq!(woken_at.len(), deadlines.len());
        // Each woke at the first check at or after its deadline, not later.
        for (&index, &at) in &woken_at {
            let deadline = deadlines[index as usize];
            let first_due = checked_at.iter().copied().find(|&t| t >= deadline);
            prop_assert_eq!(Some(at), first_due);
        }
    }
}
