//! Rewrites the disk image's FAT partition with large clusters.
//!
//! The `bootloader` crate formats its FAT partition with `fatfs`'s default
//! cluster size, 1 KiB for our 4 MiB partition. Its BIOS stage 2 loads a file
//! one cluster at a time, and for each cluster it reads a whole 16 KiB disk
//! buffer plus two sectors of the FAT: 17 KiB read through the BIOS for every
//! 1 KiB loaded, which under QEMU TCG made loading the kernel and the
//! ramdisk take about 10 s. With clusters of [`CLUSTER_BYTES`] each 16 KiB
//! read brings 16 KiB of the file. The partition keeps its size and place,
//! so the partition table stays as the bootloader wrote it (until
//! `stage2.rs` moves the partition up).

use std::fs;
use std::io::{Cursor, Read, Write};
use std::path::Path;

/// The new cluster size: the stage's 16 KiB buffer, so that each read of
/// the buffer brings one whole cluster. Larger clusters save a FAT read
/// (two sectors) per buffer, but the stage copies a file's last cluster
/// whole, byte by byte: with five files (stages 3 and 4, the kernel, the
/// ramdisk and `boot.json`) 32 KiB clusters copied about
/// 40 KB more and booted about 50 ms slower (docs/bench.md).
const CLUSTER_BYTES: u32 = 16 * 1024;
/// The FAT partition's slot in the MBR (the first one holds stage 2).
const FAT_PARTITION: usize = 1;
/// Where the MBR's partition table starts, and the size of one entry.
const PARTITION_TABLE: usize = 446;
const PARTITION_ENTRY: usize = 16;
const SECTOR: usize = 512;

/// Rewrites the FAT partition of the BIOS image at `image` in place.
pub fn widen(image: &Path) {
    let mut disk = fs::read(image).unwrap_or_else(|error| panic!("reading {}: {error}", image.display()));
    let entry = PARTITION_TABLE + FAT_PARTITION * PARTITION_ENTRY;
    let word = |at: usize| u32::from_le_bytes([disk[at], disk[at + 1], disk[at + 2], disk[at + 3]]) as usize;
    let (start, sectors) = (word(entry + 8) * SECTOR, word(entry + 12) * SECTOR);
    assert!(start + sectors <= disk.len(), "the FAT partition runs past the end of {}", image.display());

    let old = &disk[start..start + sectors];
    let (label, files) = read_files(old);
    let new = write_files(old.len(), label, &files);
    disk[start..start + sectors].copy_from_slice(&new);
    fs::write(image, disk).unwrap_or_else(|error| panic!("writing {}: {error}", image.display()));
}

/// The volume label and every file of the root directory (the bootloader
/// puts all of its files there), in directory order.
fn read_files(partition: &[u8]) -> ([u8; 11], Vec<(String, Vec<u8>)>) {
    let volume = fatfs::FileSystem::new(Cursor::new(partition.to_vec()), fatfs::FsOptions::new())
        .unwrap_or_else(|error| panic!("opening the bootloader's FAT partition: {error}"));
    let mut label = [b' '; 11];
    let found = volume.volume_label_as_bytes();
    label[..found.len()].copy_from_slice(found);
    let mut files = Vec::new();
    for entry in volume.root_dir().iter() {
        let entry = entry.unwrap_or_else(|error| panic!("listing the FAT partition: {error}"));
        if entry.is_dir() {
            assert!(entry.file_name() == "." || entry.file_name() == "..", "unexpected folder {} in the FAT partition", entry.file_name());
            continue;
        }
        let mut data = Vec::new();
        entry.to_file().read_to_end(&mut data).unwrap_or_else(|error| panic!("reading {}: {error}", entry.file_name()));
        files.push((entry.file_name(), data));
    }
    (label, files)
}

/// A FAT partition of `size` bytes with large clusters holding `files`.
fn write_files(size: usize, label: [u8; 11], files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut partition = Cursor::new(vec![0; size]);
    let options = fatfs::FormatVolumeOptions::new().bytes_per_cluster(CLUSTER_BYTES).volume_label(label);
    fatfs::format_volume(&mut partition, options).unwrap_or_else(|error| panic!("formatting the FAT partition: {error}"));
    {
        let volume = fatfs::FileSystem::new(&mut partition, fatfs::FsOptions::new())
            .unwrap_or_else(|error| panic!("opening the new FAT partition: {error}"));
        let root = volume.root_dir();
        for (name, data) in files {
            let mut file = root.create_file(name).unwrap_or_else(|error| panic!("creating {name}: {error}"));
            file.write_all(data).unwrap_or_else(|error| panic!("writing {name} ({} bytes) with {CLUSTER_BYTES}-byte clusters: {error}", data.len()));
        }
    }
    partition.into_inner()
}
