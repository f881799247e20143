//! Unit tests of the `Scheduler` policy.

use super::support::{scheduler, thread, with_ready};
use crate::{Queued, Scheduler};

/// Picks `count` times, the running thread staying runnable each time.
fn round_robin(scheduler: &mut Scheduler, mut running: Option<u32>, count: usize) -> Vec<u32> {
    (0..count)
        .map(|_| {
            running = scheduler
                .pick_next(running.map(thread), true)
                .map(|thread| thread.index());
            running.unwrap()
        })
        .collect()
}

#[test]
fn empty_scheduler_idles() {
    let mut scheduler = scheduler(3);
    assert_eq!(scheduler.pick_next(None, false), None);
    assert_eq!(scheduler.pick_next(None, true), None);
    assert_eq!(scheduler.next_deadline(), None);
    assert_eq!(scheduler.wake_expired(u64::MAX).count(), 0);
}

#[test]
fn absent_threads_are_not_errors() {
    let mut scheduler = scheduler(3);
    assert_eq!(scheduler.block(thread(1)), None);
    assert_eq!(scheduler.remove(thread(1)), None);
    assert_eq!(scheduler.switch_to(thread(1)), None);
    assert_eq!(scheduler.queued(thread(1)), None);
}

#[test]
fn make_ready_is_idempotent() {
    let mut scheduler = with_ready(&[1, 2]);
    assert_eq!(scheduler.make_ready(thread(1)), Some(Queued::Ready));
    assert_eq!(scheduler.ready_queue().len(), 2);
    assert_eq!(scheduler.pick_next(None, false), Some(thread(1)));
    assert_eq!(scheduler.pick_next(None, false), Some(thread(2)));
    assert_eq!(scheduler.pick_next(None, false), None);
}

#[test]
fn make_ready_cuts_a_sleep_short() {
    let mut scheduler = scheduler(1);
    assert_eq!(scheduler.sleep_until(thread(1), 100), None);
    assert_eq!(
        scheduler.make_ready(thread(1)),
        Some(Queued::Sleeping { deadline: 100 })
    );
    assert_eq!(scheduler.queued(thread(1)), Some(Queued::Ready));
    assert!(scheduler.sleep_queue().is_empty());
    assert_eq!(
        scheduler.wake_expired(1000).count(),
        0,
        "deadline was dropped"
    );
}

#[test]
fn round_robin_puts_the_running_thread_at_the_back() {
    let mut scheduler = with_ready(&[1, 2, 3]);
    assert_eq!(round_robin(&mut scheduler, None, 7), [1, 2, 3, 1, 2, 3, 1]);
}

#[test]
fn a_lone_runnable_thread_runs_again() {
    let mut scheduler = with_ready(&[1]);
    assert_eq!(round_robin(&mut scheduler, None, 3), [1, 1, 1]);
    assert!(
        scheduler.ready_queue().is_empty(),
        "the running thread is in no queue"
    );
}

#[test]
fn yield_lets_every_other_ready_thread_run_first() {
    let mut scheduler = with_ready(&[2, 3]);
    // Thread 1 is running and yields.
    assert_eq!(scheduler.pick_next(Some(thread(1)), true), Some(thread(2)));
    assert_eq!(
        scheduler.ready_queue().iter().collect::<Vec<_>>(),
        [thread(3), thread(1)]
    );
}

#[test]
fn blocked_running_thread_is_not_requeued() {
    let mut scheduler = with_ready(&[2]);
    assert_eq!(scheduler.block(thread(1)), None);
    assert_eq!(scheduler.pick_next(Some(thread(1)), false), Some(thread(2)));
    assert_eq!(scheduler.pick_next(Some(thread(2)), false), None);
    assert_eq!(scheduler.queued(thread(1)), None);
}

#[test]
fn block_takes_a_ready_or_sleeping_thread_off_its_queue() {
    let mut scheduler = with_ready(&[1, 2]);
    scheduler.sleep_until(thread(3), 10);
    assert_eq!(scheduler.block(thread(1)), Some(Queued::Ready));
    assert_eq!(
        scheduler.block(thread(3)),
        Some(Queued::Sleeping { deadline: 10 })
    );
    assert_eq!(scheduler.wake_expired(10).count(), 0);
    assert_eq!(scheduler.pick_next(None, false), Some(thread(2)));
    assert_eq!(scheduler.pick_next(None, false), None);
}

