//! Untrusted text made safe and shaped for cells: sanitising, width, wrapping and truncation.
//!
//! Everything a document says passes through [`sanitize`] when it is loaded, so no byte of it
//! can reach the terminal as a control sequence. Widths are the cells [`crate::cells`] lays
//! each grapheme out in, so what we wrap is what it draws.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Columns a tab advances to; ratatui drops tabs silently, so we expand them ourselves.
const TAB_STOP: usize = 4;

/// Returns `s` with every character that could act on the terminal, or reorder or hide text,
/// removed; tabs are expanded to spaces and line breaks are normalised to `\n`.
///
/// Escape sequences go whole (CSI, OSC, DCS and the rest, 7-bit or C1), so that no `[31m`
/// debris is left behind; a string sequence left open ends at the line's end rather than
/// swallowing the document. Removed too: every other character that acts or hides rather than
/// shows (see [`is_hidden`]).
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut column = 0usize;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // An escape inside an escape starts a sequence of its own, as terminals take it:
            // `ESC ESC ] 0 ; X BEL` is one title-setting string, not `]0;X` to show (#14).
            '\u{1b}' => match chars.next_if(|&c| c != '\n' && c != '\u{1b}') {
                Some('[') => skip_control_sequence(&mut chars),
                Some(']' | 'P' | 'X' | '^' | '_') => skip_control_string(&mut chars),
                Some(' '..='/') => {
                    // Intermediate bytes, then one final byte (`ESC ( B`).
                    while chars.next_if(|c| matches!(c, ' '..='/')).is_some() {}
                    chars.next_if(|c| matches!(c, '0'..='~'));
                }
                // Any other escape is two characters long (`ESC 7`, `ESC c`).
                _ => {}
            },
            '\u{9b}' => skip_control_sequence(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_control_string(&mut chars),
            '\t' => {
                let n = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', n));
                column += n;
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                    column = 0;
                }
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{0085}' => {
                out.push('\n');
                column = 0;
            }
            c if is_hidden(c) => {}
            // Half-width voiced sound marks: some terminals draw them in a cell of their own,
            // others (tmux) join them to the letter before, so a frame drawn over them leaves
            // debris. Their full-width forms are two cells everywhere.
            '\u{FF9E}' => {
                out.push('\u{309B}');
                column += 1;
            }
            '\u{FF9F}' => {
                out.push('\u{309C}');
                column += 1;
            }
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}

/// [`sanitize`] for an owned string, also trimmed at both ends; kept as it is, with no copy,
/// when there is nothing to remove, as there almost never is.
pub fn sanitize_owned(s: String) -> String {
    let trimmed = s.trim();
    let needs_work = |c: char| {
        c != '\n'
            && (c.is_control()
                || is_hidden(c)
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FF9E}' | '\u{FF9F}'))
    };
    // One pass: printable ASCII and line breaks settle it without decoding a character, and
    // only the rest (a few bytes in most text) is decoded and looked up (#12: sanitising was
    // half of the time a Kialo export took to open).
    let clean_already = || {
        let bytes = s.as_bytes();
        let mut i = 0;
        let plain = |b: u8| b.wrapping_sub(b' ') < 0x5F || b == b'\n';
        while let Some(&b) = bytes.get(i) {
            // Eight bytes at a time while they are printable ASCII: no byte with the top bit
            // set, none below a space (a line break goes the slow way), and no DEL.
            if let Some(chunk) = bytes.get(i..i + 8) {
                const ONES: u64 = 0x0101_0101_0101_0101;
                const HIGH: u64 = 0x8080_8080_8080_8080;
                let mut word = [0u8; 8];
                word.copy_from_slice(chunk);
                let x = u64::from_le_bytes(word);
                let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
                let del = (x ^ (ONES * 0x7F)).wrapping_sub(ONES) & !(x ^ (ONES * 0x7F)) & HIGH;
                if x & HIGH == 0 && below_space == 0 && del == 0 {
                    i += 8;
                    continue;
                }
            }
            if b < 0x80 {
                if !plain(b) {
                    return false;
                }
                i += 1;
            } else {
                // `i` is always at a character's start: it moves by whole characters.
                let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
                    return false;
                };
                if needs_work(c) {
                    return false;
                }
                i += c.len_utf8();
            }
        }
        true
    };
    if trimmed.len() == s.len() && clean_already() {
        return s;
    }
    let clean = sanitize(trimmed);
    clean.trim().to_string()
}

