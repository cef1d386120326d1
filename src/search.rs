//! Finding text: smart-case queries and the places they match. Pure.

use std::ops::Range;

/// A search query. Smart case: all lower-case ignores case, any capital makes it exact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    text: String,
    /// The query's characters, lower-cased when the search ignores case.
    needle: Vec<char>,
    ignore_case: bool,
}

impl Query {
    /// The query for `text`, or `None` when it is empty or only spaces (which would match
    /// everything).
    pub fn new(text: &str) -> Option<Query> {
        if text.trim().is_empty() {
            return None;
        }
        let ignore_case = !text.chars().any(char::is_uppercase);
        Some(Query {
            text: text.to_string(),
            needle: text.chars().map(|c| fold(c, ignore_case)).collect(),
            ignore_case,
        })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.next_match(haystack, 0).is_some()
    }

    /// Every place the query matches in `haystack`, without overlaps, as byte ranges.
    pub fn find_all(&self, haystack: &str) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(r) = self.next_match(haystack, from) {
            from = r.end;
            found.push(r);
        }
        found
    }

    fn next_match(&self, haystack: &str, from: usize) -> Option<Range<usize>> {
        if !self.ignore_case {
            return haystack[from..]
                .find(&self.text)
                .map(|i| from + i..from + i + self.text.len());
        }
        if self.text.is_ascii() {
            return find_ascii_ignoring_case(haystack.as_bytes(), self.text.as_bytes(), from)
                .map(|i| i..i + self.text.len());
        }
        // Case folding one character to one keeps byte offsets meaningful in the original.
        let rest = &haystack[from..];
        let mut starts = rest.char_indices();
        loop {
            let (start, _) = starts.next()?;
            let mut chars = rest[start..].char_indices();
            let mut end = None;
            for &want in &self.needle {
                match chars.next() {
                    Some((_, c)) if fold(c, true) == want => {}
                    _ => {
                        end = None;
                        break;
                    }
                }
                end = Some(chars.offset());
            }
            if let Some(len) = end {
                return Some(from + start..from + start + len);
            }
        }
    }
}

/// Where `needle` (ASCII, lower case) first occurs in `haystack` from `from`, ignoring ASCII
/// case. The candidates are found with a vectorised search for the first byte in either case,
/// which is what makes a keystroke over 100,000 insights quick. An ASCII match always starts
/// and ends on a character boundary, since no byte of a multi-byte character is ASCII.
fn find_ascii_ignoring_case(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let tail = haystack.get(from..)?;
    memchr::memchr2_iter(lower, upper, tail)
        .map(|i| from + i)
        .find(|&i| {
            haystack
                .get(i + 1..i + needle.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(rest))
        })
}

fn fold(c: char, ignore_case: bool) -> char {
    if ignore_case {
        c.to_lowercase().next().unwrap_or(c)
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Query {
        Query::new(s).expect("non-empty")
    }

    #[test]
    fn lower_case_ignores_case() {
        assert!(q("china").is_match("CHINA's chips"));
        assert_eq!(q("chip").find_all("Chips and chips"), vec![0..4, 10..14]);
    }

    #[test]
    fn a_capital_makes_it_exact() {
        assert!(!q("China").is_match("china"));
        assert!(q("China").is_match("in China"));
    }

    #[test]
    fn offsets_are_right_after_non_ascii() {
        let hay = "Ünïcödé and ÜNÏ";
        let found = q("ünï").find_all(hay);
        assert_eq!(found.len(), 2);
        assert_eq!(&hay[found[1].clone()], "ÜNÏ");
    }

    #[test]
    fn ascii_queries_match_in_any_text() {
        assert_eq!(
            q("huawei").find_all("日本 HUAWEI and Huawei."),
            vec![7..13, 18..24]
        );
        assert!(!q("huaweix").is_match("huawei"));
        assert!(q("a").is_match("A"));
    }

    #[test]
    fn empty_is_no_query() {
        assert_eq!(Query::new(""), None);
        assert_eq!(Query::new("  "), None);
    }

    #[test]
    fn no_match_is_none() {
        assert!(q("xyz").find_all("abc").is_empty());
        assert!(!q("abcd").is_match("abc"));
    }
}
