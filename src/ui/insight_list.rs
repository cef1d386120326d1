use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::pane_block;
use crate::app::App;
use crate::debate::Stance;
use crate::filter::StanceFilter;
use crate::text::{truncate, width};
use crate::theme::Theme;

/// Below this inner width a row carries the glyph alone; the status bar's counts say what
/// each glyph means.
const WORDS_FROM: u16 = 40;
const WORD_WIDTH: usize = 9;

/// One row per visible insight: number, glyph, stance word and the start of its text.
pub(super) fn render(app: &App, theme: &Theme, area: Rect, focused: bool, buf: &mut Buffer) {
    let visible = app.visible();
    let position = app.selected().map_or(0, |s| s + 1);
    let mut title = vec![Span::styled(
        format!(" Insights {position}/{} ", visible.len()),
        theme.headline(),
    )];
    if let StanceFilter::Only(stance) = app.filter() {
        title.push(Span::styled(
            format!("{} {} only ", theme.glyph(stance), stance.name()),
            theme.stance(stance),
        ));
    }
    let block = pane_block(focused)
        .border_style(theme.border(focused))
        .title(Line::from(title));
    let inner = block.inner(area);
    block.render(area, buf);

    if visible.is_empty() {
        empty(app, theme, inner, buf);
        return;
    }
    let rows = usize::from(inner.height);
    let offset = app.list_offset().min(visible.len().saturating_sub(rows));
    let number_width = app.debate().insights.len().to_string().len();
    let show_words = inner.width >= WORDS_FROM;
    for (row, position) in (offset..visible.len()).take(rows).enumerate() {
        let index = visible[position];
        let insight = &app.debate().insights[index];
        let selected = app.selected() == Some(position);
        let style = if selected {
            theme.selected(insight.stance)
        } else {
            theme.stance(insight.stance)
        };
        let marker = if selected { "▶" } else { " " };
        let mut head = format!(
            "{marker}{:>number_width$} {} ",
            index + 1,
            theme.glyph(insight.stance)
        );
        if show_words {
            head.push_str(&format!("{:<WORD_WIDTH$} ", insight.stance.name()));
        }
        let rest = usize::from(inner.width).saturating_sub(width(&head));
        let line = Line::from(vec![
            Span::raw(head),
            Span::raw(truncate(&insight.text, rest)),
        ])
        .style(style);
        let y = inner.y + row as u16;
        let row_area = Rect::new(inner.x, y, inner.width, 1);
        buf.set_style(row_area, style);
        line.render(row_area, buf);
    }
}

fn empty(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let what = match app.filter() {
        _ if app.debate().insights.is_empty() => "This debate has no insights.".to_string(),
        StanceFilter::Only(Stance::Agrees) => "No insight agrees with the thesis.".to_string(),
        StanceFilter::Only(Stance::Conflicts) => "No insight conflicts with the thesis.".into(),
        StanceFilter::Only(stance) => format!("No {} insights.", stance.name()),
        StanceFilter::All => "Nothing to show.".to_string(),
    };
    let mut lines = vec![Line::styled(what, theme.text())];
    if app.filter() != StanceFilter::All {
        lines.push(Line::styled("Esc shows them all.", theme.muted()));
    }
    Paragraph::new(lines).render(area, buf);
}
