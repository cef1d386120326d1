//! Argdown maps (#12): each fixture read as the reader sees it, stances derived, each broken
//! map refused with where and why, every other fixture left to the format it was, and every
//! map written as TOML reading back the same.

use std::path::{Path, PathBuf};

use stance::debate::{self, Debate, Relation, Stance};

fn fixture(name: &str) -> PathBuf {
    Path::new("tests/fixtures/argdown").join(name)
}

fn load(name: &str) -> Vec<Debate> {
    debate::load_all(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn one(name: &str) -> Debate {
    let mut debates = load(name);
    assert_eq!(debates.len(), 1, "{name}");
    debates.remove(0)
}

fn ids(d: &Debate) -> Vec<&str> {
    d.insights
        .iter()
        .map(|i| i.id.as_deref().unwrap_or("-"))
        .collect()
}

/// Each insight's parent, by id ("" for the thesis), and relation.
fn replies(d: &Debate) -> Vec<(&str, Relation)> {
    d.insights
        .iter()
        .map(|i| {
            let reply = i.reply.expect("every insight of a map replies");
            let parent = reply
                .parent
                .map_or("", |p| d.insights[p].id.as_deref().unwrap_or("-"));
            (parent, reply.relation)
        })
        .collect()
}

fn stances(d: &Debate) -> Vec<Stance> {
    d.insights.iter().map(|i| i.stance).collect()
}

use Relation::{Attacks as A, Supports as S};
use Stance::{Agrees, Conflicts, Mixed};

#[test]
fn simple_map_a_con_of_a_con_agrees() {
    let d = one("simple.argdown");
    assert_eq!(d.title, "Cities and cars");
    assert_eq!(d.source, None);
    assert_eq!(
        d.thesis,
        "Cities should ban private cars from their centres."
    );
    assert_eq!(
        ids(&d),
        ["Air", "Electric", "Tyres", "Space", "Trade", "Walkers"]
    );
    assert_eq!(
        replies(&d),
        [
            ("", S),
            ("Air", A),
            ("Electric", A),
            ("", S),
            ("", A),
            ("Trade", A)
        ]
    );
    assert_eq!(
        stances(&d),
        [Agrees, Conflicts, Agrees, Agrees, Conflicts, Agrees]
    );
    assert_eq!(d.insights[0].text, "Cleaner air saves lives.");
    assert!(d.insights.iter().all(|i| i.note.is_none()));
}

#[test]
fn every_relation_kind_and_the_syntax_around_it() {
    let d = one("relations.argdown");
    // One thesis: the front matter's title is the debate's.
    assert_eq!(d.title, "Remote work");
    assert_eq!(d.source, None);
    // The tag and the inline data are gone.
    assert_eq!(d.thesis, "Remote work makes teams more productive.");
    assert_eq!(
        ids(&d),
        [
            "Commute",
            "Quiet",
            "Noisy homes",
            "Lonely",
            "Calls",
            "Office",
            "Untitled 1",
            "Trust",
            "Flexible"
        ]
    );
    assert_eq!(
        replies(&d),
        [
            ("", S),       // <+
            ("", S),       // +
            ("Quiet", A),  // _ undercut, defined further down
            ("", A),       // <- a reference, defined further down
            ("Lonely", A), // -> under a definition of its own: Calls attacks Lonely
            ("", A),       // >< contradiction
            ("", A),       // - untitled
            ("", A),       // <_
            ("", S),       // +> under a definition of its own: Flexible supports the thesis
        ]
    );
    assert_eq!(
        stances(&d),
        [
            Agrees, Agrees, Conflicts, Conflicts, Agrees, Conflicts, Conflicts, Conflicts, Agrees
        ]
    );
    let text = |id: &str| {
        d.insights
            .iter()
            .find(|i| i.id.as_deref() == Some(id))
            .map(|i| i.text.as_str())
            .unwrap_or_default()
    };
    // Mentions show as the title in brackets; tags, data and comments go.
    assert_eq!(
        text("Quiet"),
        "Quiet rooms beat open offices for focus, as [Studies] show."
    );
    assert_eq!(text("Lonely"), "Remote workers are lonely, says <Commute>.");
    assert_eq!(
        text("Noisy homes"),
        "Many homes are noisier than any office."
    );
    assert_eq!(text("Office"), "Teams are only productive in an office.");
    assert_eq!(text("Untitled 1"), "Untitled objections need no title.");
    // The premise–conclusion block is the argument's text, a line each.
    assert_eq!(
        text("Trust"),
        "(1) Managers cannot see remote work.\n\
         (2) What managers cannot see, they do not trust.\n\
         ----\n\
         (3) Managers do not trust remote work."
    );
    assert!(
        d.insights
            .iter()
            .all(|i| !i.text.contains("comment") && !i.text.contains("Heading")),
        "comments and headings are not nodes"
    );
}

#[test]
fn reached_in_support_and_in_attack_is_mixed_and_says_why() {
    let d = one("mixed.argdown");
    assert_eq!(d.title, "Thesis");
    assert_eq!(ids(&d), ["Traffic", "Firm", "Jobs"]);
    assert_eq!(replies(&d), [("", S), ("Traffic", A), ("", S)]);
    assert_eq!(stances(&d), [Agrees, Mixed, Agrees]);
    assert_eq!(
        d.insights[1].note.as_deref(),
        Some(
            "Mixed: the map reaches it from the thesis both in support and in attack: \
             it attacks “Traffic” (agrees, so this conflicts); \
             it supports “Jobs” (agrees, so this agrees)."
        )
    );
}

#[test]
fn a_cycle_below_the_thesis_ends() {
    let d = one("cycle.argdown");
    assert_eq!(d.thesis, "Homework helps pupils learn.");
    assert_eq!(ids(&d), ["Practice", "Tired", "Play"]);
    assert_eq!(replies(&d), [("", S), ("Practice", A), ("", A)]);
    assert_eq!(stances(&d), [Agrees, Conflicts, Conflicts]);
    let tree = debate::Tree::of(&d.insights);
    assert_eq!((0..3).map(|i| tree.depth(i)).collect::<Vec<_>>(), [0, 1, 0]);
}

#[test]
fn two_theses_are_two_debates() {
    let debates = load("two-theses.argdown");
    assert_eq!(debates.len(), 2);
    let (a, b) = (&debates[0], &debates[1]);
    assert_eq!(
        (a.title.as_str(), a.source.as_deref()),
        ("Uniforms", Some("Two questions about school"))
    );
    assert_eq!(a.thesis, "Schools should keep uniforms.");
    assert_eq!(ids(a), ["Equal", "Cost"]);
    assert_eq!(stances(a), [Agrees, Conflicts]);
    assert_eq!(b.title, "Start");
    assert_eq!(b.thesis, "School should start later.");
    assert_eq!(ids(b), ["Sleep"]);
    assert_eq!(stances(b), [Agrees]);
    // One debate was expected: say how many there are.
    let e = debate::load_path(&fixture("two-theses.argdown")).expect_err("two debates");
    assert_eq!(
        e.to_string(),
        "tests/fixtures/argdown/two-theses.argdown: holds 2 debates where one was expected"
    );
}

#[test]
fn content_alone_makes_a_map_argdown() {
    let text = std::fs::read_to_string(fixture("simple.argdown")).expect("fixture");
    let without_front_matter = text.splitn(3, "===").nth(2).unwrap_or_default();
    let d = debate::parse(without_front_matter, Path::new("-")).expect("read as Argdown");
    assert_eq!(d.title, "Ban");
    assert_eq!(d.insights.len(), 6);
    assert!(debate::is_debate(without_front_matter, Path::new("a.txt")));
}

#[test]
fn every_broken_map_says_where_and_what_was_expected() {
    let cases = [
        (
            "unclosed-title",
            "2:5: this [ opens the title of a statement that is never closed: expected ] on the same line",
        ),
        (
            "unclosed-argument",
            "2:5: this < opens the title of an argument that is never closed: expected > on the same line",
        ),
        (
            "empty-title",
            "2:5: an empty title: expected a title between [ and ]",
        ),
        (
            "unclosed-comment",
            "3:1: this /* comment is never closed: expected */ to end it",
        ),
        (
            "unclosed-html-comment",
            "1:1: this <!-- comment is never closed: expected --> to end it",
        ),
        (
            "unclosed-front-matter",
            "1:1: the front matter opened here is never closed: expected a line of === after it",
        ),
        (
            "empty-relation",
            "3:3: nothing after -: expected a statement ([Title], [Title]: text, or text) or an argument (<Title>)",
        ),
        (
            "relation-without-node",
            "3:3: + relates to nothing: expected a statement or argument above it, less indented, with no blank line between",
        ),
        (
            "indentation-jump",
            "4:3: the indentation jumps back to 2 columns, which no line above it in this tree has: expected 4 or 8 columns, as a line above it",
        ),
        (
            "no-thesis",
            " has no thesis: every statement and argument in it supports or attacks another (a thesis is supported or attacked, and supports or attacks nothing)",
        ),
        (
            "no-relations",
            " holds no relations: expected a thesis with replies under it, as \"[Thesis]: text\" then \"  + [Reason]: text\" or \"  - [Objection]: text\"",
        ),
    ];
    let folder = Path::new("tests/fixtures/argdown/invalid");
    let count = std::fs::read_dir(folder).expect("invalid folder").count();
    assert_eq!(count, cases.len(), "a case for every invalid fixture");
    for (name, message) in cases {
        let path = folder.join(format!("{name}.argdown"));
        let e = debate::load_all(&path).expect_err(name);
        assert_eq!(
            e.to_string(),
            format!("{}:{message}", path.display()),
            "{name}"
        );
    }
}

/// Files of every other format under tests/fixtures and tests/hostile.
fn other_fixtures() -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![
        PathBuf::from("tests/fixtures"),
        PathBuf::from("tests/hostile"),
    ];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("fixtures").flatten() {
            let path = entry.path();
            if path.is_dir() {
                // Themes and config are not debates; Kialo exports are maps of their own,
                // recognised before Argdown is looked for.
                if !["argdown", "kialo", "themes", "config"]
                    .iter()
                    .any(|n| path.ends_with(n))
                {
                    folders.push(path);
                }
            } else if path.ends_with("tree.toml") || path.ends_with("tree-unordered.toml") {
                // A map in the debate file format: its replies are TOML's.
                continue;
            } else if path
                .extension()
                .is_some_and(|e| ["toml", "txt", "md"].contains(&e.to_string_lossy().as_ref()))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn no_other_fixture_is_taken_for_argdown() {
    let argdown_words = [
        "relates to nothing",
        "holds no relations",
        "has no thesis",
        "opens the title",
        "comment is never closed",
        "front matter",
        "nothing after",
        "indentation",
    ];
    let files = other_fixtures();
    assert!(files.len() > 25, "{files:?}");
    for path in files {
        // Read as text, or refused as not UTF-8, as before.
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        match debate::parse_all(&text, &path) {
            // TOML and pages in the fixtures are flat: an Argdown map replies everywhere.
            Ok(debates) => {
                for d in debates {
                    assert!(
                        d.insights.iter().all(|i| i.reply.is_none()),
                        "{}",
                        path.display()
                    );
                }
            }
            Err(e) => {
                let e = e.to_string();
                assert!(
                    !argdown_words.iter().any(|w| e.contains(w)),
                    "{}: {e}",
                    path.display()
                );
            }
        }
    }
    // And the titles of a few, as they were.
    let title = |p: &str| {
        debate::load_path(Path::new(p))
            .map(|d| d.title)
            .unwrap_or_else(|e| e.to_string())
    };
    assert_eq!(title("tests/fixtures/minimal.toml"), "Minimal");
    assert_eq!(
        title("tests/fixtures/folder/alpha.toml"),
        "Alpha: cities should ban cars"
    );
    assert!(!title("tests/fixtures/pages/title-and-bar.txt").contains(".txt"));
}

#[test]
fn every_map_reads_back_the_same_from_toml() {
    for name in [
        "simple.argdown",
        "relations.argdown",
        "mixed.argdown",
        "cycle.argdown",
        "two-theses.argdown",
    ] {
        for (n, d) in load(name).into_iter().enumerate() {
            let mut buf = Vec::new();
            let all: Vec<usize> = (0..d.insights.len()).collect();
            debate::write_toml(&d, &all, &mut buf).expect("written");
            let toml = String::from_utf8(buf).expect("UTF-8");
            let back = debate::parse(&toml, Path::new("x.toml"))
                .unwrap_or_else(|e| panic!("{name} #{n}: {e}\n{toml}"));
            assert_eq!(back, d, "{name} #{n}:\n{toml}");
        }
    }
}

/// A premise–conclusion block keeps every line, its inference rule on lines of its own too
/// (from a new-user review: the rule and the conclusion after it were lost).
#[test]
fn an_inference_rule_over_several_lines_keeps_the_block_whole() {
    for (text, expected) in [
        (
            "[T]: Thesis.\n  <+ <A>\n\n<A>: Desc.\n\n(1) P one.\n(2) P two.\n--\nModus ponens\n--\n(3) Conclusion.\n",
            "Desc.\n(1) P one.\n(2) P two.\n-- Modus ponens --\n(3) Conclusion.",
        ),
        (
            "[T]: Thesis.\n  <+ <A>\n\n<A>: Desc.\n\n(1) P one.\n----\n(2) Conclusion.\n",
            "Desc.\n(1) P one.\n----\n(2) Conclusion.",
        ),
        (
            "[T]: Thesis.\n  <+ <A>\n\n<A>: Desc.\n\n(1) P one.\n-- Modus ponens --\n(2) Conclusion.\n",
            "Desc.\n(1) P one.\n-- Modus ponens --\n(2) Conclusion.",
        ),
    ] {
        let d = debate::parse(text, Path::new("pcs.argdown")).expect("a map");
        assert_eq!(d.insights[0].text, expected);
    }
}
