//! Your reading of a debate (#13): the stances you gave and the notes you wrote, kept apart
//! from the debate, whose file is never written. (The code says *annotations*, since
//! [`crate::reading`] already names the view of a debate; people and files say *reading*.)
//!
//! A reading finds its debate by the debate's identity (title and thesis) and each insight by
//! a fingerprint of its cleaned text, so that it survives reordering and edits to other
//! insights, and works the same for every format. An entry that matches no insight any more is
//! kept, never dropped. No I/O here: [`store`] reads and writes the files.

pub mod store;
pub mod yours;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::debate::{Debate, Stance};
use crate::filter::StanceFilter;

/// What you set on one insight. An entry with neither is a stance or note you dropped: it is
/// kept, so that merging with another process knows the drop is the later change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The start of the insight's text, for a person reading the file.
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<Stance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When it was saved, in milliseconds since 1970: the later of two changes wins a merge.
    #[serde(default)]
    pub changed: u64,
}

impl Entry {
    pub fn is_set(&self) -> bool {
        self.stance.is_some() || self.note.is_some()
    }
}

/// Where the reader was in the debate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// The selected insight's fingerprint.
    pub selected: Option<String>,
    pub filter: StanceFilter,
}

/// Your reading of one debate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotations {
    pub title: String,
    pub thesis: String,
    /// By fingerprint.
    pub entries: BTreeMap<String, Entry>,
    pub place: Place,
    /// Fingerprints changed since the last save.
    dirty: BTreeSet<String>,
    /// Fingerprints changed since the clock was last read for them (see [`Annotations::stamp`]).
    unstamped: BTreeSet<String>,
    place_dirty: bool,
}

/// The stance and note of one insight as you set them: what undo puts back.
pub type Mark = (Option<Stance>, Option<String>);

impl Annotations {
    /// An empty reading of `debate`.
    pub fn of(debate: &Debate) -> Annotations {
        Annotations {
            title: debate.title.clone(),
            thesis: debate.thesis.clone(),
            ..Annotations::default()
        }
    }

    pub fn mark(&self, key: &str) -> Mark {
        self.entries
            .get(key)
            .map_or((None, None), |e| (e.stance, e.note.clone()))
    }

    /// Sets what you say of the insight with fingerprint `key` (whose text starts `text`).
    pub fn set(&mut self, key: &str, text: &str, mark: Mark) {
        let entry = self.entries.entry(key.to_string()).or_default();
        if entry.text.is_empty() {
            entry.text = excerpt(text);
        }
        (entry.stance, entry.note) = mark;
        self.dirty.insert(key.to_string());
        self.unstamped.insert(key.to_string());
    }

    pub fn set_place(&mut self, place: Place) {
        if place != self.place {
            self.place = place;
            self.place_dirty = true;
        }
    }

    /// Whether anything changed since the last save.
    pub fn is_dirty(&self) -> bool {
        self.has_changes() || self.place_dirty
    }

    /// Whether a stance or note changed since the last save: what a save is due for. Where
    /// the reader is goes along with it, and is saved on the way out.
    pub fn has_changes(&self) -> bool {
        !self.dirty.is_empty()
    }

    /// Whether there is anything worth a file: a stance or note, or a place other than the
    /// start. Opening a debate and leaving it writes nothing.
    pub fn is_worth_keeping(&self) -> bool {
        !self.entries.is_empty() || self.place != Place::default()
    }

    /// Dates the changes made since it was last called `now` (milliseconds since 1970). The
    /// event loop calls it as soon as it has handled a key, so that a merge compares when
    /// changes were made, not when they were saved. [`App::update`](crate::app::App::update)
    /// stays without a clock.
    pub fn stamp(&mut self, now: u64) {
        for key in std::mem::take(&mut self.unstamped) {
            if let Some(entry) = self.entries.get_mut(&key) {
                entry.changed = now;
            }
        }
    }

