//! The screen: one file per pane or overlay, each borrowing what it draws.

mod balance;
mod detail;
mod help;
mod insight_list;
mod picker;
mod status_bar;
mod thesis;

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

use crate::app::{App, Pane};

use crate::layout::{self, MIN_HEIGHT, MIN_WIDTH, TextLine};
use crate::text;
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
        self.render_panes(area, buf);
        // Whatever a pane drew, no grapheme goes out that the terminal could draw wider or
        // narrower than the frame believes (#14).
        crate::cells::settle(buf);
    }
}

impl View<'_> {
    fn render_panes(self, area: Rect, buf: &mut Buffer) {
        // Most themes keep the terminal's own background: no need to visit every cell.
        let background = self.theme.background();
        if background != Style::default() {
            buf.set_style(area, background);
        }
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(area, buf, self.theme);
            return;
        }
        let app = self.app;
        let status = match app.reading() {
            Some(reading) => {
                let panes = if area == reading.area() {
                    reading.panes()
                } else {
                    layout::panes(area, reading.debate())
                };
                let Some(panes) = panes else {
                    too_small(area, buf, self.theme);
                    return;
                };
                let focus = reading.focus();
                // Where this debate stands among those opened, when there are others.
                let position = app.position().filter(|(_, total)| *total > 1);
                thesis::render(
                    reading,
                    self.theme,
                    panes.thesis,
                    focus == Pane::Thesis,
                    position,
                    buf,
                );
                insight_list::render(reading, self.theme, panes.list, focus == Pane::List, buf);
                detail::render(
                    reading,
                    self.theme,
                    panes.detail,
                    focus == Pane::Detail,
                    buf,
                );
                panes.status
            }
            None => Rect {
                y: area.bottom() - 1,
                height: 1,
                ..area
            },
        };
        status_bar::render(app, self.theme, status, buf);
        if let Some(picker) = app.picker() {
            picker::render(app, picker, self.theme, buf);
        }
        if app.mode() == crate::keymap::Mode::Help {
            help::render(app, self.theme, buf);
        }
    }
}

/// Where the terminal's cursor goes: in the picker's filter, or at the end of the search
/// prompt, while either is open.
pub fn cursor(app: &App, area: Rect) -> Option<Position> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let mode = app.mode();
    match mode {
        crate::keymap::Mode::Picker => return picker::cursor(app, app.picker()?),
        crate::keymap::Mode::Note | crate::keymap::Mode::Search => {}
        _ => return None,
    }
    let reading = app.reading()?;
    let panes = if area == reading.area() {
        reading.panes()?
    } else {
        layout::panes(area, reading.debate())?
    };
    match mode {
        crate::keymap::Mode::Note => status_bar::note_cursor(reading, panes.status),
        crate::keymap::Mode::Search => status_bar::prompt_cursor(reading, panes.status),
        _ => None,
    }
}

/// `text`, which is the part of some longer string starting at byte `offset`, styled `base`
/// with each highlight (a byte range of the longer string, and a style to patch in) that
/// falls on it.
fn highlighted<'a>(
    text: &'a str,
    offset: usize,
    base: Style,
    highlights: &[(Range<usize>, Style)],
) -> Line<'a> {
    let end = offset + text.len();
    // Most lines have nothing to highlight: no need to find their graphemes.
    if !highlights
        .iter()
        .any(|(r, _)| r.start < end && offset < r.end)
    {
        return Line::from(Span::styled(text, base));
    }
    // Cuts fall between graphemes only: a highlight that ends inside `é` (e and a combining
    // accent) takes the whole of it, rather than leaving the accent on its own.
    let boundaries: Vec<usize> = text
        .grapheme_indices(true)
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let snap = |at: usize| {
        let i = boundaries.partition_point(|&b| b < at);
        boundaries.get(i).copied().unwrap_or(text.len())
    };
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (range, _) in highlights {
        for at in [range.start, range.end] {
            if at > offset && at < end {
                cuts.push(snap(at - offset));
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let spans: Vec<Span> = cuts
        .windows(2)
        .map(|w| {
            let (a, b) = (offset + w[0], offset + w[1]);
            let style = highlights
                .iter()
                .filter(|(r, _)| r.start < b && a < r.end)
                .fold(base, |style, (_, h)| style.patch(*h));
            Span::styled(&text[w[0]..w[1]], style)
        })
        .collect();
    Line::from(spans)
}

/// As much of a prompt's text as fits in `room` cells, in whole graphemes, scrolled just far
/// enough that the cursor (and a cell for it) is in view; and the cursor's column in it. The
/// search prompt and the picker's filter both show their text so.
fn prompt_window(prompt: &crate::prompt::Prompt, room: usize) -> (String, usize) {
    let text = prompt.text();
    let cursor = prompt.cursor_byte();
    let before = text::width(&text[..cursor]);
    let skip = (before + 1).saturating_sub(room);
    let (mut shown, mut used, mut skipped, mut x) = (String::new(), 0, 0, None);
    for (at, g) in text.grapheme_indices(true) {
        let w = text::width(g);
        if skipped < skip {
            skipped += w;
            continue;
        }
        if at >= cursor && x.is_none() {
            x = Some(used);
        }
        if used + w > room {
            break;
        }
        used += w;
        shown.push_str(g);
    }
    (shown, x.unwrap_or(used))
}

/// One line, centred: the size `stance` needs and the size it has, as much as fits (#10).
fn too_small(area: Rect, buf: &mut Buffer, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    let (w, h) = (area.width, area.height);
    let need = format!("{MIN_WIDTH}×{MIN_HEIGHT}");
    let candidates = [
        format!("Enlarge the terminal: stance needs {need}, has {w}×{h}"),
        format!("stance needs {need}, has {w}×{h}"),
        format!("needs {need}, has {w}×{h}"),
        format!("needs {need} ({w}×{h})"),
        format!("needs {need}"),
    ];
    let room = usize::from(area.width);
    let message = match candidates.iter().find(|m| text::width(m) <= room) {
        Some(m) => m.clone(),
        None => text::truncate(&candidates[candidates.len() - 1], room),
    };
    let row = Rect {
        y: area.y + area.height / 2,
        height: 1,
        ..area
    };
    Line::styled(message, theme.text())
        .centered()
        .render(row, buf);
}

/// The cells `spans` take on a line.
fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| text::width(&s.content)).sum()
}

