//! Search around a place with filters: radius, service areas (statewide, national,
//! confidential circles), conditions, ages, languages, cost, capacity, walk-in, 24/7 and
//! "open now" in the service's own time zone, past midnight included.

use std::sync::{Arc, OnceLock};

use pathways::domain::Condition;
use pathways::geo::Point;
use pathways::search::Filters;
use pathways::services::Directory;
use pathways::services::find::{Find, Whereabouts};
use serde_json::{Value, json};

use crate::support::{TestDir, needs, office, service, term, term_value, uuid};

const HOUSTON: (f64, f64) = (29.7604, -95.3698);

fn with(mut attributes: Vec<Value>, extra: &[Value]) -> Vec<Value> {
    attributes.extend(extra.iter().cloned());
    attributes
}

fn weekly(byday: &str, opens: &str, closes: &str) -> Value {
    json!([{"id": uuid(), "freq": "WEEKLY", "byday": byday, "opens_at": opens, "closes_at": closes}])
}

/// A small directory with one service per behaviour under test.
pub fn fixture() -> &'static (TestDir, Arc<Directory>) {
    static F: OnceLock<(TestDir, Arc<Directory>)> = OnceLock::new();
    F.get_or_init(|| {
        let dir = TestDir::new();
        let c = |code| term("pathways-conditions", code);
        let a = |code| term("pathways-attributes", code);
        let mut records = vec![
            service("Bayou Open Door Shelter", "Emergency beds, no questions asked.", json!({
                "attributes": with(needs(&["shelter.emergency"]), &[a("walk_in"), a("open_24_7")]),
                "languages": [{"id": uuid(), "code": "es"}], "schedules": weekly("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59"),
                "service_at_locations": office(29.7633, -95.3633, "100 Example St", "Houston", "TX", "77002")})),
            service("Police Partnership Shelter", "Emergency beds for people who file a report.", json!({
                "attributes": with(needs(&["shelter.emergency"]), &[c("police_report")]), "minimum_age": 18,
                "service_at_locations": office(29.70, -95.40, "2 Example St", "Houston", "TX", "77025")})),
            service("Youth Drop-In Night Shelter", "Overnight beds for young people.", json!({
                "attributes": with(needs(&["shelter.emergency"]), &[a("walk_in")]), "maximum_age": 24,
                "schedules": weekly("FR,SA", "20:00", "07:00"),
                "service_at_locations": office(29.80, -95.40, "3 Example St", "Houston", "TX", "77008")})),
            service("Katy Family Shelter", "Emergency beds for families, about 45 km west.", json!({
                "attributes": needs(&["shelter.emergency"]),
                "service_at_locations": office(29.7858, -95.8245, "4 Example St", "Katy", "TX", "77494")})),
            service("Full House Shelter", "Emergency beds.", json!({
                "attributes": needs(&["shelter.emergency"]),
                "capacities": [{"id": uuid(), "unit": {"id": uuid(), "name": "beds"}, "available": 0, "maximum": 12, "updated": "2026-11-20T00:00:00Z"}],
                "service_at_locations": office(29.75, -95.36, "5 Example St", "Houston", "TX", "77002")})),
            service("Paid Counselling Practice", "Trauma therapy, sliding fee.", json!({
                "attributes": with(needs(&["health.therapy"]), &[c("fee")]),
                "schedules": weekly("MO,TU,WE,TH,FR", "09:00", "17:00"),
                "service_at_locations": office(29.74, -95.39, "6 Example St", "Houston", "TX", "77006")})),
            service("Dallas Community Pantry", "Groceries.", json!({"attributes": needs(&["basic.food"]),
                "service_at_locations": office(32.7767, -96.7970, "7 Example St", "Dallas", "TX", "75201")})),
            service("Texas Statewide Legal Line", "Phone legal help.", json!({
                "attributes": with(needs(&["legal.victim_rights"]), &[a("phone_only")]),
                "service_areas": [{"id": uuid(), "extent_type": "text", "extent": "US-TX"}]})),
            service("Texas Daytime Benefits Line", "Phone help with benefits, weekdays.", json!({
                "attributes": with(needs(&["advocacy.case_management"]), &[a("phone_only")]),
                "schedules": weekly("MO,TU,WE,TH,FR", "09:00", "17:00"),
                "service_areas": [{"id": uuid(), "extent_type": "text", "extent": "US-TX"}]})),
            service("Two Cities Street Outreach", "Outreach teams in Dallas and in central Houston.", json!({
                "attributes": needs(&["advocacy.case_management"]),
                "service_areas": [{"id": uuid(), "extent_type": "text", "extent": "radius:32.7767,-96.7970,80"},
                                  {"id": uuid(), "extent_type": "text", "extent": "radius:29.7604,-95.3698,20"}]})),
            service("National Helpline", "Phone support anywhere in the country.", json!({
                "attributes": with(needs(&["safety.planning"]), &[a("phone_only"), a("open_24_7")]),
                "service_areas": [{"id": uuid(), "extent_type": "text", "extent": "US"}]})),
            service("Hidden Harbor Safe House", "Confidential emergency shelter.", json!({
                "attributes": with(needs(&["shelter.emergency"]), &[a("confidential_location"), term_value("pathways-attributes", "genders", "women")]),
                "service_areas": [{"id": uuid(), "extent_type": "text", "extent": "radius:29.7604,-95.3698,60"}],
                "phones": [{"id": uuid(), "number": "713-555-0199", "description": "24-hour intake"}],
                // Canaries: the record holds the real place; nothing public may show it.
                "service_at_locations": office(29.801234, -95.401234, "12 Canary Hideaway Road", "Houston", "TX", "77099")})),
        ];
        let mut seattle = service("Seattle Evening Clinic", "Medical care in the evening.", json!({
            "attributes": needs(&["health.medical"]), "schedules": weekly("TU", "18:00", "22:00"),
            "service_at_locations": office(47.6062, -122.3321, "8 Example St", "Seattle", "WA", "98101")}));
        seattle["assured_date"] = json!("2026-11-01");
        records.push(seattle);
        let directory = dir.open();
        directory.import_paths(&[dir.write("fixture.json", &json!(records))]).unwrap();
        directory.sync_index().unwrap();
        (dir, Arc::new(directory))
    })
}