    /// This reading merged with `disk`, what another process (or an earlier run) saved: for
    /// each insight the later change wins, and what only one side has is kept. Changes not
    /// dated yet are dated `now`. Returns the fingerprints whose entries came from `disk`.
    pub fn merge_with(&mut self, disk: Option<Annotations>, now: u64) -> Vec<String> {
        self.stamp(now);
        let mut adopted = Vec::new();
        if let Some(disk) = disk {
            for (key, theirs) in disk.entries {
                let ours = self.entries.get(&key);
                let take = match ours {
                    None => true,
                    // Ours, saved or not, unless theirs was made later.
                    Some(ours) => theirs.changed > ours.changed,
                };
                if take && ours != Some(&theirs) {
                    self.entries.insert(key.clone(), theirs);
                    adopted.push(key);
                }
            }
            if !self.place_dirty {
                self.place = disk.place;
            }
        }
        adopted
    }

    /// Everything is saved as it stands.
    pub fn saved(&mut self) {
        self.dirty.clear();
        self.place_dirty = false;
    }

    /// The reading as its file holds it: readable TOML, entries in fingerprint order.
    pub fn to_toml(&self) -> String {
        #[derive(Serialize)]
        struct PlaceFile<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            selected: Option<&'a str>,
            filter: &'a str,
        }
        #[derive(Serialize)]
        struct EntryFile<'a> {
            fingerprint: &'a str,
            #[serde(flatten)]
            entry: &'a Entry,
        }
        #[derive(Serialize)]
        struct File<'a> {
            title: &'a str,
            thesis: &'a str,
            place: PlaceFile<'a>,
            insight: Vec<EntryFile<'a>>,
        }
        let file = File {
            title: &self.title,
            thesis: &self.thesis,
            place: PlaceFile {
                selected: self.place.selected.as_deref(),
                filter: filter_name(self.place.filter),
            },
            insight: self
                .entries
                .iter()
                .map(|(fingerprint, entry)| EntryFile { fingerprint, entry })
                .collect(),
        };
        let body = toml::to_string(&file).unwrap_or_default();
        format!("{HEADER}{body}")
    }

    /// A reading from its file's text; the error says where and what.
    pub fn from_toml(text: &str) -> Result<Annotations, (Option<usize>, String)> {
        #[derive(Deserialize)]
        #[serde(
            deny_unknown_fields,
            expecting = "a [place] table: selected and filter"
        )]
        struct PlaceFile {
            selected: Option<String>,
            #[serde(default)]
            filter: Option<String>,
        }
        #[derive(Deserialize)]
        #[serde(
            deny_unknown_fields,
            expecting = "an [[insight]] table: fingerprint, text, stance, note and changed"
        )]
        struct EntryFile {
            fingerprint: String,
            #[serde(default)]
            text: String,
            stance: Option<Stance>,
            note: Option<String>,
            #[serde(default)]
            changed: u64,
        }
        #[derive(Deserialize)]
        #[serde(
            deny_unknown_fields,
            expecting = "a reading: a title, a thesis, a [place] table and [[insight]] tables"
        )]
        struct File {
            title: String,
            thesis: String,
            place: Option<PlaceFile>,
            #[serde(default)]
            insight: Vec<EntryFile>,
        }
        let file: File = toml::from_str(text)
            .map_err(|e| (e.span().map(|s| s.start), e.message().trim().to_string()))?;
        let (selected, filter) = match file.place {
            Some(p) => {
                let filter = match p.filter.as_deref() {
                    None => StanceFilter::All,
                    Some(name) => filter_named(name).ok_or_else(|| {
                        let at = text.find(&format!("\"{name}\""));
                        (
                            at,
                            format!(
                                "unknown filter \"{name}\": expected all, agrees, conflicts, mixed or unrated"
                            ),
                        )
                    })?,
                };
                (p.selected, filter)
            }
            None => (None, StanceFilter::All),
        };
        let entries = file
            .insight
            .into_iter()
            .map(|e| {
                (
                    e.fingerprint,
                    Entry {
                        text: e.text,
                        stance: e.stance,
                        note: e.note,
                        changed: e.changed,
                    },
                )
            })
            .collect();
        Ok(Annotations {
            title: file.title,
            thesis: file.thesis,
            entries,
            place: Place { selected, filter },
            ..Annotations::default()
        })
    }
}

