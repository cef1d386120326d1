use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
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
                Span::raw(help.as_str()),
            ])
        })
        .collect();
    Clear.render(area, buf);
    split_wide_characters_at(area, buf);
    buf.set_style(area, theme.help());
    let inner = block.inner(area).inner(ratatui::layout::Margin::new(1, 0));
    block.render(area, buf);
    Paragraph::new(lines).render(inner, buf);
}

/// A double-width character just left of the overlay would paint over its border (ratatui
/// then skips the border cell as covered): blank such characters.
fn split_wide_characters_at(area: Rect, buf: &mut Buffer) {
    let Some(x) = area.x.checked_sub(1) else {
        return;
    };
    for y in area.top()..area.bottom() {
        let cell = &mut buf[(x, y)];
        if crate::text::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}
