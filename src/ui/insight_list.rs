use std::borrow::Cow;
use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::{fit_title, highlighted, pane_block, put_line};
use crate::debate::Stance;
use crate::filter::StanceFilter;
use crate::layout;
use crate::reading::Reading;
use crate::text::{truncate, width, wrap, wrap_ranges};
use crate::theme::Theme;

/// The stance word's column: as wide as the longest word, `conflicts`.
const WORD_WIDTH: usize = 9;
/// Below this many columns of text a row shows the stance's glyph without its word, so that
/// the insight keeps room to be read (#10); the detail pane's title still says the word.
const WORDS_FROM: u16 = 50;
/// Cells of indentation a level of an argument map.
const INDENT: usize = 2;

/// One row per visible insight: number, glyph, stance word and as much of its text as the
/// row's lines hold.
pub(super) fn render(app: &Reading, theme: &Theme, area: Rect, focused: bool, buf: &mut Buffer) {
    let block = pane_block(focused).border_style(theme.border(focused));
    let inner = block.inner(area);
    block.render(area, buf);
    // The title holds the query, which may hold characters terminals dispute: drawn as the
    // panes' text is, not as a block title laid out in ratatui's widths (#14).
    if area.width > 2 {
        put_line(
            buf,
            area.x + 1,
            area.y,
            &title(app, theme, area),
            area.width - 2,
        );
    }
    let text_area = layout::text_area(area);

    let visible = app.visible();
    if visible.is_empty() {
        empty(app, theme, text_area, buf);
        return;
    }
    let row_lines = app.list_row_lines().max(1);
    let rows = usize::from(inner.height / row_lines);
    let offset = app.list_offset().min(visible.len().saturating_sub(rows));
    let number_width = app.debate().insights.len().to_string().len();
    let words = text_area.width >= WORDS_FROM;
    let tree = app.tree();
    // Indentation shows depth, up to a quarter of the row: a deep reply keeps room for its
    // text, and the detail pane says how deep it is.
    let max_indent = usize::from(text_area.width) / 4 / INDENT;
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
        // `*` before the number: the insight carries your stance or note (#13).
        let mine = if app.yours().is_marked(index) {
            "*"
        } else {
            " "
        };
        let glyph = theme.glyph(insight.stance);
        let mut head = if words {
            format!(
                "{marker}{mine}{:>number_width$} {glyph} {:<WORD_WIDTH$} ",
                index + 1,
                insight.stance.name()
            )
        } else {
            format!("{marker}{mine}{:>number_width$} {glyph} ", index + 1)
        };
        // In a map: the reply's depth, and how it bears on its parent, in the glyph of the
        // stance it would give a direct reply to the thesis.
        let mut relation = None;
        if let Some(reply) = insight.reply {
            head.push_str(&" ".repeat(tree.depth(index).min(max_indent) * INDENT));
            let shown = reply.relation.stance_under(Stance::Agrees);
            relation = Some((head.len(), theme.glyph(shown).to_string(), shown));
            head.push_str(theme.glyph(shown));
            head.push(' ');
        }
        let head_width = width(&head);
        let text_width = usize::from(text_area.width).saturating_sub(head_width);
        let match_style = if selected {
            theme.search_match_selected()
        } else {
            theme.search_match()
        };
        let matches: Vec<(Range<usize>, _)> = app
            .query()
            .map(|q| q.find_all(&insight.text))
            .unwrap_or_default()
            .into_iter()
            .map(|r| (r, match_style))
            .collect();
        let first_match = matches.first().map(|(r, _)| r.clone());
        let y = inner.y + row as u16 * row_lines;
        // The whole row, padding included, takes the row's style: the selection is a band.
        buf.set_style(Rect::new(inner.x, y, inner.width, row_lines), style);
        let lines = row_text(
            &insight.text,
            text_width,
            usize::from(row_lines),
            first_match,
        );
        for (i, part) in lines.iter().enumerate() {
            let mut line = highlighted(&part.text, part.offset, style, &matches);
            if part.lead {
                line.spans.insert(0, Span::raw("…"));
            }
            if part.trail {
                line.spans.push(Span::raw("…"));
            }
            match (&relation, i) {
                (Some((at, glyph, shown)), 0) => {
                    let relation_style = if selected {
                        style
                    } else {
                        theme.stance(*shown)
                    };
                    line.spans.insert(0, Span::raw(&head[at + glyph.len()..]));
                    line.spans
                        .insert(0, Span::styled(glyph.as_str(), relation_style));
                    line.spans.insert(0, Span::raw(&head[..*at]));
                }
                (None, 0) => line
                    .spans
                    .insert(0, Span::raw(Cow::Borrowed(head.as_str()))),
                _ => line.spans.insert(0, Span::raw(" ".repeat(head_width))),
            }
            put_line(
                buf,
                text_area.x,
                y + i as u16,
                &line.style(style),
                text_area.width,
            );
        }
    }
}

