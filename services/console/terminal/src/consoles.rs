//! The virtual consoles: several terminals, one of them on screen.

use alloc::vec::Vec;

use crate::terminal::Terminal;

/// A fixed set of [`Terminal`]s of the same size, one of which is active
/// (shown, and the one keyboard input goes to).
#[derive(Clone, Debug)]
pub struct Consoles {
    /// Never empty; `active` is always a valid index.
    terminals: Vec<Terminal>,
    active: usize,
}

impl Consoles {
    /// The usual number of consoles, one per Alt+F1..F4.
    pub const DEFAULT_COUNT: usize = 4;

    /// `count` (at least 1) blank terminals, each as
    /// [`Terminal::new(columns, rows, scrollback)`](Terminal::new); the
    /// first is active.
    pub fn new(count: usize, columns: usize, rows: usize, scrollback: usize) -> Consoles {
        let terminals = (0..count.max(1))
            .map(|_| Terminal::new(columns, rows, scrollback))
            .collect();
        Consoles {
            terminals,
            active: 0,
        }
    }

    /// How many consoles there are.
    pub fn len(&self) -> usize {
        self.terminals.len()
    }

    /// Always false: there is at least one console.
    pub fn is_empty(&self) -> bool {
        self.terminals.is_empty()
    }

    /// The index of the console on screen.
    pub fn active(&self) -> usize {
        self.active
    }

    /// Puts console `index` on screen. It is marked fully damaged so the
    /// next render redraws it. An index out of range changes nothing and
    /// gives false; switching to the active console is a no-op that
    /// gives true.
    pub fn switch_to(&mut self, index: usize) -> bool {
        if index == self.active {
            return true;
        }
        let Some(terminal) = self.terminals.get_mut(index) else {
            return false;
        };
        terminal.mark_all_damaged();
        self.active = index;
        true
    }

    /// Console `index`, if it exists.
    pub fn get(&self, index: usize) -> Option<&Terminal> {
        self.terminals.get(index)
    }

    /// Console `index`, to write to, if it exists.
    pub fn get_mut(&mut self, index: usize) -> Option<&mut Terminal> {
        self.terminals.get_mut(index)
    }

    /// The console on screen.
    pub fn active_terminal(&self) -> &Terminal {
        // NOTE: `new` makes at least one terminal and `switch_to` only
        // accepts existing indices, so this index is always in bounds.
        &self.terminals[self.active]
    }

    /// The console on screen, to write to.
    pub fn active_terminal_mut(&mut self) -> &mut Terminal {
        // NOTE: in bounds for the reason given in `active_terminal`.
        &mut self.terminals[self.active]
    }

    /// All consoles, in index order.
    pub fn iter(&self) -> impl Iterator<Item = &Terminal> {
        self.terminals.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_console_keeps_its_own_text() {
        let mut consoles = Consoles::new(Consoles::DEFAULT_COUNT, 80, 25, 100);
        consoles.active_terminal_mut().write(b"first");
        assert!(consoles.switch_to(2));
        consoles.active_terminal_mut().write(b"third");
        consoles.get_mut(1).unwrap().write(b"second");
        assert_eq!(&consoles.get(0).unwrap().text_of_row(0)[..5], "first");
        assert_eq!(&consoles.get(1).unwrap().text_of_row(0)[..6], "second");
        assert_eq!(&consoles.active_terminal().text_of_row(0)[..5], "third");
        assert!(consoles.switch_to(0));
        assert_eq!(&consoles.active_terminal().text_of_row(0)[..5], "first");
    }

    #[test]
    fn switching_out_of_range_changes_nothing() {
        let mut consoles = Consoles::new(4, 80, 25, 0);
        assert!(!consoles.switch_to(4));
        assert!(!consoles.switch_to(usize::MAX));
        assert_eq!(consoles.active(), 0);
        assert_eq!(consoles.len(), 4);
    }

    #[test]
    fn switching_damages_the_new_console_entirely() {
        let mut consoles = Consoles::new(2, 80, 25, 0);
        consoles.get_mut(1).unwrap().take_damage();
        assert!(consoles.get_mut(1).unwrap().take_damage().is_empty());
        assert!(consoles.switch_to(1));
        let damage = consoles.active_terminal_mut().take_damage();
        assert!(damage.is_all());
        assert!(damage.cursor_changed());
    }

    #[test]
    fn zero_consoles_means_one() {
        let mut consoles = Consoles::new(0, 80, 25, 0);
        assert_eq!(consoles.len(), 1);
        consoles.active_terminal_mut().write(b"ok");
    }
}
