//! Reading one debate: its selection, filter, search, picked sentence, scrolls and the caches
//! that keep keys quick (#11). Each open debate has one, kept while the reader reads another,
//! so coming back finds everything as it was left. No I/O, no overlays: those are the
//! application's ([`crate::app::App`]).

mod mouse;

pub(crate) use mouse::WHEEL_LINES;

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use ratatui::layout::Rect;

use crate::action::Action;
use crate::annotations::Annotations;
use crate::annotations::yours::Yours;
use crate::debate::{Debate, Insight, Stance, Tree};
use crate::filter::{StanceFilter, narrow, nearest, visible_insights};
use crate::layout::{self, Panes, TextLine};
use crate::quote;
use crate::search::Query;

use crate::app::Outcome;
use crate::prompt::Prompt;

/// An insight's sentences, as byte ranges of its text.
type Sentences = Rc<Vec<Range<usize>>>;

/// An insight (by index) wrapped at a width.
type WrappedInsight = (usize, u16, Rc<Vec<TextLine>>);

/// One `p`: where the reader was, and what the list showed, before going up to the parent.
#[derive(Debug, Clone)]
struct Step {
    from: usize,
    filter: StanceFilter,
    query: Option<Query>,
    focus: Pane,
    /// Where `p` went: an insight, or `None` for the thesis. `Esc` comes back only while the
    /// reader is still there.
    to: Option<usize>,
}

/// The panes that take focus, in `Tab` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Thesis,
    List,
    Detail,
}

impl Pane {
    fn next(self) -> Pane {
        match self {
            Pane::Thesis => Pane::List,
            Pane::List => Pane::Detail,
            Pane::Detail => Pane::Thesis,
        }
    }

