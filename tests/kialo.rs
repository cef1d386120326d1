//! Kialo's text export, both versions, through the public API: titles, theses, the tree of
//! replies, the stances worked out from it, links, sources, escapes, several theses, and every
//! kind of broken export refused with its line and column.

use std::path::{Path, PathBuf};
use std::time::Instant;

use stance::debate::{self, Debate, Relation, Reply, Stance};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/kialo")
        .join(name)
}

fn load(name: &str) -> Vec<Debate> {
    debate::load_all(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn one(name: &str) -> Debate {
    let mut debates = load(name);
    assert_eq!(debates.len(), 1, "{name}");
    debates.remove(0)
}

/// The insight with `id`.
fn by_id<'a>(d: &'a Debate, id: &str) -> &'a debate::Insight {
    d.insights
        .iter()
        .find(|i| i.id.as_deref() == Some(id))
        .unwrap_or_else(|| panic!("no insight {id}"))
}

/// Each insight as (id, parent's id, relation, stance).
fn shape(d: &Debate) -> Vec<(&str, Option<&str>, Relation, Stance)> {
    d.insights
        .iter()
        .map(|i| {
            let reply = i.reply.expect("every Kialo claim replies");
            (
                i.id.as_deref().unwrap_or(""),
                reply
                    .parent
                    .map(|p| d.insights[p].id.as_deref().unwrap_or("")),
                reply.relation,
                i.stance,
            )
        })
        .collect()
}

use Relation::{Attacks, Supports};
use Stance::{Agrees, Conflicts};

#[test]
fn the_current_version_reads_paragraphs_links_sources_and_escapes() {
    let d = one("current.txt");
    assert_eq!(d.title, "Should towns plant fruit trees on public streets?");
    assert_eq!(d.source, None);
    assert_eq!(
        d.thesis,
        "Towns should plant fruit trees along public streets (not only ornamental ones)."
    );
    assert_eq!(
        shape(&d),
        [
            ("1.1.", None, Supports, Agrees),
            ("1.1.1.", Some("1.1."), Attacks, Conflicts),
            // A Con of a Con agrees; a Pro of a Con conflicts.
            ("1.1.1.1.", Some("1.1.1."), Attacks, Agrees),
            ("1.1.1.1.1.", Some("1.1.1.1."), Supports, Agrees),
            ("1.1.1.1.2.", Some("1.1.1.1."), Attacks, Conflicts),
            ("1.1.1.2.", Some("1.1.1."), Supports, Conflicts),
            ("1.2.", None, Attacks, Conflicts),
            ("1.2.1.", Some("1.2."), Supports, Conflicts),
            ("1.2.2.", Some("1.2."), Attacks, Agrees),
            ("1.3.", None, Attacks, Conflicts),
        ]
    );
    assert_eq!(
        by_id(&d, "1.1.").text,
        "Fruit trees give free food to anyone who walks past [1].\n\n\
         In a good year one pear tree can give more fruit than a household eats.\n\n\
         A second line of the third paragraph, and its continuation on the next line."
    );
    // Two claims with the same text stay two claims.
    assert_eq!(by_id(&d, "1.1.1.2.").text, "It depends on the season.");
    assert_eq!(by_id(&d, "1.2.1.").text, "It depends on the season.");
    // A link is its target again, wherever the target is in the file.
    let forward = by_id(&d, "1.1.1.1.2.");
    assert_eq!(forward.text, by_id(&d, "1.3.").text);
    assert_eq!(forward.note.as_deref(), Some("The same claim as 1.3."));
    assert_eq!(forward.sources, by_id(&d, "1.3.").sources);
    let back = by_id(&d, "1.2.2.");
    assert_eq!(back.text, by_id(&d, "1.1.1.1.").text);
    assert_eq!(back.note.as_deref(), Some("The same claim as 1.1.1.1."));
    // Sources in the order first cited, markers kept.
    assert_eq!(
        by_id(&d, "1.1.1.1.").sources,
        [
            "[2] A plain-text report on street tree maintenance, 2019",
            "[1] https://example.org/free-food",
        ]
    );
    assert!(by_id(&d, "1.1.1.1.").text.ends_with("[2] [1]."));
    assert_eq!(
        by_id(&d, "1.1.").sources,
        ["[1] https://example.org/free-food"]
    );
    assert!(by_id(&d, "1.2.").sources.is_empty());
    // Escapes lose their backslash.
    assert_eq!(
        by_id(&d, "1.1.1.").text,
        "Most fruit falls before anyone picks it [citation needed]."
    );
    assert!(by_id(&d, "1.1.1.1.1.").text.contains(" @ "));
    assert!(by_id(&d, "1.2.").text.contains("*in late summer*"));
    assert!(by_id(&d, "1.3.").text.contains("ornamental_trees"));
    for insight in &d.insights {
        assert!(!insight.text.contains('\\'), "{:?}", insight.text);
    }
}

