//! The reader's state and how each [`Action`] changes it. No I/O: the event loop feeds actions
//! in and draws when [`App::update`] says something changed.

use ratatui::layout::Rect;

use crate::action::Action;
use crate::debate::{Debate, Insight, Stance};
use crate::filter::{StanceFilter, nearest, visible_insights};
use crate::keymap::{self, Mode};
use crate::layout::{self, Panes};
use crate::text;

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

/// What the event loop should do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing visible changed.
    Unchanged,
    Redraw,
    Quit,
}

#[derive(Debug, Clone)]
pub struct App {
    debate: Debate,
    counts: [usize; 4],
    filter: StanceFilter,
    /// Indexes into `debate.insights` of what the filter shows.
    visible: Vec<usize>,
    /// Position in `visible` of the selected insight; `None` only when nothing is visible.
    selected: Option<usize>,
    /// Position in `visible` of the list's first row on screen.
    list_offset: usize,
    thesis_scroll: usize,
    detail_scroll: usize,
    help_scroll: usize,
    focus: Pane,
    help_open: bool,
    area: Rect,
}

impl App {
    pub fn new(debate: Debate, width: u16, height: u16) -> App {
        let counts = debate.stance_counts();
        let visible = visible_insights(&debate.insights, StanceFilter::All);
        let selected = (!visible.is_empty()).then_some(0);
        App {
            debate,
            counts,
            filter: StanceFilter::All,
            visible,
            selected,
            list_offset: 0,
            thesis_scroll: 0,
            detail_scroll: 0,
            help_scroll: 0,
            focus: Pane::List,
            help_open: false,
            area: Rect::new(0, 0, width, height),
        }
    }

    pub fn debate(&self) -> &Debate {
        &self.debate
    }

    pub fn filter(&self) -> StanceFilter {
        self.filter
    }

