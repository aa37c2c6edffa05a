//! The anonymous public site in-process: every public route carries the security headers
//! and no cookie (ANON-1, ANON-6, HDR); search by POST in both languages (ANON-4); form
//! mistakes named; imported text escaped; unknown and confidential data never shown
//! (ANON-11); the quick-exit route; the static files; the page weight.

use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
use pathways::http::public_routes;
use serde_json::json;

use crate::search::fixture;
use crate::support::*;

fn listing_id(name: &str) -> String {
    let directory = &fixture().1;
    let mut id = None;
    directory
        .store
        .for_each_listing(|l| {
            if l.name == name {
                id = Some(l.id.clone());
            }
        })
        .unwrap();
    id.unwrap_or_else(|| panic!("{name} is in the fixture"))
}

#[tokio::test]
async fn every_public_route_has_the_security_headers_and_sets_no_cookie() {
    let directory = &fixture().1;
    let id = listing_id("Bayou Open Door Shelter");
    let css = &templates::assets::all()[0].name;
    let routes = public_routes();
    assert!(routes.len() >= 20, "{routes:?}");
    for route in &routes {
        let uri = route.replace("{id}", &id).replace("{name}", css);
        for method in ["GET", "POST", "HEAD"] {
            let request = Request::builder()
                .method(method)
                .uri(&uri)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from("q=shelter&place=Houston%2C+TX"))
                .unwrap();
            let r = send(directory, request).await;
            let what = format!("{method} {uri} ({})", r.status);
            assert!(r.status.as_u16() < 500, "{what}");
            let h = &r.headers;
            assert_eq!(h["content-security-policy"], pathways::http::CSP, "{what}");
            assert_eq!(h["cache-control"], "no-store", "{what}");
            assert_eq!(h["referrer-policy"], "no-referrer", "{what}");
            assert_eq!(h["x-content-type-options"], "nosniff", "{what}");
            assert_eq!(h["cross-origin-opener-policy"], "same-origin", "{what}");
            assert_eq!(h["cross-origin-resource-policy"], "same-origin", "{what}");
            assert!(
                h["permissions-policy"]
                    .to_str()
                    .unwrap()
                    .contains("geolocation=()"),
                "{what}"
            );
            assert!(
                h.get("set-cookie").is_none() && h.get("server").is_none(),
                "{what}"
            );
        }
    }
}

#[tokio::test]
async fn a_search_is_posted_and_answered_in_the_language_of_the_path() {
    let directory = &fixture().1;
    let r = post_form(
        directory,
        "/search",
        &[("q", "shelter"), ("place", "Houston, TX")],
    )
    .await;
    assert_eq!(r.status, 200);
    let page = r.text();
    assert!(page.contains("<html lang=\"en\""));
    assert!(page.contains("within 25 miles of Houston, TX"), "{page}");
    assert!(page.contains("Bayou Open Door Shelter") && page.contains("<details>"));
    assert!(page.contains("No conditions") && page.contains("police report required"));
    assert!(page.contains("href=\"tel:"), "phones are tel: links");
    // Pagination, print and the language switch post the same form: nothing in an address.
    assert!(page.contains("form=\"filters\"") && page.contains("formaction=\"/search/print\""));
    assert!(page.contains("action=\"/es/search\"") && page.contains("name=\"q\" value=\"shelter\""));
    // ANON-4: every form posts; nothing typed can end up in an address.
    let forms: Vec<&str> = page.split("<form").skip(1).collect();
    assert!(
        forms.len() >= 2
            && forms
                .iter()
                .all(|f| f.split('>').next().unwrap().contains("method=\"post\""))
    );
    // The title is neutral: never the words searched.
    let title = page
        .split("<title>")
        .nth(1)
        .unwrap()
        .split("</title>")
        .next()
        .unwrap();
    assert!(!title.to_lowercase().contains("shelter"), "{title}");

    let es = post_form(directory, "/es/search", &[("q", "albergue"), ("place", "77002")]).await;
    assert_eq!(es.status, 200);
    let page = es.text();
    assert!(page.contains("<html lang=\"es\""));
    assert!(
        page.contains("millas") && page.contains("Bayou Open Door Shelter"),
        "{page}"
    );
    assert!(page.contains("Albergue de emergencia"), "needs in Spanish");

    // A typed address for /search (a bookmark) goes to the start page.
    let r = get(directory, "/es/search").await;
    assert_eq!(r.status, 303);
    assert_eq!(r.headers["location"], "/es");
}

