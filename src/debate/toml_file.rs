//! The debate file format: TOML with a title, a thesis and `[[insights]]`.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::Deserialize;
use serde::de::IgnoredAny;
use toml::Spanned;

use super::{Debate, FileError, Insight, Progress, Relation, Reply, Stance};

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a debate: a title, a thesis and [[insights]] tables"
)]
struct DebateFile {
    title: Spanned<String>,
    source: Option<String>,
    thesis: Spanned<String>,
    #[serde(default)]
    insights: Vec<InsightFile>,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an insight: a table with its text (and stance, note, id, parent, relation, sources)"
)]
struct InsightFile {
    text: String,
    #[serde(default)]
    stance: Stance,
    note: Option<String>,
    id: Option<Spanned<String>>,
    parent: Option<Spanned<String>>,
    relation: Option<Spanned<Relation>>,
    #[serde(default)]
    sources: Vec<String>,
}

/// What comes before the first `[[insights]]`.
#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a debate: a title, a thesis and [[insights]] tables"
)]
struct HeaderFile {
    title: Spanned<String>,
    source: Option<String>,
    thesis: Spanned<String>,
    /// Named so that an unknown field is reported as the whole file's parse reports it;
    /// present, it is the file's parse's to judge.
    insights: Option<IgnoredAny>,
}

/// A run of `[[insights]]` tables cut out of a large file.
#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a debate: a title, a thesis and [[insights]] tables"
)]
struct PieceFile {
    insights: Vec<InsightFile>,
    // As in [`HeaderFile`]: named for the messages; present, they are the file's parse's to
    // judge (a key given twice).
    title: Option<IgnoredAny>,
    source: Option<IgnoredAny>,
    thesis: Option<IgnoredAny>,
}

impl<'de> Deserialize<'de> for Relation {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Relation;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("\"supports\" or \"attacks\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Relation, E> {
                [Relation::Supports, Relation::Attacks]
                    .into_iter()
                    .find(|r| r.name() == v)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// A piece's place among the pieces, where it starts in the file, and its insights.
/// The insights of a file, each with the offset of the text its spans count from, made into
/// the model: ids looked up, parents checked to exist and not to loop (#12).
fn insights(
    text: &str,
    path: &Path,
    files: Vec<(usize, InsightFile)>,
) -> Result<Vec<Insight>, FileError> {
    let at = |base: usize, span: std::ops::Range<usize>, message: String| {
        FileError::at_offset(path, text, base + span.start, message)
    };
    let mut ids: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, (base, file)) in files.iter().enumerate() {
        if let Some(id) = &file.id
            && id.get_ref().trim().is_empty()
        {
            return Err(at(
                *base,
                id.span(),
                "an id names the insight: it cannot be empty".to_string(),
            ));
        }
        if let Some(id) = &file.id
            && let Some(first) = ids.insert(id.get_ref().as_str(), i)
        {
            return Err(at(
                *base,
                id.span(),
                format!(
                    "the id \"{}\" is given to insight {} already",
                    id.get_ref(),
                    first + 1
                ),
            ));
        }
    }
    let mut parents = Vec::with_capacity(files.len());
    for (base, file) in &files {
        let parent = match &file.parent {
            None => None,
            Some(parent) => match ids.get(parent.get_ref().as_str()) {
                Some(&p) => Some(p),
                None => {
                    return Err(at(
                        *base,
                        parent.span(),
                        format!(
                            "no insight has the id \"{}\" (a parent names another insight's id)",
                            parent.get_ref()
                        ),
                    ));
                }
            },
        };
        if let (Some(parent), None) = (&file.parent, &file.relation) {
            return Err(at(
                *base,
                parent.span(),
                "a reply needs its relation too: relation = \"supports\" or \"attacks\""
                    .to_string(),
            ));
        }
        parents.push(parent);
    }
    if let Some(i) = first_in_a_loop(&parents) {
        let (base, file) = &files[i];
        let span = file.parent.as_ref().map_or(0..0, Spanned::span);
        return Err(at(
            *base,
            span,
            "this parent leads back to the insight itself: replies cannot go round in a loop"
                .to_string(),
        ));
    }
    Ok(files
        .into_iter()
        .zip(parents)
        .map(|((_, i), parent)| Insight {
            text: i.text,
            stance: i.stance,
            note: i.note,
            reply: i.relation.map(|r| Reply {
                parent,
                relation: r.into_inner(),
            }),
            id: i.id.map(Spanned::into_inner),
            sources: i.sources,
        })
        .collect())
}

/// An insight whose chain of parents comes back round to it, if any.
fn first_in_a_loop(parents: &[Option<usize>]) -> Option<usize> {
    // 0: not seen; 1: on the chain being walked; 2: leads to the thesis.
    let mut state = vec![0u8; parents.len()];
    let mut chain = Vec::new();
    for start in 0..parents.len() {
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                2 => break,
                1 => return Some(i),
                _ => {
                    state[i] = 1;
                    chain.push(i);
                    at = parents[i];
                }
            }
        }
        for i in chain.drain(..) {
            state[i] = 2;
        }
    }
    None
}

