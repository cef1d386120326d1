//! The one table of keys. The help overlay and the status-bar hints are generated from it, so
//! they can never disagree with what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::{Action, Edit};
use crate::debate::Stance;

/// A key with the modifiers it needs. Shift is implied by an upper-case character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

const fn key(c: char) -> Key {
    code(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
        alt: false,
    }
}

const fn alt(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
        alt: true,
    }
}

const fn ctrl_code(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: true,
        alt: false,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        alt: false,
    }
}

impl Key {
    /// How the key is written in help and hints.
    pub fn label(self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Down => "↓".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{name}")
        } else if self.alt {
            format!("Alt-{name}")
        } else {
            name
        }
    }

    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        // Terminals report Shift-Tab as BackTab, some with SHIFT set and some without; and an
        // upper-case letter carries SHIFT. Neither should stop a match.
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        self.code == event.code && self.ctrl == ctrl && self.alt == alt
    }
}

/// One line of the keymap: the keys, what they do, and how help and hints describe it.
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// The help overlay's description.
    pub help: &'static str,
    /// The status bar's word for it; bindings with the same word share one hint (`j/k move`).
    pub hint: Option<&'static str>,
}

/// What the keys are talking to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Reading: the panes.
    Normal,
    /// The help overlay is open.
    Help,
    /// Typing into the search prompt.
    Search,
    /// Choosing a debate in the picker: typing filters it.
    Picker,
    /// Writing a note on an insight (#13).
    Note,
}

impl Mode {
    /// Every mode, for checks that span the whole keymap.
    pub const ALL: [Mode; 5] = [
        Mode::Normal,
        Mode::Help,
        Mode::Search,
        Mode::Picker,
        Mode::Note,
    ];
}

const fn bind(
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        action,
        help,
        hint,
    }
}

