//! Import: the official examples, idempotence by HSDS id, all-or-nothing files with errors
//! naming the file, the record and the field, and need inference for records without terms.

use pathways::hsds::ImportError;
use pathways::services::AppError;
use serde_json::json;

use crate::support::{TestDir, needs, repo, service, term};

#[test]
fn every_official_hsds_example_imports() {
    let dir = TestDir::new();
    let directory = dir.open();
    // The JSON examples (the csv/ folder is the tabular package, with its own descriptor).
    let mut examples: Vec<_> = std::fs::read_dir(repo().join("tests/fixtures/hsds-3.1/examples"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    examples.sort();
    assert!(examples.len() >= 13);
    // The examples describe one service in six shapes (service_full, service_list,
    // organization_full, organization_list, service_at_location_full and the tabular form),
    // so each is its own import: in one import, one service id in several files is refused.
    let (mut added, mut skipped) = (0, 0);
    for example in &examples {
        let report = directory
            .import_paths(std::slice::from_ref(example))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            !report.warnings.iter().any(|w| w.contains("not in HSDS")),
            "the examples use HSDS fields only: {example:?}: {:?}",
            report.warnings
        );
        added += report.summary.added;
        skipped += report.skipped;
    }
    // Taxonomy, term, location and base records are skipped.
    assert_eq!(added, 1);
    assert_eq!(directory.store.count_services().unwrap(), 1);
    assert!(skipped >= 3, "{skipped}");
    let together = directory.import_paths(&examples).unwrap_err().to_string();
    assert!(
        together.contains("ac148810-d857-441c-9679-408f346de14b"),
        "{together}"
    );
    let counselling = directory
        .listing("ac148810-d857-441c-9679-408f346de14b")
        .unwrap()
        .expect("service_list's first");
    assert_eq!(counselling.name, "Community Counselling");
    assert!(
        counselling.needs.contains(&"health.therapy".to_owned()),
        "inferred: {:?}",
        counselling.needs
    );
    assert!(counselling.needs_inferred);
}

#[test]
fn importing_twice_changes_nothing_the_second_time() {
    let dir = TestDir::new();
    let directory = dir.open();
    let file = dir.write(
        "a.json",
        &json!([service(
            "Food pantry",
            "Groceries every Tuesday.",
            json!({"attributes": needs(&["basic.food"])})
        )]),
    );
    let first = directory.import_paths(std::slice::from_ref(&file)).unwrap();
    assert_eq!(first.summary.added, 1);
    let seq = directory.store.change_seq().unwrap();
    let second = directory.import_paths(&[file]).unwrap();
    assert_eq!(
        (
            second.summary.added,
            second.summary.updated,
            second.summary.unchanged
        ),
        (0, 0, 1)
    );
    assert_eq!(
        directory.store.change_seq().unwrap(),
        seq,
        "an unchanged import does not bump the sequence"
    );
    assert_eq!(directory.store.count_services().unwrap(), 1);
}

#[test]
fn a_changed_record_replaces_the_stored_one_by_id() {
    let dir = TestDir::new();
    let directory = dir.open();
    let mut s = service(
        "Clinic",
        "Walk-in clinic.",
        json!({"attributes": needs(&["health.medical"])}),
    );
    directory
        .import_paths(&[dir.write("a.json", &json!([s.clone()]))])
        .unwrap();
    s["name"] = json!("Clinic (new name)");
    let report = directory
        .import_paths(&[dir.write("b.json", &json!([s.clone()]))])
        .unwrap();
    assert_eq!(report.summary.updated, 1);
    let id = s["id"].as_str().unwrap();
    assert_eq!(directory.listing(id).unwrap().unwrap().name, "Clinic (new name)");
    assert_eq!(directory.store.count_services().unwrap(), 1);
}

#[test]
fn one_invalid_record_refuses_the_whole_batch_and_names_file_record_and_field() {
    let dir = TestDir::new();
    let directory = dir.open();
    let good = service(
        "Shelter",
        "Beds tonight.",
        json!({"attributes": needs(&["shelter.emergency"])}),
    );
    let mut bad = service("Legal clinic", "Visas.", json!({}));
    bad["phones"] = json!([{"id": crate::support::uuid(), "number": 7135550100u64}]);
    let bad_id = bad["id"].as_str().unwrap().to_owned();
    let ok_file = dir.write("ok.json", &json!([good]));
    let bad_file = dir.write("bad.json", &json!([bad]));
    let err = directory.import_paths(&[ok_file, bad_file]).unwrap_err();
    let AppError::Import(ImportError::Record {
        file, record, field, ..
    }) = &err
    else {
        panic!("{err}")
    };
    assert!(file.ends_with("bad.json"));
    assert_eq!(record, &bad_id);
    assert_eq!(field, "/phones/0/number");
    assert!(err.to_string().contains("bad.json") && err.to_string().contains(&bad_id));
    assert_eq!(
        directory.store.count_services().unwrap(),
        0,
        "nothing from the good file either"
    );
}

#[test]
fn malformed_files_are_refused_with_a_clear_message() {
    let dir = TestDir::new();
    let directory = dir.open();
    let path = dir.tmp.path().join("broken.json");
    std::fs::write(&path, "[{\"id\": ").unwrap();
    let err = directory.import_paths(&[path]).unwrap_err().to_string();
    assert!(
        err.contains("broken.json") && err.contains("not valid JSON"),
        "{err}"
    );

    let unknown_need = service(
        "X",
        "Y",
        json!({"attributes": [term("pathways-needs", "shelter.tonight")]}),
    );
    let id = unknown_need["id"].as_str().unwrap().to_owned();
    let err = directory
        .import_paths(&[dir.write("n.json", &json!([unknown_need]))])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(&id)
            && err.contains("/attributes/0/taxonomy_term/code")
            && err.contains("shelter.tonight"),
        "{err}"
    );

    let mut far = service("X", "Y", json!({}));
    far["service_at_locations"] = json!([{"id": crate::support::uuid(), "location": {"id": crate::support::uuid(), "location_type": "physical", "latitude": 123.0, "longitude": 0.0}}]);
    let far_id = far["id"].as_str().unwrap().to_owned();
    let report = directory
        .import_paths(&[dir.write("far.json", &json!([far]))])
        .unwrap();
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains(&far_id) && w.contains("latitude")),
        "{:?}",
        report.warnings
    );
    assert!(
        directory.listing(&far_id).unwrap().unwrap().office.is_none(),
        "no usable position, no office"
    );
    directory.store.import(&[], "reset").unwrap();

    let err = directory
        .import_paths(&[dir.write("n.json", &json!(42))])
        .unwrap_err()
        .to_string();
    assert!(err.contains("n.json"), "{err}");
    assert_eq!(
        directory.store.count_services().unwrap(),
        1,
        "only the record with unusable coordinates"
    );
}