#[test]
fn the_older_version_reads_one_claim_a_line_with_crlf() {
    let bytes = std::fs::read(fixture("older.txt")).expect("read");
    assert!(
        bytes.windows(2).any(|w| w == b"\r\n"),
        "the fixture keeps its CRLF line ends"
    );
    let d = one("older.txt");
    assert_eq!(d.title, "Should a school week have four days?");
    assert_eq!(d.thesis, "Schools should move to a four-day week.");
    assert_eq!(
        shape(&d),
        [
            ("1.1.", None, Supports, Agrees),
            ("1.1.1.", Some("1.1."), Attacks, Conflicts),
            ("1.1.1.1.", Some("1.1.1."), Attacks, Agrees),
            ("1.2.", None, Attacks, Conflicts),
            ("1.2.1.", Some("1.2."), Supports, Conflicts),
            ("1.2.2.", Some("1.2."), Attacks, Agrees),
            ("1.3.", None, Supports, Agrees),
        ]
    );
    assert_eq!(
        by_id(&d, "1.1.").text,
        "Teachers get a day for planning (and rest)."
    );
    for insight in &d.insights {
        assert!(!insight.text.contains('\r'));
    }
}

#[test]
fn the_older_version_shows_markdown_links_as_their_text_and_follows_links() {
    let d = one("older-links.txt");
    assert_eq!(d.title, "Is cycling in cities safe enough?");
    assert_eq!(d.insights.len(), 7);
    let lanes = by_id(&d, "1.1.");
    assert_eq!(
        lanes.text,
        "Injury rates have fallen where protected lanes were built."
    );
    assert_eq!(
        lanes.sources,
        ["protected lanes: https://example.org/lanes_(study)"]
    );
    assert_eq!(
        by_id(&d, "1.1.1.").sources,
        ["survey: https://example.net/s"]
    );
    // A link, a link back up the tree, and a link to a link.
    assert_eq!(by_id(&d, "1.1.2.").text, by_id(&d, "1.3.").text);
    assert_eq!(by_id(&d, "1.2.1.").text, lanes.text);
    assert_eq!(by_id(&d, "1.2.1.").sources, lanes.sources);
    assert_eq!(by_id(&d, "1.3.1.").text, lanes.text);
    assert_eq!(
        by_id(&d, "1.3.1.").note.as_deref(),
        Some("The same claim as 1.1.")
    );
    // A Con of a Con, and a Con of a Pro: the relation is the link line's own.
    assert_eq!(by_id(&d, "1.2.1.").stance, Agrees);
    assert_eq!(by_id(&d, "1.3.1.").stance, Conflicts);
}

