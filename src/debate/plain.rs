//! The plain page the seed came as: thesis paragraphs, a `Related Insights` line, one
//! paragraph per insight, and a last line `Title | Source`.

use std::path::Path;

use super::{Debate, Insight, LoadError, Stance};

const INSIGHTS_HEADING: &str = "Related Insights";

pub(super) fn parse(text: &str, path: &Path) -> Result<Debate, LoadError> {
    let paragraphs = paragraphs(text);
    let Some(heading) = paragraphs
        .iter()
        .position(|p| p.text.trim() == INSIGHTS_HEADING)
    else {
        return Err(LoadError::new(
            path,
            format!(
                "not a debate: expected TOML (title = \"…\") or a plain page with a line \"{INSIGHTS_HEADING}\""
            ),
        ));
    };
    let thesis: Vec<&str> = paragraphs[..heading]
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    if thesis.is_empty() {
        let line = paragraphs[heading].line;
        return Err(LoadError::at(
            path,
            (line, 1),
            format!("no thesis before \"{INSIGHTS_HEADING}\""),
        ));
    }
    let mut rest = &paragraphs[heading + 1..];
    let mut title = None;
    let mut source = None;
    if let Some((last, init)) = rest.split_last()
        && !last.text.contains('\n')
        && let Some((t, s)) = last.text.rsplit_once(" | ")
    {
        title = Some(t.trim().to_string());
        source = Some(s.trim().to_string());
        rest = init;
    }
    let title = title.unwrap_or_else(|| first_sentence(thesis[0]));
    Ok(Debate {
        title,
        source,
        thesis: thesis.join("\n\n"),
        insights: rest
            .iter()
            .map(|p| Insight {
                text: p.text.clone(),
                stance: Stance::Unrated,
                note: None,
            })
            .collect(),
    })
}

struct Paragraph {
    /// 1-based line of its first line.
    line: usize,
    /// Its lines joined with `\n`, each trimmed at the end.
    text: String,
}

fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut current: Option<Paragraph> = None;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            out.extend(current.take());
            continue;
        }
        match &mut current {
            Some(p) => {
                p.text.push('\n');
                p.text.push_str(line);
            }
            None => {
                current = Some(Paragraph {
                    line: i + 1,
                    text: line.to_string(),
                })
            }
        }
    }
    out.extend(current);
    out
}

/// A title for a page that has no `Title | Source` line: the start of its thesis.
fn first_sentence(thesis: &str) -> String {
    let end = thesis
        .find(". ")
        .map_or(thesis.len(), |i| i + 1)
        .min(thesis.find('\n').unwrap_or(thesis.len()));
    thesis[..end].to_string()
}