#[test]
fn open_eligibility_terms_map_through_the_crosswalk_by_id_first_then_exact_name() {
    let dir = TestDir::new();
    let directory = dir.open();
    let oe = |code: Option<&str>, name: &str| {
        let mut term = json!({"id": crate::support::uuid(), "name": name, "description": name, "taxonomy": "Open Eligibility"});
        if let Some(code) = code {
            term["code"] = json!(code);
        }
        json!({"id": crate::support::uuid(), "taxonomy_term": term})
    };
    let cases = [
        // The name alone, as many publishers write it.
        (oe(None, "Food Pantry"), "basic.food"),
        // The OE id wins over a name in another language.
        (
            oe(Some("111-01-05"), "Recuperación de identificación"),
            "legal.id_documents",
        ),
        // A name under several ids in the taxonomy, by its second id.
        (oe(Some("103-01"), "Emergency Shelter"), "shelter.emergency"),
        // Names the old crosswalk held that are no Open Eligibility term: no need from the
        // crosswalk, so the record's own words decide (they name a bed tonight).
        (oe(None, "Temporary Shelter"), "shelter.emergency"),
    ];
    let records: Vec<_> = cases
        .iter()
        .map(|(term, _)| {
            service(
                "Neighbourhood Desk",
                "Beds tonight for anyone with nowhere to sleep.",
                json!({"attributes": [term]}),
            )
        })
        .collect();
    directory
        .import_paths(&[dir.write("oe.json", &json!(records))])
        .unwrap();
    for (record, (term, expected)) in records.iter().zip(&cases) {
        let l = directory
            .listing(record["id"].as_str().unwrap())
            .unwrap()
            .unwrap();
        assert_eq!(l.needs, vec![*expected], "{term}");
        let by_crosswalk = !term["taxonomy_term"]["name"]
            .as_str()
            .unwrap()
            .starts_with("Temporary");
        assert_eq!(l.needs_inferred, !by_crosswalk, "{term}");
    }
}

#[test]
fn needs_are_inferred_from_text_when_a_record_has_no_terms() {
    let dir = TestDir::new();
    let directory = dir.open();
    let cases = [
        (
            "Eastside Legal Aid",
            "Free attorneys for T visa and U visa applications, asylum and deportation defense.",
            "legal.immigration",
        ),
        (
            "Harbor Recovery House",
            "Residential detox and rehab for drug and alcohol addiction, with a 12-step group.",
            "health.substance_use",
        ),
        (
            "Second Chance Clinic",
            "Vacatur and expungement of prostitution convictions so a criminal record stops blocking jobs.",
            "legal.criminal_record",
        ),
        (
            "Little Steps",
            "Daycare and babysitting for toddlers while parents work or attend classes.",
            "childcare",
        ),
    ];
    let records: Vec<_> = cases.iter().map(|(n, d, _)| service(n, d, json!({}))).collect();
    directory
        .import_paths(&[dir.write("t.json", &json!(records))])
        .unwrap();
    for (record, (name, _, expected)) in records.iter().zip(cases) {
        let l = directory
            .listing(record["id"].as_str().unwrap())
            .unwrap()
            .unwrap();
        assert_eq!(
            l.needs.first().map(String::as_str),
            Some(expected),
            "{name}: {:?}",
            l.needs
        );
        assert!(l.needs_inferred);
    }
}

