//! Drops the zero padding after the bootloader's stage 2 from the disk image.
//!
//! `bootloader` 0.11.15 links its BIOS stage 2 (real mode, from 0x7e00) with
//! a two-byte end marker at 0x7fffd, so its flat binary, which the crate
//! writes as partition 1, is 492,032 bytes: about 50 KB of code and data,
//! then zeros. The boot sector loads the whole partition through the BIOS
//! before stage 2 runs. Nothing reads the padding or the marker (the marker
//! only makes the link fail if the stage outgrows conventional memory), and
//! the stage's `.bss` lies before its `.rodata`, so every byte it needs sits
//! before the last non-zero one. The partition is cut after the sector
//! holding that byte, and the FAT partition behind it moved up: stage 2
//! finds it as the entry after its own, at the start the table gives.

use std::fs;
use std::path::Path;

/// Stage 2's slot in the MBR, and the FAT partition's right after it.
const STAGE_2_PARTITION: usize = 0;
const FAT_PARTITION: usize = 1;
/// Where the MBR's partition table starts, and the size of one entry.
const PARTITION_TABLE: usize = 446;
const PARTITION_ENTRY: usize = 16;
const SECTOR: usize = 512;
/// The stage's end marker, and where its link script puts it: at 0x7fffd,
/// in a binary that starts at 0x7e00.
const END_MARKER: [u8; 2] = 0xdead_u16.to_le_bytes();
const END_MARKER_OFFSET: usize = 0x7fffd - 0x7e00;

/// Rewrites the BIOS image at `image` with stage 2's padding removed.
pub fn trim(image: &Path) {
    let disk = fs::read(image).unwrap_or_else(|error| panic!("reading {}: {error}", image.display()));
    let entry = |slot: usize| PARTITION_TABLE + slot * PARTITION_ENTRY;
    let word = |disk: &[u8], at: usize| u32::from_le_bytes([disk[at], disk[at + 1], disk[at + 2], disk[at + 3]]) as usize;
    let (stage_2_start, stage_2_sectors) = (word(&disk, entry(STAGE_2_PARTITION) + 8), word(&disk, entry(STAGE_2_PARTITION) + 12));
    let (fat_start, fat_sectors) = (word(&disk, entry(FAT_PARTITION) + 8), word(&disk, entry(FAT_PARTITION) + 12));
    assert_eq!(fat_start, stage_2_start + stage_2_sectors, "the FAT partition does not follow stage 2 in {}", image.display());

    let stage_2 = &disk[stage_2_start * SECTOR..fat_start * SECTOR];
    assert_eq!(
        stage_2.get(END_MARKER_OFFSET..END_MARKER_OFFSET + 2),
        Some(&END_MARKER[..]),
        "stage 2 has no end marker where bootloader 0.11.15 puts it: another bootloader version?"
    );
    let Some(last) = stage_2[..END_MARKER_OFFSET].iter().rposition(|&byte| byte != 0) else {
        panic!("stage 2 in {} is all zeros", image.display());
    };
    let kept_sectors = (last + 1).div_ceil(SECTOR);

    let fat = fat_start * SECTOR..(fat_start + fat_sectors) * SECTOR;
    let mut trimmed = disk[..(stage_2_start + kept_sectors) * SECTOR].to_vec();
    trimmed.extend_from_slice(&disk[fat]);
    let new_fat_start = stage_2_start + kept_sectors;
    trimmed[entry(STAGE_2_PARTITION) + 12..][..4].copy_from_slice(&(kept_sectors as u32).to_le_bytes());
    trimmed[entry(FAT_PARTITION) + 8..][..4].copy_from_slice(&(new_fat_start as u32).to_le_bytes());
    fs::write(image, trimmed).unwrap_or_else(|error| panic!("writing {}: {error}", image.display()));
}
