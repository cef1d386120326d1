//! The picker (#11): every debate opened, one row each, filtered fuzzily as the reader types
//! (nucleo's matcher, as in helix's and television's pickers) over title, source and thesis,
//! best match first. Pure: it knows the library, not the terminal.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};
use unicode_segmentation::UnicodeSegmentation;

use crate::action::Edit;
use crate::library::{Entry, Library, State};
use crate::prompt::Prompt;

/// The order of the rows when nothing is typed (and of rows that match equally well).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Title,
    /// Most evenly argued first.
    Contested,
}

impl Sort {
    pub fn name(self) -> &'static str {
        match self {
            Sort::Title => "by title",
            Sort::Contested => "most contested first",
        }
    }
}

/// A row on show: the entry, and which graphemes of its title and source the query matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub entry: usize,
    pub title_matches: Vec<u32>,
    pub source_matches: Vec<u32>,
}

#[derive(Debug, Clone)]
pub struct Picker {
    prompt: Prompt,
    sort: Sort,
    rows: Vec<Row>,
    /// Position in `rows` of the selected row.
    selected: usize,
    /// Position in `rows` of the first row on screen.
    offset: usize,
    /// The entry selected, kept across refreshes so that rows filling in do not move it.
    anchor: Option<usize>,
    /// Rows on screen, for paging; set by the application from the layout.
    page: usize,
    matcher: Matcher,
    /// What the filter matches in each entry, made once: making it again for every entry on
    /// every keystroke was most of a keystroke's cost at 1,000 debates.
    haystacks: Vec<Option<Haystack>>,
    /// The query the rows were matched against: a longer one only narrows them.
    matched: String,
}

/// An entry's title, source and thesis as the matcher reads them, and where each part ends.
#[derive(Debug, Clone)]
struct Haystack {
    text: Utf32String,
    title_len: u32,
    source_len: u32,
}

impl Picker {
    /// A picker over `library`, in `sort`, with `current` (the debate being read) selected.
    pub fn new(library: &Library, current: Option<usize>, sort: Sort) -> Picker {
        let mut picker = Picker {
            prompt: Prompt::new(""),
            sort,
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            anchor: current,
            page: 1,
            matcher: Matcher::new(Config::DEFAULT),
            haystacks: Vec::new(),
            matched: String::new(),
        };
        picker.refresh(library);
        picker
    }

    pub fn query(&self) -> &str {
        self.prompt.text()
    }

    pub fn prompt(&self) -> &Prompt {
        &self.prompt
    }