#[test]
fn sleep_until_moves_a_ready_thread_to_the_sleep_queue() {
    let mut scheduler = with_ready(&[1, 2]);
    assert_eq!(scheduler.sleep_until(thread(1), 5), Some(Queued::Ready));
    assert!(!scheduler.ready_queue().contains(thread(1)));
    assert_eq!(
        scheduler.queued(thread(1)),
        Some(Queued::Sleeping { deadline: 5 })
    );
}

#[test]
fn sleep_until_again_replaces_the_deadline() {
    let mut scheduler = scheduler(1);
    scheduler.sleep_until(thread(1), 10);
    scheduler.sleep_until(thread(2), 20);
    assert_eq!(
        scheduler.sleep_until(thread(1), 30),
        Some(Queued::Sleeping { deadline: 10 })
    );
    assert_eq!(scheduler.sleep_queue().len(), 2);
    assert_eq!(scheduler.next_deadline(), Some(20));
    assert_eq!(scheduler.wake_expired(29).collect::<Vec<_>>(), [thread(2)]);
    assert_eq!(scheduler.wake_expired(30).collect::<Vec<_>>(), [thread(1)]);
}

#[test]
fn sleeping_running_thread_gives_up_the_cpu() {
    let mut scheduler = with_ready(&[1, 2]);
    let running = scheduler.pick_next(None, false);
    assert_eq!(running, Some(thread(1)));
    scheduler.sleep_until(thread(1), 50);
    assert_eq!(scheduler.pick_next(running, false), Some(thread(2)));
    assert_eq!(
        scheduler.queued(thread(1)),
        Some(Queued::Sleeping { deadline: 50 })
    );
}

#[test]
fn wake_expired_wakes_only_what_is_due() {
    let mut scheduler = scheduler(1);
    scheduler.sleep_until(thread(1), 10);
    scheduler.sleep_until(thread(2), 11);
    assert_eq!(scheduler.wake_expired(9).count(), 0);
    assert_eq!(scheduler.wake_expired(10).collect::<Vec<_>>(), [thread(1)]);
    assert_eq!(scheduler.queued(thread(1)), Some(Queued::Ready));
    assert_eq!(
        scheduler.queued(thread(2)),
        Some(Queued::Sleeping { deadline: 11 })
    );
    assert_eq!(scheduler.next_deadline(), Some(11));
}

#[test]
fn equal_deadlines_become_ready_in_sleep_order() {
    let mut scheduler = scheduler(1);
    for index in [4, 2, 8, 6] {
        scheduler.sleep_until(thread(index), 100);
    }
    let woken: Vec<_> = scheduler.wake_expired(100).map(|t| t.index()).collect();
    assert_eq!(woken, [4, 2, 8, 6]);
    assert_eq!(round_robin(&mut scheduler, None, 4), [4, 2, 8, 6]);
}

#[test]
fn woken_threads_queue_behind_ready_ones_and_ahead_of_the_preempted() {
    // 1 is running, 2 is ready, 3 sleeps until 10.
    let mut scheduler = with_ready(&[2]);
    scheduler.sleep_until(thread(3), 10);
    // The timer interrupt at 10: wake first, then end the turn.
    assert_eq!(scheduler.wake_expired(10).collect::<Vec<_>>(), [thread(3)]);
    assert!(scheduler.tick());
    assert_eq!(round_robin(&mut scheduler, Some(1), 4), [2, 3, 1, 2]);
}

#[test]
fn dropped_wake_iterator_leaves_the_rest_asleep() {
    let mut scheduler = scheduler(1);
    for index in 1..=3 {
        scheduler.sleep_until(thread(index), 5);
    }
    assert_eq!(scheduler.wake_expired(5).next(), Some(thread(1)));
    assert_eq!(
        scheduler.next_deadline(),
        Some(5),
        "still expired, still asleep"
    );
    assert_eq!(
        scheduler.queued(thread(2)),
        Some(Queued::Sleeping { deadline: 5 })
    );
    assert_eq!(
        scheduler.wake_expired(6).collect::<Vec<_>>(),
        [thread(2), thread(3)]
    );
}