#[test]
fn a_question_with_three_theses_is_three_debates() {
    let debates = load("multi.txt");
    assert_eq!(debates.len(), 3);
    let question = "How should a city cut traffic noise? · Question: What is the best way for a city to reduce traffic noise in residential streets?";
    for d in &debates {
        assert_eq!(d.source.as_deref(), Some(question));
    }
    let titles: Vec<&str> = debates.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Lower the speed limit to 30 km/h on every residential street…",
            "Plant hedges.",
            "Build noise barriers along the main roads.",
        ]
    );
    assert_eq!(
        debates[0].thesis,
        "Lower the speed limit to 30 km/h on every residential street in the whole city, without exceptions."
    );
    assert_eq!(
        shape(&debates[0]),
        [
            ("1.1.1.", None, Supports, Agrees),
            ("1.1.1.1.", Some("1.1.1."), Attacks, Conflicts),
            ("1.1.2.", None, Attacks, Conflicts),
        ]
    );
    assert_eq!(
        shape(&debates[1]),
        [
            ("1.2.1.", None, Supports, Agrees),
            ("1.2.2.", None, Attacks, Conflicts),
        ]
    );
    // A link into another thesis's tree still brings the claim's text.
    assert_eq!(
        debates[1].insights[1].text,
        "Electric cars are quiet at any speed."
    );
    assert_eq!(debates[2].insights.len(), 1);
    assert_eq!(
        debates[2].insights[0].reply,
        Some(Reply {
            parent: None,
            relation: Attacks
        })
    );
    let single = debate::parse(
        &std::fs::read_to_string(fixture("multi.txt")).expect("read"),
        Path::new("multi.txt"),
    );
    assert!(single.is_err(), "three debates are not one");
}

#[test]
fn an_export_is_a_debate_and_crlf_reads_the_same() {
    let text = std::fs::read_to_string(fixture("current.txt")).expect("read");
    assert!(debate::is_debate(&text, Path::new("k.txt")));
    let crlf = format!("\u{FEFF}{}", text.replace('\n', "\r\n"));
    assert_eq!(
        debate::parse_all(&crlf, Path::new("current.txt")).expect("crlf"),
        load("current.txt")
    );
    // An editor that strips trailing spaces empties the paragraph-break lines: an empty line
    // followed by more text at the claim's indent is still a paragraph of that claim.
    let stripped: String = text
        .lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    assert_eq!(
        debate::parse_all(&stripped, Path::new("current.txt")).expect("stripped"),
        load("current.txt")
    );
}

#[test]
fn every_fixture_reads_back_from_its_toml() {
    for name in ["current.txt", "older.txt", "older-links.txt", "multi.txt"] {
        for d in load(name) {
            let mut buf = Vec::new();
            let all: Vec<usize> = (0..d.insights.len()).collect();
            debate::write_toml(&d, &all, &mut buf).expect("write");
            let toml = String::from_utf8(buf).expect("utf-8");
            let back = debate::parse(&toml, Path::new("x.toml"))
                .unwrap_or_else(|e| panic!("{name}: {e}\n{toml}"));
            assert_eq!(back, d, "{name}");
        }
    }
}