/// The pane's title, cut to fit: the position always, then the filter and the query, in
/// shorter forms before anything is cut.
fn title<'a>(app: &Reading, theme: &Theme, area: Rect) -> ratatui::text::Line<'a> {
    let position = app.selected().map_or(0, |s| s + 1);
    let count = app.visible().len();
    let filter = |long: bool| match app.filter() {
        StanceFilter::Only(stance) => {
            let text = if long {
                format!("{} {} only ", theme.glyph(stance), stance.name())
            } else {
                format!("{} {} ", theme.glyph(stance), stance.name())
            };
            Some(Span::styled(text, theme.stance(stance)))
        }
        StanceFilter::All => None,
    };
    let query = app
        .query()
        .map(|q| Span::styled(format!("/{} ", q.text()), theme.search_match()));
    let form = |numbers: String, long: bool| {
        let mut spans = vec![Span::styled(numbers, theme.headline())];
        spans.extend(filter(long));
        spans.extend(query.clone());
        spans
    };
    fit_title(
        vec![
            form(format!(" Insights {position}/{count} "), true),
            form(format!(" {position}/{count} "), true),
            form(format!(" {position}/{count} "), false),
        ],
        usize::from(area.width).saturating_sub(2),
    )
}

/// A line of a list row: the part of the insight's text it shows, from byte `offset`, and
/// whether a `…` stands before it (text left out before) or after it (more follows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RowLine {
    pub offset: usize,
    pub text: String,
    pub lead: bool,
    pub trail: bool,
}

/// The lines a row shows of `text` in `lines` lines of `width` cells. A row whose first
/// search match would fall past its end starts shortly before the match instead, after a
/// `…`, so that what matched is in view (#10).
pub(super) fn row_text(
    text: &str,
    width: usize,
    lines: usize,
    first_match: Option<Range<usize>>,
) -> Vec<RowLine> {
    if width < 2 || lines == 0 {
        return Vec::new();
    }
    let shown = wrap_window(text, 0, width, lines);
    let shown_to = shown.last().map_or(0, |l| l.offset + l.text.len());
    let start = match first_match {
        Some(m) if m.end > shown_to => before(text, m.start, width / 3),
        _ => 0,
    };
    if start == 0 {
        return shown;
    }
    // A column for the leading `…`.
    let mut shown = wrap_window(text, start, width - 1, lines);
    if let Some(first) = shown.first_mut() {
        first.lead = true;
    }
    shown
}

/// Where a window should start so that byte `at` of `text` comes after about `cells` cells of
/// what precedes it, at the start of a word where there is one.
fn before(text: &str, at: usize, cells: usize) -> usize {
    let mut start = at;
    let mut used = 0;
    for (i, c) in text[..at].char_indices().rev() {
        used += width(c.encode_utf8(&mut [0; 4]));
        if used > cells {
            break;
        }
        start = i;
    }
    match text[start..at].find([' ', '\n']) {
        Some(space) if start > 0 => start + space + 1,
        _ => start,
    }
}

/// `text` from byte `start`, wrapped into at most `lines` lines of `width` cells as a row
/// shows it (line breaks as spaces), the last cut short, and marked, when more follows.
fn wrap_window(text: &str, start: usize, width: usize, lines: usize) -> Vec<RowLine> {
    // Only as much text as the lines could hold: an insight can be megabytes long.
    let mut end = (start + lines * width * 4 + 8).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // Same length, byte for byte: offsets in it are offsets in `text`.
    let window = text[start..end].replace('\n', " ");
    let ranges = wrap_ranges(&window, width);
    let mut out = Vec::new();
    for (i, range) in ranges.iter().take(lines).enumerate() {
        let more = end < text.len() || ranges.len() > i + 1;
        let (text, trail) = if i + 1 == lines && more {
            // The rest cut to the line, less a column for the `…`.
            let cut = truncate(&window[range.start..], width);
            let kept = cut.strip_suffix('…').unwrap_or(&cut).trim_end();
            let kept = if crate::text::width(kept) >= width {
                truncate(kept, width - 1).trim_end_matches('…').to_string()
            } else {
                kept.to_string()
            };
            (kept, true)
        } else {
            (window[range.clone()].to_string(), false)
        };
        out.push(RowLine {
            offset: start + range.start,
            text,
            lead: false,
            trail,
        });
    }
    out
}

/// Why the list is empty, and what `Esc` would do about it, wrapped to the pane.
fn empty(app: &Reading, theme: &Theme, area: Rect, buf: &mut Buffer) {
    use ratatui::text::Line;
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
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        put_line(buf, area.x, y, line, area.width);
    }
}
