//! Argdown (argdown.org), the part of it an argument map needs: statements `[Title]: text` and
//! arguments `<Title>: text`, references and mentions, relation trees by indentation
//! (`+ - _ <+ <- <_ +> -> _> ><`), front matter (its `title:` only), headings, tags, inline
//! data and comments (stripped), and premise–conclusion blocks (kept as their argument's text).
//!
//! Every node that is supported or attacked and itself supports or attacks nothing is a thesis,
//! and each thesis is a debate: its insights are the nodes from which a chain of relations
//! leads to it, in depth-first order. Relations beyond the one that first reaches a node are
//! handed on as [`Link`]s, so that a node reached both in support and in attack is `mixed`.
//!
//! Not read: bold and italic marks (kept as written), ordered and unordered lists, the data
//! inside `{…}` and the front matter beyond `title:`, `#(tags with spaces)` as anything but a
//! tag to strip, untitled premise–conclusion arguments, statement members (a second text for a
//! title is ignored: the first one given wins), and a `><` contradiction counts one way only
//! (the line's node attacks the one above it), so that a thesis with a contradiction under it is
//! still a thesis.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::load::Parsed;
use super::tree::Link;
use super::{Debate, FileError, Insight, Relation, Reply};

/// Bytes of comments, inline data and front matter are replaced by this, so that offsets (and
/// so the line and column of an error) stay those of the file, and a line that held only a
/// comment can be told from a blank line, which ends a tree.
const GONE: u8 = 0x01;

/// How a file names a relation, for messages and for the shape of the line.
const ARROWS: [(&str, Relation, Direction); 10] = [
    ("+>", Relation::Supports, Direction::Down),
    ("->", Relation::Attacks, Direction::Down),
    ("_>", Relation::Attacks, Direction::Down),
    ("<+", Relation::Supports, Direction::Up),
    ("<-", Relation::Attacks, Direction::Up),
    ("<_", Relation::Attacks, Direction::Up),
    ("><", Relation::Attacks, Direction::Up),
    ("+", Relation::Supports, Direction::Up),
    ("-", Relation::Attacks, Direction::Up),
    ("_", Relation::Attacks, Direction::Up),
];

/// Which way a relation line points: `Up`, the line's node bears on the node above it (`+`,
/// `<+`); `Down`, the node above bears on the line's (`+>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Up,
    Down,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Statement,
    Argument,
}

struct Node {
    kind: Kind,
    /// `None` for an untitled statement (`+ some text`): it is given an id when it is used.
    title: Option<String>,
    text: Option<String>,
    /// The lines of its premise–conclusion block, for an argument.
    pcs: Vec<String>,
}

/// `from` supports or attacks `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Edge {
    from: usize,
    to: usize,
    relation: Relation,
}

/// Whether `text` (from `path`) is Argdown: by its ending, or by a start no other format has.
///
/// This is asked before TOML and plain pages, so the content test is narrow: after blank lines,
/// `#` lines (an Argdown heading, a TOML comment), comments and front matter, the first line
/// must be a titled statement or argument (`[Title]: text`, `<Title>`), and the line after it
/// a relation with a node after its arrow. A TOML table header is never followed by such a
/// line (`- = 1` and `_ = 1` are TOML, so a node may not start with `=`), a Markdown link
/// definition (`[1]: https://…`) is not a statement, and a plain page does not start with `[`.
pub(super) fn looks_like_argdown(text: &str, path: &Path) -> bool {
    if let Some(ext) = path.extension() {
        let ext = ext.to_string_lossy().to_ascii_lowercase();
        if ext == "argdown" || ext == "ad" {
            return true;
        }
    }
    let mut lines = text.lines().map(|l| l.strip_suffix('\r').unwrap_or(l));
    let mut first_content = true;
    let first = loop {
        let Some(line) = lines.next() else {
            return false;
        };
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') || t.starts_with("//") {
            continue;
        }
        if first_content && is_front_matter_fence(t) {
            if !lines.any(|l| is_front_matter_fence(l.trim())) {
                return false;
            }
            first_content = false;
            continue;
        }
        first_content = false;
        if let Some((open, close)) = [("/*", "*/"), ("<!--", "-->")]
            .into_iter()
            .find(|(open, _)| t.starts_with(open))
        {
            let mut rest = &t[open.len()..];
            while !rest.contains(close) {
                let Some(next) = lines.next() else {
                    return false;
                };
                rest = next;
            }
            // A node after the comment, on the same line, is too rare to look for.
            let after = rest.split_once(close).map_or("", |(_, after)| after.trim());
            if after.is_empty() {
                continue;
            }
            return false;
        }
        break t;
    };
    if first.starts_with("[[") || !(first.starts_with('[') || first.starts_with('<')) {
        return false;
    }
    let close = if first.starts_with('[') { ']' } else { '>' };
    let Some(end) = first.find(close) else {
        return false;
    };
    if first[1..end].trim().is_empty() {
        return false;
    }
    let after = first[end + 1..].trim_start();
    if let Some(definition) = after.strip_prefix(':') {
        if definition.trim_start().starts_with("http") {
            return false;
        }
    } else if !(after.is_empty() || after.starts_with('#') || after.starts_with('{')) {
        return false;
    }
    let Some(next) = lines.find(|l| !l.trim_start().starts_with("//")) else {
        return false;
    };
    let next = next.trim();
    if next.starts_with("--") {
        return false;
    }
    ARROWS.iter().any(|(arrow, _, _)| {
        next.strip_prefix(arrow).is_some_and(|rest| {
            let node = rest.trim();
            !node.is_empty() && !node.starts_with('=')
        })
    })
}