// One binding a line, so the table reads as the table it is. Beside vim's keys stand those of
// less (Space, b), emacs and fzf (Ctrl-n, Ctrl-p, Ctrl-f, Ctrl-b) and lazygit (Enter) (#10).
#[rustfmt::skip]
pub const NORMAL: &[Binding] = &[
    bind(&[key('j'), code(KeyCode::Down), ctrl('n')], Action::Down, "next insight (or scroll the focused pane)", Some("move")),
    bind(&[key('k'), code(KeyCode::Up), ctrl('p')], Action::Up, "previous insight (or scroll the focused pane)", Some("move")),
    bind(&[key('g'), code(KeyCode::Home)], Action::Top, "first insight (or top of the pane)", None),
    bind(&[key('G'), code(KeyCode::End)], Action::Bottom, "last insight (or end of the pane)", None),
    bind(&[code(KeyCode::PageDown), key(' '), ctrl('f'), ctrl('d')], Action::PageDown, "a page down", None),
    bind(&[code(KeyCode::PageUp), key('b'), ctrl('b'), ctrl('u')], Action::PageUp, "a page up", None),
    bind(&[code(KeyCode::Tab)], Action::FocusNext, "focus the next pane: thesis, list, detail", Some("pane")),
    bind(&[code(KeyCode::BackTab)], Action::FocusPrev, "focus the previous pane", None),
    bind(&[code(KeyCode::Enter)], Action::FocusDetail, "read the selected insight: focus the detail pane", None),
    bind(&[key('a')], Action::ToggleStance(Stance::Agrees), "only insights that agree (again: all)", Some("filter")),
    bind(&[key('c')], Action::ToggleStance(Stance::Conflicts), "only insights that conflict (again: all)", Some("filter")),
    bind(&[key('m')], Action::ToggleStance(Stance::Mixed), "only mixed insights (again: all)", Some("filter")),
    bind(&[key('u')], Action::ToggleStance(Stance::Unrated), "only unrated insights (again: all)", Some("filter")),
    bind(&[key('A')], Action::Rate(Stance::Agrees), "your stance on the insight: agrees", Some("rate")),
    bind(&[key('C')], Action::Rate(Stance::Conflicts), "your stance on the insight: conflicts", Some("rate")),
    bind(&[key('M')], Action::Rate(Stance::Mixed), "your stance on the insight: mixed", Some("rate")),
    bind(&[key('U')], Action::Unrate, "drop your stance: back to the file's (or unrated)", None),
    bind(&[key('e')], Action::EditNote, "write your note on the insight", Some("note")),
    bind(&[key('z')], Action::Undo, "undo the last change to a stance or note", Some("undo")),
    bind(&[key('Z')], Action::Redo, "redo what was undone", None),
    bind(&[key('f')], Action::CycleFilter, "cycle the filter through the stances the debate has, then all", Some("cycle")),
    bind(&[key('/')], Action::StartSearch, "search the insights' text and notes", Some("search")),
    bind(&[key('n')], Action::NextMatch, "next match (next insight in the list)", Some("match")),
    bind(&[key('N')], Action::PrevMatch, "previous match", Some("match")),
    bind(&[key('l'), code(KeyCode::Right)], Action::NextSentence, "pick the next sentence of the insight", Some("sentence")),
    bind(&[key('h'), code(KeyCode::Left)], Action::PrevSentence, "pick the previous sentence (or the whole insight)", Some("sentence")),
    bind(&[key('y')], Action::Copy, "copy the quote: the picked sentence, else the insight (or the thesis)", Some("copy")),
    bind(&[key('Y')], Action::CopyCited, "copy the quote with its citation", None),
    bind(&[key('p')], Action::Parent, "what the insight replies to, up to the thesis (Esc comes back)", Some("parent")),
    bind(&[code(KeyCode::Esc)], Action::Back, "back: down again after p, then the whole insight, then no search, then no filter", None),
    bind(&[key('o')], Action::OpenPicker, "the debates opened: find one and read it", Some("debates")),
    bind(&[key(']')], Action::NextDebate, "the next debate, in the picker's order", Some("debate")),
    bind(&[key('[')], Action::PrevDebate, "the previous debate, in the picker's order", Some("debate")),
    bind(&[key('?'), code(KeyCode::F(1))], Action::ToggleHelp, "this help", Some("help")),
    bind(&[ctrl('z')], Action::Suspend, "suspend to the shell (fg brings it back)", None),
    bind(&[key('q'), ctrl('c')], Action::Quit, "quit", Some("quit")),
];

#[rustfmt::skip]
pub const HELP: &[Binding] = &[
    bind(&[key('j'), code(KeyCode::Down), ctrl('n')], Action::Down, "scroll down", Some("scroll")),
    bind(&[key('k'), code(KeyCode::Up), ctrl('p')], Action::Up, "scroll up", Some("scroll")),
    bind(&[code(KeyCode::PageDown), key(' '), ctrl('f'), ctrl('d')], Action::PageDown, "a page down", None),
    bind(&[code(KeyCode::PageUp), key('b'), ctrl('b'), ctrl('u')], Action::PageUp, "a page up", None),
    bind(&[key('g'), code(KeyCode::Home)], Action::Top, "top", None),
    bind(&[key('G'), code(KeyCode::End)], Action::Bottom, "end", None),
    // `q` closes what is open, as in less's and lazygit's help, rather than quitting.
    bind(&[code(KeyCode::Esc), key('q'), key('?'), code(KeyCode::F(1))], Action::Back, "close the help", Some("close")),
    bind(&[ctrl('z')], Action::Suspend, "suspend to the shell", None),
    bind(&[ctrl('c')], Action::Quit, "quit", Some("quit")),
];