#[test]
fn remove_takes_a_thread_out_for_good() {
    let mut scheduler = with_ready(&[1, 2]);
    scheduler.sleep_until(thread(3), 10);
    assert_eq!(scheduler.remove(thread(1)), Some(Queued::Ready));
    assert_eq!(
        scheduler.remove(thread(3)),
        Some(Queued::Sleeping { deadline: 10 })
    );
    assert_eq!(scheduler.remove(thread(3)), None);
    assert_eq!(scheduler.wake_expired(100).count(), 0);
    assert_eq!(round_robin(&mut scheduler, None, 2), [2, 2]);
}

#[test]
fn switch_to_takes_the_receiver_out_of_the_queues() {
    let mut scheduler = with_ready(&[1, 2]);
    scheduler.sleep_until(thread(3), 10);
    // A timed receive answered before its timeout.
    assert_eq!(
        scheduler.switch_to(thread(3)),
        Some(Queued::Sleeping { deadline: 10 })
    );
    assert_eq!(scheduler.queued(thread(3)), None);
    assert_eq!(scheduler.next_deadline(), None);
    // A receiver that was already ready leaves its place in the queue.
    assert_eq!(scheduler.switch_to(thread(2)), Some(Queued::Ready));
    assert_eq!(
        scheduler.ready_queue().iter().collect::<Vec<_>>(),
        [thread(1)]
    );
}

#[test]
fn switch_to_keeps_the_turn_so_hand_offs_cannot_starve_others() {
    // Client 1 and server 2 call each other; thread 3 waits in the queue.
    let mut scheduler = with_ready(&[3]);
    scheduler.set_slice_length(core::num::NonZeroU32::new(4).unwrap());
    let mut running = scheduler.pick_next(Some(thread(1)), true);
    assert_eq!(running, Some(thread(3)));
    running = scheduler.pick_next(running, true);
    assert_eq!(running, Some(thread(1)));
    assert_eq!(scheduler.slice_remaining(), 4);
    // Each tick, the running one hands off to the other and blocks.
    let mut ended_after = None;
    for tick in 1..=10 {
        let current = running.unwrap();
        let partner = thread(3 - current.index());
        scheduler.block(current);
        scheduler.switch_to(partner);
        running = Some(partner);
        if scheduler.tick() {
            ended_after = Some(tick);
            break;
        }
    }
    assert_eq!(ended_after, Some(4), "hand-offs share one 4-tick turn");
    assert_eq!(scheduler.pick_next(running, true), Some(thread(3)));
}

#[test]
fn switch_to_after_make_ready_sends_the_caller_to_the_back() {
    let mut scheduler = with_ready(&[2]);
    // 1 sends without waiting and stays runnable; 3 receives.
    scheduler.make_ready(thread(1));
    assert_eq!(scheduler.switch_to(thread(3)), None);
    assert_eq!(round_robin(&mut scheduler, Some(3), 3), [2, 1, 3]);
}

#[test]
fn pick_next_starts_a_new_turn() {
    let mut scheduler = scheduler(3);
    scheduler.make_ready(thread(1));
    assert!(!scheduler.tick());
    assert_eq!(scheduler.slice_remaining(), 2);
    scheduler.pick_next(None, false);
    assert_eq!(scheduler.slice_remaining(), 3);
    assert_eq!(scheduler.pick_next(None, false), None);
    assert_eq!(scheduler.slice_remaining(), 3, "idling starts a turn too");
}

#[test]
fn runnable_current_already_ready_keeps_its_place() {
    let mut scheduler = with_ready(&[2, 1, 3]);
    // 1 was made ready while running (a wake-up for a thread that was not
    // waiting); it is not queued a second time.
    assert_eq!(scheduler.pick_next(Some(thread(1)), true), Some(thread(2)));
    assert_eq!(scheduler.ready_queue().len(), 2);
    assert_eq!(
        scheduler.ready_queue().iter().collect::<Vec<_>>(),
        [thread(1), thread(3)]
    );
}

#[test]
fn runnable_current_found_asleep_is_woken() {
    let mut scheduler = scheduler(1);
    scheduler.sleep_until(thread(1), 10);
    assert_eq!(scheduler.pick_next(Some(thread(1)), true), Some(thread(1)));
    assert!(scheduler.sleep_queue().is_empty());
}
