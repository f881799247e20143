//! Which visible rows changed since the renderer last looked, so that it
//! copies only those into the VGA buffer.

/// Rows that fit in the bit set; a taller screen reports "everything"
/// whenever a row below this changes.
const TRACKED_ROWS: usize = 64;

/// What changed on the visible screen since the previous
/// [`Terminal::take_damage`](crate::Terminal::take_damage).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Damage {
    /// Bit `r` set: visible row `r` changed.
    rows: u64,
    /// Every row changed (scrolling, a view change, a console switch).
    all: bool,
    /// The cursor moved, appeared or disappeared.
    cursor: bool,
    /// The screen's height, to enumerate "every row".
    row_count: usize,
}

impl Damage {
    /// No damage on a screen of `row_count` rows.
    pub(crate) fn new(row_count: usize) -> Damage {
        Damage {
            rows: 0,
            all: false,
            cursor: false,
            row_count,
        }
    }

    pub(crate) fn mark_row(&mut self, row: usize) {
        match u32::try_from(row)
            .ok()
            .and_then(|row| 1u64.checked_shl(row))
        {
            Some(bit) if row < TRACKED_ROWS => self.rows |= bit,
            _ => self.all = true,
        }
    }

    pub(crate) fn mark_all(&mut self) {
        self.all = true;
        self.cursor = true;
    }

    pub(crate) fn mark_cursor(&mut self) {
        self.cursor = true;
    }

    /// True when nothing needs redrawing.
    pub fn is_empty(&self) -> bool {
        !self.all && self.rows == 0 && !self.cursor
    }

    /// True when every row needs redrawing.
    pub fn is_all(&self) -> bool {
        self.all
    }

    /// True when visible row `row` needs redrawing.
    pub fn contains_row(&self, row: usize) -> bool {
        if row >= self.row_count {
            return false;
        }
        self.all || (row < TRACKED_ROWS && self.rows & (1 << row) != 0)
    }

    /// True when the hardware cursor needs moving, showing or hiding.
    pub fn cursor_changed(&self) -> bool {
        self.cursor
    }

    /// The rows that need redrawing, top to bottom.
    pub fn rows(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.row_count).filter(|&row| self.contains_row(row))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    #[test]
    fn marked_rows_are_listed_in_order() {
        let mut damage = Damage::new(25);
        assert!(damage.is_empty());
        damage.mark_row(24);
        damage.mark_row(3);
        damage.mark_row(99);
        assert!(damage.is_all());
        let mut damage = Damage::new(25);
        damage.mark_row(24);
        damage.mark_row(3);
        assert_eq!(damage.rows().collect::<Vec<_>>(), [3, 24]);
        assert!(!damage.cursor_changed());
    }

    #[test]
    fn tall_screens_fall_back_to_everything() {
        let mut damage = Damage::new(100);
        damage.mark_row(70);
        assert!(damage.is_all());
        assert_eq!(damage.rows().count(), 100);
    }
}
