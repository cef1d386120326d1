//! The first frame, written straight onto the blank screen that entering the alternate screen
//! gives us. Launch is the wait a reader feels most; ratatui's terminal would first allocate
//! two buffers, compare the frame with an empty one and encode each cell through `fmt`, which
//! together cost more than half a millisecond. Here the frame's cells go out as bytes, blank
//! cells not at all, and each change of style as one escape sequence. Every later frame is
//! ratatui's, diffed against this one. tests/paint.rs checks that a terminal shows the same
//! screen either way.

use std::io::{self, Write};

use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::Position;
use ratatui::style::{Color, Modifier};

/// The attributes a cell is drawn with.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    /// Whether a space written with this pen would show.
    fn shows_on_blank(self) -> bool {
        self.bg != Color::Reset || self.modifier.intersects(SHOWS_ON_BLANK)
    }

    fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }
}

/// Modifiers that show on a space; bold, italic, dim and the rest leave it blank.
const SHOWS_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::CROSSED_OUT);

/// The widest gap between symbols that is written as spaces rather than moved over.
const MAX_SPACES: u16 = 8;

/// Writes `frame` for a blank screen of its size, then puts the cursor at `cursor` (shown) or
/// leaves it hidden. The screen must have no scrolling region, as [`crate::terminal::enter`]
/// sees to: a new line moves the cursor down.
pub fn write_frame(
    frame: &Buffer,
    cursor: Option<Position>,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut bytes = Vec::with_capacity(16 * 1024);
    let mut pen = Pen::DEFAULT;
    // Where the terminal's cursor is after the last symbol written, if known.
    let mut at: Option<(u16, u16)> = None;
    let mut last_ascii = false;
    let area = frame.area;
    let row_length = usize::from(area.width);
    for (y, row) in (area.top()..area.bottom()).zip(frame.content.chunks_exact(row_length.max(1))) {
        let mut x = area.left();
        // Whether the cells passed over since `at` were all single spaces.
        let mut gap_of_spaces = true;
        let mut cells = row.iter();
        while let Some(cell) = cells.next() {
            let symbol = cell.symbol();
            if symbol == " " && looks_blank(cell) && !skipped(cell) {
                x += 1;
                continue;
            }
            let width = width_of(cell, symbol);
            if width > 1 {
                // The cells a wide symbol covers are the terminal's to fill.
                cells.nth(usize::from(width) - 2);
            }
            let next = x.saturating_add(width.max(1));
            if skipped(cell) || symbol.is_empty() {
                gap_of_spaces = false;
                x = next;
                continue;
            }
            let gap = match at {
                Some((from, row)) if row == y => x.checked_sub(from),
                _ => None,
            };
            // A terminal reads plain text far quicker than an escape sequence: spaces over a
            // short gap (they look the same while the pen draws nothing on a space), and a new
            // line to the start of the next row, rather than moving the cursor there.
            // Spaces only after ASCII, whose width no terminal disputes; a new line only from
            // short of the last column, where terminals differ on when they wrap.
            match gap {
                Some(0) => {}
                Some(n)
                    if n <= MAX_SPACES && gap_of_spaces && last_ascii && !pen.shows_on_blank() =>
                {
                    bytes.extend(std::iter::repeat_n(b' ', usize::from(n)));
                }
                _ if x == area.left()
                    && at.is_some_and(|(end, row)| row + 1 == y && end < area.right()) =>
                {
                    bytes.extend_from_slice(b"\r\n");
                }
                _ => write!(bytes, "\x1b[{};{}H", y + 1, x + 1)?,
            }
            gap_of_spaces = true;
            let wanted = Pen::of(cell);
            if wanted != pen {
                set_pen(&mut bytes, pen, wanted);
                pen = wanted;
            }
            bytes.extend_from_slice(symbol.as_bytes());
            last_ascii = symbol.is_ascii();
            // Where the cursor ends after anything but a one-cell symbol is the terminal's
            // opinion (width tables differ, a skin tone may count as a second emoji, a forced
            // width is the application's word): like ratatui, place the next symbol afresh.
            at = match cell.diff_option {
                CellDiffOption::None | CellDiffOption::AlwaysUpdate if width == 1 => {
                    Some((x + 1, y))
                }
                _ => None,
            };
            x = next;
        }
    }
    if pen != Pen::DEFAULT {
        bytes.extend_from_slice(b"\x1b[0m");
    }
    if let Some(Position { x, y }) = cursor {
        write!(bytes, "\x1b[{};{}H\x1b[?25h", y + 1, x + 1)?;
    }
    out.write_all(&bytes)
}

