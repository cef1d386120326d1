//! Argument maps (#12): an insight's stance toward the thesis worked out from what it replies
//! to, once, at load, for every format; and the shape of the tree the reader draws.

use super::{Insight, Relation, Stance};

/// A relation an argument map states besides an insight's own [`super::Reply`]: Argdown lets
/// a claim support one thing and attack another. It counts toward the stance, and is not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Link {
    pub child: usize,
    /// `None` is the thesis.
    pub parent: Option<usize>,
    pub relation: Relation,
}

/// Signs an insight is reached with from the thesis: bit 0 in support, bit 1 in attack.
const PLUS: u8 = 1;
const MINUS: u8 = 2;

fn signs_of(stance: Stance) -> u8 {
    match stance {
        Stance::Agrees => PLUS,
        Stance::Conflicts => MINUS,
        Stance::Mixed => PLUS | MINUS,
        Stance::Unrated => 0,
    }
}

fn stance_of(signs: u8) -> Stance {
    match signs {
        PLUS => Stance::Agrees,
        MINUS => Stance::Conflicts,
        0 => Stance::Unrated,
        _ => Stance::Mixed,
    }
}

fn flip(signs: u8, relation: Relation) -> u8 {
    match relation {
        Relation::Supports => signs,
        Relation::Attacks => ((signs & PLUS) << 1) | ((signs & MINUS) >> 1),
    }
}

/// Gives every reply that the file left unrated its stance toward the thesis: what its parent
/// has, kept by support and flipped by attack, so that a Con of a Con agrees. A stance the file
/// states wins, and its replies follow it. An insight reached both ways (through `links`) is
/// `mixed`, and its note says why. Cycles end, since a stance only ever gains signs.
pub(super) fn derive(insights: &mut [Insight], links: &[Link]) {
    if insights.iter().all(|i| i.reply.is_none()) {
        return;
    }
    let n = insights.len();
    // Every edge, from the thesis (index n) or a parent, to a child.
    let mut edges: Vec<(usize, usize, Relation)> = Vec::with_capacity(n + links.len());
    for (child, insight) in insights.iter().enumerate() {
        if let Some(reply) = insight.reply {
            edges.push((reply.parent.unwrap_or(n), child, reply.relation));
        }
    }
    for link in links {
        if link.child < n && link.parent.is_none_or(|p| p < n) {
            edges.push((link.parent.unwrap_or(n), link.child, link.relation));
        }
    }
    let edges = by_parent(edges, n);
    let fixed: Vec<bool> = insights
        .iter()
        .map(|i| i.stance != Stance::Unrated)
        .collect();
    let mut signs: Vec<u8> = insights.iter().map(|i| signs_of(i.stance)).collect();
    signs.push(PLUS);
    let mut queue: Vec<usize> = vec![n];
    queue.extend((0..n).filter(|&i| fixed[i]));
    while let Some(parent) = queue.pop() {
        let start = edges.partition_point(|&(p, _, _)| p < parent);
        for &(_, child, relation) in edges[start..].iter().take_while(|e| e.0 == parent) {
            if fixed[child] {
                continue;
            }
            let gained = flip(signs[parent], relation) & !signs[child];
            if gained != 0 {
                signs[child] |= gained;
                queue.push(child);
            }
        }
    }
    for (i, insight) in insights.iter_mut().enumerate() {
        if fixed[i] || insight.reply.is_none() && !links.iter().any(|l| l.child == i) {
            continue;
        }
        insight.stance = stance_of(signs[i]);
    }
    explain_mixed(insights, &edges, &fixed);
}

