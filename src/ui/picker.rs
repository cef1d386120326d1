//! The picker overlay (#11): its filter line, then one row a debate with its title, source,
//! insight count and balance bar.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};
use unicode_segmentation::UnicodeSegmentation;

use super::{balance, fit_title, pane_block, put_line, scroll_position};
use crate::app::App;
use crate::debate::Stance;
use crate::layout;
use crate::library::{Entry, State};
use crate::picker::{Picker, Row};
use crate::text::{truncate, width};
use crate::theme::Theme;

/// Cells of the balance bar in a row, and in a narrower one.
const BAR: usize = 8;
const NARROW_BAR: usize = 4;
/// From this width of text a row shows its bar (and its source, where the title leaves room).
const BAR_FROM: usize = 60;
/// From this width a row also shows its number of insights (the counts add up to it too).
const COUNT_FROM: usize = 90;
const PROMPT: &str = "> ";

pub(super) fn render(app: &App, picker: &Picker, theme: &Theme, buf: &mut Buffer) {
    let area = app.picker_area().intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let library = app.library();
    let listed = library.listed().count();
    let unread = library.unread();
    let mut counted = format!(
        " {}/{listed} · {} ",
        picker.rows().len(),
        picker.sort().name()
    );
    if unread > 0 {
        counted = format!("{counted}· {unread} not read yet ");
    }
    let room = usize::from(area.width).saturating_sub(2);
    let title = fit_title(
        vec![
            vec![
                Span::styled(" Debates ", theme.headline()),
                Span::styled(counted.clone(), theme.muted()),
            ],
            vec![Span::styled(" Debates ", theme.headline())],
        ],
        room,
    );
    let mut block = pane_block(true)
        .border_style(theme.border(true))
        .title(title);
    let rows_area = layout::picker_rows(area);
    if let Some(position) = scroll_position(
        picker.offset(),
        usize::from(rows_area.height),
        picker.rows().len(),
    ) {
        block = block.title_bottom(Line::styled(position, theme.muted()).right_aligned());
    }
    Clear.render(area, buf);
    if theme.background() != Style::default() {
        buf.set_style(area, theme.background());
    }
    block.render(area, buf);
    let inner = layout::text_area(area);
    let (shown, _) = query_view(picker, inner.width);
    let prompt = Line::from(vec![
        Span::styled(PROMPT, theme.key()),
        Span::styled(shown, theme.text()),
    ]);
    put_line(buf, inner.x, inner.y, &prompt, inner.width);

    let rows = layout::picker_rows(area);
    if picker.rows().is_empty() {
        let passed_over = library
            .entries()
            .iter()
            .filter(|e| e.state == State::NotADebate)
            .count();
        let message = match (listed, passed_over) {
            (0, 0) => "No debates were found.".to_string(),
            (0, 1) => "No debates were found: the one file there is not a debate.".to_string(),
            (0, n) => format!("No debates were found: the {n} files there are not debates."),
            _ => "No debate matches.".to_string(),
        };
        let line = Line::styled(truncate(&message, usize::from(rows.width)), theme.muted());
        put_line(buf, rows.x, rows.y, &line, rows.width);
        return;
    }
    let visible = || {
        picker
            .rows()
            .iter()
            .enumerate()
            .skip(picker.offset())
            .take(usize::from(rows.height))
    };
    // The counts line up in a column as wide as the widest on screen.
    let counts_column = visible()
        .filter_map(|(_, row)| library.get(row.entry)?.summary())
        .map(|s| balance::counts_width(s.counts))
        .max()
        .unwrap_or(0);
    for (y, (position, row)) in (rows.y..).zip(visible()) {
        let Some(entry) = library.get(row.entry) else {
            continue;
        };
        let selected = picker.selected() == Some(position);
        let line = row_line(
            entry,
            row,
            selected,
            usize::from(rows.width),
            counts_column,
            theme,
        );
        let style = if selected {
            theme.selected(Stance::Unrated)
        } else {
            Style::default()
        };
        buf.set_style(Rect::new(rows.x, y, rows.width, 1), style);
        put_line(buf, rows.x, y, &line.style(style), rows.width);
    }
}

