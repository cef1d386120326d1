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
    /// Focus the detail pane, to read the selected insight.
    FocusDetail,
    /// Show only this stance, or everything if only it is shown.
    ToggleStance(Stance),
    /// All → agrees → conflicts → mixed → all.
    CycleFilter,
    /// Close the overlay, else clear the filter.
    Back,
    /// Open or close the list of keys.
    ToggleHelp,
    Quit,
    /// Give the terminal back and stop, as `Ctrl-Z` does in a shell; `fg` resumes.
    Suspend,
    /// Open the picker: every debate opened, to choose one (#11).
    OpenPicker,
    /// Read the next debate opened.
    NextDebate,
    /// Select what the selected insight replies to (#12).
    Parent,
    /// Read the previous debate opened.
    PrevDebate,
    /// Your stance for the selected insight (#13).
    Rate(Stance),
    /// Drop your stance for the selected insight: back to the file's.
    Unrate,
    /// Edit your note on the selected insight.
    EditNote,
    /// Take back the last change to a stance or note.
    Undo,
    /// Make the last change undone again.
    Redo,
    /// In the picker: sort by title, or most contested first.
    ToggleSort,
    /// Open the search prompt.
    StartSearch,
    /// Type a character into the open prompt (the search, or the picker's filter).
    SearchInput(char),
    /// Move the prompt's cursor, or delete around it.
    SearchEdit(Edit),
    /// The search before the one in the prompt, from earlier searches since the reader started.
    SearchOlder,
    /// The search after the one in the prompt, back to what was being typed.
    SearchNewer,
    /// Leave the prompt, keeping the query; in the picker, open the selected debate.
    SearchAccept,
    /// Leave the prompt and drop the query.
    SearchCancel,
    /// Select the next insight that matches the query.
    NextMatch,
    /// Select the previous insight that matches the query.
    PrevMatch,
    /// Pick the next sentence of the selected insight.
    NextSentence,
    /// Pick the previous sentence, or the whole insight again.
    PrevSentence,
    /// Copy the quote: the picked sentence, else the whole insight.
    Copy,
    /// Copy the quote with its citation.
    CopyCited,
    /// A mouse click at this column and row.
    Click {
        column: u16,
        row: u16,
    },
    /// A wheel notch at this column and row.
    Scroll {
        column: u16,
        row: u16,
        down: bool,
    },
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
}

/// An edit of the search prompt's line, at its cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Left,
    Right,
    WordLeft,
    WordRight,
    Home,
    End,
    Backspace,
    Delete,
    DeleteWordBack,
    DeleteWordForward,
    DeleteToStart,
    DeleteToEnd,
}
