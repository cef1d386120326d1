//! The frame agrees with the terminal (#14): graphemes whose width ratatui's tables and the
//! C library's (tmux's) dispute leave no stale cell and move nothing after them. Checked in
//! tmux's own view of the screen, measured with the C library's widths, as tmux measures it.

mod common;

use common::tmux::Tmux;

unsafe extern "C" {
    fn wcwidth(c: libc::wchar_t) -> libc::c_int;
}

/// The cells of one row of tmux's screen, as tmux holds them: each character in a cell of
/// its own, wide ones followed by an empty cell, zero-width ones joined to the cell before.
fn cells(row: &str) -> Vec<String> {
    let mut cells: Vec<String> = Vec::new();
    for c in row.chars() {
        // SAFETY: the locale was set up by `locale`; wcwidth takes any value.
        let w = unsafe { wcwidth(c as libc::wchar_t) };
        match w {
            w if w <= 0 => match cells.last_mut() {
                Some(last) => last.push(c),
                None => cells.push(c.to_string()),
            },
            w => {
                cells.push(c.to_string());
                for _ in 1..w {
                    cells.push(String::new());
                }
            }
        }
    }
    cells
}

fn locale() {
    // SAFETY: a valid C string; no other thread of this test uses the locale.
    let set = unsafe { libc::setlocale(libc::LC_CTYPE, c"C.UTF-8".as_ptr()) };
    assert!(
        !set.is_null(),
        "the C.UTF-8 locale is needed to measure as tmux does"
    );
}

/// The detail pane's text as tmux shows it, and a check that every row of the screen is
/// whole: as wide as the window, with the panes' side borders where the frame put them.
fn detail_text(screen: &str, cols: usize) -> String {
    let rows: Vec<Vec<String>> = screen.lines().map(cells).collect();
    let title = rows
        .iter()
        .position(|r| r.concat().contains(" · insight "))
        .unwrap_or_else(|| panic!("no detail pane on the screen:\n{screen}"));
    let corner = |c: &String| ["┌", "┏"].contains(&c.as_str());
    let left = rows[title]
        .iter()
        .rposition(corner)
        .unwrap_or_else(|| panic!("no detail pane corner:\n{screen}"));
    let right = rows[title]
        .iter()
        .rposition(|c| ["┐", "┓"].contains(&c.as_str()))
        .unwrap_or_else(|| panic!("no detail pane corner:\n{screen}"));
    let mut text = String::new();
    for (y, row) in rows.iter().enumerate().skip(title + 1) {
        let edge = |x: usize| row.get(x).map(String::as_str);
        if matches!(edge(left), Some("└" | "┗")) {
            break;
        }
        assert_eq!(
            (edge(left), edge(right)),
            (Some("│"), Some("│")),
            "row {y} of the detail pane is not whole: {:?}\n{screen}",
            row.concat()
        );
        assert_eq!(row.len(), cols, "row {y} is {} cells:\n{screen}", row.len());
        text.push_str(row[left + 1..right].concat().trim());
        text.push(' ');
    }
    text
}

/// The characters of `shown` that are not in `insight` (nor blanks, nor `�`, which stands
/// for what the terminal cannot draw): debris of another insight.
fn debris(shown: &str, insight: &str) -> String {
    shown
        .chars()
        .filter(|&c| c != ' ' && c != '\u{FFFD}' && !insight.contains(c))
        .collect()
}

fn walk_the_insights(cols: u16, rows: u16) {
    locale();
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hostile/widths.toml");
    let debate: toml::Value =
        toml::from_str(&std::fs::read_to_string(file).expect("fixture")).expect("toml");
    let texts: Vec<String> = debate["insights"]
        .as_array()
        .expect("insights")
        .iter()
        .map(|i| i["text"].as_str().expect("text").to_string())
        .collect();
    let t = Tmux::start(&format!("widths-{cols}"), "", &[file], cols, rows);
    t.wait_for("the reader", |t| t.screen().contains("insight 1"));
    // Down and back up: every insight replaces one with other widths.
    let order: Vec<usize> = (1..=texts.len()).chain((1..texts.len()).rev()).collect();
    for (step, &n) in order.iter().enumerate() {
        if step > 0 {
            t.keys(&[if n > order[step - 1] { "j" } else { "k" }]);
        }
        let title = format!(" · insight {n} ");
        t.wait_for(&format!("insight {n}"), |t| t.screen().contains(&title));
        // The frame is written whole, but give the last of it time to arrive.
        std::thread::sleep(std::time::Duration::from_millis(100));
        let screen = t.screen();
        let shown = detail_text(&screen, usize::from(cols));
        let insight = &texts[n - 1];
        assert_eq!(
            debris(&shown, insight),
            "",
            "insight {n} shows characters it does not have:\n{screen}"
        );
        // All of its words are there, in order (it may be cut at the pane's end).
        let first_word = insight.split(' ').find(|w| w.chars().count() > 3);
        if let Some(word) = first_word.filter(|w| !w.contains('\u{378}')) {
            assert!(
                shown.contains(word),
                "insight {n}'s {word:?} is not whole:\n{screen}"
            );
        }
    }
    t.keys(&["q"]);
}

#[test]
fn no_stale_cell_survives_a_disputed_width_in_a_wide_window() {
    walk_the_insights(120, 40);
}

#[test]
fn no_stale_cell_survives_a_disputed_width_in_a_small_window() {
    walk_the_insights(80, 24);
}
