//! The README promises what the program does; these keep it honest.

use std::path::Path;

#[test]
fn the_readme_lists_every_key_as_the_keymap_has_it() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    use stance::keymap::{Mode, help_rows};
    for (keys, help) in help_rows(Mode::Normal)
        .into_iter()
        .chain(help_rows(Mode::Search))
        .chain(help_rows(Mode::Picker))
        .chain(help_rows(Mode::Note))
    {
        let keys: Vec<String> = keys.split(' ').map(|k| format!("`{k}`")).collect();
        let row = format!("| {} | {help} |", keys.join(" "));
        assert!(readme.contains(&row), "README.md lacks the row {row}");
    }
}

#[test]
fn the_readme_shows_the_screen_as_it_is() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let snapshot = std::fs::read_to_string(root.join("tests/snapshots/render__wide_reader.snap"))
        .expect("the wide snapshot");
    let screen: Vec<&str> = snapshot
        .lines()
        .skip_while(|l| !l.starts_with('"'))
        .map(|l| &l[1..l.len() - 1])
        .collect();
    assert_eq!(screen.len(), 40);
    assert!(
        readme.contains(&screen.join("\n")),
        "README.md's capture differs from tests/snapshots/render__wide_reader.snap"
    );
}

/// Each theme's capture in the README is the lower half of that theme's snapshot.
#[test]
fn the_readme_shows_each_theme_as_it_is() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    for name in ["dark", "light", "high-contrast", "colorblind"] {
        let file = format!("tests/snapshots/render__theme_{name}.snap");
        let snapshot = std::fs::read_to_string(root.join(&file)).expect("a theme snapshot");
        let rows: Vec<&str> = snapshot
            .lines()
            .skip_while(|l| !l.starts_with('"'))
            .map(|l| &l[1..l.len() - 1])
            .skip_while(|l| !l.starts_with('┏'))
            .collect();
        assert!(rows.len() > 3, "{file} has no focused list pane");
        let block = format!("`{name}`:\n\n```\n{}\n```", rows.join("\n"));
        assert!(
            readme.contains(&block),
            "README.md's `{name}` capture differs from {file}"
        );
    }
}

/// Every example of an error in the README (a `$ stance …` line and the line it prints) is
/// what the program prints now, word for word, with status 2.
#[test]
fn the_readme_error_examples_are_what_stance_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let lines: Vec<&str> = readme.lines().collect();
    let mut checked = 0;
    for pair in lines.windows(2) {
        let Some(command) = pair[0].strip_prefix("$ stance ") else {
            continue;
        };
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_stance"))
            .env(
                "XDG_DATA_HOME",
                concat!(env!("CARGO_TARGET_TMPDIR"), "/no-readings"),
            )
            .args(command.split(' '))
            .current_dir(root)
            // No user config or themes of whoever runs the tests.
            .env(
                "XDG_CONFIG_HOME",
                root.join("tests/fixtures/no-such-config"),
            )
            .output()
            .expect("run stance");
        assert_eq!(out.status.code(), Some(2), "$ stance {command}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr).trim_end(),
            pair[1],
            "$ stance {command}"
        );
        checked += 1;
    }
    assert!(checked >= 3, "{checked} examples");
}
