//! Where each pane goes at a given terminal size, and the wrapped text of the text panes.
//! Pure, so that [`crate::app::App`] can clamp scrolling with exactly what the views draw.

use std::ops::Range;

use ratatui::layout::Rect;

use crate::debate::{Debate, Tree};
use crate::text::wrap_ranges;

/// Below this the panes cannot show anything useful; we say so instead.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 12;
/// From this width the list and the detail stand side by side.
pub const WIDE_FROM: u16 = 100;
/// The longest line of running text: longer lines are hard to follow back to their start (#10).
pub const MEASURE: u16 = 100;
/// From this inner width a pane keeps a column of space inside each border (#10).
const PAD_FROM: u16 = 30;
/// The most of the body the thesis takes while the panes below could use more: two fifths.
const THESIS_SHARE: (u16, u16) = (2, 5);
/// The fewest rows, borders included, that leave the list and the detail useful.
const LIST_MIN: u16 = 4;
const DETAIL_MIN: u16 = 5;
/// Beyond this many insights (or this much text) the rows the detail pane could want are not
/// worked out: the panes below the thesis are taken to want all the room there is.
const MEASURED_INSIGHTS: usize = 200;
const MEASURED_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub thesis: Rect,
    pub list: Rect,
    pub detail: Rect,
    pub status: Rect,
}

/// The panes for a screen of `area`, or `None` when it is too small for them.
pub fn panes(area: Rect, debate: &Debate) -> Option<Panes> {
    let thesis_rows = thesis_lines(debate, thesis_width(area)).len();
    panes_for_thesis(area, debate, thesis_rows)
}

/// The width the thesis is wrapped to on a screen of `area`: the thesis pane's text area.
pub fn thesis_width(area: Rect) -> u16 {
    text_area(Rect { height: 3, ..area }).width
}

/// What the panes below the thesis would use, in rows with their borders: the list (a line a
/// row) and the detail pane (its longest insight), or `u16::MAX` when that is not worth
/// finding out.
fn lower_needs(area: Rect, debate: &Debate, wide: bool) -> (u16, u16) {
    let count = debate.insights.len();
    let list = u16::try_from(count.max(1))
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let bytes: usize = debate
        .insights
        .iter()
        .take(MEASURED_INSIGHTS + 1)
        .map(|i| i.text.len() + i.note.as_ref().map_or(0, String::len))
        .sum();
    if count > MEASURED_INSIGHTS || bytes > MEASURED_BYTES {
        return (list, u16::MAX);
    }
    let detail_width = if wide {
        area.width - list_width(area.width)
    } else {
        area.width
    };
    let width = text_area(Rect::new(0, 0, detail_width, 3)).width;
    let tree = Tree::of(&debate.insights);
    let lines = (0..debate.insights.len())
        .map(|i| detail_lines(debate, &tree, i, width).len())
        .max()
        .unwrap_or(1);
    let detail = u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(2);
    (list, detail)
}

/// The list's width when it stands beside the detail pane: 45%, rounded.
fn list_width(width: u16) -> u16 {
    ((u32::from(width) * 45 + 50) / 100) as u16
}

