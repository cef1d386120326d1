//! The balance bar (#11): how a debate's insights divide between the stances, as a bar in the
//! stance colours and, so that it does not rest on colour, the counts with their glyphs.

use ratatui::text::Span;

use crate::debate::Stance;
use crate::theme::Theme;

/// The bar's cells: each stance's share of `width` cells, by largest remainder, so that the
/// cells always add up and a stance with any insights at all is never rounded away to nothing
/// while another has more than its share.
pub fn cells(counts: [usize; 4], width: usize) -> [usize; 4] {
    let total: usize = counts.iter().sum();
    if total == 0 || width == 0 {
        return [0; 4];
    }
    let mut cells = counts.map(|n| n * width / total);
    let mut given: usize = cells.iter().sum();
    // Any stance that has insights gets a cell before the remainders are shared out.
    for i in 0..4 {
        if given < width && counts[i] > 0 && cells[i] == 0 {
            cells[i] = 1;
            given += 1;
        }
    }
    let mut order: Vec<usize> = (0..4).collect();
    order.sort_by_key(|&i| std::cmp::Reverse((counts[i] * width) % total));
    for &i in order.iter().cycle().take(width.saturating_sub(given)) {
        cells[i] += 1;
    }
    // A stance that got its cell up front may leave the total one over: take it from the
    // largest.
    while cells.iter().sum::<usize>() > width {
        if let Some(largest) = (0..4).max_by_key(|&i| cells[i]) {
            cells[largest] -= 1;
        }
    }
    cells
}

/// The bar, `width` cells wide: each stance's cells in its colour (an empty debate is a
/// muted track).
pub fn bar<'a>(counts: [usize; 4], width: usize, theme: &Theme) -> Vec<Span<'a>> {
    let cells = cells(counts, width);
    if cells.iter().sum::<usize>() == 0 {
        return vec![Span::styled("░".repeat(width), theme.muted())];
    }
    Stance::ALL
        .into_iter()
        .filter(|s| cells[s.index()] > 0)
        .map(|s| Span::styled("█".repeat(cells[s.index()]), theme.stance(s)))
        .collect()
}

/// `+6 −4 ±0 ·0`: each stance's count after its glyph, in its colour (muted at zero).
pub fn counts<'a>(counts: [usize; 4], theme: &Theme) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    for (i, stance) in Stance::ALL.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        let n = counts[stance.index()];
        let style = if n == 0 {
            theme.muted()
        } else {
            theme.stance(stance)
        };
        spans.push(Span::styled(format!("{}{n}", theme.glyph(stance)), style));
    }
    spans
}

/// The width of [`counts`] for these counts.
pub fn counts_width(counts: [usize; 4]) -> usize {
    // A glyph is one cell (themes are checked for it); a space between each.
    counts
        .iter()
        .map(|n| 1 + n.to_string().len())
        .sum::<usize>()
        + 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_add_up_and_keep_every_stance_that_has_insights() {
        assert_eq!(cells([6, 4, 0, 0], 10), [6, 4, 0, 0]);
        assert_eq!(cells([1, 1, 1, 0], 8).iter().sum::<usize>(), 8);
        assert_eq!(cells([1000, 1, 0, 0], 8), [7, 1, 0, 0]);
        assert_eq!(cells([0, 0, 0, 0], 8), [0, 0, 0, 0]);
        assert_eq!(cells([5, 5, 5, 5], 3).iter().sum::<usize>(), 3);
        for counts in [[3, 0, 7, 1], [1, 2, 3, 4], [99, 1, 1, 1]] {
            assert_eq!(cells(counts, 9).iter().sum::<usize>(), 9, "{counts:?}");
        }
    }
}