fn find(text: &str, place: Whereabouts, filters: Filters) -> Find {
    Find {
        text: text.into(),
        place,
        radius_km: None,
        filters,
        page: 1,
        limit: 50,
        now: jiff::Timestamp::now(),
    }
}

fn houston() -> Whereabouts {
    Whereabouts::Point(Point::new(HOUSTON.0, HOUSTON.1).unwrap())
}

fn names(f: &Find) -> Vec<String> {
    let found = fixture().1.find(f).unwrap();
    found
        .results
        .hits
        .into_iter()
        .map(|h| h.listing.name.clone())
        .collect()
}

/// Names found around central Houston for `text` with `filters`.
fn around_houston(text: &str, filters: Filters) -> Vec<String> {
    names(&find(text, houston(), filters))
}

fn has(names: &[String], name: &str) -> bool {
    names.iter().any(|n| n == name)
}

#[test]
fn a_place_keeps_nearby_offices_and_services_whose_area_covers_it() {
    let n = names(&find("", houston(), Filters::default()));
    for expected in [
        "Bayou Open Door Shelter",
        "Texas Statewide Legal Line",
        "National Helpline",
        "Hidden Harbor Safe House",
    ] {
        assert!(has(&n, expected), "{expected} missing from {n:?}");
    }
    assert!(!has(&n, "Dallas Community Pantry"), "Dallas is 360 km away");
    assert!(
        has(&n, "Two Cities Street Outreach"),
        "its smaller circle covers Houston"
    );
    assert!(
        !has(&n, "Katy Family Shelter"),
        "Katy is beyond the 40 km default"
    );
    assert!(!has(&n, "Seattle Evening Clinic"));

    let dallas = names(&find(
        "",
        Whereabouts::Typed("Dallas, TX".into()),
        Filters::default(),
    ));
    assert!(has(&dallas, "Dallas Community Pantry") && has(&dallas, "Texas Statewide Legal Line"));
    assert!(
        !has(&dallas, "Hidden Harbor Safe House"),
        "its circle does not reach Dallas"
    );

    let seattle = names(&find("", Whereabouts::Typed("98101".into()), Filters::default()));
    assert!(has(&seattle, "National Helpline") && has(&seattle, "Seattle Evening Clinic"));
    assert!(
        !has(&seattle, "Texas Statewide Legal Line"),
        "a Texas line does not serve Washington"
    );
}

