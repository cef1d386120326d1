//! Where each pane goes at a given terminal size, and the wrapped text of the text panes.
//! Pure, so that [`crate::app::App`] can clamp scrolling with exactly what the views draw.

use std::ops::Range;

use ratatui::layout::Rect;

use crate::debate::{Debate, Insight};
use crate::text::wrap_ranges;

/// Below this the panes cannot show anything useful; we say so instead.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 12;
/// From this width the list and the detail stand side by side.
pub const WIDE_FROM: u16 = 100;

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

/// The width the thesis is wrapped to on a screen of `area`: the screen's, less the border.
pub fn thesis_width(area: Rect) -> u16 {
    area.width.saturating_sub(2)
}

/// [`panes`], for a thesis already wrapped to [`thesis_width`] in `thesis_rows` lines.
pub fn panes_for_thesis(area: Rect, debate: &Debate, thesis_rows: usize) -> Option<Panes> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    // Plain arithmetic rather than ratatui's constraint solver: the solver's first use costs
    // a sixth of a millisecond, which a reader pays on every launch. tests/layout.rs checks
    // that the two agree at every size.
    let (body, status) = split_rows(area, area.height - 1);
    // The thesis takes what it needs, up to a third of the body (a quarter when the list and
    // the detail must share the rest stacked); beyond that it scrolls.
    let wide = area.width >= WIDE_FROM;
    let share = if wide { 3 } else { 4 };
    let wanted = u16::try_from(thesis_rows)
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let thesis_height = wanted.clamp(3, (body.height / share).max(3));
    let (thesis, rest) = split_rows(body, thesis_height);
    let (list, detail) = if wide {
        // 45% and 55%, rounded as ratatui's `Percentage` rounds.
        let list_width = (u32::from(rest.width) * 45 + 50) / 100;
        let list = Rect {
            width: list_width as u16,
            ..rest
        };
        let detail = Rect {
            x: list.right(),
            width: rest.width - list.width,
            ..rest
        };
        (list, detail)
    } else {
        // Stacked, the list takes what its rows need, up to two fifths (but at least two rows);
        // the detail pane, which holds the text being read, gets the rest.
        let rows = debate.insights.len().max(1) as u16;
        let list_height = rows
            .saturating_add(2)
            .min((rest.height * 2 / 5).max(4))
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

/// What a line of a text pane is, so the view can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Headline,
    Body,
    /// Why the insight has its stance.
    Note,
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

impl TextLine {
    fn blank() -> TextLine {
        TextLine {
            role: Role::Body,
            text: String::new(),
            source: None,
        }
    }
}

fn push_wrapped(lines: &mut Vec<TextLine>, role: Role, text: &str, width: u16) {
    lines.extend(
        wrap_ranges(text, usize::from(width))
            .into_iter()
            .map(|range| TextLine {
                role,
                text: text[range.clone()].to_string(),
                source: Some(range),
            }),
    );
}

/// The thesis pane's text at `width`: the headline, then the thesis.
pub fn thesis_lines(debate: &Debate, width: u16) -> Vec<TextLine> {
    let mut lines = Vec::new();
    push_wrapped(&mut lines, Role::Headline, &debate.title, width);
    lines.push(TextLine::blank());
    push_wrapped(&mut lines, Role::Body, &debate.thesis, width);
    lines
}

/// The detail pane's text at `width`: the insight, and its note. (The stance label is the
/// pane's title.)
pub fn detail_lines(insight: &Insight, width: u16) -> Vec<TextLine> {
    let mut lines = Vec::new();
    if width == 0 {
        return lines;
    }
    push_wrapped(&mut lines, Role::Body, &insight.text, width);
    if let Some(note) = &insight.note {
        lines.push(TextLine::blank());
        push_wrapped(
            &mut lines,
            Role::Note,
            &format!("{NOTE_PREFIX}{note}"),
            width,
        );
    }
    lines
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
    fn a_short_list_leaves_the_room_to_the_detail() {
        let mut d = debate();
        d.insights.truncate(2);
        let p = panes(Rect::new(0, 0, 99, 30), &d).expect("fits");
        assert_eq!(inner(p.list).height, 2);
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
