//! The index is a cache of the database (REL-3): built from nothing, rebuilt when corrupt or
//! behind, never holding a confidential address or coordinate (ANON-11).

use pathways::search::{OpenState, SearchRequest};
use pathways::services::Directory;
use serde_json::json;

use crate::support::{TestDir, all_bytes, contains, needs, office, service, term, uuid};

fn two_services(dir: &TestDir) -> std::path::PathBuf {
    dir.write(
        "two.json",
        &json!([
            service(
                "Harbor Food Pantry",
                "Groceries and hot meals.",
                json!({"attributes": needs(&["basic.food"])})
            ),
            service(
                "Lantern Night Shelter",
                "A bed for tonight.",
                json!({"attributes": needs(&["shelter.emergency"])})
            ),
        ]),
    )
}

fn names(directory: &Directory, q: &str) -> Vec<String> {
    let r = directory.index.search(&SearchRequest::text(q)).unwrap();
    r.hits.into_iter().map(|h| h.listing.name.clone()).collect()
}

#[test]
fn an_index_is_built_from_nothing_and_reused_when_current() {
    let dir = TestDir::new();
    let (directory, state) = Directory::open_at(&dir.database, &dir.index()).unwrap();
    assert_eq!(state, OpenState::Created);
    directory.import_paths(&[two_services(&dir)]).unwrap();
    assert!(directory.sync_index().unwrap().is_some(), "a new index is filled");
    assert_eq!(directory.index.len(), 2);
    assert_eq!(names(&directory, "pantry"), vec!["Harbor Food Pantry"]);
    drop(directory);

    let (directory, state) = Directory::open_at(&dir.database, &dir.index()).unwrap();
    assert_eq!(state, OpenState::Opened);
    assert_eq!(
        directory.sync_index().unwrap(),
        None,
        "an index in step is not rebuilt"
    );
    let (identity, seq) = (
        directory.store.identity().unwrap(),
        directory.store.change_seq().unwrap(),
    );
    let stamp = format!("v{}:{identity}:{seq}", pathways::search::INDEX_FORMAT);
    assert_eq!(directory.index.indexed_stamp(), Some(stamp));
    assert_eq!(names(&directory, "shelter"), vec!["Lantern Night Shelter"]);
    drop(directory);

    // An index written by a build that indexed differently (an older format) is rebuilt,
    // even at the same database and change.
    {
        let index = tantivy::Index::open_in_dir(dir.index()).unwrap();
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut commit = writer.prepare_commit().unwrap();
        commit.set_payload(&format!("v1:{identity}:{seq}"));
        commit.commit().unwrap();
    }
    let (directory, _) = Directory::open_at(&dir.database, &dir.index()).unwrap();
    assert_eq!(
        directory.sync_index().unwrap(),
        Some(seq),
        "an old format is rebuilt"
    );
    assert_eq!(names(&directory, "shelter"), vec!["Lantern Night Shelter"]);
}

#[test]
fn an_index_behind_the_database_is_rebuilt_at_start() {
    let dir = TestDir::new();
    let directory = dir.open();
    directory.import_paths(&[two_services(&dir)]).unwrap();
    directory.sync_index().unwrap();
    let more = dir.write(
        "more.json",
        &json!([service(
            "Rise Job Center",
            "Job training and resumes.",
            json!({"attributes": needs(&["employment"])})
        )]),
    );
    directory.import_paths(&[more]).unwrap();
    assert!(
        names(&directory, "job").is_empty(),
        "the import went to the database only"
    );
    drop(directory);

    let directory = dir.open();
    assert!(directory.sync_index().unwrap().is_some());
    assert_eq!(names(&directory, "job"), vec!["Rise Job Center"]);
    assert_eq!(directory.index.len(), 3);
}

