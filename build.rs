//! Compiles the built-in debate (`seeds/export-controls.toml`) and the default theme
//! (`themes/dark.toml`, which every theme is laid over) into Rust data, so that plain `stance`
//! starts without parsing TOML: those parses were a third of a millisecond of every launch. The
//! reader's own parsers stay the judges: tests check that this data is exactly what they make
//! of the same files, cleaning included.

use std::fmt::Write as _;
use std::path::Path;

const SEED: &str = "seeds/export-controls.toml";
const DEFAULT_THEME: &str = "themes/dark.toml";

fn main() {
    debate();
    default_theme();
    srgb_linear();
}

/// The sRGB transfer function for each channel value, for the colour-depth code
/// (src/theme/depth.rs), which must not call `powf` at run time: that alone made the reader
/// load libm at every launch.
fn srgb_linear() {
    let values: Vec<String> = (0..=255u8)
        .map(|v| {
            let s = f64::from(v) / 255.0;
            let linear = if s <= 0.04045 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            };
            format!("{:?}", linear as f32)
        })
        .collect();
    let code = format!("[{}]\n", values.join(", "));
    std::fs::write(out_file("srgb_linear.rs"), code).expect("writing the sRGB table");
}

fn out_file(name: &str) -> std::path::PathBuf {
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    Path::new(&out).join(name)
}

fn debate() {
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
    std::fs::write(out_file("builtin_debate.rs"), code).expect("writing the built-in debate");
}

#[path = "src/theme/keys.rs"]
mod keys;
use keys::{COLOR_NAMES, STANCE_KEYS, UI_KEYS};

fn default_theme() {
    println!("cargo::rerun-if-changed={DEFAULT_THEME}");
    println!("cargo::rerun-if-changed=src/theme/keys.rs");
    let text =
        std::fs::read_to_string(DEFAULT_THEME).unwrap_or_else(|e| panic!("{DEFAULT_THEME}: {e}"));
    let table: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("{DEFAULT_THEME}: {e}"));
    let section = |name: &str| {
        table
            .get(name)
            .and_then(toml::Value::as_table)
            .unwrap_or_else(|| panic!("{DEFAULT_THEME}: no [{name}]"))
    };
    let value = |section_name: &str, key: &str| {
        section(section_name).get(key).unwrap_or_else(|| {
            panic!("{DEFAULT_THEME}: the default theme must set {section_name}.{key}")
        })
    };
    let stance = STANCE_KEYS.map(|s| colour(value("stance", s)));
    let glyphs = STANCE_KEYS.map(|s| match value("glyphs", s) {
        toml::Value::String(g) => format!("String::from({g:?})"),
        other => panic!("{DEFAULT_THEME}: glyphs.{s} = {other} is not a string"),
    });
    let mut code = String::from("Theme {\n");
    writeln!(code, "    stance: [{}],", stance.join(", ")).expect("write to a String");
    writeln!(code, "    glyphs: [{}],", glyphs.join(", ")).expect("write to a String");
    for key in UI_KEYS {
        writeln!(code, "    {key}: {},", colour(value("ui", key))).expect("write to a String");
    }
    code.push_str("    monochrome: false,\n}\n");
    std::fs::write(out_file("default_theme.rs"), code).expect("writing the default theme");
}

fn not_a_colour(value: &toml::Value) -> ! {
    panic!("{DEFAULT_THEME}: {value} is not a colour")
}

/// A theme colour as a `ratatui::style::Color` expression.
fn colour(value: &toml::Value) -> String {
    let text = match value {
        toml::Value::Integer(n) => {
            return format!(
                "Color::Indexed({})",
                u8::try_from(*n).unwrap_or_else(|_| not_a_colour(value))
            );
        }
        toml::Value::String(s) => s.trim(),
        _ => not_a_colour(value),
    };
    if let Some(hex) = text.strip_prefix('#') {
        let hex = keys::hex_digits(hex).unwrap_or_else(|| not_a_colour(value));
        let n = u32::from_str_radix(&hex, 16).unwrap_or_else(|_| not_a_colour(value));
        return format!("Color::Rgb({}, {}, {})", n >> 16, (n >> 8) & 0xff, n & 0xff);
    }
    if let Ok(n) = text.parse::<u8>() {
        return format!("Color::Indexed({n})");
    }
    COLOR_NAMES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(text))
        .map(|(_, variant)| format!("Color::{variant}"))
        .unwrap_or_else(|| not_a_colour(value))
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
        "        Insight {{\n            text: {text},\n            stance: Stance::{stance},\n            note: {note},\n            ..Insight::default()\n        }},\n"
    )
}