#[rustfmt::skip]
pub const SEARCH: &[Binding] = &[
    bind(&[code(KeyCode::Enter)], Action::SearchAccept, "keep the query and leave the prompt", Some("keep")),
    bind(&[code(KeyCode::Esc)], Action::SearchCancel, "drop the query and leave the prompt", Some("cancel")),
    bind(&[ctrl('n'), code(KeyCode::Tab)], Action::Down, "next result", Some("result")),
    bind(&[ctrl('p'), code(KeyCode::BackTab)], Action::Up, "previous result", Some("result")),
    bind(&[code(KeyCode::Up)], Action::SearchOlder, "an earlier search (history)", Some("history")),
    bind(&[code(KeyCode::Down)], Action::SearchNewer, "a later search (history)", Some("history")),
    bind(&[code(KeyCode::Left)], Action::SearchEdit(Edit::Left), "cursor left", None),
    bind(&[code(KeyCode::Right)], Action::SearchEdit(Edit::Right), "cursor right", None),
    bind(&[alt('b'), ctrl_code(KeyCode::Left)], Action::SearchEdit(Edit::WordLeft), "a word left", None),
    bind(&[alt('f'), ctrl_code(KeyCode::Right)], Action::SearchEdit(Edit::WordRight), "a word right", None),
    bind(&[code(KeyCode::Home), ctrl('a')], Action::SearchEdit(Edit::Home), "to the start", None),
    bind(&[code(KeyCode::End), ctrl('e')], Action::SearchEdit(Edit::End), "to the end", None),
    bind(&[code(KeyCode::Backspace), ctrl('h')], Action::SearchEdit(Edit::Backspace), "delete the character before the cursor", None),
    bind(&[code(KeyCode::Delete), ctrl('d')], Action::SearchEdit(Edit::Delete), "delete the character under the cursor", None),
    bind(&[ctrl('w'), Key { code: KeyCode::Backspace, ctrl: false, alt: true }], Action::SearchEdit(Edit::DeleteWordBack), "delete the word before the cursor", None),
    bind(&[alt('d')], Action::SearchEdit(Edit::DeleteWordForward), "delete the word after the cursor", None),
    bind(&[ctrl('u')], Action::SearchEdit(Edit::DeleteToStart), "delete to the start", None),
    bind(&[ctrl('k')], Action::SearchEdit(Edit::DeleteToEnd), "delete to the end", None),
    bind(&[ctrl('z')], Action::Suspend, "suspend to the shell", None),
    bind(&[ctrl('c')], Action::Quit, "quit", None),
];

// A note is edited with the search prompt's keys.
#[rustfmt::skip]
pub const NOTE: &[Binding] = &[
    bind(&[code(KeyCode::Enter)], Action::SearchAccept, "keep the note (an empty note drops yours)", Some("keep")),
    bind(&[code(KeyCode::Esc)], Action::SearchCancel, "cancel: the note stays as it was", Some("cancel")),
];

// The picker's filter is edited with the search prompt's keys (its rows from `Left` on).
#[rustfmt::skip]
pub const PICKER: &[Binding] = &[
    bind(&[code(KeyCode::Enter)], Action::SearchAccept, "read the selected debate", Some("open")),
    bind(&[code(KeyCode::Esc)], Action::Back, "back to the debate being read (with none yet, quit)", Some("back")),
    bind(&[code(KeyCode::Down), ctrl('n'), code(KeyCode::Tab)], Action::Down, "next debate in the list", Some("move")),
    bind(&[code(KeyCode::Up), ctrl('p'), code(KeyCode::BackTab)], Action::Up, "previous debate in the list", Some("move")),
    bind(&[code(KeyCode::PageDown), ctrl('f')], Action::PageDown, "a page down", None),
    bind(&[code(KeyCode::PageUp), ctrl('b')], Action::PageUp, "a page up", None),
    bind(&[ctrl('s')], Action::ToggleSort, "sort by title, or most contested first", Some("sort")),
    bind(&[code(KeyCode::F(1))], Action::ToggleHelp, "the help", Some("help")),
];

/// The search prompt's editing keys, which the picker's filter shares.
fn editing() -> &'static [Binding] {
    let first = SEARCH
        .iter()
        .position(|b| b.action == Action::SearchEdit(Edit::Left))
        .unwrap_or(SEARCH.len());
    &SEARCH[first..]
}

