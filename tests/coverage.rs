//! Issue 13, coverage by county: distances against a small directory worked out by hand, the
//! page (map, table, no third-party address) and the API as JSON and CSV.

use std::sync::{Arc, OnceLock};

use pathways::services::Directory;
use pathways::services::coverage::Coverage;
use serde_json::{Value, json};

use crate::support::{TestDir, get, needs, office, service, term, uuid};

const MILE_KM: f64 = 1.609_344;

/// Houston's, Texarkana (AR)'s points in the gazetteer.
const HOUSTON: (f64, f64) = (29.7633, -95.3633);
const TEXARKANA_AR: (f64, f64) = (33.4418, -94.0377);

fn condition(code: &str) -> Value {
    term("pathways-conditions", code)
}

/// Emergency shelter in and around Texas:
/// - an unconditional shelter at Houston's very point (Harris County);
/// - one across the state line in Texarkana, Arkansas (the nearest for Bowie County, TX);
/// - a confidential shelter whose record holds an office in El Paso but which serves a
///   15 km circle around Austin: it counts by that circle only;
/// - a shelter in El Paso that requires sobriety (not unconditional: not counted);
/// - a national line (counted apart).
fn fixture() -> &'static (TestDir, Arc<Directory>) {
    static FIXTURE: OnceLock<(TestDir, Arc<Directory>)> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = TestDir::new();
        let shelter = needs(&["shelter.emergency"]);
        let mut confidential = shelter.clone();
        confidential.push(term("pathways-attributes", "confidential_location"));
        let mut sober = shelter.clone();
        sober.push(condition("sobriety"));
        let records = json!([
            service("Harris Open Beds", "Beds tonight.", json!({"attributes": shelter,
                "service_at_locations": office(HOUSTON.0, HOUSTON.1, "1 Example St", "Houston", "TX", "77002")})),
            service("Four States Shelter", "Beds tonight.", json!({"attributes": shelter,
                "service_at_locations": office(TEXARKANA_AR.0, TEXARKANA_AR.1, "2 Example St", "Texarkana", "AR", "71854")})),
            service("Quiet Harbor", "Confidential shelter.", json!({"attributes": confidential,
                "service_areas": [{"id": uuid(), "extent_type": "text", "extent": "radius:30.2672,-97.7431,15"}],
                "service_at_locations": office(31.7587, -106.4869, "3 Hidden Rd", "El Paso", "TX", "79901")})),
            service("Sober Living Beds", "Beds for the sober.", json!({"attributes": sober,
                "service_at_locations": office(31.7600, -106.4800, "4 Example St", "El Paso", "TX", "79901")})),
            service("Country Shelter Line", "Finds a bed anywhere.", json!({"attributes": shelter,
                "service_areas": [{"id": uuid(), "extent_type": "text", "extent": "US"}]})),
        ]);
        let directory = dir.open();
        directory.import_paths(&[dir.write("coverage.json", &records)]).unwrap();
        directory.sync_index().unwrap();
        (dir, Arc::new(directory))
    })
}

fn texas() -> Coverage {
    fixture().1.coverage("TX", "shelter.emergency").unwrap()
}

fn county<'a>(c: &'a Coverage, fips: &str) -> &'a pathways::domain::coverage::CountyCoverage {
    c.counties.iter().find(|k| k.fips == fips).unwrap()
}

#[test]
fn each_county_measures_its_people_to_the_nearest_unconditional_service() {
    let c = texas();
    assert_eq!(c.counties.len(), 254, "Texas has 254 counties");
    assert_eq!(c.national_lines, 1, "the national line is counted apart");

    // Harris: most of its people live in Houston, where the shelter is.
    let harris = county(&c, "48201");
    assert_eq!(harris.name, "Harris County");
    assert_eq!(harris.median_miles, Some(0.0));
    assert_eq!(harris.offices_inside, 1);
    assert!(harris.share_near > 0.9, "{harris:?}");

    // Bowie: its median person lives in Texarkana, TX; the nearest shelter is across the
    // state line in Texarkana, AR, and has no office in the county.
    let bowie = county(&c, "48037");
    let texarkana_tx = pathways::geo::Point::new(33.4251, -94.0477).unwrap();
    let across = pathways::geo::Point::new(TEXARKANA_AR.0, TEXARKANA_AR.1).unwrap();
    let expected = texarkana_tx.distance_km(across) / MILE_KM;
    let median = bowie.median_miles.unwrap();
    assert!((median - expected).abs() < 0.05, "{median} vs {expected}");
    assert_eq!(bowie.offices_inside, 0);

    // Travis: Austin is inside the confidential shelter's circle.
    let travis = county(&c, "48453");
    assert_eq!(travis.median_miles, Some(0.0), "{travis:?}");
    assert_eq!(travis.offices_inside, 0, "a confidential shelter shows no office");

    // El Paso: the confidential shelter's hidden office and the conditional shelter both
    // stand there, and neither counts; the nearest counted service is hundreds of miles off.
    let el_paso = county(&c, "48141");
    assert_eq!(el_paso.offices_inside, 0, "{el_paso:?}");
    assert!(el_paso.median_miles.unwrap() > 400.0, "{el_paso:?}");
    assert_eq!(el_paso.share_near, 0.0);
}

