//! Kialo's text export: a discussion's claims as numbered lines, in two versions.
//!
//! The current one starts `Discussion Name:` with the name on the next line; each claim is a
//! header such as `  1.2. Con:`, indented two spaces per level below the top, with its text on
//! the following lines at the same indent (a line of only that indent breaks a paragraph, an
//! empty line ends the claim). The older one starts `Discussion Title: name` and gives each
//! claim on one line: `1. thesis`, then `1.2. Con: text`.
//!
//! In both, `1.` is the thesis (or, in a discussion with several theses, a question with the
//! theses at `1.1. Thesis:`, `1.2. Thesis:` …), a Pro supports and a Con attacks the claim
//! whose id is its own less the last number, `-> See 1.4.2.` places a claim again elsewhere,
//! `[3]` cites the third line of a final `Sources:` block, `[text](url)` is a Markdown link,
//! and a backslash escapes punctuation.

use std::borrow::Cow;
use std::collections::HashMap as StdHashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Ids and source numbers are short strings from the file, looked up once or twice a claim:
/// a simple multiplicative hash does for them what SipHash did at a quarter of the cost (#12:
/// opening a 3,000-claim export). Its weakness to chosen keys costs at worst a slower load of
/// a hostile file, never a wrong one.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<IdHasher>>;
use std::path::Path;

use super::load::Parsed;
use super::{Debate, FileError, Insight, Relation, Reply};

const CURRENT_START: &str = "Discussion Name:";
const OLDER_START: &str = "Discussion Title:";
const LINK_PREFIX: &str = "-> See ";
const SOURCES: &str = "Sources:";
/// How long the thesis may be in the title of one debate of several, in characters.
const TITLE_THESIS_CHARS: usize = 60;

/// Whether `text` is a Kialo text export: its first non-empty line (after an optional BOM)
/// starts with `Discussion Name:` or `Discussion Title:`.
pub(super) fn looks_like_kialo(text: &str) -> bool {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .is_some_and(|l| l.starts_with(CURRENT_START) || l.starts_with(OLDER_START))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    Current,
    Older,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Thesis,
    Question,
    Pro,
    Con,
}

impl Kind {
    fn from_word(word: &str) -> Option<Kind> {
        match word {
            "Thesis" => Some(Kind::Thesis),
            "Question" => Some(Kind::Question),
            "Pro" => Some(Kind::Pro),
            "Con" => Some(Kind::Con),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Thesis => "Thesis",
            Kind::Question => "Question",
            Kind::Pro => "Pro",
            Kind::Con => "Con",
        }
    }
}

/// The start of a claim line: `  1.2.3. `.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ClaimId<'a> {
    /// Leading spaces.
    indent: usize,
    id: &'a str,
    /// How many numbers the id has: `1.` is 1.
    depth: usize,
    /// Byte offset of what follows the id and its space (the line's end when nothing does).
    after: usize,
}

/// `^( *)((\d+\.)+)( |$)`, by hand: the regex crate is not a dependency, and this runs on
/// every line of a file that may have thousands.
fn claim_id(line: &str) -> Option<ClaimId<'_>> {
    let bytes = line.as_bytes();
    let indent = bytes.iter().take_while(|&&b| b == b' ').count();
    let mut at = indent;
    let mut depth = 0;
    loop {
        let digits = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 || bytes.get(at + digits) != Some(&b'.') {
            break;
        }
        at += digits + 1;
        depth += 1;
    }
    if depth == 0 {
        return None;
    }
    let after = match bytes.get(at) {
        None => at,
        Some(b' ') => at + 1,
        Some(_) => return None,
    };
    Some(ClaimId {
        indent,
        id: &line[indent..at],
        depth,
        after,
    })
}

/// `^([A-Za-z]+):( (.*))?$` on what follows an id: the kind's word, and the text after it with
/// its byte offset in `rest`.
fn kind_word(rest: &str) -> Option<(&str, &str, usize)> {
    let letters = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || rest.as_bytes().get(letters) != Some(&b':') {
        return None;
    }
    let text_at = match rest.as_bytes().get(letters + 1) {
        None => letters + 1,
        Some(b' ' | b'\t') => letters + 2,
        Some(_) => return None,
    };
    Some((&rest[..letters], &rest[text_at..], text_at))
}