/// [`panes`], for a thesis already wrapped to [`thesis_width`] in `thesis_rows` lines.
pub fn panes_for_thesis(area: Rect, debate: &Debate, thesis_rows: usize) -> Option<Panes> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let (body, status) = split_rows(area, area.height - 1);
    let wide = area.width >= WIDE_FROM;
    let (list_need, detail_need) = lower_needs(area, debate, wide);
    // The thesis takes the lines it needs, up to two fifths of the body; more only when the
    // panes below would leave rows empty; and never so much that they stop being useful.
    // Past its share it does without the blank line under its headline (see
    // [`fit_thesis_lines`]) before it scrolls.
    let lower_min = if wide {
        DETAIL_MIN
    } else {
        LIST_MIN + DETAIL_MIN
    };
    let lower_need = if wide {
        list_need.max(detail_need)
    } else {
        list_need.saturating_add(detail_need)
    };
    let share = (body.height * THESIS_SHARE.0 / THESIS_SHARE.1).max(3);
    let most = share
        .max(body.height.saturating_sub(lower_need))
        .min(body.height.saturating_sub(lower_min))
        .max(3);
    let rows = u16::try_from(thesis_rows).unwrap_or(u16::MAX);
    let wanted = if rows.saturating_add(2) > most && thesis_rows > 2 {
        rows + 1
    } else {
        rows.saturating_add(2)
    };
    let (thesis, rest) = split_rows(body, wanted.clamp(3, most));
    let (list, detail) = if wide {
        let list = Rect {
            width: list_width(rest.width),
            ..rest
        };
        let detail = Rect {
            x: list.right(),
            width: rest.width - list.width,
            ..rest
        };
        (list, detail)
    } else {
        // Stacked, the list takes what its rows need, up to two fifths of the rest, and the
        // detail pane, which holds the text being read, the rest; rows the detail would leave
        // empty go to the list.
        let cap = (rest.height * 2 / 5).max(LIST_MIN);
        let spare = rest.height.saturating_sub(detail_need);
        let roomy = list_need
            .saturating_sub(2)
            .saturating_mul(3)
            .saturating_add(2);
        let list_height = list_need
            .min(cap)
            .max(spare.min(roomy))
            .min(rest.height.saturating_sub(DETAIL_MIN).max(LIST_MIN))
            .min(rest.height);
        split_rows(rest, list_height)
    };
    Some(Panes {
        thesis,
        list,
        detail,
        status,
    })
}

/// The thesis's lines for a pane of `rows` text rows: all of them, or, when they do not fit,
/// without the blank line between the headline and the thesis.
pub fn fit_thesis_lines(lines: &mut Vec<TextLine>, rows: usize) {
    if lines.len() > rows
        && let Some(blank) = lines.iter().position(|l| l.role == Role::Separator)
    {
        lines.remove(blank);
    }
}

/// `area` cut in two: its first `rows` rows, and the rest.
fn split_rows(area: Rect, rows: u16) -> (Rect, Rect) {
    let rows = rows.min(area.height);
    let top = Rect {
        height: rows,
        ..area
    };
    let bottom = Rect {
        y: area.y + rows,
        height: area.height - rows,
        ..area
    };
    (top, bottom)
}

/// The inside of a bordered pane.
pub fn inner(area: Rect) -> Rect {
    area.inner(ratatui::layout::Margin::new(1, 1))
}

/// Where a pane's text goes: inside its border, and a column in from each side where there is
/// room, so that text does not touch the frame.
pub fn text_area(area: Rect) -> Rect {
    let inner = inner(area);
    if inner.width >= PAD_FROM {
        inner.inner(ratatui::layout::Margin::new(1, 0))
    } else {
        inner
    }
}

/// How many lines of text each row of the list shows: as many as let every row be seen, up to
/// three; one where that alone lets every row be seen; two in a longer list once the pane is
/// tall; else one. A short list is never cut for the sake of longer rows.
pub fn list_row_lines(inner_height: u16, rows: usize) -> u16 {
    let height = usize::from(inner_height);
    if rows == 0 {
        1
    } else if height >= rows * 3 {
        3
    } else if height >= rows * 2 {
        2
    } else if height >= rows {
        1
    } else if height >= 16 {
        2
    } else {
        1
    }
}

/// An overlay: centred, as large as its rows need and the screen allows, with a border and a
/// column of padding each side.
pub fn overlay(area: Rect, content_rows: usize, content_width: usize) -> Rect {
    let width = (content_width as u16).saturating_add(4).min(area.width);
    let height = (content_rows as u16).saturating_add(2).min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// The picker on a screen of `area`: all of it above the status bar, a column in from each
/// side so that it reads as an overlay (#11).
pub fn picker(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        y: area.y,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(1),
    }
}

/// The picker's rows: inside its border, below the line of its filter.
pub fn picker_rows(picker: Rect) -> Rect {
    let inner = text_area(picker);
    Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1),
        ..inner
    }
}