const HEADER: &str = "\
# Your reading of a debate, kept by stance: the stances you gave and the notes you wrote.
# Each insight is found by a fingerprint of its text; `text` is only there to recognise it.
# An insight with neither stance nor note is one whose stance or note you dropped.

";

pub fn filter_name(filter: StanceFilter) -> &'static str {
    match filter {
        StanceFilter::All => "all",
        StanceFilter::Only(stance) => stance.name(),
    }
}

fn filter_named(name: &str) -> Option<StanceFilter> {
    if name == "all" {
        return Some(StanceFilter::All);
    }
    Stance::ALL
        .into_iter()
        .find(|s| s.name() == name)
        .map(StanceFilter::Only)
}

/// The start of `text`, on one line, for a person reading the file.
fn excerpt(text: &str) -> String {
    const CHARS: usize = 60;
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(CHARS) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line,
    }
}

/// FNV-1a, 64 bits: stable across versions and machines, which the standard library's
/// hasher does not promise, and a file name's worth of text.
pub(crate) fn fnv(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hash = (hash ^ 0x1f).wrapping_mul(0x0100_0000_01b3);
        }
        for word in part.split_whitespace() {
            for &b in word.as_bytes() {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
            hash = (hash ^ u64::from(b' ')).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// Each insight's fingerprint: its cleaned text with runs of white space as one, hashed; a
/// second insight with the same text (a Kialo link places a claim twice) gets `-2`, and so on.
pub fn fingerprints(debate: &Debate) -> Vec<String> {
    fingerprints_of(&debate.insights)
}

/// [`fingerprints`] of a debate's insights.
pub fn fingerprints_of(insights: &[crate::debate::Insight]) -> Vec<String> {
    let mut seen: BTreeMap<u64, usize> = BTreeMap::new();
    insights
        .iter()
        .map(|insight| {
            let hash = fnv(&[&insight.text]);
            let n = seen.entry(hash).or_insert(0);
            *n += 1;
            if *n == 1 {
                format!("{hash:016x}")
            } else {
                format!("{hash:016x}-{n}")
            }
        })
        .collect()
}

/// The file name of the reading of the debate titled `title` about `thesis`: a readable
/// start and the identity's fingerprint.
pub fn file_name(title: &str, thesis: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let hash = fnv(&[title, thesis]);
    if slug.is_empty() {
        format!("{hash:016x}.toml")
    } else {
        format!("{slug}-{hash:016x}.toml")
    }
}

/// How many entries with a stance or note match no insight of the debate.
pub fn unmatched(annotations: &Annotations, keys: &[String]) -> usize {
    let known: BTreeSet<&str> = keys.iter().map(String::as_str).collect();
    annotations
        .entries
        .iter()
        .filter(|(key, entry)| entry.is_set() && !known.contains(key.as_str()))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::debate::Insight;

    fn debate(texts: &[&str]) -> Debate {
        Debate {
            title: "T".into(),
            source: None,
            thesis: "Th".into(),
            insights: texts
                .iter()
                .map(|t| Insight {
                    text: (*t).into(),
                    ..Insight::default()
                })
                .collect(),
        }
    }

    #[test]
    fn fingerprints_follow_the_text_not_the_place() {
        let a = fingerprints(&debate(&["One.", "Two  words.", "Three."]));
        let b = fingerprints(&debate(&["Three.", "One.", "Two\nwords."]));
        assert_eq!(a[0], b[1], "reordered");
        assert_eq!(a[1], b[2], "white space does not count");
        let edited = fingerprints(&debate(&["One!", "Two words.", "Three."]));
        assert_ne!(a[0], edited[0], "an edited insight is another insight");
        assert_eq!(a[2], edited[2], "the others keep theirs");
        let twice = fingerprints(&debate(&["Same.", "Same."]));
        assert_ne!(twice[0], twice[1]);
        assert!(twice[1].ends_with("-2"));
    }

    #[test]
    fn an_entry_that_matches_nothing_is_counted_and_kept() {
        let d = debate(&["One.", "Two."]);
        let keys = fingerprints(&d);
        let mut a = Annotations::of(&d);
        a.set(&keys[0], "One.", (Some(Stance::Agrees), None));
        a.set("0123456789abcdef", "Gone.", (Some(Stance::Mixed), None));
        a.set("fedcba9876543210", "Dropped.", (None, None));
        assert_eq!(unmatched(&a, &keys), 1, "a dropped entry is not counted");
        let back = Annotations::from_toml(&a.to_toml()).expect("reads back");
        assert_eq!(back.entries, a.entries, "nothing is dropped on the way");
    }

    #[test]
    fn the_file_reads_back_and_says_where_it_is_broken() {
        let d = debate(&["One \"quoted\"\nline."]);
        let keys = fingerprints(&d);
        let mut a = Annotations::of(&d);
        a.set(
            &keys[0],
            &d.insights[0].text,
            (Some(Stance::Conflicts), Some("Why: \"x\"\n2nd line".into())),
        );
        a.set_place(Place {
            selected: Some(keys[0].clone()),
            filter: StanceFilter::Only(Stance::Unrated),
        });
        let text = a.to_toml();
        let back = Annotations::from_toml(&text).expect("reads back");
        assert_eq!(
            (back.entries, back.place),
            (a.entries.clone(), a.place.clone())
        );
        let (at, message) = Annotations::from_toml("title = \"x\"\nthesis = 3\n").unwrap_err();
        assert_eq!(at, Some(21), "{message}");
        let (_, message) = Annotations::from_toml("thesis = \"x\"\n").unwrap_err();
        assert!(message.contains("title"), "{message}");
    }

    #[test]
    fn merging_keeps_the_later_change_of_each_insight() {
        let mut disk = Annotations::default();
        disk.set("a", "A", (Some(Stance::Agrees), None));
        disk.set("b", "B", (Some(Stance::Agrees), None));
        disk.merge_with(None, 100);
        disk.saved();
        // This process loaded at 100, then changed `a`; the other changed `b` at 200.
        let mut ours = disk.clone();
        let mut theirs = disk.clone();
        ours.set("a", "A", (Some(Stance::Conflicts), None));
        theirs.set("b", "B", (None, Some("later".into())));
        theirs.set("c", "C", (Some(Stance::Mixed), None));
        theirs.merge_with(None, 200);
        theirs.saved();
        let adopted = ours.merge_with(Some(theirs), 300);
        assert_eq!(adopted, ["b", "c"]);
        assert_eq!(ours.mark("a"), (Some(Stance::Conflicts), None));
        assert_eq!(ours.mark("b"), (None, Some("later".into())));
        assert_eq!(ours.mark("c"), (Some(Stance::Mixed), None));
        assert_eq!(ours.entries["a"].changed, 300);
        // Dated when made, not when saved: a change saved later but made earlier loses.
        let mut early = Annotations::default();
        early.set("x", "X", (Some(Stance::Agrees), None));
        early.stamp(400);
        let mut late = Annotations::default();
        late.set("x", "X", (Some(Stance::Conflicts), None));
        late.stamp(500);
        late.merge_with(None, 600);
        late.saved();
        early.merge_with(Some(late), 700);
        assert_eq!(early.mark("x").0, Some(Stance::Conflicts));
    }

    #[test]
    fn file_names_are_readable_and_tell_debates_apart() {
        let a = file_name("Export controls: did they work?", "Yes.");
        assert!(a.starts_with("export-controls-did-they-work-"), "{a}");
        assert_ne!(a, file_name("Export controls: did they work?", "No."));
        assert!(file_name("中文", "x").ends_with(".toml"));
    }
}