/// The id without its last number: `1.2.` for `1.2.3.`; `None` for `1.`.
fn parent_id(id: &str) -> Option<&str> {
    let inner = id.strip_suffix('.')?;
    inner.rfind('.').map(|dot| &id[..=dot])
}

/// Whether `s` is a whole id such as `1.2.3.`.
fn is_id(s: &str) -> bool {
    claim_id(s).is_some_and(|c| c.indent == 0 && c.id.len() == s.len())
}

/// A claim as read, before its sources and links are worked out.
struct Claim<'a> {
    id: &'a str,
    kind: Kind,
    /// The claim it replies to, by index; `None` for `1.`.
    parent: Option<usize>,
    /// Line and column of its id.
    header_at: (usize, usize),
    /// Leading spaces its text has in the current version.
    indent: usize,
    /// Borrowed from the file while the claim is one line, as most are: an export's text is
    /// copied once, into the debate, not once a step.
    raw: Cow<'a, str>,
    /// Line and column of its first text, for errors about a link.
    text_at: (usize, usize),
    /// A paragraph break was seen since its last text.
    pending_break: bool,
}

impl<'a> Claim<'a> {
    fn push_text(&mut self, text: &'a str, at: (usize, usize)) {
        if self.raw.is_empty() {
            self.text_at = at;
            self.raw = Cow::Borrowed(text);
        } else {
            // The lines of a paragraph read as one, as a plain page's do, so that a sentence
            // that runs over a line break is one sentence to pick and copy; a list, or a line
            // after a colon, keeps its line.
            let keeps_line = super::plain::is_list_item(text) || self.raw.ends_with(':');
            let raw = self.raw.to_mut();
            raw.push_str(match (self.pending_break, keeps_line) {
                (true, _) => "\n\n",
                (false, true) => "\n",
                (false, false) => " ",
            });
            raw.push_str(text);
        }
        self.pending_break = false;
    }
}

struct Reader<'a> {
    path: &'a Path,
    version: Version,
    claims: Vec<Claim<'a>>,
    ids: HashMap<&'a str, usize>,
    /// `[n]` → the whole source line, as cited.
    sources: HashMap<&'a str, (String, usize)>,
}

impl<'a> Reader<'a> {
    fn error(&self, at: (usize, usize), message: impl Into<String>) -> FileError {
        FileError::at(self.path, at, message)
    }

    /// Refuses the last claim read if it ended with no text.
    fn check_last_has_text(&self) -> Result<(), FileError> {
        match self.claims.last() {
            Some(claim) if claim.raw.trim().is_empty() => {
                let where_ = match self.version {
                    Version::Current => format!(
                        "on the lines after its header, indented by {} spaces",
                        claim.indent
                    ),
                    Version::Older => format!("after \"{}:\"", claim.kind.name()),
                };
                Err(self.error(
                    claim.header_at,
                    format!("the claim {} has no text: expected it {where_}", claim.id),
                ))
            }
            _ => Ok(()),
        }
    }

    /// Starts a claim, checking that it fits where its id puts it.
    fn start_claim(
        &mut self,
        line_no: usize,
        id: ClaimId<'a>,
        kind: Kind,
    ) -> Result<(), FileError> {
        self.check_last_has_text()?;
        let at = (line_no, id.indent + 1);
        if self.version == Version::Current && id.indent != 2 * (id.depth - 1) {
            return Err(self.error(
                (line_no, 1),
                format!(
                    "the claim {} is {} below the top, so expected {} spaces before it, found {}",
                    id.id,
                    plural(id.depth - 1, "level"),
                    2 * (id.depth - 1),
                    id.indent
                ),
            ));
        }
        let parent = match parent_id(id.id) {
            None if id.id != "1." => {
                return Err(self.error(
                    at,
                    format!(
                        "expected the thesis {} (every claim's id starts 1.), found {}",
                        self.top_example(),
                        id.id
                    ),
                ));
            }
            None if self.claims.is_empty() => None,
            None => {
                let first = self.claims[0].header_at.0;
                return Err(self.error(
                    at,
                    format!("the claim 1. is given already, on line {first}"),
                ));
            }
            Some(_) if self.claims.is_empty() => {
                return Err(self.error(
                    at,
                    format!(
                        "expected the thesis {} first, found {}",
                        self.top_example(),
                        id.id
                    ),
                ));
            }
            Some(parent) => {
                if let Some(&earlier) = self.ids.get(id.id) {
                    let line = self.claims[earlier].header_at.0;
                    return Err(self.error(
                        at,
                        format!("the claim {} is given already, on line {line}", id.id),
                    ));
                }
                match self.ids.get(parent) {
                    Some(&p) => Some(p),
                    None => {
                        return Err(self.error(
                            at,
                            format!(
                                "the claim {} is not a child of an earlier claim: expected {parent} before it",
                                id.id
                            ),
                        ));
                    }
                }
            }
        };
        let root_kind = self.claims.first().map(|c| c.kind);
        let fits = match (root_kind, parent) {
            (None, _) => matches!(kind, Kind::Thesis | Kind::Question),
            (Some(Kind::Question), Some(0)) => kind == Kind::Thesis,
            (Some(_), _) => matches!(kind, Kind::Pro | Kind::Con),
        };
        if !fits {
            let expected = match (root_kind, parent) {
                (None, _) => "Thesis or Question (the discussion's top claim)",
                (Some(Kind::Question), Some(0)) => "Thesis (a question's claims are its theses)",
                _ => "Pro or Con",
            };
            return Err(self.error(
                at,
                format!("expected {expected} after {}, found {}", id.id, kind.name()),
            ));
        }
        self.ids.insert(id.id, self.claims.len());
        self.claims.push(Claim {
            id: id.id,
            kind,
            parent,
            header_at: at,
            indent: id.indent,
            raw: Cow::Borrowed(""),
            text_at: at,
            pending_break: false,
        });
        Ok(())
    }