/// What a line of a text pane is, so the view can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Headline,
    Body,
    /// A blank line between parts.
    Separator,
    /// Why the insight has its stance.
    Note,
    /// Where the insight stands in an argument map: what it replies to, its replies (#12).
    Context,
    /// A source the insight cites.
    Source,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextLine {
    pub role: Role,
    pub text: String,
    /// Which bytes of the text it came from (the insight's text for `Body` lines of the
    /// detail pane, [`NOTE_PREFIX`] and the note for `Note` lines), so highlights can be laid
    /// over it.
    pub source: Option<Range<usize>>,
}

/// What stands before an insight's note in the detail pane.
pub const NOTE_PREFIX: &str = "Why: ";

/// What stands before a note of your own (#13).
pub const YOUR_NOTE_PREFIX: &str = "Your note: ";

/// Whose an insight's stance and note are, for the detail pane to say (#13).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Whose {
    /// A line above the insight: `Stance: yours (the file's: unrated)`.
    pub lead: Option<String>,
    pub your_note: bool,
}

impl Whose {
    pub fn note_prefix(&self) -> &'static str {
        if self.your_note {
            YOUR_NOTE_PREFIX
        } else {
            NOTE_PREFIX
        }
    }
}

impl TextLine {
    fn blank() -> TextLine {
        TextLine {
            role: Role::Separator,
            text: String::new(),
            source: None,
        }
    }
}

/// Wraps `text` at `width`, or at the [`MEASURE`] where the pane is wider.
fn push_wrapped(lines: &mut Vec<TextLine>, role: Role, text: &str, width: u16) {
    lines.extend(
        wrap_ranges(text, usize::from(width.min(MEASURE)))
            .into_iter()
            .map(|range| TextLine {
                role,
                text: text[range.clone()].to_string(),
                source: Some(range),
            }),
    );
}

/// The thesis pane's text at `width`: the headline, a blank line, then the thesis.
pub fn thesis_lines(debate: &Debate, width: u16) -> Vec<TextLine> {
    let mut lines = Vec::new();
    push_wrapped(&mut lines, Role::Headline, &debate.title, width);
    lines.push(TextLine::blank());
    push_wrapped(&mut lines, Role::Body, &debate.thesis, width);
    lines
}

/// The detail pane's text at `width` for insight `index`: in an argument map, what it replies
/// to and its replies; then the insight, its note and the sources it cites. (The stance label
/// is the pane's title.)
pub fn detail_lines(debate: &Debate, tree: &Tree, index: usize, width: u16) -> Vec<TextLine> {
    detail_lines_whose(debate, tree, index, width, &Whose::default())
}

/// [`detail_lines`], saying whose the stance and note are.
pub fn detail_lines_whose(
    debate: &Debate,
    tree: &Tree,
    index: usize,
    width: u16,
    whose: &Whose,
) -> Vec<TextLine> {
    let mut lines = Vec::new();
    let Some(insight) = debate.insights.get(index) else {
        return lines;
    };
    if width == 0 {
        return lines;
    }
    if let Some(lead) = &whose.lead {
        push_context(&mut lines, lead, width);
        if insight.reply.is_none() {
            lines.push(TextLine::blank());
        }
    }
    if let Some(reply) = insight.reply {
        let id = insight
            .id
            .as_ref()
            .map_or(String::new(), |id| format!("{id} · "));
        let what = match reply.parent {
            Some(p) => format!(
                "{} #{}: “{}”",
                reply.relation.name(),
                p + 1,
                crate::text::truncate(&first_line(&debate.insights[p].text), SNIPPET)
            ),
            None => format!("{} the thesis", reply.relation.name()),
        };
        push_context(&mut lines, &format!("{id}{what}"), width);
        let [supports, attacks] = tree.replies_by_relation(index);
        let mut parts = Vec::new();
        if supports > 0 {
            parts.push(format!(
                "{supports} {}",
                if supports == 1 {
                    "supports it"
                } else {
                    "support it"
                }
            ));
        }
        if attacks > 0 {
            parts.push(format!(
                "{attacks} {}",
                if attacks == 1 {
                    "attacks it"
                } else {
                    "attack it"
                }
            ));
        }
        let replies = match supports + attacks {
            0 => "no replies".to_string(),
            1 => format!("1 reply: {}", parts.join(", ")),
            n => format!("{n} replies: {}", parts.join(", ")),
        };
        push_context(&mut lines, &replies, width);
        lines.push(TextLine::blank());
    }
    push_wrapped(&mut lines, Role::Body, &insight.text, width);
    if let Some(note) = &insight.note {
        lines.push(TextLine::blank());
        push_wrapped(
            &mut lines,
            Role::Note,
            &format!("{}{note}", whose.note_prefix()),
            width,
        );
    }
    if !insight.sources.is_empty() {
        lines.push(TextLine::blank());
        for source in &insight.sources {
            let mut wrapped = Vec::new();
            push_wrapped(&mut wrapped, Role::Source, source, width);
            lines.extend(wrapped.into_iter().map(|l| TextLine { source: None, ..l }));
        }
    }
    lines
}

