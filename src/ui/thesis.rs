use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{pane_block, render_lines, scroll_position, visible_lines};
use crate::app::App;
use crate::layout::{self, Role};
use crate::text::truncate;
use crate::theme::Theme;

const TITLE: &str = " Thesis ";
const SOURCE: &str = " source: ";

/// The headline, its source and the thesis.
pub(super) fn render(app: &App, theme: &Theme, area: Rect, focused: bool, buf: &mut Buffer) {
    let debate = app.debate();
    let inner = layout::text_area(area);
    let mut wrapped;
    let lines = if app.panes().is_some_and(|p| p.thesis == area) {
        app.thesis_lines()
    } else {
        wrapped = layout::thesis_lines(debate, inner.width);
        layout::fit_thesis_lines(&mut wrapped, usize::from(inner.height));
        &wrapped
    };
    let rows = usize::from(inner.height);
    let scroll = app.thesis_scroll().min(lines.len().saturating_sub(rows));

    let mut block = pane_block(focused)
        .border_style(theme.border(focused))
        .title(Span::styled(TITLE, theme.headline()));
    // The source goes top right, cut to what is left beside the pane's own title.
    let room = usize::from(area.width).saturating_sub(2 + TITLE.len() + 2 + SOURCE.len() + 1);
    if let Some(source) = debate.source.as_deref().filter(|_| room >= 4) {
        block = block.title(
            Line::from(vec![
                Span::styled(SOURCE, theme.muted()),
                Span::styled(truncate(source, room), theme.text()),
                Span::raw(" "),
            ])
            .right_aligned(),
        );
    }
    if let Some(position) = scroll_position(scroll, rows, lines.len()) {
        block = block.title_bottom(Line::styled(position, theme.muted()).right_aligned());
    }
    let text = visible_lines(lines, scroll, rows, |l| {
        let style = match l.role {
            Role::Headline => theme.headline(),
            _ => theme.text(),
        };
        Line::styled(l.text.as_str(), style)
    });
    render_lines(block, &text, area, buf);
}
