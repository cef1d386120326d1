//! The backend that draws disputed graphemes so that no stale cell survives them (#14).

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Size};

use super::disputed_width;

/// Wraps a backend. A cell marked disputed is written over blanks of its whole width, and the
/// cursor is placed afresh after it (the blanks end past it, so the next cell is not "just
/// after" the last one written). A cell written inside a disputed grapheme's cells of an
/// earlier frame blanks them first: the terminal may have drawn that grapheme in more cells
/// than the one being replaced, and ratatui's diff would leave the others as they were.
pub struct Settled<B> {
    inner: B,
    /// Per row, the disputed graphemes on screen: first column and width.
    on_screen: Vec<Vec<(u16, u16)>>,
}

impl<B> Settled<B> {
    pub fn new(inner: B) -> Self {
        Settled {
            inner,
            on_screen: Vec::new(),
        }
    }

    /// Takes `frame` to be on the screen already, written by something else (the first frame).
    pub fn adopt(&mut self, frame: &Buffer) {
        self.on_screen.clear();
        for (i, cell) in frame.content.iter().enumerate() {
            if let Some(width) = disputed_width(cell) {
                let (x, y) = frame.pos_of(i);
                self.remember(x, y, width);
            }
        }
    }

    fn remember(&mut self, x: u16, y: u16, width: u16) {
        let y = usize::from(y);
        if self.on_screen.len() <= y {
            self.on_screen.resize_with(y + 1, Vec::new);
        }
        self.on_screen[y].push((x, width));
    }

    /// Forgets the disputed grapheme on screen whose cells hold `x`, `y`, if any.
    fn forget_covering(&mut self, x: u16, y: u16) -> Option<(u16, u16)> {
        let row = self.on_screen.get_mut(usize::from(y))?;
        let at = row
            .iter()
            .position(|&(start, w)| (start..start + w).contains(&x))?;
        Some(row.swap_remove(at))
    }
}

impl<B: Backend> Backend for Settled<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        if self.on_screen.iter().all(Vec::is_empty) {
            // The common case: nothing disputed on screen; only look at what is written.
            let content: Vec<_> = content.collect();
            if content.iter().all(|(_, _, c)| disputed_width(c).is_none()) {
                return self.inner.draw(content.into_iter());
            }
            return self.draw_settled(content);
        }
        self.draw_settled(content.collect())
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.on_screen.clear();
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        if clear_type == ClearType::All {
            self.on_screen.clear();
        } else {
            // A partial clear leaves some of them; blanking one twice costs nothing, missing
            // one leaves debris, so none is forgotten.
        }
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

impl<B: Backend> Settled<B> {
    fn draw_settled(&mut self, content: Vec<(u16, u16, &Cell)>) -> Result<(), B::Error> {
        let blank = Cell::EMPTY;
        // A disputed cell's blanks take its colours, so that a selected row stays one colour.
        let styled_blanks: Vec<Cell> = content
            .iter()
            .filter(|(_, _, c)| disputed_width(c).is_some())
            .map(|(_, _, c)| {
                let mut b = Cell::EMPTY;
                b.set_style(c.style());
                b
            })
            .collect();
        let mut styled = styled_blanks.iter();
        let mut writes: Vec<(u16, u16, &Cell)> = Vec::with_capacity(content.len() * 2);
        for (x, y, cell) in content {
            if let Some((start, width)) = self.forget_covering(x, y) {
                writes.extend((start..start + width).map(|bx| (bx, y, &blank)));
            }
            if let Some(width) = disputed_width(cell) {
                let b = styled.next().unwrap_or(&blank);
                writes.extend((x..x + width).map(|bx| (bx, y, b)));
                self.remember(x, y, width);
            }
            writes.push((x, y, cell));
        }
        self.inner.draw(writes.into_iter())
    }
}

/// Writes that are not cells (a clipboard sequence, the modes taken back after a stop) go
/// straight through.
impl<B: std::io::Write> std::io::Write for Settled<B> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.inner.write(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