#[test]
fn the_radius_widens_and_narrows_the_search() {
    let mut f = find("", houston(), Filters::default());
    f.radius_km = Some(60.0);
    assert!(has(&names(&f), "Katy Family Shelter"));
    f.radius_km = Some(1.0);
    let n = names(&f);
    assert!(has(&n, "Bayou Open Door Shelter"), "0.8 km away: {n:?}");
    assert!(!has(&n, "Police Partnership Shelter"), "7 km away");
}

#[test]
fn hits_carry_distance_and_nearer_ranks_first_at_equal_relevance() {
    let found = fixture()
        .1
        .find(&find("emergency beds", houston(), Filters::default()))
        .unwrap();
    let hit = found
        .results
        .hits
        .iter()
        .find(|h| h.listing.name == "Bayou Open Door Shelter")
        .unwrap();
    assert!(hit.distance_km.unwrap() < 1.5);
    let confidential = found
        .results
        .hits
        .iter()
        .find(|h| h.listing.name == "Hidden Harbor Safe House")
        .unwrap();
    assert!(confidential.distance_km.is_none() && confidential.reaches_by_area);
    let pos = |n: &str| {
        found
            .results
            .hits
            .iter()
            .position(|h| h.listing.name == n)
            .unwrap()
    };
    assert!(pos("Bayou Open Door Shelter") < pos("Police Partnership Shelter"));
}

#[test]
fn condition_filters_hide_conditional_services() {
    let all = names(&find("shelter", houston(), Filters::default()));
    assert!(has(&all, "Police Partnership Shelter"));
    let none = around_houston(
        "shelter",
        Filters {
            no_conditions: true,
            ..Filters::default()
        },
    );
    assert!(!has(&none, "Police Partnership Shelter") && has(&none, "Bayou Open Door Shelter"));
    let without = around_houston(
        "",
        Filters {
            without: vec![Condition::PoliceReport],
            ..Filters::default()
        },
    );
    assert!(!has(&without, "Police Partnership Shelter") && has(&without, "Paid Counselling Practice"));
    let free = around_houston(
        "",
        Filters {
            free: true,
            ..Filters::default()
        },
    );
    assert!(!has(&free, "Paid Counselling Practice") && has(&free, "Police Partnership Shelter"));
}

#[test]
fn age_language_capacity_walk_in_and_24_7_filters() {
    let minor = around_houston(
        "shelter",
        Filters {
            age: Some(16),
            ..Filters::default()
        },
    );
    assert!(has(&minor, "Youth Drop-In Night Shelter") && !has(&minor, "Police Partnership Shelter"));
    let adult = around_houston(
        "shelter",
        Filters {
            age: Some(30),
            ..Filters::default()
        },
    );
    assert!(!has(&adult, "Youth Drop-In Night Shelter") && has(&adult, "Police Partnership Shelter"));
    let spanish = around_houston(
        "",
        Filters {
            language: Some("es".into()),
            ..Filters::default()
        },
    );
    assert_eq!(spanish, vec!["Bayou Open Door Shelter"]);
    let accepting = around_houston(
        "shelter",
        Filters {
            accepting: true,
            ..Filters::default()
        },
    );
    assert!(!has(&accepting, "Full House Shelter") && has(&accepting, "Bayou Open Door Shelter"));
    let walk_in = around_houston(
        "",
        Filters {
            walk_in: true,
            ..Filters::default()
        },
    );
    assert!(has(&walk_in, "Youth Drop-In Night Shelter") && !has(&walk_in, "Police Partnership Shelter"));
    let always = around_houston(
        "",
        Filters {
            open_24_7: true,
            ..Filters::default()
        },
    );
    assert!(has(&always, "Bayou Open Door Shelter") && has(&always, "National Helpline"));
    assert!(!has(&always, "Paid Counselling Practice"));
    let needs_filter = around_houston(
        "",
        Filters {
            needs: vec!["health.therapy".into()],
            ..Filters::default()
        },
    );
    assert_eq!(needs_filter, vec!["Paid Counselling Practice"]);
}

