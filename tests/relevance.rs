//! The relevance suite: survivor-style queries, a quarter in Spanish, some misspelt, each
//! expecting a service for the right need among the top three near a place. Judged on the
//! shipped directory; nothing in the search knows these queries.

use std::collections::BTreeSet;

use pathways::domain::Taxonomy;
use pathways::search::{Filters, SearchResults};
use pathways::services::find::{Find, Whereabouts};

use crate::support::shipped;

/// (query, place, expected need).
const SUITE: &[(&str, &str, &str)] = &[
    ("a bed for tonight", "Houston, TX", "shelter.emergency"),
    ("somewhere safe to sleep", "Chicago, IL", "shelter.emergency"),
    ("emergancy shelter", "Los Angeles, CA", "shelter.emergency"),
    ("housng", "Atlanta, GA", "housing.long_term"),
    ("apartment help with rent", "Houston, TX", "housing.long_term"),
    ("lost my papers", "Los Angeles, CA", "legal.id_documents"),
    (
        "birth certificate replacement",
        "Seattle, WA",
        "legal.id_documents",
    ),
    ("alcohol treatment", "Seattle, WA", "health.substance_use"),
    ("detox", "Los Angeles, CA", "health.substance_use"),
    ("rehab", "Presidio, TX", "health.substance_use"),
    ("need a lawyer for my visa", "Houston, TX", "legal.immigration"),
    ("imigration lawyer", "New York, NY", "legal.immigration"),
    ("im hungry", "New York, NY", "basic.food"),
    ("free groceries", "Chicago, IL", "basic.food"),
    ("warm coat for winter", "Presque Isle, ME", "basic.clothing"),
    ("see a doctor without insurance", "Atlanta, GA", "health.medical"),
    ("std testing", "Los Angeles, CA", "health.medical"),
    ("i want to kill myself", "Seattle, WA", "health.crisis"),
    ("mental helth crisis", "Chicago, IL", "health.crisis"),
    ("therapist for trauma", "New York, NY", "health.therapy"),
    ("counseling for ptsd", "Chicago, IL", "health.therapy"),
    ("case manager", "Atlanta, GA", "advocacy.case_management"),
    ("learn to budget money", "Seattle, WA", "skills.life"),
    ("get my GED", "Chicago, IL", "education"),
    ("job training", "Atlanta, GA", "employment"),
    ("daycare for my kids", "Houston, TX", "childcare"),
    ("church", "Alpine, TX", "community.faith"),
    (
        "clear my record prostitution charges",
        "Los Angeles, CA",
        "legal.criminal_record",
    ),
    ("go back home to my country", "New York, NY", "legal.repatriation"),
    ("victim compensation", "Chicago, IL", "legal.victim_rights"),
    (
        "fix my credit debt someone put in my name",
        "Atlanta, GA",
        "financial.credit",
    ),
    ("my pimp is looking for me", "Houston, TX", "safety.planning"),
    ("safety plan", "Seattle, WA", "safety.planning"),
    // Spanish.
    ("ayuda con mi visa", "Houston, TX", "legal.immigration"),
    ("donde dormir esta noche", "Los Angeles, CA", "shelter.emergency"),
    ("comida gratis", "Chicago, IL", "basic.food"),
    ("necesito un doctor", "Houston, TX", "health.medical"),
    ("ropa para mis hijos", "Los Angeles, CA", "basic.clothing"),
    ("busco trabajo", "Atlanta, GA", "employment"),
    ("perdí mi identificación", "New York, NY", "legal.id_documents"),
    ("guarderia para mi bebe", "Houston, TX", "childcare"),
    ("clases de inglés", "Chicago, IL", "education"),
    ("abogado de inmigracion", "Los Angeles, CA", "legal.immigration"),
    ("quiero regresar a mi país", "Houston, TX", "legal.repatriation"),
    ("crisis de ansiedad", "New York, NY", "health.crisis"),
    ("vivienda", "Presidio, TX", "housing.long_term"),
];

/// The suite is what its header says, judged on what the shipped directory and the search
/// make of it: broad (every need the directory serves), a quarter in Spanish words
/// of the needs vocabulary, some misspelt (the search had to correct them).
#[test]
fn the_suite_is_broad_enough() {
    assert!(SUITE.len() >= 40);
    let (_, directory) = shipped();
    let served: BTreeSet<String> = directory
        .store
        .listing_ids()
        .unwrap()
        .iter()
        .flat_map(|id| directory.listing(id).unwrap().unwrap().needs)
        .collect();
    let expected: BTreeSet<String> = SUITE.iter().map(|(_, _, need)| (*need).to_owned()).collect();
    assert_eq!(
        expected, served,
        "the suite asks for every need the shipped directory serves, and only those"
    );
    // Spanish: a word only the Spanish side of the taxonomy uses, and read as the need meant.
    let words = |phrases: Vec<&String>| -> BTreeSet<String> {
        phrases
            .iter()
            .flat_map(|p| p.split_whitespace().map(str::to_lowercase))
            .collect()
    };
    let needs = &Taxonomy::builtin().needs;
    let spanish = words(
        needs
            .iter()
            .flat_map(|n| std::iter::once(&n.label.es).chain(&n.synonyms_es))
            .collect(),
    );
    let english = words(
        needs
            .iter()
            .flat_map(|n| std::iter::once(&n.label.en).chain(&n.synonyms_en))
            .collect(),
    );
    let in_spanish: Vec<&str> = SUITE
        .iter()
        .filter(|(q, ..)| {
            q.split_whitespace()
                .any(|w| spanish.contains(w) && !english.contains(w))
        })
        .map(|(q, p, need)| {
            let read = search(q, p).needs_read;
            assert!(
                read.iter().any(|n| n == need),
                "{q:?} read as {read:?}, not {need}"
            );
            *q
        })
        .collect();
    assert!(
        in_spanish.len() * 4 >= SUITE.len(),
        "a quarter in Spanish: {in_spanish:?}"
    );
    let corrected: Vec<_> = SUITE
        .iter()
        .flat_map(|(q, p, _)| search(q, p).corrections)
        .collect();
    assert!(corrected.len() >= 3, "some misspelt: {corrected:?}");
}

