use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use crate::app::{App, Prompt};
use crate::debate::Stance;
use crate::filter::StanceFilter;
use crate::keymap;
use crate::keymap::Mode;
use crate::reading::Reading;
use crate::text::truncate;
use crate::theme::Theme;

use super::spans_width;

/// A piece of the status bar that is shown whole or not at all, or else in its shorter form.
struct Segment<'a> {
    spans: Vec<Span<'a>>,
    /// A shorter form to show when the whole does not fit.
    short: Option<Vec<Span<'a>>>,
    /// Lower comes first when room is short.
    priority: usize,
    right: bool,
}

impl<'a> Segment<'a> {
    fn left(priority: usize, spans: Vec<Span<'a>>) -> Self {
        Segment {
            spans,
            short: None,
            priority,
            right: false,
        }
    }
}

/// The bottom line. On the left: the search prompt while it is open; else a notice (what a
/// copy did) until the next key; else the filter, the search and the counts per stance. On
/// the right, key hints. When room is short, whole pieces are left out, least useful first.
pub(super) fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, theme.status());
    let hints = hints(app, theme);
    let reading = app.reading();
    let prompt = reading
        .and_then(Reading::prompt)
        .filter(|_| app.mode() == Mode::Search);
    let note = reading.and_then(Reading::note_prompt);
    let mut segments = if let (Some(note), Some(reading)) = (note, reading) {
        let (shown, _) = note_view(reading, note, area);
        let label = note_label(reading);
        let mut segments = vec![Segment::left(
            0,
            vec![Span::raw(format!(" {label}{shown}"))],
        )];
        // As beside the search prompt: a paste cut short says so, for a key.
        if let Some(notice) = app.notice() {
            segments.push(Segment::left(
                1,
                vec![
                    Span::raw("  "),
                    Span::styled(notice.text.as_str(), notice_style(notice, theme)),
                ],
            ));
        }
        segments
    } else if let (Some(prompt), Some(reading)) = (prompt, reading) {
        let (shown, _) = prompt_view(prompt, area);
        // A notice that comes while the prompt is open (a paste cut short) takes the count's
        // place for a key, or it would go unseen (#14).
        let beside = match app.notice() {
            Some(notice) => Span::styled(
                truncate(&notice.text, PROMPT_ROOM - 4),
                notice_style(notice, theme),
            ),
            None => match_count(reading, theme),
        };
        vec![
            Segment::left(0, vec![Span::raw(format!(" /{shown}"))]),
            Segment::left(1, vec![Span::raw("  "), beside]),
        ]
    } else if let Some(notice) = app.notice() {
        let style = notice_style(notice, theme);
        // A notice, however long, leaves room for the ways to help and out (#10).
        let kept: usize = hints
            .iter()
            .filter(|h| h.priority <= ESSENTIAL)
            .map(|h| spans_width(&h.spans))
            .sum();
        let room = usize::from(area.width).saturating_sub(2 + kept);
        vec![Segment::left(
            0,
            vec![
                Span::raw(" "),
                Span::styled(truncate(&notice.text, room), style),
            ],
        )]
    } else if let Some(reading) = reading.filter(|_| app.mode() != Mode::Picker) {
        let mut segments = summary(reading, theme);
        // A save that failed stays in sight until one works: its notice went with the next key.
        if app.save_failed().is_some() {
            segments.insert(
                1,
                Segment::left(1, vec![Span::styled(" │ not saved", theme.error())]),
            );
        }
        segments
    } else {
        vec![Segment::left(
            0,
            vec![Span::raw(" choose a debate: type to filter")],
        )]
    };
    segments.extend(hints);

    let mut room = usize::from(area.width).saturating_sub(1);
    let mut order: Vec<usize> = (0..segments.len()).collect();
    order.sort_by_key(|&i| segments[i].priority);
    let mut shown = vec![false; segments.len()];
    for i in order {
        let segment = &mut segments[i];
        if spans_width(&segment.spans) > room
            && let Some(short) = segment.short.take()
        {
            segment.spans = short;
        }
        let w = spans_width(&segment.spans);
        if w <= room {
            shown[i] = true;
            room -= w;
        }
    }
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (segment, _) in segments.into_iter().zip(shown).filter(|(_, s)| *s) {
        if segment.right {
            right.extend(segment.spans);
        } else {
            left.extend(segment.spans);
        }
    }
    right.push(Span::raw(" "));
    // Drawn as the panes' text is, so that the prompt's text and its cursor agree on the
    // cells a disputed character takes (#14).
    super::put_line(buf, area.x, area.y, &Line::from(left), area.width);
    let right_width = u16::try_from(spans_width(&right)).unwrap_or(u16::MAX);
    let x = area.right().saturating_sub(right_width).max(area.x);
    super::put_line(buf, x, area.y, &Line::from(right), area.right() - x);
}