fn is_front_matter_fence(line: &str) -> bool {
    line.len() >= 3 && line.bytes().all(|b| b == b'=')
}

/// Every debate in the map: one per thesis.
pub(super) fn parse(text: &str, path: &Path) -> Result<Vec<Parsed>, FileError> {
    let (cleaned, front_title) = strip(text, path)?;
    let mut reader = Reader::new(text, path);
    reader.read(&cleaned)?;
    reader.into_debates(front_title)
}

/// The text with front matter, comments and inline data replaced by [`GONE`], and the front
/// matter's title.
fn strip(text: &str, path: &Path) -> Result<(String, Option<String>), FileError> {
    let mut bytes = text.as_bytes().to_vec();
    let mut start = 0;
    let mut title = None;
    if let Some((open, close, inside)) = front_matter(text, path)? {
        title = front_matter_title(inside);
        gone(&mut bytes[open..close]);
        start = close;
    }
    strip_comments(text, path, &mut bytes, start)?;
    strip_data(&mut bytes, start);
    // Only whole characters were replaced, by ASCII, so this cannot fail; were it to, the error
    // says so rather than panicking.
    let cleaned = String::from_utf8(bytes)
        .map_err(|_| FileError::new(path, "could not strip comments (a bug in stance)"))?;
    Ok((cleaned, title))
}

fn gone(bytes: &mut [u8]) {
    for b in bytes.iter_mut().filter(|b| !matches!(**b, b'\n' | b'\r')) {
        *b = GONE;
    }
}

/// Where the front matter starts and ends (its closing line included), and what is inside it.
fn front_matter<'a>(
    text: &'a str,
    path: &Path,
) -> Result<Option<(usize, usize, &'a str)>, FileError> {
    let mut offset = 0;
    let mut open = None;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        match open {
            None if t.is_empty() => {}
            None if is_front_matter_fence(t) => open = Some((offset, offset + line.len())),
            None => return Ok(None),
            Some((start, inside)) if is_front_matter_fence(t) => {
                return Ok(Some((start, offset + line.len(), &text[inside..offset])));
            }
            Some(_) => {}
        }
        offset += line.len();
    }
    match open {
        Some((start, _)) => Err(FileError::at_offset(
            path,
            text,
            start + (text[start..].len() - text[start..].trim_start().len()),
            "the front matter opened here is never closed: expected a line of === after it",
        )),
        None => Ok(None),
    }
}

/// The `title:` of YAML front matter, unquoted.
fn front_matter_title(yaml: &str) -> Option<String> {
    let value = yaml.lines().find_map(|l| l.strip_prefix("title:"))?.trim();
    let unquoted = ['"', '\'']
        .iter()
        .find_map(|&q| value.strip_prefix(q).and_then(|v| v.strip_suffix(q)))
        .unwrap_or(value);
    let unquoted = unquoted.trim();
    (!unquoted.is_empty()).then(|| unquoted.to_string())
}

