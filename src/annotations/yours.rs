//! A reading laid over an open debate: each insight shows your stance and note where you set
//! them and the file's elsewhere, and every change can be undone and redone for as long as the
//! reader runs (#13). The debate's insights carry what is shown, so that filters, counts,
//! search and printing need to know nothing of whose it is.

use std::collections::BTreeMap;

use super::{Annotations, Mark, Place, fingerprints, unmatched};
use crate::debate::{Debate, Insight, Stance};
use crate::filter::StanceFilter;

/// What introduces your note where it follows the file's reason.
pub const YOUR_NOTE: &str = "Your note: ";

/// One change to one insight: what undo puts back, and what redo puts back again.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Change {
    index: usize,
    before: Mark,
    after: Mark,
}

#[derive(Debug, Clone, Default)]
pub struct Yours {
    annotations: Annotations,
    /// Each insight's fingerprint; worked out when first wanted, since hashing every text of
    /// a large debate would slow every launch for a reading that is mostly empty.
    keys: Vec<String>,
    /// The stance and note the file gives each insight that shows yours instead.
    file: BTreeMap<usize, (Stance, Option<String>)>,
    undo: Vec<Change>,
    redo: Vec<Change>,
    unmatched: usize,
}

impl Yours {
    /// `annotations` laid over `debate`.
    pub fn new(debate: &mut Debate, annotations: Annotations) -> Yours {
        let mut yours = Yours {
            annotations,
            ..Yours::default()
        };
        if yours.annotations.is_worth_keeping() {
            yours.keys = fingerprints(debate);
            yours.unmatched = unmatched(&yours.annotations, &yours.keys);
            for index in 0..debate.insights.len() {
                if yours.is_marked(index) {
                    yours.show(&mut debate.insights, index);
                }
            }
        }
        yours
    }

    fn ensure_keys(&mut self, insights: &[Insight]) {
        if self.keys.len() != insights.len() {
            self.keys = super::fingerprints_of(insights);
        }
    }

    pub fn annotations(&self) -> &Annotations {
        &self.annotations
    }

    pub fn annotations_mut(&mut self) -> &mut Annotations {
        &mut self.annotations
    }

    /// What you set on insight `index`.
    pub fn mark(&self, index: usize) -> Mark {
        self.keys
            .get(index)
            .map_or((None, None), |k| self.annotations.mark(k))
    }

    /// Whether insight `index` carries a stance or note of yours.
    pub fn is_marked(&self, index: usize) -> bool {
        let (stance, note) = self.mark(index);
        stance.is_some() || note.is_some()
    }

    /// The stance the file gives `insight`, number `index`.
    pub fn file_stance(&self, index: usize, insight: &Insight) -> Stance {
        self.file.get(&index).map_or(insight.stance, |f| f.0)
    }

    /// The note the file gives `insight`, number `index`.
    pub fn file_note<'a>(&'a self, index: usize, insight: &'a Insight) -> Option<&'a str> {
        match self.file.get(&index) {
            Some(f) => f.1.as_deref(),
            None => insight.note.as_deref(),
        }
    }

    /// Entries of the reading that match no insight of the debate.
    pub fn unmatched(&self) -> usize {
        self.unmatched
    }

    /// Sets your stance and note of insight `index`; `false` if that is what they were.
    pub fn set(&mut self, insights: &mut [Insight], index: usize, mark: Mark) -> bool {
        self.ensure_keys(insights);
        let before = self.mark(index);
        if before == mark || index >= self.keys.len() {
            return false;
        }
        self.put(insights, index, mark.clone());
        self.undo.push(Change {
            index,
            before,
            after: mark,
        });
        self.redo.clear();
        true
    }

    /// Takes back the last change; the insight it was on.
    pub fn undo(&mut self, insights: &mut [Insight]) -> Option<usize> {
        self.step(insights, true)
    }

    /// Makes the last change undone again; the insight it was on.
    pub fn redo(&mut self, insights: &mut [Insight]) -> Option<usize> {
        self.step(insights, false)
    }

    /// Moves one change from the undo history to the redo history (`back`), or the other
    /// way, putting back what the insight was before it, or after it.
    fn step(&mut self, insights: &mut [Insight], back: bool) -> Option<usize> {
        let change = if back {
            self.undo.pop()
        } else {
            self.redo.pop()
        }?;
        let mark = if back { &change.before } else { &change.after };
        self.put(insights, change.index, mark.clone());
        let index = change.index;
        if back {
            self.redo.push(change);
        } else {
            self.undo.push(change);
        }
        Some(index)
    }

    /// Shows again the insights whose entries a save brought in from the file (another
    /// process's changes). Undo history about them no longer says what they were.
    pub fn adopted(&mut self, insights: &mut [Insight], keys: &[String]) {
        self.ensure_keys(insights);
        for key in keys {
            if let Some(index) = self.keys.iter().position(|k| k == key) {
                self.show(insights, index);
                self.undo.retain(|c| c.index != index);
                self.redo.retain(|c| c.index != index);
            }
        }
        self.unmatched = unmatched(&self.annotations, &self.keys);
    }

