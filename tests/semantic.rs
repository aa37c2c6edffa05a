//! Search by meaning (issue 16): listing embeddings are stored by content hash, so a
//! reindex or a restart never calls the model again and an edit recomputes only its own.

use pathways::search::embedding::{Embedder, MODEL_DIR};
use serde_json::{Value, json};

use crate::support::{TestDir, needs, repo, service};

/// The shipped model, one per test: tests run in parallel and each counts its own calls.
fn model() -> Embedder {
    Embedder::load(&repo().join("directory").join(MODEL_DIR)).unwrap()
}

fn listings(descriptions: &[&str]) -> Value {
    let services: Vec<Value> = descriptions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let mut s = service(
                &format!("Service {i}"),
                d,
                json!({"attributes": needs(&["basic.food"])}),
            );
            s["id"] = json!(format!("svc-{i}"));
            s["organization"]["id"] = json!(format!("org-{i}"));
            s
        })
        .collect();
    json!(services)
}

const DESCRIPTIONS: [&str; 3] = [
    "A food pantry open on weekdays, no questions asked.",
    "Emergency shelter beds for women tonight.",
    "Free legal help with visas and immigration papers.",
];

#[test]
fn a_reindex_or_a_restart_calls_the_model_for_nothing() {
    let dir = TestDir::new();
    let file = dir.write("listings.json", &listings(&DESCRIPTIONS));
    let directory = dir.open();
    directory.import_paths(&[file]).unwrap();
    let model = &model();

    let before = model.calls();
    let mut progress = Vec::new();
    let first = directory
        .refresh_embeddings(model, |done, to_do| progress.push((done, to_do)))
        .unwrap();
    assert_eq!((first.listings, first.embedded), (3, 3));
    assert_eq!(model.calls() - before, 3, "one call per listing");
    assert_eq!(progress.last(), Some(&(3, 3)));

    directory.reindex().unwrap();
    let before = model.calls();
    let again = directory.refresh_embeddings(model, |_, _| {}).unwrap();
    assert_eq!(again.embedded, 0);
    assert_eq!(model.calls(), before, "a reindex calls the model for nothing");

    drop(directory);
    let reopened = dir.open();
    let before = model.calls();
    assert_eq!(reopened.refresh_embeddings(model, |_, _| {}).unwrap().embedded, 0);
    assert_eq!(model.calls(), before, "a restart calls the model for nothing");
}

#[test]
fn an_edit_recomputes_only_its_own_embedding() {
    let dir = TestDir::new();
    let file = dir.write("listings.json", &listings(&DESCRIPTIONS));
    let directory = dir.open();
    directory.import_paths(&[file]).unwrap();
    let model = &model();
    directory.refresh_embeddings(model, |_, _| {}).unwrap();
    let stored = directory.store.embeddings().unwrap();

    // The same file with the second listing's description changed: an edit of one listing.
    let mut edited = DESCRIPTIONS;
    edited[1] = "Emergency shelter beds for women and their children tonight.";
    let file = dir.write("listings.json", &listings(&edited));
    directory.import_paths(&[file]).unwrap();

    let before = model.calls();
    let report = directory.refresh_embeddings(model, |_, _| {}).unwrap();
    assert_eq!(report.embedded, 1);
    assert_eq!(model.calls() - before, 1, "only the edited listing");
    let now = directory.store.embeddings().unwrap();
    assert_eq!(now["svc-0"], stored["svc-0"]);
    assert_eq!(now["svc-2"], stored["svc-2"]);
    assert_ne!(
        now["svc-1"], stored["svc-1"],
        "the edited listing's embedding changed"
    );

    // The one-listing path after an edit: nothing to do when the text is unchanged.
    let before = model.calls();
    assert!(!directory.refresh_embedding(model, "svc-1").unwrap());
    assert_eq!(model.calls(), before);
}

