//! Synthetic debates of any size, for benchmarks and for trying `stance` on a large file
//! (`cargo run --release --example gen-debate -- N [--plain]`). Each insight has one to six
//! sentences, a stance of all four kinds and a note; some text is not ASCII. The same N always
//! gives the same debate.

use std::io::{self, Write};

const SUBJECTS: &[&str] = &[
    "Export controls",
    "China's chip industry",
    "The semiconductor supply chain",
    "Domestic GPU makers",
    "Huawei's Ascend line",
    "State investment",
    "The counterfactual",
    "Beijing's planners",
    "American hyperscalers",
    "Lithography tools",
    "Le marché européen",
    "中国的半导体产业",
];
const VERBS: &[&str] = &[
    "accelerated",
    "slowed",
    "reshaped",
    "barely touched",
    "redirected",
    "exposed",
    "strengthened",
    "complicated",
];
const OBJECTS: &[&str] = &[
    "the drive for self-sufficiency",
    "the race for advanced AI",
    "investment in domestic fabs",
    "the market for older nodes",
    "dependence on foreign suppliers",
    "the pace of indigenization",
    "la dépendance technologique",
    "long-term competitiveness 🚀",
];
const TAILS: &[&str] = &[
    "since 2014",
    "despite the easing of restrictions",
    "according to industry analysts",
    "in ways few predicted",
    "at great cost",
    "more than the headlines suggest",
];
const STANCES: &[&str] = &["agrees", "conflicts", "mixed", "unrated"];

/// A small deterministic generator, so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

fn clause(rng: &mut Rng) -> String {
    format!(
        "{} {} {} {}",
        rng.pick(SUBJECTS),
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(TAILS)
    )
}

/// A sentence, two clauses long two times in five.
fn sentence(rng: &mut Rng) -> String {
    let first = clause(rng);
    if rng.next() % 5 < 2 {
        format!("{first}, while {}.", clause(rng).to_lowercase())
    } else {
        format!("{first}.")
    }
}

fn text(rng: &mut Rng) -> String {
    let n = 1 + rng.next() % 6;
    (0..n).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

/// Writes a debate of `n` insights to `out`: TOML, or the plain page when `plain`.
pub fn write_debate(n: usize, plain: bool, out: &mut impl Write) -> io::Result<()> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let title = format!("A synthetic debate of {n} insights");
    let thesis = "Export controls accelerated China's drive for technological self-sufficiency.";
    if plain {
        writeln!(out, "{thesis}\n\nRelated Insights\n")?;
        for _ in 0..n {
            writeln!(out, "{}\n", text(&mut rng))?;
        }
        writeln!(out, "{title} | gen-debate")?;
    } else {
        writeln!(
            out,
            "title = \"{title}\"\nsource = \"gen-debate\"\nthesis = \"{thesis}\""
        )?;
        for _ in 0..n {
            let stance = rng.pick(STANCES);
            writeln!(
                out,
                "\n[[insights]]\ntext = \"\"\"\n{}\"\"\"",
                text(&mut rng)
            )?;
            writeln!(
                out,
                "stance = \"{stance}\"\nnote = \"{}.\"",
                clause(&mut rng)
            )?;
        }
    }
    Ok(())
}

