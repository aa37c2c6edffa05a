//! `pathways eval-relevance`: how well search answers a judged query set over a directory it
//! was not tuned on. Each row of the set is a query, a place and the ids of the services that
//! truly answer it there; the directory is imported into a throwaway folder and searched as
//! the site searches (the place resolved, the default radius). Prints, over the set:
//! success@3 (a relevant service in the top 3), P@5 (relevant services in the top 5 over
//! min(5, how many are relevant), so a query with two right answers can score 1) and MRR.

use std::path::Path;

use crate::services::Directory;
use crate::services::find::{Find, Whereabouts};

/// When the set is judged: 2026-12-01 16:00 UTC, a weekday morning across the US.
const JUDGED_AT: jiff::Timestamp = jiff::Timestamp::constant(1_796_140_800, 0);

/// The figures over a query set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    /// Queries judged.
    pub queries: usize,
    /// Share with a relevant service in the top 3.
    pub success_at_3: f64,
    /// Mean of relevant-in-top-5 over min(5, relevant).
    pub precision_at_5: f64,
    /// Mean reciprocal rank of the first relevant service (0 when none in the top 10).
    pub mrr: f64,
    /// Queries with no relevant service in the top 3: (query, place, top names).
    pub misses: Vec<(String, String, Vec<String>)>,
}

/// One judged query: what was typed, where, and the ids that answer it.
#[derive(Clone, Debug)]
pub struct Judged {
    /// The query.
    pub query: String,
    /// "City, ST".
    pub place: String,
    /// Relevant service ids, or the needs that answer it when `by_need`.
    pub relevant: Vec<String>,
    /// Judged by need (the set's third column is `need`): any number of services may answer.
    pub by_need: bool,
}

impl Judged {
    /// Whether `listing` answers the query: it is one of the relevant services, or it meets
    /// one of the relevant needs (a set judged by need, such as `holdout_queries.tsv`).
    pub fn answered_by(&self, listing: &crate::domain::listing::Listing) -> bool {
        self.relevant
            .iter()
            .any(|r| *r == listing.id || listing.needs.iter().any(|n| n == r))
    }
}

/// Reads a judged set: a header line, then `query<TAB>place<TAB>id,id,…` rows (or needs,
/// when the header's third column is `need`).
pub fn read_judged(tsv: &str) -> Result<Vec<Judged>, String> {
    let by_need = tsv
        .lines()
        .next()
        .and_then(|header| header.split('\t').nth(2))
        .is_some_and(|third| third.trim() == "need");
    tsv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, line)| {
            let cells: Vec<&str> = line.split('\t').collect();
            match cells[..] {
                [query, place, ids] => Ok(Judged {
                    query: query.trim().to_owned(),
                    place: place.trim().to_owned(),
                    relevant: ids
                        .split(',')
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty())
                        .collect(),
                    by_need,
                }),
                _ => Err(format!(
                    "row {}: expected query, place and ids, tab-separated",
                    i + 2
                )),
            }
        })
        .collect()
}

/// Judges search over `directory` (already filled and indexed) on `set`.
pub fn judge(directory: &Directory, set: &[Judged]) -> anyhow::Result<Figures> {
    let mut f = Figures {
        queries: set.len(),
        ..Figures::default()
    };
    for j in set {
        let place = directory.gazetteer.resolve(&j.place)?;
        let found = directory.find(&Find {
            text: j.query.clone(),
            place: Whereabouts::Point(place.point),
            radius_km: None,
            filters: crate::search::Filters::default(),
            page: 1,
            limit: 10,
            // A fixed moment, so "open now" and freshness judge alike on every run: a Tuesday
            // at 10:00 in Chicago.
            now: JUDGED_AT,
        })?;
        let ids: Vec<&str> = found.results.hits.iter().map(|h| h.listing.id.as_str()).collect();
        let relevant = |i: usize| j.answered_by(&found.results.hits[i].listing);
        let first = (0..ids.len()).position(relevant);
        if first.is_some_and(|p| p < 3) {
            f.success_at_3 += 1.0;
        } else {
            let top = found
                .results
                .hits
                .iter()
                .take(3)
                .map(|h| h.listing.name.clone())
                .collect();
            f.misses.push((j.query.clone(), j.place.clone(), top));
        }
        let in_top5 = (0..ids.len().min(5)).filter(|&i| relevant(i)).count();
        // By need, any five services may be right; by id, no more than were judged.
        let could_be_right = if j.by_need {
            5
        } else {
            j.relevant.len().clamp(1, 5)
        };
        f.precision_at_5 += in_top5 as f64 / could_be_right as f64;
        f.mrr += first.map_or(0.0, |p| 1.0 / (p + 1) as f64);
    }
    let n = set.len().max(1) as f64;
    f.success_at_3 /= n;
    f.precision_at_5 /= n;
    f.mrr /= n;
    Ok(f)
}