/// What stands before a note being written: which insight it is on, since rating with the
/// `u` filter on moves the selection on.
fn note_label(app: &Reading) -> String {
    app.note_target()
        .map_or_else(|| "note: ".to_string(), |i| format!("note on {}: ", i + 1))
}

fn notice_style(notice: &crate::app::Notice, theme: &Theme) -> ratatui::style::Style {
    if notice.is_error {
        theme.error()
    } else {
        theme.status()
    }
}

/// As much of the note as fits beside the label and the hints to keep or cancel it (`Enter
/// keep  Esc cancel`, 22 columns).
fn note_view(app: &Reading, prompt: &Prompt, area: Rect) -> (String, usize) {
    let room = usize::from(area.width).saturating_sub(2 + note_label(app).len() + 22);
    super::prompt_window(prompt, room.max(8))
}

/// Where the cursor stands in the note being written.
pub(super) fn note_cursor(app: &Reading, area: Rect) -> Option<Position> {
    let (_, x) = note_view(app, app.note_prompt()?, area);
    let at = 1 + note_label(app).len() + x;
    Some(Position::new(
        area.x + (at as u16).min(area.width.saturating_sub(1)),
        area.y,
    ))
}

/// Where the cursor stands in the open prompt.
pub(super) fn prompt_cursor(app: &Reading, area: Rect) -> Option<Position> {
    let (_, x) = prompt_view(app.prompt()?, area);
    Some(Position::new(
        area.x + (2 + x as u16).min(area.width.saturating_sub(1)),
        area.y,
    ))
}

/// As much of the query as fits beside the match count (see [`super::prompt_window`]).
fn prompt_view(prompt: &Prompt, area: Rect) -> (String, usize) {
    super::prompt_window(
        prompt,
        usize::from(area.width).saturating_sub(PROMPT_ROOM).max(1),
    )
}

/// The cells the search prompt leaves for what goes beside it.
const PROMPT_ROOM: usize = 22;

/// `2 of 10 match`: of the insights the stance filter admits, how many the query matches.
fn match_count<'a>(app: &Reading, theme: &Theme) -> Span<'a> {
    let found = app.visible().len();
    let text = format!("{found} of {} match", app.admitted());
    if found == 0 {
        Span::styled(text, theme.error())
    } else {
        Span::raw(text)
    }
}

