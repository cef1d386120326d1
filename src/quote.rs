//! Taking a quote out of a debate: its sentences, and the citation that goes with it. Pure.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::debate::{Debate, Insight, Stance};

/// The sentences of `text` as byte ranges, without the spaces between them: Unicode sentence
/// boundaries, except after a common abbreviation (`Mr.`, `e.g.`), an initialism (`U.S.`) or
/// a spaced initial (`J. R. R. Tolkien`, #10), where the Unicode rules break before a capital
/// but a reader does not. See [`continues`].
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = Vec::new();
    for (at, s) in text.split_sentence_bound_indices() {
        let start = at + (s.len() - s.trim_start().len());
        let end = at + s.trim_end().len();
        if start >= end {
            continue;
        }
        match found.last_mut() {
            Some(previous) if continues(&text[previous.clone()], &text[start..end]) => {
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

/// Capitalised words that start sentences and are not names: after an initial or an
/// initialism, one of these starts a new sentence (`the U.S. Then…`, `plan B. It…`).
const SENTENCE_STARTS: &[&str] = &[
    "a",
    "after",
    "all",
    "also",
    "although",
    "an",
    "and",
    "another",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "each",
    "even",
    "every",
    "few",
    "for",
    "from",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "instead",
    "it",
    "its",
    "later",
    "many",
    "meanwhile",
    "most",
    "my",
    "no",
    "none",
    "not",
    "nothing",
    "now",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "our",
    "she",
    "since",
    "so",
    "some",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "thus",
    "to",
    "today",
    "we",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "with",
    "yes",
    "yet",
    "you",
    "your",
];

/// Whether the Unicode rules' break between `sentence` and `next` is wrong: `sentence` ends
/// in a common abbreviation (always), or in an initialism or a capital letter alone (`U.S.`,
/// `R.`) and `next` does not start with a word that starts sentences (#10). So `J. R. R.
/// Tolkien drank tea.` is one sentence and `We chose plan B. Then it failed.` two; a name
/// after a sentence that ends in a capital (`vitamin C. Mary…`) is read as one, a rare miss.
fn continues(sentence: &str, next: &str) -> bool {
    let Some(body) = sentence.strip_suffix('.') else {
        return false;
    };
    let word = body
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    if ABBREVIATIONS.contains(&word.to_lowercase().as_str()) {
        return true;
    }
    let mut letters = word.chars();
    let initial = letters.next().is_some_and(char::is_uppercase) && letters.next().is_none();
    // An initialism: single letters with full stops, like `U.S` or `U.K`.
    let initialism = word.len() >= 3
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic));
    (initial || initialism) && !starts_a_sentence(next)
}

/// Whether `text` starts with one of [`SENTENCE_STARTS`], after any opening quote or bracket.
/// A capital alone with a full stop is another initial (`J. I. Rodale`), whatever the letter.
fn starts_a_sentence(text: &str) -> bool {
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let end = text
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(text.len());
    let (word, rest) = text.split_at(end);
    if word.chars().count() == 1 && rest.starts_with('.') {
        return false;
    }
    SENTENCE_STARTS.contains(&word.to_lowercase().as_str())
}

/// A quote with where it came from, and the sources the insight cites (#12): those the quote
/// marks (`[12]`) when it marks any, else all of them.
///
/// ```text
/// “The quote [12].”
/// — Title, Source (insight 4, conflicts with the thesis)
/// [12] https://example.org/report
/// ```
pub fn cite(quote: &str, debate: &Debate, number: usize, insight: &Insight) -> String {
    let marked: Vec<&String> = insight
        .sources
        .iter()
        .filter(|s| marker(s).is_some_and(|m| quote.contains(m)))
        .collect();
    let sources: Vec<&String> = if marked.is_empty() {
        insight.sources.iter().collect()
    } else {
        marked
    };
    let mut cited = cite_plain(quote, debate, number, insight.stance);
    for source in sources {
        cited.push('\n');
        cited.push_str(source);
    }
    cited
}

/// The `[12]` a source line starts with, if it does.
fn marker(source: &str) -> Option<&str> {
    let end = source.find(']')?;
    (source.starts_with('[') && end > 1).then(|| &source[..=end])
}

fn cite_plain(quote: &str, debate: &Debate, number: usize, stance: Stance) -> String {
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

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn spaced_initials_do_not_end_a_sentence() {
        assert_eq!(
            split("J. R. R. Tolkien drank tea. He liked it."),
            vec!["J. R. R. Tolkien drank tea.", "He liked it."]
        );
        assert_eq!(
            split("Books by J. I. Rodale and George W. Bush sold. Then?"),
            vec!["Books by J. I. Rodale and George W. Bush sold.", "Then?"]
        );
        assert_eq!(split("The U.S. Army grew."), vec!["The U.S. Army grew."]);
    }

    #[test]
    fn a_capital_or_an_initialism_before_a_word_that_starts_sentences_ends_one() {
        assert_eq!(
            split("We chose plan B. Then it failed."),
            vec!["We chose plan B.", "Then it failed."]
        );
        assert_eq!(
            split("I went to the U.S. Then I left. In World War I. \"The end\" came."),
            vec![
                "I went to the U.S.",
                "Then I left.",
                "In World War I.",
                "\"The end\" came."
            ]
        );
        assert_eq!(
            split("See Mr. The Bard."),
            vec!["See Mr. The Bard."],
            "Mr. never ends one"
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
            cite_plain("Q.", &debate, 4, Stance::Conflicts),
            "“Q.”\n— T, S (insight 4, conflicts with the thesis)"
        );
    }

    #[test]
    fn cite_adds_the_sources_the_quote_marks_else_all() {
        let debate = Debate {
            title: "T".into(),
            source: None,
            thesis: String::new(),
            insights: vec![],
        };
        let insight = Insight {
            text: "One [1]. Two [2].".into(),
            stance: Stance::Agrees,
            sources: vec!["[1] https://a.example".into(), "[2] Book B".into()],
            ..Insight::default()
        };
        assert_eq!(
            cite("Two [2].", &debate, 3, &insight),
            "“Two [2].”\n— T (insight 3, agrees with the thesis)\n[2] Book B"
        );
        assert_eq!(
            cite("One [1]. Two [2].", &debate, 3, &insight)
                .lines()
                .count(),
            4
        );
        assert_eq!(
            cite("Nothing marked.", &debate, 3, &insight)
                .lines()
                .skip(2)
                .collect::<Vec<_>>(),
            ["[1] https://a.example", "[2] Book B"]
        );
    }
}