/// Replaces `/* */`, `<!-- -->` and `//` comments with [`GONE`]. A `//` right after a `:` is a
/// URL's, and kept.
fn strip_comments(
    text: &str,
    path: &Path,
    bytes: &mut [u8],
    start: usize,
) -> Result<(), FileError> {
    let mut i = start;
    while let Some(found) = memchr::memchr2(b'/', b'<', &bytes[i..]) {
        i += found;
        let rest = &bytes[i..];
        let (close, message): (&[u8], &str) = if rest.starts_with(b"/*") {
            (
                b"*/",
                "this /* comment is never closed: expected */ to end it",
            )
        } else if rest.starts_with(b"<!--") {
            (
                b"-->",
                "this <!-- comment is never closed: expected --> to end it",
            )
        } else if rest.starts_with(b"//") && (i == 0 || bytes[i - 1] != b':') {
            let end = memchr::memchr(b'\n', rest).map_or(bytes.len(), |e| i + e);
            gone(&mut bytes[i..end]);
            i = end;
            continue;
        } else {
            i += 1;
            continue;
        };
        let open = if close == b"*/" { 2 } else { 4 };
        let Some(end) = memchr::memmem::find(&rest[open..], close) else {
            return Err(FileError::at_offset(path, text, i, message));
        };
        let end = i + open + end + close.len();
        gone(&mut bytes[i..end]);
        i = end;
    }
    Ok(())
}

/// Replaces inline data, `{…}` with any nesting, with [`GONE`]. A `{` that is not closed
/// before a blank line is text.
fn strip_data(bytes: &mut [u8], start: usize) {
    let mut depth = 0usize;
    let mut opened = 0;
    let mut line_blank = true;
    for i in start..bytes.len() {
        match bytes[i] {
            b'{' => {
                if depth == 0 {
                    opened = i;
                }
                depth += 1;
                line_blank = false;
            }
            b'}' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    gone(&mut bytes[opened..=i]);
                }
                line_blank = false;
            }
            b'\n' => {
                if line_blank {
                    depth = 0;
                }
                line_blank = true;
            }
            b' ' | b'\t' | b'\r' => {}
            _ => line_blank = false,
        }
    }
}

/// Where the text of the next plain line goes: on to a node's text, or on to the last line of
/// a premise–conclusion block.
#[derive(Debug, Clone, Copy)]
enum Continues {
    /// A node whose text this line defined; `false` when the node had text already, so this
    /// one is not used.
    Node(usize, bool),
    Pcs(usize),
    /// A line that defined no text (`[Title]` alone): a line of text after it is an error.
    Nothing,
}

/// The premise–conclusion block being read, and the argument it belongs to.
struct Pcs {
    argument: Option<usize>,
    /// An inference (`-- rule`) whose closing `--` is on a later line.
    inference_open: bool,
}

