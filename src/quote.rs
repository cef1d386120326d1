//! Taking a quote out of a debate: its sentences, and the citation that goes with it. Pure.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::debate::{Debate, Stance};

/// The sentences of `text` as byte ranges, without the spaces between them: Unicode sentence
/// boundaries, except after a common abbreviation or an initialism (`Mr.`, `e.g.`, `U.S.`),
/// where the Unicode rules break before a capital but a reader does not.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = Vec::new();
    for (at, s) in text.split_sentence_bound_indices() {
        let start = at + (s.len() - s.trim_start().len());
        let end = at + s.trim_end().len();
        if start >= end {
            continue;
        }
        match found.last_mut() {
            Some(previous) if ends_with_abbreviation(&text[previous.clone()]) => {
                previous.end = end;
            }
            _ => found.push(start..end),
        }
    }
    found
}

/// Words that end in a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "e.g", "i.e", "cf", "no", "approx",
    "fig", "inc", "ltd", "co", "corp", "gen", "gov", "sen", "rep",
];

fn ends_with_abbreviation(sentence: &str) -> bool {
    let Some(body) = sentence.strip_suffix('.') else {
        return false;
    };
    let word = body
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    // An initialism: single letters with full stops, like `U.S` or `U.K`.
    let initialism = word.len() >= 3
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic));
    initialism || ABBREVIATIONS.contains(&lower.as_str())
}

/// A quote with where it came from:
///
/// ```text
/// “The quote.”
/// — Title, Source (insight 4, conflicts with the thesis)
/// ```
pub fn cite(quote: &str, debate: &Debate, number: usize, stance: Stance) -> String {
    let stance = match stance {
        Stance::Agrees => "agrees with the thesis",
        Stance::Conflicts => "conflicts with the thesis",
        Stance::Mixed => "mixed",
        Stance::Unrated => "unrated",
    };
    format!(
        "“{quote}”\n— {} (insight {number}, {stance})",
        source_of(debate)
    )
}

/// The thesis quoted with where it came from: `— Title, Source (the thesis)`.
pub fn cite_thesis(debate: &Debate) -> String {
    format!("“{}”\n— {} (the thesis)", debate.thesis, source_of(debate))
}

fn source_of(debate: &Debate) -> String {
    match &debate.source {
        Some(source) => format!("{}, {source}", debate.title),
        None => debate.title.clone(),
    }
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
    fn common_abbreviations_and_initialisms_do_not_end_sentences() {
        let text =
            "U.S. firms e.g. Nvidia sold 3.5 million chips. Mr. Huang said \"We'll see.\" Then?";
        let found: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            vec![
                "U.S. firms e.g. Nvidia sold 3.5 million chips.",
                "Mr. Huang said \"We'll see.\"",
                "Then?"
            ]
        );
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
