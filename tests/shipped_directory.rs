//! The shipped directory: every record valid HSDS 3.1, the coverage the sample promises,
//! fictional numbers for fictional services, real numbers for the real national hotlines.

use std::collections::{HashMap, HashSet};

use pathways::domain::Taxonomy;
use serde_json::Value;

use crate::support::{repo, shipped};

fn compiled(name: &str) -> jsonschema::Validator {
    let path = repo().join(format!("tests/fixtures/hsds-3.1/schema/compiled/{name}.json"));
    let schema: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

/// (file name, organisation, services) for every organisation shipped.
fn organisations() -> Vec<(String, Value, Vec<Value>)> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(repo().join("directory/listings"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for f in files
        .into_iter()
        .filter(|f| f.extension().is_some_and(|x| x == "json"))
    {
        let orgs: Vec<Value> = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
        for org in orgs {
            let services = org["services"].as_array().cloned().unwrap_or_default();
            out.push((
                f.file_name().unwrap().to_string_lossy().into_owned(),
                org,
                services,
            ));
        }
    }
    out
}

#[test]
fn every_shipped_record_validates_against_the_hsds_schema() {
    let (service_schema, org_schema) = (compiled("service"), compiled("organization"));
    let mut errors = Vec::new();
    for (file, org, services) in organisations() {
        for e in org_schema.iter_errors(&org).take(3) {
            errors.push(format!("{file} org {}: {} {}", org["id"], e.instance_path(), e));
        }
        for s in services {
            for e in service_schema.iter_errors(&s).take(3) {
                errors.push(format!("{file} service {}: {} {}", s["id"], e.instance_path(), e));
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn the_sample_is_big_and_varied_enough() {
    let (_, directory) = shipped();
    let orgs = organisations();
    let services: Vec<&Value> = orgs.iter().flat_map(|(_, _, s)| s).collect();
    assert!(services.len() >= 150, "{} services", services.len());
    assert!(orgs.len() >= 70, "{} organisations", orgs.len());
    // Coverage of needs as Pathways reads them (terms, crosswalk or inference).
    let mut per_need: HashMap<String, (usize, usize)> = HashMap::new();
    let mut listings = Vec::new();
    directory.store.for_each_listing(|l| listings.push(l)).unwrap();
    for l in &listings {
        for n in &l.needs {
            let e = per_need.entry(n.clone()).or_default();
            e.0 += 1;
            if l.is_unconditional() {
                e.1 += 1;
            }
        }
    }
    for need in &Taxonomy::builtin().needs {
        let (all, unconditional) = per_need.get(&need.code).copied().unwrap_or_default();
        assert!(all >= 5, "{} is covered {all} times", need.code);
        assert!(
            unconditional >= 2,
            "{} has {unconditional} unconditional services",
            need.code
        );
    }
    let count = |f: &dyn Fn(&pathways::domain::Listing) -> bool| listings.iter().filter(|l| f(l)).count();
    assert!(count(&|l| l.languages.iter().any(|x| x == "es")) >= 20);
    assert!(count(&|l| l.max_age.is_some_and(|a| a < 25)) >= 3, "youth-only");
    assert!(count(&|l| l.min_age == Some(18)) >= 3, "adults-only");
    assert!(count(&|l| l.capacity.is_some()) >= 10);
    assert!(count(&|l| l.confidential) >= 5);
    assert!(count(&|l| l.phone_only) >= 5);
    assert!(count(&|l| !l.area.states.is_empty()) >= 2, "statewide");
    assert!(count(&|l| l.area.national) >= 7, "national");
    assert!(
        count(&|l| l.needs_inferred) >= 5,
        "records without terms exercise inference"
    );
    let verified: HashSet<&str> = listings.iter().filter_map(|l| l.verified.as_deref()).collect();
    assert!(
        verified.iter().any(|d| *d >= "2026-11-01") && verified.iter().any(|d| *d < "2025-11-01"),
        "fresh to over a year old"
    );
    let metros: HashSet<String> = listings
        .iter()
        .filter_map(|l| l.office.as_ref())
        .map(|o| o.address.last().cloned().unwrap_or_default())
        .filter_map(|line| line.split(", ").nth(1).map(|s| s[..2].to_owned()))
        .collect();
    assert!(metros.len() >= 6, "states with offices: {metros:?}");
}

#[test]
fn sample_organisations_say_so_and_use_fictional_numbers() {
    for (file, org, services) in organisations() {
        let real = file == "national-hotlines.json";
        let marked = org["attributes"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|a| a["taxonomy_term"]["code"] == "sample_data");
        assert_eq!(marked, !real, "{file}: {}", org["name"]);
        if real {
            continue;
        }
        assert!(
            org["description"]
                .as_str()
                .unwrap()
                .starts_with("Fictional sample listing."),
            "{}",
            org["name"]
        );
        let text = serde_json::to_string(&services).unwrap();
        for number in text
            .split("\"number\":\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
        {
            let digits: String = number.chars().filter(|c| c.is_ascii_digit()).collect();
            assert!(
                digits.len() == 10 && &digits[3..6] == "555" && &digits[6..8] == "01",
                "{file}: {number} is not 555-01xx"
            );
        }
    }
}

#[test]
fn the_national_hotlines_have_their_real_numbers() {
    let (_, directory) = shipped();
    let mut listings = Vec::new();
    directory.store.for_each_listing(|l| listings.push(l)).unwrap();
    for (name_part, digits) in [
        ("Human Trafficking", "8883737888"),
        ("988", "988"),
        ("Domestic Violence", "8007997233"),
        ("Runaway", "8007862929"),
        ("Missing", "8008435678"),
        ("SAMHSA", "8006624357"),
        ("RAINN", "8006564673"),
    ] {
        let found = listings.iter().any(|l| {
            !l.sample
                && (l.name.contains(name_part) || l.organization.contains(name_part))
                && l.phones.iter().any(|p| {
                    p.number
                        .chars()
                        .filter(|c| c.is_ascii_digit())
                        .collect::<String>()
                        .ends_with(digits)
                })
        });
        assert!(found, "{name_part} hotline with {digits}");
    }
}

#[tokio::test]
async fn the_start_page_lists_every_real_hotline_and_no_sample() {
    let (_, directory) = shipped();
    let page = crate::support::get(directory, "/").await.text();
    for number in [
        "1-888-373-7888",
        "988",
        "1-800-799-7233",
        "1-800-786-2929",
        "1-800-843-5678",
        "1-800-662-4357",
        "1-800-656-4673",
    ] {
        assert!(page.contains(number), "{number} missing from the start page");
    }
    assert!(!page.contains("555-01"), "a fictional number on the hotline list");
}

/// Issue 16, tried on the shipped directory near Houston: a national hotline asked for by name
/// or role is the first hit; "shelter" puts the shelter with no conditions before the one that
/// requires sobriety and chapel; "national" is a word, not a misspelling of "optional".
#[test]
fn asked_for_by_name_or_role_the_hotline_comes_first_and_a_bed_one_can_get_leads() {
    use pathways::geo::Point;
    use pathways::search::Filters;
    use pathways::services::find::{Find, Whereabouts};
    let directory = &shipped().1;
    let houston = Whereabouts::Point(Point::new(29.7604, -95.3698).unwrap());
    let first = |text: &str| {
        let found = directory
            .find(&Find {
                text: text.into(),
                place: houston.clone(),
                radius_km: None,
                filters: Filters::default(),
                page: 1,
                limit: 5,
                now: jiff::Timestamp::now(),
            })
            .unwrap();
        (found.results.hits, found.results.corrections)
    };
    for (query, hotline) in [
        ("trafficking hotline", "National Human Trafficking Hotline"),
        (
            "I was trafficked and need help",
            "National Human Trafficking Hotline",
        ),
        (
            "national domestic violence hotline",
            "National Domestic Violence Hotline",
        ),
        ("988", "988 Suicide & Crisis Lifeline"),
        ("runaway", "National Runaway Safeline"),
    ] {
        let (hits, corrections) = first(query);
        assert_eq!(hits[0].listing.name, hotline, "{query}");
        assert!(corrections.is_empty(), "{query}: {corrections:?}");
    }
    // The overnight shelter 0.8 km away requires sobriety and chapel; the one serving the
    // city asks neither (its staff are mandated reporters, which it says).
    let (hits, _) = first("shelter");
    let names: Vec<&str> = hits.iter().map(|h| h.listing.name.as_str()).collect();
    assert_eq!(names[0], "Emergency Shelter for Women and Children", "{names:?}");
    assert!(
        names.contains(&"Women's Overnight Shelter"),
        "still shows, lower: {names:?}"
    );
}

/// Issue 16: the Spanish hotline page is in Spanish — each line says what it is for and how to
/// reach it in Spanish, never the providers' English ("Call 988, 24/7").
#[tokio::test]
async fn the_spanish_hotlines_page_has_no_english_notes() {
    let (_, directory) = shipped();
    let es = crate::support::get(directory, "/es/hotlines").await.text();
    assert!(
        es.contains("988") && es.contains("Llamada · de día y de noche"),
        "{es}"
    );
    // (Names stay as they are: "NCMEC 24-Hour Call Center" is a name.)
    for english in ["Call 988", "Call 24/7", "Text ", "24/7"] {
        assert!(!es.contains(english), "{english:?} on /es/hotlines");
    }
    let en = crate::support::get(directory, "/hotlines").await.text();
    assert!(
        en.contains("Call 988, 24/7"),
        "the English page keeps the providers' words"
    );
}
