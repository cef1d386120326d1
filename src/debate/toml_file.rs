//! The debate file format: TOML with a title, a thesis and `[[insights]]`.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Deserialize;
use toml::Spanned;

use super::{Debate, FileError, Insight, Progress, Stance};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DebateFile {
    title: Spanned<String>,
    source: Option<String>,
    thesis: Spanned<String>,
    #[serde(default)]
    insights: Vec<InsightFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InsightFile {
    text: String,
    #[serde(default)]
    stance: Stance,
    note: Option<String>,
}

/// What comes before the first `[[insights]]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HeaderFile {
    title: Spanned<String>,
    source: Option<String>,
    thesis: Spanned<String>,
}

/// A run of `[[insights]]` tables cut out of a large file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PieceFile {
    insights: Vec<InsightFile>,
}

impl From<InsightFile> for Insight {
    fn from(i: InsightFile) -> Insight {
        Insight {
            text: i.text,
            stance: i.stance,
            note: i.note,
        }
    }
}

/// A piece's place among the pieces, and its insights.
type ParsedPiece = (usize, Vec<InsightFile>);

/// Files smaller than this are parsed whole; larger ones in pieces of about this size.
const PIECE_BYTES: usize = 1 << 20;

pub(super) fn parse(text: &str, path: &Path, progress: &Progress) -> Result<Debate, FileError> {
    progress.set_total(text.len());
    // A large file is parsed in pieces on every core; if any piece fails, one whole parse
    // finds the error and says exactly where it is.
    if let Some(debate) = parse_in_pieces(text, path, progress) {
        return Ok(debate);
    }
    let file: DebateFile =
        toml::from_str(text).map_err(|e| FileError::from_toml(&e, text, path))?;
    check_not_empty(text, path, &file.title, &file.thesis)?;
    progress.add(text.len());
    Ok(Debate {
        title: file.title.into_inner(),
        source: file.source,
        thesis: file.thesis.into_inner(),
        insights: file.insights.into_iter().map(Insight::from).collect(),
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
/// lines that open them and the pieces parsed at once. A cut inside a multi-line string leaves
/// that string open in the piece before it, which then fails to parse: the caller falls back.
fn parse_in_pieces(text: &str, path: &Path, progress: &Progress) -> Option<Debate> {
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
    cuts.push(text.len());

    let header: HeaderFile = toml::from_str(&text[..first]).ok()?;
    check_not_empty(text, path, &header.title, &header.thesis).ok()?;
    let pieces: Vec<&str> = cuts.windows(2).map(|w| &text[w[0]..w[1]]).collect();
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
    let parse_some = || {
        let mut parsed = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(piece) = pieces.get(i) else {
                return Some(parsed);
            };
            let file: PieceFile = toml::from_str(piece).ok()?;
            progress.add(piece.len());
            parsed.push((i, file.insights));
        }
    };
    let results: Vec<Option<Vec<ParsedPiece>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..workers).map(|_| scope.spawn(parse_some)).collect();
        let mut results = vec![parse_some()];
        results.extend(handles.into_iter().map(|h| h.join().ok().flatten()));
        results
    });
    let mut by_piece: Vec<ParsedPiece> = results
        .into_iter()
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    if by_piece.len() != pieces.len() {
        return None;
    }
    by_piece.sort_by_key(|(i, _)| *i);
    Some(Debate {
        title: header.title.into_inner(),
        source: header.source,
        thesis: header.thesis.into_inner(),
        insights: by_piece
            .into_iter()
            .flat_map(|(_, insights)| insights.into_iter().map(Insight::from))
            .collect(),
    })
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
