//! `--print`: the debate as plain text, Markdown or JSON on standard output, for scripts, pipes
//! and screen readers. All document text was sanitised when loaded, so nothing here can carry
//! a control sequence.

use std::io::{self, Write};

use serde::Serialize;

use crate::debate::{Debate, Insight, Relation, Stance};
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
    /// The debate file format, which reads back to the same debate (#12).
    Toml,
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
    print_marked(debate, &[], filter, query, format, out)
}

/// Whose an insight's stance and note are: `(true, false)` for your stance and the file's
/// note (#13).
pub type Yours = (bool, bool);

/// [`print`], saying which stances and notes are yours: `yours[i]` for insight `i`.
pub fn print_marked(
    debate: &Debate,
    yours: &[Yours],
    filter: StanceFilter,
    query: Option<&Query>,
    format: Format,
    out: &mut impl Write,
) -> io::Result<usize> {
    let whose = |number: usize| yours.get(number - 1).copied().unwrap_or_default();
    let visible = visible_insights(&debate.insights, filter, query);
    if visible.is_empty() && !debate.insights.is_empty() {
        return Ok(0);
    }
    let count = visible.len();
    if format == Format::Toml {
        crate::debate::write_toml(debate, &with_ancestors(debate, visible), out)?;
        return Ok(count);
    }
    let chosen: Vec<(usize, &Insight)> = visible
        .into_iter()
        .map(|i| (i + 1, &debate.insights[i]))
        .collect();
    let levels = levels(debate, &chosen);
    match format {
        Format::Text => text(debate, &levels, &chosen, &whose, out),
        Format::Markdown => markdown(debate, &levels, &chosen, &whose, out),
        Format::Json => json(debate, &chosen, &whose, true, out),
        Format::JsonLine | Format::Toml => json(debate, &chosen, &whose, false, out),
    }?;
    Ok(count)
}

/// The insights at `chosen` and every insight they reply to, up to the thesis, in order: a
/// file where a reply names a parent that is not there would not read back.
fn with_ancestors(debate: &Debate, chosen: Vec<usize>) -> Vec<usize> {
    let mut keep = vec![false; debate.insights.len()];
    for i in chosen {
        let mut at = Some(i);
        while let Some(i) = at {
            if std::mem::replace(&mut keep[i], true) {
                break;
            }
            at = debate.insights[i].reply.and_then(|r| r.parent);
        }
    }
    (0..keep.len()).filter(|&i| keep[i]).collect()
}

/// How deep each chosen insight stands among those written: the number of what it replies
/// to, up the tree, that is written too. Where `--only` or `--grep` leave out a parent, its
/// replies move up rather than sit under an insight they do not answer; `None` for a flat
/// debate.
fn levels(debate: &Debate, chosen: &[(usize, &Insight)]) -> Option<Vec<usize>> {
    if debate.insights.iter().all(|i| i.reply.is_none()) {
        return None;
    }
    let mut written = vec![false; debate.insights.len()];
    for (number, _) in chosen {
        written[number - 1] = true;
    }
    Some(
        chosen
            .iter()
            .map(|(_, insight)| {
                let mut level = 0;
                let mut at = insight.reply.and_then(|r| r.parent);
                // Bounded: the tree's parents never loop, but a bound costs nothing.
                for _ in 0..debate.insights.len() {
                    let Some(p) = at else { break };
                    level += usize::from(written[p]);
                    at = debate.insights[p].reply.and_then(|r| r.parent);
                }
                level
            })
            .collect(),
    )
}

/// Two spaces a level of the tree, up to a limit.
fn indent(levels: &Option<Vec<usize>>, k: usize) -> String {
    let level = levels.as_ref().and_then(|l| l.get(k)).copied().unwrap_or(0);
    "  ".repeat(level.min(12))
}

/// `↳ attacks #4` for a reply: what it answers, by number.
fn replies_to(insight: &Insight) -> Option<String> {
    let reply = insight.reply?;
    Some(match reply.parent {
        Some(p) => format!("{} #{}", reply.relation.name(), p + 1),
        None => format!("{} the thesis", reply.relation.name()),
    })
}

/// ` (yours)` after a stance that is yours.
fn yours_mark(yours: bool) -> &'static str {
    if yours { " (yours)" } else { "" }
}

/// How a note is introduced: yours, or the file's reason.
fn note_label(yours: bool) -> &'static str {
    if yours { "Your note" } else { "Why" }
}

