//! A debate: a thesis and the insights that argue about it. Nothing here knows of terminals.

mod argdown;
mod kialo;
mod load;
mod plain;
mod toml_file;
mod toml_out;
mod tree;

pub use crate::error::FileError;
pub use load::{
    MAX_FILE_BYTES, is_debate, load_all, load_all_with_progress, load_path,
    load_stdin_with_progress, parse, parse_all,
};
pub use toml_out::write_toml;
pub use tree::Tree;

use serde::{Deserialize, Serialize};

/// How an insight stands towards the thesis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Agrees,
    Conflicts,
    Mixed,
    #[default]
    Unrated,
}

impl Stance {
    pub const ALL: [Stance; 4] = [
        Stance::Agrees,
        Stance::Conflicts,
        Stance::Mixed,
        Stance::Unrated,
    ];

    /// The word used in files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Stance::Agrees => "agrees",
            Stance::Conflicts => "conflicts",
            Stance::Mixed => "mixed",
            Stance::Unrated => "unrated",
        }
    }

    /// The short word used in counts: `+6 agree`.
    pub fn short(self) -> &'static str {
        match self {
            Stance::Agrees => "agree",
            Stance::Conflicts => "conflict",
            Stance::Mixed => "mixed",
            Stance::Unrated => "unrated",
        }
    }

    /// The label of the detail pane.
    pub fn label(self) -> &'static str {
        match self {
            Stance::Agrees => "AGREES with the thesis",
            Stance::Conflicts => "CONFLICTS with the thesis",
            Stance::Mixed => "MIXED",
            Stance::Unrated => "UNRATED",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

impl<'de> Deserialize<'de> for Stance {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Stance;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("one of \"agrees\", \"conflicts\", \"mixed\", \"unrated\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Stance, E> {
                Stance::ALL
                    .into_iter()
                    .find(|s| s.name() == v)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// How a reply in an argument map bears on what it replies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    Supports,
    Attacks,
}

impl Relation {
    /// The word used in files: `supports`, `attacks`.
    pub fn name(self) -> &'static str {
        match self {
            Relation::Supports => "supports",
            Relation::Attacks => "attacks",
        }
    }

    /// The stance a reply with this relation takes toward the thesis, when what it replies to
    /// has `stance`: support keeps the sign, attack flips it.
    pub fn stance_under(self, stance: Stance) -> Stance {
        match (self, stance) {
            (Relation::Supports, s) => s,
            (Relation::Attacks, Stance::Agrees) => Stance::Conflicts,
            (Relation::Attacks, Stance::Conflicts) => Stance::Agrees,
            (Relation::Attacks, s) => s,
        }
    }
}

/// Where an insight sits in an argument map (#12): what it replies to, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reply {
    /// The insight replied to, by index; `None` is the thesis.
    pub parent: Option<usize>,
    pub relation: Relation,
}

/// One argument about the thesis.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Insight {
    pub text: String,
    pub stance: Stance,
    /// Why it has that stance.
    pub note: Option<String>,
    /// What it replies to, in an argument map; `None` in a flat debate.
    pub reply: Option<Reply>,
    /// The name its source gives it (Kialo's `1.2.3.`, an Argdown title); in TOML, how a
    /// reply names its parent.
    pub id: Option<String>,
    /// The sources it cites, as the document lists them (a URL, or a line of text).
    pub sources: Vec<String>,
}

/// A headline thesis and the insights about it. All text is sanitised when loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Debate {
    pub title: String,
    pub source: Option<String>,
    pub thesis: String,
    pub insights: Vec<Insight>,
}

impl Debate {
    /// How many insights have each stance, indexed by [`Stance::index`].
    pub fn stance_counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for insight in &self.insights {
            counts[insight.stance.index()] += 1;
        }
        counts
    }

    /// The same debate with every piece of text passed through [`crate::text::sanitize`].
    /// Large debates are cleaned on two threads: it is most of the work of loading a plain page.
    fn sanitized(self) -> Debate {
        use crate::text::sanitize_owned as clean;
        // In place: a new vector of insights would be one more large allocation, its pages
        // faulted in one by one, for nothing.
        fn clean_all(insights: &mut [Insight]) {
            for i in insights {
                i.text = clean(std::mem::take(&mut i.text));
                i.note = i.note.take().map(clean).filter(|s| !s.is_empty());
                i.id = i.id.take().map(clean);
                let sources = std::mem::take(&mut i.sources);
                i.sources = sources
                    .into_iter()
                    .map(clean)
                    .filter(|s| !s.is_empty())
                    .collect();
            }
        }
        let mut insights = self.insights;
        // A thread costs more than cleaning a small debate.
        if insights.len() < 1000 {
            clean_all(&mut insights);
        } else {
            let half = insights.len() / 2;
            let (first, second) = insights.split_at_mut(half);
            std::thread::scope(|scope| {
                let worker = scope.spawn(|| clean_all(second));
                clean_all(first);
                // A panic in the worker is a bug in sanitising; pass it on rather than hide it.
                worker
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
            });
        }
        Debate {
            title: clean(self.title),
            source: self.source.map(clean).filter(|s| !s.is_empty()),
            thesis: clean(self.thesis),
            insights,
        }
    }
}

/// How far loading has got, in bytes, for a progress line while a large file loads. Shared
/// between the loading threads and whoever shows it.
#[derive(Debug, Default)]
pub struct Progress {
    done: std::sync::atomic::AtomicUsize,
    total: std::sync::atomic::AtomicUsize,
}

impl Progress {
    fn set_total(&self, total: usize) {
        self.total
            .store(total, std::sync::atomic::Ordering::Relaxed);
    }

    fn add(&self, done: usize) {
        self.done
            .fetch_add(done, std::sync::atomic::Ordering::Relaxed);
    }

    /// The share done, from 0 to 1, once the size is known.
    pub fn fraction(&self) -> Option<f64> {
        use std::sync::atomic::Ordering::Relaxed;
        let total = self.total.load(Relaxed);
        (total > 0).then(|| (self.done.load(Relaxed) as f64 / total as f64).min(1.0))
    }
}

/// The debate compiled into the binary: the export-controls page, annotated.
pub const BUILTIN_NAME: &str = "seeds/export-controls.toml";
pub const BUILTIN_TOML: &str = include_str!("../../seeds/export-controls.toml");

/// The built-in debate, compiled from [`BUILTIN_TOML`] by `build.rs`: no parsing at launch. A
/// test checks it against what [`parse`] makes of the file.
pub fn builtin() -> Debate {
    include!(concat!(env!("OUT_DIR"), "/builtin_debate.rs"))
}
