//! How many cells a grapheme takes, in the one place where the frame and the terminal are made
//! to agree on it (#14).
//!
//! ratatui measures a grapheme with Unicode 16's tables. tmux and most terminals measure each
//! code point with the C library's `wcwidth`, whose tables are older and differ on hundreds of
//! characters: a Tamil consonant with its vowel sign (`கா`) is one cell to ratatui and two to
//! tmux, a trigram (`☰`) two and one, an unassigned code point one and none. Where a terminal
//! takes fewer cells than the frame believes it wrote, the cells left over keep what was there
//! before (another insight's text); where it takes more, everything after it on the row moves.
//!
//! So every grapheme is laid out in the larger of the two widths, and one on which they
//! disagree is *disputed*; so is one the terminal holds in several cells (`டு`: a letter and
//! a vowel sign of a cell each), since writing over its first cell leaves the others. A
//! disputed grapheme is marked with its width ([`CellDiffOption::ForcedWidth`]), and
//! [`backend::Settled`] blanks all of its cells before writing it and places what follows
//! afresh. Whichever width a terminal gives it within those cells, no stale cell survives and
//! nothing after it moves. A grapheme the C library would draw in no cell at all (an
//! unassigned code point, a format control) is shown as `�`, which takes one cell everywhere.

pub mod backend;
mod c_library;

use c_library::Drawn;
use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::style::Style;
use std::num::NonZeroU16;
use unicode_segmentation::UnicodeSegmentation;

/// Shown for a grapheme that the terminal would give no cell.
pub const REPLACEMENT: &str = "\u{FFFD}";

/// How a grapheme is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cells {
    /// The cells the layout gives it.
    pub width: u16,
    /// The frame and the terminal's tables disagree on its width.
    pub disputed: bool,
    /// It is drawn as [`REPLACEMENT`].
    pub replaced: bool,
}

/// How `grapheme` is drawn: see the module's comment.
pub fn of(grapheme: &str) -> Cells {
    let frame = grapheme.cell_width();
    let agreed = Cells {
        width: frame,
        disputed: false,
        replaced: false,
    };
    // ASCII is measured alike by every table; so is what ratatui drops (a grapheme of no width).
    if grapheme.is_ascii() || frame == 0 {
        return agreed;
    }
    match c_library::drawn(grapheme) {
        // The C library cannot say (not a UTF-8 C library): ratatui's word stands.
        None => agreed,
        Some(Some(Drawn { width: 0, .. }) | None) => Cells {
            width: frame,
            disputed: frame > 1,
            replaced: true,
        },
        Some(Some(terminal)) => Cells {
            width: frame.max(terminal.width),
            disputed: terminal.width != frame || terminal.pieces > 1,
            replaced: false,
        },
    }
}

/// The cells `grapheme` is laid out in.
pub fn width(grapheme: &str) -> usize {
    usize::from(of(grapheme).width)
}

/// Whether `s` is one grapheme that every terminal draws in one cell, as a theme's glyph must.
pub fn is_one_agreed_cell(s: &str) -> bool {
    let mut graphemes = s.graphemes(true);
    graphemes.next().is_some_and(|g| {
        graphemes.next().is_none()
            && of(g)
                == Cells {
                    width: 1,
                    disputed: false,
                    replaced: false,
                }
    })
}

/// Writes `text` at `x`, `y` in at most `max_width` cells, grapheme by grapheme, each in the
/// cells [`of`] gives it; returns the column after the last. Graphemes with control characters
/// or no width are left out, as ratatui's `set_stringn` leaves them.
pub fn put_str(buf: &mut Buffer, x: u16, y: u16, text: &str, max_width: u16, style: Style) -> u16 {
    let end = x.saturating_add(max_width).min(buf.area.right());
    let mut x = x;
    for grapheme in text.graphemes(true) {
        if grapheme.contains(char::is_control) {
            continue;
        }
        let cells = of(grapheme);
        if cells.width == 0 {
            continue;
        }
        let next = x.saturating_add(cells.width);
        if next > end {
            break;
        }
        let cell = &mut buf[(x, y)];
        cell.set_symbol(if cells.replaced {
            REPLACEMENT
        } else {
            grapheme
        })
        .set_style(style);
        mark(cell, cells);
        for covered in x + 1..next {
            buf[(covered, y)].reset();
        }
        x = next;
    }
    x
}