#[test]
fn conditions_and_attributes_are_read_from_our_taxonomies() {
    let dir = TestDir::new();
    let directory = dir.open();
    let mut attributes = needs(&["shelter.emergency"]);
    attributes.push(term("pathways-conditions", "sobriety"));
    attributes.push(term("pathways-conditions", "police_report"));
    attributes.push(term("pathways-attributes", "walk_in"));
    let s = service(
        "Sober Shelter",
        "Beds.",
        json!({"attributes": attributes, "minimum_age": 18,
        "languages": [{"id": crate::support::uuid(), "code": "es", "name": "Spanish"}],
        "assured_date": "2026-10-01",
        "capacities": [{"id": crate::support::uuid(), "unit": {"id": crate::support::uuid(), "name": "beds"}, "available": 0, "maximum": 20, "updated": "2026-11-20T10:00:00Z"}]}),
    );
    let id = s["id"].as_str().unwrap().to_owned();
    directory
        .import_paths(&[dir.write("c.json", &json!([s]))])
        .unwrap();
    let l = directory.listing(&id).unwrap().unwrap();
    use pathways::domain::Condition;
    assert_eq!(l.conditions, vec![Condition::PoliceReport, Condition::Sobriety]);
    assert!(l.walk_in && !l.is_unconditional());
    assert_eq!(l.min_age, Some(18));
    assert_eq!(l.languages, vec!["es"]);
    assert_eq!(l.verified.as_deref(), Some("2026-10-01"));
    let c = l.capacity.unwrap();
    assert_eq!(
        (c.available, c.maximum, c.unit.as_str(), c.updated.as_str()),
        (0, Some(20), "beds", "2026-11-20")
    );
}

#[test]
fn the_tabular_example_imports_on_its_own_with_its_location() {
    let dir = TestDir::new();
    let directory = dir.open();
    let tabular = repo().join("tests/fixtures/hsds-3.1/examples/tabular.json");
    let report = directory.import_paths(&[tabular]).expect("tabular.json imports");
    assert_eq!(report.summary.added, 1);
    let l = directory
        .listing("ac148810-d857-441c-9679-408f346de14b")
        .unwrap()
        .unwrap();
    assert_eq!(l.name, "Community Counselling");
    assert!(!l.phones.is_empty(), "phones joined by service_id");
    assert!(
        l.office
            .is_some_and(|o| o.address.iter().any(|a| a.contains("Main Street"))),
        "location and address joined"
    );
}

#[test]
fn an_office_without_coordinates_is_placed_by_its_zip_code_or_city() {
    let dir = TestDir::new();
    let directory = dir.open();
    let located = |zip: &str, city: &str, state: &str| {
        let mut s = service(
            "Clinic",
            "Walk-in clinic.",
            json!({"attributes": needs(&["health.medical"])}),
        );
        s["service_at_locations"] = json!([{"id": crate::support::uuid(), "location": {"id": crate::support::uuid(), "location_type": "physical",
            "addresses": [{"id": crate::support::uuid(), "address_1": "1 Main St", "city": city, "state_province": state,
                "postal_code": zip, "country": "US", "address_type": "physical"}]}}]);
        s
    };
    let by_zip = located("98101", "Somewhere", "WA");
    let by_city = located("", "Atlanta", "GA");
    directory
        .import_paths(&[dir.write("z.json", &json!([by_zip.clone(), by_city.clone()]))])
        .unwrap();
    let point = |s: &serde_json::Value| {
        directory
            .listing(s["id"].as_str().unwrap())
            .unwrap()
            .unwrap()
            .office
            .unwrap()
            .point
            .unwrap()
    };
    let seattle = pathways::geo::Point {
        lat: 47.61,
        lon: -122.33,
    };
    assert!(point(&by_zip).distance_km(seattle) < 5.0);
    assert!(
        point(&by_city).distance_km(pathways::geo::Point {
            lat: 33.75,
            lon: -84.39
        }) < 10.0
    );
}

#[test]
fn a_service_missing_its_status_is_refused_not_skipped() {
    let dir = TestDir::new();
    let directory = dir.open();
    let mut incomplete = service("Drop-in", "Coffee and showers.", json!({}));
    incomplete.as_object_mut().unwrap().remove("status");
    incomplete.as_object_mut().unwrap().remove("organization");
    let id = incomplete["id"].as_str().unwrap().to_owned();
    let err = directory
        .import_paths(&[dir.write("s.json", &json!([incomplete]))])
        .unwrap_err()
        .to_string();
    assert!(err.contains(&id) && err.contains("status"), "{err}");
}

#[test]
fn a_changed_organisation_name_reaches_the_listing() {
    let dir = TestDir::new();
    let directory = dir.open();
    let mut s = service(
        "Pantry",
        "Groceries.",
        json!({"attributes": needs(&["basic.food"])}),
    );
    directory
        .import_paths(&[dir.write("a.json", &json!([s.clone()]))])
        .unwrap();
    s["organization"]["name"] = json!("Renamed Org");
    let report = directory
        .import_paths(&[dir.write("b.json", &json!([s.clone()]))])
        .unwrap();
    assert_eq!(report.summary.updated, 1);
    assert_eq!(
        directory
            .listing(s["id"].as_str().unwrap())
            .unwrap()
            .unwrap()
            .organization,
        "Renamed Org"
    );
}