/// The first of `forms` that fits in `room` cells, else the last cut to fit with `…`: a
/// title must never lose its end without saying so (#10).
fn fit_title<'a>(forms: Vec<Vec<Span<'a>>>, room: usize) -> Line<'a> {
    let fits = |spans: &[Span]| spans_width(spans) <= room;
    let mut last = Vec::new();
    for form in forms {
        if fits(&form) {
            return Line::from(form);
        }
        last = form;
    }
    let mut left = room;
    let mut cut: Vec<Span> = Vec::new();
    for span in last {
        let w = text::width(&span.content);
        if w <= left {
            left -= w;
            cut.push(span);
            continue;
        }
        if left > 0 {
            // Wider than what is left: `truncate` ends it in `…`.
            cut.push(Span::styled(
                text::truncate(&span.content, left),
                span.style,
            ));
        } else if let Some(previous) = cut.pop() {
            // Nothing left for this one: the one before gives its last cell to the `…`.
            let w = text::width(&previous.content);
            let longer = format!("{}…", previous.content);
            cut.push(Span::styled(text::truncate(&longer, w), previous.style));
        }
        break;
    }
    Line::from(cut)
}

/// `line` at `x`, `y`, cut at `width` cells: what `Buffer::set_line` does, without finding the
/// graphemes of text that is printable ASCII (one cell a byte), which is most text and most of
/// the cost of drawing it.
fn put_line(buf: &mut Buffer, x: u16, y: u16, line: &Line, width: u16) {
    let end = x.saturating_add(width).min(buf.area.right());
    let mut x = x;
    for span in &line.spans {
        if x >= end {
            return;
        }
        let style = line.style.patch(span.style);
        let text = span.content.as_ref();
        if !text::is_printable_ascii(text.as_bytes()) {
            x = crate::cells::put_str(buf, x, y, text, end - x, style);
            continue;
        }
        for &byte in text.as_bytes().iter().take(usize::from(end - x)) {
            buf[(x, y)].set_char(char::from(byte)).set_style(style);
            x += 1;
        }
    }
}

/// Lines already wrapped, drawn top down in the pane's text area, inside `block`. Not a
/// `Paragraph`, which would restyle every cell of its area twice on every frame for nothing.
fn render_lines(block: Block, lines: &[Line], area: Rect, buf: &mut Buffer) {
    let inner = layout::text_area(area);
    block.render(area, buf);
    for (line, y) in lines.iter().zip(inner.top()..inner.bottom()) {
        put_line(buf, inner.x, y, line, inner.width);
    }
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ratatui::style::{Color, Modifier};

    use super::*;

    fn span() -> impl Strategy<Value = Span<'static>> {
        let text = prop_oneof![
            "[ -~]{0,12}",
            // Graphemes the frame and the terminal agree on: the rest is `cells`' to lay out.
            prop::sample::select(vec!["日本", "e\u{301}", "한", "─x", ""]).prop_map(String::from),
        ];
        let style = (
            prop::option::of(prop::sample::select(vec![Color::Red, Color::Rgb(1, 2, 3)])),
            any::<bool>(),
        )
            .prop_map(|(fg, bold)| {
                let style = Style::new();
                let style = fg.map_or(style, |c| style.fg(c));
                if bold {
                    style.add_modifier(Modifier::BOLD)
                } else {
                    style
                }
            });
        (text, style).prop_map(|(t, s)| Span::styled(t, s))
    }

    proptest! {
        /// The quick path draws exactly what ratatui's `set_line` draws, where no width is
        /// disputed.
        #[test]
        fn put_line_draws_what_set_line_draws(
            spans in prop::collection::vec(span(), 0..5),
            line_bg in any::<bool>(),
            x in 0u16..12,
            width in 0u16..30,
        ) {
            let mut line = Line::from(spans);
            if line_bg {
                line = line.style(Style::new().bg(Color::Blue));
            }
            let area = Rect::new(0, 0, 24, 1);
            let mut ours = Buffer::empty(area);
            let mut theirs = Buffer::empty(area);
            put_line(&mut ours, x, 0, &line, width);
            theirs.set_line(x, 0, &line, width);
            prop_assert_eq!(ours, theirs);
        }
    }
}