/// One debate's row, `room` cells wide.
fn row_line<'a>(
    entry: &'a Entry,
    row: &Row,
    selected: bool,
    room: usize,
    counts_column: usize,
    theme: &Theme,
) -> Line<'a> {
    let marker = if selected { "▶ " } else { "  " };
    let full = room >= BAR_FROM;
    let (right, title_style): (Vec<Span>, Style) =
        match &entry.state {
            State::Read(summary) => {
                let mut right = Vec::new();
                if room >= COUNT_FROM {
                    right.push(Span::styled(
                        format!("{:>5} ", summary.insights()),
                        theme.muted(),
                    ));
                }
                if full {
                    let cells = if room >= COUNT_FROM { BAR } else { NARROW_BAR };
                    // The selected row is in reverse video: the bar keeps its colours in it.
                    right.extend(balance::bar(summary.counts, cells, theme).into_iter().map(
                        |span| {
                            let style = span
                                .style
                                .remove_modifier(ratatui::style::Modifier::REVERSED);
                            span.style(style)
                        },
                    ));
                    right.push(Span::raw(" "));
                }
                let pad = counts_column.saturating_sub(balance::counts_width(summary.counts));
                right.push(Span::raw(" ".repeat(pad)));
                right.extend(balance::counts(summary.counts, theme));
                (right, theme.text())
            }
            State::Unread => (
                vec![Span::styled("not read yet", theme.muted())],
                theme.muted(),
            ),
            State::Broken(e) => {
                let at = e
                    .position
                    .map_or(String::new(), |(line, column)| format!("{line}:{column}: "));
                let why = format!("broken: {at}{}", e.message);
                let room_for_why = room.saturating_sub(width(marker) + 12).max(8);
                (
                    vec![Span::styled(truncate(&why, room_for_why), theme.error())],
                    theme.muted(),
                )
            }
            State::NotADebate => (Vec::new(), theme.muted()),
        };
    let right_width: usize = right.iter().map(|s| width(&s.content)).sum();
    let left_room = room.saturating_sub(width(marker) + right_width + 1);
    let mut spans = vec![Span::raw(marker)];
    let title = entry.title().replace('\n', " ");
    let title_shown = truncate(&title, left_room);
    let used = width(&title_shown);
    spans.extend(marked(title_shown, &row.title_matches, title_style, theme));
    let source = entry
        .summary()
        .and_then(|s| s.source.as_deref())
        .filter(|_| full);
    let mut left_width = used;
    if let Some(source) = source
        && left_room > used + 6
    {
        let shown = truncate(&source.replace('\n', " "), left_room - used - 3);
        left_width += 3 + width(&shown);
        spans.push(Span::styled(" — ", theme.muted()));
        spans.extend(marked(shown, &row.source_matches, theme.muted(), theme));
    }
    let gap = room.saturating_sub(width(marker) + left_width + right_width);
    spans.push(Span::raw(" ".repeat(gap)));
    spans.extend(right);
    Line::from(spans)
}

/// `text` with the graphemes at `matches` (indices the matcher gave) in the match style.
fn marked<'a>(text: String, matches: &[u32], base: Style, theme: &Theme) -> Vec<Span<'a>> {
    if matches.is_empty() {
        return vec![Span::styled(text, base)];
    }
    let highlight = base.patch(theme.search_match());
    let mut spans: Vec<Span> = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    for (i, g) in text.graphemes(true).enumerate() {
        let is_marked = matches.binary_search(&(i as u32)).is_ok();
        if is_marked != run_marked && !run.is_empty() {
            let style = if run_marked { highlight } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_marked = is_marked;
        run.push_str(g);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_marked { highlight } else { base }));
    }
    spans
}

/// As much of the filter as fits beside the prompt sign (see [`super::prompt_window`]).
fn query_view(picker: &Picker, room: u16) -> (String, usize) {
    let room = usize::from(room).saturating_sub(PROMPT.len() + 1).max(1);
    super::prompt_window(picker.prompt(), room)
}

/// Where the terminal's cursor stands: in the picker's filter.
pub(super) fn cursor(app: &App, picker: &Picker) -> Option<Position> {
    let inner = layout::text_area(app.picker_area());
    if inner.is_empty() {
        return None;
    }
    let (_, x) = query_view(picker, inner.width);
    let x = (PROMPT.len() + x) as u16;
    Some(Position::new(
        inner.x + x.min(inner.width.saturating_sub(1)),
        inner.y,
    ))
}