/// The error of importing `records` as one file named `name`, which must be refused whole.
fn refused(dir: &TestDir, name: &str, records: serde_json::Value) -> String {
    let directory = dir.open();
    let err = directory
        .import_paths(&[dir.write(name, &records)])
        .expect_err("refused")
        .to_string();
    assert_eq!(
        directory.store.count_services().unwrap(),
        0,
        "nothing imported: {err}"
    );
    err
}

#[test]
fn rel_5_a_service_id_in_two_files_of_one_import_refuses_the_import_naming_both() {
    let dir = TestDir::new();
    let directory = dir.open();
    let first = service("Shelter", "Beds tonight.", json!({}));
    let mut second = service("Other shelter", "Beds.", json!({}));
    second["id"] = first["id"].clone();
    let id = first["id"].as_str().unwrap().to_owned();
    let a = dir.write("a-first.json", &json!([first]));
    let b = dir.write(
        "b-second.json",
        &json!([service("Pantry", "Food.", json!({})), second]),
    );
    let err = directory.import_paths(&[a, b]).unwrap_err();
    let AppError::Import(ImportError::Duplicate { .. }) = &err else {
        panic!("{err}")
    };
    let text = err.to_string();
    assert!(
        text.contains("a-first.json") && text.contains("b-second.json") && text.contains(&id),
        "{text}"
    );
    assert_eq!(directory.store.count_services().unwrap(), 0, "nothing imported");
    // One file named twice (itself and its folder) is not a duplicate of itself.
    let alone = dir.tmp.path().join("alone");
    std::fs::create_dir(&alone).unwrap();
    let file = alone.join("one.json");
    std::fs::rename(
        dir.write("one.json", &json!([service("Clinic", "Care.", json!({}))])),
        &file,
    )
    .unwrap();
    let report = directory.import_paths(&[alone, file]).unwrap();
    assert_eq!((report.files, report.summary.added), (1, 1));
}

#[test]
fn rel_5_capacity_counts_are_whole_numbers_in_range_or_the_file_is_refused() {
    for (capacity, field) in [
        (json!({"available": 1e20}), "/capacities/0/available"),
        (json!({"available": -1}), "/capacities/0/available"),
        (json!({"available": 2.5}), "/capacities/0/available"),
        (json!({"available": 3, "maximum": -3}), "/capacities/0/maximum"),
        (
            json!({"available": 3, "maximum": 4294967296u64}),
            "/capacities/0/maximum",
        ),
    ] {
        let dir = TestDir::new();
        let mut c = json!({"id": crate::support::uuid(), "updated": "2026-11-20T10:00:00Z",
            "unit": {"id": crate::support::uuid(), "name": "beds"}});
        c.as_object_mut()
            .unwrap()
            .extend(capacity.as_object().unwrap().clone());
        let s = service("Shelter", "Beds.", json!({"capacities": [c]}));
        let id = s["id"].as_str().unwrap().to_owned();
        let err = refused(&dir, "cap.json", json!([s]));
        assert!(
            err.contains("cap.json") && err.contains(&id) && err.contains(field),
            "{capacity}: {err}"
        );
    }
}

