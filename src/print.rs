//! `--print`: the debate as plain text, Markdown or JSON on standard output, for scripts, pipes
//! and screen readers. All document text was sanitised when loaded, so nothing here can carry
//! a control sequence.

use std::io::{self, Write};

use serde::Serialize;

use crate::debate::{Debate, Insight, Stance};
use crate::filter::{StanceFilter, visible_insights};
use crate::search::Query;

/// How `--print` writes a debate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    /// One JSON document, indented for people.
    Json,
    /// One JSON object on one line, for a stream of debates that `jq` reads as it comes
    /// (JSON Lines, #11).
    JsonLine,
}

/// Writes the insights of `debate` that `filter` and `query` admit, in `format`, and says how
/// many that was. When they admit none of its insights nothing is written, as `grep` writes
/// nothing when nothing matches (#10).
pub fn print(
    debate: &Debate,
    filter: StanceFilter,
    query: Option<&Query>,
    format: Format,
    out: &mut impl Write,
) -> io::Result<usize> {
    let chosen: Vec<(usize, &Insight)> = visible_insights(&debate.insights, filter, query)
        .into_iter()
        .map(|i| (i + 1, &debate.insights[i]))
        .collect();
    if chosen.is_empty() && !debate.insights.is_empty() {
        return Ok(0);
    }
    match format {
        Format::Text => text(debate, &chosen, out),
        Format::Markdown => markdown(debate, &chosen, out),
        Format::Json => json(debate, &chosen, true, out),
        Format::JsonLine => json(debate, &chosen, false, out),
    }?;
    Ok(chosen.len())
}

fn text(debate: &Debate, chosen: &[(usize, &Insight)], out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{}", debate.title)?;
    if let Some(source) = &debate.source {
        writeln!(out, "Source: {source}")?;
    }
    writeln!(out, "\n{}", debate.thesis)?;
    for (number, insight) in chosen {
        writeln!(out, "\n[{number}] {}", insight.stance.label())?;
        writeln!(out, "{}", insight.text)?;
        if let Some(note) = &insight.note {
            writeln!(out, "Why: {note}")?;
        }
    }
    Ok(())
}

fn markdown(debate: &Debate, chosen: &[(usize, &Insight)], out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "# {}", md(&one_line(&debate.title)))?;
    if let Some(source) = &debate.source {
        writeln!(out, "\nSource: {}", md(source))?;
    }
    writeln!(out, "\n{}", quote_block(&md(&debate.thesis)))?;
    for stance in Stance::ALL {
        let group: Vec<_> = chosen.iter().filter(|(_, i)| i.stance == stance).collect();
        if group.is_empty() {
            continue;
        }
        let heading = match stance {
            Stance::Agrees => "Agrees with the thesis",
            Stance::Conflicts => "Conflicts with the thesis",
            Stance::Mixed => "Mixed",
            Stance::Unrated => "Unrated",
        };
        writeln!(out, "\n## {heading} ({})", group.len())?;
        for (number, insight) in group {
            writeln!(out, "\n**{number}.** {}", md(&insight.text))?;
            if let Some(note) = &insight.note {
                writeln!(out, "\n*Why:* {}", md(note))?;
            }
        }
    }
    Ok(())
}

/// The JSON shape documented in the README. Field order is part of it.
#[derive(Serialize)]
struct JsonDebate<'a> {
    title: &'a str,
    source: Option<&'a str>,
    thesis: &'a str,
    insights: Vec<JsonInsight<'a>>,
}

#[derive(Serialize)]
struct JsonInsight<'a> {
    number: usize,
    text: &'a str,
    stance: Stance,
    note: Option<&'a str>,
}

fn json(
    debate: &Debate,
    chosen: &[(usize, &Insight)],
    pretty: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let doc = JsonDebate {
        title: &debate.title,
        source: debate.source.as_deref(),
        thesis: &debate.thesis,
        insights: chosen
            .iter()
            .map(|(number, i)| JsonInsight {
                number: *number,
                text: &i.text,
                stance: i.stance,
                note: i.note.as_deref(),
            })
            .collect(),
    };
    if pretty {
        serde_json::to_writer_pretty(&mut *out, &doc)?;
    } else {
        serde_json::to_writer(&mut *out, &doc)?;
    }
    writeln!(out)
}

/// Document text made inert as Markdown: characters that would start emphasis, code, links,
/// HTML or tables are escaped, and so is a line start that would make a heading, a list, a
/// quote or a rule. What the document says is shown, never interpreted.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // Indentation would make a code block: it goes.
        let trimmed = line.trim_start();
        let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
        let ordered = digits > 0 && trimmed[digits..].starts_with(['.', ')']);
        for (j, c) in trimmed.char_indices() {
            let at_start = j == 0 && matches!(c, '#' | '>' | '-' | '+' | '=' | '|');
            let after_number = ordered && j == digits;
            if at_start
                || after_number
                || matches!(
                    c,
                    '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '!' | '&' | ':'
                )
            {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.replace('\n', " ")
}

/// `> `-quotes every line of `s`.
fn quote_block(s: &str) -> String {
    s.lines()
        .map(|l| {
            if l.is_empty() {
                ">".to_string()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::md;

    #[test]
    fn markdown_structure_in_the_document_is_escaped() {
        assert_eq!(md("## Agrees"), "\\## Agrees");
        assert_eq!(md("a\n\n---\nb"), "a\n\n\\---\nb");
        assert_eq!(md("1. one"), "1\\. one");
        assert_eq!(md("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(md("[click](javascript:x)"), "\\[click\\](javascript\\:x)");
        assert_eq!(md("*not bold*"), "\\*not bold\\*");
        assert_eq!(md("plain words, 3.5 million."), "plain words, 3.5 million.");
        assert_eq!(md("a\n\n    code?"), "a\n\ncode?", "no indented code block");
        assert_eq!(md("&lt;tag&gt;"), "\\&lt;tag\\&gt;");
        assert_eq!(
            md("https://x.example"),
            "https\\://x.example",
            "no autolink"
        );
    }
}
