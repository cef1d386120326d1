//! Compiles the built-in debate (`seeds/export-controls.toml`) into Rust data, so that plain
//! `stance` starts without parsing TOML: that parse was a quarter of a millisecond of every
//! launch. The reader's own parser stays the judge: a test checks that this data is exactly
//! what it makes of the same file, cleaning included.

use std::fmt::Write as _;
use std::path::Path;

const SEED: &str = "seeds/export-controls.toml";

fn main() {
    println!("cargo::rerun-if-changed={SEED}");
    let text = std::fs::read_to_string(SEED).unwrap_or_else(|e| panic!("{SEED}: {e}"));
    let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("{SEED}: {e}"));
    let mut code = String::from("Debate {\n");
    for (key, value) in &table {
        match (key.as_str(), value) {
            ("title" | "thesis", toml::Value::String(s)) => {
                writeln!(code, "    {key}: String::from({s:?}),").expect("write to a String");
            }
            ("source", toml::Value::String(s)) => {
                writeln!(code, "    source: Some(String::from({s:?})),")
                    .expect("write to a String");
            }
            ("insights", toml::Value::Array(insights)) => {
                code.push_str("    insights: vec![\n");
                for insight in insights {
                    code.push_str(&insight_code(insight));
                }
                code.push_str("    ],\n");
            }
            _ => panic!("{SEED}: `{key}` is not something the built-in debate can carry"),
        }
    }
    if !table.contains_key("source") {
        code.push_str("    source: None,\n");
    }
    code.push_str("}\n");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("builtin_debate.rs"), code)
        .expect("writing the built-in debate");
}

fn insight_code(insight: &toml::Value) -> String {
    let table = insight
        .as_table()
        .unwrap_or_else(|| panic!("{SEED}: an insight is not a table"));
    let (mut text, mut stance, mut note) = (None, "Unrated".to_string(), "None".to_string());
    for (key, value) in table {
        match (key.as_str(), value) {
            ("text", toml::Value::String(s)) => text = Some(format!("String::from({s:?})")),
            ("stance", toml::Value::String(s)) => {
                let mut name = s.clone();
                name[..1].make_ascii_uppercase();
                stance = name;
            }
            ("note", toml::Value::String(s)) => note = format!("Some(String::from({s:?}))"),
            _ => panic!("{SEED}: `{key}` is not something an insight can carry"),
        }
    }
    let text = text.unwrap_or_else(|| panic!("{SEED}: an insight has no text"));
    format!(
        "        Insight {{\n            text: {text},\n            stance: Stance::{stance},\n            note: {note},\n        }},\n"
    )
}