/// Skips a CSI sequence's parameter and intermediate bytes and its final byte.
fn skip_control_sequence(chars: &mut std::iter::Peekable<std::str::Chars>) {
    while chars
        .next_if(|c| matches!(c, '0'..='?' | ' '..='/'))
        .is_some()
    {}
    chars.next_if(|c| matches!(c, '@'..='~'));
}

/// Skips an OSC, DCS, SOS, PM or APC string up to its terminator (BEL, ST, or `ESC \`), or
/// the end of the line.
fn skip_control_string(chars: &mut std::iter::Peekable<std::str::Chars>) {
    while let Some(c) = chars.next_if(|&c| c != '\n' && c != '\u{1b}') {
        if matches!(c, '\u{7}' | '\u{9c}') {
            return;
        }
    }
    // `ESC \` ends the string; an escape followed by anything else ends it too, and starts a
    // sequence of its own, left for the caller to skip whole.
    let mut ahead = chars.clone();
    if ahead.next() == Some('\u{1b}') && ahead.peek() == Some(&'\\') {
        chars.next();
        chars.next();
    }
}

/// True for the characters [`sanitize`] removes (other than line breaks and tabs), by their
/// Unicode properties rather than a list kept by hand (#14), so that a character Unicode adds
/// to a class is removed with the rest of it:
/// - controls (C0, DEL, C1);
/// - Default_Ignorable_Code_Point: what a renderer draws as nothing, so that it can hide a
///   payload in a copy (zero-width characters, bidi controls, variation selectors, joiners,
///   tags, Hangul fillers, Mongolian variation selectors, musical and shorthand format
///   controls, and the code points reserved for more of them);
/// - the rest of the format controls (Egyptian hieroglyph layout, interlinear annotation),
///   except the prepended concatenation marks, which are drawn (the Arabic number sign);
/// - noncharacters, which terminals draw as nothing or as a box.
///
/// ZWJ goes with the rest: terminals disagree on whether a ZWJ emoji sequence is one glyph or
/// several, and a width guessed wrong overlaps the neighbouring cells.
fn is_hidden(c: char) -> bool {
    use icu_properties::props::{
        DefaultIgnorableCodePoint, GeneralCategory, PrependedConcatenationMark,
    };
    use icu_properties::{CodePointMapData, CodePointSetData};
    if c.is_control() {
        return true;
    }
    if c.is_ascii() {
        return false;
    }
    let noncharacter = matches!(c, '\u{FDD0}'..='\u{FDEF}') || (c as u32) & 0xFFFE == 0xFFFE;
    noncharacter
        || CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
        || (CodePointMapData::<GeneralCategory>::new().get(c) == GeneralCategory::Format
            && !CodePointSetData::new::<PrependedConcatenationMark>().contains(c))
}

/// Whether every byte is printable ASCII: one grapheme and one cell each, so text made of them
/// can be measured and cut by bytes.
pub fn is_printable_ascii(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| (b' '..=b'~').contains(b))
}