#[tokio::test]
async fn filters_pagination_and_print_work_as_forms() {
    let directory = &fixture().1;
    let base = [("q", ""), ("place", "Houston, TX"), ("radius_mi", "100")];
    let names = |page: &str| -> Vec<String> {
        page.split("<h2><a href=\"/services/")
            .skip(1)
            .map(|h| h.split('>').nth(1).unwrap().split('<').next().unwrap().to_owned())
            .collect()
    };
    let first = post_form(directory, "/search", &base).await.text();
    assert!(first.contains("Page 1 of 2") && first.contains("Next page") && !first.contains("Previous page"));
    let with_page = |n: &'static str| {
        let mut f = base.to_vec();
        f.push(("page", n));
        f
    };
    let second = post_form(directory, "/search", &with_page("2")).await.text();
    assert!(second.contains("Page 2 of 2") && second.contains("Previous page"));
    assert!(!second.contains("Next page"), "the last page has no next");
    let (one, two) = (names(&first), names(&second));
    assert_eq!(one.len(), 10);
    assert!(
        !two.is_empty() && two.iter().all(|n| !one.contains(n)),
        "{one:?} / {two:?}"
    );

    // Past the end: said so, with a way back.
    let past = post_form(directory, "/search", &with_page("9")).await.text();
    assert!(past.contains("That page of results does not exist") && past.contains("value=\"2\""));

    // Nothing found: no page numbers at all, whatever page was asked for.
    let none = [
        ("q", "qqqzzzx"),
        ("place", "Seattle, WA"),
        ("radius_mi", "5"),
        ("page", "3"),
    ];
    let empty = post_form(directory, "/search", &none).await.text();
    assert!(empty.contains("0 services") && !empty.contains("Page 3") && !empty.contains("Previous page"));

    // One filter at a time: `without` alone leaves out the service that asks for a report.
    let mut without = base.to_vec();
    without.push(("without", "police_report"));
    let page = post_form(directory, "/search", &without).await.text();
    let all = [first.as_str(), second.as_str()].concat();
    assert!(all.contains("Police Partnership Shelter"));
    assert!(
        !page.contains("Police Partnership Shelter"),
        "left out by the filter"
    );
    assert!(
        page.contains("value=\"police_report\" checked"),
        "the filter stays chosen"
    );
    let mut need = base.to_vec();
    need.push(("need", "health.therapy"));
    assert_eq!(
        names(&post_form(directory, "/search", &need).await.text()),
        ["Paid Counselling Practice"]
    );

    // "Print this list" prints the page on screen.
    assert!(second.contains("formaction=\"/search/print\" name=\"page\" value=\"2\""));
    let print = post_form(directory, "/search/print", &with_page("2")).await;
    assert_eq!(print.status, 200);
    let text = print.text();
    assert!(text.contains("Contacts") && text.contains("Printed "));
    for name in &two {
        assert!(text.contains(name.as_str()), "{name} is on the printed page 2");
    }
    assert!(!text.contains(one[0].as_str()), "page 1 is not printed");
}

#[tokio::test]
async fn a_form_mistake_is_named_and_the_words_come_back() {
    let directory = &fixture().1;
    let cases: [(&[(&str, &str)], &str); 5] = [
        (&[("q", "food"), ("age", "abc")], "Age must be a number"),
        (
            &[("q", "food"), ("place", "Nowhereville, ZZ")],
            "could not find the place “Nowhereville, ZZ”",
        ),
        (&[("q", "food"), ("radius_mi", "7")], "choose a distance"),
        (&[("q", "food"), ("need", "flying")], "choose a type of help"),
        (&[("q", "food"), ("admin", "1")], "admin"),
    ];
    for (form, message) in cases {
        let r = post_form(directory, "/search", form).await;
        assert_eq!(r.status, 400, "{form:?}");
        let page = r.text();
        assert!(page.contains(message), "{form:?}: {page}");
        assert!(page.contains("role=\"alert\""));
        if let Some(field) = ["age", "place", "radius_mi", "need"]
            .iter()
            .find(|f| form.iter().any(|(k, _)| k == *f))
        {
            let marked = format!("id=\"{field}\"");
            let tag = page
                .split(&marked)
                .nth(1)
                .unwrap_or_default()
                .split('>')
                .next()
                .unwrap_or_default();
            assert!(
                tag.contains("aria-invalid=\"true\" aria-describedby=\"form-error\""),
                "{field}: {tag}"
            );
        }
        if form.len() == 2 && form[1].0 != "admin" {
            assert!(page.contains("value=\"food\""), "the words are kept");
        }
    }
    let garbage = Request::builder()
        .method("POST")
        .uri("/es/search")
        .header("content-type", "application/json")
        .body(Body::from("{\"q\": 1}"))
        .unwrap();
    let r = send(directory, garbage).await;
    assert_eq!(r.status, 400);
    let expected = templates::Lang::Es.tf("error-form", &[("field", &"—")]);
    assert!(r.text().contains(&expected), "{}", r.text());
    // A bad page number keeps the words typed.
    let r = post_form(directory, "/search", &[("q", "food"), ("page", "two")]).await;
    assert_eq!(r.status, 400);
    assert!(r.text().contains("That page of results does not exist") && r.text().contains("value=\"food\""));
}

