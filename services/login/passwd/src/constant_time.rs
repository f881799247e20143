//! Comparison whose running time does not depend on where inputs differ.

/// True when `left` and `right` are equal. For equal lengths it reads
/// every byte whatever they hold, so timing reveals no matching prefix;
/// the lengths themselves are not secret (hashes have a fixed size).
pub fn constant_time_eq(left: &[u8], right: &[u8]) -> bool {
    if left.len() != right.len() {
        return false;
    }
    let difference = left
        .iter()
        .zip(right)
        .fold(0u8, |accumulated, (a, b)| accumulated | (a ^ b));
    // `black_box` keeps the optimiser from turning the fold into an
    // early-exit comparison.
    core::hint::black_box(difference) == 0
}
