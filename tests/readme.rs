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