/// The top three near `place` for `query`, at a fixed moment (so freshness, and so ranking,
/// does not drift as the sample ages).
fn search(query: &str, place: &str) -> SearchResults {
    let (_, directory) = shipped();
    let find = Find {
        text: query.into(),
        place: Whereabouts::Typed(place.into()),
        radius_km: None,
        filters: Filters::default(),
        page: 1,
        limit: 3,
        now: "2026-11-28T12:00:00Z".parse().unwrap(),
    };
    directory.find(&find).unwrap().results
}

/// Searches near `place` and says why the top three miss `need`, if they do.
fn miss(query: &str, place: &str, need: &str) -> Option<String> {
    let results = search(query, place);
    let hits = &results.hits;
    if hits.iter().any(|h| h.listing.needs.iter().any(|n| n == need)) {
        return None;
    }
    let top: Vec<String> = hits
        .iter()
        .map(|h| format!("{} {:?}", h.listing.name, h.listing.needs))
        .collect();
    Some(format!(
        "{query:?} near {place}: expected {need}, got {top:?} (read as {:?})",
        results.needs_read
    ))
}

#[test]
fn survivor_queries_find_the_right_need_in_the_top_three() {
    let failures: Vec<String> = SUITE.iter().filter_map(|(q, p, n)| miss(q, p, n)).collect();
    assert!(
        failures.is_empty(),
        "{} of {} queries failed:\n{}",
        failures.len(),
        SUITE.len(),
        failures.join("\n")
    );
}

/// Queries written by someone who saw neither the taxonomy nor the suite above
/// (`tests/fixtures/holdout_queries.tsv`). Some have no matching service near the place in
/// the sample (a data gap, not a ranking fault), so the bar is a share, not all.
#[test]
fn queries_written_blind_mostly_find_the_right_need_in_the_top_three() {
    let file =
        std::fs::read_to_string(crate::support::repo().join("tests/fixtures/holdout_queries.tsv")).unwrap();
    let rows: Vec<Vec<&str>> = file.lines().skip(1).map(|l| l.split('\t').collect()).collect();
    assert!(rows.len() >= 80);
    let misses: Vec<String> = rows
        .iter()
        .filter_map(|row| match row[..] {
            [query, place, need] => miss(query, place, need),
            _ => panic!("bad row {row:?}"),
        })
        .collect();
    let hit_rate = 1.0 - misses.len() as f64 / rows.len() as f64;
    assert!(
        hit_rate >= 0.9,
        "{:.0}% found; misses:\n{}",
        hit_rate * 100.0,
        misses.join("\n")
    );
}

/// A second blind set (issue 16, part 2): 60 queries written by someone who saw neither the
/// taxonomy, the vocabulary nor the suites above, judged over a directory of 250 fictional
/// services they wrote in their own words (`tests/fixtures/blind2/`). The floors sit just
/// under today's figures (lexical search: success@3 0.783, P@5 0.769, MRR 0.667, judged at a
/// fixed moment) so that a
/// change which loses ground fails; `pathways eval-relevance` prints the figures and misses.
#[test]
fn a_directory_in_other_words_still_answers_most_blind_queries() {
    use pathways::bench::relevance::{judge, read_judged};
    let dir = crate::support::TestDir::new();
    let directory = dir.open();
    let fixture = crate::support::repo().join("tests/fixtures/blind2");
    directory.import_paths(&[fixture.join("directory.json")]).unwrap();
    directory.sync_index().unwrap();
    let set = read_judged(&std::fs::read_to_string(fixture.join("queries.tsv")).unwrap()).unwrap();
    assert_eq!(set.len(), 60);
    let f = judge(&directory, &set).unwrap();
    eprintln!(
        "blind2: success@3 {:.3}, P@5 {:.3}, MRR {:.3}",
        f.success_at_3, f.precision_at_5, f.mrr
    );
    assert!(f.success_at_3 >= 0.77, "{f:#?}");
    assert!(f.precision_at_5 >= 0.76, "{f:#?}");
    assert!(f.mrr >= 0.65, "{f:#?}");
}
