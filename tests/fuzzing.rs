//! REL-5, the CI-sized fuzz run: every target of `pathways::fuzzing` gets every committed
//! seed (`fuzz/corpus/<target>/seed-*`) and then proptest's inputs — seeds with bytes
//! changed, inserted and removed, plus text shaped like the target's input. The targets
//! assert their invariants, so a broken one fails here with the (shrunk) input.
//!
//! `PATHWAYS_FUZZ_CASES=N` sets the cases per strategy (a longer run without nightly:
//! `PATHWAYS_FUZZ_CASES=100000 cargo test --release --test app fuzzing`); the long runs
//! proper are cargo-fuzz's (README, "Fuzzing").

use std::path::PathBuf;

use pathways::fuzzing;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use crate::support::repo;

/// Cases per strategy unless `PATHWAYS_FUZZ_CASES` says otherwise: the whole module stays
/// within a few seconds of an unoptimised test build.
fn cases(default: u32) -> u32 {
    std::env::var("PATHWAYS_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// The committed seeds of a target (not what a local cargo-fuzz run added beside them).
fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir: PathBuf = repo().join("fuzz/corpus").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("seed-"))
        })
        .collect();
    files.sort();
    assert!(files.len() >= 3, "{target}: only {} seeds", files.len());
    files.iter().map(|p| std::fs::read(p).expect("seed")).collect()
}

/// A seed with up to eight edits: a byte replaced, inserted or removed at random places
/// (the cheapest of libFuzzer's mutations, enough to leave the happy path).
fn mutated(seeds: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    let edits = prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..3u8), 0..8);
    (prop::sample::select(seeds), edits).prop_map(|(mut bytes, edits)| {
        for (at, byte, kind) in edits {
            let i = at.index(bytes.len() + 1);
            match kind {
                0 if i < bytes.len() => bytes[i] = byte,
                1 if i < bytes.len() => {
                    bytes.remove(i);
                }
                _ => bytes.insert(i, byte),
            }
        }
        bytes
    })
}

/// Runs `target` on every seed, then on `cases` inputs of each strategy.
fn fuzz(target: &str, run: fn(&[u8]), shaped: BoxedStrategy<Vec<u8>>, cases: u32) {
    let seeds = seeds(target);
    for seed in &seeds {
        run(seed);
    }
    let strategies = [
        mutated(seeds).boxed(),
        prop::collection::vec(any::<u8>(), 0..200).boxed(),
        shaped,
    ];
    for strategy in strategies {
        let mut runner = TestRunner::new(Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        });
        if let Err(e) = runner.run(&strategy, |data| {
            run(&data);
            Ok(())
        }) {
            panic!("{target}: {e}");
        }
    }
}

/// Query strings built from the API's and the form's own parameter names.
fn query_strings() -> BoxedStrategy<Vec<u8>> {
    let key = prop::sample::select(vec![
        "q",
        "place",
        "lat",
        "lon",
        "radius_km",
        "radius_mi",
        "need",
        "without",
        "age",
        "language",
        "page",
        "limit",
        "free",
        "open_now",
        "accepting",
        "walk_in",
        "open_24_7",
        "no_conditions",
        "nonsense",
    ]);
    let value = prop_oneof![
        "\\PC{0,30}",
        "[0-9.eE+-]{0,12}",
        prop::sample::select(vec![
            "shelter.emergency",
            "basic.food",
            "police_report,fee",
            "Houston, TX",
            "77002",
            "es",
            "true",
            "1",
            "need help:*",
            "\"unclosed",
            "NaN",
            "-0",
            "1e308",
        ])
        .prop_map(str::to_owned),
    ];
    prop::collection::vec((key, value), 0..6)
        .prop_map(|pairs| {
            serde_urlencoded::to_string(pairs)
                .unwrap_or_default()
                .into_bytes()
        })
        .boxed()
}

/// Listing-form bodies carrying the right token, from the form's own field names.
fn listing_forms() -> BoxedStrategy<Vec<u8>> {
    let mut names: Vec<&'static str> = pathways::domain::listing_edit::FORM_FIELDS.to_vec();
    names.extend(["area", "csrf"]);
    let value = prop_oneof![
        "\\PC{0,40}",
        "[0-9:,. |-]{0,24}",
        prop::sample::select(vec![
            "shelter.emergency",
            "fee",
            "walk_in",
            "09:00-17:00, 18:00-24:00",
            "24:00-00:00",
            "2026-12-24..2027-12-24 | long",
            "radius:90,180,500",
            "US-TX\nUS\nradius:0,0,0.1",
            "713-555-0190 | desk",
            "TX",
            "77002",
            "0",
            "4294967295",
        ])
        .prop_map(str::to_owned),
    ];
    prop::collection::vec((prop::sample::select(names), value), 0..10)
        .prop_map(|mut pairs| {
            pairs.insert(0, ("csrf", fuzzing::CSRF_TOKEN.to_owned()));
            serde_urlencoded::to_string(pairs)
                .unwrap_or_default()
                .into_bytes()
        })
        .boxed()
}

#[test]
fn the_search_query_path_takes_any_input() {
    fuzz("search_query", fuzzing::search_query, query_strings(), cases(100));
}

#[test]
fn the_hsds_import_takes_any_record() {
    let json = "\\{\"id\": \"\\PC{0,12}\", \"name\": \"\\PC{0,12}\", \"description\": \"[a-z ]{0,12}\", \"status\": \"(active|x)\"\\}";
    fuzz(
        "hsds_record",
        fuzzing::hsds_record,
        json.prop_map(String::into_bytes).boxed(),
        cases(150),
    );
}

#[test]
fn staff_forms_decode_or_are_refused() {
    fuzz("staff_form", fuzzing::staff_form, listing_forms(), cases(300));
}

#[test]
fn the_catalogue_parser_takes_any_file() {
    let lines = "(([a-z][a-z0-9_-]{0,8}|[ \\t#=]?\\PC{0,10}) ?= ?\\PC{0,20}\\r?\\n|[ \\t]+\\PC{0,10}\\n|#\\PC{0,10}\\n){0,8}";
    fuzz(
        "catalogue",
        fuzzing::catalogue,
        lines.prop_map(String::into_bytes).boxed(),
        cases(500),
    );
}

#[test]
fn the_place_parser_takes_any_text() {
    let typed = "([A-Za-zéñ. ]{0,16},? ?([A-Z]{2}|[a-z]{2,10})?|[0-9]{5}(-[0-9]{0,4})?)";
    fuzz(
        "place",
        fuzzing::place,
        typed.prop_map(String::into_bytes).boxed(),
        cases(300),
    );
}