/// The number of terminal cells `s` occupies on one line.
pub fn width(s: &str) -> usize {
    // Most text is printable ASCII, and segmenting it into graphemes costs far more than
    // looking at its bytes.
    if is_printable_ascii(s.as_bytes()) {
        return s.len();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

fn grapheme_width(g: &str) -> usize {
    crate::cells::width(g)
}

/// Wraps sanitised text into lines of at most `max_width` cells.
///
/// Breaks at spaces where it can, and inside a word only when the word alone is wider than the
/// line. Explicit line breaks are kept; a blank line stays blank. A grapheme wider than the
/// whole line (a wide character in a one-column pane) gets a line of its own rather than a
/// panic or an endless loop.
pub fn wrap(text: &str, max_width: usize) -> Vec<String> {
    wrap_ranges(text, max_width)
        .into_iter()
        .map(|r| text[r].to_string())
        .collect()
}

/// [`wrap`], as the byte range of `text` each line shows, so that highlights (a search match,
/// a picked sentence) can be laid over the wrapped lines. The spaces a line breaks at belong
/// to no line.
pub fn wrap_ranges(text: &str, max_width: usize) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    if max_width == 0 {
        return lines;
    }
    let mut start = 0;
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, start, max_width, &mut lines);
        start += paragraph.len() + 1;
    }
    lines
}

/// Wraps one paragraph that begins at byte `base` of the text.
fn wrap_paragraph(paragraph: &str, base: usize, max_width: usize, lines: &mut Vec<Range<usize>>) {
    // The line being built: where it starts and ends in `paragraph`, and its width.
    let mut line: Option<(usize, usize)> = None;
    let mut line_width = 0usize;
    let push = |lines: &mut Vec<Range<usize>>, (s, e): (usize, usize)| {
        lines.push(base + s..base + e);
    };
    for (at, word) in words(paragraph) {
        let word_width = width(word);
        let gap = line.map_or(0, |(_, end)| width(&paragraph[end..at]));
        if let Some((s, _)) = line
            && line_width + gap + word_width <= max_width
        {
            line = Some((s, at + word.len()));
            line_width += gap + word_width;
            continue;
        }
        if word_width <= max_width {
            if let Some(l) = line.take() {
                push(lines, l);
            }
            line = Some((at, at + word.len()));
            line_width = word_width;
            continue;
        }
        // A word wider than a line: break it by grapheme, starting on the current line when
        // a little of it fits there.
        let (mut piece_start, mut piece_width) = (at, 0);
        if let Some((s, e)) = line.take() {
            if line_width + gap < max_width {
                // The gap's spaces join the piece.
                (piece_start, piece_width) = (s, line_width + gap);
            } else {
                push(lines, (s, e));
            }
        }
        let mut end = at;
        for (offset, g) in word.grapheme_indices(true) {
            let w = grapheme_width(g);
            if piece_width + w > max_width && end > piece_start {
                push(lines, (piece_start, end));
                piece_start = at + offset;
                piece_width = 0;
            }
            piece_width += w;
            end = at + offset + g.len();
        }
        line = Some((piece_start, end));
        line_width = piece_width;
    }
    match line {
        Some(l) => push(lines, l),
        // A blank or all-space paragraph is one empty line.
        None => lines.push(base..base),
    }
}

/// The words of a paragraph and where each starts: runs of anything but spaces. A space that
/// a mark after it joins (a grapheme of its own, as in ` ̈`) starts the word rather than
/// ending the one before: measured apart, the two would not add up to the cells the line
/// takes (#14).
fn words(paragraph: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = paragraph.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let is_break = |i: usize| bytes[i] == b' ' && !joins_what_follows(paragraph, i);
        while at < bytes.len() && is_break(at) {
            at += 1;
        }
        if at == bytes.len() {
            return None;
        }
        let start = at;
        while at < bytes.len() && !is_break(at) {
            at += 1;
        }
        Some((start, &paragraph[start..at]))
    })
}

/// Whether the space at byte `i` is one grapheme with what follows it.
fn joins_what_follows(text: &str, i: usize) -> bool {
    text.as_bytes().get(i + 1).is_some_and(|&b| b >= 0x80)
        && text[i..]
            .graphemes(true)
            .next()
            .is_some_and(|g| g.len() > 1)
}

