//! Writing a debate in its own file format (`--print --format toml`, #12): what any format
//! reads, trees included, as a file that reads back to the same debate.

use std::collections::HashSet;
use std::io::{self, Write};

use serde::Serialize;

use super::{Debate, Insight, Relation, Stance};

#[derive(Serialize)]
struct DebateOut<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    thesis: &'a str,
    insights: Vec<InsightOut<'a>>,
}

#[derive(Serialize)]
struct InsightOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    relation: Option<Relation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stance: Option<Stance>,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    sources: &'a [String],
}

/// Writes the insights of `debate` at `indices` (which hold every parent of every reply
/// among them) as a debate file.
///
/// A reply's stance is left to be worked out again from its parent, as it was when it was
/// read; it is written where it is not what that gives (a stance a file stated) and where it
/// is `mixed`, which a tree of single parents cannot give back by itself.
pub fn write_toml(debate: &Debate, indices: &[usize], out: &mut impl Write) -> io::Result<()> {
    let insights = &debate.insights;
    // Every format names the insights of its trees; a parent that has no name is given its
    // number, `#N`, on itself and on its replies.
    let name = |p: usize| {
        insights[p]
            .id
            .clone()
            .unwrap_or_else(|| format!("#{}", p + 1))
    };
    let parents: HashSet<usize> = indices
        .iter()
        .filter_map(|&i| insights[i].reply.and_then(|r| r.parent))
        .collect();
    let doc = DebateOut {
        title: &debate.title,
        source: debate.source.as_deref(),
        thesis: &debate.thesis,
        insights: indices
            .iter()
            .map(|&i| {
                let insight = &insights[i];
                InsightOut {
                    id: (insight.id.is_some() || parents.contains(&i)).then(|| name(i)),
                    parent: insight.reply.and_then(|r| r.parent).map(name),
                    relation: insight.reply.map(|r| r.relation),
                    stance: stated(insights, insight),
                    text: &insight.text,
                    note: insight.note.as_deref(),
                    sources: &insight.sources,
                }
            })
            .collect(),
    };
    let text = toml::to_string_pretty(&doc).map_err(io::Error::other)?;
    out.write_all(text.as_bytes())
}

/// The stance to write for `insight`: `None` where reading the file back works it out.
fn stated(insights: &[Insight], insight: &Insight) -> Option<Stance> {
    let Some(reply) = insight.reply else {
        return (insight.stance != Stance::Unrated).then_some(insight.stance);
    };
    let above = reply.parent.map_or(Stance::Agrees, |p| insights[p].stance);
    let derived = reply.relation.stance_under(above);
    (insight.stance != derived || insight.stance == Stance::Mixed).then_some(insight.stance)
}