    pub fn sort(&self) -> Sort {
        self.sort
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn selected(&self) -> Option<usize> {
        (!self.rows.is_empty()).then_some(self.selected)
    }

    /// The entry of the selected row.
    pub fn selected_entry(&self) -> Option<usize> {
        self.rows.get(self.selected).map(|r| r.entry)
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    /// What of the picker shows on screen, to tell whether a key changed it.
    pub fn view_key(&self) -> (String, usize, Sort, usize, usize) {
        (
            self.prompt.text().to_string(),
            self.prompt.cursor_byte(),
            self.sort,
            self.selected,
            self.offset,
        )
    }

    pub fn set_page(&mut self, rows: usize) {
        self.page = rows.max(1);
        self.keep_in_view();
    }

    pub fn type_text(&mut self, library: &Library, text: &str) {
        self.prompt.insert(text);
        self.requery(library);
    }

    pub fn edit(&mut self, library: &Library, edit: Edit) {
        self.prompt.edit(edit);
        self.requery(library);
    }

    pub fn toggle_sort(&mut self, library: &Library) {
        self.sort = match self.sort {
            Sort::Title => Sort::Contested,
            Sort::Contested => Sort::Title,
        };
        self.refresh(library);
    }

    /// Moves the selection by `by` rows (a page is [`Picker::set_page`]'s rows), stopping at
    /// the ends.
    pub fn move_by(&mut self, by: isize) {
        if self.rows.is_empty() {
            return;
        }
        let last = self.rows.len() - 1;
        self.selected = self.selected.saturating_add_signed(by).min(last);
        self.anchor = self.selected_entry();
        self.keep_in_view();
    }

    pub fn move_pages(&mut self, pages: isize) {
        self.move_by(pages * self.page as isize);
    }

    /// Entry `index` was read or changed: what the filter matches in it is made again.
    pub fn forget(&mut self, index: usize) {
        if let Some(slot) = self.haystacks.get_mut(index) {
            *slot = None;
        }
        // The rows narrowed so far may now lack it.
        self.matched.clear();
    }

    /// A new query: the best match is selected, as in fzf and helix.
    fn requery(&mut self, library: &Library) {
        self.anchor = None;
        self.refresh(library);
        self.selected = 0;
        self.offset = 0;
        self.anchor = self.selected_entry();
    }

    /// Matches and orders the rows again (the library changed: a file was read), keeping the
    /// selected entry where it still shows.
    pub fn refresh(&mut self, library: &Library) {
        let query = self.prompt.text().to_string();
        // nucleo's syntax can make a longer query match more (`!b` then `!bc`): only plain
        // words narrow.
        let plain = !query.contains(['!', '^', '$', '\'', '\\']);
        let narrows = plain && !self.matched.is_empty() && query.starts_with(&self.matched);
        self.matched.clear();
        self.rows = if query.trim().is_empty() {
            sequence(library, self.sort)
                .into_iter()
                .map(|entry| Row {
                    entry,
                    title_matches: Vec::new(),
                    source_matches: Vec::new(),
                })
                .collect()
        } else {
            // A longer query matches a subset of what the shorter one did (every atom of the
            // old pattern is in the new one, or grew).
            let candidates: Vec<usize> = if narrows {
                self.rows.iter().map(|r| r.entry).collect()
            } else {
                library.listed().collect()
            };
            self.matched = query.clone();
            self.matching(library, &query, &candidates)
        };
        self.selected = self
            .anchor
            .and_then(|anchor| self.rows.iter().position(|r| r.entry == anchor))
            .unwrap_or(0)
            .min(self.rows.len().saturating_sub(1));
        self.keep_in_view();
    }

    fn matching(&mut self, library: &Library, query: &str, candidates: &[usize]) -> Vec<Row> {
        let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
        if self.haystacks.len() < library.len() {
            self.haystacks.resize(library.len(), None);
        }
        let mut scored: Vec<(u32, Row)> = Vec::new();
        for &entry in candidates {
            let Some(e) = library.get(entry) else {
                continue;
            };
            let haystack = self.haystacks[entry].get_or_insert_with(|| haystack(e));
            let Some(score) = pattern.score(haystack.text.slice(..), &mut self.matcher) else {
                continue;
            };
            // The title, a space, the source, a space, the thesis.
            let title_end = haystack.title_len as usize;
            let source_start = title_end + 1;
            let title = haystack.text.slice(..title_end);
            let source = haystack
                .text
                .slice(source_start..source_start + haystack.source_len as usize);
            // A debate whose title alone matches comes before one that matches as well only
            // through its thesis: a title is what a reader remembers a debate by.
            let title_score = pattern.score(title, &mut self.matcher).unwrap_or(0);
            // Each word of the query is marked where a reader looks for it: in the title if it
            // is there, else in the source (a word found only in the thesis marks nothing).
            let (mut title_matches, mut source_matches) = (Vec::new(), Vec::new());
            for atom in pattern.atoms.iter().filter(|a| !a.negative) {
                if atom
                    .indices(title, &mut self.matcher, &mut title_matches)
                    .is_none()
                {
                    atom.indices(source, &mut self.matcher, &mut source_matches);
                }
            }
            for marks in [&mut title_matches, &mut source_matches] {
                marks.sort_unstable();
                marks.dedup();
            }
            scored.push((
                score + title_score,
                Row {
                    entry,
                    title_matches,
                    source_matches,
                },
            ));
        }
        scored.sort_by(|(sa, a), (sb, b)| {
            sb.cmp(sa)
                .then_with(|| order(library, self.sort, a.entry, b.entry))
        });
        scored.into_iter().map(|(_, row)| row).collect()
    }

    fn keep_in_view(&mut self) {
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + self.page {
            self.offset = self.selected + 1 - self.page;
        }
        self.offset = self.offset.min(self.rows.len().saturating_sub(self.page));
    }
}

/// What the filter looks at in an entry: its title, source and thesis in one line.
fn haystack(entry: &Entry) -> Haystack {
    let (title, source, thesis) = match &entry.state {
        State::Read(summary) => (
            summary.title.clone(),
            summary.source.clone().unwrap_or_default(),
            summary.thesis.as_str(),
        ),
        _ => (entry.title(), String::new(), ""),
    };
    // The matcher counts graphemes, as the view does when it marks them.
    let count = |s: &str| s.graphemes(true).count() as u32;
    Haystack {
        title_len: count(&title),
        source_len: count(&source),
        text: Utf32String::from(format!("{title} {source} {thesis}").replace('\n', " ")),
    }
}

/// Titles in the order a person sorts them: without regard to case, and numbers by their value,
/// so that `(9)` comes before `(10)`.
pub fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (mut a, mut b) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (a.peek().copied(), b.peek().copied()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let number = |chars: &mut std::iter::Peekable<std::str::Chars>| {
                    let mut digits = String::new();
                    while let Some(c) = chars.peek().copied().filter(char::is_ascii_digit) {
                        digits.push(c);
                        chars.next();
                    }
                    digits
                };
                let (x, y) = (number(&mut a), number(&mut b));
                let (xs, ys) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                let by_value = xs.len().cmp(&ys.len()).then_with(|| xs.cmp(ys));
                if by_value != Ordering::Equal {
                    return by_value;
                }
            }
            (Some(x), Some(y)) => {
                let by_letter = x.to_lowercase().cmp(y.to_lowercase());
                if by_letter != Ordering::Equal {
                    return by_letter;
                }
                a.next();
                b.next();
            }
        }
    }
}