#[tokio::test]
async fn imported_markup_is_shown_as_text() {
    let dir = TestDir::new();
    let directory = Arc::new(dir.open());
    let s = service(
        "<script>alert('x')</script> Shelter",
        "Beds <b>tonight</b> & <img src=x onerror=alert(1)>",
        json!({"attributes": needs(&["shelter.emergency"]),
            "service_at_locations": office(29.76, -95.37, "<i>9</i> Example St", "Houston", "TX", "77002")}),
    );
    let id = s["id"].as_str().unwrap().to_owned();
    directory
        .import_paths(&[dir.write("x.json", &json!([s]))])
        .unwrap();
    directory.sync_index().unwrap();
    let mut pages = vec![
        get(&directory, &format!("/services/{id}")).await.text(),
        get(&directory, &format!("/es/services/{id}/print")).await.text(),
    ];
    pages.push(
        post_form(
            &directory,
            "/search",
            &[("q", "shelter"), ("place", "Houston, TX")],
        )
        .await
        .text(),
    );
    for page in &pages {
        assert!(page.contains("&lt;script&gt;alert("), "{page}");
        assert!(!page.contains("<script>alert") && !page.contains("<img src=x") && !page.contains("<i>9"));
    }
    // The description is on the listing page and in the result's details (not on paper).
    for page in [&pages[0], &pages[2]] {
        assert!(
            page.contains("Beds &lt;b&gt;tonight&lt;/b&gt; &amp; &lt;img"),
            "{page}"
        );
    }
}

#[tokio::test]
async fn unknown_and_confidential_data_is_never_shown() {
    let directory = &fixture().1;
    for (uri, words) in [
        ("/services/00000000-0000-4000-8000-ffffffffffff", "Page not found"),
        ("/es/services/nope/print", "Página no encontrada"),
        ("/es/no-such-page", "Página no encontrada"),
        ("/static/site.css", "Page not found"),
    ] {
        let r = get(directory, uri).await;
        assert_eq!(r.status, 404, "{uri}");
        assert!(r.text().contains(words), "{uri}: {}", r.text());
    }
    let id = listing_id("Hidden Harbor Safe House");
    let mut crawl = String::new();
    for uri in [
        format!("/services/{id}"),
        format!("/es/services/{id}"),
        format!("/services/{id}/print"),
    ] {
        let r = get(directory, &uri).await;
        assert_eq!(r.status, 200);
        crawl.push_str(&r.text());
    }
    assert!(crawl.contains("713-555-0199"), "the intake phone is shown");
    assert!(crawl.contains("kept private for safety") && crawl.contains("Around Houston, TX"));
    for form in [
        vec![("q", "shelter"), ("place", "Houston, TX")],
        vec![("q", ""), ("place", "77099"), ("radius_mi", "5")],
        vec![("q", "canary hideaway"), ("place", "")],
    ] {
        crawl.push_str(&post_form(directory, "/search", &form).await.text());
        crawl.push_str(&post_form(directory, "/search/print", &form).await.text());
    }
    // The place the person typed is echoed back in the form: take those out, keep the rest.
    let crawl = crawl.replace("value=\"77099\"", "").replace("of 77099", "");
    for canary in ["Canary Hideaway", "29.801234", "95.401234", "29.8012", "77099"] {
        assert!(!crawl.contains(canary), "{canary} is public");
    }
}