struct Reader<'a> {
    text: &'a str,
    path: &'a Path,
    nodes: Vec<Node>,
    titles: HashMap<(Kind, String), usize>,
    edges: Vec<Edge>,
    edge_set: HashSet<Edge>,
    /// The nodes of the tree being read, with the indentation of the line that holds each; a
    /// top-level node's is one less than its line's, so that relations may start at column 1.
    stack: Vec<(isize, usize)>,
    continues: Option<Continues>,
    /// The argument last written at the top level: a premise–conclusion block after it is its.
    last_argument: Option<usize>,
    pcs: Option<Pcs>,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, path: &'a Path) -> Self {
        Reader {
            text,
            path,
            nodes: Vec::new(),
            titles: HashMap::new(),
            edges: Vec::new(),
            edge_set: HashSet::new(),
            stack: Vec::new(),
            continues: None,
            last_argument: None,
            pcs: None,
        }
    }

    fn error(&self, offset: usize, message: impl Into<String>) -> FileError {
        FileError::at_offset(self.path, self.text, offset, message)
    }

    fn read(&mut self, cleaned: &str) -> Result<(), FileError> {
        let mut offset = 0;
        for raw in cleaned.split_inclusive('\n') {
            let start = offset;
            offset += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            self.line(line, start)?;
        }
        Ok(())
    }

    fn end_block(&mut self) {
        self.stack.clear();
        self.continues = None;
        self.pcs = None;
    }

    fn line(&mut self, line: &str, start: usize) -> Result<(), FileError> {
        if line.chars().all(is_space) {
            // A line of comments only is not there; a blank line ends a tree and a block.
            if !line.contains(char::from(GONE)) {
                self.end_block();
            }
            return Ok(());
        }
        // A premise after a bare `--` means it had no rule: the line is read as itself.
        let premise_next = self.pcs.as_ref().is_some_and(|p| p.inference_open)
            && statement_number(indentation(line, start).1).is_some();
        if let Some(pcs) = &mut self.pcs
            && premise_next
        {
            pcs.inference_open = false;
        }
        if let Some(pcs) = &mut self.pcs
            && pcs.inference_open
        {
            if line.contains("--") {
                pcs.inference_open = false;
            }
            let cleaned = clean_text(line);
            if let (Some(argument), false) = (pcs.argument, cleaned.is_empty())
                && let Some(last) = self.nodes[argument].pcs.last_mut()
            {
                last.push(' ');
                last.push_str(&cleaned);
            }
            return Ok(());
        }
        let (indent, body, body_at) = indentation(line, start);
        if indent == 0 && is_heading(body) {
            self.end_block();
            self.last_argument = None;
            return Ok(());
        }
        if body.starts_with("--") {
            return self.inference(body);
        }
        if let Some(number_end) = statement_number(body) {
            return self.premise(body, body_at, number_end);
        }
        if let Some((arrow, relation, direction)) = ARROWS
            .iter()
            .find(|(arrow, _, _)| {
                body.starts_with(arrow)
                    && (*arrow != "_"
                        || body[1..].starts_with(char::is_whitespace)
                        || body.len() == 1)
            })
            .copied()
        {
            return self.relation(indent, body, body_at, arrow, relation, direction);
        }
        match self.continues {
            Some(continues) if indent > 0 || !(body.starts_with('[') || body.starts_with('<')) => {
                self.continuation(continues, body, body_at)
            }
            _ => self.top_level(indent, body, body_at),
        }
    }

    /// `--`, `----`, `-- rule --`: a line of the premise–conclusion block.
    fn inference(&mut self, body: &str) -> Result<(), FileError> {
        let pcs = self.pcs.get_or_insert(Pcs {
            argument: self.last_argument,
            inference_open: false,
        });
        let after = body.trim_start_matches('-');
        // `-- rule --` is whole; `-- rule` goes on to a closing `--`; and a bare `--` may open
        // a rule on the lines below it (`--`, `Modus ponens`, `--`) or be the whole line.
        pcs.inference_open = !after.contains("--");
        if let Some(argument) = pcs.argument {
            self.nodes[argument].pcs.push(clean_text(body));
        }
        self.stack.clear();
        self.continues = None;
        Ok(())
    }

    /// `(1) text`: a premise or conclusion. It is a line of its argument's text, and a node
    /// that relations below it can reach.
    fn premise(&mut self, body: &str, body_at: usize, number_end: usize) -> Result<(), FileError> {
        let argument = match &self.pcs {
            Some(pcs) => pcs.argument,
            None => {
                self.pcs = Some(Pcs {
                    argument: self.last_argument,
                    inference_open: false,
                });
                self.last_argument
            }
        };
        let statement = &body[number_end..];
        let at = body_at + number_end + (statement.len() - statement.trim_start().len());
        self.stack.clear();
        self.continues = None;
        if let Some((node, owns)) = self.element(trim_gone(statement), at)? {
            self.stack.push((-1, node));
            self.continues = owns.map(|owns| Continues::Node(node, owns));
        }
        if let Some(argument) = argument {
            let pcs = &mut self.nodes[argument].pcs;
            pcs.push(clean_text(body));
            self.continues = Some(Continues::Pcs(argument));
        }
        Ok(())
    }

    fn relation(
        &mut self,
        indent: usize,
        body: &str,
        body_at: usize,
        arrow: &str,
        relation: Relation,
        direction: Direction,
    ) -> Result<(), FileError> {
        let indent = isize::try_from(indent).unwrap_or(isize::MAX);
        if clean_text(&body[arrow.len()..]).is_empty() {
            return Err(self.error(
                body_at,
                format!(
                    "nothing after {arrow}: expected a statement ([Title], [Title]: text, or text) or an argument (<Title>)"
                ),
            ));
        }
        let below = self.stack.partition_point(|&(at, _)| at < indent);
        if below == 0 {
            return Err(self.error(
                body_at,
                format!(
                    "{arrow} relates to nothing: expected a statement or argument above it, less indented, with no blank line between"
                ),
            ));
        }
        match self.stack.get(below) {
            Some(&(at, _)) if at == indent => self.stack.truncate(below),
            Some(_) => {
                let levels: Vec<String> = self
                    .stack
                    .iter()
                    .filter(|&&(at, _)| at >= 0)
                    .map(|(at, _)| at.to_string())
                    .collect();
                return Err(self.error(
                    body_at,
                    format!(
                        "the indentation jumps back to {indent} columns, which no line above it in this tree has: expected {} columns, as a line above it",
                        levels.join(" or ")
                    ),
                ));
            }
            None => {}
        }
        let parent = self.stack[below - 1].1;
        let rest = &body[arrow.len()..];
        let s = trim_gone(rest);
        let at = body_at + arrow.len() + (rest.len() - rest.trim_start_matches(is_space).len());
        let Some((node, owns)) = self.element(s, at)? else {
            return Err(self.error(body_at, format!("nothing after {arrow}: expected a node")));
        };
        let (from, to) = match direction {
            Direction::Up => (node, parent),
            Direction::Down => (parent, node),
        };
        let edge = Edge { from, to, relation };
        if self.edge_set.insert(edge) {
            self.edges.push(edge);
        }
        self.stack.push((indent, node));
        self.continues = Some(if owns.is_some() {
            Continues::Node(node, owns == Some(true))
        } else {
            Continues::Nothing
        });
        Ok(())
    }

    fn continuation(
        &mut self,
        continues: Continues,
        body: &str,
        body_at: usize,
    ) -> Result<(), FileError> {
        let more = clean_text(body);
        if more.is_empty() {
            return Ok(());
        }
        let target = match continues {
            Continues::Node(node, true) => self.nodes[node].text.get_or_insert_with(String::new),
            Continues::Node(_, false) => return Ok(()),
            Continues::Pcs(argument) => match self.nodes[argument].pcs.last_mut() {
                Some(last) => last,
                None => return Ok(()),
            },
            Continues::Nothing => {
                return Err(self.error(
                    body_at,
                    "text after a reference: expected a relation (+ or -) here, or this text after \"[Title]: \" on the line above",
                ));
            }
        };
        if !target.is_empty() {
            target.push(' ');
        }
        target.push_str(&more);
        Ok(())
    }

    fn top_level(&mut self, indent: usize, body: &str, body_at: usize) -> Result<(), FileError> {
        self.end_block();
        let Some((node, owns)) = self.element(body, body_at)? else {
            return Ok(());
        };
        let indent = isize::try_from(indent).unwrap_or(isize::MAX);
        self.stack.push((indent - 1, node));
        self.last_argument = (self.nodes[node].kind == Kind::Argument).then_some(node);
        self.continues = Some(match owns {
            Some(owns) => Continues::Node(node, owns),
            None => Continues::Nothing,
        });
        Ok(())
    }

    /// The node `s` (trimmed, at `at`) names or defines, and whether it defined its text:
    /// `Some(true)` it did, `Some(false)` it was given text already, `None` it gives none. No
    /// node when `s` is only tags and data.
    fn element(&mut self, s: &str, at: usize) -> Result<Option<(usize, Option<bool>)>, FileError> {
        let (kind, close) = if s.starts_with('[') {
            (Kind::Statement, ']')
        } else if s.starts_with('<') {
            (Kind::Argument, '>')
        } else {
            return Ok(self.untitled(s));
        };
        let Some(end) = s.find(close) else {
            let open = if close == ']' { '[' } else { '<' };
            let what = if kind == Kind::Statement {
                "statement"
            } else {
                "argument"
            };
            return Err(self.error(
                at,
                format!(
                    "this {open} opens the title of {} {what} that is never closed: expected {close} on the same line",
                    if kind == Kind::Statement { "a" } else { "an" }
                ),
            ));
        };
        // A Markdown link at the start of a line is text, not a title.
        if kind == Kind::Statement && s[end + 1..].starts_with('(') {
            return Ok(self.untitled(s));
        }
        let title = collapse(&s[1..end].replace(char::from(GONE), " "));
        if title.is_empty() {
            return Err(self.error(
                at,
                format!(
                    "an empty title: expected a title between {} and {close}",
                    &s[..1]
                ),
            ));
        }
        let node = self.node(kind, title);
        let Some(definition) = s[end + 1..].strip_prefix(':') else {
            return Ok(Some((node, None)));
        };
        let text = clean_text(definition);
        let slot = &mut self.nodes[node].text;
        // `[Title]:` may have its text on the lines below, so an empty text is not a text yet.
        if slot.as_deref().is_none_or(str::is_empty) {
            *slot = Some(text);
            Ok(Some((node, Some(true))))
        } else {
            Ok(Some((node, Some(false))))
        }
    }

    fn untitled(&mut self, s: &str) -> Option<(usize, Option<bool>)> {
        let text = clean_text(s);
        if text.is_empty() {
            return None;
        }
        self.nodes.push(Node {
            kind: Kind::Statement,
            title: None,
            text: Some(text),
            pcs: Vec::new(),
        });
        Some((self.nodes.len() - 1, Some(true)))
    }

    fn node(&mut self, kind: Kind, title: String) -> usize {
        let next = self.nodes.len();
        let nodes = &mut self.nodes;
        *self
            .titles
            .entry((kind, title))
            .or_insert_with_key(|(kind, title)| {
                nodes.push(Node {
                    kind: *kind,
                    title: Some(title.clone()),
                    text: None,
                    pcs: Vec::new(),
                });
                next
            })
    }

    /// The debates of the map: one per thesis.
    fn into_debates(self, front_title: Option<String>) -> Result<Vec<Parsed>, FileError> {
        if self.edges.is_empty() {
            return Err(FileError::new(
                self.path,
                "holds no relations: expected a thesis with replies under it, as \"[Thesis]: text\" then \"  + [Reason]: text\" or \"  - [Objection]: text\"",
            ));
        }
        let n = self.nodes.len();
        // The relations into each node, in the order the file states them.
        let mut first_in = vec![0usize; n + 1];
        let mut bears = vec![false; n];
        for edge in &self.edges {
            first_in[edge.to + 1] += 1;
            bears[edge.from] = true;
        }
        for i in 0..n {
            first_in[i + 1] += first_in[i];
        }
        let mut fill = first_in.clone();
        let mut incoming = vec![0usize; self.edges.len()];
        for (e, edge) in self.edges.iter().enumerate() {
            incoming[fill[edge.to]] = e;
            fill[edge.to] += 1;
        }
        let into = |node: usize| &incoming[first_in[node]..first_in[node + 1]];
        let roots: Vec<usize> = (0..n)
            .filter(|&i| !bears[i] && !into(i).is_empty())
            .collect();
        if roots.is_empty() {
            return Err(FileError::new(
                self.path,
                "has no thesis: every statement and argument in it supports or attacks another (a thesis is supported or attacked, and supports or attacks nothing)",
            ));
        }

        // Depth first from each thesis, on a stack of its own: a deep or looping map must
        // neither overflow the call stack nor go round for ever.
        let mut seen = vec![usize::MAX; n];
        let mut walks: Vec<Vec<(usize, usize)>> = Vec::with_capacity(roots.len());
        for (d, &root) in roots.iter().enumerate() {
            seen[root] = d;
            let mut order = Vec::new();
            let mut stack: Vec<(usize, usize)> = into(root)
                .iter()
                .rev()
                .map(|&e| (self.edges[e].from, e))
                .collect();
            while let Some((node, via)) = stack.pop() {
                if seen[node] == d {
                    continue;
                }
                seen[node] = d;
                order.push((node, via));
                stack.extend(
                    into(node)
                        .iter()
                        .rev()
                        .map(|&e| (self.edges[e].from, e))
                        .filter(|&(from, _)| seen[from] != d),
                );
            }
            walks.push(order);
        }

        let ids = self.ids(&walks);
        let mut index = vec![0usize; n];
        let mut reply_of = vec![usize::MAX; n];
        let mut debates = Vec::with_capacity(roots.len());
        for (&root, walk) in roots.iter().zip(&walks) {
            for (i, &(node, via)) in walk.iter().enumerate() {
                index[node] = i;
                reply_of[node] = via;
            }
            let parent_of = |to: usize| (to != root).then(|| index[to]);
            let insights = walk
                .iter()
                .map(|&(node, via)| {
                    let edge = self.edges[via];
                    Insight {
                        text: self.text_of(node),
                        reply: Some(Reply {
                            parent: parent_of(edge.to),
                            relation: edge.relation,
                        }),
                        id: ids[node].clone(),
                        ..Insight::default()
                    }
                })
                .collect();
            let links = std::iter::once(root)
                .chain(walk.iter().map(|&(node, _)| node))
                .flat_map(|node| into(node).iter().copied())
                .filter(|&e| reply_of[self.edges[e].from] != e)
                .map(|e| {
                    let edge = self.edges[e];
                    Link {
                        child: index[edge.from],
                        parent: parent_of(edge.to),
                        relation: edge.relation,
                    }
                })
                .collect();
            let root_title = self.nodes[root]
                .title
                .clone()
                .unwrap_or_else(|| self.text_of(root));
            let (title, source) = match (&front_title, roots.len()) {
                (Some(front), 1) => (front.clone(), None),
                (front, _) => (root_title, front.clone()),
            };
            debates.push(Parsed {
                debate: Debate {
                    title,
                    source,
                    thesis: self.text_of(root),
                    insights,
                },
                links,
            });
        }
        Ok(debates)
    }

    /// Each node's id: its title, `<Title>` for an argument that shares its title with a
    /// statement, `Untitled N` for an untitled statement in a debate, counted in file order.
    fn ids(&self, walks: &[Vec<(usize, usize)>]) -> Vec<Option<String>> {
        let mut used = vec![false; self.nodes.len()];
        for &(node, _) in walks.iter().flatten() {
            used[node] = true;
        }
        let taken = |title: &str| {
            self.titles
                .contains_key(&(Kind::Statement, title.to_string()))
                || self
                    .titles
                    .contains_key(&(Kind::Argument, title.to_string()))
        };
        let mut untitled = 0;
        self.nodes
            .iter()
            .zip(used)
            .map(|(node, used)| match (&node.title, node.kind) {
                (Some(title), Kind::Argument)
                    if self.titles.contains_key(&(Kind::Statement, title.clone())) =>
                {
                    Some(format!("<{title}>"))
                }
                (Some(title), _) => Some(title.clone()),
                (None, _) if used => loop {
                    untitled += 1;
                    let id = format!("Untitled {untitled}");
                    if !taken(&id) {
                        break Some(id);
                    }
                },
                (None, _) => None,
            })
            .collect()
    }

    /// What a node shows: its text, else its title; an argument's premise–conclusion block
    /// follows, a line each.
    fn text_of(&self, node: usize) -> String {
        let node = &self.nodes[node];
        let mut text = node
            .text
            .clone()
            .filter(|t| !t.is_empty())
            .or_else(|| node.pcs.is_empty().then(|| node.title.clone()).flatten())
            .unwrap_or_default();
        for line in &node.pcs {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(line);
        }
        text
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == char::from(GONE)
}