/// Cuts `s` to at most `max_width` cells, ending in `…` when anything was cut. Line breaks
/// become spaces, so a multi-paragraph text gives one row.
pub fn truncate(s: &str, max_width: usize) -> String {
    if max_width == 0 {
        return String::new();
    }
    // Printable ASCII is a cell a byte: cut by bytes, with no graphemes to find.
    let head = &s.as_bytes()[..s.len().min(max_width + 1)];
    if is_printable_ascii(head) {
        if s.len() <= max_width {
            return s.to_string();
        }
        let kept = s[..max_width - 1].trim_end();
        return format!("{kept}…");
    }
    // One walk that stops once the row is full: a row shows the start of texts that can be
    // pages long.
    let budget = max_width - 1;
    let (mut used, mut fits) = (0usize, 0usize);
    let mut cut = false;
    for (at, g) in s.grapheme_indices(true) {
        used += if g == "\n" { 1 } else { grapheme_width(g) };
        if used > max_width {
            cut = true;
            break;
        }
        if used <= budget {
            fits = at + g.len();
        }
    }
    if !cut {
        return s.replace('\n', " ");
    }
    // Room for the ellipsis, whole graphemes only (a skin tone stays with its emoji).
    let mut out = s[..fits].replace('\n', " ");
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_removes_escape_sequences_introducers_and_c1() {
        let s = sanitize("a\u{1b}[31mred\u{1b}]52;c;aGk=\u{7}b\u{9b}2Jc\u{90}q\u{1b}\\d");
        assert!(!s.chars().any(|c| c.is_control()), "{s:?}");
        assert_eq!(s, "aredbcd");
        assert_eq!(
            sanitize("x\u{1b}]0;title\u{1b}\\y\u{1b}(Bz\u{1b}7w"),
            "xyzw"
        );
        assert_eq!(
            sanitize("open \u{1b}]0;never closed\nnext line"),
            "open \nnext line"
        );
        // An escape within an escape starts its own sequence, and leaves no debris (#14).
        assert_eq!(sanitize("a\u{1b}\u{1b}]0;X\u{7}b"), "ab");
        assert_eq!(sanitize("a\u{1b}]0;t\u{1b}[31mred"), "ared");
        assert_eq!(sanitize("a\u{1b}P1$r\u{1b}\u{1b}[1mb"), "ab");
        assert_eq!(sanitize("a\u{1b}\u{1b}\u{1b}[2Jb"), "ab");
    }

    #[test]
    fn sanitize_removes_bidi_and_zero_width() {
        let s = sanitize("x\u{202E}y\u{2066}z\u{200B}w\u{200D}v\u{FEFF}");
        assert_eq!(s, "xyzwv");
    }

    #[test]
    fn sanitize_owned_keeps_clean_text_and_cleans_the_rest() {
        let clean = "Plain text, é and 中文\nand a second line.".to_string();
        let pointer = clean.as_ptr();
        let kept = sanitize_owned(clean);
        assert_eq!(kept.as_ptr(), pointer, "no copy");
        assert_eq!(sanitize_owned("  padded\t\u{1b}[1m ".into()), "padded");
        assert_eq!(sanitize_owned("a\u{2028}b".into()), "a\nb");
        assert_eq!(sanitize_owned("a\u{200b}b".into()), "ab");
    }

    #[test]
    fn invisible_payload_carriers_are_removed() {
        assert_eq!(sanitize("a\u{FE0F}\u{E0100}\u{E01EF}\u{034F}b"), "ab");
        assert_eq!(
            sanitize("x\u{3164}\u{FFA0}\u{FDD0}\u{FFFF}\u{10FFFF}y"),
            "xy"
        );
    }

    #[test]
    fn half_width_sound_marks_become_full_width() {
        assert_eq!(sanitize("ｶﾞﾊﾟ"), "ｶ\u{309B}ﾊ\u{309C}");
        assert_eq!(sanitize_owned("ｶﾞ".into()), "ｶ\u{309B}");
    }

    #[test]
    fn sanitize_expands_tabs_and_normalises_breaks() {
        assert_eq!(sanitize("a\tb"), "a   b");
        assert_eq!(sanitize("abcd\tb"), "abcd    b");
        assert_eq!(sanitize("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(sanitize("a\n\tb"), "a\n    b");
    }

    #[test]
    fn wrap_breaks_at_spaces() {
        assert_eq!(
            wrap("the quick brown fox", 10),
            vec!["the quick", "brown fox"]
        );
    }

    #[test]
    fn wrap_keeps_paragraph_breaks() {
        assert_eq!(wrap("one\n\ntwo", 10), vec!["one", "", "two"]);
    }

    #[test]
    fn wrap_breaks_long_words_by_grapheme() {
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
    }

    #[test]
    fn wrap_counts_wide_characters_as_two_cells() {
        let lines = wrap("日本語のテキスト", 5);
        assert!(lines.iter().all(|l| width(l) <= 5), "{lines:?}");
        assert_eq!(lines.concat(), "日本語のテキスト");
    }

    #[test]
    fn wrap_gives_a_too_wide_grapheme_its_own_line() {
        assert_eq!(wrap("日本", 1), vec!["日", "本"]);
    }

    #[test]
    fn wrap_ranges_point_into_the_text() {
        let text = "one two  three\nfour";
        let ranges = wrap_ranges(text, 8);
        let lines: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(lines, vec!["one two", "three", "four"]);
        assert_eq!(ranges[2], 15..19);
    }

    #[test]
    fn wrap_fills_the_line_before_breaking_a_long_word() {
        assert_eq!(wrap("ab cdefghij", 5), vec!["ab cd", "efghi", "j"]);
    }

    #[test]
    fn wrap_at_zero_width_is_empty() {
        assert!(wrap("anything", 0).is_empty());
    }

    #[test]
    fn invisible_characters_go_by_their_property() {
        for c in [
            '\u{180B}',
            '\u{180F}',
            '\u{17B4}',
            '\u{1BCA0}',
            '\u{1D173}',
            '\u{FFF0}',
            '\u{E0080}',
            '\u{E0FFF}',
            '\u{13430}',
            '\u{FFF9}',
            '\u{00AD}',
            '\u{200D}',
        ] {
            assert_eq!(sanitize(&format!("a{c}b")), "ab", "U+{:04X}", c as u32);
        }
        // Format controls that are drawn stay: the Arabic number sign.
        assert_eq!(sanitize("\u{0600}١"), "\u{0600}١");
        // So do letters and marks.
        assert_eq!(sanitize("e\u{301}கா"), "e\u{301}கா");
    }

    #[test]
    fn a_mark_that_joins_a_space_is_measured_with_it() {
        // ` \u{11357}` is one grapheme, of two cells to the C library (a space and a spacing
        // mark): the line it ends must still fit.
        for line in wrap("ab \u{11357}cd ef", 5) {
            assert!(width(&line) <= 5, "{line:?} is {} cells", width(&line));
        }
        assert_eq!(wrap("ab  cd", 10), ["ab  cd"]);
    }

    #[test]
    fn truncate_adds_ellipsis_only_when_cut() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("a longer sentence", 10), "a longer…");
        assert_eq!(truncate("two\nlines", 20), "two lines");
        assert_eq!(truncate("日本語", 4), "日…");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn truncate_keeps_whole_graphemes() {
        // Two emoji to the C library (four cells), one to ratatui: laid out in four (#14).
        assert_eq!(truncate("🧑🏽 and more text", 5), "🧑🏽…");
        assert_eq!(truncate("🧑🏽 and more text", 4), "…");
        assert_eq!(truncate("cafe\u{301} au lait", 5), "cafe\u{301}…");
    }

    #[test]
    fn truncate_never_exceeds_the_width() {
        for w in 0..12 {
            assert!(width(&truncate("日本語 and more text", w)) <= w);
        }
    }
}
