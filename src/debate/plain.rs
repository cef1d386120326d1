//! The plain page the seed came as: thesis paragraphs, a `Related Insights` line, one
//! paragraph per insight, and a last line with the title and, optionally, `| Source`.
//!
//! Pages come as people save them (#10): hard-wrapped (`fold -s -w 50`), with the heading in
//! another case or with a colon, `Title|Source` without spaces, a title with no source. The
//! lines of a paragraph are joined into one text, so sentences and copies do not carry the
//! page's line breaks; a list keeps its lines.

use std::path::Path;

use super::{Debate, FileError, Insight, Stance};

const INSIGHTS_HEADING: &str = "Related Insights";

/// What the last line may be, for error messages.
const TITLE_LINE: &str = "\"Title | Source\", or a title alone that does not end in . ! ? or …";

pub(super) fn parse(text: &str, path: &Path) -> Result<Debate, FileError> {
    let Page {
        mut paragraphs,
        heading,
    } = paragraphs(text);
    let Some(heading) = heading else {
        return Err(FileError::new(
            path,
            format!(
                "not a debate: expected TOML (title = \"…\"), a Kialo export (Discussion Name:), an Argdown map ([Title]: text, then + or - replies), or a plain page with a line \"{INSIGHTS_HEADING}\""
            ),
        ));
    };
    let heading_line = paragraphs[heading].line;
    if heading == 0 {
        return Err(FileError::at(
            path,
            (heading_line, 1),
            format!("no thesis before \"{INSIGHTS_HEADING}\""),
        ));
    }
    let mut insights = paragraphs.split_off(heading + 1);
    paragraphs.truncate(heading);
    let thesis: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
    let thesis = thesis.join("\n\n");
    let Some(last) = insights.pop() else {
        return Err(FileError::at(
            path,
            (heading_line, 1),
            format!(
                "nothing after \"{INSIGHTS_HEADING}\": expected insights, then a last line {TITLE_LINE}"
            ),
        ));
    };
    let (title, source) = title_line(&last, path)?;
    Ok(Debate {
        title,
        source,
        thesis,
        // Moved, not copied: a plain page of 100,000 insights is tens of megabytes.
        insights: insights
            .into_iter()
            .map(|p| Insight {
                text: p.text,
                stance: Stance::Unrated,
                ..Insight::default()
            })
            .collect(),
    })
}

/// The title and source from the page's last paragraph. `Title | Source` splits at the last
/// `|`, with or without spaces, and `Title |` has no source. Without a `|`, the paragraph is
/// a title if it does not end like a sentence: a page whose last paragraph does is a page
/// whose title line is missing, not one whose last insight is its title (#10).
fn title_line(last: &Paragraph, path: &Path) -> Result<(String, Option<String>), FileError> {
    let expected = || {
        let why = match last.text.trim_end_matches(CLOSING).chars().next_back() {
            Some(c) if !last.text.contains('\n') => format!(
                "this one ends in \"{c}\", so it reads as an insight: add \" |\" to make it the title"
            ),
            _ => "this one is a list".to_string(),
        };
        FileError::at(
            path,
            (last.line, 1),
            format!("expected the last line to be the title ({TITLE_LINE}); {why}"),
        )
    };
    if last.text.contains('\n') {
        return Err(expected());
    }
    let (title, source) = match last.text.rsplit_once('|') {
        Some((title, source)) => (title.trim(), Some(source.trim())),
        None if ends_like_a_sentence(&last.text) => return Err(expected()),
        None => (last.text.trim(), None),
    };
    if title.is_empty() {
        return Err(FileError::at(
            path,
            (last.line, 1),
            "the last line has no title before \"|\"",
        ));
    }
    let source = source.filter(|s| !s.is_empty()).map(str::to_string);
    Ok((title.to_string(), source))
}

/// What may follow a sentence's last stop: closing quotes and brackets.
const CLOSING: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '*', '_'];

fn ends_like_a_sentence(text: &str) -> bool {
    text.trim_end_matches(CLOSING)
        .ends_with(['.', '!', '?', '…', '。', '！', '？'])
}

/// Whether some line of `text` is the insights heading.
pub(super) fn has_heading(text: &str) -> bool {
    text.lines().any(is_heading)
}

