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