#[tokio::test]
async fn every_page_has_quick_exit_the_safety_note_and_a_language_switch() {
    let directory = &fixture().1;
    let id = listing_id("Paid Counselling Practice");
    for (uri, lang, switch) in [
        ("/".to_owned(), "en", "href=\"/es\""),
        ("/es".to_owned(), "es", "href=\"/\""),
        ("/hotlines".to_owned(), "en", "href=\"/es/hotlines\""),
        ("/es/safety".to_owned(), "es", "href=\"/safety\""),
        ("/about".to_owned(), "en", "href=\"/es/about\""),
        (format!("/services/{id}"), "en", "/es/services/"),
        (format!("/es/services/{id}/print"), "es", "href=\"/services/"),
        ("/nowhere".to_owned(), "en", "href=\"/es\""),
    ] {
        let page = get(directory, &uri).await.text();
        assert!(page.contains(&format!("<html lang=\"{lang}\"")), "{uri}");
        assert!(
            page.contains("id=\"quick-exit\"") && page.contains("href=\"/exit\""),
            "{uri}"
        );
        assert!(page.contains("class=\"safety\""), "{uri}");
        assert!(page.contains("class=\"skip\" href=\"#main\""), "{uri}");
        assert!(page.contains(switch), "{uri}: no {switch}");
        assert!(page.contains(&templates::assets::stylesheet()), "{uri}");
        assert!(
            !page.contains("src=\"http") && !page.contains("stylesheet\" href=\"http"),
            "{uri}: outside resource"
        );
    }
    let home = get(directory, "/").await.text();
    assert!(
        home.contains("name=\"need\" value=\"shelter.emergency\""),
        "needs as tiles"
    );
    assert!(home.contains("autocomplete=\"off\""));
    let listing = get(directory, &format!("/services/{id}")).await.text();
    assert!(
        listing.contains("costs money") && listing.contains("Monday–Friday"),
        "{listing}"
    );
}

#[tokio::test]
async fn quick_exit_route_clears_the_site_and_leaves() {
    let directory = &fixture().1;
    let r = get(directory, "/exit").await;
    assert_eq!(r.status, 303);
    assert_eq!(r.headers["location"], pathways::http::DEFAULT_EXIT_URL);
    assert_eq!(
        r.headers["clear-site-data"],
        "\"cache\", \"cookies\", \"storage\""
    );
}

#[tokio::test]
async fn static_files_are_served_by_their_hashed_names() {
    let directory = &fixture().1;
    for asset in templates::assets::all() {
        let r = get(directory, &format!("/static/{}", asset.name)).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.headers["content-type"], asset.content_type);
        assert_eq!(r.headers["cache-control"], "no-store");
        assert_eq!(r.text(), asset.body);
    }
    let gz = Request::builder()
        .uri(templates::assets::stylesheet())
        .header("accept-encoding", "br, gzip")
        .body(Body::empty())
        .unwrap();
    let r = send(directory, gz).await;
    assert!(matches!(
        r.headers["content-encoding"].to_str().unwrap(),
        "br" | "gzip"
    ));
}

#[tokio::test]
async fn a_full_results_page_weighs_under_30_kb_with_its_stylesheet() {
    let (_, directory) = shipped();
    let css = templates::assets::all()[0].body.len();
    let mut heaviest = 0;
    for place in [
        "Houston, TX",
        "New York, NY",
        "Chicago, IL",
        "Los Angeles, CA",
        "Seattle, WA",
    ] {
        let page = post_form(
            directory,
            "/search",
            &[("q", ""), ("place", place), ("radius_mi", "100")],
        )
        .await;
        assert_eq!(
            page.body.windows(9).filter(|w| w == b"<article>").count(),
            10,
            "{place}: a full page"
        );
        heaviest = heaviest.max(page.body.len());
    }
    assert!(
        heaviest + css < 30 * 1024,
        "{heaviest} B of HTML + {css} B of CSS"
    );
}

