use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::App;
use crate::debate::Stance;
use crate::filter::StanceFilter;
use crate::keymap;
use crate::text::width;
use crate::theme::Theme;

/// The filter, the counts per stance, and as many key hints as fit.
pub(super) fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, theme.status());
    let mut left = vec![Span::raw(" ")];
    match app.filter() {
        StanceFilter::All => left.push(Span::raw("all")),
        StanceFilter::Only(stance) => left.push(Span::styled(
            format!("{} {} only", theme.glyph(stance), stance.name()),
            theme.stance(stance),
        )),
    }
    left.push(Span::raw(" │"));
    for stance in Stance::ALL {
        let n = app.count(stance);
        // Agree and conflict always; the others only when the debate has any.
        if n == 0 && matches!(stance, Stance::Mixed | Stance::Unrated) {
            continue;
        }
        left.push(Span::styled(
            format!(" {}{n} {} ", theme.glyph(stance), stance.short()),
            theme.stance(stance),
        ));
    }
    let used: usize = left.iter().map(|s| width(&s.content)).sum();

    // When not every hint fits, the last ones in the keymap (help, quit) are kept first. Each
    // hint takes its width plus a two-column gap before it.
    let hints = keymap::hints(app.mode());
    let mut room = usize::from(area.width).saturating_sub(used + 1);
    let mut shown = vec![false; hints.len()];
    for (i, (keys, word)) in hints.iter().enumerate().rev() {
        let w = hint_width(keys, word);
        if w <= room {
            shown[i] = true;
            room -= w;
        }
    }
    let mut right: Vec<Span> = Vec::new();
    for ((keys, word), _) in hints.iter().zip(&shown).filter(|(_, s)| **s) {
        right.push(Span::raw("  "));
        right.push(Span::styled(keys.clone(), theme.key()));
        right.push(Span::raw(format!(" {word}")));
    }
    right.push(Span::raw(" "));
    Line::from(left).render(area, buf);
    Line::from(right).right_aligned().render(area, buf);
}

fn hint_width(keys: &str, word: &str) -> usize {
    2 + width(keys) + 1 + width(word)
}