pub fn bindings(mode: Mode) -> &'static [Binding] {
    match mode {
        Mode::Normal => NORMAL,
        Mode::Help => HELP,
        Mode::Search => SEARCH,
        Mode::Picker => PICKER,
        Mode::Note => NOTE,
    }
}

/// Every binding in force in `mode`: its own, and for the picker the prompt's editing keys.
fn all_bindings(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    let shared = if matches!(mode, Mode::Picker | Mode::Note) {
        editing()
    } else {
        &[]
    };
    bindings(mode).iter().chain(shared)
}

/// The binding, in any mode, of a key written `label` in help and hints. A theme's glyph must
/// not be one: beside `? help` in the status bar, an unrated `?` reads as a key (#10).
pub fn binding_labelled(label: &str) -> Option<&'static Binding> {
    Mode::ALL
        .into_iter()
        .flat_map(bindings)
        .find(|b| b.keys.iter().any(|k| k.label() == label))
}

/// The action a key press asks for in `mode`, if any. Key releases are ignored.
pub fn action_for(mode: Mode, event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let bound = all_bindings(mode)
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.action);
    // In the prompt, every other printable key is part of the query.
    match (mode, event.code) {
        (Mode::Search | Mode::Picker | Mode::Note, KeyCode::Char(c))
            if bound.is_none()
                && !event
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::SearchInput(c))
        }
        _ => bound,
    }
}

/// The status bar's hints for `mode`, in table order: (`"j/k"`, `"move"`).
pub fn hints(mode: Mode) -> Vec<(String, &'static str)> {
    let mut hints: Vec<(String, &'static str)> = Vec::new();
    for binding in bindings(mode) {
        let (Some(word), Some(first)) = (binding.hint, binding.keys.first()) else {
            continue;
        };
        match hints.iter_mut().find(|(_, w)| *w == word) {
            Some((keys, _)) => {
                keys.push('/');
                keys.push_str(&first.label());
            }
            None => hints.push((first.label(), word)),
        }
    }
    hints
}

/// Every binding of `mode` for the help overlay: (`"j ↓"`, description).
pub fn help_rows(mode: Mode) -> Vec<(String, &'static str)> {
    bindings(mode)
        .iter()
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            (keys.join(" "), b.help)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn keys_map_to_actions() {
        let n = Mode::Normal;
        assert_eq!(
            action_for(n, &press(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(n, &press(KeyCode::Down, KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(n, &press(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            action_for(n, &press(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::PageDown)
        );
        assert_eq!(
            action_for(n, &press(KeyCode::Char('d'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            action_for(n, &press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(n, &press(KeyCode::Char('c'), KeyModifiers::NONE)),
            Some(Action::ToggleStance(Stance::Conflicts))
        );
        assert_eq!(
            action_for(n, &press(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusPrev)
        );
        assert_eq!(
            action_for(Mode::Help, &press(KeyCode::Char('?'), KeyModifiers::NONE)),
            Some(Action::Back)
        );
    }

    #[test]
    fn releases_are_ignored() {
        let mut e = press(KeyCode::Char('q'), KeyModifiers::NONE);
        e.kind = KeyEventKind::Release;
        assert_eq!(action_for(Mode::Normal, &e), None);
    }

    #[test]
    fn hints_merge_bindings_that_share_a_word() {
        let hints = hints(Mode::Normal);
        assert_eq!(hints[0], ("j/k".to_string(), "move"));
        assert!(hints.contains(&("a/c/m/u".to_string(), "filter")));
        assert!(hints.contains(&("?".to_string(), "help")));
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in Mode::ALL {
            let keys: Vec<Key> = all_bindings(mode)
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(
                    !keys[i + 1..].contains(k),
                    "{mode:?}: {} bound twice",
                    k.label()
                );
            }
        }
    }
}
