//! Taking a quote out of a debate: its sentences, and the citation that goes with it. Pure.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::debate::{Debate, Stance};

/// The sentences of `text` (Unicode sentence boundaries) as byte ranges, without the spaces
/// between them.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    text.split_sentence_bound_indices()
        .filter_map(|(at, s)| {
            let start = at + (s.len() - s.trim_start().len());
            let end = at + s.trim_end().len();
            (start < end).then_some(start..end)
        })
        .collect()
}

/// A quote with where it came from:
///
/// ```text
/// “The quote.”
/// — Title, Source (insight 4, conflicts with the thesis)
/// ```
pub fn cite(quote: &str, debate: &Debate, number: usize, stance: Stance) -> String {
    let source = match &debate.source {
        Some(source) => format!("{}, {source}", debate.title),
        None => debate.title.clone(),
    };
    let stance = match stance {
        Stance::Agrees => "agrees with the thesis",
        Stance::Conflicts => "conflicts with the thesis",
        Stance::Mixed => "mixed",
        Stance::Unrated => "unrated",
    };
    format!("“{quote}”\n— {source} (insight {number}, {stance})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_sentence_ends_and_drops_the_spaces() {
        let text = "First one. Second?  Third!\nFourth";
        let found: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, vec!["First one.", "Second?", "Third!", "Fourth"]);
    }

    #[test]
    fn abbreviations_followed_by_lower_case_do_not_split() {
        let text = "U.S. export controls work. They do.";
        let found: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, vec!["U.S. export controls work.", "They do."]);
    }

    #[test]
    fn cite_names_title_source_number_and_stance() {
        let debate = Debate {
            title: "T".into(),
            source: Some("S".into()),
            thesis: String::new(),
            insights: vec![],
        };
        assert_eq!(
            cite("Q.", &debate, 4, Stance::Conflicts),
            "“Q.”\n— T, S (insight 4, conflicts with the thesis)"
        );
    }
}