fn open_at(when: &str, place: Whereabouts) -> Vec<String> {
    let mut f = find(
        "",
        place,
        Filters {
            open_now: true,
            ..Filters::default()
        },
    );
    f.now = when.parse::<jiff::ZonedDateTime>().unwrap().timestamp();
    names(&f)
}

#[test]
fn open_now_uses_each_services_time_zone_and_runs_past_midnight() {
    // Tuesday 2026-12-01, 10:00 in Houston.
    let n = open_at("2026-12-01T10:00:00[America/Chicago]", houston());
    assert!(
        has(&n, "Paid Counselling Practice") && has(&n, "Bayou Open Door Shelter"),
        "{n:?}"
    );
    assert!(!has(&n, "Youth Drop-In Night Shelter"));
    // Tuesday 18:00 Houston: the office is closed.
    let n = open_at("2026-12-01T18:00:00[America/Chicago]", houston());
    assert!(!has(&n, "Paid Counselling Practice"));
    // Saturday 03:00: the Friday-night drop-in is still open.
    let n = open_at("2026-12-05T03:00:00[America/Chicago]", houston());
    assert!(has(&n, "Youth Drop-In Night Shelter"), "{n:?}");
    // Sunday 08:00: it closed at 07:00.
    let n = open_at("2026-12-06T08:00:00[America/Chicago]", houston());
    assert!(!has(&n, "Youth Drop-In Night Shelter"));
    // 19:00 in Seattle is 21:00 in Houston: the Seattle clinic (Tue 18–22 Pacific) is open.
    let seattle = Whereabouts::Typed("Seattle, WA".into());
    assert!(has(
        &open_at("2026-12-01T21:00:00[America/Chicago]", seattle.clone()),
        "Seattle Evening Clinic"
    ));
    assert!(
        !has(
            &open_at("2026-12-01T18:00:00[America/Chicago]", seattle),
            "Seattle Evening Clinic"
        ),
        "16:00 in Seattle"
    );
}

#[test]
fn open_now_is_judged_in_the_services_zone_not_the_searchers() {
    // El Paso keeps Mountain time; the statewide line keeps Texas's Central time.
    let el_paso = Whereabouts::Typed("El Paso, TX".into());
    // 16:30 in El Paso is 17:30 in Houston: the line has closed.
    assert!(!has(
        &open_at("2026-12-01T16:30:00[America/Denver]", el_paso.clone()),
        "Texas Daytime Benefits Line"
    ));
    // 15:30 in El Paso is 16:30 in Houston: still open.
    assert!(has(
        &open_at("2026-12-01T15:30:00[America/Denver]", el_paso),
        "Texas Daytime Benefits Line"
    ));
}

#[test]
fn hits_show_todays_hours_in_the_services_zone() {
    let mut f = find("counselling", houston(), Filters::default());
    f.now = "2026-12-01T10:00:00[America/Chicago]"
        .parse::<jiff::ZonedDateTime>()
        .unwrap()
        .timestamp();
    let found = fixture().1.find(&f).unwrap();
    let hit = found
        .results
        .hits
        .iter()
        .find(|h| h.listing.name == "Paid Counselling Practice")
        .unwrap();
    assert_eq!(hit.hours_today, vec!["09:00–17:00"]);
    assert_eq!(hit.open_now, Some(true));
    f.now = "2026-12-05T10:00:00[America/Chicago]"
        .parse::<jiff::ZonedDateTime>()
        .unwrap()
        .timestamp();
    let found = fixture().1.find(&f).unwrap();
    let hit = found
        .results
        .hits
        .iter()
        .find(|h| h.listing.name == "Paid Counselling Practice")
        .unwrap();
    assert!(hit.hours_today.is_empty(), "closed on Saturday");
    assert_eq!(hit.open_now, Some(false));
}

