//! Rendezvous IPC in the booted system, driven by `apps/kernel-tests`.

use barodia_tests::scenario::run_user_scenario;

#[test]
fn calls_work_between_threads_and_between_processes() {
    run_user_scenario("ipc").unwrap();
}

#[test]
fn ipc_without_the_needed_rights_gets_named_errors() {
    run_user_scenario("ipc-rights").unwrap();
}

#[test]
fn a_dead_server_or_a_lost_receiver_is_peer_gone() {
    run_user_scenario("ipc-peer-gone").unwrap();
}

#[test]
fn hostile_replies_get_named_errors_and_the_server_goes_on() {
    let vm = run_user_scenario("ipc-hostile-replies").unwrap();
    assert!(vm.serial_text().contains(") killed: page fault"), "the caller was not killed by its fault");
}

/// A server tells its clients apart by the badges of their handles.
#[test]
fn badges_tell_senders_apart_and_cannot_be_forged() {
    run_user_scenario("ipc-badges").unwrap();
}

/// A server is told once per badge when its last client handle is gone.
#[test]
fn closing_the_last_handle_of_a_badge_notifies_the_server() {
    run_user_scenario("ipc-closed").unwrap();
}

#[test]
fn messages_carry_data_and_move_handles_all_or_none() {
    run_user_scenario("ipc-messages").unwrap();
}

#[test]
fn leases_are_bounded_and_one_directional() {
    run_user_scenario("ipc-leases").unwrap();
}

#[test]
fn grants_share_move_and_revoke_pages() {
    run_user_scenario("ipc-grants").unwrap();
}

#[test]
fn loans_map_pages_for_one_call_and_survive_hostile_lenders() {
    let vm = run_user_scenario("ipc-loans").unwrap();
    assert!(vm.serial_text().contains("killed: page fault"), "the server that touched a returned loan did not fault");
}

#[test]
fn a_driver_gets_interrupts_as_messages_and_only_its_ports() {
    let vm = run_user_scenario("devices").unwrap();
    assert!(vm.serial_text().contains("general protection"), "the direct `in` was not reported as a fault");
}

#[test]
fn process_handles_notify_their_holder_of_exits() {
    run_user_scenario("process-exits").unwrap();
}

#[test]
fn every_operation_without_its_right_is_missing_rights() {
    run_user_scenario("rights-matrix").unwrap();
}

/// A user program maps the VGA text buffer through a device-memory
/// capability and writes a line the host then reads off the screen.
#[test]
fn device_memory_maps_the_vga_text_buffer_into_user_space() {
    let mut vm = run_user_scenario("device-memory").unwrap();
    let screen = vm.wait_for_screen("user space owns this line", std::time::Duration::from_secs(10)).unwrap();
    assert!(screen.contains("user space owns this line"));
}