/// `edges` grouped by parent, in order, each parent's edges in the order given: a counting
/// sort, since parents are indices up to `n` (#12: sorting was a tenth of working out the
/// stances of a 3,000-claim map).
fn by_parent(edges: Vec<(usize, usize, Relation)>, n: usize) -> Vec<(usize, usize, Relation)> {
    let mut starts = vec![0usize; n + 2];
    for &(parent, _, _) in &edges {
        starts[parent.min(n) + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut sorted = vec![(0, 0, Relation::Supports); edges.len()];
    for edge in edges {
        let at = &mut starts[edge.0.min(n)];
        sorted[*at] = edge;
        *at += 1;
    }
    sorted
}

/// A note on each insight that is mixed because the map reaches it both ways, naming the
/// relations that do; one whose parent is mixed is mixed for that reason alone, and says so.
fn explain_mixed(insights: &mut [Insight], edges: &[(usize, usize, Relation)], fixed: &[bool]) {
    let n = insights.len();
    let mut notes = Vec::new();
    for (i, insight) in insights.iter().enumerate() {
        if fixed[i] || insight.stance != Stance::Mixed {
            continue;
        }
        let into: Vec<(usize, Relation)> = edges
            .iter()
            .filter(|e| e.1 == i)
            .map(|&(p, _, r)| (p, r))
            .collect();
        let inherited = into
            .iter()
            .all(|&(p, _)| p < n && insights[p].stance == Stance::Mixed);
        let note = if inherited {
            "Mixed: what it replies to is mixed.".to_string()
        } else {
            let ways: Vec<String> = into
                .iter()
                .map(|&(p, r)| {
                    if p == n {
                        format!("it {} the thesis", r.name())
                    } else {
                        let target = &insights[p];
                        format!(
                            "it {} {} ({}, so this {})",
                            r.name(),
                            label(p, target),
                            target.stance.name(),
                            r.stance_under(target.stance).name()
                        )
                    }
                })
                .collect();
            format!(
                "Mixed: the map reaches it from the thesis both in support and in attack: {}.",
                ways.join("; ")
            )
        };
        notes.push((i, note));
    }
    for (i, note) in notes {
        let insight = &mut insights[i];
        insight.note = Some(match insight.note.take() {
            Some(old) => format!("{old}\n\n{note}"),
            None => note,
        });
    }
}

/// How a note names an insight: its id, else its number.
fn label(index: usize, insight: &Insight) -> String {
    match &insight.id {
        Some(id) => format!("“{id}”"),
        None => format!("#{}", index + 1),
    }
}

/// Puts the insights of a map in the tree's order, each reply after what it answers and the
/// replies to an insight after it and before its next sibling, as an outline reads; and
/// renumbers parents and `links` to match. A file may give them in any order (TOML does not
/// insist), and the list, which shows depth by indentation, would otherwise draw a reply under
/// an insight it does not answer. Insights already in that order, as Kialo's and Argdown's
/// are, stay where they are.
pub(super) fn into_outline_order(insights: &mut Vec<Insight>, links: &mut [Link]) {
    let n = insights.len();
    if insights.iter().all(|i| i.reply.is_none()) || in_outline_order(insights) {
        return;
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut tops = Vec::new();
    for (i, insight) in insights.iter().enumerate() {
        match insight.reply.and_then(|r| r.parent) {
            Some(p) if p < n && p != i => children[p].push(i),
            _ => tops.push(i),
        }
    }
    let mut order = Vec::with_capacity(n);
    let mut placed = vec![false; n];
    let mut stack: Vec<usize> = tops.into_iter().rev().collect();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut placed[i], true) {
            continue;
        }
        order.push(i);
        stack.extend(children[i].iter().rev());
    }
    // What no top reaches (a loop, which no format lets through) keeps its place at the end.
    order.extend((0..n).filter(|&i| !placed[i]));
    if order.iter().enumerate().all(|(at, &i)| at == i) {
        return;
    }
    let mut new_index = vec![0; n];
    for (at, &i) in order.iter().enumerate() {
        new_index[i] = at;
    }
    let mut old: Vec<Option<Insight>> = std::mem::take(insights).into_iter().map(Some).collect();
    *insights = order
        .iter()
        .filter_map(|&i| old[i].take())
        .map(|mut insight| {
            if let Some(reply) = &mut insight.reply {
                reply.parent = reply.parent.map(|p| new_index.get(p).copied().unwrap_or(p));
            }
            insight
        })
        .collect();
    for link in links {
        link.child = new_index.get(link.child).copied().unwrap_or(link.child);
        link.parent = link.parent.map(|p| new_index.get(p).copied().unwrap_or(p));
    }
}

/// Whether every insight already follows its parent's earlier replies and their replies, as
/// in a Kialo export: then there is nothing to reorder, and a map of thousands of claims is
/// checked with one walk instead of being rebuilt (#12).
fn in_outline_order(insights: &[Insight]) -> bool {
    let n = insights.len();
    // The insights from a top one down to the last one seen.
    let mut path: Vec<usize> = Vec::new();
    for (i, insight) in insights.iter().enumerate() {
        match insight.reply.and_then(|r| r.parent) {
            Some(p) if p < n && p != i => {
                while path.last() != Some(&p) {
                    if path.pop().is_none() {
                        return false;
                    }
                }
            }
            _ => path.clear(),
        }
        path.push(i);
    }
    true
}

/// The tree of a debate as the reader draws it: each insight's depth below the thesis, and
/// how many replies it has. Worked out once, when a debate is opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tree {
    depth: Vec<u16>,
    /// Replies that support it, and that attack it.
    replies: Vec<[u32; 2]>,
    thesis_replies: usize,
}

