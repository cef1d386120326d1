//! The debates a reader opened: the files named on the command line and every debate found in
//! the folders named (#11). A debate that is not being read is held as its picker row (a
//! [`Summary`]), never as parsed text, so memory follows what is open, not the folder.

mod scan;

use std::path::PathBuf;

use crate::debate::{Debate, FileError, Stance};

pub use scan::{Found, find, load, read_found, read_in_background, read_summary};

/// Where a debate comes from, so that it can be read again when it is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The debate compiled into the binary.
    Builtin,
    /// Standard input: read once, so its debate is kept open.
    StandardInput,
    File(PathBuf),
    /// One of the debates of a file that holds several (a Kialo discussion with several
    /// theses, an Argdown map with several roots, #12), counting from 0.
    Part(PathBuf, usize),
}

impl Origin {
    /// How the debate is named where its title is not known (yet): the file's name.
    pub fn name(&self) -> String {
        match self {
            Origin::Builtin => crate::debate::BUILTIN_NAME.to_string(),
            Origin::StandardInput => crate::stdin::NAME.to_string(),
            Origin::File(path) => crate::text::sanitize(&path.display().to_string()),
            Origin::Part(path, part) => {
                crate::text::sanitize(&format!("{} (debate {})", path.display(), part + 1))
            }
        }
    }
}

/// What the picker shows of a debate: enough to choose it by, nothing of its insights' text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub title: String,
    pub source: Option<String>,
    pub thesis: String,
    /// Insights of each stance, by [`Stance::index`].
    pub counts: [usize; 4],
}

/// The thesis as far as the picker's filter looks into it: the first words are what a reader
/// remembers, and a whole essay would make every keystroke slow.
const THESIS_MATCHED: usize = 400;

impl Summary {
    pub fn of(debate: &Debate) -> Summary {
        let thesis = match debate.thesis.char_indices().nth(THESIS_MATCHED) {
            Some((end, _)) => debate.thesis[..end].to_string(),
            None => debate.thesis.clone(),
        };
        Summary {
            title: debate.title.clone(),
            source: debate.source.clone(),
            thesis,
            counts: debate.stance_counts(),
        }
    }

    pub fn insights(&self) -> usize {
        self.counts.iter().sum()
    }

    /// How evenly the debate is argued, from 0 (one-sided, or unrated) up: the smaller of the
    /// two sides, with half of what is mixed, as a share of all insights.
    pub fn contest(&self) -> f64 {
        let [agrees, conflicts, mixed, _] = self.counts;
        let total = self.insights().max(1) as f64;
        (agrees.min(conflicts) as f64 + mixed as f64 / 2.0) / total
    }

    pub fn count(&self, stance: Stance) -> usize {
        self.counts[stance.index()]
    }
}

/// How much is known of a debate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Found in a folder, not read yet: reading goes on in the background.
    Unread,
    Read(Summary),
    /// Meant as a debate, but it cannot be read: shown in the picker with why.
    Broken(FileError),
    /// Found in a folder and not a debate at all (a README, a binary file): not listed.
    NotADebate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub origin: Origin,
    pub state: State,
}

impl Entry {
    /// The title when it is known, else the file's name.
    pub fn title(&self) -> String {
        match &self.state {
            State::Read(summary) => summary.title.clone(),
            _ => self.origin.name(),
        }
    }

    pub fn summary(&self) -> Option<&Summary> {
        match &self.state {
            State::Read(summary) => Some(summary),
            _ => None,
        }
    }

    /// Whether the picker lists it.
    pub fn is_listed(&self) -> bool {
        self.state != State::NotADebate
    }
}

/// Every debate opened, in the order named (a folder's files by path).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Library {
    entries: Vec<Entry>,
}

impl Library {
    pub fn new(entries: Vec<Entry>) -> Library {
        Library { entries }
    }

    /// One debate, already read.
    pub fn single(origin: Origin, debate: &Debate) -> Library {
        Library::new(vec![Entry {
            origin,
            state: State::Read(Summary::of(debate)),
        }])
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn get(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// One more debate: another of a file that holds several. Returns its index.
    pub fn push(&mut self, entry: Entry) -> usize {
        self.entries.push(entry);
        self.entries.len() - 1
    }

    pub fn set_origin(&mut self, index: usize, origin: Origin) {
        if let Some(entry) = self.entries.get_mut(index) {
            entry.origin = origin;
        }
    }

    pub fn set_state(&mut self, index: usize, state: State) {
        if let Some(entry) = self.entries.get_mut(index) {
            entry.state = state;
        }
    }

    /// The entries the picker lists, in order.
    pub fn listed(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.entries.len()).filter(|&i| self.entries[i].is_listed())
    }

    /// How many files are still being read.
    pub fn unread(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| e.state == State::Unread)
            .count()
    }
}