fn trim_gone(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// The indentation of `line` in columns (a tab is four), what follows it, and where that is.
fn indentation(line: &str, start: usize) -> (usize, &str, usize) {
    let mut columns = 0;
    let mut bytes = 0;
    for b in line.bytes() {
        match b {
            b' ' => columns += 1,
            b'\t' => columns += 4,
            // A comment before the node, on the same line, is not indentation but takes no
            // room either.
            GONE => {}
            _ => break,
        }
        bytes += 1;
    }
    let body = line[bytes..].trim_end_matches(is_space);
    (columns, body, start + bytes)
}

fn is_heading(body: &str) -> bool {
    body.trim_start_matches('#').starts_with(' ') && body.starts_with('#')
}

/// The end of a `(1)` that starts `body`, if one does.
fn statement_number(body: &str) -> Option<usize> {
    let digits = body.strip_prefix('(')?;
    let count = digits.bytes().take_while(u8::is_ascii_digit).count();
    (count > 0 && digits[count..].starts_with(')')).then_some(count + 2)
}

/// Text as a reader sees it: comments and data gone, tags stripped, a mention shown as its
/// title in brackets, escapes resolved, runs of spaces made one.
fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut after_space = true;
    while let Some(c) = chars.next() {
        match c {
            '#' if after_space => match chars.peek() {
                Some('(') => {
                    // `#(a tag with spaces)`
                    if s.contains(')') {
                        for c in chars.by_ref() {
                            if c == ')' {
                                break;
                            }
                        }
                    } else {
                        out.push(c);
                    }
                }
                Some(&next) if is_tag_char(next) => {
                    while chars.next_if(|&c| is_tag_char(c)).is_some() {}
                }
                _ => out.push(c),
            },
            '@' if matches!(chars.peek(), Some('[' | '<')) => {}
            '\\' => {
                if let Some(escaped) = chars.next() {
                    out.push(escaped);
                }
            }
            c if c == char::from(GONE) => out.push(' '),
            c => out.push(c),
        }
        after_space = out.ends_with(char::is_whitespace) || out.is_empty();
    }
    collapse(&out)
}

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// `s` trimmed, with each run of whitespace made one space.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Vec<Parsed>, FileError> {
        parse(text, Path::new("t.argdown"))
    }

    #[test]
    fn no_existing_fixture_is_taken_for_argdown() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut folders = vec![root.join("tests/fixtures"), root.join("tests/hostile")];
        let mut checked = 0;
        while let Some(folder) = folders.pop() {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    if !path.ends_with("argdown") {
                        folders.push(path);
                    }
                    continue;
                }
                let Ok(bytes) = std::fs::read(&path) else {
                    continue;
                };
                let text = String::from_utf8_lossy(&bytes);
                assert!(
                    !looks_like_argdown(&text, &path.with_extension("x")),
                    "{} is taken for Argdown",
                    path.display()
                );
                checked += 1;
            }
        }
        assert!(checked > 30, "only {checked} fixtures found");
    }

    #[test]
    fn what_content_alone_makes_argdown() {
        let no_ending = Path::new("map");
        let yes = [
            "[T]: The thesis.\n  + [A]: A reason.\n",
            "<A>\n  - [B]\n",
            "===\ntitle: x\n===\n\n# Heading\n// note\n[T]: t\n  <- x\n",
            "/* intro\n*/\n[T]: t\n    +> [B]\n",
        ];
        let no = [
            "[table]\nkey = 1\n",
            "[t]\n- = 1\n",
            "[t]\n_ = 1\n",
            "[[insights]]\n+ x\n",
            "[1]: https://example.org\n- a list\n",
            "title = \"[T]\"\n  + [A]\n",
            "Some page\n[T]: x\n + [A]\n",
            "[T]: x\n\n  + [A]\n",
            "[T]: x\n  + \n",
        ];
        for text in yes {
            assert!(looks_like_argdown(text, no_ending), "{text:?}");
        }
        for text in no {
            assert!(!looks_like_argdown(text, no_ending), "{text:?}");
        }
        assert!(looks_like_argdown("anything", Path::new("x.AD")));
    }

    #[test]
    fn a_deep_chain_a_wide_map_and_a_long_loop_are_quick_and_do_not_overflow() {
        // A chain 20,000 deep: each line's node supports the one above it.
        let mut chain = String::from("[N0]: root\n");
        for i in 1..20_000 {
            chain.push_str(&format!("[N{}]\n  <+ [N{i}]: text {i}\n\n", i - 1));
        }
        // 20,000 replies to one thesis, each attacked by the next: a loop through them all.
        let mut wide = String::from("[T]: root\n");
        for i in 0..20_000 {
            wide.push_str(&format!("  + [W{i}]\n    - [W{}]\n", (i + 1) % 20_000));
        }
        for (text, insights) in [(chain, 19_999), (wide, 20_000)] {
            let started = std::time::Instant::now();
            let debates = parse_str(&text).expect("parses");
            let elapsed = started.elapsed();
            assert_eq!(debates.len(), 1);
            assert_eq!(debates[0].debate.insights.len(), insights);
            assert!(elapsed.as_millis() < 500, "{elapsed:?}");
        }
    }

    #[test]
    fn text_may_go_on_below_its_title_and_a_second_text_is_ignored() {
        let text = "[T]:\n  The thesis,\n  on two lines.\n  + [A]: A\n    reason.\n\n[A]: Not this.\n  - [B]\n";
        let debates = parse_str(text).expect("parses");
        let d = &debates[0].debate;
        assert_eq!(d.thesis, "The thesis, on two lines.");
        assert_eq!(d.insights[0].text, "A reason.");
        // Never given text: it shows its title.
        assert_eq!(d.insights[1].text, "B");
    }

    #[test]
    fn a_loop_with_no_thesis_is_an_error_naming_the_file() {
        let e = parse_str("[A]: a\n  + [B]: b\n    + [A]\n")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some(
                "t.argdown: has no thesis: every statement and argument in it supports or attacks another (a thesis is supported or attacked, and supports or attacks nothing)"
            )
        );
    }

    #[test]
    fn a_mention_shows_its_title_and_tags_go() {
        assert_eq!(
            clean_text("see @[A] and @<B> #tag #(two words) C#"),
            "see [A] and <B> C#"
        );
        assert_eq!(clean_text("a\\#b"), "a#b");
    }
}
