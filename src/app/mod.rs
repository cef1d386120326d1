//! The application: the debates opened, the one being read, the picker, the help overlay and
//! the status-bar notice, and how each [`Action`] changes them. No I/O: the event loop feeds
//! actions in, draws when [`App::update`] says something changed, and carries out the effects
//! it returns (a copy, reading a debate to open it).
//!
//! What belongs to reading one debate (selection, filter, search, scrolls) is a
//! [`Reading`]'s, one per open debate, so that moving between debates keeps each place (#11).

mod help;

use ratatui::layout::{Position, Rect};

use crate::action::Action;
use crate::debate::Debate;
use crate::filter::StanceFilter;
use crate::keymap::Mode;
use crate::layout;
use crate::library::{Entry, Library, Origin, State, Summary};
use crate::picker::{self, Picker, Sort};
use crate::reading::{Reading, WHEEL_LINES, step};
use crate::search::Query;

pub use crate::prompt::Prompt;
pub use crate::reading::Pane;
pub use help::help_lines;

/// What the event loop should do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing visible changed.
    Unchanged,
    Redraw,
    Quit,
    /// Give the terminal back and stop until resumed, then redraw everything.
    Suspend,
    /// Put this text on the clipboard, then redraw.
    Copy(String),
    /// Read the debate of this library entry and hand it to [`App::opened`].
    Open(usize),
    /// For the status bar: a message, and whether it is an error. [`App::update`] shows it
    /// and returns [`Outcome::Redraw`] instead; the event loop never sees it.
    Notice(String, bool),
}

/// A line for the status bar that outlives the key that caused it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

#[derive(Debug, Clone)]
pub struct App {
    library: Library,
    /// Each open debate's reading, by library entry; a debate not open has none.
    readings: Vec<Option<Box<Reading>>>,
    /// The entry being read; none before the first is chosen in the picker.
    current: Option<usize>,
    picker: Option<Picker>,
    /// How the picker sorts, kept from one opening of it to the next.
    sort: Sort,
    /// The listed debates in the picker's order: what `]` and `[` step through.
    sequence: Vec<usize>,
    /// Files were read since the picker and the sequence were last put in order.
    picker_stale: bool,
    help_open: bool,
    help_scroll: usize,
    notice: Option<Notice>,
    area: Rect,
    /// The filter and search each debate opens with (`--only`, `--grep`).
    start: (StanceFilter, Option<Query>),
    /// Why the last save of a reading failed, while its changes are still unsaved (#13).
    save_failed: Option<String>,
    /// `q` was pressed with changes unsaved: the next `q` quits without them.
    confirming_quit: bool,
    /// The reader said to quit without them.
    quit_anyway: bool,
}

impl App {
    /// The reader of one debate.
    pub fn new(debate: Debate, width: u16, height: u16) -> App {
        let library = Library::single(crate::library::Origin::Builtin, &debate);
        App::with_library(library, vec![(0, debate)], width, height)
    }

    /// The reader of every debate in `library`, those in `open` already read. With one debate
    /// it is opened; with more, the picker comes first.
    pub fn with_library(
        library: Library,
        open: Vec<(usize, Debate)>,
        width: u16,
        height: u16,
    ) -> App {
        let mut app = App {
            readings: vec![None; library.len()],
            library,
            current: None,
            picker: None,
            sort: Sort::default(),
            sequence: Vec::new(),
            picker_stale: false,
            help_open: false,
            help_scroll: 0,
            notice: None,
            area: Rect::new(0, 0, width, height),
            start: (StanceFilter::All, None),
            save_failed: None,
            confirming_quit: false,
            quit_anyway: false,
        };
        for (index, debate) in open {
            if let Some(slot) = app.readings.get_mut(index) {
                *slot = Some(Box::new(Reading::new(debate, width, height)));
            }
        }
        app.sequence = picker::sequence(&app.library, app.sort);
        let listed: Vec<usize> = app.library.listed().collect();
        match listed.as_slice() {
            [only] if app.readings[*only].is_some() => app.current = Some(*only),
            _ => app.open_picker(),
        }
        app
    }

