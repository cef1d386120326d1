//! `--print`: the debate as plain text, Markdown or JSON on standard output, for scripts, pipes
//! and screen readers. All document text was sanitised when loaded, so nothing here can carry
//! a control sequence.

use std::io::{self, Write};

use serde::Serialize;

use crate::cli::Format;
use crate::debate::{Debate, Insight, Stance};
use crate::filter::{StanceFilter, visible_insights};
use crate::search::Query;

/// Writes the insights of `debate` that `filter` and `query` admit, in `format`.
pub fn print(
    debate: &Debate,
    filter: StanceFilter,
    query: Option<&Query>,
    format: Format,
    out: &mut impl Write,
) -> io::Result<()> {
    let chosen: Vec<(usize, &Insight)> = visible_insights(&debate.insights, filter, query)
        .into_iter()
        .map(|i| (i + 1, &debate.insights[i]))
        .collect();
    match format {
        Format::Text => text(debate, &chosen, out),
        Format::Markdown => markdown(debate, &chosen, out),
        Format::Json => json(debate, &chosen, out),
    }
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
    writeln!(out, "# {}", one_line(&debate.title))?;
    if let Some(source) = &debate.source {
        writeln!(out, "\nSource: {source}")?;
    }
    writeln!(out, "\n{}", quote_block(&debate.thesis))?;
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
            writeln!(out, "\n**{number}.** {}", insight.text)?;
            if let Some(note) = &insight.note {
                writeln!(out, "\n*Why:* {note}")?;
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

fn json(debate: &Debate, chosen: &[(usize, &Insight)], out: &mut impl Write) -> io::Result<()> {
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
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
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