#[test]
fn rel_5_oversized_files_and_text_are_refused_and_a_long_value_is_never_echoed() {
    use pathways::hsds::limits::{MAX_FILE_BYTES, MAX_ID_BYTES, MAX_TEXT_BYTES};
    // A description over the limit for any text in a record.
    let dir = TestDir::new();
    let s = service("Shelter", &"d".repeat(MAX_TEXT_BYTES + 1), json!({}));
    let id = s["id"].as_str().unwrap().to_owned();
    let err = refused(&dir, "long.json", json!([s]));
    assert!(err.contains(&id) && err.contains("/description"), "{err}");
    assert!(err.len() < 400, "{err}");
    // A 2 MB id: refused, and the error quotes a short prefix of it only.
    let mut s = service("Shelter", "Beds.", json!({}));
    s["id"] = json!(format!("svc-{}", "9".repeat(2_000_000)));
    let err = refused(&dir, "id.json", json!([s]));
    assert!(
        err.contains("id.json") && err.contains("/id") && err.contains("svc-999"),
        "{err}"
    );
    assert!(err.len() < 400, "{} bytes", err.len());
    assert!(err.contains(&format!("the limit is {MAX_ID_BYTES}")), "{err}");
    // A file over the size limit is read a record at a time (issue 15): one that is no JSON
    // array is refused naming the file, and so is one record over the limit, before it is
    // held whole.
    let big = dir.tmp.path().join("big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(MAX_FILE_BYTES + 1)
        .unwrap();
    let err = dir
        .open()
        .import_paths(std::slice::from_ref(&big))
        .unwrap_err()
        .to_string();
    assert!(err.contains("big.json"), "{err}");
    let mut text = String::from("[{\"id\": \"x\", \"name\": \"");
    text.push_str(&"n".repeat(MAX_FILE_BYTES as usize + 10));
    text.push_str("\"}]");
    std::fs::write(&big, text).unwrap();
    let err = dir.open().import_paths(&[big]).unwrap_err().to_string();
    assert!(
        err.contains("big.json") && err.contains("a record larger than 64 MiB"),
        "{err}"
    );
    assert!(err.len() < 400, "{err}");
}

#[test]
fn rel_5_import_messages_escape_what_they_quote_and_never_show_a_location() {
    use crate::support::term_value;
    let confidential = |extra: serde_json::Value| {
        let mut attributes = vec![term_value("pathways-attributes", "confidential_location", "")];
        if let Some(more) = extra.get("attributes").and_then(|a| a.as_array()) {
            attributes.extend(more.iter().cloned());
        }
        let mut s = service("Safe house", "Confidential.", extra);
        s["attributes"] = json!(attributes);
        s
    };
    let dir = TestDir::new();
    // A circle too wide, drawn around the shelter itself: its coordinates stay out.
    let s = confidential(json!({"service_areas": [{"id": crate::support::uuid(),
        "extent_type": "text", "extent": "radius:29.761234,-95.369876,99999"}]}));
    let err = refused(&dir, "area.json", json!([s]));
    assert!(err.contains("/service_areas/0/extent"), "{err}");
    assert!(!err.contains("29.76") && !err.contains("95.36"), "{err}");
    // An address where a list of addresses belongs: named by field, never shown.
    let s = confidential(json!({"service_at_locations": [{"id": crate::support::uuid(),
        "location": {"id": crate::support::uuid(), "location_type": "physical",
            "addresses": {"address_1": "7 Canary Hideaway Lane"}}}]}));
    let err = refused(&dir, "address.json", json!([s]));
    assert!(err.contains("/addresses"), "{err}");
    assert!(!err.contains("Canary"), "{err}");
    // A terminal escape sequence in a quoted value is escaped, not sent to the console.
    let s = service(
        "X",
        "Y",
        json!({"attributes": [term("pathways-needs", "shelter\u{1b}[2J\u{1b}[31m.tonight")]}),
    );
    let err = refused(&dir, "esc.json", json!([s]));
    assert!(err.contains("/attributes/0/taxonomy_term/code"), "{err}");
    assert!(!err.chars().any(char::is_control), "{err:?}");
    assert!(err.contains("\\u{1b}[2J"), "shown escaped: {err:?}");
    // Coordinates that are not on Earth: the warning names the field, not the numbers.
    let directory = dir.open();
    let mut far = service("X", "Y", json!({}));
    far["service_at_locations"] = json!([{"id": crate::support::uuid(), "location": {"id": crate::support::uuid(),
        "location_type": "physical", "latitude": -95.369876, "longitude": 29.761234}}]);
    let report = directory
        .import_paths(&[dir.write("far.json", &json!([far]))])
        .unwrap();
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert!(report.warnings[0].contains("latitude"), "{:?}", report.warnings);
    assert!(!report.warnings[0].contains("95.36"), "{:?}", report.warnings);
}

#[test]
fn rel_5_fields_beyond_hsds_are_kept_and_warned_about_never_a_reason_to_skip_a_service() {
    let dir = TestDir::new();
    let directory = dir.open();
    // `version` and `profile` are keys of other HSDS records; `x_funder` of none. HSDS 3.1
    // leaves objects open to extension, so the service is imported, extras kept, and named.
    let s = service(
        "Shelter",
        "Beds.",
        json!({"version": "2", "profile": "https://example.org/profile", "x_funder": "County"}),
    );
    let id = s["id"].as_str().unwrap().to_owned();
    let report = directory
        .import_paths(&[dir.write("extra.json", &json!([s]))])
        .unwrap();
    assert_eq!((report.summary.added, report.skipped), (1, 0), "{report:?}");
    assert!(directory.listing(&id).unwrap().is_some());
    let named: Vec<&String> = report.warnings.iter().filter(|w| w.contains(&id)).collect();
    assert!(
        ["/version", "/profile", "/x_funder"]
            .iter()
            .all(|k| named.iter().any(|w| w.contains(k))),
        "{:?}",
        report.warnings
    );
    assert!(
        !report.warnings.iter().any(|w| w.contains("County")),
        "values are not echoed"
    );
}

/// Issue 15, part 1: the official tabular data package (datapackage.json and its CSV tables)
/// imports from its folder, and gives the same listing as its tabular JSON form.
#[test]
fn the_official_csv_package_imports_and_equals_its_tabular_json() {
    let examples = repo().join("tests/fixtures/hsds-3.1/examples");
    let from_csv = TestDir::new();
    let csv_dir = from_csv.open();
    let report = csv_dir
        .import_paths(&[examples.join("csv")])
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((report.files, report.summary.added), (1, 1), "{report:?}");
    let from_json = TestDir::new();
    let json_dir = from_json.open();
    json_dir.import_paths(&[examples.join("tabular.json")]).unwrap();
    let id = "ac148810-d857-441c-9679-408f346de14b";
    let (a, b) = (
        csv_dir.listing(id).unwrap().unwrap(),
        json_dir.listing(id).unwrap().unwrap(),
    );
    assert_eq!(a.name, "Community Counselling");
    assert_eq!(a, b, "the CSV package and the tabular JSON make the same listing");
    // A CSV table named on its own says how to import it.
    let err = TestDir::new()
        .open()
        .import_paths(&[examples.join("csv/services.csv")])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("services.csv") && err.contains("datapackage.json"),
        "{err}"
    );
}

