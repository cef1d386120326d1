//! Everything a key can ask for. Keys map to these in [`crate::keymap`]; [`crate::app::App`]
//! decides what each means in the current state.

use crate::debate::Stance;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Next insight, or scroll the focused text pane down a line.
    Down,
    /// Previous insight, or scroll the focused text pane up a line.
    Up,
    /// First insight, or the top of the focused text.
    Top,
    /// Last insight, or the end of the focused text.
    Bottom,
    /// A page down in the focused pane.
    PageDown,
    /// A page up in the focused pane.
    PageUp,
    /// Focus the next pane: thesis, list, detail.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Show only this stance, or everything if only it is shown.
    ToggleStance(Stance),
    /// All → agrees → conflicts → mixed → all.
    CycleFilter,
    /// Close the overlay, else clear the filter.
    Back,
    /// Open or close the list of keys.
    ToggleHelp,
    Quit,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
}