/// Writes a folder of `count` small debates under `dir` (#11): titles, sources, sizes and
/// balances all differ; most are TOML, one in four a plain page; a hundred to a subfolder.
/// Beside them, a README that is not a debate and one debate that is broken, as a real
/// folder has. The same count always gives the same files.
pub fn write_folder(dir: &std::path::Path, count: usize) -> io::Result<()> {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    std::fs::create_dir_all(dir)?;
    std::fs::write(
        dir.join("README.md"),
        "# Saved debates\n\nNot a debate itself.\n",
    )?;
    std::fs::write(
        dir.join("broken.toml"),
        "title = \"A broken debate\"\nthesis = \"It never closes its string.\n",
    )?;
    for i in 0..count {
        let sub = dir.join(format!("part-{:02}", i / 100));
        std::fs::create_dir_all(&sub)?;
        let title = format!("{} {} ({})", rng.pick(SUBJECTS), rng.pick(OBJECTS), i + 1);
        let source = format!("{}-{}.example", rng.pick(VERBS).replace(' ', "-"), i % 37);
        let thesis = sentence(&mut rng);
        let insights = 5 + (rng.next() % 56) as usize;
        // Each debate leans its own way: a weight for each stance.
        let weights: Vec<u64> = (0..4).map(|_| rng.next() % 10).collect();
        let total: u64 = weights.iter().sum::<u64>().max(1);
        let stance = |rng: &mut Rng| {
            let mut at = rng.next() % total;
            for (k, w) in weights.iter().enumerate() {
                if at < *w {
                    return STANCES[k];
                }
                at -= w;
            }
            "unrated"
        };
        let mut out = String::new();
        let plain = i % 4 == 3;
        if plain {
            out.push_str(&format!("{thesis}\n\nRelated Insights\n\n"));
            for _ in 0..insights {
                out.push_str(&format!("{}\n\n", text(&mut rng)));
            }
            out.push_str(&format!("{title} | {source}\n"));
        } else {
            out.push_str(&format!(
                "title = \"{title}\"\nsource = \"{source}\"\nthesis = \"{thesis}\"\n"
            ));
            for _ in 0..insights {
                let stance = stance(&mut rng);
                out.push_str(&format!(
                    "\n[[insights]]\ntext = \"\"\"\n{}\"\"\"\nstance = \"{stance}\"\n",
                    text(&mut rng)
                ));
            }
        }
        let name = format!("debate-{:04}.{}", i + 1, if plain { "txt" } else { "toml" });
        std::fs::write(sub.join(name), out)?;
    }
    Ok(())
}

/// [`write_debate`] into a string.
pub fn debate_text(n: usize, plain: bool) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_debate(n, plain, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes a Kialo text export (the current version, #12) of `n` claims under one thesis: a
/// tree up to eight levels deep, Pros and Cons, claims of several paragraphs, links to earlier
/// claims and sources cited from a final `Sources:` block. About 240 bytes a claim: 3,000
/// claims make the 700 KB of a large real export.
pub fn write_kialo(n: usize, out: &mut impl Write) -> io::Result<()> {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    writeln!(
        out,
        "Discussion Name:\nA synthetic Kialo discussion of {n} claims\n"
    )?;
    writeln!(
        out,
        "1. Thesis:\nExport controls accelerated China's drive for technological self-sufficiency.\n"
    )?;
    // The path from the thesis to the last claim: each one's id and how many children it has.
    let mut path: Vec<(String, usize)> = vec![("1.".to_string(), 0)];
    let mut ids: Vec<String> = Vec::new();
    let mut sources = 0;
    for k in 0..n {
        // Under the last claim (going deeper), or under one of the claims above it.
        let deepest = path.len().min(8);
        let level = if rng.next().is_multiple_of(3) || deepest == 1 {
            deepest - 1
        } else {
            (rng.next() % deepest as u64) as usize
        };
        path.truncate(level + 1);
        let parent = &mut path[level];
        parent.1 += 1;
        let id = format!("{}{}.", parent.0, parent.1);
        let indent = "  ".repeat(level + 1);
        let kind = if rng.next().is_multiple_of(2) {
            "Pro"
        } else {
            "Con"
        };
        writeln!(out, "{indent}{id} {kind}:")?;
        if k > 10 && rng.next().is_multiple_of(40) {
            let target = &ids[(rng.next() % ids.len() as u64) as usize];
            writeln!(out, "{indent}-> See {target}\n")?;
            // A link has no replies of its own: they are its target's.
            continue;
        }
        let sentences = 1 + rng.next() % 2;
        let mut body = (0..sentences)
            .map(|_| sentence(&mut rng))
            .collect::<Vec<_>>()
            .join(" ");
        if rng.next().is_multiple_of(10) {
            sources += 1;
            body.push_str(&format!(" [{sources}]"));
        }
        writeln!(out, "{indent}{body}")?;
        if rng.next().is_multiple_of(4) {
            writeln!(out, "{indent}\n{indent}{}", sentence(&mut rng))?;
        }
        writeln!(out)?;
        ids.push(id.clone());
        path.push((id, 0));
    }
    writeln!(out, "Sources:")?;
    for s in 1..=sources {
        writeln!(out, "[{s}] https://example.org/report/{s}")?;
    }
    Ok(())
}
