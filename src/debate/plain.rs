//! The plain page the seed came as: thesis paragraphs, a `Related Insights` line, one
//! paragraph per insight, and a last line `Title | Source`.

use std::path::Path;

use super::{Debate, FileError, Insight, Stance};

const INSIGHTS_HEADING: &str = "Related Insights";

pub(super) fn parse(text: &str, path: &Path) -> Result<Debate, FileError> {
    let mut paragraphs = paragraphs(text);
    let Some(heading) = paragraphs
        .iter()
        .position(|p| p.text.trim() == INSIGHTS_HEADING)
    else {
        return Err(FileError::new(
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
        return Err(FileError::at(
            path,
            (line, 1),
            format!("no thesis before \"{INSIGHTS_HEADING}\""),
        ));
    }
    let heading_line = paragraphs[heading].line;
    let thesis = thesis.join("\n\n");
    let mut insights = paragraphs.split_off(heading + 1);
    let Some(last) = insights.pop() else {
        return Err(FileError::at(
            path,
            (heading_line, 1),
            format!(
                "nothing after \"{INSIGHTS_HEADING}\": expected insights, then a line \"Title | Source\""
            ),
        ));
    };
    let Some((title, source)) = last
        .text
        .rsplit_once(" | ")
        .filter(|_| !last.text.contains('\n'))
    else {
        return Err(FileError::at(
            path,
            (last.line, 1),
            "expected the last line to be \"Title | Source\"",
        ));
    };
    Ok(Debate {
        title: title.trim().to_string(),
        source: Some(source.trim().to_string()),
        thesis,
        // Moved, not copied: a plain page of 100,000 insights is tens of megabytes.
        insights: insights
            .into_iter()
            .map(|p| Insight {
                text: p.text,
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
