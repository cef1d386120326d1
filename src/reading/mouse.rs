//! What a click or a wheel notch means where it lands.

use ratatui::layout::{Position, Rect};

use super::{Pane, Reading, Scroll};
use crate::layout;

/// Lines a wheel notch scrolls a text pane; the list moves one insight a notch.
pub(crate) const WHEEL_LINES: isize = 3;

impl Reading {
    /// The pane under the pointer.
    fn pane_at(&self, column: u16, row: u16) -> Option<(Pane, Rect)> {
        let panes = self.panes()?;
        let at = Position::new(column, row);
        [
            (Pane::Thesis, panes.thesis),
            (Pane::List, panes.list),
            (Pane::Detail, panes.detail),
        ]
        .into_iter()
        .find(|(_, area)| area.contains(at))
    }

    /// A click focuses the pane under it; on a list row it also selects that insight.
    pub(super) fn click(&mut self, column: u16, row: u16) {
        let Some((pane, area)) = self.pane_at(column, row) else {
            return;
        };
        self.focus = pane;
        let inner = layout::inner(area);
        if pane == Pane::List && inner.contains(Position::new(column, row)) {
            let row_lines = self.list_row_lines().max(1);
            let row = (row - inner.y) / row_lines;
            let position = self.list_offset + usize::from(row);
            // The lines below the last whole row belong to no row.
            if row < inner.height / row_lines && position < self.visible.len() {
                self.select(Some(position));
            }
        }
    }

    /// The wheel scrolls the pane under the pointer without moving the focus.
    pub(super) fn wheel(&mut self, column: u16, row: u16, down: bool) {
        let sign = if down { 1 } else { -1 };
        match self.pane_at(column, row) {
            Some((Pane::List, _)) => self.scroll_pane(Pane::List, Scroll::By(sign)),
            Some((pane, _)) => self.scroll_pane(pane, Scroll::By(sign * WHEEL_LINES)),
            None => {}
        }
    }
}
