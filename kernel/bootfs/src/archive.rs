//! The reader: a validated archive, listed by index, iterated, or searched.

use core::cmp::Ordering;
use core::fmt;
use core::iter::FusedIterator;

use crate::entry::{Entry, EntryKind};
use crate::error::ArchiveError;
use crate::format::RawEntry;
use crate::validate::validate;

/// A bootfs archive that has passed every check of the format.
///
/// It borrows the caller's buffer and copies nothing: names and file data are
/// handed out as sub-slices of it. Because [`Archive::parse`] checked every
/// entry, the accessors cannot fail; where they return `Option` it is only for
/// an index or a name that is not in the archive.
#[derive(Clone, Copy)]
pub struct Archive<'a> {
    /// The buffer cut to the header's `total_size`.
    bytes: &'a [u8],
    /// The entry table: `len` records of `ENTRY_SIZE` bytes.
    table: &'a [u8],
    /// The names area, which name offsets count from.
    names: &'a [u8],
    /// The number of entries.
    len: usize,
}

impl<'a> Archive<'a> {
    /// Validates `bytes` as a bootfs archive.
    ///
    /// Checks everything up front, in one pass over the entries and without
    /// allocating: the header, every entry's fields, name and data, the order of
    /// names and data, and all checksums (the crate docs list the rules). Bytes
    /// of `bytes` past the archive's declared total size are ignored, so a
    /// ramdisk padded to a page or sector boundary parses as it is.
    ///
    /// # Errors
    ///
    /// The [`ArchiveError`] for the first rule the archive breaks.
    pub fn parse(bytes: &'a [u8]) -> Result<Self, ArchiveError> {
        validate(bytes)
    }

    /// Wraps regions that `validate` has located; checks nothing itself.
    pub(crate) const fn from_regions(
        bytes: &'a [u8],
        table: &'a [u8],
        names: &'a [u8],
        len: usize,
    ) -> Self {
        Self {
            bytes,
            table,
            names,
            len,
        }
    }

    /// The number of entries.
    pub const fn len(&self) -> usize {
        self.len
    }

    /// Whether the archive has no entries.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The archive's size in bytes, as declared in its header; at most the
    /// length of the buffer given to [`Archive::parse`].
    pub const fn total_size(&self) -> usize {
        self.bytes.len()
    }

    /// The entry at `index` in name order, or `None` if `index >= self.len()`.
    pub fn get(&self, index: usize) -> Option<Entry<'a>> {
        let raw = RawEntry::decode(self.table, index)?;
        // These re-checks cannot fail after `validate`; they keep the accessor
        // free of unwraps and unsafe.
        let name = core::str::from_utf8(raw.name_in(self.names)?).ok()?;
        let kind = EntryKind::try_from(raw.kind).ok()?;
        let data = self.bytes.get(raw.data_range()?)?;
        Some(Entry::new(name, kind, data))
    }

    /// All entries, in ascending byte order of their names.
    pub const fn entries(&self) -> Entries<'a> {
        Entries {
            archive: *self,
            next: 0,
        }
    }

    /// The entry named exactly `name` (for example `bin/init`), by binary search.
    pub fn find(&self, name: &str) -> Option<Entry<'a>> {
        self.get(self.position_before(name.as_bytes(), self.len)?)
    }

    /// The buffer cut to `total_size`.
    pub(crate) const fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The entry table.
    pub(crate) const fn table(&self) -> &'a [u8] {
        self.table
    }

    /// The names area.
    pub(crate) const fn names(&self) -> &'a [u8] {
        self.names
    }

    /// The index of the entry named `name` among entries `0..end`, by binary
    /// search; `validate` uses it on the prefix it has already checked.
    pub(crate) fn position_before(&self, name: &[u8], end: usize) -> Option<usize> {
        let (mut low, mut high) = (0, end);
        while low < high {
            // `low < high`, so neither the difference nor `middle + 1` can overflow.
            let middle = low + (high - low) / 2;
            let middle_name = RawEntry::decode(self.table, middle)?.name_in(self.names)?;
            match middle_name.cmp(name) {
                Ordering::Less => low = middle + 1,
                Ordering::Greater => high = middle,
                Ordering::Equal => return Some(middle),
            }
        }
        None
    }
}

impl fmt::Debug for Archive<'_> {
    // Shows the shape, not the bytes: an archive can be megabytes long.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Archive")
            .field("len", &self.len)
            .field("total_size", &self.total_size())
            .finish_non_exhaustive()
    }
}

impl<'a> IntoIterator for &Archive<'a> {
    type Item = Entry<'a>;
    type IntoIter = Entries<'a>;

    fn into_iter(self) -> Entries<'a> {
        self.entries()
    }
}

/// Iterator over an [`Archive`]'s entries in name order; see [`Archive::entries`].
#[derive(Clone, Debug)]
pub struct Entries<'a> {
    archive: Archive<'a>,
    next: usize,
}

impl<'a> Iterator for Entries<'a> {
    type Item = Entry<'a>;

    fn next(&mut self) -> Option<Entry<'a>> {
        let entry = self.archive.get(self.next)?;
        // `get` succeeded, so `next < len <= u32::MAX`: no overflow.
        self.next += 1;
        Some(entry)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let remaining = self.archive.len().saturating_sub(self.next);
        (remaining, Some(remaining))
    }
}

impl ExactSizeIterator for Entries<'_> {}

impl FusedIterator for Entries<'_> {}
