//! Storage sizes and level counts, including the 64 GiB target.

use crate::layout::Layout;
use crate::{MAX_FRAMES, storage_words};

#[test]
fn sixty_four_gib_fits_in_four_levels_and_about_two_mib() {
    let frame_count = 1 << 24; // 64 GiB of 4 KiB frames
    let layout = Layout::for_frames(frame_count).unwrap();
    assert_eq!(layout.level_count, 4);
    assert_eq!(layout.level_words[..4], [1 << 18, 1 << 12, 64, 1]);
    let words = storage_words(frame_count).unwrap();
    assert_eq!(words, (1 << 18) + (1 << 12) + 64 + 1);
    assert!(
        words * 8 < 2 * 1024 * 1024 + 64 * 1024,
        "{words} words is over ~2 MiB"
    );
}

#[test]
fn max_frames_is_supported_and_one_more_is_not() {
    assert_eq!(
        Layout::for_frames(MAX_FRAMES).unwrap().level_count,
        crate::MAX_LEVELS
    );
    assert_eq!(storage_words(MAX_FRAMES + 1), None);
    assert_eq!(storage_words(u64::MAX), None);
}

#[test]
fn small_counts_need_one_word_per_level() {
    assert_eq!(storage_words(0), Some(1));
    assert_eq!(storage_words(1), Some(1));
    assert_eq!(storage_words(64), Some(1));
    assert_eq!(storage_words(65), Some(2 + 1));
    assert_eq!(storage_words(64 * 64), Some(64 + 1));
    assert_eq!(storage_words(64 * 64 + 1), Some(65 + 2 + 1));
}

#[test]
fn storage_size_is_usable_in_const_context() {
    const WORDS: Option<usize> = storage_words(1 << 24);
    assert!(WORDS.is_some());
}