fn text(
    debate: &Debate,
    levels: &Option<Vec<usize>>,
    chosen: &[(usize, &Insight)],
    whose: &dyn Fn(usize) -> Yours,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(out, "{}", debate.title)?;
    if let Some(source) = &debate.source {
        writeln!(out, "Source: {source}")?;
    }
    writeln!(out, "\n{}", debate.thesis)?;
    for (k, (number, insight)) in chosen.iter().enumerate() {
        let pad = indent(levels, k);
        let id = insight
            .id
            .as_ref()
            .map_or(String::new(), |id| format!(" {id}"));
        let reply = replies_to(insight).map_or(String::new(), |r| format!(" · {r}"));
        let (your_stance, your_note) = whose(*number);
        writeln!(
            out,
            "\n{pad}[{number}]{id} {}{}{reply}",
            insight.stance.label(),
            yours_mark(your_stance)
        )?;
        for line in insight.text.lines() {
            // A blank line stays blank: no trailing spaces.
            let pad = if line.is_empty() { "" } else { pad.as_str() };
            writeln!(out, "{pad}{line}")?;
        }
        if let Some(note) = &insight.note {
            writeln!(
                out,
                "{pad}{}: {}",
                note_label(your_note),
                note.replace('\n', &format!("\n{pad}"))
            )?;
        }
        for source in &insight.sources {
            writeln!(out, "{pad}Source: {source}")?;
        }
    }
    Ok(())
}

fn markdown(
    debate: &Debate,
    levels: &Option<Vec<usize>>,
    chosen: &[(usize, &Insight)],
    whose: &dyn Fn(usize) -> Yours,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(out, "# {}", md(&one_line(&debate.title)))?;
    if let Some(source) = &debate.source {
        writeln!(out, "\nSource: {}", md(source))?;
    }
    writeln!(out, "\n{}", quote_block(&md(&debate.thesis)))?;
    if levels.is_some() {
        return markdown_tree(levels, chosen, whose, out);
    }
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
            let (your_stance, your_note) = whose(*number);
            writeln!(
                out,
                "\n**{number}.**{} {}",
                if your_stance { " *(yours)*" } else { "" },
                md(&insight.text)
            )?;
            if let Some(note) = &insight.note {
                writeln!(out, "\n*{}:* {}", note_label(your_note), md(note))?;
            }
        }
    }
    Ok(())
}

/// An argument map as nested Markdown lists, in the map's order: each reply under what it
/// answers.
fn markdown_tree(
    levels: &Option<Vec<usize>>,
    chosen: &[(usize, &Insight)],
    whose: &dyn Fn(usize) -> Yours,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(out)?;
    for (k, (number, insight)) in chosen.iter().enumerate() {
        let pad = indent(levels, k);
        let reply = replies_to(insight).map_or(String::new(), |r| format!(", {r}"));
        // In brackets: an id such as `1.2.` at the start would read as a list number.
        let id = insight
            .id
            .as_ref()
            .map_or(String::new(), |id| format!(" {}", md(&format!("({id})"))));
        // The lines of an item stand under its text; a blank line stays blank.
        let inner = format!("{pad}  ");
        let nest = |s: &str| {
            s.split('\n')
                .map(|l| {
                    if l.is_empty() {
                        String::new()
                    } else {
                        format!("{inner}{l}")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let body = nest(&md(&insight.text));
        let body = body.strip_prefix(inner.as_str()).unwrap_or(&body);
        let (your_stance, your_note) = whose(*number);
        writeln!(
            out,
            "{pad}- **{number}.**{id} *{}{}{reply}:* {body}",
            insight.stance.name(),
            yours_mark(your_stance)
        )?;
        if let Some(note) = &insight.note {
            let label = note_label(your_note);
            writeln!(out, "\n{}\n", nest(&format!("*{label}:* {}", md(note))))?;
        }
        for source in &insight.sources {
            writeln!(out, "\n{}\n", nest(&format!("Source: {}", md(source))))?;
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
    /// The tree (#12), left out of flat debates so that their shape stays as it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    /// The number of the insight replied to; `0` is the thesis.
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    relation: Option<Relation>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    sources: &'a [String],
    /// The stance is the reader's own (#13); left out when it is the file's.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    your_stance: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    your_note: bool,
}

fn json(
    debate: &Debate,
    chosen: &[(usize, &Insight)],
    whose: &dyn Fn(usize) -> Yours,
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
                id: i.id.as_deref(),
                parent: i.reply.map(|r| r.parent.map_or(0, |p| p + 1)),
                relation: i.reply.map(|r| r.relation),
                sources: &i.sources,
                your_stance: whose(*number).0,
                your_note: whose(*number).1,
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
            // GitHub makes a link of `www.…` and of `name@host` wherever they stand (#14).
            let www =
                c == '.' && j >= 3 && trimmed.as_bytes()[j - 3..j].eq_ignore_ascii_case(b"www");
            if at_start
                || after_number
                || www
                || matches!(
                    c,
                    '\\' | '`'
                        | '*'
                        | '_'
                        | '['
                        | ']'
                        | '<'
                        | '>'
                        | '|'
                        | '~'
                        | '!'
                        | '&'
                        | ':'
                        | '@'
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
        assert_eq!(md("see WWW.example.com/x"), "see WWW\\.example.com/x");
        assert_eq!(md("mail name@example.com"), "mail name\\@example.com");
        assert_eq!(md("a www b"), "a www b", "only www. links");
    }
}