    /// How many insights of each stance the whole debate has, by [`Stance::index`].
    pub fn counts(&self) -> [usize; 4] {
        self.counts
    }

    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    /// Position of the selection in [`App::visible`].
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// The selected insight and its number in the debate (from 1).
    pub fn selected_insight(&self) -> Option<(usize, &Insight)> {
        let index = self.visible[self.selected?];
        Some((index + 1, &self.debate.insights[index]))
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

    pub fn help_scroll(&self) -> usize {
        self.help_scroll
    }

    pub fn focus(&self) -> Pane {
        self.focus
    }

    pub fn mode(&self) -> Mode {
        if self.help_open {
            Mode::Help
        } else {
            Mode::Normal
        }
    }

    pub fn area(&self) -> Rect {
        self.area
    }

    pub fn panes(&self) -> Option<Panes> {
        layout::panes(self.area, &self.debate)
    }

    pub fn update(&mut self, action: Action) -> Outcome {
        let before = self.snapshot();
        match action {
            Action::Quit => return Outcome::Quit,
            Action::Resize(width, height) => {
                self.area = Rect::new(0, 0, width, height);
                self.clamp();
                return Outcome::Redraw;
            }
            _ if self.help_open => self.update_help(action),
            Action::Down => self.scroll_focused(Scroll::By(1)),
            Action::Up => self.scroll_focused(Scroll::By(-1)),
            Action::Top => self.scroll_focused(Scroll::Start),
            Action::Bottom => self.scroll_focused(Scroll::End),
            Action::PageDown => self.scroll_focused(Scroll::Pages(1)),
            Action::PageUp => self.scroll_focused(Scroll::Pages(-1)),
            Action::FocusNext => self.focus = self.focus.next(),
            Action::FocusPrev => self.focus = self.focus.prev(),
            Action::ToggleStance(stance) => self.set_filter(self.filter.toggled(stance)),
            Action::CycleFilter => self.set_filter(self.filter.cycled()),
            Action::Back => self.set_filter(StanceFilter::All),
            Action::ToggleHelp => {
                self.help_open = true;
                self.help_scroll = 0;
            }
        }
        self.clamp();
        if self.snapshot() == before {
            Outcome::Unchanged
        } else {
            Outcome::Redraw
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
            Action::Back | Action::ToggleHelp => {
                self.help_open = false;
                0
            }
            _ => self.help_scroll,
        };
    }

    /// The state that, when it changes, changes the screen.
    fn snapshot(&self) -> (StanceFilter, Option<usize>, [usize; 4], Pane, bool) {
        (
            self.filter,
            self.selected,
            [
                self.list_offset,
                self.thesis_scroll,
                self.detail_scroll,
                self.help_scroll,
            ],
            self.focus,
            self.help_open,
        )
    }

    fn set_filter(&mut self, filter: StanceFilter) {
        let current = self.selected.map(|s| self.visible[s]);
        self.filter = filter;
        self.visible = visible_insights(&self.debate.insights, filter);
        let selected = current.and_then(|i| nearest(&self.visible, i));
        self.select(selected.or((!self.visible.is_empty()).then_some(0)));
    }

    fn select(&mut self, position: Option<usize>) {
        if position != self.selected {
            self.detail_scroll = 0;
        }
        self.selected = position;
    }

    fn scroll_focused(&mut self, scroll: Scroll) {
        let (rows, content) = self.viewport(self.focus);
        match self.focus {
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
            Pane::List => (
                usize::from(layout::inner(panes.list).height).max(1),
                self.visible.len(),
            ),
            Pane::Thesis => {
                let inner = layout::inner(panes.thesis);
                (
                    usize::from(inner.height).max(1),
                    layout::thesis_lines(&self.debate, inner.width).len(),
                )
            }
            Pane::Detail => {
                let inner = layout::inner(panes.detail);
                let lines = self
                    .selected_insight()
                    .map_or(0, |(_, i)| layout::detail_lines(i, inner.width).len());
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
        self.help_scroll = self.help_scroll.min(self.help_max_scroll());
    }

    fn help_page(&self) -> usize {
        usize::from(self.help_area().height.saturating_sub(2)).max(1)
    }

    fn help_max_scroll(&self) -> usize {
        self.help_lines().len().saturating_sub(self.help_page())
    }

    /// Where the help overlay goes: as wide as its lines, within the screen.
    pub fn help_area(&self) -> Rect {
        let width = help_natural_width().min(usize::from(self.area.width.saturating_sub(4)));
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

    /// Count of insights of `stance` across the whole debate.
    pub fn count(&self, stance: Stance) -> usize {
        self.counts[stance.index()]
    }
}

/// The help overlay's lines at `width` columns: the keys in one column and what they do
/// beside them, wrapped, then how to close it. Generated from the keymap so it cannot go stale.
pub fn help_lines(width: usize) -> Vec<(String, String)> {
    let rows = keymap::help_rows(Mode::Normal);
    let key_width = rows.iter().map(|(k, _)| text::width(k)).max().unwrap_or(0) + 2;
    let mut lines = Vec::new();
    for (keys, help) in rows {
        let pad = key_width.saturating_sub(text::width(&keys));
        let mut first = Some(format!("{keys}{}", " ".repeat(pad)));
        for part in text::wrap(help, width.saturating_sub(key_width).max(1)) {
            let keys = first.take().unwrap_or_else(|| " ".repeat(key_width));
            lines.push((keys, part));
        }
    }
    lines.push((String::new(), String::new()));
    for part in text::wrap(HELP_FOOTER, width.max(1)) {
        lines.push((String::new(), part));
    }
    lines
}

const HELP_FOOTER: &str = "Esc or ? closes this help; j/k scroll it.";

/// The widest line of the help when nothing needs wrapping.
fn help_natural_width() -> usize {
    let rows = keymap::help_rows(Mode::Normal);
    let key_width = rows.iter().map(|(k, _)| text::width(k)).max().unwrap_or(0) + 2;
    let help_width = rows.iter().map(|(_, h)| text::width(h)).max().unwrap_or(0);
    (key_width + help_width).max(text::width(HELP_FOOTER))
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

fn step(current: usize, by: isize, max: usize) -> usize {
    current.saturating_add_signed(by).min(max)
}