/// Every debate the picker lists, in the order it lists them with nothing typed: the order
/// `]` and `[` step through, and in which `debate 3/907` counts.
pub fn sequence(library: &Library, sort: Sort) -> Vec<usize> {
    let mut entries: Vec<usize> = library.listed().collect();
    entries.sort_by(|&a, &b| order(library, sort, a, b));
    entries
}

/// The order of two entries under `sort`: debates before rows still unread, before broken
/// ones; by title (without regard to case), or most contested first; then as named.
fn order(library: &Library, sort: Sort, a: usize, b: usize) -> std::cmp::Ordering {
    let (Some(ea), Some(eb)) = (library.get(a), library.get(b)) else {
        return a.cmp(&b);
    };
    let rank = |e: &Entry| match e.state {
        State::Read(_) => 0,
        State::Unread => 1,
        _ => 2,
    };
    let by_title = || natural(&ea.title(), &eb.title()).then(a.cmp(&b));
    match sort {
        Sort::Title => rank(ea).cmp(&rank(eb)).then_with(by_title),
        Sort::Contested => rank(ea).cmp(&rank(eb)).then_with(|| {
            let contest = |e: &Entry| e.summary().map_or(0.0, |s| s.contest());
            contest(eb).total_cmp(&contest(ea)).then_with(by_title)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::natural;
    use std::cmp::Ordering;

    #[test]
    fn titles_sort_by_letters_without_case_and_by_numbers_by_value() {
        assert_eq!(natural("Debate (9)", "Debate (10)"), Ordering::Less);
        assert_eq!(natural("debate (291)", "Debate (55)"), Ordering::Greater);
        assert_eq!(natural("apple", "Banana"), Ordering::Less);
        assert_eq!(natural("a2b", "a02b"), Ordering::Equal);
        assert_eq!(natural("a", "a1"), Ordering::Less);
        assert_eq!(natural("Zeta", "zeta"), Ordering::Equal);
    }
}
