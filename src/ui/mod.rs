//! The screen: one file per pane or overlay, each borrowing what it draws.

mod detail;
mod help;
mod insight_list;
mod status_bar;
mod thesis;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph, Widget};

use crate::app::{App, Pane};
use crate::layout::{self, MIN_HEIGHT, MIN_WIDTH, TextLine};
use crate::text::wrap;
use crate::theme::Theme;

/// The whole screen for the app's state.
pub struct View<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl<'a> View<'a> {
    pub fn new(app: &'a App, theme: &'a Theme) -> Self {
        View { app, theme }
    }
}

impl Widget for View<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(panes) = layout::panes(area, self.app.debate()) else {
            too_small(area, buf, self.theme);
            return;
        };
        let focus = self.app.focus();
        thesis::render(
            self.app,
            self.theme,
            panes.thesis,
            focus == Pane::Thesis,
            buf,
        );
        insight_list::render(self.app, self.theme, panes.list, focus == Pane::List, buf);
        detail::render(
            self.app,
            self.theme,
            panes.detail,
            focus == Pane::Detail,
            buf,
        );
        status_bar::render(self.app, self.theme, panes.status, buf);
        if self.app.mode() == crate::keymap::Mode::Help {
            help::render(self.app, self.theme, buf);
        }
    }
}

fn too_small(area: Rect, buf: &mut Buffer, theme: &Theme) {
    let message = format!(
        "Enlarge the terminal: stance needs {MIN_WIDTH}×{MIN_HEIGHT} (now {}×{}).",
        area.width, area.height
    );
    let lines: Vec<Line> = wrap(&message, usize::from(area.width))
        .into_iter()
        .map(Line::from)
        .collect();
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let area = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    Paragraph::new(lines)
        .style(theme.text())
        .centered()
        .render(area, buf);
}

/// A pane's frame: thick when focused, so focus does not rest on colour alone.
fn pane_block<'a>(focused: bool) -> Block<'a> {
    let block = Block::bordered();
    if focused {
        block.border_type(BorderType::Thick)
    } else {
        block
    }
}

/// `3–9/14`: which lines of a scrolled text are on screen, when not all of them fit.
fn scroll_position(scroll: usize, rows: usize, total: usize) -> Option<String> {
    (total > rows).then(|| {
        let first = (scroll + 1).min(total);
        let last = (scroll + rows).min(total);
        format!(" {first}–{last}/{total} ")
    })
}

/// The lines of a text pane from `scroll`, at most `rows` of them, styled by role.
fn visible_lines<'a>(
    lines: &'a [TextLine],
    scroll: usize,
    rows: usize,
    style: impl Fn(&'a TextLine) -> Line<'a>,
) -> Vec<Line<'a>> {
    lines.iter().skip(scroll).take(rows).map(style).collect()
}
