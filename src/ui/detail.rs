use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{fit_title, highlighted, pane_block, render_lines, scroll_position, visible_lines};
use crate::layout::{self, Role};
use crate::reading::Reading;
use crate::theme::Theme;

/// The selected insight in full, framed in its stance's colour, with its label and note.
pub(super) fn render(app: &Reading, theme: &Theme, area: Rect, focused: bool, buf: &mut Buffer) {
    let Some((number, insight)) = app.selected_insight() else {
        let block = pane_block(focused)
            .border_style(theme.border(focused))
            .title(" Insight ");
        Paragraph::new(Line::styled("No insight selected.", theme.muted()))
            .block(block)
            .render(area, buf);
        return;
    };
    let stance = theme.stance(insight.stance);
    let glyph = theme.glyph(insight.stance);
    let inner = layout::text_area(area);
    let lines = app.detail_lines(inner.width);
    let rows = usize::from(inner.height);
    let scroll = app.detail_scroll().min(lines.len().saturating_sub(rows));

    // The title is the plain label: glyph and words go with the colour. Short of room it
    // keeps the stance's word and the insight's number longest.
    let label = insight.stance.label();
    let word = label.split(' ').next().unwrap_or(label);
    let title_style = stance.add_modifier(Modifier::BOLD);
    // Your stance says so in the title too, as long as there is room (#13).
    let yours = if app.yours().mark(number - 1).0.is_some() {
        " · yours"
    } else {
        ""
    };
    let forms = [
        format!(" {glyph} {label}{yours} · insight {number} "),
        format!(" {glyph} {word}{yours} · insight {number} "),
        format!(" {glyph} {word}{yours} · {number} "),
        format!(" {glyph} {word} · {number} "),
        format!(" {glyph} {word} {number} "),
    ];
    let title = fit_title(
        forms
            .into_iter()
            .map(|f| vec![Span::styled(f, title_style)])
            .collect(),
        usize::from(area.width).saturating_sub(2),
    );
    let mut block = pane_block(focused)
        .border_style(theme.border(focused).patch(stance))
        .title(title);
    if let Some((index, count)) = app.picked_sentence_position() {
        block = block.title_bottom(Line::styled(
            format!(" sentence {}/{count} ", index + 1),
            theme.picked(),
        ));
    }
    if let Some(position) = scroll_position(scroll, rows, lines.len()) {
        block = block.title_bottom(Line::styled(position, theme.muted()).right_aligned());
    }
    // Search matches in the text and in the note, and the picked sentence.
    let found = |s: &str| app.query().map(|q| q.find_all(s)).unwrap_or_default();
    let mut in_text: Vec<_> = found(&insight.text)
        .into_iter()
        .map(|r| (r, theme.search_match()))
        .collect();
    if let Some(range) = app.picked_sentence() {
        in_text.insert(0, (range, theme.picked()));
    }
    let prefix = app.whose(number - 1).note_prefix();
    let in_note: Vec<_> = found(insight.note.as_deref().unwrap_or(""))
        .into_iter()
        .map(|r| {
            (
                r.start + prefix.len()..r.end + prefix.len(),
                theme.search_match(),
            )
        })
        .collect();
    let text = visible_lines(&lines, scroll, rows, |l| {
        let offset = l.source.as_ref().map_or(0, |r| r.start);
        match l.role {
            Role::Note => highlighted(&l.text, offset, theme.note(), &in_note),
            Role::Headline | Role::Body | Role::Separator => {
                highlighted(&l.text, offset, theme.text(), &in_text)
            }
            Role::Context | Role::Source => Line::styled(l.text.as_str(), theme.muted()),
        }
    });
    render_lines(block, &text, area, buf);
}