/// The command: imports `directory_file` into a throwaway folder, judges `queries_file`
/// (with the meaning stage when `model` names the model's folder), prints.
pub fn run(
    directory_file: &Path,
    queries_file: &Path,
    model: Option<&Path>,
    encoding: crate::services::meaning::Encoding,
) -> anyhow::Result<()> {
    let work = std::env::temp_dir().join(format!("pathways-eval-{}", std::process::id()));
    let result = (|| {
        let (directory, _) = Directory::open(&work.join("data"), &work.join("index"))?;
        directory.import_paths(&[directory_file.to_owned()])?;
        directory.sync_index()?;
        if let Some(model) = model {
            directory.load_meaning(model, encoding)?;
            let embedded = directory.refresh_meaning(|_, _| {})?;
            println!("meaning stage on: {embedded} listings embedded");
        }
        let set = read_judged(&std::fs::read_to_string(queries_file)?).map_err(anyhow::Error::msg)?;
        let f = judge(&directory, &set)?;
        for (q, place, top) in &f.misses {
            println!("miss: {q:?} near {place}: {top:?}");
            if let Some(j) = set.iter().find(|j| &j.query == q) {
                explain(&directory, j)?;
            }
        }
        println!(
            "{} queries: success@3 {:.3}, P@5 {:.3}, MRR {:.3}",
            f.queries, f.success_at_3, f.precision_at_5, f.mrr
        );
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&work);
    result
}

/// For a miss: where each relevant service stands in the lexical candidates the meaning
/// stage reorders, and how near it is in meaning (rank among those candidates, cosine).
fn explain(directory: &Directory, j: &Judged) -> anyhow::Result<()> {
    use crate::services::meaning::CANDIDATES;
    let place = directory.gazetteer.resolve(&j.place)?;
    let request = crate::search::SearchRequest {
        text: j.query.clone(),
        near: Some(crate::search::Near {
            point: place.point,
            state: Some(place.state.clone()),
            radius_km: crate::search::DEFAULT_RADIUS_KM,
            time_zone: directory.gazetteer.time_zone_at(place.point).map(str::to_owned),
        }),
        filters: crate::search::Filters::default(),
        offset: 0,
        limit: CANDIDATES,
        now: JUDGED_AT,
    };
    let lexical: Vec<String> = directory
        .index
        .search(&request)?
        .hits
        .into_iter()
        .map(|h| h.listing.id.clone())
        .collect();
    let ids: Vec<&str> = lexical.iter().map(String::as_str).collect();
    let sims = directory
        .meaning()
        .map(|m| m.similarities(&j.query, &ids))
        .unwrap_or_default();
    for id in j.relevant.iter().filter(|r| r.contains('-')) {
        let rank = lexical.iter().position(|l| l == id);
        let sim = rank.and_then(|r| sims.get(r).copied().flatten());
        let meaning_rank = sim.map(|s| sims.iter().flatten().filter(|o| **o > s).count());
        println!(
            "    {id}: lexical {rank:?} of {}, meaning {meaning_rank:?} ({sim:?})",
            lexical.len()
        );
    }
    Ok(())
}