/// How much of a parent's text the detail pane quotes.
const SNIPPET: usize = 60;

/// The first line of `text`: a parent is quoted by its opening words.
fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or("").to_string()
}

/// Context lines carry no offsets into the insight: searches and picked sentences are not
/// laid over them.
fn push_context(lines: &mut Vec<TextLine>, text: &str, width: u16) {
    let mut wrapped = Vec::new();
    push_wrapped(&mut wrapped, Role::Context, text, width);
    lines.extend(wrapped.into_iter().map(|l| TextLine { source: None, ..l }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn debate() -> Debate {
        crate::debate::builtin()
    }

    #[test]
    fn wide_puts_list_and_detail_side_by_side() {
        let p = panes(Rect::new(0, 0, 120, 40), &debate()).expect("fits");
        assert_eq!(p.list.y, p.detail.y);
        assert!(p.list.x < p.detail.x);
        assert_eq!(p.status, Rect::new(0, 39, 120, 1));
    }

    #[test]
    fn narrow_stacks_list_over_detail() {
        let p = panes(Rect::new(0, 0, 60, 20), &debate()).expect("fits");
        assert_eq!(p.list.x, p.detail.x);
        assert!(p.list.y < p.detail.y);
        assert!(p.list.height >= 3 && p.detail.height >= 3, "{p:?}");
    }

    #[test]
    fn the_smallest_screen_shows_list_rows_and_detail_text() {
        let p = panes(Rect::new(0, 0, MIN_WIDTH, MIN_HEIGHT), &debate()).expect("fits");
        assert!(inner(p.list).height >= 2, "{p:?}");
        assert!(inner(p.detail).height >= 2, "{p:?}");
        assert!(inner(p.thesis).height >= 1, "{p:?}");
    }

    #[test]
    fn a_short_list_takes_only_the_rows_it_can_use() {
        let mut d = debate();
        d.insights.truncate(2);
        let p = panes(Rect::new(0, 0, 99, 30), &d).expect("fits");
        // Two insights of at most three lines each.
        assert!(inner(p.list).height <= 6, "{p:?}");
        assert_eq!(list_row_lines(inner(p.list).height, 2), 3);
        // Ten insights in 19 rows: all ten on a line each, not nine on two (#10).
        assert_eq!(list_row_lines(19, 10), 1);
        assert_eq!(list_row_lines(20, 10), 2);
        assert_eq!(list_row_lines(19, 100), 2);
    }

    #[test]
    fn too_small_has_no_panes() {
        assert_eq!(panes(Rect::new(0, 0, 29, 40), &debate()), None);
        assert_eq!(panes(Rect::new(0, 0, 120, MIN_HEIGHT - 1), &debate()), None);
    }

    #[test]
    fn panes_stay_inside_the_screen() {
        let d = debate();
        for w in (MIN_WIDTH..200).step_by(3) {
            for h in (MIN_HEIGHT..60).step_by(2) {
                let area = Rect::new(0, 0, w, h);
                let p = panes(area, &d).expect("fits");
                for r in [p.thesis, p.list, p.detail, p.status] {
                    assert_eq!(r.intersection(area), r, "{w}x{h}: {r:?}");
                }
            }
        }
    }
}