/// A folder's README, a link to nothing and a stray table are skipped with a warning naming
/// each; the listings beside them import.
#[test]
fn a_folder_skips_what_is_not_hsds_with_a_warning_naming_it() {
    let dir = TestDir::new();
    let folder = dir.tmp.path().join("feed");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("README.md"), "# Our feed\n").unwrap();
    std::os::unix::fs::symlink(folder.join("gone.json"), folder.join("broken.json")).unwrap();
    std::fs::write(
        folder.join("services.json"),
        serde_json::to_vec(&json!([service(
            "Test Pantry",
            "Fictional test service.",
            json!({"attributes": needs(&["basic.food"])})
        )]))
        .unwrap(),
    )
    .unwrap();
    let report = dir
        .open()
        .import_paths(&[folder])
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.summary.added, 1);
    let warnings = report.warnings.join("\n");
    assert!(
        warnings.contains("README.md") && warnings.contains("not HSDS"),
        "{warnings}"
    );
    assert!(
        warnings.contains("broken.json") && warnings.contains("a link to nothing"),
        "{warnings}"
    );
}

/// A malformed table refuses the whole package, naming the file and the row.
#[test]
fn a_malformed_csv_row_refuses_the_package_naming_file_and_row() {
    let dir = TestDir::new();
    let package = dir.tmp.path().join("package");
    std::fs::create_dir_all(&package).unwrap();
    std::fs::write(
        package.join("datapackage.json"),
        r#"{"resources": [{"name": "services", "path": "services.csv"}, {"name": "organizations", "path": "organizations.csv"}]}"#,
    )
    .unwrap();
    std::fs::write(
        package.join("organizations.csv"),
        "id,name,description\no1,Test Org,Fictional test organisation.\n",
    )
    .unwrap();
    std::fs::write(
        package.join("services.csv"),
        "id,organization_id,name,description,status\ns1,o1,Pantry,Fictional.,active\ns2,o1,Too,many,cells,here\n",
    )
    .unwrap();
    let directory = dir.open();
    let err = directory
        .import_paths(std::slice::from_ref(&package))
        .unwrap_err()
        .to_string();
    assert!(err.contains("services.csv") && err.contains("row 3"), "{err}");
    assert_eq!(
        directory.store.listing_ids().unwrap().len(),
        0,
        "nothing imported"
    );
    // Fixed, it imports.
    std::fs::write(
        package.join("services.csv"),
        "id,organization_id,name,description,status\ns1,o1,Pantry,Fictional.,active\n",
    )
    .unwrap();
    let report = directory
        .import_paths(&[package])
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.summary.added, 1);
    assert_eq!(directory.listing("s1").unwrap().unwrap().organization, "Test Org");
}

/// Issue 15, part 2 (JSON): an export of the shipped directory imports into an empty one as
/// the same listings, field by field; a confidential service leaves with no address and no
/// coordinates, marked by its confidential_location attribute.
#[test]
fn an_export_imports_back_as_the_same_listings_and_keeps_confidential_places_out() {
    let (_, shipped) = crate::support::shipped();
    let organisations = shipped.export_hsds().unwrap();
    let dir = TestDir::new();
    let file = dir.tmp.path().join("hsds.json");
    std::fs::write(&file, serde_json::to_vec(&organisations).unwrap()).unwrap();
    let again = dir.open();
    let report = again.import_paths(&[file]).unwrap_or_else(|e| panic!("{e}"));
    let ids = shipped.store.listing_ids().unwrap();
    assert_eq!(report.summary.added, ids.len(), "every service, once");
    let mut confidential = 0;
    for id in &ids {
        let (before, after) = (
            shipped.listing(id).unwrap().unwrap(),
            again.listing(id).unwrap().unwrap(),
        );
        assert_eq!(before, after, "{id}");
        confidential += usize::from(before.confidential);
    }
    assert!(
        confidential > 0,
        "the shipped directory has confidential listings to check"
    );
    for org in &organisations {
        for s in org["services"].as_array().unwrap() {
            let id = s["id"].as_str().unwrap();
            if !shipped.listing(id).unwrap().unwrap().confidential {
                continue;
            }
            let text = s.to_string();
            assert!(
                text.contains("confidential_location"),
                "{id} still says it is confidential"
            );
            for sal in s["service_at_locations"].as_array().into_iter().flatten() {
                let location = &sal["location"];
                assert!(
                    location.get("addresses").is_none() && location.get("latitude").is_none(),
                    "{id}: {location}"
                );
            }
        }
    }
}

