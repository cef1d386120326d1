//! The debate file format: TOML with a title, a thesis and `[[insights]]`.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{Debate, FileError, Insight, Stance};

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

pub(super) fn parse(text: &str, path: &Path) -> Result<Debate, FileError> {
    let file: DebateFile =
        toml::from_str(text).map_err(|e| FileError::from_toml(&e, text, path))?;
    for (name, field) in [("title", &file.title), ("thesis", &file.thesis)] {
        if field.get_ref().trim().is_empty() {
            return Err(FileError::at_offset(
                path,
                text,
                field.span().start,
                format!("the {name} is empty"),
            ));
        }
    }
    Ok(Debate {
        title: file.title.into_inner(),
        source: file.source,
        thesis: file.thesis.into_inner(),
        insights: file
            .insights
            .into_iter()
            .map(|i| Insight {
                text: i.text,
                stance: i.stance,
                note: i.note,
            })
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