#[test]
fn a_corrupt_index_folder_is_replaced_and_rebuilt_equal_to_the_database() {
    for damage in ["meta", "segments", "junk"] {
        let dir = TestDir::new();
        let directory = dir.open();
        directory.import_paths(&[two_services(&dir)]).unwrap();
        directory.sync_index().unwrap();
        drop(directory);
        match damage {
            "meta" => std::fs::write(dir.index().join("meta.json"), b"{ not json").unwrap(),
            "segments" => {
                for e in std::fs::read_dir(dir.index()).unwrap().flatten() {
                    let p = e.path();
                    if p.extension()
                        .is_some_and(|x| x == "store" || x == "idx" || x == "term")
                    {
                        std::fs::write(&p, b"garbage").unwrap();
                    }
                }
            }
            _ => {
                std::fs::remove_file(dir.index().join("meta.json")).unwrap();
            }
        }
        let (directory, state) = Directory::open_at(&dir.database, &dir.index()).unwrap();
        assert!(matches!(state, OpenState::Replaced(_)), "{damage}: {state:?}");
        assert!(directory.sync_index().unwrap().is_some());
        assert_eq!(
            directory.index.len() as usize,
            directory.store.count_services().unwrap(),
            "{damage}"
        );
        assert_eq!(
            names(&directory, "pantry"),
            vec!["Harbor Food Pantry"],
            "{damage}"
        );
    }
}

#[test]
fn reindex_gives_the_same_results() {
    let dir = TestDir::new();
    let directory = dir.open();
    directory.import_paths(&[two_services(&dir)]).unwrap();
    directory.sync_index().unwrap();
    let before = names(&directory, "bed meals");
    let mut found = before.clone();
    found.sort();
    assert_eq!(
        found,
        ["Harbor Food Pantry", "Lantern Night Shelter"],
        "each service matches one of the words"
    );
    assert_eq!(
        directory.reindex().unwrap(),
        directory.store.change_seq().unwrap(),
        "rebuilt at the database's change"
    );
    assert_eq!(
        names(&directory, "bed meals"),
        before,
        "the same, in the same order"
    );
    // The rebuilt index holds what the database holds, listing for listing.
    let mut everything = SearchRequest::text("");
    everything.limit = 50;
    let hits = directory.index.search(&everything).unwrap().hits;
    let mut indexed: Vec<String> = hits.iter().map(|h| h.listing.id.clone()).collect();
    indexed.sort();
    let mut stored = directory.store.listing_ids().unwrap();
    stored.sort();
    assert_eq!(indexed, stored);
    for hit in hits {
        let id = hit.listing.id.clone();
        assert_eq!(
            Some(std::sync::Arc::unwrap_or_clone(hit.listing)),
            directory.store.listing(&id).unwrap(),
            "{id}"
        );
    }
    assert_eq!(directory.index.len(), 2);
}