/// The official examples survive the same round trip (the import validates every exported
/// record against the compiled schemas on the way back in).
#[test]
fn the_official_examples_export_and_import_back_unchanged() {
    let examples = repo().join("tests/fixtures/hsds-3.1/examples");
    for example in ["organization_full.json", "service_full.json", "csv"] {
        let first = TestDir::new();
        let directory = first.open();
        directory.import_paths(&[examples.join(example)]).unwrap();
        let file = first.tmp.path().join("hsds.json");
        std::fs::write(
            &file,
            serde_json::to_vec(&directory.export_hsds().unwrap()).unwrap(),
        )
        .unwrap();
        let second = TestDir::new();
        let again = second.open();
        again
            .import_paths(&[file])
            .unwrap_or_else(|e| panic!("{example}: {e}"));
        for id in directory.store.listing_ids().unwrap() {
            assert_eq!(
                directory.listing(&id).unwrap(),
                again.listing(&id).unwrap(),
                "{example}: {id}"
            );
        }
    }
}

/// Issue 15, part 7: files are read and written one at a time into one transaction, so a bad
/// record in a later file still leaves nothing of the earlier ones.
#[test]
fn a_bad_record_in_a_later_file_leaves_nothing_of_the_earlier_ones() {
    let dir = TestDir::new();
    let folder = dir.tmp.path().join("feed");
    std::fs::create_dir_all(&folder).unwrap();
    let good = json!([service("Early Test Pantry", "Fictional test service.", json!({}))]);
    let bad = json!([service(
        "Late Test Pantry",
        "Fictional test service.",
        json!({"status": "maybe"})
    )]);
    std::fs::write(folder.join("a.json"), serde_json::to_vec(&good).unwrap()).unwrap();
    std::fs::write(folder.join("b.json"), serde_json::to_vec(&bad).unwrap()).unwrap();
    let directory = dir.open();
    let err = directory.import_paths(&[folder]).unwrap_err().to_string();
    assert!(err.contains("b.json") && err.contains("status"), "{err}");
    assert_eq!(
        directory.store.listing_ids().unwrap().len(),
        0,
        "a.json was rolled back with b.json"
    );
}

/// Issue 15, part 2 (tabular): the shipped directory written as HSDS's tabular data package
/// (CSV tables and datapackage.json) imports back as the same listings.
#[test]
fn a_tabular_export_imports_back_as_the_same_listings() {
    let (_, shipped) = crate::support::shipped();
    let dir = TestDir::new();
    let package = dir.tmp.path().join("package");
    std::fs::create_dir_all(&package).unwrap();
    pathways::services::export::write_tabular(&shipped.export_tabular().unwrap(), &package).unwrap();
    assert!(package.join("datapackage.json").is_file() && package.join("services.csv").is_file());
    let again = dir.open();
    let report = again.import_paths(&[package]).unwrap_or_else(|e| panic!("{e}"));
    let ids = shipped.store.listing_ids().unwrap();
    assert_eq!(report.summary.added, ids.len());
    for id in &ids {
        assert_eq!(
            shipped.listing(id).unwrap().unwrap(),
            again.listing(id).unwrap().unwrap(),
            "{id}"
        );
    }
}

