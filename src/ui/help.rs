use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{pane_block, scroll_position};
use crate::app::App;
use crate::theme::Theme;

/// Every key, generated from the keymap, over the panes.
pub(super) fn render(app: &App, theme: &Theme, buf: &mut Buffer) {
    let area = app.help_area().intersection(buf.area);
    let rows = app.help_lines();
    let visible = usize::from(area.height.saturating_sub(2));
    let scroll = app.help_scroll().min(rows.len().saturating_sub(visible));
    let mut block = pane_block(true)
        .border_style(theme.border(true))
        .title(Span::styled(" Keys ", theme.headline()));
    if let Some(position) = scroll_position(scroll, visible, rows.len()) {
        block = block.title_bottom(Line::styled(position, theme.muted()).right_aligned());
    }
    let lines: Vec<Line> = rows
        .iter()
        .skip(scroll)
        .take(visible)
        .map(|(keys, help)| {
            Line::from(vec![
                Span::styled(keys.as_str(), theme.key()),
                Span::styled(help.as_str(), theme.text()),
            ])
        })
        .collect();
    Clear.render(area, buf);
    let inner = block.inner(area).inner(ratatui::layout::Margin::new(1, 0));
    block.render(area, buf);
    Paragraph::new(lines).render(inner, buf);
}