    /// Records where the reader is, for the next save.
    pub fn set_place(
        &mut self,
        insights: &[Insight],
        selected: Option<usize>,
        filter: StanceFilter,
    ) {
        if selected.is_some() {
            self.ensure_keys(insights);
        }
        let selected = selected.and_then(|i| self.keys.get(i).cloned());
        self.annotations.set_place(Place { selected, filter });
    }

    /// The insight and filter the reading remembers.
    pub fn place(&self) -> (Option<usize>, StanceFilter) {
        let place = &self.annotations.place;
        let index = place
            .selected
            .as_ref()
            .and_then(|key| self.keys.iter().position(|k| k == key));
        (index, place.filter)
    }

    fn put(&mut self, insights: &mut [Insight], index: usize, mark: Mark) {
        let text = insights.get(index).map_or("", |i| i.text.as_str());
        self.annotations.set(&self.keys[index], text, mark);
        self.show(insights, index);
    }

    /// Puts on insight `index` what is to be shown: your stance and note, else the file's.
    fn show(&mut self, insights: &mut [Insight], index: usize) {
        let (stance, note) = self.mark(index);
        let Some(insight) = insights.get_mut(index) else {
            return;
        };
        let (file_stance, file_note) = self
            .file
            .entry(index)
            .or_insert_with(|| (insight.stance, insight.note.clone()))
            .clone();
        insight.stance = stance.unwrap_or(file_stance);
        // Your note goes after the file's reason, never over it: both are shown, searched,
        // printed and exported.
        insight.note = match (file_note, note) {
            (file, None) => file,
            (None, Some(yours)) => Some(yours),
            // A debate exported with this reading carries the note already (#13: an export
            // opened beside its reading must not grow the note twice).
            (Some(file), Some(yours))
                if file == yours || file.ends_with(&format!("{YOUR_NOTE}{yours}")) =>
            {
                Some(file)
            }
            (Some(file), Some(yours)) => Some(format!("{file}\n\n{YOUR_NOTE}{yours}")),
        };
    }

    /// Whether insight `index`'s note is yours alone (the file gives it none), so that the
    /// whole of it is introduced as yours.
    pub fn note_is_yours_alone(&self, index: usize, insight: &Insight) -> bool {
        self.mark(index).1.is_some() && self.file_note(index, insight).is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn debate() -> Debate {
        Debate {
            title: "T".into(),
            source: None,
            thesis: "Th".into(),
            insights: ["One.", "Two.", "Three."]
                .iter()
                .map(|t| Insight {
                    text: (*t).into(),
                    stance: Stance::Agrees,
                    note: Some("file's".into()),
                    ..Insight::default()
                })
                .collect(),
        }
    }

    #[test]
    fn undo_and_redo_walk_the_changes_both_ways() {
        let mut d = debate();
        let empty = Annotations::of(&d);
        let mut y = Yours::new(&mut d, empty);
        assert!(y.set(&mut d.insights, 1, (Some(Stance::Conflicts), None)));
        assert!(y.set(
            &mut d.insights,
            1,
            (Some(Stance::Mixed), Some("mine".into()))
        ));
        assert!(!y.set(
            &mut d.insights,
            1,
            (Some(Stance::Mixed), Some("mine".into()))
        ));
        assert_eq!(d.insights[1].stance, Stance::Mixed);
        assert_eq!(
            d.insights[1].note.as_deref(),
            Some("file's\n\nYour note: mine"),
            "the file's reason stays, and yours follows it"
        );
        assert_eq!(y.undo(&mut d.insights), Some(1));
        assert_eq!(d.insights[1].stance, Stance::Conflicts);
        assert_eq!(
            d.insights[1].note.as_deref(),
            Some("file's"),
            "the file's shows again"
        );
        assert_eq!(y.undo(&mut d.insights), Some(1));
        assert_eq!(d.insights[1].stance, Stance::Agrees);
        assert!(!y.is_marked(1));
        assert_eq!(y.undo(&mut d.insights), None);
        assert_eq!(y.redo(&mut d.insights), Some(1));
        assert_eq!(y.redo(&mut d.insights), Some(1));
        assert_eq!(d.insights[1].stance, Stance::Mixed);
        assert_eq!(y.redo(&mut d.insights), None);
        // A new change drops what could be redone.
        y.undo(&mut d.insights);
        y.set(&mut d.insights, 0, (Some(Stance::Unrated), None));
        assert_eq!(y.redo(&mut d.insights), None);
        assert_eq!(y.file_stance(0, &d.insights[0]), Stance::Agrees);
    }

    #[test]
    fn a_reading_follows_its_insights_when_they_move() {
        let mut d = debate();
        let empty = Annotations::of(&d);
        let mut y = Yours::new(&mut d, empty);
        y.set(
            &mut d.insights,
            2,
            (Some(Stance::Conflicts), Some("n".into())),
        );
        y.set_place(&d.insights, Some(2), StanceFilter::Only(Stance::Conflicts));
        let saved = y.annotations().clone();
        let mut moved = debate();
        moved.insights.rotate_left(2);
        moved.insights.remove(1);
        let y = Yours::new(&mut moved, saved);
        assert_eq!(moved.insights[0].text, "Three.");
        assert_eq!(moved.insights[0].stance, Stance::Conflicts);
        assert_eq!(y.place(), (Some(0), StanceFilter::Only(Stance::Conflicts)));
        assert_eq!(y.unmatched(), 0);
    }
}