#[test]
fn a_service_area_drawn_as_a_geojson_polygon_is_kept_and_reaches_the_places_inside_it() {
    use pathways::search::Filters;
    use pathways::services::find::{Find, Whereabouts};
    let dir = TestDir::new();
    let directory = dir.open();
    // Around Austin, TX only (no office, no other area): before, it imported without a word
    // and was never found.
    let austin = json!({"type": "Polygon", "coordinates": [[
        [-98.0, 30.0], [-97.5, 30.0], [-97.5, 30.6], [-98.0, 30.6], [-98.0, 30.0]]]});
    let s = service(
        "Capital Area Mobile Outreach",
        "Street outreach with food and hygiene kits.",
        json!({"service_areas": [{"id": crate::support::uuid(), "extent_type": "geojson", "extent": austin.to_string()}]}),
    );
    let id = s["id"].as_str().unwrap().to_owned();
    let report = directory
        .import_paths(&[dir.write("drawn.json", &json!([s]))])
        .unwrap();
    assert_eq!(report.summary.added, 1);
    let near = |place: &str| {
        let find = Find {
            text: String::new(),
            place: Whereabouts::Typed(place.into()),
            radius_km: None,
            filters: Filters::default(),
            page: 1,
            limit: 10,
            now: jiff::Timestamp::now(),
        };
        let found = directory.find(&find).unwrap();
        found
            .results
            .hits
            .into_iter()
            .map(|h| h.listing.id.clone())
            .collect::<Vec<_>>()
    };
    directory.sync_index().unwrap();
    assert_eq!(near("Austin, TX"), [id.as_str()]);
    assert!(near("Dallas, TX").is_empty(), "Dallas is outside the polygon");
    assert!(
        near("San Antonio, TX").is_empty(),
        "and so is San Antonio, 110 km away"
    );

    // It leaves in the export as drawn, and comes back the same.
    let exported = directory.export_hsds().unwrap();
    assert!(
        serde_json::to_string(&exported)
            .unwrap()
            .contains("\"extent_type\":\"geojson\"")
    );
    let again = TestDir::new();
    let copy = again.open();
    copy.import_paths(&[again.write("hsds.json", &json!(exported))])
        .unwrap();
    assert_eq!(
        copy.listing(&id).unwrap().unwrap().area,
        directory.listing(&id).unwrap().unwrap().area
    );

    // A polygon that is no area is refused naming the record and the field, and changes nothing.
    let open_ring = json!({"type": "Polygon", "coordinates": [[[-98.0, 30.0], [-97.5, 30.0], [-97.5, 30.6], [-98.0, 30.6]]]});
    let bad = service(
        "Open Ring Outreach",
        "Outreach.",
        json!({"service_areas": [{"id": crate::support::uuid(), "extent_type": "geojson", "extent": open_ring.to_string()}]}),
    );
    let err = directory
        .import_paths(&[dir.write("bad.json", &json!([bad]))])
        .unwrap_err()
        .to_string();
    assert!(err.contains("bad.json"), "{err}");
    assert!(
        err.contains("Open Ring Outreach") || err.contains(bad["id"].as_str().unwrap()),
        "{err}"
    );
    assert!(
        err.contains("/service_areas/0/extent") && err.contains("not closed"),
        "{err}"
    );
    assert_eq!(directory.store.listing_ids().unwrap().len(), 1);

    // A GeoJSON area that is no JSON at all (a placeholder, as in HSDS's own examples) and
    // an area in a form Pathways does not read are named in warnings, not dropped silently.
    let kml = service(
        "Kml Outreach",
        "Outreach.",
        json!({"service_areas": [
            {"id": crate::support::uuid(), "extent_type": "kml", "extent": "<kml/>"},
            {"id": crate::support::uuid(), "extent_type": "geojson", "extent": "extent"}]}),
    );
    let report = directory
        .import_paths(&[dir.write("kml.json", &json!([kml]))])
        .unwrap();
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("kml areas are not read"))
            && report
                .warnings
                .iter()
                .any(|w| w.contains("/service_areas/1/extent: not GeoJSON")),
        "{:?}",
        report.warnings
    );
}

#[test]
fn an_import_tells_how_far_it_has_come_after_each_file() {
    let dir = TestDir::new();
    let directory = dir.open();
    let one = dir.write("a.json", &json!([service("A", "Food.", json!({}))]));
    let two = dir.write(
        "b.json",
        &json!([service("B", "Food.", json!({})), service("C", "Food.", json!({}))]),
    );
    let mut seen = Vec::new();
    directory
        .import_paths_showing(&[one, two], |p| {
            seen.push((
                p.files_done,
                p.files,
                p.file.file_name().unwrap().to_string_lossy().into_owned(),
                p.services,
            ))
        })
        .unwrap();
    assert_eq!(
        seen,
        [(1, 2, "a.json".to_owned(), 1), (2, 2, "b.json".to_owned(), 3)]
    );
}

#[test]
fn an_upgraded_database_maps_its_stored_records_again_once() {
    let dir = TestDir::new();
    if dir.on_postgres() {
        return;
    }
    let mut offices = crate::support::office(29.76, -95.37, "1 Main St", "Houston", "TX", "77002");
    offices.as_array_mut().unwrap().extend(
        crate::support::office(32.78, -96.80, "2 Elm St", "Dallas", "TX", "75201")
            .as_array()
            .unwrap()
            .clone(),
    );
    let s = service(
        "Two Cities Clinic",
        "Medical care.",
        json!({"service_at_locations": offices}),
    );
    let id = s["id"].as_str().unwrap().to_owned();
    {
        let directory = dir.open();
        directory
            .import_paths(&[dir.write("two.json", &json!([s]))])
            .unwrap();
        assert_eq!(directory.listing(&id).unwrap().unwrap().other_offices.len(), 1);
    }
    // As an older binary left it: its listing made without the second office, version 1.
    {
        let db = rusqlite::Connection::open(dir.data().join("pathways.db")).unwrap();
        let old: String = db
            .query_row("SELECT listing FROM services WHERE id = ?1", [&id], |r| r.get(0))
            .unwrap();
        let mut old: serde_json::Value = serde_json::from_str(&old).unwrap();
        old.as_object_mut().unwrap().remove("other_offices");
        db.execute(
            "UPDATE services SET listing = ?2 WHERE id = ?1",
            rusqlite::params![id, old.to_string()],
        )
        .unwrap();
        db.execute("UPDATE mapping_version SET value = 1", []).unwrap();
    }
    let directory = dir.open();
    let listing = directory.listing(&id).unwrap().unwrap();
    assert_eq!(listing.other_offices.len(), 1, "mapped again at the start");
    assert_eq!(
        directory.store.mapping_version().unwrap(),
        pathways::services::MAPPING_VERSION
    );
    // Once: the next start finds nothing to do.
    assert_eq!(directory.map_again_if_stale().unwrap(), 0);
}