/// Whether `line` is the heading: `Related Insights` in any case, with any spacing, with or
/// without a colon after it.
fn is_heading(line: &str) -> bool {
    let line = line.trim();
    let line = line.strip_suffix(':').unwrap_or(line);
    let mut words = line.split_whitespace();
    let mut wanted = INSIGHTS_HEADING.split(' ');
    loop {
        match (words.next(), wanted.next()) {
            (None, None) => return true,
            (Some(word), Some(want)) if word.eq_ignore_ascii_case(want) => {}
            _ => return false,
        }
    }
}

/// Whether `line` starts like an item of a list: `- `, `* `, `+ `, `• `, or a number of up to
/// three digits and `.` or `)` (`1. `, `12) `).
pub(super) fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    if ["- ", "* ", "+ ", "• "].iter().any(|m| line.starts_with(m)) {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
        && line.as_bytes().get(digits + 1) == Some(&b' ')
}

struct Paragraph {
    /// 1-based line of its first line.
    line: usize,
    /// Its lines joined with a space, but for a list's items, which keep their own lines.
    text: String,
}

struct Page {
    paragraphs: Vec<Paragraph>,
    /// Which paragraph is the heading line, if there is one.
    heading: Option<usize>,
}

/// The page's paragraphs, split at blank lines and around the first heading line.
///
/// A paragraph's lines are joined with single spaces: a page hard-wrapped by `fold -s`
/// breaks at spaces, so joining restores the text (a hyphen at a line's end is kept as it is).
/// A list keeps its lines: a line that starts like an item (see [`is_list_item`]) starts a
/// new line when it begins the paragraph, follows a line that ends in `:`, or follows another
/// item (a wrapped item's later lines are joined to it). The guard is there because a
/// wrapped sentence can put a dash or a number at the start of a line too.
fn paragraphs(text: &str) -> Page {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut heading = None;
    let mut current: Option<Paragraph> = None;
    // Whether the paragraph so far is a list, and whether its last line ended in a colon.
    let mut in_list = false;
    let mut after_colon = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            out.extend(current.take());
            continue;
        }
        if heading.is_none() && is_heading(line) {
            out.extend(current.take());
            heading = Some(out.len());
            out.push(Paragraph {
                line: i + 1,
                text: line.trim().to_string(),
            });
            continue;
        }
        let item = is_list_item(line);
        match &mut current {
            Some(p) if item && (in_list || after_colon) => {
                p.text.push('\n');
                p.text.push_str(line);
                in_list = true;
            }
            Some(p) => {
                p.text.push(' ');
                p.text.push_str(line.trim_start());
            }
            None => {
                in_list = item;
                current = Some(Paragraph {
                    line: i + 1,
                    text: if item { line } else { line.trim_start() }.to_string(),
                })
            }
        }
        after_colon = line.ends_with(':');
    }
    out.extend(current);
    Page {
        paragraphs: out,
        heading,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        paragraphs(text)
            .paragraphs
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    #[test]
    fn a_paragraphs_lines_are_joined_with_spaces() {
        assert_eq!(
            texts("One two\nthree well-\nknown.  \n\n  Next\n  para.\n"),
            vec!["One two three well- known.", "Next para."]
        );
    }

    #[test]
    fn a_list_keeps_its_lines_and_a_wrapped_item_is_joined() {
        assert_eq!(
            texts("Three reasons:\n- cost, which\n  grows;\n* speed\n1. scale\n12) reach"),
            vec!["Three reasons:\n- cost, which grows;\n* speed\n1. scale\n12) reach"]
        );
        assert_eq!(
            texts("- a\n- b"),
            vec!["- a\n- b"],
            "a paragraph that is a list"
        );
    }

    #[test]
    fn a_wrapped_sentence_that_puts_a_dash_or_number_first_is_joined() {
        assert_eq!(
            texts("It costs more\n- far more -\nthan in\n1984. Or\n2. Not"),
            vec!["It costs more - far more - than in 1984. Or 2. Not"]
        );
    }

    #[test]
    fn the_heading_is_matched_in_any_case_with_a_colon_and_without_blank_lines() {
        for line in [
            "Related Insights",
            "related insights",
            "RELATED INSIGHTS:",
            "  Related   Insights :  ",
        ] {
            assert!(is_heading(line), "{line:?}");
        }
        for line in [
            "Related Insights here",
            "Related",
            "Insights",
            "Related: Insights",
        ] {
            assert!(!is_heading(line), "{line:?}");
        }
        let page = paragraphs("Thesis\nRelated insights:\nOne.\n\nT");
        assert_eq!(page.heading, Some(1));
        let texts: Vec<&str> = page.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, vec!["Thesis", "Related insights:", "One.", "T"]);
    }
}