#[test]
fn a_confidential_location_never_reaches_the_index() {
    let dir = TestDir::new();
    let directory = dir.open();
    let mut attributes = needs(&["shelter.emergency"]);
    attributes.push(term("pathways-attributes", "confidential_location"));
    let mut s = service(
        "Safe Harbor House",
        "Confidential shelter for survivors.",
        json!({"attributes": attributes,
        "phones": [{"id": uuid(), "number": "713-555-0177", "description": "24-hour intake"}]}),
    );
    s["service_at_locations"] = office(
        29.812345,
        -95.287654,
        "7 Canary Hideaway Lane",
        "Houston",
        "TX",
        "77020",
    );
    // A second confidential shelter whose provider drew its area around the house itself.
    let mut drawn = service(
        "Drawn Circle House",
        "Confidential shelter.",
        json!({"attributes": [term("pathways-needs", "shelter.emergency"), term("pathways-attributes", "confidential_location")],
            "service_areas": [{"id": uuid(), "extent_type": "text", "extent": "radius:29.723456,-95.534567,3"}]}),
    );
    drawn["phones"] = json!([{"id": uuid(), "number": "713-555-0178"}]);
    directory
        .import_paths(&[dir.write("c.json", &json!([s, drawn]))])
        .unwrap();
    directory.sync_index().unwrap();
    let index = all_bytes(&dir.index());
    for canary in [
        "Canary Hideaway",
        "29.812345",
        "-95.287654",
        "77020",
        "29.723456",
        "-95.534567",
    ] {
        assert!(!contains(&index, canary), "{canary} found in the index");
    }
    for bits in [
        29.812345f64.to_le_bytes(),
        29.812345f64.to_be_bytes(),
        (-95.287654f64).to_le_bytes(),
    ] {
        assert!(
            !index.windows(8).any(|w| w == bits),
            "a raw coordinate found in the index"
        );
    }
    // Still findable by its area: the nearest town, widely drawn.
    let drawn = directory.listing(drawn["id"].as_str().unwrap()).unwrap().unwrap();
    assert!(drawn.area.circles[0].km >= 40.0 && drawn.area.circles[0].center.lat != 29.723456);
    let json = serde_json::to_string(&drawn).unwrap();
    assert!(
        !json.contains("29.723456") && !json.contains("95.534567"),
        "{json}"
    );
    let listing = directory.listing(s["id"].as_str().unwrap()).unwrap().unwrap();
    assert!(listing.office.is_none() && listing.confidential);
    assert_eq!(listing.area.circles.len(), 1);
    assert!(listing.area.circles[0].center.lat != 29.812345);
}

#[test]
fn an_index_built_from_another_database_is_rebuilt() {
    let dir = TestDir::new();
    if dir.on_postgres() {
        return; // it replaces the database by removing its folder
    }
    let directory = dir.open();
    directory.import_paths(&[two_services(&dir)]).unwrap();
    directory.sync_index().unwrap();
    drop(directory);
    // A new database at the same change number, with other listings.
    std::fs::remove_dir_all(dir.data()).unwrap();
    let directory = dir.open();
    let other = dir.write(
        "other.json",
        &json!([service(
            "Rise Job Center",
            "Job training.",
            json!({"attributes": needs(&["employment"])})
        )]),
    );
    directory.import_paths(&[other]).unwrap();
    assert!(
        directory.sync_index().unwrap().is_some(),
        "same sequence, other database: rebuilt"
    );
    assert_eq!(names(&directory, "pantry"), Vec::<String>::new());
    assert_eq!(names(&directory, "job"), vec!["Rise Job Center"]);
}

#[test]
fn a_folder_that_is_not_an_index_is_never_emptied() {
    let dir = TestDir::new();
    // --index-dir pointed at the data folder by mistake.
    let directory = dir.open();
    directory.import_paths(&[two_services(&dir)]).unwrap();
    drop(directory);
    let err = Directory::open(&dir.data(), &dir.data()).err().expect("refused");
    assert!(err.to_string().contains("not part of a search index"), "{err}");
    assert!(
        dir.data().join("pathways.db").exists(),
        "the database is still there"
    );
    let notes = dir.tmp.path().join("notes");
    std::fs::create_dir_all(&notes).unwrap();
    std::fs::write(notes.join("todo.txt"), b"keep me").unwrap();
    assert!(Directory::open(&dir.data(), &notes).is_err());
    assert!(notes.join("todo.txt").exists());
}