    fn prev(self) -> Pane {
        match self {
            Pane::Thesis => Pane::Detail,
            Pane::List => Pane::Thesis,
            Pane::Detail => Pane::List,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Reading {
    debate: Debate,
    /// The shape of an argument map: depths and replies (#12).
    tree: Tree,
    /// The way up that `p` took, to come back down by with `Esc`.
    trail: Vec<Step>,
    counts: [usize; 4],
    filter: StanceFilter,
    query: Option<Query>,
    /// The search prompt, while it is open.
    prompt: Option<Prompt>,
    /// The insight selected when the prompt opened, to return to if the search is dropped.
    search_origin: usize,
    /// The searches kept since the reader started, oldest first, for `↑`/`↓` in the prompt.
    history: Vec<String>,
    /// While stepping through `history`: where, and what had been typed before.
    history_at: Option<(usize, String)>,
    /// Indexes into `debate.insights` of what the filter and the query show.
    visible: Vec<usize>,
    /// How many of `visible` have each stance, for the balance bar.
    visible_counts: [usize; 4],
    /// Position in `visible` of the selected insight; `None` only when nothing is visible.
    selected: Option<usize>,
    /// The insight (index into `debate.insights`) last selected, to come back to when a filter
    /// that showed nothing is lifted.
    anchor: usize,
    /// The picked sentence of the selected insight, by its index among its sentences.
    sentence: Option<usize>,
    /// Position in `visible` of the list's first row on screen.
    list_offset: usize,
    thesis_scroll: usize,
    detail_scroll: usize,
    focus: Pane,
    area: Rect,
    /// The layout for `area`, and how many lines the thesis takes in it: both change only
    /// with the size, and are wanted on every key.
    panes: Option<Panes>,
    /// The thesis wrapped for the thesis pane.
    thesis_lines: Vec<TextLine>,
    /// The selected insight wrapped for the detail pane, by insight and width: wrapping a
    /// very long insight on every key would make every key slow.
    detail_cache: RefCell<Option<WrappedInsight>>,
    /// The selected insight's sentences, by insight.
    sentence_cache: RefCell<Option<(usize, Sentences)>>,
    /// Your stances and notes, laid over the debate (#13).
    yours: Yours,
    /// The note being written, and on which insight.
    note: Option<(usize, Prompt)>,
    /// Changes to your stances and notes so far, so that each one redraws.
    changes: usize,
}

impl Reading {
    pub fn new(mut debate: Debate, width: u16, height: u16) -> Reading {
        let counts = debate.stance_counts();
        let empty = Annotations::of(&debate);
        let yours = Yours::new(&mut debate, empty);
        let mut reading = Reading {
            tree: Tree::of(&debate.insights),
            trail: Vec::new(),
            debate,
            counts,
            filter: StanceFilter::All,
            query: None,
            prompt: None,
            search_origin: 0,
            history: Vec::new(),
            history_at: None,
            visible: Vec::new(),
            visible_counts: [0; 4],
            selected: None,
            anchor: 0,
            sentence: None,
            list_offset: 0,
            thesis_scroll: 0,
            detail_scroll: 0,
            focus: Pane::List,
            area: Rect::default(),
            panes: None,
            thesis_lines: Vec::new(),
            detail_cache: RefCell::default(),
            sentence_cache: RefCell::default(),
            yours,
            note: None,
            changes: 0,
        };
        reading.set_area(width, height);
        reading.refilter();
        reading
    }

    /// Starts with a stance filter and a query, as `--only` and `--grep` ask.
    pub fn with_filter(mut self, filter: StanceFilter, query: Option<Query>) -> Reading {
        self.start_filtered(filter, query);
        self
    }

    /// Filters and searches as `--only` and `--grep` ask, in place.
    pub fn start_filtered(&mut self, filter: StanceFilter, query: Option<Query>) {
        self.filter = filter;
        self.query = query;
        self.refilter();
        self.clamp();
    }

    /// Lays your reading over the debate, and goes back to where it says you were.
    pub fn with_annotations(mut self, annotations: Annotations) -> Reading {
        self.yours = Yours::new(&mut self.debate, annotations);
        self.counts = self.debate.stance_counts();
        let (selected, filter) = self.yours.place();
        self.filter = filter;
        if let Some(index) = selected {
            self.anchor = index;
        }
        self.refilter();
        self.clamp();
        self
    }

    pub fn yours(&self) -> &Yours {
        &self.yours
    }

    /// The debate and your reading of it, with where you are recorded, for saving.
    pub fn to_save(&mut self) -> (&Debate, &mut Annotations) {
        // The first insight of the whole list is where every reading starts: nothing to keep.
        let selected = self
            .selected
            .map(|s| self.visible[s])
            .filter(|&i| i > 0 || self.filter != StanceFilter::All);
        self.yours
            .set_place(&self.debate.insights, selected, self.filter);
        (&self.debate, self.yours.annotations_mut())
    }

    /// A save brought in other changes (another process's) to the insights `keys` name.
    pub fn adopted(&mut self, keys: &[String]) {
        if keys.is_empty() {
            return;
        }
        self.yours.adopted(&mut self.debate.insights, keys);
        self.changed(None);
    }

    /// The insight the note being written is on.
    pub fn note_target(&self) -> Option<usize> {
        self.note.as_ref().map(|(i, _)| *i)
    }

    /// The note being written, while it is.
    pub fn note_prompt(&self) -> Option<&Prompt> {
        self.note.as_ref().map(|(_, p)| p)
    }

    /// How many insights have a stance, and of how many.
    pub fn rated(&self) -> (usize, usize) {
        let total = self.debate.insights.len();
        (total - self.count(Stance::Unrated), total)
    }

    pub fn debate(&self) -> &Debate {
        &self.debate
    }

    pub fn filter(&self) -> StanceFilter {
        self.filter
    }

    pub fn query(&self) -> Option<&Query> {
        self.query.as_ref()
    }

    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    /// How many insights of each stance the whole debate has, by [`Stance::index`].
    pub fn counts(&self) -> [usize; 4] {
        self.counts
    }

    /// Count of insights of `stance` across the whole debate.
    pub fn count(&self, stance: Stance) -> usize {
        self.counts[stance.index()]
    }

    /// How many insights the stance filter admits, before the query narrows them.
    pub fn admitted(&self) -> usize {
        match self.filter {
            StanceFilter::All => self.debate.insights.len(),
            StanceFilter::Only(s) => self.count(s),
        }
    }

    /// How many of the insights on show have each stance, by [`Stance::index`].
    pub fn visible_counts(&self) -> [usize; 4] {
        self.visible_counts
    }

    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    /// Position of the selection in [`Reading::visible`].
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// The shape of the debate's argument map (empty for a flat debate).
    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    /// The selected insight and its number in the debate (from 1).
    pub fn selected_insight(&self) -> Option<(usize, &Insight)> {
        let index = self.visible[self.selected?];
        Some((index + 1, &self.debate.insights[index]))
    }

    /// The selected insight's lines in the detail pane at `width` (see [`layout::detail_lines`]).
    pub fn detail_lines(&self, width: u16) -> Rc<Vec<TextLine>> {
        let Some(index) = self.selected.map(|s| self.visible[s]) else {
            return Rc::default();
        };
        let mut cache = self.detail_cache.borrow_mut();
        if let Some((i, w, lines)) = cache.as_ref()
            && (*i, *w) == (index, width)
        {
            return Rc::clone(lines);
        }
        let whose = self.whose(index);
        let lines = Rc::new(layout::detail_lines_whose(
            &self.debate,
            &self.tree,
            index,
            width,
            &whose,
        ));
        *cache = Some((index, width, Rc::clone(&lines)));
        lines
    }

    /// Whose insight `index`'s stance and note are, once you have begun a reading of this
    /// debate: before that, every stance is the file's and nothing needs saying.
    pub fn whose(&self, index: usize) -> layout::Whose {
        let (stance, _) = self.yours.mark(index);
        let begun = !self.yours.annotations().entries.is_empty();
        let lead = begun.then(|| match stance {
            Some(_) => {
                let insight = &self.debate.insights[index];
                let file = self.yours.file_stance(index, insight);
                if file == insight.stance {
                    "Stance: yours (the file's too)".to_string()
                } else {
                    format!("Stance: yours (the file's: {})", file.name())
                }
            }
            None if self.debate.insights[index].stance == Stance::Unrated => {
                "Stance: none yet (the file gives none)".to_string()
            }
            None => "Stance: from the file".to_string(),
        });
        layout::Whose {
            lead,
            your_note: self
                .yours
                .note_is_yours_alone(index, &self.debate.insights[index]),
        }
    }

    /// The picked sentence of the selected insight, as a byte range of its text.
    pub fn picked_sentence(&self) -> Option<Range<usize>> {
        let index = self.sentence?;
        self.selected_sentences()?.get(index).cloned()
    }

    /// The selected insight's sentences, split once for as long as it stays selected: a
    /// very long insight would otherwise be split again several times a key (#14).
    fn selected_sentences(&self) -> Option<Sentences> {
        let index = self.visible[self.selected?];
        let mut cache = self.sentence_cache.borrow_mut();
        if let Some((i, sentences)) = cache.as_ref()
            && *i == index
        {
            return Some(Rc::clone(sentences));
        }
        let sentences = Rc::new(quote::sentences(&self.debate.insights[index].text));
        *cache = Some((index, Rc::clone(&sentences)));
        Some(sentences)
    }

    /// Which sentence is picked, and of how many, for the detail pane to say.
    pub fn picked_sentence_position(&self) -> Option<(usize, usize)> {
        Some((self.sentence?, self.selected_sentences()?.len()))
    }

    pub fn list_offset(&self) -> usize {
        self.list_offset
    }

    pub fn thesis_scroll(&self) -> usize {
        self.thesis_scroll
    }

    pub fn detail_scroll(&self) -> usize {
        self.detail_scroll
    }

    pub fn focus(&self) -> Pane {
        self.focus
    }

    /// Whether the search prompt is open.
    pub fn searching(&self) -> bool {
        self.prompt.is_some()
    }

    pub fn area(&self) -> Rect {
        self.area
    }

    pub fn panes(&self) -> Option<Panes> {
        self.panes
    }

    /// How many lines of text each row of the list shows at this size.
    pub fn list_row_lines(&self) -> u16 {
        self.panes.map_or(1, |p| {
            layout::list_row_lines(layout::inner(p.list).height, self.visible.len())
        })
    }

    /// The thesis pane's lines, wrapped for the panes of [`Reading::panes`].
    pub fn thesis_lines(&self) -> &[TextLine] {
        &self.thesis_lines
    }

    pub(crate) fn set_area(&mut self, width: u16, height: u16) {
        if (width, height) == (self.area.width, self.area.height) && self.panes.is_some() {
            return;
        }
        self.area = Rect::new(0, 0, width, height);
        // Wrapped once a size: the layout needs its length, the thesis pane its lines.
        self.thesis_lines = layout::thesis_lines(&self.debate, layout::thesis_width(self.area));
        self.panes = layout::panes_for_thesis(self.area, &self.debate, self.thesis_lines.len());
        if let Some(panes) = self.panes {
            let rows = layout::text_area(panes.thesis).height;
            layout::fit_thesis_lines(&mut self.thesis_lines, usize::from(rows));
        }
    }

    /// What `action` does to this debate's view. The application has already taken what is
    /// its own (quitting, overlays, moving between debates).
    pub fn update(&mut self, action: Action) -> Outcome {
        let before = self.snapshot();
        match action {
            Action::Resize(width, height) => {
                self.set_area(width, height);
                self.clamp();
                self.reveal_sentence();
                return Outcome::Redraw;
            }
            // Keys act on what is on screen; with nothing on screen they would act blind.
            _ if self.panes().is_none() => return Outcome::Unchanged,
            Action::Click { column, row } => self.click(column, row),
            Action::Scroll { column, row, down } => self.wheel(column, row, down),
            _ if self.note.is_some() => return self.update_note(action),
            _ if self.prompt.is_some() => self.update_prompt(action),
            Action::Down => self.scroll_focused(Scroll::By(1)),
            Action::Up => self.scroll_focused(Scroll::By(-1)),
            Action::Top => self.scroll_focused(Scroll::Start),
            Action::Bottom => self.scroll_focused(Scroll::End),
            Action::PageDown => self.scroll_focused(Scroll::Pages(1)),
            Action::PageUp => self.scroll_focused(Scroll::Pages(-1)),
            Action::FocusNext => self.focus = self.focus.next(),
            Action::FocusPrev => self.focus = self.focus.prev(),
            Action::ToggleStance(stance) => self.set_filter(self.filter.toggled(stance)),
            Action::CycleFilter => self.set_filter(self.filter.cycled(&self.counts)),
            Action::FocusDetail => self.focus = Pane::Detail,
            Action::Parent => {
                if let Some(why) = self.parent() {
                    return Outcome::Notice(why, false);
                }
            }
            Action::Back => self.back(),
            Action::StartSearch => {
                // A fresh prompt, as in less and vim; the current query stays until typing
                // replaces it.
                self.prompt = Some(Prompt::new(""));
                self.history_at = None;
                self.search_origin = self.anchor;
            }
            Action::NextMatch => self.cycle_selection(1),
            Action::PrevMatch => self.cycle_selection(-1),
            Action::NextSentence => self.pick_sentence(1),
            Action::PrevSentence => self.pick_sentence(-1),
            Action::Rate(stance) => return self.rate(Some(stance)),
            Action::Unrate => return self.rate(None),
            Action::EditNote => return self.start_note(),
            Action::Undo | Action::Redo => return self.undo(action == Action::Undo),
            Action::Copy => return self.copy(false),
            Action::CopyCited => return self.copy(true),
            // The application's, or only for a prompt.
            _ => {}
        }
        self.clamp();
        if self.snapshot() == before {
            Outcome::Unchanged
        } else {
            Outcome::Redraw
        }
    }

    /// `p`: the insight the selected one replies to, or the thesis for a direct reply. A filter
    /// or search that hides the parent is lifted, and `Esc` puts it back.
    /// Says why, when there is nowhere to go.
    fn parent(&mut self) -> Option<String> {
        let selected = self.selected.map(|s| self.visible[s])?;
        let on_thesis = self.focus == Pane::Thesis;
        let Some(reply) = self.debate.insights[selected].reply else {
            let why = if self.tree.is_tree() {
                format!("insight {} replies to nothing", selected + 1)
            } else {
                "this debate is not an argument map: no insight replies to another".to_string()
            };
            return Some(why);
        };
        if on_thesis {
            return Some("the thesis is the top of the map".into());
        }
        let step = Step {
            from: selected,
            filter: self.filter,
            query: self.query.clone(),
            focus: self.focus,
            to: reply.parent,
        };
        match reply.parent {
            None => {
                self.focus = Pane::Thesis;
                self.thesis_scroll = 0;
            }
            Some(parent) => {
                if !self.visible.contains(&parent) {
                    self.filter = StanceFilter::All;
                    self.query = None;
                }
                self.anchor = parent;
                self.refilter();
            }
        }
        self.trail.push(step);
        None
    }

    /// Whether the reader is where the last `p` took them, so that `Esc` should come back.
    fn on_trail(&self) -> bool {
        let Some(step) = self.trail.last() else {
            return false;
        };
        match step.to {
            None => self.focus == Pane::Thesis,
            Some(to) => self.selected.map(|s| self.visible[s]) == Some(to),
        }
    }

    /// `Esc` after `p`: back to the reply `p` left, as the list was.
    fn come_back(&mut self) {
        let Some(step) = self.trail.pop() else { return };
        self.filter = step.filter;
        self.query = step.query;
        self.focus = step.focus;
        self.anchor = step.from;
        self.refilter();
    }

    /// `Esc`: back down after `p`, else the whole insight again, else no query, else no stance
    /// filter.
    fn back(&mut self) {
        if self.on_trail() {
            return self.come_back();
        }
        self.trail.clear();
        if self.sentence.is_some() {
            self.sentence = None;
            self.detail_scroll = 0;
        } else if self.query.is_some() {
            // A search that matched nothing selected nothing: back to where it began, not to
            // whatever matched on the way there (#10).
            if self.selected.is_none() {
                self.anchor = self.search_origin;
            }
            self.set_query(None);
        } else {
            self.set_filter(StanceFilter::All);
        }
    }

    fn update_prompt(&mut self, action: Action) {
        let Some(prompt) = &mut self.prompt else {
            return;
        };
        match action {
            Action::SearchInput(c) => prompt.insert(c.encode_utf8(&mut [0; 4])),
            Action::SearchEdit(edit) => prompt.edit(edit),
            Action::SearchOlder | Action::SearchNewer => {
                let older = action == Action::SearchOlder;
                let Some(text) = self.step_history(older) else {
                    return;
                };
                self.prompt = Some(Prompt::new(&text));
                return self.follow_prompt();
            }
            Action::SearchAccept => {
                let text = prompt.text().to_string();
                if !text.trim().is_empty() && self.history.last() != Some(&text) {
                    self.history.push(text);
                }
                self.prompt = None;
                if self.selected.is_none() {
                    self.anchor = self.search_origin;
                }
                return;
            }
            Action::SearchCancel => {
                self.prompt = None;
                self.anchor = self.search_origin;
                self.set_query(None);
                return;
            }
            // Moving through the results while typing.
            Action::Down => return self.scroll_pane(Pane::List, Scroll::By(1)),
            Action::Up => return self.scroll_pane(Pane::List, Scroll::By(-1)),
            _ => return,
        }
        self.history_at = None;
        self.follow_prompt();
    }

    /// Types `text` into the open prompt as one edit (a paste); elsewhere it is ignored, so
    /// that a pasted `q` or `y` cannot act.
    pub fn paste(&mut self, text: &str) -> Outcome {
        if let Some((_, note)) = &mut self.note {
            note.insert(text);
            return Outcome::Redraw;
        }
        let before = self.snapshot();
        let Some(prompt) = self.prompt.as_mut() else {
            return Outcome::Unchanged;
        };
        prompt.insert(text);
        self.history_at = None;
        self.follow_prompt();
        self.clamp();
        if self.snapshot() == before {
            Outcome::Unchanged
        } else {
            Outcome::Redraw
        }
    }

    /// The search `older` (or newer) than the one shown, keeping what was being typed to come
    /// back to; `None` past either end.
    fn step_history(&mut self, older: bool) -> Option<String> {
        let typed = self
            .prompt
            .as_ref()
            .map_or(String::new(), |p| p.text().to_string());
        let (at, draft) = match (self.history_at.take(), older) {
            (None, true) if !self.history.is_empty() => (self.history.len() - 1, typed),
            (None, _) => return None,
            (Some((at, draft)), true) => (at.saturating_sub(1), draft),
            (Some((at, draft)), false) if at + 1 < self.history.len() => (at + 1, draft),
            (Some((_, draft)), false) => return Some(draft),
        };
        let text = self.history[at].clone();
        self.history_at = Some((at, draft));
        Some(text)
    }

    /// The query follows the prompt's text: the list narrows as it is typed.
    fn follow_prompt(&mut self) {
        let Some(prompt) = &self.prompt else {
            return;
        };
        // Incremental: the list narrows as the query is typed.
        let query = Query::new(prompt.text());
        if query.is_none() {
            // Nothing typed yet, or all of it deleted: back where the search began.
            self.anchor = self.search_origin;
        }
        if query != self.query {
            // A longer query (even one that turned exact with a capital) matches a subset of
            // what the shorter one did.
            let narrows = matches!(
                (&self.query, &query),
                (Some(old), Some(new)) if new.text().starts_with(old.text())
            );
            self.query = query;
            match (&self.query, narrows) {
                (Some(q), true) => {
                    let visible = narrow(&self.debate.insights, &self.visible, q);
                    self.show(visible);
                }
                _ => self.refilter(),
            }
        }
    }

    /// `A` `C` `M` (a stance) and `U` (none): your stance on the selected insight. With a
    /// filter that no longer admits it, the next insight in the list is selected, so that a
    /// page is rated key by key with `u` on.
    fn rate(&mut self, stance: Option<Stance>) -> Outcome {
        if self.focus == Pane::Thesis {
            return Outcome::Notice(
                "the thesis is what insights are rated against: select an insight to rate it"
                    .into(),
                false,
            );
        }
        let Some(index) = self.selected.map(|s| self.visible[s]) else {
            return Outcome::Notice("no insight is selected".into(), false);
        };
        let (before, note) = self.yours.mark(index);
        if before == stance {
            return Outcome::Notice(
                match stance {
                    Some(s) => format!("insight {} is already yours as {}", index + 1, s.name()),
                    None => format!("insight {} has no stance of yours to drop", index + 1),
                },
                false,
            );
        }
        self.yours
            .set(&mut self.debate.insights, index, (stance, note));
        self.changed(Some(index));
        let (rated, total) = self.rated();
        let what = match stance {
            Some(s) => format!("yours: {}", s.name()),
            None => format!(
                "back to the file's: {}",
                self.yours
                    .file_stance(index, &self.debate.insights[index])
                    .name()
            ),
        };
        Outcome::Notice(
            format!("insight {} {what} · {rated}/{total} rated", index + 1),
            false,
        )
    }

    /// `e`: a prompt holding your note on the selected insight.
    fn start_note(&mut self) -> Outcome {
        if self.focus == Pane::Thesis {
            return Outcome::Notice("select an insight to write a note on it".into(), false);
        }
        let Some(index) = self.selected.map(|s| self.visible[s]) else {
            return Outcome::Notice("no insight is selected".into(), false);
        };
        let (_, note) = self.yours.mark(index);
        self.note = Some((index, Prompt::new(note.as_deref().unwrap_or(""))));
        Outcome::Redraw
    }

    fn update_note(&mut self, action: Action) -> Outcome {
        let Some((index, prompt)) = &mut self.note else {
            return Outcome::Unchanged;
        };
        let index = *index;
        match action {
            Action::SearchInput(c) => prompt.insert(c.encode_utf8(&mut [0; 4])),
            Action::SearchEdit(edit) => prompt.edit(edit),
            Action::SearchAccept => {
                let text = prompt.text().trim().to_string();
                self.note = None;
                let (stance, before) = self.yours.mark(index);
                let note = (!text.is_empty()).then_some(text);
                if note == before {
                    return Outcome::Redraw;
                }
                let kept = note.is_some();
                self.yours
                    .set(&mut self.debate.insights, index, (stance, note));
                self.changed(Some(index));
                let what = if kept { "kept" } else { "dropped" };
                return Outcome::Notice(
                    format!("your note on insight {} {what}", index + 1),
                    false,
                );
            }
            Action::SearchCancel => self.note = None,
            _ => return Outcome::Unchanged,
        }
        Outcome::Redraw
    }

    /// `z` / `Z`: the last change to a stance or note taken back, or made again; the insight
    /// it was on is selected, if the list shows it.
    fn undo(&mut self, undo: bool) -> Outcome {
        let insights = &mut self.debate.insights;
        let done = if undo {
            self.yours.undo(insights)
        } else {
            self.yours.redo(insights)
        };
        let Some(index) = done else {
            let what = if undo { "undo" } else { "redo" };
            return Outcome::Notice(format!("nothing to {what}"), false);
        };
        self.anchor = index;
        self.changed(None);
        let what = if undo { "undone" } else { "redone" };
        let hidden = if self.visible.binary_search(&index).is_err() {
            " (the list hides it now)"
        } else {
            ""
        };
        Outcome::Notice(
            format!("{what}: your change to insight {}{hidden}", index + 1),
            false,
        )
    }

    /// After a change to your stances or notes: the counts, the list and the detail pane
    /// follow. `moved_on` is the insight just rated: if the filter hides it now, the next one
    /// in the list is selected.
    fn changed(&mut self, moved_on: Option<usize>) {
        self.changes += 1;
        self.counts = self.debate.stance_counts();
        self.detail_cache.replace(None);
        let visible = visible_insights(&self.debate.insights, self.filter, self.query.as_ref());
        if let Some(index) = moved_on
            && visible.binary_search(&index).is_err()
        {
            let next = visible.partition_point(|&i| i < index);
            if let Some(&i) = visible.get(next).or(visible.last()) {
                self.anchor = i;
            }
        }
        self.show(visible);
        self.clamp();
    }

    /// The state that, when it changes, changes the screen.
    fn snapshot(&self) -> impl PartialEq + use<> {
        (
            (self.filter, self.query.clone(), self.prompt.clone()),
            (self.selected, self.sentence),
            [self.list_offset, self.thesis_scroll, self.detail_scroll],
            self.focus,
            (self.note.clone(), self.changes),
        )
    }

    fn set_filter(&mut self, filter: StanceFilter) {
        self.filter = filter;
        self.refilter();
    }

    fn set_query(&mut self, query: Option<Query>) {
        self.query = query;
        self.refilter();
    }

    /// Recomputes what is visible, keeping the selected insight if it still is, else the
    /// nearest one.
    fn refilter(&mut self) {
        let visible = visible_insights(&self.debate.insights, self.filter, self.query.as_ref());
        self.show(visible);
    }

    /// Makes `visible` what the list shows, keeping the reader's place.
    fn show(&mut self, visible: Vec<usize>) {
        self.visible = visible;
        self.visible_counts = [0; 4];
        for &i in &self.visible {
            self.visible_counts[self.debate.insights[i].stance.index()] += 1;
        }
        let kept = nearest(&self.visible, self.anchor);
        self.select(kept);
    }

    fn select(&mut self, position: Option<usize>) {
        // `anchor` is the selected insight whenever there is one.
        let before = self.selected.map(|_| self.anchor);
        let after = position.and_then(|p| self.visible.get(p).copied());
        if after != before {
            self.detail_scroll = 0;
            self.sentence = None;
        }
        self.selected = position;
        if let Some(index) = after {
            self.anchor = index;
        }
    }

    /// `n` / `N`: the next or previous visible insight, wrapping around like `less`.
    fn cycle_selection(&mut self, by: isize) {
        let (Some(current), len) = (self.selected, self.visible.len()) else {
            return;
        };
        let next = (current as isize + by).rem_euclid(len as isize) as usize;
        self.select(Some(next));
    }

    fn pick_sentence(&mut self, by: isize) {
        let Some(count) = self.selected_sentences().map(|s| s.len()) else {
            return;
        };
        if count == 0 {
            return;
        }
        self.sentence = match (self.sentence, by > 0) {
            (None, true) => Some(0),
            (None, false) => None,
            (Some(i), true) => Some((i + 1).min(count - 1)),
            (Some(0), false) => {
                // The whole insight again, from its top.
                self.detail_scroll = 0;
                None
            }
            (Some(i), false) => Some(i - 1),
        };
        self.reveal_sentence();
    }

    /// Scrolls the detail pane so the picked sentence is in view.
    fn reveal_sentence(&mut self) {
        let (Some(range), Some(panes)) = (self.picked_sentence(), self.panes()) else {
            return;
        };
        let inner = layout::text_area(panes.detail);
        let lines = self.detail_lines(inner.width);
        let rows = usize::from(inner.height).max(1);
        let touches = |l: &layout::TextLine| {
            l.role == layout::Role::Body
                && l.source
                    .as_ref()
                    .is_some_and(|s| s.start < range.end && range.start < s.end)
        };
        let (Some(first), Some(last)) = (
            lines.iter().position(touches),
            lines.iter().rposition(touches),
        ) else {
            return;
        };
        if last >= self.detail_scroll + rows {
            self.detail_scroll = (last + 1).saturating_sub(rows);
        }
        if first < self.detail_scroll {
            self.detail_scroll = first;
        }
    }

    /// `y` / `Y`: the quote, plain or cited.
    fn copy(&mut self, cited: bool) -> Outcome {
        // With the thesis pane focused, the thesis is what is being read (#10).
        if self.focus == Pane::Thesis {
            return Outcome::Copy(if cited {
                quote::cite_thesis(&self.debate)
            } else {
                self.debate.thesis.clone()
            });
        }
        let Some((number, insight)) = self.selected_insight() else {
            return Outcome::Notice("nothing to copy: no insight is selected".into(), true);
        };
        let quote = match self.picked_sentence() {
            Some(range) => insight.text[range].to_string(),
            None => insight.text.clone(),
        };
        if cited {
            Outcome::Copy(quote::cite(&quote, &self.debate, number, insight))
        } else {
            Outcome::Copy(quote)
        }
    }

    fn scroll_focused(&mut self, scroll: Scroll) {
        self.scroll_pane(self.focus, scroll);
    }

    fn scroll_pane(&mut self, pane: Pane, scroll: Scroll) {
        let (rows, content) = self.viewport(pane);
        match pane {
            Pane::List => {
                let Some(current) = self.selected else { return };
                let last = self.visible.len() - 1;
                self.select(Some(scroll.apply(current, rows, last)));
            }
            Pane::Thesis => {
                let max = content.saturating_sub(rows);
                self.thesis_scroll = scroll.apply(self.thesis_scroll, rows, max);
            }
            Pane::Detail => {
                let max = content.saturating_sub(rows);
                self.detail_scroll = scroll.apply(self.detail_scroll, rows, max);
            }
        }
    }

    /// Rows on screen and rows of content of a pane at the current size.
    fn viewport(&self, pane: Pane) -> (usize, usize) {
        let Some(panes) = self.panes() else {
            return (1, 0);
        };
        match pane {
            Pane::List => {
                let height = layout::inner(panes.list).height;
                let rows = height / self.list_row_lines();
                (usize::from(rows).max(1), self.visible.len())
            }
            Pane::Thesis => (
                usize::from(layout::text_area(panes.thesis).height).max(1),
                self.thesis_lines.len(),
            ),
            Pane::Detail => {
                let inner = layout::text_area(panes.detail);
                let lines = self.detail_lines(inner.width).len();
                (usize::from(inner.height).max(1), lines)
            }
        }
    }

    /// Keeps every offset within its content and the selection on screen.
    fn clamp(&mut self) {
        let (rows, content) = self.viewport(Pane::Thesis);
        self.thesis_scroll = self.thesis_scroll.min(content.saturating_sub(rows));
        let (rows, content) = self.viewport(Pane::Detail);
        self.detail_scroll = self.detail_scroll.min(content.saturating_sub(rows));
        let (rows, len) = self.viewport(Pane::List);
        if let Some(s) = self.selected {
            if s < self.list_offset {
                self.list_offset = s;
            } else if s >= self.list_offset + rows {
                self.list_offset = s + 1 - rows;
            }
        }
        self.list_offset = self.list_offset.min(len.saturating_sub(rows));
    }
}

/// A movement within `0..=max`.
#[derive(Debug, Clone, Copy)]
enum Scroll {
    By(isize),
    Pages(isize),
    Start,
    End,
}

impl Scroll {
    fn apply(self, current: usize, page: usize, max: usize) -> usize {
        match self {
            Scroll::By(n) => step(current, n, max),
            Scroll::Pages(n) => step(current, n * page as isize, max),
            Scroll::Start => 0,
            Scroll::End => max,
        }
    }
}

pub(crate) fn step(current: usize, by: isize, max: usize) -> usize {
    current.saturating_add_signed(by).min(max)
}
