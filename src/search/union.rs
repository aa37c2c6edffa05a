//! A union of queries ("any of these") that is cheap to skip through.
//!
//! tantivy builds "any of these" as a buffered union: every seek past its window reads the
//! next 4,096 documents of every member. That is the fastest way to walk a union from start
//! to end, but a search near a place skips: its few hundred candidates are spread over the
//! whole directory, and each one they reach made a common word ("help", "free", a state
//! term) buffer thousands of postings it never used — most of a search's time at 100k
//! listings. This union seeks each member to the target and no further, and scores a
//! document as tantivy's does: the sum of the members that match it.

use tantivy::query::{BooleanQuery, EnableScoring, Explanation, Occur, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// Documents matching any of `members`, scored by the sum of the members' scores.
#[derive(Debug)]
pub struct Union {
    members: Vec<Box<dyn Query>>,
}

impl Union {
    pub fn new(members: Vec<Box<dyn Query>>) -> Union {
        Union { members }
    }
}

/// `query` with every "any of" in it made a [`Union`]: the query parser builds a word
/// searched in several fields, and several words, as tantivy's buffered unions.
pub fn skipping(query: Box<dyn Query>) -> Box<dyn Query> {
    match query.downcast_ref::<BooleanQuery>() {
        Some(any_of) if any_of.clauses().iter().all(|(occur, _)| *occur == Occur::Should) => {
            let members = any_of
                .clauses()
                .iter()
                .map(|(_, q)| skipping(q.box_clone()))
                .collect();
            Box::new(Union::new(members))
        }
        _ => query,
    }
}

impl Clone for Union {
    fn clone(&self) -> Self {
        Union::new(self.members.iter().map(|m| m.box_clone()).collect())
    }
}

impl Query for Union {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let members = self
            .members
            .iter()
            .map(|m| m.weight(scoring))
            .collect::<tantivy::Result<_>>()?;
        Ok(Box::new(UnionWeight { members }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for m in &self.members {
            m.query_terms(visitor);
        }
    }
}

struct UnionWeight {
    members: Vec<Box<dyn Weight>>,
}

impl Weight for UnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut members = Vec::with_capacity(self.members.len());
        for m in &self.members {
            let scorer = m.scorer(reader, boost)?;
            if scorer.doc() != TERMINATED {
                members.push(scorer);
            }
        }
        let max_doc = reader.max_doc();
        Ok(Box::new(UnionScorer::new(members, max_doc)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new("sum of the members matching", scorer.score()))
    }
}

/// The members with the document each is on, kept beside them: reading a term scorer's
/// document goes through its block cursor, and a union reads every member's at each step.
struct UnionScorer {
    members: Vec<Box<dyn Scorer>>,
    on: Vec<DocId>,
    doc: DocId,
    max_doc: u32,
}

impl UnionScorer {
    fn new(members: Vec<Box<dyn Scorer>>, max_doc: u32) -> UnionScorer {
        let on: Vec<DocId> = members.iter().map(|m| m.doc()).collect();
        let doc = on.iter().copied().min().unwrap_or(TERMINATED);
        UnionScorer {
            members,
            on,
            doc,
            max_doc,
        }
    }

    /// Moves the members before `target` to it (or past), and the union to the lowest.
    fn reach(&mut self, target: DocId, step: impl Fn(&mut dyn Scorer, DocId) -> DocId) -> DocId {
        let mut lowest = TERMINATED;
        for (member, on) in self.members.iter_mut().zip(self.on.iter_mut()) {
            if *on < target {
                *on = step(member.as_mut(), target);
            }
            lowest = lowest.min(*on);
        }
        self.doc = lowest;
        lowest
    }
}

impl DocSet for UnionScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.reach(self.doc + 1, |m, _| m.advance())
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        self.reach(target, |m, target| m.seek(target))
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        let sum: u64 = self.members.iter().map(|m| u64::from(m.size_hint())).sum();
        sum.min(u64::from(self.max_doc)) as u32
    }

    fn cost(&self) -> u64 {
        self.members.iter().map(|m| m.cost()).sum()
    }
}

impl Scorer for UnionScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let on = &self.on;
        self.members
            .iter_mut()
            .zip(on)
            .filter(|(_, on)| **on == doc)
            .map(|(m, _)| m.score())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::TermQuery;
    use tantivy::schema::{IndexRecordOption, STRING, Schema, TEXT};
    use tantivy::{Index, TantivyDocument, doc};

    use super::*;

    /// Every document of a small index matches the union exactly when it matches
    /// tantivy's own "any of", with the same score.
    #[test]
    fn the_union_matches_and_scores_as_tantivys_own() {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let tag = schema.add_text_field("tag", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let words = [
            "free food",
            "free bed tonight",
            "legal help",
            "bed",
            "food bank free",
            "id help",
        ];
        for (i, w) in words.iter().cycle().take(600).enumerate() {
            let mut d = TantivyDocument::default();
            d.add_text(body, w);
            d.add_text(tag, if i % 7 == 0 { "near" } else { "far" });
            writer.add_document(d).unwrap();
        }
        writer.add_document(doc!(body => "nothing here")).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let terms = |ws: &[&str]| -> Vec<Box<dyn Query>> {
            ws.iter()
                .map(|w| {
                    Box::new(TermQuery::new(
                        Term::from_field_text(body, w),
                        IndexRecordOption::WithFreqs,
                    )) as Box<dyn Query>
                })
                .collect()
        };
        let near = || {
            Box::new(TermQuery::new(
                Term::from_field_text(tag, "near"),
                IndexRecordOption::Basic,
            ))
        };
        for ws in [
            &["free", "help"][..],
            &["bed"],
            &["tonight", "bank", "id"],
            &["absent"],
        ] {
            let theirs = BooleanQuery::new(vec![
                (Occur::Must, near() as Box<dyn Query>),
                (
                    Occur::Must,
                    Box::new(BooleanQuery::new(
                        terms(ws).into_iter().map(|t| (Occur::Should, t)).collect(),
                    )),
                ),
            ]);
            let ours = BooleanQuery::new(vec![
                (Occur::Must, near() as Box<dyn Query>),
                (Occur::Must, Box::new(Union::new(terms(ws)))),
            ]);
            let top = |q: &dyn Query| {
                searcher
                    .search(q, &(TopDocs::with_limit(1000).order_by_score(), Count))
                    .unwrap()
            };
            let ((theirs, n), (ours, m)) = (top(&theirs), top(&ours));
            assert_eq!(n, m, "{ws:?}");
            assert_eq!(theirs.len(), ours.len());
            for ((s, a), (t, b)) in theirs.iter().zip(&ours) {
                assert_eq!(a, b, "{ws:?}");
                assert!((s - t).abs() < 1e-4, "{ws:?}: {s} against {t}");
            }
        }
    }
}