/// Issue 12: listing changes are committed in one order and may reach the index in another
/// (two providers at once). An index stamped with the later change while lacking the earlier
/// one was trusted by the next start after a kill, so the earlier change never reached
/// search; and an older version of a listing indexed last replaced the newer one.
#[test]
fn changes_indexed_out_of_order_never_leave_a_trusted_stale_index() {
    let dir = TestDir::new();
    let directory = dir.open();
    let mut a = service("Harbor Food Pantry", "Groceries and hot meals.", json!({}));
    let mut b = service("Lantern Night Shelter", "A bed for tonight.", json!({}));
    let (a_id, b_id) = (
        a["id"].as_str().unwrap().to_owned(),
        b["id"].as_str().unwrap().to_owned(),
    );
    directory
        .import_paths(&[dir.write("ab.json", &json!([a, b]))])
        .unwrap();
    directory.sync_index().unwrap();
    let database = directory.store.identity().unwrap();
    // Two commits (imports stand in for the server's two edits): a's, then b's.
    let commit = |directory: &Directory, record: &mut serde_json::Value, words: &str, name: &str| {
        record["description"] = json!(words);
        directory
            .import_paths(&[dir.write(name, &json!([record.clone()]))])
            .unwrap();
        directory.store.change_seq().unwrap()
    };
    commit(&directory, &mut a, "Groceries and zebra crossings.", "a1.json");
    let b_seq = commit(&directory, &mut b, "A bed and a quokka.", "b1.json");
    // b's change reaches the index first; the server is killed before a's does.
    let b_listing = directory.store.listing(&b_id).unwrap().unwrap();
    directory.index.upsert(&database, b_seq, &b_listing).unwrap();
    drop(directory);
    let directory = dir.open();
    assert!(
        directory.sync_index().unwrap().is_some(),
        "an index lacking a committed change is rebuilt at start"
    );
    assert_eq!(names(&directory, "zebra"), vec!["Harbor Food Pantry"]);

    // a changed twice; the older version reaches the index last: the newer one stays, and
    // once both are in, the index is in step.
    let older = commit(&directory, &mut a, "Groceries and a penguin.", "a2.json");
    let older_listing = directory.store.listing(&a_id).unwrap().unwrap();
    let newer = commit(&directory, &mut a, "Groceries and a walrus.", "a3.json");
    let newer_listing = directory.store.listing(&a_id).unwrap().unwrap();
    directory.index.upsert(&database, newer, &newer_listing).unwrap();
    directory.index.upsert(&database, older, &older_listing).unwrap();
    assert_eq!(names(&directory, "walrus"), vec!["Harbor Food Pantry"]);
    assert!(names(&directory, "penguin").is_empty());
    assert_eq!(directory.sync_index().unwrap(), None, "in step once both are in");
}

#[test]
fn a_need_tile_shows_a_new_service_at_once_though_its_answer_is_kept_for_the_minute() {
    use pathways::search::Filters;
    use pathways::services::find::{Find, Whereabouts};
    let dir = TestDir::new();
    let (directory, _) = Directory::open_at(&dir.database, &dir.index()).unwrap();
    directory.import_paths(&[two_services(&dir)]).unwrap();
    directory.sync_index().unwrap();
    let tile = Find {
        text: String::new(),
        place: Whereabouts::Anywhere,
        radius_km: None,
        filters: Filters {
            needs: vec!["basic.food".into()],
            ..Filters::default()
        },
        page: 1,
        limit: 10,
        now: "2026-12-01T16:00:00Z".parse().unwrap(),
    };
    let pantries = |directory: &Directory| -> Vec<String> {
        let found = directory.find(&tile).unwrap();
        let mut n: Vec<String> = found
            .results
            .hits
            .iter()
            .map(|h| h.listing.name.clone())
            .collect();
        n.sort();
        n
    };
    assert_eq!(pantries(&directory), vec!["Harbor Food Pantry"]);
    assert_eq!(
        pantries(&directory),
        vec!["Harbor Food Pantry"],
        "asked again in the minute"
    );

    let more = dir.write(
        "more.json",
        &json!([service(
            "Second Street Pantry",
            "Groceries on Saturdays.",
            json!({"attributes": needs(&["basic.food"])})
        )]),
    );
    directory.import_paths(&[more]).unwrap();
    directory.sync_index().unwrap();
    assert_eq!(
        pantries(&directory),
        vec!["Harbor Food Pantry", "Second Street Pantry"],
        "the same tile in the same minute, after the index changed"
    );
}
