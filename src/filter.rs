//! Which insights are visible: pure functions of the debate and the filter.

use crate::debate::{Insight, Stance};
use crate::search::Query;

/// The stance filter: everything, or one stance only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StanceFilter {
    #[default]
    All,
    Only(Stance),
}

impl StanceFilter {
    pub fn admits(self, stance: Stance) -> bool {
        match self {
            StanceFilter::All => true,
            StanceFilter::Only(s) => s == stance,
        }
    }

    /// `a`, `c`, `m`: show only that stance, or everything again if it was already shown alone.
    pub fn toggled(self, stance: Stance) -> StanceFilter {
        if self == StanceFilter::Only(stance) {
            StanceFilter::All
        } else {
            StanceFilter::Only(stance)
        }
    }

    /// `f`: all, then each stance the debate has (`counts`, by [`Stance::index`]) in the order
    /// agrees, conflicts, mixed, unrated, then all again. Stances it has none of are passed
    /// over: a plain page is all unrated, and three empty filters would say nothing (#10).
    pub fn cycled(self, counts: &[usize; 4]) -> StanceFilter {
        let after = match self {
            StanceFilter::All => 0,
            StanceFilter::Only(s) => s.index() + 1,
        };
        Stance::ALL[after.min(4)..]
            .iter()
            .find(|s| counts[s.index()] > 0)
            .map_or(StanceFilter::All, |&s| StanceFilter::Only(s))
    }
}

/// Indexes (into `insights`) of the insights the stance filter admits and the query (if any)
/// matches in their text or note, in document order.
pub fn visible_insights(
    insights: &[Insight],
    filter: StanceFilter,
    query: Option<&Query>,
) -> Vec<usize> {
    insights
        .iter()
        .enumerate()
        .filter(|(_, i)| filter.admits(i.stance) && query.is_none_or(|q| matches(q, i)))
        .map(|(n, _)| n)
        .collect()
}

/// Of `visible`, those that `query` matches: when a query grows by a keystroke, only what
/// matched before can match now, so the search narrows from there.
pub fn narrow(insights: &[Insight], visible: &[usize], query: &Query) -> Vec<usize> {
    visible
        .iter()
        .copied()
        .filter(|&i| matches(query, &insights[i]))
        .collect()
}

/// Whether `query` matches the insight's text or its note.
pub fn matches(query: &Query, insight: &Insight) -> bool {
    query.is_match(&insight.text) || insight.note.as_deref().is_some_and(|n| query.is_match(n))
}

/// The position in `visible` of the insight nearest to insight `index` (the following one on a
/// tie), or `None` when nothing is visible. Used to keep the reader's place across a filter.
pub fn nearest(visible: &[usize], index: usize) -> Option<usize> {
    if visible.is_empty() {
        return None;
    }
    let at = visible.partition_point(|&i| i < index);
    if at == visible.len() {
        return Some(at - 1);
    }
    if at == 0 || visible[at] == index {
        return Some(at);
    }
    let after = visible[at] - index;
    let before = index - visible[at - 1];
    Some(if before < after { at - 1 } else { at })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn insights(stances: &[Stance]) -> Vec<Insight> {
        stances
            .iter()
            .map(|&stance| Insight {
                text: String::new(),
                stance,
                note: None,
                ..Insight::default()
            })
            .collect()
    }

    #[test]
    fn only_admits_one_stance() {
        use Stance::*;
        let all = insights(&[Agrees, Conflicts, Agrees, Mixed]);
        assert_eq!(
            visible_insights(&all, StanceFilter::All, None),
            vec![0, 1, 2, 3]
        );
        assert_eq!(
            visible_insights(&all, StanceFilter::Only(Agrees), None),
            vec![0, 2]
        );
        assert_eq!(
            visible_insights(&all, StanceFilter::Only(Unrated), None),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn a_query_narrows_within_the_stance_filter_and_searches_notes() {
        use Stance::*;
        let mut all = insights(&[Agrees, Conflicts, Agrees]);
        all[0].text = "Chips are scarce".into();
        all[1].text = "chips abound".into();
        all[2].note = Some("about chips".into());
        let q = Query::new("chips").expect("query");
        assert_eq!(
            visible_insights(&all, StanceFilter::All, Some(&q)),
            vec![0, 1, 2]
        );
        assert_eq!(
            visible_insights(&all, StanceFilter::Only(Agrees), Some(&q)),
            vec![0, 2]
        );
        let exact = Query::new("Chips").expect("query");
        assert_eq!(
            visible_insights(&all, StanceFilter::All, Some(&exact)),
            vec![0]
        );
    }

    #[test]
    fn toggling_the_same_stance_returns_to_all() {
        let f = StanceFilter::All.toggled(Stance::Agrees);
        assert_eq!(f, StanceFilter::Only(Stance::Agrees));
        assert_eq!(f.toggled(Stance::Agrees), StanceFilter::All);
        assert_eq!(f.toggled(Stance::Mixed), StanceFilter::Only(Stance::Mixed));
    }

    #[test]
    fn cycle_visits_the_stances_the_debate_has_then_all() {
        let cycle = |counts: [usize; 4]| {
            let mut f = StanceFilter::All;
            let mut seen = vec![];
            for _ in 0..5 {
                f = f.cycled(&counts);
                seen.push(f);
                if f == StanceFilter::All {
                    break;
                }
            }
            seen
        };
        use Stance::*;
        assert_eq!(
            cycle([6, 4, 0, 0]),
            vec![
                StanceFilter::Only(Agrees),
                StanceFilter::Only(Conflicts),
                StanceFilter::All
            ]
        );
        // A plain page: all unrated.
        assert_eq!(
            cycle([0, 0, 0, 9]),
            vec![StanceFilter::Only(Unrated), StanceFilter::All]
        );
        assert_eq!(
            cycle([1, 1, 1, 1]),
            vec![
                StanceFilter::Only(Agrees),
                StanceFilter::Only(Conflicts),
                StanceFilter::Only(Mixed),
                StanceFilter::Only(Unrated),
                StanceFilter::All
            ]
        );
        assert_eq!(cycle([0, 0, 0, 0]), vec![StanceFilter::All]);
    }

    #[test]
    fn nearest_keeps_or_finds_the_closest() {
        let v = [1, 4, 9];
        assert_eq!(nearest(&v, 4), Some(1));
        assert_eq!(nearest(&v, 0), Some(0));
        assert_eq!(nearest(&v, 2), Some(0));
        assert_eq!(nearest(&v, 3), Some(1));
        assert_eq!(nearest(&v, 7), Some(2));
        assert_eq!(nearest(&v, 99), Some(2));
        assert_eq!(nearest(&[], 3), None);
    }
}
