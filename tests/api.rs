//! The JSON API: parameters, 400s naming the parameter, hits keyed by HSDS id, 404s, the
//! security headers, no cookie, and no confidential address in any answer.

use serde_json::Value;

use crate::search::fixture;
use crate::support::get;

#[tokio::test]
async fn search_returns_hits_keyed_by_hsds_id_with_distance_and_needs() {
    let directory = &fixture().1;
    let r = get(
        directory,
        "/api/v1/search?q=emergency%20beds&place=Houston,%20TX&limit=5",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    assert_eq!(body["place"]["label"], "Houston, TX");
    assert_eq!(body["radius_km"], 40.0);
    let hits = body["hits"].as_array().unwrap();
    assert!(!hits.is_empty() && hits.len() <= 5);
    let first = &hits[0];
    let id = first["id"].as_str().unwrap();
    assert_eq!(id.len(), 36, "an HSDS uuid");
    assert!(
        first["needs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n == "shelter.emergency")
    );
    for key in ["distance_km", "conditions", "hours_today", "verified", "open_now"] {
        assert!(first.get(key).is_some(), "{key} missing");
    }
    let detail = get(directory, &format!("/api/v1/services/{id}")).await;
    assert_eq!(detail.status, 200);
    assert_eq!(detail.json()["id"], id);
}

#[tokio::test]
async fn filters_work_through_the_api() {
    let directory = &fixture().1;
    let r = get(
        directory,
        "/api/v1/search?lat=29.7604&lon=-95.3698&no_conditions=true&need=shelter.emergency&limit=50",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let hits = r.json()["hits"].as_array().unwrap().clone();
    assert!(!hits.is_empty());
    for h in &hits {
        assert!(h["conditions"].as_array().unwrap().is_empty(), "{h}");
        assert!(
            h["needs"]
                .as_array()
                .unwrap()
                .iter()
                .any(|n| n == "shelter.emergency")
        );
    }
    let r = get(directory, "/api/v1/search?place=77002&language=es").await;
    assert_eq!(r.json()["total"], 1);
}

#[tokio::test]
async fn bad_parameters_get_400_naming_the_parameter() {
    let directory = &fixture().1;
    for (uri, parameter) in [
        ("/api/v1/search?radius_km=far", "radius_km"),
        ("/api/v1/search?radius_km=-3", "radius_km"),
        ("/api/v1/search?lat=29.7", "lon"),
        ("/api/v1/search?lat=99&lon=0", "lat"),
        ("/api/v1/search?need=shelter.tonight", "need"),
        ("/api/v1/search?without=police", "without"),
        ("/api/v1/search?limit=0", "limit"),
        ("/api/v1/search?page=x", "page"),
        ("/api/v1/search?age=old", "age"),
        ("/api/v1/search?open_now=perhaps", "open_now"),
        ("/api/v1/search?language=spanish", "language"),
        ("/api/v1/search?colour=red", "colour"),
        ("/api/v1/search?place=Atlantis,%20ZZ", "place"),
        ("/api/v1/search?place=00000", "place"),
        ("/api/v1/search?place=Houston&lat=1&lon=1", "place"),
    ] {
        let r = get(directory, uri).await;
        assert_eq!(r.status, 400, "{uri}: {}", r.text());
        let body = r.json();
        assert_eq!(body["error"]["parameter"], parameter, "{uri}: {body}");
        assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    }
}

#[tokio::test]
async fn unknown_services_and_routes_are_404() {
    let directory = &fixture().1;
    let r = get(directory, "/api/v1/services/00000000-0000-4000-8000-ffffffffffff").await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"]["code"], "not_found");
    assert_eq!(get(directory, "/api/v1/nothing").await.status, 404);
    assert_eq!(get(directory, "/no/such/page").await.status, 404);
}

#[tokio::test]
async fn every_answer_has_the_security_headers_and_no_cookie() {
    let directory = &fixture().1;
    for uri in [
        "/",
        "/api/v1/search?q=food",
        "/api/v1/search?limit=0",
        "/api/v1/services/x",
        "/nowhere",
    ] {
        let r = get(directory, uri).await;
        let h = &r.headers;
        assert!(h.get("set-cookie").is_none(), "{uri}");
        assert_eq!(h["cache-control"], "no-store", "{uri}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{uri}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{uri}");
        assert!(
            h["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("default-src 'none'"),
            "{uri}"
        );
        assert!(h.get("server").is_none());
    }
}

#[tokio::test]
async fn confidential_shelters_show_a_phone_and_an_area_never_an_address() {
    let directory = &fixture().1;
    let r = get(directory, "/api/v1/search?q=shelter&place=Houston,%20TX&limit=50").await;
    let hits = r.json()["hits"].as_array().unwrap().clone();
    let hidden: &Value = hits
        .iter()
        .find(|h| h["name"] == "Hidden Harbor Safe House")
        .expect("found by its area");
    assert_eq!(hidden["confidential"], true);
    assert!(hidden["address"].is_null() && hidden["distance_km"].is_null());
    assert_eq!(
        hidden["phones"][0]["number"], "713-555-0199",
        "the intake phone is shown"
    );
    let id = hidden["id"].as_str().unwrap();
    // ANON-11: a crawl of every public answer that can carry the listing.
    let mut crawl = r.text();
    for uri in [
        format!("/api/v1/services/{id}"),
        "/api/v1/search?place=77099&limit=100".to_owned(),
        "/api/v1/search?lat=29.801234&lon=-95.401234&radius_km=1".to_owned(),
        "/api/v1/search?q=canary%20hideaway&limit=100".to_owned(),
    ] {
        // The place searched is echoed back as asked: leave it out, keep the results.
        let mut answer = get(directory, &uri).await.json();
        if let Some(map) = answer.as_object_mut() {
            map.remove("place");
        }
        crawl.push_str(&answer.to_string());
    }
    crawl.push_str(&get(directory, "/").await.text());
    for canary in ["Canary Hideaway", "29.801234", "95.401234", "29.8012", "77099"] {
        assert!(!crawl.contains(canary), "{canary} is public");
    }
}

#[tokio::test]
async fn the_needs_and_conditions_are_listed_with_their_labels() {
    let directory = &fixture().1;
    let r = get(directory, "/api/v1/needs").await;
    assert_eq!(r.status, 200);
    let body = r.json();
    let needs = body["needs"].as_array().unwrap();
    assert_eq!(needs.len(), 21);
    let shelter = needs.iter().find(|n| n["code"] == "shelter.emergency").unwrap();
    assert_eq!(shelter["horizon"], "immediate");
    assert!(!shelter["label"]["es"].as_str().unwrap().is_empty());
    // Every listed code is accepted by the search.
    for n in needs {
        let uri = format!("/api/v1/search?need={}", n["code"].as_str().unwrap());
        assert_eq!(get(directory, &uri).await.status, 200, "{uri}");
    }
    for c in body["conditions"].as_array().unwrap() {
        let uri = format!("/api/v1/search?without={}", c["code"].as_str().unwrap());
        assert_eq!(get(directory, &uri).await.status, 200, "{uri}");
    }
}

/// Issue 12, defect 3: query syntax typed into the box is words, never a field, a wildcard or
/// a phrase — `need help:*` and `id:*` answered 500 before.
#[tokio::test]
async fn query_syntax_is_just_words_and_never_an_error() {
    let directory = &fixture().1;
    for q in [
        "need%20help:*",
        "id:*",
        "name_en:*",
        "doc:x",
        "%22unclosed",
        "(shelter%20OR",
        "bed^3%20~2",
        "+-shelter",
        "[a%20TO%20z]",
        "shelter%0A%1B[31mforged",
    ] {
        let r = get(directory, &format!("/api/v1/search?q={q}")).await;
        assert_eq!(r.status, 200, "{q}: {}", r.text());
    }
    // The words still count: "shelter:*" finds what "shelter" finds.
    let plain = get(directory, "/api/v1/search?q=shelter&limit=5").await.json();
    let syntax = get(directory, "/api/v1/search?q=shelter:*&limit=5").await.json();
    assert_eq!(plain["total"], syntax["total"]);
    assert!(plain["total"].as_u64().unwrap() > 0);
}

/// Issue 16: who a service is for, by gender — a filter on the API and the results page
/// (services naming no gender serve everyone and always stay), shown in Spanish on Spanish
/// pages.
#[tokio::test]
async fn a_gender_filter_keeps_services_for_that_gender_and_for_everyone() {
    let directory = &fixture().1;
    let names = |r: &crate::support::Reply| -> Vec<String> {
        r.json()["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let base = "/api/v1/search?place=Houston,%20TX&need=shelter.emergency&limit=20";
    let first = get(directory, base).await;
    assert_eq!(first.status, 200, "{}", first.text());
    let all = names(&first);
    let women = names(&get(directory, &format!("{base}&gender=women")).await);
    let men = names(&get(directory, &format!("{base}&gender=men")).await);
    assert!(all.contains(&"Hidden Harbor Safe House".to_owned()), "{all:?}");
    assert!(
        women.contains(&"Hidden Harbor Safe House".to_owned()),
        "{women:?}"
    );
    assert!(
        !men.contains(&"Hidden Harbor Safe House".to_owned()),
        "a women's shelter: {men:?}"
    );
    assert!(
        men.contains(&"Bayou Open Door Shelter".to_owned()),
        "names no gender: {men:?}"
    );
    assert_eq!(men.len() + 1, all.len(), "{men:?} {all:?}");
    let bad = get(directory, &format!("{base}&gender=martian")).await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"]["parameter"], "gender", "{}", bad.text());
    // The results page: the same filter, chosen from a list; the Spanish card says "Mujeres".
    let page = crate::support::post_form(
        directory,
        "/es/search",
        &[
            ("place", "Houston, TX"),
            ("need", "shelter.emergency"),
            ("gender", "women"),
        ],
    )
    .await
    .text();
    assert!(page.contains("<option value=\"women\" selected"), "{page}");
    assert!(page.contains("Hidden Harbor Safe House"));
    assert!(page.contains("Mujeres") && !page.contains(">women<"), "{page}");
}

/// Issue 16: a misspelt place is refused with the place likely meant, on the page (both
/// languages) and in the API; nothing close gets the plain message.
#[tokio::test]
async fn a_misspelt_place_gets_did_you_mean() {
    let directory = &fixture().1;
    let r = get(directory, "/api/v1/search?place=Huston,%20TX").await;
    assert_eq!(r.status, 400);
    let message = r.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(message.contains("did you mean \"Houston, TX\""), "{message}");
    let page = crate::support::post_form(
        directory,
        "/search",
        &[("place", "Huston, TX"), ("need", "basic.food")],
    )
    .await;
    assert_eq!(page.status, 400);
    assert!(
        page.text().contains("Did you mean Houston, TX?"),
        "{}",
        page.text()
    );
    let es = crate::support::post_form(directory, "/es/search", &[("place", "Huston, TX")]).await;
    assert!(
        es.text().contains("¿Quisiste decir Houston, TX?"),
        "{}",
        es.text()
    );
    let none = crate::support::post_form(directory, "/search", &[("place", "Qwzxv, TX")]).await;
    assert!(!none.text().contains("Did you mean"), "{}", none.text());
    assert!(none.text().contains("We could not find the place"));
}

/// Issue 15, part 3: the HSDS API pages the directory's records in the specification's
/// envelope; each service validates against HSDS's compiled schema; a confidential
/// service's place is redacted; a parameter it does not serve is refused by name.
#[tokio::test]
async fn the_hsds_api_pages_records_in_the_spec_envelope_and_redacts_confidential_places() {
    let (_, directory) = crate::support::shipped();
    let about = get(directory, "/api/hsds/").await;
    assert_eq!(about.status, 200);
    assert_eq!(about.json()["version"], "3.1");
    let total = directory.store.listing_ids().unwrap().len();
    let page = get(directory, "/api/hsds/services?per_page=20&page=2").await;
    assert_eq!(page.status, 200, "{}", page.text());
    let body = page.json();
    assert_eq!(body["total_items"], total);
    assert_eq!(body["total_pages"], total.div_ceil(20));
    assert_eq!(
        (body["page_number"].as_u64(), body["size"].as_u64()),
        (Some(2), Some(20))
    );
    assert_eq!(
        (
            body["first_page"].as_bool(),
            body["last_page"].as_bool(),
            body["empty"].as_bool()
        ),
        (Some(false), Some(false), Some(false))
    );
    let validators = pathways::hsds::validate::Validators::get();
    let mut seen = std::collections::HashSet::new();
    for p in 1..=total.div_ceil(50) {
        let body = get(directory, &format!("/api/hsds/services?page={p}"))
            .await
            .json();
        for s in body["contents"].as_array().unwrap() {
            validators.service(s).unwrap_or_else(|e| panic!("{e:?}: {s}"));
            let id = s["id"].as_str().unwrap().to_owned();
            let listing = directory.listing(&id).unwrap().unwrap();
            if listing.confidential {
                for sal in s["service_at_locations"].as_array().into_iter().flatten() {
                    assert!(
                        sal["location"].get("latitude").is_none()
                            && sal["location"].get("addresses").is_none(),
                        "{id}"
                    );
                }
            }
            assert!(seen.insert(id), "each service on one page only");
        }
    }
    assert_eq!(seen.len(), total, "every service, across the pages");
    let last = get(
        directory,
        &format!("/api/hsds/services?page={}", total.div_ceil(50) + 1),
    )
    .await
    .json();
    assert_eq!(
        (last["empty"].as_bool(), last["last_page"].as_bool()),
        (Some(true), Some(true))
    );
    // One service, one organisation with its services.
    let id = directory.store.listing_ids().unwrap()[0].clone();
    let one = get(directory, &format!("/api/hsds/services/{id}")).await;
    assert_eq!(one.status, 200);
    assert_eq!(one.json()["id"].as_str(), Some(id.as_str()));
    assert_eq!(get(directory, "/api/hsds/services/no-such-id").await.status, 404);
    let org_id = directory.listing(&id).unwrap().unwrap().organization_id;
    let org = get(directory, &format!("/api/hsds/organizations/{org_id}"))
        .await
        .json();
    assert!(
        org["services"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["id"] == id.as_str())
    );
    let orgs = get(directory, "/api/hsds/organizations?per_page=5").await.json();
    assert_eq!(orgs["size"], 5);
    let by_org = get(directory, &format!("/api/hsds/services?organization_id={org_id}"))
        .await
        .json();
    assert!(
        by_org["contents"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["organization_id"] == org_id.as_str())
    );
    // Searched by words and postcode, in the search's order.
    let found = get(
        directory,
        "/api/hsds/services?search=shelter&postcode=77002&per_page=5",
    )
    .await;
    assert_eq!(found.status, 200, "{}", found.text());
    let found = found.json();
    assert!(
        found["total_items"].as_u64().unwrap() > 0 && found["size"].as_u64().unwrap() <= 5,
        "{found}"
    );
    let first = found["contents"][0]["id"].as_str().unwrap().to_owned();
    let api = get(directory, "/api/v1/search?q=shelter&place=77002&limit=5")
        .await
        .json();
    assert_eq!(
        api["hits"][0]["id"].as_str(),
        Some(first.as_str()),
        "the search's own first hit"
    );
    // By a need's term, as /taxonomy_terms names it: every record serves that need.
    let by_need = get(
        directory,
        "/api/hsds/services?taxonomy_term_id=pathways-needs:legal.immigration",
    )
    .await;
    assert_eq!(by_need.status, 200, "{}", by_need.text());
    let by_need = by_need.json();
    assert!(by_need["total_items"].as_u64().unwrap() > 0);
    for s in by_need["contents"].as_array().unwrap() {
        let listing = directory.listing(s["id"].as_str().unwrap()).unwrap().unwrap();
        assert!(
            listing.needs.iter().any(|n| n == "legal.immigration"),
            "{}",
            listing.name
        );
    }
    let near = get(directory, "/api/hsds/services?postcode=77002&proximity=5000")
        .await
        .json();
    assert!(near["total_items"].as_u64().unwrap() > 0);
    // The same place as a point: the same services in the same order.
    let ids = |page: &Value| -> Vec<String> {
        page["contents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let zip = directory.gazetteer.resolve("77002").unwrap().point;
    let by_point = get(
        directory,
        &format!("/api/hsds/services?lat={}&lon={}&radius=5000", zip.lat, zip.lon),
    )
    .await
    .json();
    assert_eq!(ids(&by_point), ids(&near));
    assert_eq!(by_point["total_items"], near["total_items"]);
    // Mistakes name the parameter.
    for (query, parameter) in [
        ("per_page=0", "per_page"),
        ("per_page=500", "per_page"),
        ("page=x", "page"),
        ("taxonomy_term_id=x", "taxonomy_term_id"),
        ("taxonomy_term_id=pathways-needs:nothing", "taxonomy_term_id"),
        ("postcode=Qxqzv%20Wbvxq", "postcode"),
        ("postcode=77002&proximity=-3", "proximity"),
        ("lat=29.7", "lon"),
        ("lat=291&lon=-95", "lat"),
        ("lat=29.7&lon=-95.3&radius=0", "radius"),
        ("lat=29.7&lon=-95.3&postcode=77002", "lat"),
    ] {
        let r = get(directory, &format!("/api/hsds/services?{query}")).await;
        assert_eq!(r.status, 400, "{query}");
        assert!(r.text().contains(parameter), "{query}: {}", r.text());
    }
}

/// OpenAPI 3.0's `nullable` as JSON Schema: `{"type": T, "nullable": true}` accepts null.
fn json_schema(mut v: Value) -> Value {
    match &mut v {
        Value::Object(map) => {
            if map.remove("nullable") == Some(Value::Bool(true)) {
                if let Some(Value::String(t)) = map.get("type").cloned() {
                    map.insert("type".into(), serde_json::json!([t, "null"]));
                } else {
                    let inner = Value::Object(std::mem::take(map));
                    *map = serde_json::json!({"anyOf": [inner, {"type": "null"}]})
                        .as_object()
                        .unwrap()
                        .clone();
                }
            }
            for (_, child) in map.iter_mut() {
                *child = json_schema(std::mem::take(child));
            }
        }
        Value::Array(items) => {
            for child in items.iter_mut() {
                *child = json_schema(std::mem::take(child));
            }
        }
        _ => {}
    }
    v
}

/// Issue 15, part 8: `/api/v1/openapi.json` describes every `/api/v1` route, and real
/// answers — results, a listing (a confidential one too), the vocabulary, each error —
/// validate against the schemas it gives.
#[tokio::test]
async fn the_openapi_description_covers_every_route_and_real_answers_fit_it() {
    let (_, directory) = crate::support::shipped();
    let r = get(directory, "/api/v1/openapi.json").await;
    assert_eq!(r.status, 200);
    let doc = r.json();
    assert_eq!(doc["openapi"], "3.0.3");
    for (method, path) in pathways::http::route_table() {
        if !path.starts_with("/api/v1") {
            continue;
        }
        let described = &doc["paths"][path.as_str()][method.as_str().to_lowercase()];
        assert!(described.is_object(), "{method} {path} is not described");
    }
    let components = json_schema(doc["components"].clone());
    let check = |schema: &str, answer: &Value| {
        let root =
            serde_json::json!({"$ref": format!("#/components/schemas/{schema}"), "components": components});
        let validator = jsonschema::validator_for(&root).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(answer)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{schema}: {errors:?}");
    };
    check(
        "SearchPage",
        &get(directory, "/api/v1/search?q=shelter&place=Houston,%20TX")
            .await
            .json(),
    );
    check(
        "SearchPage",
        &get(directory, "/api/v1/search?need=legal.immigration")
            .await
            .json(),
    );
    check("Vocabulary", &get(directory, "/api/v1/needs").await.json());
    let ids = directory.store.listing_ids().unwrap();
    let confidential = ids
        .iter()
        .find(|id| directory.listing(id).unwrap().unwrap().confidential)
        .unwrap();
    for id in [&ids[0], confidential] {
        check(
            "Listing",
            &get(directory, &format!("/api/v1/services/{id}")).await.json(),
        );
    }
    check("Error", &get(directory, "/api/v1/search?limit=0").await.json());
    check(
        "Error",
        &get(directory, "/api/v1/services/no-such-id").await.json(),
    );
}

/// The HSDS API's taxonomies are Pathways' own vocabularies, their terms the codes its
/// records use.
#[tokio::test]
async fn the_hsds_api_lists_pathways_taxonomies_and_their_terms() {
    let (_, directory) = crate::support::shipped();
    let taxonomies = get(directory, "/api/hsds/taxonomies").await.json();
    assert_eq!(taxonomies["total_items"], 3);
    let needs = get(
        directory,
        "/api/hsds/taxonomy_terms?taxonomy_id=pathways-needs&per_page=200",
    )
    .await
    .json();
    let count = pathways::domain::Taxonomy::builtin().needs.len();
    assert_eq!(needs["total_items"], count);
    for t in needs["contents"].as_array().unwrap() {
        for key in ["id", "name", "description", "code", "taxonomy_id"] {
            assert!(t[key].is_string(), "{key}: {t}");
        }
    }
    let one = get(
        directory,
        "/api/hsds/taxonomy_terms/pathways-needs:shelter.emergency",
    )
    .await;
    assert_eq!(one.status, 200);
    assert_eq!(one.json()["name"], "Emergency shelter");
    assert_eq!(
        get(directory, "/api/hsds/taxonomies/pathways-needs").await.status,
        200
    );
    assert_eq!(get(directory, "/api/hsds/taxonomies/nope").await.status, 404);
    assert_eq!(get(directory, "/api/hsds/taxonomy_terms/nope").await.status, 404);
}

/// Issue 15, part 3: `modified_after` lists only the services changed at or after the time,
/// for another directory's incremental pull; a record imported again unchanged keeps its time.
#[tokio::test]
async fn hsds_services_modified_after_a_time_are_those_changed_since() {
    use crate::support::{TestDir, service};
    use serde_json::json;
    let dir = TestDir::new();
    let directory = std::sync::Arc::new(dir.open());
    let (a, b) = (
        service("First Pantry", "Food.", json!({})),
        service("Second Pantry", "Food.", json!({})),
    );
    directory
        .import_paths(&[dir.write("one.json", &json!([a, b]))])
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let since = jiff::Timestamp::now();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let mut changed = b.clone();
    changed["description"] = json!("Food and clothing.");
    let c = service("Third Pantry", "Food.", json!({}));
    directory
        .import_paths(&[dir.write("two.json", &json!([a, changed, c]))])
        .unwrap();
    let ids = |page: &Value| -> Vec<String> {
        let mut ids: Vec<String> = page["contents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    let all = get(&directory, "/api/hsds/services").await.json();
    assert_eq!(all["total_items"], 3);
    let after = get(
        &directory,
        &format!("/api/hsds/services?modified_after={}", since),
    )
    .await
    .json();
    let mut expected = vec![
        changed["id"].as_str().unwrap().to_owned(),
        c["id"].as_str().unwrap().to_owned(),
    ];
    expected.sort();
    assert_eq!(ids(&after), expected, "the unchanged record is left out");
    assert_eq!(after["total_items"], 2);
    // A date is midnight UTC; a time in another offset is the same instant.
    let today = since.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    let by_date = get(&directory, &format!("/api/hsds/services?modified_after={today}"))
        .await
        .json();
    assert_eq!(by_date["total_items"], 3);
    let later = since.checked_add(jiff::SignedDuration::from_hours(1)).unwrap();
    let in_houston = later.in_tz("America/Chicago").unwrap();
    let uri = format!(
        "/api/hsds/services?modified_after={}",
        in_houston
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
            .replace('+', "%2B")
    );
    assert_eq!(get(&directory, &uri).await.json()["total_items"], 0);
    for bad in ["yesterday", "2026-13-01", "modified_after=&search=x"] {
        let query = if bad.contains('=') {
            bad.to_owned()
        } else {
            format!("modified_after={bad}")
        };
        let r = get(&directory, &format!("/api/hsds/services?{query}")).await;
        if bad.contains("search") {
            assert_eq!(r.status, 200, "an empty modified_after is no filter");
            continue;
        }
        assert_eq!(r.status, 400, "{bad}");
        assert!(r.text().contains("modified_after"), "{}", r.text());
    }
    let r = get(
        &directory,
        &format!("/api/hsds/services?modified_after={today}&search=food"),
    )
    .await;
    assert_eq!(r.status, 400, "not combined with a search yet, and it says so");
}

/// Issue 15, part 3: real answers of the HSDS API validate against the specification's own
/// `openapi.json`: each route's response schema, its `$ref`s read from the local copy of
/// the 3.1 schemas. The spec points at 3.0 "list" schemas that the 3.1 release does not
/// ship; full records stand in for them (the lists serve full records). It also gives a
/// service-at-location by id the service schema, plainly a slip: the service-at-location
/// schema checks it instead.
#[tokio::test]
async fn hsds_api_answers_validate_against_the_specifications_openapi() {
    use crate::support::repo;
    let (_, directory) = crate::support::shipped();
    let schemas = repo().join("tests/fixtures/hsds-3.1/schema");
    let spec: Value = serde_json::from_slice(&std::fs::read(schemas.join("openapi.json")).unwrap()).unwrap();
    struct Local(std::path::PathBuf);
    impl jsonschema::Retrieve for Local {
        fn retrieve(
            &self,
            uri: &jsonschema::Uri<String>,
        ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
            let path = uri.path().as_str();
            let name = path.rsplit('/').next().unwrap_or_default();
            let file = match name {
                "service_list.json" => "compiled/service.json".to_owned(),
                "organization_list.json" => "compiled/organization.json".to_owned(),
                "service_at_location_list.json" => "service_at_location.json".to_owned(),
                other if path.contains("/compiled/") && self.0.join("compiled").join(other).exists() => {
                    format!("compiled/{other}")
                }
                other => other.to_owned(),
            };
            Ok(serde_json::from_slice(&std::fs::read(self.0.join(file))?)?)
        }
    }
    let errors = |route: &str, answer: &Value| -> Vec<String> {
        let mut schema =
            spec["paths"][route]["get"]["responses"]["200"]["content"]["application/json"]["schema"].clone();
        if route == "/service_at_locations/{id}" {
            schema = serde_json::json!({"$ref": "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/service_at_location.json"});
        }
        assert!(schema.is_object(), "{route} has a response schema");
        let root = serde_json::json!({"allOf": [schema], "components": spec["components"]});
        let validator = jsonschema::options()
            .with_retriever(Local(schemas.clone()))
            .build(&root)
            .unwrap_or_else(|e| panic!("{route}: {e}"));
        validator
            .iter_errors(answer)
            .take(5)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect()
    };
    let check = |route: &str, answer: &Value| {
        let found = errors(route, answer);
        assert!(found.is_empty(), "{route}: {found:?}");
    };
    // The check can fail: a service with no name or status, a page with no envelope.
    let broken = serde_json::json!({"total_items": 1, "total_pages": 1, "page_number": 1, "size": 1,
        "first_page": true, "last_page": true, "empty": false, "contents": [{"id": "x"}]});
    assert!(!errors("/services", &broken).is_empty());
    assert!(
        !errors(
            "/services/{id}",
            &serde_json::json!({"id": "x", "status": "active"})
        )
        .is_empty()
    );
    assert!(!errors("/taxonomies", &serde_json::json!({"contents": "none"})).is_empty());
    let json = |uri: String| async move {
        let r = get(directory, &uri).await;
        assert_eq!(r.status, 200, "{uri}");
        r.json()
    };
    check("/", &json("/api/hsds/".into()).await);
    let services = json("/api/hsds/services?per_page=200".into()).await;
    check("/services", &services);
    check(
        "/services",
        &json("/api/hsds/services?search=shelter&postcode=77002".into()).await,
    );
    let first = services["contents"][0]["id"].as_str().unwrap().to_owned();
    check(
        "/services/{id}",
        &json(format!("/api/hsds/services/{first}")).await,
    );
    let organizations = json("/api/hsds/organizations?per_page=200".into()).await;
    check("/organizations", &organizations);
    let org = organizations["contents"][0]["id"].as_str().unwrap().to_owned();
    check(
        "/organizations/{id}",
        &json(format!("/api/hsds/organizations/{org}")).await,
    );
    let offices = json("/api/hsds/service_at_locations?per_page=200".into()).await;
    check("/service_at_locations", &offices);
    let office = offices["contents"][0]["id"].as_str().unwrap().to_owned();
    check(
        "/service_at_locations/{id}",
        &json(format!("/api/hsds/service_at_locations/{office}")).await,
    );
    let taxonomies = json("/api/hsds/taxonomies".into()).await;
    check("/taxonomies", &taxonomies);
    let taxonomy = taxonomies["contents"][0]["id"].as_str().unwrap().to_owned();
    check(
        "/taxonomies/{id}",
        &json(format!("/api/hsds/taxonomies/{taxonomy}")).await,
    );
    let terms = json("/api/hsds/taxonomy_terms".into()).await;
    check("/taxonomy_terms", &terms);
    let term = terms["contents"][0]["id"].as_str().unwrap().to_owned();
    check(
        "/taxonomy_terms/{id}",
        &json(format!("/api/hsds/taxonomy_terms/{term}")).await,
    );
}

/// Issue 15, part 3: `/service_at_locations` lists every office of every service once, each
/// with its location and its service (not the service's other offices); a confidential
/// service's office has no address or coordinates; one by id is the same record.
#[tokio::test]
async fn hsds_service_at_locations_list_every_office_once_with_its_service() {
    let (_, directory) = crate::support::shipped();
    let mut expected = std::collections::HashSet::new();
    for page in 1.. {
        let services = get(directory, &format!("/api/hsds/services?per_page=200&page={page}"))
            .await
            .json();
        for s in services["contents"].as_array().unwrap() {
            for sal in s["service_at_locations"].as_array().into_iter().flatten() {
                expected.insert(sal["id"].as_str().unwrap().to_owned());
            }
        }
        if services["last_page"] == true {
            break;
        }
    }
    assert!(expected.len() > 100, "the shipped directory has many offices");
    let mut seen = std::collections::HashSet::new();
    let mut confidential = 0;
    for page in 1.. {
        let offices = get(
            directory,
            &format!("/api/hsds/service_at_locations?per_page=50&page={page}"),
        )
        .await
        .json();
        assert_eq!(offices["total_items"].as_u64().unwrap() as usize, expected.len());
        for sal in offices["contents"].as_array().unwrap() {
            let id = sal["id"].as_str().unwrap().to_owned();
            assert!(
                sal["service"]["name"].is_string() && sal["location"].is_object(),
                "{id}"
            );
            assert!(sal["service"].get("service_at_locations").is_none());
            let hidden = sal["service"]["attributes"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|a| a["taxonomy_term"]["code"] == "confidential_location");
            if hidden {
                confidential += 1;
                for key in ["addresses", "latitude", "longitude"] {
                    assert!(sal["location"].get(key).is_none(), "{id} shows its {key}");
                }
            }
            assert!(seen.insert(id), "each office once");
        }
        if offices["last_page"] == true {
            break;
        }
    }
    assert_eq!(seen, expected);
    assert_eq!(
        confidential, 0,
        "the sample's confidential services list no office"
    );
    // A confidential service whose record gives an office: the office leaves without it.
    {
        use crate::support::{TestDir, office, service, term};
        use serde_json::json;
        let dir = TestDir::new();
        let hidden = std::sync::Arc::new(dir.open());
        let s = service(
            "Quiet Harbor",
            "Safe house.",
            json!({"attributes": [term("pathways-attributes", "confidential_location")],
                   "service_at_locations": office(29.77, -95.37, "12 Secret Lane", "Houston", "TX", "77002")}),
        );
        hidden
            .import_paths(&[dir.write("hidden.json", &json!([s]))])
            .unwrap();
        let offices = get(&hidden, "/api/hsds/service_at_locations").await;
        assert!(!offices.text().contains("Secret Lane") && !offices.text().contains("29.77"));
        let offices = offices.json();
        assert_eq!(offices["total_items"], 1);
        let id = offices["contents"][0]["id"].as_str().unwrap().to_owned();
        let one = get(&hidden, &format!("/api/hsds/service_at_locations/{id}")).await;
        assert_eq!(one.status, 200);
        assert!(!one.text().contains("Secret Lane") && !one.text().contains("-95.37"));
    }
    let one = seen.iter().next().unwrap();
    let r = get(directory, &format!("/api/hsds/service_at_locations/{one}")).await;
    assert_eq!(r.json()["id"].as_str(), Some(one.as_str()));
    assert_eq!(
        get(directory, "/api/hsds/service_at_locations/none").await.status,
        404
    );
    let bad = get(directory, "/api/hsds/service_at_locations?modified_after=soon").await;
    assert_eq!(bad.status, 400);
    assert!(bad.text().contains("modified_after"));
}