#[test]
fn broken_exports_are_refused_where_they_break() {
    let cases = [
        (
            "no-title.txt",
            "2:1: expected the discussion's name on the line after \"Discussion Name:\"",
        ),
        (
            "not-a-child.txt",
            "10:5: the claim 1.5.2. is not a child of an earlier claim: expected 1.5. before it",
        ),
        (
            "header-indent.txt",
            "10:1: the claim 1.1.1. is 2 levels below the top, so expected 4 spaces before it, found 2",
        ),
        (
            "unknown-kind.txt",
            "7:8: expected Thesis, Question, Pro or Con after 1.1., found \"Maybe\"",
        ),
        (
            "no-text.txt",
            "7:3: the claim 1.1. has no text: expected it on the lines after its header, indented by 2 spaces",
        ),
        (
            "missing-link.txt",
            "11:10: the claim 1.2. links to 1.9., which is not in the discussion",
        ),
        (
            "no-thesis.txt",
            "2:1: expected the thesis \"1. …\" first, found 1.1.",
        ),
        (
            "no-claims.txt",
            "4:1: expected the thesis as \"1. Thesis:\", found the end of the file",
        ),
        (
            "bad-source.txt",
            "8:1: expected a source such as \"[1] https://example.org\" after \"Sources:\"",
        ),
        (
            "text-indent.txt",
            "9:2: expected the text of claim 1.1. indented by 2 spaces, or a claim header, found 1 space",
        ),
        (
            "older-no-kind.txt",
            "4:6: expected \"Pro:\" or \"Con:\" after 1.2.",
        ),
        (
            "link-cycle.txt",
            "3:11: the claim 1.1. links to a claim that links back to it: no claim has the text",
        ),
        (
            "duplicate-id.txt",
            "4:1: the claim 1.1. is given already, on line 3",
        ),
        (
            "question-pro.txt",
            "7:3: expected Thesis (a question's claims are its theses) after 1.1., found Pro",
        ),
        (
            "tab-indent.txt",
            "7:2: this reads as a claim header but is not one: expected an id with a dot after each number (1.2.), then Pro:, Con:, Thesis: or Question:, indented by two spaces a level",
        ),
        (
            "header-without-dot.txt",
            "7:3: this reads as a claim header but is not one: expected an id with a dot after each number (1.2.), then Pro:, Con:, Thesis: or Question:, indented by two spaces a level",
        ),
        (
            "older-without-dot.txt",
            "3:1: this reads as a claim header but is not one: expected an id with a dot after each number (1.2.), then Pro:, Con:, Thesis: or Question:, indented by two spaces a level",
        ),
    ];
    let listed = std::fs::read_dir(fixture("invalid"))
        .expect("invalid fixtures")
        .count();
    assert_eq!(listed, cases.len(), "every invalid fixture has a case");
    for (name, expected) in cases {
        let path = fixture(&format!("invalid/{name}"));
        let e = debate::load_all(&path).expect_err(name);
        assert_eq!(e.to_string(), format!("{}:{expected}", path.display()));
    }
}

/// An export the size of a large real discussion: 3,000 claims, about 700 KB, four levels
/// deep, with links, paragraphs and sources.
fn large_export() -> String {
    let mut text =
        String::from("Discussion Name:\nA large discussion\n\n1. Thesis:\nThe thesis.\n\n");
    let filler = "A claim long enough to be like the ones people write, with a clause or two, \
                  and a reason that it gives for itself, cited [1].";
    let mut count = 0;
    'outer: for a in 1..=40 {
        for b in 0..=10 {
            for c in 0..=8 {
                let id = match (b, c) {
                    (0, 0) => format!("1.{a}."),
                    (_, 0) => format!("1.{a}.{b}."),
                    (0, _) => continue,
                    _ => format!("1.{a}.{b}.{c}."),
                };
                let depth = id.matches('.').count();
                let indent = " ".repeat(2 * (depth - 1));
                let kind = if count % 3 == 0 { "Con" } else { "Pro" };
                text.push_str(&format!("{indent}{id} {kind}:\n"));
                if count % 50 == 49 {
                    text.push_str(&format!("{indent}-> See 1.{}.\n\n", 30 - a % 30));
                } else {
                    text.push_str(&format!("{indent}{filler} ({count})\n{indent}\n"));
                    text.push_str(&format!("{indent}{filler}\n{indent}{filler}\n\n"));
                }
                count += 1;
                if count == 3000 {
                    break 'outer;
                }
            }
        }
    }
    text.push_str("Sources:\n[1] https://example.org/a-source\n");
    text
}

#[test]
fn a_large_export_parses_quickly() {
    let text = large_export();
    assert!(text.len() > 600_000, "{}", text.len());
    let start = Instant::now();
    let debates = debate::parse_all(&text, Path::new("large.txt")).expect("large");
    let took = start.elapsed();
    assert_eq!(debates[0].insights.len(), 3000);
    // Generous for a shared machine and an unoptimised build; a quadratic step would show.
    assert!(took.as_millis() < 500, "took {took:?}");
    eprintln!("3,000 claims, {} bytes: {took:?}", text.len());
}