/// Files smaller than this are parsed whole; larger ones in pieces of about this size.
const PIECE_BYTES: usize = 1 << 20;

pub(super) fn parse(text: &str, path: &Path, progress: &Progress) -> Result<Debate, FileError> {
    progress.set_total(text.len());
    // A large file is parsed in pieces on every core.
    if let Some(debate) = parse_in_pieces(text, path, progress) {
        return debate;
    }
    let file: DebateFile =
        toml::from_str(text).map_err(|e| FileError::from_toml(&e, text, path))?;
    check_not_empty(text, path, &file.title, &file.thesis)?;
    progress.add(text.len());
    Ok(Debate {
        title: file.title.into_inner(),
        source: file.source,
        thesis: file.thesis.into_inner(),
        insights: insights(
            text,
            path,
            file.insights.into_iter().map(|i| (0, i)).collect(),
        )?,
    })
}

fn check_not_empty(
    text: &str,
    path: &Path,
    title: &Spanned<String>,
    thesis: &Spanned<String>,
) -> Result<(), FileError> {
    for (name, field) in [("title", title), ("thesis", thesis)] {
        if field.get_ref().trim().is_empty() {
            return Err(FileError::at_offset(
                path,
                text,
                field.span().start,
                format!("the {name} is empty"),
            ));
        }
    }
    Ok(())
}