/// Whether a cell holding a space shows nothing on a blank screen: it is on the terminal's own
/// background, with nothing that would draw on it.
fn looks_blank(cell: &Cell) -> bool {
    cell.bg == Color::Reset && !cell.modifier.intersects(SHOWS_ON_BLANK)
}

/// The cells `cell` covers. Most are one printable ASCII byte, for which looking the symbol
/// up in Unicode's width tables would cost most of writing the frame.
fn width_of(cell: &Cell, symbol: &str) -> u16 {
    match symbol.as_bytes() {
        byte @ [_] if crate::text::is_printable_ascii(byte) => {
            if cell.diff_option == CellDiffOption::None {
                1
            } else {
                cell.cell_width()
            }
        }
        _ => cell.cell_width(),
    }
}

/// A cell left to something else to draw, as ratatui's diff leaves it.
fn skipped(cell: &Cell) -> bool {
    #[allow(deprecated)]
    let old_skip = cell.skip && cell.diff_option == CellDiffOption::None;
    cell.diff_option == CellDiffOption::Skip || old_skip
}

/// One SGR sequence from `from` to `to`. Taking a modifier away starts again from a reset,
/// which is shorter than the several ways each one is undone.
fn set_pen(bytes: &mut Vec<u8>, from: Pen, to: Pen) {
    let start = bytes.len();
    bytes.extend_from_slice(b"\x1b[");
    let from = if from.modifier.difference(to.modifier).is_empty() {
        from
    } else {
        bytes.extend_from_slice(b"0;");
        Pen::DEFAULT
    };
    for (modifier, code) in [
        (Modifier::BOLD, b'1'),
        (Modifier::DIM, b'2'),
        (Modifier::ITALIC, b'3'),
        (Modifier::UNDERLINED, b'4'),
        (Modifier::SLOW_BLINK, b'5'),
        (Modifier::RAPID_BLINK, b'6'),
        (Modifier::REVERSED, b'7'),
        (Modifier::HIDDEN, b'8'),
        (Modifier::CROSSED_OUT, b'9'),
    ] {
        if to.modifier.contains(modifier) && !from.modifier.contains(modifier) {
            bytes.extend_from_slice(&[code, b';']);
        }
    }
    for (was, is, introducer) in [
        (from.fg, to.fg, 38),
        (from.bg, to.bg, 48),
        (from.underline, to.underline, 58),
    ] {
        if was != is {
            colour(bytes, is, introducer);
            bytes.push(b';');
        }
    }
    match bytes.last() {
        Some(b';') => {
            let last = bytes.len() - 1;
            bytes[last] = b'm';
        }
        // Nothing changed after all.
        _ => bytes.truncate(start),
    }
}

/// A colour's SGR parameters, as crossterm writes them. `introducer` (38, 48 or 58) starts a
/// 256-colour or RGB colour; one more than it resets to the default.
fn colour(bytes: &mut Vec<u8>, colour: Color, introducer: u8) {
    let index = match colour {
        Color::Reset => return number(bytes, introducer + 1),
        Color::Rgb(r, g, b) => {
            number(bytes, introducer);
            bytes.extend_from_slice(b";2");
            for n in [r, g, b] {
                bytes.push(b';');
                number(bytes, n);
            }
            return;
        }
        Color::Indexed(i) => i,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
    };
    number(bytes, introducer);
    bytes.extend_from_slice(b";5;");
    number(bytes, index);
}

fn number(bytes: &mut Vec<u8>, n: u8) {
    if n >= 100 {
        bytes.push(b'0' + n / 100);
    }
    if n >= 10 {
        bytes.push(b'0' + n / 10 % 10);
    }
    bytes.push(b'0' + n % 10);
}
