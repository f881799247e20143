//! Property tests: random and mutated input never panics, and every plan that
//! comes out keeps the promises `LoadPlan` documents.

use proptest::prelude::*;

use super::builder::{ElfBuilder, FILE_HEADER_SIZE, PROGRAM_HEADER_SIZE};
use super::{BASE, LIMITS};
use crate::{LoadLimits, LoadPlan, MAX_SEGMENTS, PAGE_SIZE, plan_load};

/// The valid files mutations start from: the builder's PIE, and the real
/// `hello` when it has been built.
fn seeds() -> Vec<Vec<u8>> {
    let mut seeds = vec![ElfBuilder::pie().build()];
    let hello = super::real_program::hello_path();
    if let Ok(bytes) = std::fs::read(hello) {
        seeds.push(bytes);
    }
    seeds
}

/// Plans `file` and, if it is accepted, checks the plan's promises.
fn plan_and_check(file: &[u8], base: u64, limits: &LoadLimits) {
    if let Ok(plan) = plan_load(file, base, limits) {
        check_plan(&plan, file, limits);
    }
}

/// What every accepted plan guarantees, whatever the input was.
fn check_plan(plan: &LoadPlan<'_>, file: &[u8], limits: &LoadLimits) {
    let segments = plan.segments();
    assert!(!segments.is_empty() && segments.len() <= MAX_SEGMENTS);
    let file_range = file.as_ptr_range();
    for (position, segment) in segments.iter().enumerate() {
        assert!(segment.start() < segment.end());
        assert_eq!(segment.end() - segment.start(), segment.memory_size());
        assert_eq!(segment.page_start() % PAGE_SIZE, 0);
        assert_eq!(segment.page_end() % PAGE_SIZE, 0);
        assert!(segment.page_start() <= segment.start() && segment.end() <= segment.page_end());
        assert!(limits.user_start <= segment.page_start());
        assert!(segment.page_end() <= limits.user_end);
        assert!(segment.page_end() <= plan.image_end());
        assert!(segment.file_bytes().len() as u64 <= segment.memory_size());
        let bytes = segment.file_bytes().as_ptr_range();
        assert!(file_range.start <= bytes.start && bytes.end <= file_range.end);
        let permissions = segment.permissions();
        assert!(!(permissions.write && permissions.execute));
        for other in &segments[..position] {
            assert!(
                other.page_end() <= segment.page_start()
                    || segment.page_end() <= other.page_start()
            );
        }
    }
    assert!(segments.iter().any(|s| {
        s.permissions().execute && s.start() <= plan.entry() && plan.entry() < s.end()
    }));
    for relocation in plan.relocations() {
        assert!(segments.iter().any(|s| {
            s.permissions().write
                && s.start() <= relocation.address
                && relocation.address + 8 <= s.end()
        }));
    }
}

/// Byte offsets of the fields of program header `index`, with their widths.
fn program_header_field(index: u64, field: usize) -> (u64, usize) {
    const FIELDS: [(u64, usize); 8] = [
        (0, 4),
        (4, 4),
        (8, 8),
        (16, 8),
        (24, 8),
        (32, 8),
        (40, 8),
        (48, 8),
    ];
    let (offset, width) = FIELDS[field % FIELDS.len()];
    (
        FILE_HEADER_SIZE + index * PROGRAM_HEADER_SIZE + offset,
        width,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_bytes_never_panic(file in proptest::collection::vec(any::<u8>(), 0..2048)) {
        plan_and_check(&file, BASE, &LIMITS);
    }

    #[test]
    fn random_bytes_after_a_valid_header_never_panic(
        tail in proptest::collection::vec(any::<u8>(), 0..4096),
    ) {
        let mut file = ElfBuilder::pie().build();
        file.truncate(usize::try_from(FILE_HEADER_SIZE).unwrap());
        file.extend_from_slice(&tail);
        plan_and_check(&file, BASE, &LIMITS);
    }

    #[test]
    fn byte_mutations_of_valid_programs_never_panic(
        seed in any::<prop::sample::Index>(),
        mutations in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..32),
    ) {
        let seeds = seeds();
        let mut file = seed.get(&seeds).clone();
        for (position, byte) in mutations {
            let at = position.index(file.len());
            file[at] = byte;
        }
        plan_and_check(&file, BASE, &LIMITS);
    }

    #[test]
    fn program_header_field_mutations_never_panic(
        seed in any::<prop::sample::Index>(),
        changes in proptest::collection::vec((0u64..8, 0usize..8, any::<u64>()), 1..4),
    ) {
        let seeds = seeds();
        let mut file = seed.get(&seeds).clone();
        for (index, field, value) in changes {
            let (at, width) = program_header_field(index, field);
            let at = usize::try_from(at).unwrap();
            if let Some(bytes) = file.get_mut(at..at + width) {
                bytes.copy_from_slice(&value.to_le_bytes()[..width]);
            }
        }
        plan_and_check(&file, BASE, &LIMITS);
    }

    #[test]
    fn truncations_of_valid_programs_never_panic(
        seed in any::<prop::sample::Index>(),
        length in any::<prop::sample::Index>(),
    ) {
        let seeds = seeds();
        let file = seed.get(&seeds);
        let cut = length.index(file.len() + 1);
        plan_and_check(&file[..cut], BASE, &LIMITS);
    }

    #[test]
    fn any_base_and_limits_never_panic(
        base in any::<u64>(),
        user_start in any::<u64>(),
        user_end in any::<u64>(),
        max_memory in any::<u64>(),
        page_aligned in any::<bool>(),
    ) {
        let mask = if page_aligned { !(PAGE_SIZE - 1) } else { u64::MAX };
        let limits = LoadLimits {
            user_start: user_start & mask,
            user_end: user_end & mask,
            max_memory,
        };
        for file in seeds() {
            plan_and_check(&file, base & mask, &limits);
            plan_and_check(&file, 0, &limits);
        }
    }
}
