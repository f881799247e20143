//! Services built from IDL, in the booted system: the template Echo service
//! and a generated client over real kernel IPC, driven by `apps/kernel-tests`.

use barodia_tests::scenario::run_user_scenario;

/// Every method through the generated client; a deferred call held open
/// while the service serves another thread's calls, and a dropped responder
/// answering `Abandoned`; then malformed requests of each class get their
/// named protocol error and the service keeps serving.
#[test]
fn the_template_service_answers_a_generated_client_and_refuses_malformed_requests() {
    let vm = run_user_scenario("echo-service").unwrap();
    let serial = vm.serial_text();
    assert!(serial.contains("echo-service: serving"), "the service did not start");
    assert!(serial.contains("a deferred reply answered from another thread's ping"), "no deferred reply");
}