/// The `[[insights]]` tables of a debate are independent, so a large file can be cut at the
/// lines that open them and the pieces parsed at once. None when the file is not one to cut
/// (small, or shaped otherwise), or a cut might fall inside a multi-line string: the caller
/// parses it whole.
///
/// Otherwise a piece's error is the file's, and is reported as it is, at its place in the
/// file: parsing the whole file again to find it would take five times the file's size in
/// memory, for nothing (#14: 1.1 GB for a 228 MB file with one bad value at its end).
fn parse_in_pieces(
    text: &str,
    path: &Path,
    progress: &Progress,
) -> Option<Result<Debate, FileError>> {
    if text.len() < 4 * PIECE_BYTES {
        return None;
    }
    let mut cuts = Vec::new();
    let mut last = 0;
    for (at, _) in text.match_indices("\n[[insights]]") {
        let start = at + 1;
        let rest = &text[start + "[[insights]]".len()..];
        let line_ends = rest.trim_start_matches([' ', '\t']);
        if !(line_ends.starts_with('\n')
            || line_ends.starts_with("\r\n")
            || line_ends.starts_with('#'))
        {
            continue;
        }
        if cuts.is_empty() || start - last >= PIECE_BYTES {
            cuts.push(start);
            last = start;
        }
    }
    let first = *cuts.first()?;
    if !cuts_start_tokens(text, &cuts) {
        return None;
    }
    cuts.push(text.len());

    let header: HeaderFile = match toml::from_str(&text[..first]) {
        Ok(header) => header,
        Err(e) => return Some(Err(FileError::from_toml(&e, text, path))),
    };
    if header.insights.is_some() {
        return None;
    }
    if let Err(e) = check_not_empty(text, path, &header.title, &header.thesis) {
        return Some(Err(e));
    }
    let pieces: Vec<&str> = cuts.windows(2).map(|w| &text[w[0]..w[1]]).collect();
    let next = AtomicUsize::new(0);
    // Once a piece fails, the pieces after it need no parsing: the first error is the one
    // reported, and every piece before a failed one has been handed out already.
    let failed = AtomicBool::new(false);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
    let parse_some = || {
        let mut parsed = Vec::new();
        while !failed.load(Ordering::Relaxed) {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(piece) = pieces.get(i) else {
                break;
            };
            let file = toml::from_str::<PieceFile>(piece);
            if file.is_err() {
                failed.store(true, Ordering::Relaxed);
            }
            progress.add(piece.len());
            parsed.push((i, file));
        }
        parsed
    };
    let mut by_piece: Vec<(usize, Result<PieceFile, toml::de::Error>)> =
        std::thread::scope(|scope| {
            let handles: Vec<_> = (1..workers).map(|_| scope.spawn(parse_some)).collect();
            let mut results = parse_some();
            for handle in handles {
                results.extend(handle.join().unwrap_or_default());
            }
            results
        });
    by_piece.sort_by_key(|(i, _)| *i);
    let seen = by_piece.len();
    let mut files = Vec::new();
    for (expected, (i, file)) in by_piece.into_iter().enumerate() {
        if i != expected {
            // A worker that died: parse whole rather than guess.
            return None;
        }
        match file {
            Ok(file) if file.title.is_some() || file.source.is_some() || file.thesis.is_some() => {
                return None;
            }
            // The pieces' spans count from where each starts, so a wrong id or value is
            // placed exactly.
            Ok(file) => files.extend(file.insights.into_iter().map(|f| (cuts[i], f))),
            Err(e) => return Some(Err(FileError::from_toml_in(&e, text, cuts[i], path))),
        }
    }
    if seen != pieces.len() {
        return None;
    }
    Some(insights(text, path, files).map(|insights| Debate {
        title: header.title.into_inner(),
        source: header.source,
        thesis: header.thesis.into_inner(),
        insights,
    }))
}

/// Whether every cut starts a token of the file: none falls inside a multi-line string (the
/// only token a line that opens a table can be inside). Most files have no multi-line string,
/// which one search shows; the others are read by TOML's own lexer.
fn cuts_start_tokens(text: &str, cuts: &[usize]) -> bool {
    let bytes = text.as_bytes();
    if memchr::memmem::find(bytes, b"\"\"\"").is_none()
        && memchr::memmem::find(bytes, b"'''").is_none()
    {
        return true;
    }
    let mut wanted = cuts.iter().copied().peekable();
    for token in toml_parser::Source::new(text).lex() {
        let start = token.span().start();
        while let Some(cut) = wanted.next_if(|&cut| cut <= start) {
            if cut < start {
                return false;
            }
        }
        if wanted.peek().is_none() {
            return true;
        }
    }
    wanted.peek().is_none()
}

/// True when `text` reads as TOML rather than a plain page: its first meaningful line is a
/// table header or a `key = value` pair.
pub(super) fn looks_like_toml(text: &str) -> bool {
    let Some(line) = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
    else {
        return false;
    };
    if line.starts_with('[') {
        return true;
    }
    let Some((key, _)) = line.split_once('=') else {
        return false;
    };
    let key = key.trim();
    let bare = |k: &str| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    };
    let quoted = key.len() >= 2
        && ((key.starts_with('"') && key.ends_with('"'))
            || (key.starts_with('\'') && key.ends_with('\'')));
    bare(key) || quoted
}