/// The blind set over the directory in other words, searched with the stage off and on: on,
/// English queries are reordered by meaning and the figures rise; Spanish queries keep the
/// lexical order exactly; off, the order is the lexical one.
#[test]
fn meaning_reorders_english_queries_keeps_spanish_ones_and_is_off_until_turned_on() {
    use pathways::bench::relevance::{judge, read_judged};
    use pathways::geo::Point;
    use pathways::search::Filters;
    use pathways::services::find::{Find, Whereabouts};
    use pathways::services::meaning::looks_spanish;
    let dir = TestDir::new();
    let directory = dir.open();
    let fixture = repo().join("tests/fixtures/blind2");
    directory.import_paths(&[fixture.join("directory.json")]).unwrap();
    directory.sync_index().unwrap();
    let set = read_judged(&std::fs::read_to_string(fixture.join("queries.tsv")).unwrap()).unwrap();
    let order = |directory: &pathways::services::Directory, query: &str, place: &str| -> Vec<String> {
        let point: Point = directory.gazetteer.resolve(place).unwrap().point;
        let found = directory
            .find(&Find {
                text: query.into(),
                place: Whereabouts::Point(point),
                radius_km: None,
                filters: Filters::default(),
                page: 1,
                limit: 10,
                now: jiff::Timestamp::constant(1_796_140_800, 0),
            })
            .unwrap();
        found
            .results
            .hits
            .into_iter()
            .map(|h| h.listing.id.clone())
            .collect()
    };
    let off: Vec<Vec<String>> = set
        .iter()
        .map(|j| order(&directory, &j.query, &j.place))
        .collect();
    let lexical = judge(&directory, &set).unwrap();
    assert!(!directory.meaning_on());
    directory
        .load_meaning(
            &repo().join("directory").join(MODEL_DIR),
            pathways::services::meaning::Encoding::Static,
        )
        .unwrap();
    assert_eq!(directory.refresh_meaning(|_, _| {}).unwrap(), 250);
    let on: Vec<Vec<String>> = set
        .iter()
        .map(|j| order(&directory, &j.query, &j.place))
        .collect();
    let meaning = judge(&directory, &set).unwrap();
    eprintln!("blind2 off: {lexical:.3?}\nblind2 on: {meaning:.3?}");
    let spanish: Vec<usize> = (0..set.len()).filter(|&i| looks_spanish(&set[i].query)).collect();
    assert_eq!(spanish.len(), 10, "the set's Spanish queries are read as Spanish");
    for &i in &spanish {
        assert_eq!(on[i], off[i], "{:?} kept the lexical order", set[i].query);
    }
    let reordered = (0..set.len())
        .filter(|i| !spanish.contains(i) && on[*i] != off[*i])
        .count();
    assert!(reordered > 20, "only {reordered} English queries reordered");
    assert!(
        meaning.success_at_3 >= 0.95 && meaning.precision_at_5 >= 0.84,
        "{meaning:#?}"
    );
    assert!(meaning.mrr > lexical.mrr + 0.05, "{lexical:#?} {meaning:#?}");
}

/// The shipped directory with the stage on: a national hotline asked for by name or role
/// keeps the first place the ranking gave it, and a bed one can get still comes before a
/// full shelter with conditions.
#[test]
fn with_meaning_on_a_hotline_asked_for_by_role_stays_first_and_a_bed_one_can_get_comes_first() {
    use pathways::search::Filters;
    use pathways::services::find::{Find, Whereabouts};
    let dir = TestDir::new();
    let directory = dir.open();
    directory
        .import_paths(&[repo().join("directory/listings")])
        .unwrap();
    directory.sync_index().unwrap();
    directory
        .load_meaning(
            &repo().join("directory").join(MODEL_DIR),
            pathways::services::meaning::Encoding::Static,
        )
        .unwrap();
    directory.refresh_meaning(|_, _| {}).unwrap();
    let top = |query: &str| -> Vec<String> {
        let found = directory
            .find(&Find {
                text: query.into(),
                place: Whereabouts::Typed("Houston, TX".into()),
                radius_km: None,
                filters: Filters::default(),
                page: 1,
                limit: 5,
                now: jiff::Timestamp::constant(1_796_140_800, 0),
            })
            .unwrap();
        found
            .results
            .hits
            .iter()
            .map(|h| h.listing.name.clone())
            .collect()
    };
    for query in [
        "I was trafficked and need help",
        "trafficking hotline",
        "someone is trafficking me",
    ] {
        let names = top(query);
        assert_eq!(
            names[0], "National Human Trafficking Hotline",
            "{query}: {names:?}"
        );
    }
    let shelters = top("shelter");
    let full = shelters.iter().position(|n| n == "Women's Overnight Shelter");
    let free = shelters
        .iter()
        .position(|n| n == "Emergency Shelter for Women and Children");
    assert!(
        free.is_some() && (full.is_none() || free < full),
        "beds free and no sobriety rule first: {shelters:?}"
    );
}
