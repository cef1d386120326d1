use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{balance, pane_block, render_lines, scroll_position, visible_lines};
use crate::layout::{self, Role};
use crate::reading::Reading;
use crate::text::truncate;
use crate::theme::Theme;

const TITLE: &str = " Thesis ";
const SOURCE: &str = " source: ";

/// The headline, its source and the thesis; below it, the balance of the insights the filter
/// shows (#11); with other debates open, which of them this is (`debate 3/907`).
pub(super) fn render(
    app: &Reading,
    theme: &Theme,
    area: Rect,
    focused: bool,
    position: Option<(usize, usize)>,
    buf: &mut Buffer,
) {
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

    let mut title = vec![Span::styled(TITLE, theme.headline())];
    if let Some((at, total)) = position {
        title.push(Span::styled(
            format!("· debate {at}/{total} "),
            theme.muted(),
        ));
    }
    let title_width = super::spans_width(&title);
    let mut block = pane_block(focused)
        .border_style(theme.border(focused))
        .title(Line::from(title));
    // The source goes top right, cut to what is left beside the pane's own title.
    let room = usize::from(area.width).saturating_sub(2 + title_width + 2 + SOURCE.len() + 1);
    // Drawn over the border once the block is, as the panes' text is, rather than as a block
    // title that ratatui lays out in its own widths (#14).
    let source = debate
        .source
        .as_deref()
        .filter(|_| room >= 4)
        .map(|source| {
            Line::from(vec![
                Span::styled(SOURCE, theme.muted()),
                Span::styled(truncate(source, room), theme.text()),
                Span::raw(" "),
            ])
        });
    let scrolled = scroll_position(scroll, rows, lines.len());
    let scrolled_width = scrolled.as_deref().map_or(0, crate::text::width);
    if let Some(scrolled) = scrolled {
        block = block.title_bottom(Line::styled(scrolled, theme.muted()).right_aligned());
    }
    // The balance bar, bottom left, where it leaves the scroll position room.
    let counts = app.visible_counts();
    let bar_room = usize::from(area.width).saturating_sub(4 + scrolled_width + 2);
    let counts_width = balance::counts_width(counts);
    if bar_room >= counts_width + 2 {
        let bar = (bar_room - counts_width - 2).min(12);
        let mut spans = vec![Span::raw(" ")];
        if bar >= 4 {
            spans.extend(balance::bar(counts, bar, theme));
            spans.push(Span::raw(" "));
        }
        spans.extend(balance::counts(counts, theme));
        spans.push(Span::raw(" "));
        block = block.title_bottom(Line::from(spans));
    }
    let text = visible_lines(lines, scroll, rows, |l| {
        let style = match l.role {
            Role::Headline => theme.headline(),
            _ => theme.text(),
        };
        Line::styled(l.text.as_str(), style)
    });
    render_lines(block, &text, area, buf);
    if let Some(source) = source {
        let w = u16::try_from(super::spans_width(&source.spans)).unwrap_or(u16::MAX);
        let x = area.right().saturating_sub(1 + w).max(area.x);
        super::put_line(buf, x, area.y, &source, w);
    }
}