/// The filter, the search if there is one, and the count of each stance.
fn summary<'a>(app: &Reading, theme: &Theme) -> Vec<Segment<'a>> {
    let filter = match app.filter() {
        StanceFilter::All => Span::raw(" all"),
        StanceFilter::Only(stance) => Span::styled(
            format!(" {} {} only", theme.glyph(stance), stance.name()),
            theme.stance(stance),
        ),
    };
    let mut segments = vec![Segment::left(0, vec![filter])];
    if let Some(query) = app.query() {
        let query = truncate(query.text(), 24);
        segments.push(Segment::left(
            1,
            vec![
                Span::raw(" │ "),
                Span::styled(format!("/{query}"), theme.search_match()),
                Span::raw(" "),
                match_count(app, theme),
            ],
        ));
    }
    // The counts of all four stances, together or not at all: a part of them would read as
    // if the debate had no others. Short of room, the glyphs alone (the list rows carry the
    // words).
    let count = |stance: Stance, words: bool| {
        let n = app.count(stance);
        let style = if n == 0 {
            theme.muted()
        } else {
            theme.stance(stance)
        };
        let text = if words {
            format!("{}{n} {}", theme.glyph(stance), stance.short())
        } else {
            format!("{}{n}", theme.glyph(stance))
        };
        Span::styled(text, style)
    };
    let counts = |words: bool| {
        let gap = if words { "  " } else { " " };
        let mut spans = vec![Span::raw(" │ ")];
        for (i, stance) in Stance::ALL.into_iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw(gap));
            }
            spans.push(count(stance, words));
        }
        spans
    };
    segments.push(Segment {
        spans: counts(true),
        short: Some(counts(false)),
        priority: 3,
        right: false,
    });
    // Stances and notes of yours whose insights are gone from the file: kept, and said.
    let lost = app.yours().unmatched();
    if lost > 0 {
        let text = if lost == 1 {
            " │ 1 of yours matches no insight".to_string()
        } else {
            format!(" │ {lost} of yours match no insight")
        };
        // Said before the counts give way: what no longer matches would otherwise go unseen.
        segments.push(Segment {
            spans: vec![Span::styled(text, theme.error())],
            short: Some(vec![Span::styled(format!(" │ {lost} lost"), theme.error())]),
            priority: 1,
            right: false,
        });
    }
    // Progress while a page is being rated (#13).
    let rating = app.filter() == StanceFilter::Only(Stance::Unrated)
        || app
            .yours()
            .annotations()
            .entries
            .values()
            .any(|e| e.is_set());
    if rating {
        let (rated, total) = app.rated();
        segments.push(Segment::left(
            4,
            vec![Span::raw(format!(" │ {rated}/{total} rated"))],
        ));
    }
    segments
}

/// Hints at or under this priority stay on screen beside a notice.
const ESSENTIAL: usize = 5;

/// The key hints for the current mode and what is focused: how to get help (or out of where
/// you are) first, then how to quit, then what the keys do here (#10).
fn hints<'a>(app: &App, theme: &Theme) -> Vec<Segment<'a>> {
    let searching = app.reading().is_some_and(|r| r.query().is_some());
    let reading_text = app
        .reading()
        .is_some_and(|r| r.focus() != crate::app::Pane::List);
    let others = app.library().listed().count() > 1;
    let map = app.reading().is_some_and(|r| r.tree().is_tree());
    keymap::hints(app.mode())
        .into_iter()
        .enumerate()
        .filter(|(_, (_, word))| *word != "match" || searching)
        // Moving between debates means nothing with one open.
        .filter(|(_, (_, word))| !matches!(*word, "debates" | "debate") || others)
        // Only an argument map has parents to go up to (#12).
        .filter(|(_, (_, word))| *word != "parent" || map)
        .map(|(i, (keys, word))| {
            // With the thesis or the detail pane focused, j/k scroll its text.
            let word = match word {
                "move" if reading_text => "scroll",
                // With no debate open yet, Esc in the picker leaves.
                "back" if app.current().is_none() => "quit",
                _ => word,
            };
            let priority = match word {
                "help" | "close" | "keep" | "cancel" => 2,
                "quit" => 2,
                // While a search is kept, how to step through it matters more than the
                // counts, which then give way to their short form (#10).
                "match" => 2,
                "scroll" if reading_text => 6,
                "search" => 7,
                "copy" => 8,
                "filter" => 9,
                "sentence" => 10,
                "result" => 6,
                "history" => 7,
                "pane" => 11,
                "cycle" => 12,
                "open" | "back" => 2,
                "sort" => 6,
                "debates" => 7,
                "debate" => 9,
                "parent" => 8,
                _ => 13 + i,
            };
            Segment {
                spans: vec![
                    Span::raw("  "),
                    Span::styled(keys, theme.key()),
                    Span::raw(format!(" {word}")),
                ],
                short: None,
                priority,
                right: true,
            }
        })
        .collect()
}