#[test]
fn pages_do_not_overlap() {
    let mut f = find("", houston(), Filters::default());
    let all = names(&f);
    f.limit = 3;
    let first = names(&f);
    f.page = 2;
    let second = names(&f);
    assert_eq!(first.len(), 3);
    assert!(!second.is_empty(), "page 2 is empty; all: {all:?}");
    assert!(
        first.iter().all(|n| !second.contains(n)),
        "{first:?} / {second:?}"
    );
    // Together they are the first results of one long page, in order.
    let shown = [first, second].concat();
    assert_eq!(shown, all[..shown.len()]);
}

#[test]
fn strange_queries_are_never_errors() {
    for q in [
        "\"unclosed",
        "AND OR NOT",
        "+-+-",
        "name:(",
        "*",
        "ñ́",
        "a]b[c",
        &"x".repeat(2000),
    ] {
        assert!(
            fixture().1.find(&find(q, houston(), Filters::default())).is_ok(),
            "{q}"
        );
    }
}

/// Issue 16, "a bed they can get first": near Houston, a shelter reporting 0 of 60 beds that
/// requires sobriety and chapel — nearer, and with more of the query's words — used to come
/// first; a shelter with beds free and no conditions comes first now. The full one still shows.
#[test]
fn a_bed_they_can_get_comes_before_a_full_shelter_with_conditions() {
    let dir = TestDir::new();
    let c = |code| term("pathways-conditions", code);
    let beds = |available: u32, maximum: u32| {
        json!([{"id": uuid(), "unit": {"id": uuid(), "name": "beds"}, "available": available,
            "maximum": maximum, "updated": "2026-12-01T00:00:00Z"}])
    };
    let records = json!([
        service(
            "Harbor Light Shelter",
            "Emergency shelter: shelter beds for the night, shelter meals.",
            json!({
            "attributes": with(needs(&["shelter.emergency"]), &[c("sobriety"), c("faith")]),
            "capacities": beds(0, 60),
            "service_at_locations": office(29.7610, -95.3650, "10 Example St", "Houston", "TX", "77002")})
        ),
        service(
            "Open Arms Night Shelter",
            "Emergency beds.",
            json!({
            "attributes": needs(&["shelter.emergency"]),
            "capacities": beds(4, 20),
            "service_at_locations": office(29.7800, -95.3900, "11 Example St", "Houston", "TX", "77007")})
        ),
    ]);
    let directory = dir.open();
    directory
        .import_paths(&[dir.write("beds.json", &records)])
        .unwrap();
    directory.sync_index().unwrap();
    let found = directory
        .find(&find("shelter", houston(), Filters::default()))
        .unwrap();
    let order: Vec<(String, Option<f64>)> = found
        .results
        .hits
        .into_iter()
        .map(|h| (h.listing.name.clone(), h.distance_km))
        .collect();
    assert_eq!(order[0].0, "Open Arms Night Shelter", "{order:?}");
    assert_eq!(order[1].0, "Harbor Light Shelter", "{order:?}");
    assert!(order[1].1 < order[0].1, "the full one is nearer: {order:?}");
}