    fn top_example(&self) -> &'static str {
        match self.version {
            Version::Current => "\"1. Thesis:\"",
            Version::Older => "\"1. …\"",
        }
    }

    /// A line of a claim's text; `line` is what follows the claim's indent.
    fn push_text(&mut self, line_no: usize, line: &'a str) -> Result<(), FileError> {
        if looks_like_a_header(line) {
            let column = line.len() - line.trim_start().len() + 1;
            return Err(self.error(
                (line_no, column),
                "this reads as a claim header but is not one: expected an id with a dot after \
                 each number (1.2.), then Pro:, Con:, Thesis: or Question:, indented by two \
                 spaces a level",
            ));
        }
        let (indent, version) = (self.claims.last().map(|c| c.indent), self.version);
        let Some(indent) = indent else {
            return Err(self.error(
                (line_no, 1),
                format!(
                    "expected the thesis as {} before any text",
                    self.top_example()
                ),
            ));
        };
        let spaces = line.bytes().take_while(|&b| b == b' ').count();
        let start = match version {
            Version::Current if spaces < indent => {
                let id = self.claims.last().map_or("", |c| c.id);
                return Err(self.error(
                    (line_no, spaces + 1),
                    format!(
                        "expected the text of claim {id} indented by {indent} spaces, or a claim header, found {}",
                        plural(spaces, "space")
                    ),
                ));
            }
            Version::Current => indent,
            Version::Older => 0,
        };
        if let Some(claim) = self.claims.last_mut() {
            claim.push_text(line[start..].trim_end(), (line_no, start + 1));
        }
        Ok(())
    }

    /// A line of the final `Sources:` block: `[n] text`, or more of the source above it.
    fn push_source(
        &mut self,
        line_no: usize,
        line: &'a str,
        last: &mut Option<&'a str>,
    ) -> Result<(), FileError> {
        let trimmed = line.trim();
        if let Some((number, rest)) = source_number(trimmed) {
            if let Some((_, first)) = self.sources.get(number) {
                return Err(self.error(
                    (line_no, 1),
                    format!("the source [{number}] is listed already, on line {first}"),
                ));
            }
            let text = unescape(rest.trim());
            let entry = if text.is_empty() {
                format!("[{number}]")
            } else {
                format!("[{number}] {text}")
            };
            self.sources.insert(number, (entry, line_no));
            *last = Some(number);
            return Ok(());
        }
        let header = claim_id(line).is_some_and(|c| kind_word(&line[c.after..]).is_some());
        match last {
            Some(number) if !header => {
                if let Some((entry, _)) = self.sources.get_mut(*number) {
                    entry.push(' ');
                    entry.push_str(&unescape(trimmed));
                }
                Ok(())
            }
            _ => Err(self.error(
                (line_no, 1),
                if header {
                    format!(
                        "expected a source such as \"[1] https://example.org\": the claims come before \"{SOURCES}\""
                    )
                } else {
                    format!("expected a source such as \"[1] https://example.org\" after \"{SOURCES}\"")
                },
            )),
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `[12] text` → (`12`, ` text`).
fn source_number(line: &str) -> Option<(&str, &str)> {
    let inner = line.strip_prefix('[')?;
    let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let rest = inner[digits..].strip_prefix(']')?;
    (rest.is_empty() || rest.starts_with([' ', '\t'])).then(|| (&inner[..digits], rest))
}

/// Every debate in the export: one, or one per thesis of a multi-thesis discussion.
pub(super) fn parse(text: &str, path: &Path) -> Result<Vec<Parsed>, FileError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut lines = lines_of(text)
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .peekable();
    while lines.next_if(|(_, l)| l.trim().is_empty()).is_some() {}
    let Some((first_no, first)) = lines.next() else {
        return Err(FileError::new(path, "the file is empty"));
    };
    let first = first.trim();
    let (version, start) = if first.starts_with(CURRENT_START) {
        (Version::Current, CURRENT_START)
    } else if first.starts_with(OLDER_START) {
        (Version::Older, OLDER_START)
    } else {
        return Err(FileError::at(
            path,
            (first_no, 1),
            format!("expected \"{CURRENT_START}\" or \"{OLDER_START}\""),
        ));
    };
    // Either version may have the name on the same line or on the next; neither loses it.
    let mut name = first[start.len()..].trim().to_string();
    if name.is_empty() {
        match lines.peek() {
            Some(&(_, l)) if !l.trim().is_empty() && claim_id(l).is_none() => {
                name = l.trim().to_string();
                lines.next();
            }
            next => {
                let at = next.map_or((first_no + 1, 1), |&(n, _)| (n, 1));
                return Err(FileError::at(
                    path,
                    at,
                    format!("expected the discussion's name on the line after \"{start}\""),
                ));
            }
        }
    }
    let name = unescape(&name);

    let mut reader = Reader {
        path,
        version,
        // Room for as many claims as a file this size is likely to hold: growing the table a
        // step at a time would copy it over and over.
        claims: Vec::with_capacity(text.len() / 128 + 16),
        ids: HashMap::with_capacity_and_hasher(text.len() / 128 + 16, Default::default()),
        sources: HashMap::default(),
    };
    let mut in_sources = false;
    let mut last_source: Option<&str> = None;
    let mut prev_blank = true;
    let mut last_no = first_no;
    for (line_no, line) in lines {
        last_no = line_no;
        let line = line.trim_end();
        if line.is_empty() {
            if let Some(claim) = reader.claims.last_mut() {
                claim.pending_break = !claim.raw.is_empty();
            }
            last_source = None;
            prev_blank = true;
            continue;
        }
        let blank_before = std::mem::replace(&mut prev_blank, false);
        if in_sources {
            reader.push_source(line_no, line, &mut last_source)?;
            continue;
        }
        if line == SOURCES && !reader.claims.is_empty() {
            reader.check_last_has_text()?;
            in_sources = true;
            continue;
        }
        let Some(id) = claim_id(line) else {
            reader.push_text(line_no, line)?;
            continue;
        };
        let rest = &line[id.after..];
        let top_of_older = version == Version::Older && reader.claims.is_empty() && id.depth == 1;
        let (kind, text, text_at) = match kind_word(rest) {
            Some((word, text, at)) => match Kind::from_word(word) {
                Some(kind) => (kind, text, id.after + at),
                // The older version's thesis is `1. text`, and its text may hold a colon.
                None if top_of_older => (Kind::Thesis, rest, id.after),
                None if version == Version::Older && id.depth > 1
                    || text.is_empty() && blank_before =>
                {
                    return Err(reader.error(
                        (line_no, id.after + 1),
                        format!(
                            "expected Thesis, Question, Pro or Con after {}, found \"{word}\"",
                            id.id
                        ),
                    ));
                }
                // Text that happens to start like a claim: `2. Costs:` in a list.
                None => {
                    reader.push_text(line_no, line)?;
                    continue;
                }
            },
            None if top_of_older => (Kind::Thesis, rest, id.after),
            None if version == Version::Older && id.depth > 1 => {
                return Err(reader.error(
                    (line_no, id.after + 1),
                    format!("expected \"Pro:\" or \"Con:\" after {}", id.id),
                ));
            }
            None => {
                reader.push_text(line_no, line)?;
                continue;
            }
        };
        reader.start_claim(line_no, id, kind)?;
        if !text.trim().is_empty()
            && let Some(claim) = reader.claims.last_mut()
        {
            let column = line[..text_at].chars().count() + 1;
            claim.push_text(text.trim_end(), (line_no, column));
        }
    }
    if reader.claims.is_empty() {
        return Err(FileError::at(
            path,
            (last_no + 1, 1),
            format!(
                "expected the thesis as {}, found the end of the file",
                reader.top_example()
            ),
        ));
    }
    reader.check_last_has_text()?;
    debates(reader, &name)
}

/// The lines of `text` as [`str::lines`] gives them (without `\n` or `\r\n`), found with
/// `memchr`, which is several times quicker over a large export.
fn lines_of(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        let line = match ends.next() {
            Some(end) => &text[start..end],
            None if start < text.len() => &text[start..],
            None => return None,
        };
        start += line.len() + 1;
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
}

/// Whether a line that was not read as a claim header looks like one gone wrong: a missing
/// dot (`1.2 Pro:`) or a tab for the indent. Taken as text, it would join the claim above
/// without a word, and the claim it was meant to be would be lost.
fn looks_like_a_header(line: &str) -> bool {
    let t = line.trim_start();
    let id = t
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    if !t.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let Some(rest) = t[id..].strip_prefix(' ') else {
        return false;
    };
    ["Pro:", "Con:", "Thesis:", "Question:"].iter().any(|kind| {
        rest.strip_prefix(kind)
            .is_some_and(|after| after.is_empty() || after.starts_with(' '))
    })
}

/// The claims made into debates: texts and sources worked out, links followed, and the
/// claims shared out among the theses.
fn debates(reader: Reader<'_>, name: &str) -> Result<Vec<Parsed>, FileError> {
    let claims = &reader.claims;
    let n = claims.len();
    let mut links: Vec<Option<usize>> = vec![None; n];
    for (i, claim) in claims.iter().enumerate() {
        let trimmed = claim.raw.trim();
        if let Some(target) = trimmed.strip_prefix(LINK_PREFIX).map(str::trim)
            && is_id(target)
        {
            let Some(&t) = reader.ids.get(target) else {
                let leading = claim.raw.len() - claim.raw.trim_start().len();
                let column = claim.text_at.1 + leading + LINK_PREFIX.len();
                return Err(reader.error(
                    (claim.text_at.0, column),
                    format!(
                        "the claim {} links to {target}, which is not in the discussion",
                        claim.id
                    ),
                ));
            };
            links[i] = Some(t);
        }
    }
    let targets = follow_links(&reader, &links)?;
    // Every claim but the top one, as insights: their texts, sources and ids.
    let mut made = made_claims(&claims[1..], &links[1..], &reader.sources);
    let root = &claims[0];
    let (root_text, root_sources) = match targets[0] {
        Some(t) => (made[t - 1].text.clone(), made[t - 1].sources.clone()),
        // A thesis or question has no sources of its own to keep a link's url in.
        None => {
            let (text, sources) = render(&root.raw, &reader.sources, true);
            (text.into_owned(), sources)
        }
    };
    // A link shows its target's text: copied here, before the texts are moved out. Targets
    // are never links themselves, so the order of copying does not matter.
    for (i, target) in targets.iter().enumerate().skip(1) {
        if let Some(t) = *target {
            let (text, sources) = match t {
                0 => (root_text.clone(), root_sources.clone()),
                t => (made[t - 1].text.clone(), made[t - 1].sources.clone()),
            };
            made[i - 1].text = text;
            made[i - 1].sources = sources;
        }
    }
    for (i, insight) in made.iter_mut().enumerate() {
        let i = i + 1;
        insight.note = targets[i].map(|t| format!("The same claim as {}", claims[t].id));
    }

    if root.kind == Kind::Thesis {
        // One thesis, and every other claim argues about it, in the file's order.
        for (insight, claim) in made.iter_mut().zip(&claims[1..]) {
            insight.reply = Some(reply_of(claim, 0, |p| p - 1));
        }
        return Ok(vec![Parsed::from(Debate {
            title: name.to_string(),
            source: None,
            thesis: root_text,
            insights: made,
        })]);
    }

    // A question: each of its theses is a debate of its own.
    let n = claims.len();
    let question = root_text;
    let mut thesis_of: Vec<usize> = Vec::with_capacity(n);
    let mut theses: Vec<usize> = Vec::new();
    for (i, claim) in claims.iter().enumerate() {
        let t = match claim.parent {
            Some(0) => i,
            Some(p) => thesis_of[p],
            None => 0,
        };
        if t == i && claim.kind == Kind::Thesis {
            theses.push(i);
        }
        thesis_of.push(t);
    }
    if theses.is_empty() {
        return Err(reader.error(
            root.header_at,
            "the question 1. has no thesis under it: expected \"1.1. Thesis:\"",
        ));
    }
    let mut slot: Vec<Option<usize>> = vec![None; n];
    for (k, &t) in theses.iter().enumerate() {
        slot[t] = Some(k);
    }
    let mut out: Vec<Debate> = theses
        .iter()
        .map(|&t| {
            let thesis = made[t - 1].text.clone();
            let (title, source) = (
                // Titled by the thesis, which is what tells the theses apart in the picker;
                // the discussion and its question are their shared source.
                cut_at_word(&thesis, TITLE_THESIS_CHARS),
                Some(if question.trim() == name.trim() {
                    format!("Question: {question}")
                } else {
                    format!("{name} · Question: {question}")
                }),
            );
            Debate {
                title,
                source,
                thesis,
                insights: Vec::new(),
            }
        })
        .collect();
    // Each claim's index among its debate's insights.
    let mut local: Vec<usize> = vec![0; n];
    for ((i, claim), mut insight) in claims.iter().enumerate().skip(1).zip(made) {
        let t = thesis_of[i];
        if t == i {
            continue;
        }
        let Some(k) = slot[t] else { continue };
        let insights = &mut out[k].insights;
        local[i] = insights.len();
        insight.reply = Some(reply_of(claim, t, |p| local[p]));
        insights.push(insight);
    }
    Ok(out.into_iter().map(Parsed::from).collect())
}

/// How `claim` replies within the debate of thesis `thesis`: to the thesis, or to its parent
/// at the index `index` gives it.
fn reply_of(claim: &Claim<'_>, thesis: usize, index: impl Fn(usize) -> usize) -> Reply {
    Reply {
        parent: claim.parent.filter(|&p| p != thesis).map(index),
        relation: match claim.kind {
            Kind::Con => Relation::Attacks,
            _ => Relation::Supports,
        },
    }
}

/// Claims made into insights: texts rendered and copied out of the file, sources and ids,
/// on two threads for a large export, since copying is most of what opening one costs, in
/// pages touched for the first time (#12). A link's text is left empty, for its target's.
fn made_claims(
    claims: &[Claim<'_>],
    links: &[Option<usize>],
    sources: &HashMap<&str, (String, usize)>,
) -> Vec<Insight> {
    let make = |claims: &[Claim<'_>], links: &[Option<usize>], out: &mut Vec<Insight>| {
        out.extend(claims.iter().zip(links).map(|(claim, link)| {
            let id = Some(claim.id.to_string());
            if link.is_some() {
                return Insight {
                    id,
                    ..Insight::default()
                };
            }
            // A thesis has no sources of its own to keep a link's url in.
            let inline_urls = claim.kind == Kind::Thesis;
            let (text, sources) = render(&claim.raw, sources, inline_urls);
            Insight {
                text: text.into_owned(),
                sources,
                id,
                ..Insight::default()
            }
        }));
    };
    let mut made = Vec::with_capacity(claims.len());
    // A thread costs more than a small export.
    if claims.len() < 1000 {
        make(claims, links, &mut made);
        return made;
    }
    let half = claims.len() / 2;
    std::thread::scope(|scope| {
        let second = scope.spawn(|| {
            let mut second = Vec::with_capacity(claims.len() - half);
            make(&claims[half..], &links[half..], &mut second);
            second
        });
        make(&claims[..half], &links[..half], &mut made);
        // A panic in the worker is a bug in rendering; pass it on rather than hide it.
        made.append(
            &mut second
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
        );
    });
    made
}

/// For each link, the claim it comes to in the end, through links to links; `None` for a
/// claim that is not a link. Each claim is walked once, so long chains stay linear.
fn follow_links(
    reader: &Reader<'_>,
    links: &[Option<usize>],
) -> Result<Vec<Option<usize>>, FileError> {
    let n = links.len();
    let mut targets: Vec<Option<usize>> = vec![None; n];
    let mut walking = vec![false; n];
    let mut chain = Vec::new();
    for start in 0..n {
        if links[start].is_none() || targets[start].is_some() {
            continue;
        }
        let mut at = start;
        let end = loop {
            match links[at] {
                None => break at,
                Some(_) if targets[at].is_some() => break targets[at].unwrap_or(at),
                Some(_) if walking[at] => {
                    let claim = &reader.claims[start];
                    return Err(reader.error(
                        claim.text_at,
                        format!(
                            "the claim {} links to a claim that links back to it: no claim has the text",
                            claim.id
                        ),
                    ));
                }
                Some(next) => {
                    walking[at] = true;
                    chain.push(at);
                    at = next;
                }
            }
        };
        for link in chain.drain(..) {
            targets[link] = Some(end);
        }
    }
    Ok(targets)
}

/// A claim's text as shown, and the sources it cites: `[3]` markers stay and cite the third
/// source, a Markdown link shows its text and cites `text: url` (or, with `inline_urls`, shows
/// `text (url)`), escapes lose the backslash.
fn render<'r>(
    raw: &'r str,
    sources: &HashMap<&str, (String, usize)>,
    inline_urls: bool,
) -> (Cow<'r, str>, Vec<String>) {
    let bytes = raw.as_bytes();
    // Made only when something in the claim changes: most claims are shown as written.
    let mut text = String::new();
    let mut cited: Vec<String> = Vec::new();
    let mut cite = |source: String| {
        if !cited.contains(&source) {
            cited.push(source);
        }
    };
    let mut copied = 0;
    let mut i = 0;
    // Only a backslash or a bracket means anything here: jump from one to the next.
    while let Some(next) = memchr::memchr2(b'\\', b'[', &bytes[i.min(bytes.len())..]) {
        i += next;
        match bytes[i] {
            b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                text.push_str(&raw[copied..i]);
                copied = i + 1;
                i += 2;
            }
            b'[' => {
                if let Some((label, url, end)) = markdown_link(raw, i) {
                    text.push_str(&raw[copied..i]);
                    let label = unescape(label);
                    let url = unescape(url);
                    if label.is_empty() {
                        text.push_str(&url);
                        cite(url);
                    } else if inline_urls {
                        text.push_str(&format!("{label} ({url})"));
                        cite(format!("{label}: {url}"));
                    } else {
                        text.push_str(&label);
                        cite(format!("{label}: {url}"));
                    }
                    copied = end;
                    i = end;
                } else {
                    let digits = bytes[i + 1..]
                        .iter()
                        .take_while(|b| b.is_ascii_digit())
                        .count();
                    if digits > 0
                        && bytes.get(i + 1 + digits) == Some(&b']')
                        && let Some((source, _)) = sources.get(&raw[i + 1..i + 1 + digits])
                    {
                        cite(source.clone());
                    }
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    if copied == 0 && text.is_empty() {
        return (Cow::Borrowed(raw), cited);
    }
    text.push_str(&raw[copied..]);
    (Cow::Owned(text), cited)
}

/// `[label](url)` starting at byte `open` of `s`: the label, the url, and the byte after the
/// link. Escaped brackets do not count, and the url may hold balanced parentheses, as
/// Wikipedia's do. A link does not cross a line.
fn markdown_link(s: &str, open: usize) -> Option<(&str, &str, usize)> {
    let bytes = s.as_bytes();
    let mut i = open + 1;
    let close = loop {
        match *bytes.get(i)? {
            b'\\' => i += 2,
            b']' => break i,
            b'[' | b'\n' => return None,
            _ => i += 1,
        }
    };
    if bytes.get(close + 1) != Some(&b'(') {
        return None;
    }
    let url_start = close + 2;
    let mut depth = 0usize;
    let mut i = url_start;
    let url_end = loop {
        match *bytes.get(i)? {
            b'\\' => i += 2,
            b'(' => {
                depth += 1;
                i += 1;
            }
            b')' if depth == 0 => break i,
            b')' => {
                depth -= 1;
                i += 1;
            }
            b'\n' | b' ' => return None,
            _ => i += 1,
        }
    };
    if url_end == url_start {
        return None;
    }
    Some((&s[open + 1..close], &s[url_start..url_end], url_end + 1))
}

/// `s` without the backslashes that escape punctuation: `\(` is `(`, `\\` is `\`.
fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.clone().next() {
                Some(next) if next.is_ascii_punctuation() => {
                    out.push(next);
                    chars.next();
                }
                _ => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` on one line, cut at a word to about `max` characters, with `…` if it was cut.
fn cut_at_word(text: &str, max: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let whole = words.join(" ");
    if whole.chars().count() <= max {
        return whole;
    }
    let mut out = String::new();
    for word in &words {
        let len = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if len > max && !out.is_empty() {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    // One word longer than the limit is cut inside it rather than shown whole.
    if out.chars().count() > max {
        out = out.chars().take(max).collect();
    }
    let out = out.trim_end_matches([',', ';', ':', ' ']);
    format!("{out}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_ids_are_numbers_each_with_a_dot() {
        assert_eq!(
            claim_id("    1.2.3. Pro:"),
            Some(ClaimId {
                indent: 4,
                id: "1.2.3.",
                depth: 3,
                after: 11
            })
        );
        assert_eq!(claim_id("1.").map(|c| (c.id, c.after)), Some(("1.", 2)));
        assert_eq!(claim_id("1. Thesis:").map(|c| c.depth), Some(1));
        assert_eq!(claim_id("10.22. Con: x").map(|c| c.id), Some("10.22."));
        assert_eq!(claim_id("1.2 Pro:"), None);
        assert_eq!(claim_id("1.2.Pro:"), None);
        assert_eq!(claim_id(".1. Pro:"), None);
        assert_eq!(claim_id("  Pro:"), None);
        assert_eq!(claim_id(""), None);
        assert_eq!(claim_id("1.a. Pro:"), None);
    }

    #[test]
    fn kind_words_end_in_a_colon() {
        assert_eq!(kind_word("Pro:"), Some(("Pro", "", 4)));
        assert_eq!(kind_word("Con: text here"), Some(("Con", "text here", 5)));
        assert_eq!(kind_word("Maybe:"), Some(("Maybe", "", 6)));
        assert_eq!(kind_word("Pro"), None);
        assert_eq!(kind_word("Pro:x"), None);
        assert_eq!(kind_word("two words:"), None);
        assert_eq!(kind_word(": x"), None);
    }

    #[test]
    fn a_parent_is_the_id_less_its_last_number() {
        assert_eq!(parent_id("1.2.3."), Some("1.2."));
        assert_eq!(parent_id("1.2."), Some("1."));
        assert_eq!(parent_id("1."), None);
        assert!(is_id("1.22.3."));
        assert!(!is_id("1.2.3"));
        assert!(!is_id("1.2. x"));
    }

    #[test]
    fn recognised_by_the_first_line() {
        assert!(looks_like_kialo("\u{FEFF}\r\n  \nDiscussion Name:\r\nX"));
        assert!(looks_like_kialo("Discussion Title: X\n1. Y"));
        assert!(!looks_like_kialo("title = \"Discussion Name:\""));
        assert!(!looks_like_kialo("Intro\nDiscussion Name:"));
        assert!(!looks_like_kialo(""));
    }

    #[test]
    fn rendering_keeps_markers_and_unwraps_links() {
        let mut sources = HashMap::default();
        sources.insert("2", ("[2] https://b.example".to_string(), 9));
        let (text, cited) = render(
            r"See [a \[b\]](https://w.example/F_(x)) \(sic\) [2] [2] [7] \\ [x]",
            &sources,
            false,
        );
        assert_eq!(text, r"See a [b] (sic) [2] [2] [7] \ [x]");
        assert_eq!(
            cited,
            ["a [b]: https://w.example/F_(x)", "[2] https://b.example"]
        );
        assert_eq!(
            render(r"\[2\]", &sources, false),
            (Cow::Owned("[2]".to_string()), vec![])
        );
        assert_eq!(
            render("[a](u) b", &sources, true).0,
            "a (u) b",
            "a thesis keeps the url"
        );
        assert!(
            matches!(render("Plain text.", &sources, false).0, Cow::Borrowed(_)),
            "text with nothing to change is not copied"
        );
    }

    #[test]
    fn titles_cut_at_a_word() {
        assert_eq!(cut_at_word("short  one", 60), "short one");
        assert_eq!(cut_at_word("aaa bbb, ccc", 9), "aaa bbb…");
        assert_eq!(cut_at_word("abcdefghij", 4), "abcd…");
    }
}
