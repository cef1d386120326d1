use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{pane_block, scroll_position, visible_lines};
use crate::app::App;
use crate::layout::{self, Role};
use crate::theme::Theme;

/// The headline, its source and the thesis.
pub(super) fn render(app: &App, theme: &Theme, area: Rect, focused: bool, buf: &mut Buffer) {
    let debate = app.debate();
    let inner = layout::inner(area);
    let lines = layout::thesis_lines(debate, inner.width);
    let rows = usize::from(inner.height);
    let scroll = app.thesis_scroll().min(lines.len().saturating_sub(rows));

    let mut block = pane_block(focused)
        .border_style(theme.border(focused))
        .title(Span::styled(" Thesis ", theme.headline()));
    if let Some(source) = &debate.source {
        block = block.title(
            Line::from(vec![
                Span::styled(" source: ", theme.muted()),
                Span::styled(source.as_str(), theme.text()),
                Span::raw(" "),
            ])
            .right_aligned(),
        );
    }
    if let Some(position) = scroll_position(scroll, rows, lines.len()) {
        block = block.title_bottom(Line::styled(position, theme.muted()).right_aligned());
    }
    let text = visible_lines(&lines, scroll, rows, |l| {
        let style = match l.role {
            Role::Headline => theme.headline(),
            _ => theme.text(),
        };
        Line::styled(l.text.as_str(), style)
    });
    Paragraph::new(text).block(block).render(area, buf);
}