/// Issue 16: who a search is for, from its words — said of the person or of the service
/// ("im a guy", "shelter for women") — and who a service is for, from its genders attribute
/// or else its name ("Men's Emergency Beds"): a service only for another gender is left out;
/// one for everyone always stays, and one made for who asked comes before it.
#[test]
fn a_search_said_for_a_gender_leaves_out_services_only_for_another() {
    let dir = TestDir::new();
    let records = json!([
        service(
            "Men's Emergency Beds",
            "Beds for the night.",
            json!({
            "attributes": needs(&["shelter.emergency"]),
            "service_at_locations": office(29.7800, -95.3800, "20 Example St", "Houston", "TX", "77007")})
        ),
        service(
            "Transitional Living for Moms",
            "Beds for the night and a home after.",
            json!({
            "attributes": needs(&["shelter.emergency"]),
            "service_at_locations": office(29.7615, -95.3655, "23 Example St", "Houston", "TX", "77002")})
        ),
        service(
            "Women's Night Shelter",
            "Beds for the night.",
            json!({
            "attributes": needs(&["shelter.emergency"]),
            "service_at_locations": office(29.7700, -95.3700, "21 Example St", "Houston", "TX", "77002")})
        ),
        service(
            "Open Door Beds",
            "Beds for the night for anyone.",
            json!({
            "attributes": needs(&["shelter.emergency"]),
            "service_at_locations": office(29.7620, -95.3660, "22 Example St", "Houston", "TX", "77002")})
        ),
    ]);
    let directory = dir.open();
    directory
        .import_paths(&[dir.write("genders.json", &records)])
        .unwrap();
    directory.sync_index().unwrap();
    let names = |text: &str| -> Vec<String> {
        let found = directory
            .find(&find(text, houston(), Filters::default()))
            .unwrap();
        found
            .results
            .hits
            .into_iter()
            .map(|h| h.listing.name.clone())
            .collect()
    };
    let guy = names("im a guy i need a bed tonight");
    assert!(
        has(&guy, "Men's Emergency Beds") && has(&guy, "Open Door Beds"),
        "{guy:?}"
    );
    assert!(!has(&guy, "Women's Night Shelter"), "{guy:?}");
    assert!(
        !has(&guy, "Transitional Living for Moms"),
        "a home for mothers: {guy:?}"
    );
    // Made for who asked comes first: the men's beds, though farther than the open ones.
    assert_eq!(guy[0], "Men's Emergency Beds", "{guy:?}");
    assert_eq!(names("i need a bed tonight")[0], "Open Door Beds");
    let women = names("shelter for women");
    assert!(
        !has(&women, "Men's Emergency Beds") && has(&women, "Open Door Beds"),
        "{women:?}"
    );
    assert_eq!(names("shelter").len(), 4);
    // A gender word said of someone else narrows nothing.
    assert_eq!(names("some guy took my phone, i need a bed").len(), 4);
}

/// Issue 15, part 6: a service with offices in two cities is found near each, and its card
/// shows the nearest office's city and how many more locations it has.
#[tokio::test]
async fn every_office_counts_and_the_card_says_how_many_more() {
    let dir = TestDir::new();
    let directory = std::sync::Arc::new(dir.open());
    let mut offices = office(29.76, -95.37, "1 Main St", "Houston", "TX", "77002");
    offices.as_array_mut().unwrap().extend(
        office(32.78, -96.80, "2 Elm St", "Dallas", "TX", "75201")
            .as_array()
            .unwrap()
            .clone(),
    );
    offices.as_array_mut().unwrap().extend(
        office(30.27, -97.74, "3 Oak St", "Austin", "TX", "78701")
            .as_array()
            .unwrap()
            .clone(),
    );
    let s = service(
        "Three Cities Clinic",
        "Medical care.",
        json!({"service_at_locations": offices, "attributes": needs(&["health.medical"])}),
    );
    directory
        .import_paths(&[dir.write("three.json", &json!([s]))])
        .unwrap();
    directory.sync_index().unwrap();
    for (place, city) in [
        ("Dallas, TX", "Dallas, TX"),
        ("Austin, TX", "Austin, TX"),
        ("Houston, TX", "Houston, TX"),
    ] {
        let page = crate::support::post_form(
            &directory,
            "/search",
            &[("need", "health.medical"), ("place", place)],
        )
        .await;
        let text = page.text();
        assert!(text.contains("Three Cities Clinic"), "{place}");
        assert!(
            text.contains(&format!("class=\"locality\">{city}<")),
            "{place}: the nearest office"
        );
        assert!(text.contains("2 more locations"), "{place}");
    }
    // Its own page lists every office.
    let id = s["id"].as_str().unwrap();
    let page = crate::support::get(&directory, &format!("/services/{id}"))
        .await
        .text();
    assert!(page.contains("Other locations"));
    for street in ["1 Main St", "2 Elm St", "3 Oak St"] {
        assert!(page.contains(street), "{street}");
    }
    let far = crate::support::post_form(
        &directory,
        "/search",
        &[("need", "health.medical"), ("place", "El Paso, TX")],
    )
    .await;
    assert!(!far.text().contains("Three Cities Clinic"));
}