#[tokio::test]
async fn one_address_asking_too_fast_is_told_to_wait_but_can_always_leave() {
    use std::net::SocketAddr;

    use axum::extract::ConnectInfo;
    use pathways::http::{AppState, Site, router};
    use tower::ServiceExt;

    let directory = fixture().1.clone();
    let site = Site {
        rate_limit: 6, // a burst of 3
        ..Site::default()
    };
    let app = router(AppState::with_site(crate::support::staff_for(&directory), site));
    let from = |uri: &str, ip: [u8; 4]| {
        let mut r = Request::builder().uri(uri).body(Body::empty()).unwrap();
        r.extensions_mut()
            .insert(ConnectInfo(SocketAddr::from((ip, 40_000))));
        r
    };
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(
            app.clone()
                .oneshot(from("/about", [192, 0, 2, 7]))
                .await
                .unwrap()
                .status(),
        );
    }
    assert_eq!(statuses, [200, 200, 200, 429, 429]);
    let busy = app
        .clone()
        .oneshot(from("/es/about", [192, 0, 2, 7]))
        .await
        .unwrap();
    assert_eq!(busy.status(), 429);
    assert_eq!(busy.headers()["retry-after"], "60");
    assert_eq!(busy.headers()["cache-control"], "no-store");
    let body = http_body_util::BodyExt::collect(busy.into_body())
        .await
        .unwrap()
        .to_bytes();
    assert!(String::from_utf8_lossy(&body).contains("Espera un minuto"));
    let leave = app.clone().oneshot(from("/exit", [192, 0, 2, 7])).await.unwrap();
    assert_eq!(leave.status(), 303, "quick exit is never limited");
    for help in ["/hotlines", "/es/safety"] {
        let r = app.clone().oneshot(from(help, [192, 0, 2, 7])).await.unwrap();
        assert_eq!(r.status(), 200, "{help} is never limited");
    }
    let css = app
        .clone()
        .oneshot(from(&templates::assets::stylesheet(), [192, 0, 2, 7]))
        .await
        .unwrap();
    assert_eq!(css.status(), 200, "nor are the static files");
    let other = app
        .clone()
        .oneshot(from("/about", [198, 51, 100, 1]))
        .await
        .unwrap();
    assert_eq!(other.status(), 200, "another address is not affected");
}

/// Issue 16: a need tile pressed without a place does not list every city's services; it
/// lists the lines that serve the whole country and asks where. With a place, each card names
/// its city — never a confidential shelter's.
#[tokio::test]
async fn a_tile_without_a_place_asks_where_and_cards_name_their_city() {
    let directory = &fixture().1;
    let shelter = post_form(
        directory,
        "/search",
        &[("q", ""), ("place", ""), ("need", "shelter.emergency")],
    )
    .await
    .text();
    assert!(shelter.contains("Type a city or ZIP code"), "{shelter}");
    assert!(shelter.contains("for anyone in the country"), "{shelter}");
    assert!(
        shelter.contains("<details class=\"change\" open"),
        "the form opens at the place"
    );
    for local in [
        "Bayou Open Door Shelter",
        "Katy Family Shelter",
        "Hidden Harbor Safe House",
    ] {
        assert!(!shelter.contains(local), "{local} is not for anyone anywhere");
    }
    let planning = post_form(
        directory,
        "/search",
        &[("place", ""), ("need", "safety.planning")],
    )
    .await
    .text();
    let listed: Vec<&str> = planning
        .split("<h2><a href=\"/services/")
        .skip(1)
        .filter_map(|h| h.split('>').nth(1)?.split('<').next())
        .collect();
    assert_eq!(listed, ["National Helpline"]);
    let es = post_form(
        directory,
        "/es/search",
        &[("place", ""), ("need", "safety.planning")],
    )
    .await
    .text();
    assert!(
        es.contains("para cualquier persona en el país") && es.contains("Escribe una ciudad"),
        "{es}"
    );

    let near = post_form(
        directory,
        "/search",
        &[
            ("place", "Houston, TX"),
            ("need", "shelter.emergency"),
            ("radius_mi", "50"),
        ],
    )
    .await
    .text();
    let card = |name: &str| {
        near.split("<article>")
            .find(|a| a.contains(name))
            .unwrap_or_else(|| panic!("{name} is listed: {near}"))
            .to_owned()
    };
    assert!(card("Bayou Open Door Shelter").contains("<span class=\"locality\">Houston, TX</span>"));
    assert!(card("Katy Family Shelter").contains("<span class=\"locality\">Katy, TX</span>"));
    assert!(!card("Hidden Harbor Safe House").contains("locality"));
}