/// Deeper chains than this are not followed: a parent chain that loops (which no format lets
/// through) would otherwise never end.
const MAX_DEPTH: u16 = 1000;

impl Tree {
    pub fn of(insights: &[Insight]) -> Tree {
        let n = insights.len();
        if insights.iter().all(|i| i.reply.is_none()) {
            return Tree::default();
        }
        let mut replies = vec![[0u32; 2]; n];
        let mut thesis_replies = 0;
        for insight in insights {
            match insight.reply {
                Some(super::Reply {
                    parent: Some(p),
                    relation,
                }) if p < n => replies[p][usize::from(relation == Relation::Attacks)] += 1,
                Some(_) => thesis_replies += 1,
                None => {}
            }
        }
        // Parents mostly come before their replies (Kialo, Argdown and our TOML are written
        // so), which makes one pass enough; the rest are walked up.
        let mut depth = vec![0u16; n];
        for i in 0..n {
            depth[i] = match insights[i].reply {
                None | Some(super::Reply { parent: None, .. }) => 0,
                Some(super::Reply {
                    parent: Some(p), ..
                }) if p < i => depth[p].saturating_add(1).min(MAX_DEPTH),
                Some(_) => {
                    let mut d = 0u16;
                    let mut at = i;
                    while let Some(Some(p)) = insights[at].reply.map(|r| r.parent) {
                        d += 1;
                        if d >= MAX_DEPTH || p >= n {
                            break;
                        }
                        at = p;
                    }
                    d
                }
            };
        }
        Tree {
            depth,
            replies,
            thesis_replies,
        }
    }

    /// Whether the debate is an argument map at all.
    pub fn is_tree(&self) -> bool {
        !self.depth.is_empty()
    }

    /// How many replies stand between the insight and the thesis: 0 for a direct reply.
    pub fn depth(&self, index: usize) -> usize {
        self.depth.get(index).map_or(0, |&d| usize::from(d))
    }

    /// How many insights reply to it.
    pub fn replies(&self, index: usize) -> usize {
        let [supports, attacks] = self.replies_by_relation(index);
        supports + attacks
    }

    /// How many replies support it, and how many attack it.
    pub fn replies_by_relation(&self, index: usize) -> [usize; 2] {
        self.replies
            .get(index)
            .map_or([0, 0], |r| r.map(|n| n as usize))
    }

    /// How many insights reply to the thesis itself.
    pub fn thesis_replies(&self) -> usize {
        self.thesis_replies
    }
}

#[cfg(test)]
mod tests {
    use super::super::Reply;
    use super::*;

    fn reply(parent: Option<usize>, relation: Relation) -> Insight {
        Insight {
            text: "x".into(),
            reply: Some(Reply { parent, relation }),
            ..Insight::default()
        }
    }

    use Relation::{Attacks as A, Supports as S};

    #[test]
    fn outline_order_is_recognised_without_rebuilding() {
        let parents =
            |ps: &[Option<usize>]| -> Vec<Insight> { ps.iter().map(|&p| reply(p, S)).collect() };
        // 0 ─ 1 ─ 2, then 0 ─ 3, then a new top 4 ─ 5.
        let outline = parents(&[None, Some(0), Some(1), Some(0), None, Some(4)]);
        assert!(in_outline_order(&outline));
        // A reply after its parent's subtree was left, a parent after its reply, and a reply
        // to an insight of an earlier top.
        for unordered in [
            parents(&[None, Some(0), Some(0), Some(1)]),
            parents(&[Some(1), None]),
            parents(&[None, Some(0), None, Some(1)]),
        ] {
            assert!(!in_outline_order(&unordered));
            let mut moved = unordered.clone();
            into_outline_order(&mut moved, &mut []);
            assert!(in_outline_order(&moved), "the rebuilt order is an outline");
        }
    }

    #[test]
    fn edges_grouped_by_parent_keep_their_order() {
        let edges = vec![
            (2, 0, S),
            (0, 1, A),
            (2, 3, A),
            (1, 4, S),
            (0, 5, S),
            (9, 6, S),
        ];
        let sorted = by_parent(edges.clone(), 2);
        let mut expected = edges;
        expected.sort_by_key(|e| e.0.min(2));
        assert_eq!(sorted, expected);
    }