    /// Starts every debate with a stance filter and a query, as `--only` and `--grep` ask.
    pub fn with_filter(mut self, filter: StanceFilter, query: Option<Query>) -> App {
        for reading in self.readings.iter_mut().flatten() {
            reading.start_filtered(filter, query.clone());
        }
        self.start = (filter, query);
        self
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The debate being read.
    pub fn reading(&self) -> Option<&Reading> {
        self.readings.get(self.current?)?.as_deref()
    }

    fn reading_mut(&mut self) -> Option<&mut Reading> {
        self.readings.get_mut(self.current?)?.as_deref_mut()
    }

    /// The library entry being read.
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// `(3, 907)`: where the debate being read stands in the picker's order, and of how many.
    pub fn position(&self) -> Option<(usize, usize)> {
        let current = self.current?;
        let at = self.sequence.iter().position(|&i| i == current)?;
        Some((at + 1, self.sequence.len()))
    }

    /// The debate after (or before) the one being read in the picker's order, round the end,
    /// passing over the broken.
    fn step_debate(&self, forward: bool) -> Option<usize> {
        let current = self.current?;
        let len = self.sequence.len();
        let at = self.sequence.iter().position(|&i| i == current)?;
        (1..len)
            .map(|k| {
                self.sequence[if forward {
                    (at + k) % len
                } else {
                    (at + len - k) % len
                }]
            })
            .find(|&i| {
                self.library
                    .get(i)
                    .is_some_and(|e| matches!(e.state, State::Unread | State::Read(_)))
            })
    }

    pub fn picker(&self) -> Option<&Picker> {
        self.picker.as_ref()
    }

    pub fn help_scroll(&self) -> usize {
        self.help_scroll
    }

    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// Shows `text` in the status bar until the next key.
    pub fn set_notice(&mut self, text: String, is_error: bool) {
        // Notices can quote what a clipboard program or the system said: keep them harmless.
        let text = crate::text::sanitize(&text).replace('\n', " ");
        self.notice = Some(Notice { text, is_error });
    }

    pub fn mode(&self) -> Mode {
        if self.help_open {
            Mode::Help
        } else if self.picker.is_some() {
            Mode::Picker
        } else if self.reading().is_some_and(|r| r.note_prompt().is_some()) {
            Mode::Note
        } else if self.reading().is_some_and(Reading::searching) {
            Mode::Search
        } else {
            Mode::Normal
        }
    }

    pub fn area(&self) -> Rect {
        self.area
    }

    pub fn update(&mut self, action: Action) -> Outcome {
        if !matches!(action, Action::Resize(..)) {
            self.notice = None;
        }
        let before = self.snapshot();
        let confirming = std::mem::take(&mut self.confirming_quit);
        let outcome = match action {
            Action::Quit if confirming => {
                self.quit_anyway = true;
                return Outcome::Quit;
            }
            Action::Quit => match self.unsaved_warning() {
                Some(warning) => {
                    self.confirming_quit = true;
                    Outcome::Notice(warning, true)
                }
                None => return Outcome::Quit,
            },
            Action::Suspend => return Outcome::Suspend,
            Action::Resize(width, height) => {
                self.area = Rect::new(0, 0, width, height);
                if let Some(reading) = self.reading_mut() {
                    reading.update(action);
                }
                self.fit_picker();
                self.clamp_help();
                return Outcome::Redraw;
            }
            _ if self.area.width < layout::MIN_WIDTH || self.area.height < layout::MIN_HEIGHT => {
                return Outcome::Unchanged;
            }
            _ if self.help_open => {
                self.update_help(action);
                Outcome::Unchanged
            }
            _ if self.picker.is_some() => self.update_picker(action),
            Action::ToggleHelp => {
                self.help_open = true;
                self.help_scroll = 0;
                Outcome::Unchanged
            }
            Action::OpenPicker => {
                self.open_picker();
                Outcome::Unchanged
            }
            Action::NextDebate | Action::PrevDebate => {
                let forward = action == Action::NextDebate;
                match self.step_debate(forward) {
                    Some(index) => self.switch_to(index),
                    None => Outcome::Notice("no other debate is open".into(), false),
                }
            }
            _ => self
                .reading_mut()
                .map_or(Outcome::Unchanged, |r| r.update(action)),
        };
        match outcome {
            Outcome::Notice(text, is_error) => {
                self.set_notice(text, is_error);
                Outcome::Redraw
            }
            Outcome::Unchanged if self.snapshot() != before => Outcome::Redraw,
            other => other,
        }
    }

    /// Goes back to entry `index`, the debate last read among these (#13): at once if it is
    /// open, else [`Outcome::Open`] asks for it to be read.
    pub fn resume(&mut self, index: usize) -> Outcome {
        self.switch_to(index)
    }

    /// Why saving your reading fails, while it does.
    pub fn save_failed(&self) -> Option<&str> {
        self.save_failed.as_deref()
    }

    /// Whether the reader chose to quit with changes that could not be saved.
    pub fn quitting_anyway(&self) -> bool {
        self.quit_anyway
    }

    /// What quitting now would lose, when a save has failed: asked about before quitting.
    fn unsaved_warning(&self) -> Option<String> {
        let why = self.save_failed.as_ref()?;
        let changes = self.unsaved().len();
        (changes > 0).then(|| {
            format!("q again quits without saving your reading, any other key stays: {why}")
        })
    }

    /// The open debates whose readings have changes to save.
    pub fn unsaved(&self) -> Vec<usize> {
        self.readings
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r.as_ref()
                    .is_some_and(|r| r.yours().annotations().has_changes())
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The open debates, for saving where the reader is in each on the way out.
    pub fn open_debates(&self) -> Vec<usize> {
        self.readings
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_some())
            .map(|(i, _)| i)
            .collect()
    }

    /// Entry `index`'s debate and your reading of it, for the event loop to save.
    pub fn to_save(
        &mut self,
        index: usize,
    ) -> Option<(&crate::debate::Debate, &mut crate::annotations::Annotations)> {
        self.readings
            .get_mut(index)?
            .as_deref_mut()
            .map(Reading::to_save)
    }

    /// How the save of entry `index`'s reading went: another process's changes it brought in
    /// are shown; a failure is said, and the changes are kept to try again.
    pub fn saved(&mut self, index: usize, result: Result<Vec<String>, crate::debate::FileError>) {
        match result {
            Ok(adopted) => {
                self.save_failed = None;
                if let Some(reading) = self.readings.get_mut(index).and_then(|r| r.as_deref_mut()) {
                    reading.adopted(&adopted);
                }
            }
            Err(e) => {
                // The reason first, then the file: a reading's path is long, and the status
                // bar is one line.
                let name = e.path.file_name().map_or_else(
                    || e.path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                let why = format!("{} ({name})", e.message);
                self.set_notice(
                    format!("cannot save your reading: {why}; it is kept, and tried again soon"),
                    true,
                );
                self.save_failed = Some(why);
            }
        }
    }

    /// There is no data folder to keep readings in: said whenever there is a change to keep.
    pub fn saved_nowhere(&mut self) {
        let why = "no data folder for readings (set XDG_DATA_HOME, or use --reading FILE)";
        self.set_notice(
            format!("cannot save your reading: {why}; your changes are kept while stance runs"),
            true,
        );
        self.save_failed = Some(why.to_string());
    }

    /// Lays your reading over entry `index`'s debate, once the event loop has read it; a
    /// reading file that does not read is said, and left alone.
    pub fn annotate(
        &mut self,
        index: usize,
        annotations: Result<crate::annotations::Annotations, crate::debate::FileError>,
    ) {
        match annotations {
            Ok(annotations) => {
                if let Some(slot) = self.readings.get_mut(index)
                    && let Some(reading) = slot.take()
                {
                    *slot = Some(Box::new(reading.with_annotations(annotations)));
                }
            }
            Err(e) => {
                // The reason first: a reading's path is long, and the status bar one line.
                let name = e.path.file_name().map_or_else(
                    || e.path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                let place = match e.position {
                    Some((line, column)) => format!("{name}:{line}:{column}"),
                    None => name,
                };
                self.set_notice(
                    format!(
                        "cannot use your reading: {} ({place}); it is left as it is",
                        e.message
                    ),
                    true,
                );
            }
        }
    }

    /// Types `text` into the open prompt as one edit (a paste); elsewhere it is ignored, so
    /// that a pasted `q` or `y` cannot act.
    pub fn paste(&mut self, text: &str) -> Outcome {
        if self.help_open {
            return Outcome::Unchanged;
        }
        if let Some(picker) = &mut self.picker {
            picker.type_text(&self.library, text);
            return Outcome::Redraw;
        }
        self.reading_mut()
            .map_or(Outcome::Unchanged, |r| r.paste(text))
    }

    /// The event loop read entry `index` to open it, as [`Outcome::Open`] asked.
    pub fn opened(&mut self, index: usize, debate: Result<Debate, crate::debate::FileError>) {
        match debate {
            Ok(debate) => {
                self.library
                    .set_state(index, State::Read(Summary::of(&debate)));
                if let Some(picker) = &mut self.picker {
                    picker.forget(index);
                }
                let (filter, query) = self.start.clone();
                let reading = Reading::new(debate, self.area.width, self.area.height)
                    .with_filter(filter, query);
                if let Some(slot) = self.readings.get_mut(index) {
                    *slot = Some(Box::new(reading));
                }
                self.picker_stale = true;
                self.switch_to(index);
            }
            Err(e) => {
                let text = format!("cannot open {e}");
                self.library.set_state(index, State::Broken(e));
                if let Some(picker) = &mut self.picker {
                    picker.forget(index);
                }
                self.picker_stale = true;
                self.refresh_picker();
                self.set_notice(text, true);
            }
        }
    }

    /// A file found in a folder has been read in the background: its picker row fills in, and
    /// when it holds several debates (#12), a row for each of the others is added.
    pub fn summarised(&mut self, index: usize, states: Vec<State>) {
        // An open debate's row is already what its reading shows.
        if self.readings.get(index).is_some_and(Option::is_some) {
            return;
        }
        let mut states = states.into_iter();
        let Some(state) = states.next() else { return };
        if let Some(Origin::File(path)) = self.library.get(index).map(|e| e.origin.clone()) {
            let mut others = states.enumerate().peekable();
            if others.peek().is_some() {
                // The first is a part too, so that opening it reads the right one.
                self.library
                    .set_origin(index, Origin::Part(path.clone(), 0));
            }
            for (part, state) in others {
                let origin = Origin::Part(path.clone(), part + 1);
                self.library.push(Entry { origin, state });
                self.readings.push(None);
            }
        }
        self.library.set_state(index, state);
        if let Some(picker) = &mut self.picker {
            picker.forget(index);
        }
        self.picker_stale = true;
    }

    /// Matches the picker's rows again if files were read since: once for all the files read
    /// in a burst, not once a file. The event loop calls it before drawing.
    pub fn refresh_picker(&mut self) {
        if !std::mem::take(&mut self.picker_stale) {
            return;
        }
        self.sequence = picker::sequence(&self.library, self.sort);
        if let Some(picker) = &mut self.picker {
            picker.refresh(&self.library);
        }
    }

    fn open_picker(&mut self) {
        self.picker = Some(Picker::new(&self.library, self.current, self.sort));
        self.fit_picker();
    }

    fn fit_picker(&mut self) {
        let rows = usize::from(layout::picker_rows(self.picker_area()).height);
        if let Some(picker) = &mut self.picker {
            picker.set_page(rows);
        }
    }

    /// Where the picker goes: the screen above the status bar, a column in from each side.
    pub fn picker_area(&self) -> Rect {
        layout::picker(self.area)
    }

    fn update_picker(&mut self, action: Action) -> Outcome {
        let rows = layout::picker_rows(self.picker_area());
        let Some(picker) = &mut self.picker else {
            return Outcome::Unchanged;
        };
        match action {
            Action::SearchInput(c) => picker.type_text(&self.library, c.encode_utf8(&mut [0; 4])),
            Action::SearchEdit(edit) => picker.edit(&self.library, edit),
            Action::Down => picker.move_by(1),
            Action::Up => picker.move_by(-1),
            Action::PageDown => picker.move_pages(1),
            Action::PageUp => picker.move_pages(-1),
            Action::Top => picker.move_by(isize::MIN / 2),
            Action::Bottom => picker.move_by(isize::MAX / 2),
            Action::ToggleSort => {
                picker.toggle_sort(&self.library);
                self.sort = picker.sort();
                self.sequence = picker::sequence(&self.library, self.sort);
            }
            Action::ToggleHelp => {
                self.help_open = true;
                self.help_scroll = 0;
            }
            Action::Scroll { down, .. } => picker.move_by(if down { 1 } else { -1 }),
            Action::Click { column, row } if rows.contains(Position::new(column, row)) => {
                let at = picker.offset() + usize::from(row - rows.y);
                if let Some(selected) = picker.selected() {
                    picker.move_by(at as isize - selected as isize);
                }
            }
            Action::SearchAccept => {
                return match picker.selected_entry() {
                    Some(index) => self.switch_to(index),
                    None => Outcome::Unchanged,
                };
            }
            Action::Back | Action::SearchCancel => {
                // Back to the debate being read; with none yet, out, as fzf's Esc is.
                if self.current.is_none() {
                    return Outcome::Quit;
                }
                self.picker = None;
            }
            _ => {}
        }
        Outcome::Unchanged
    }

    /// Reads entry `index`: at once if it is open, else once the event loop has read it.
    fn switch_to(&mut self, index: usize) -> Outcome {
        let Some(entry) = self.library.get(index) else {
            return Outcome::Unchanged;
        };
        if let State::Broken(e) = &entry.state {
            return Outcome::Notice(format!("cannot open {e}"), true);
        }
        let (width, height) = (self.area.width, self.area.height);
        match self.readings.get_mut(index) {
            Some(Some(reading)) => {
                // It may have been parked at another size.
                reading.set_area(width, height);
                reading.update(Action::Resize(width, height));
                self.current = Some(index);
                self.picker = None;
                Outcome::Redraw
            }
            Some(None) => Outcome::Open(index),
            None => Outcome::Unchanged,
        }
    }

    fn update_help(&mut self, action: Action) {
        let page = self.help_page() as isize;
        let max = self.help_max_scroll();
        self.help_scroll = match action {
            Action::Down => step(self.help_scroll, 1, max),
            Action::Up => step(self.help_scroll, -1, max),
            Action::PageDown => step(self.help_scroll, page, max),
            Action::PageUp => step(self.help_scroll, -page, max),
            Action::Top => 0,
            Action::Bottom => max,
            Action::Scroll { down, .. } => step(
                self.help_scroll,
                if down { 1 } else { -1 } * WHEEL_LINES,
                max,
            ),
            // A click outside the overlay closes it.
            Action::Click { column, row }
                if !self.help_area().contains(Position::new(column, row)) =>
            {
                self.help_open = false;
                0
            }
            Action::Back | Action::ToggleHelp => {
                self.help_open = false;
                0
            }
            _ => self.help_scroll,
        };
    }

    fn clamp_help(&mut self) {
        // Wrapping the help costs more than all the rest: only while it is open.
        if self.help_open {
            self.help_scroll = self.help_scroll.min(self.help_max_scroll());
        }
    }

    /// What, beside the reading (which says itself whether it changed), changes the screen.
    fn snapshot(&self) -> impl PartialEq + use<> {
        (
            self.current,
            self.picker.as_ref().map(Picker::view_key),
            (self.help_open, self.help_scroll),
            self.notice.clone(),
        )
    }

    fn help_page(&self) -> usize {
        usize::from(self.help_area().height.saturating_sub(2)).max(1)
    }

    fn help_max_scroll(&self) -> usize {
        self.help_lines().len().saturating_sub(self.help_page())
    }

    /// Where the help overlay goes: as wide as its lines, within the screen.
    pub fn help_area(&self) -> Rect {
        // A column of the screen shows each side, so the overlay reads as one.
        let width = help::natural_width().min(usize::from(self.area.width.saturating_sub(6)));
        // Leave the status bar in view: it says how to close the overlay.
        let above_status = Rect {
            height: self.area.height.saturating_sub(1),
            ..self.area
        };
        layout::overlay(above_status, help_lines(width).len(), width)
    }

    /// The help's lines wrapped for its overlay.
    pub fn help_lines(&self) -> Vec<(String, String)> {
        help_lines(usize::from(self.help_area().width.saturating_sub(4)))
    }
}
