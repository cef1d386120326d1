use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{highlighted, pane_block, put_line};
use crate::app::App;
use crate::debate::Stance;
use crate::filter::StanceFilter;
use crate::text::{truncate, width, wrap};
use crate::theme::Theme;

/// The stance word's column: as wide as the longest word, `conflicts`.
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
    if let Some(query) = app.query() {
        title.push(Span::styled(
            format!("/{} ", query.text()),
            theme.search_match(),
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
        let head = format!(
            "{marker} {:>number_width$} {} {:<WORD_WIDTH$} ",
            index + 1,
            theme.glyph(insight.stance),
            insight.stance.name()
        );
        let rest = usize::from(inner.width).saturating_sub(width(&head));
        let shown = truncate(&insight.text, rest);
        let matches: Vec<_> = app
            .query()
            .map(|q| q.find_all(&insight.text))
            .unwrap_or_default()
            .into_iter()
            .map(|r| {
                let style = if selected {
                    theme.search_match_selected()
                } else {
                    theme.search_match()
                };
                (r, style)
            })
            .collect();
        // The shown text is a prefix of the insight's (line breaks became spaces, byte for
        // byte), so match ranges apply to it as they are.
        let kept = shown.strip_suffix('…').unwrap_or(&shown);
        let mut line = highlighted(kept, 0, style, &matches);
        line.spans.insert(0, Span::raw(head));
        if kept.len() < shown.len() {
            line.spans.push(Span::raw("…"));
        }
        let y = inner.y + row as u16;
        let row_area = Rect::new(inner.x, y, inner.width, 1);
        buf.set_style(row_area, style);
        put_line(buf, row_area.x, y, &line.style(style), row_area.width);
    }
}

/// Why the list is empty, and what `Esc` would do about it, wrapped to the pane.
fn empty(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let query = app.query().map(|q| q.text());
    let what = match (app.filter(), query) {
        _ if app.debate().insights.is_empty() => "This debate has no insights.".to_string(),
        (StanceFilter::All, Some(q)) => format!("No insight matches “{q}”."),
        (StanceFilter::Only(stance), Some(q)) => {
            format!("No {} insight matches “{q}”.", stance.name())
        }
        (StanceFilter::Only(Stance::Agrees), None) => {
            "No insight agrees with the thesis.".to_string()
        }
        (StanceFilter::Only(Stance::Conflicts), None) => {
            "No insight conflicts with the thesis.".to_string()
        }
        (StanceFilter::Only(stance), None) => format!("No {} insights.", stance.name()),
        (StanceFilter::All, None) => "Nothing to show.".to_string(),
    };
    // What one Esc does: the search goes first, then the stance filter.
    let hint = match (app.filter(), query) {
        _ if app.debate().insights.is_empty() => None,
        (_, Some(_)) => Some("Esc clears the search."),
        (StanceFilter::Only(_), None) => Some("Esc shows them all."),
        (StanceFilter::All, None) => None,
    };
    let width = usize::from(area.width);
    let mut lines: Vec<Line> = wrap(&what, width)
        .into_iter()
        .map(|l| Line::styled(l, theme.text()))
        .collect();
    if let Some(hint) = hint {
        lines.extend(
            wrap(hint, width)
                .into_iter()
                .map(|l| Line::styled(l, theme.muted())),
        );
    }
    Paragraph::new(lines).render(area, buf);
}