/// Makes sure no disputed grapheme in `buf` goes out unmarked. Text that ratatui's own widgets
/// placed (a pane's title, a paragraph) was laid out in ratatui's widths, so a grapheme the
/// terminal takes as wider than that cannot be given its room here: it is shown as `�`, which
/// keeps the row in place. Everything a document says in the panes goes through [`put_str`],
/// which lays it out right.
pub fn settle(buf: &mut Buffer) {
    for cell in &mut buf.content {
        if cell.diff_option != CellDiffOption::None || cell.symbol().len() == 1 {
            continue;
        }
        let frame = cell.symbol().cell_width();
        let cells = of(cell.symbol());
        if cells.width > frame || cells.replaced {
            cell.set_symbol(REPLACEMENT);
            let replaced = Cells {
                width: frame,
                disputed: frame > 1,
                replaced: true,
            };
            mark(cell, replaced);
        } else {
            mark(cell, cells);
        }
    }
}

fn mark(cell: &mut ratatui::buffer::Cell, cells: Cells) {
    let option = match NonZeroU16::new(cells.width) {
        Some(width) if cells.disputed => CellDiffOption::ForcedWidth(width),
        _ => CellDiffOption::None,
    };
    cell.set_diff_option(option);
}

/// Whether a cell was marked as disputed by [`put_str`] or [`settle`], and so how many cells
/// the backend must blank before writing it.
pub fn disputed_width(cell: &ratatui::buffer::Cell) -> Option<u16> {
    match cell.diff_option {
        CellDiffOption::ForcedWidth(w) => Some(w.get()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn ascii_and_wide_letters_are_not_disputed() {
        for g in ["a", "é", "한", "中", "ぁ"] {
            let cells = of(g);
            assert!(!cells.disputed && !cells.replaced, "{g:?}: {cells:?}");
        }
        assert_eq!(width("中"), 2);
    }

    #[test]
    fn a_tamil_syllable_gets_the_terminals_two_cells() {
        let cells = of("கா");
        assert_eq!((cells.width, cells.disputed), (2, true));
    }

    #[test]
    fn a_grapheme_the_terminal_holds_in_two_cells_is_disputed() {
        for g in ["டு", "कि"] {
            let cells = of(g);
            assert_eq!((cells.width, cells.disputed), (2, true), "{g:?}");
        }
    }

    #[test]
    fn a_trigram_keeps_two_cells_and_is_disputed() {
        let cells = of("\u{2630}");
        assert_eq!((cells.width, cells.disputed), (2, true));
    }

    #[test]
    fn what_the_terminal_would_not_draw_is_replaced() {
        for g in ["\u{378}", "\u{13430}"] {
            let cells = of(g);
            assert!(cells.replaced, "{g:?}: {cells:?}");
            assert_eq!(cells.width, 1);
        }
    }

    #[test]
    fn put_str_marks_and_covers_a_disputed_grapheme() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        let end = put_str(&mut buf, 0, 0, "aகாb\u{378}", 10, Style::default());
        assert_eq!(end, 5);
        assert_eq!(buf[(1, 0)].symbol(), "கா");
        assert_eq!(disputed_width(&buf[(1, 0)]), Some(2));
        assert_eq!(buf[(3, 0)].symbol(), "b");
        assert_eq!(buf[(4, 0)].symbol(), REPLACEMENT);
        assert_eq!(disputed_width(&buf[(4, 0)]), None);
    }

    #[test]
    fn put_str_stops_before_a_grapheme_that_does_not_fit() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        assert_eq!(put_str(&mut buf, 0, 0, "abகா", 3, Style::default()), 2);
        assert_eq!(buf[(2, 0)].symbol(), " ");
    }

    #[test]
    fn settle_replaces_what_it_cannot_give_room_to() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(0, 0, "கா☰x", Style::default());
        settle(&mut buf);
        assert_eq!(buf[(0, 0)].symbol(), REPLACEMENT);
        assert_eq!(buf[(1, 0)].symbol(), "☰");
        assert_eq!(disputed_width(&buf[(1, 0)]), Some(2));
        assert_eq!(buf[(3, 0)].symbol(), "x");
    }

    #[test]
    fn only_an_agreed_single_cell_is_a_glyph() {
        assert!(is_one_agreed_cell("●"));
        assert!(!is_one_agreed_cell("கா"));
        assert!(!is_one_agreed_cell("\u{2630}"));
        assert!(!is_one_agreed_cell("ab"));
        assert!(!is_one_agreed_cell(""));
    }
}