#[test]
fn a_need_with_no_service_leaves_every_county_without_one_and_bad_questions_are_refused() {
    let directory = &fixture().1;
    let c = directory.coverage("tx", "legal.immigration").unwrap();
    assert!(c.counties.iter().all(|k| k.median_miles.is_none()));
    let e = directory.coverage("ZZ", "shelter.emergency").unwrap_err();
    assert!(e.to_string().contains("\"ZZ\" is not a US state"), "{e}");
    let e = directory.coverage("TX", "beds").unwrap_err();
    assert!(e.to_string().contains("\"beds\" is not a need code"), "{e}");
}

#[tokio::test]
async fn the_page_draws_the_counties_and_tables_the_same_numbers_with_no_third_party_address() {
    let directory = &fixture().1;
    for lang in ["", "/es"] {
        let r = get(
            directory,
            &format!("{lang}/coverage?state=TX&need=shelter.emergency"),
        )
        .await;
        assert_eq!(r.status, 200);
        let page = r.text();
        assert!(page.contains(r#"<svg class="map""#) && page.contains(r#"aria-hidden="true""#));
        assert_eq!(page.matches("<path ").count(), 254, "a path a county");
        assert_eq!(page.matches(r#"<th scope="row">"#).count(), 254, "a row a county");
        assert!(page.contains("Harris County"));
        // No tile, script or image from elsewhere: the only absolute address is the quick
        // exit's neutral site.
        assert!(!page.contains("src=\"http") && !page.contains("<script src=\"http"));
        let absolute: Vec<&str> = page
            .match_indices("http")
            .map(|(i, _)| &page[i..i + 30])
            .collect();
        assert!(
            absolute
                .iter()
                .all(|a| a.starts_with("https://www.weather.gov") || a.starts_with("http://www.w3.org")),
            "{absolute:?}"
        );
    }
    let es = get(directory, "/es/coverage?state=TX&need=shelter.emergency")
        .await
        .text();
    assert!(
        es.contains("Refugio de emergencia en Texas") || es.contains(" en Texas"),
        "Spanish title"
    );
    assert!(es.contains("Condado"));

    // A question left half-asked, or about nowhere: the form again with a message, 400.
    let r = get(directory, "/coverage?state=TX&need=").await;
    assert_eq!(r.status, 400);
    assert!(r.text().contains("Choose a need."));
    let r = get(directory, "/coverage?state=ZZ&need=shelter.emergency").await;
    assert_eq!(r.status, 400);
    assert!(r.text().contains("is not a US state"));
    // The form alone.
    assert_eq!(get(directory, "/coverage").await.status, 200);
}

#[tokio::test]
async fn the_api_answers_in_json_and_csv_and_they_agree() {
    let directory = &fixture().1;
    let json = get(directory, "/api/v1/coverage?state=TX&need=shelter.emergency").await;
    assert_eq!(json.status, 200);
    let body = json.json();
    assert_eq!(body["state"], "TX");
    assert_eq!(body["national_lines"], 1);
    let counties = body["counties"].as_array().unwrap();
    assert_eq!(counties.len(), 254);
    let csv = get(
        directory,
        "/api/v1/coverage?state=TX&need=shelter.emergency&format=csv",
    )
    .await;
    assert_eq!(csv.status, 200);
    let text = csv.text();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "fips",
            "county",
            "people",
            "median_miles",
            "share_within_25_miles",
            "offices_in_county"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), counties.len());
    for (row, county) in rows.iter().zip(counties) {
        assert_eq!(row[0], county["fips"].as_str().unwrap().to_owned());
        assert_eq!(row[1], county["name"].as_str().unwrap().to_owned());
        assert_eq!(row[2].parse::<u64>().unwrap(), county["people"].as_u64().unwrap());
        match county["median_miles"].as_f64() {
            Some(m) => assert_eq!(row[3].parse::<f64>().unwrap(), m),
            None => assert_eq!(&row[3], ""),
        }
        assert_eq!(
            row[4].parse::<f64>().unwrap(),
            county["share_within_25_miles"].as_f64().unwrap()
        );
    }
    for (uri, parameter) in [
        ("/api/v1/coverage?state=ZZ&need=shelter.emergency", "state"),
        ("/api/v1/coverage?state=TX&need=nope", "need"),
        (
            "/api/v1/coverage?state=TX&need=shelter.emergency&format=xml",
            "format",
        ),
        (
            "/api/v1/coverage?state=TX&need=shelter.emergency&county=x",
            "county",
        ),
    ] {
        let r = get(directory, uri).await;
        assert_eq!(r.status, 400, "{uri}");
        assert!(r.text().contains(parameter), "{uri}: {}", r.text());
    }
}