    #[test]
    fn a_con_of_a_con_agrees() {
        let mut insights = vec![
            reply(None, A),
            reply(Some(0), A),
            reply(Some(1), S),
            reply(Some(0), S),
            reply(None, S),
        ];
        derive(&mut insights, &[]);
        let stances: Vec<Stance> = insights.iter().map(|i| i.stance).collect();
        assert_eq!(
            stances,
            [
                Stance::Conflicts,
                Stance::Agrees,
                Stance::Agrees,
                Stance::Conflicts,
                Stance::Agrees
            ]
        );
        assert!(insights.iter().all(|i| i.note.is_none()));
    }

    #[test]
    fn a_stated_stance_wins_and_its_replies_follow_it() {
        let mut insights = vec![reply(None, S), reply(Some(0), A)];
        insights[0].stance = Stance::Mixed;
        derive(&mut insights, &[]);
        assert_eq!(insights[0].stance, Stance::Mixed);
        assert_eq!(insights[1].stance, Stance::Mixed);
        assert_eq!(
            insights[0].note, None,
            "the file's own stance needs no note"
        );
        assert_eq!(
            insights[1].note.as_deref(),
            Some("Mixed: what it replies to is mixed.")
        );
    }

    #[test]
    fn reached_both_ways_is_mixed_and_says_why() {
        // 0 supports the thesis; 1 supports 0 and also attacks the thesis.
        let mut insights = vec![reply(None, S), reply(Some(0), S)];
        insights[0].id = Some("A".into());
        let links = [Link {
            child: 1,
            parent: None,
            relation: A,
        }];
        derive(&mut insights, &links);
        assert_eq!(insights[1].stance, Stance::Mixed);
        let note = insights[1].note.as_deref().expect("a note");
        assert!(
            note.contains("supports “A” (agrees, so this agrees)"),
            "{note}"
        );
        assert!(note.contains("it attacks the thesis"), "{note}");
    }

    #[test]
    fn cycles_end_and_what_the_thesis_does_not_reach_stays_unrated() {
        let mut insights = vec![reply(Some(1), S), reply(Some(0), A), reply(None, A)];
        let links = [Link {
            child: 2,
            parent: Some(2),
            relation: A,
        }];
        derive(&mut insights, &links);
        assert_eq!(insights[0].stance, Stance::Unrated);
        assert_eq!(insights[1].stance, Stance::Unrated);
        // 2 attacks the thesis and itself: reached as a conflict, then as an agreement.
        assert_eq!(insights[2].stance, Stance::Mixed);
        let tree = Tree::of(&insights);
        assert!(
            tree.depth(0) > 0 && tree.depth(1) > 0,
            "a loop still has a depth"
        );
    }

    #[test]
    fn flat_debates_are_left_alone() {
        let mut insights = vec![Insight {
            text: "x".into(),
            ..Insight::default()
        }];
        derive(&mut insights, &[]);
        assert_eq!(insights[0].stance, Stance::Unrated);
        assert!(!Tree::of(&insights).is_tree());
    }

    #[test]
    fn replies_given_out_of_order_are_put_under_what_they_answer() {
        // 0 answers the thesis, 1 is flat, 2 answers 0, 3 answers 2.
        let mut insights = vec![
            reply(None, S),
            Insight {
                text: "flat".into(),
                ..Insight::default()
            },
            reply(Some(0), A),
            reply(Some(2), A),
        ];
        insights[1].text = "flat".into();
        let mut links = [Link {
            child: 1,
            parent: Some(3),
            relation: S,
        }];
        into_outline_order(&mut insights, &mut links);
        let parents: Vec<Option<Option<usize>>> =
            insights.iter().map(|i| i.reply.map(|r| r.parent)).collect();
        assert_eq!(parents, [Some(None), Some(Some(0)), Some(Some(1)), None]);
        assert_eq!(insights[3].text, "flat");
        assert_eq!((links[0].child, links[0].parent), (3, Some(2)));
    }

    #[test]
    fn depth_and_replies() {
        let insights = vec![
            reply(None, A),
            reply(Some(0), A),
            reply(Some(1), S),
            reply(Some(0), S),
        ];
        let tree = Tree::of(&insights);
        assert_eq!(
            (0..4).map(|i| tree.depth(i)).collect::<Vec<_>>(),
            [0, 1, 2, 1]
        );
        assert_eq!(
            (0..4).map(|i| tree.replies(i)).collect::<Vec<_>>(),
            [2, 1, 0, 0]
        );
        assert_eq!(tree.thesis_replies(), 1);
    }
}
