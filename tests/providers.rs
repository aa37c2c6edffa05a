//! The providers' portal (issue 11): listings kept true by their providers — live in search
//! before the answer returns, valid HSDS after every edit, mistakes naming their field and
//! changing nothing, what changes who a service is for waiting for review, the history, and
//! freshness (confirming, the to-do, "may be out of date" and its lower rank).

use axum::http::StatusCode;
use pathways::domain::listing_edit::{AREA_FIELD, ListingForm};
use serde_json::{Value, json};

use crate::support::app::{Person, TestApp};
use crate::support::{needs, service};

/// Dana (directory admin), and Pia, staff of the provider organisation of the first
/// directory organisation; the id of that organisation's one service.
struct Portal {
    app: TestApp,
    dana: Person,
    pia: Person,
    listing: String,
}

async fn portal(app: TestApp) -> Portal {
    let dana = app.as_directory_admin().await;
    let (org, _) = app.directory.store.organizations_without_provider().unwrap()[0].clone();
    let r = app
        .act(&dana, "/staff/providers", &[("organization", &org)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let provider = app.directory.store.providers().unwrap()[0].0.id.0.clone();
    let pia = app.as_provider(&dana, &provider, "Pia").await;
    let listing = app.directory.store.listings_of(&org).unwrap()[0].id.clone();
    Portal {
        app,
        dana,
        pia,
        listing,
    }
}

/// The listing's form as it stands, with `changes` applied (a field set to "" is removed;
/// `need` and `condition` are added).
fn form_with(app: &TestApp, id: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let listing = app.directory.store.listing(id).unwrap().unwrap();
    let mut fields = ListingForm::of(&listing, &[]).fields;
    for (k, v) in changes {
        if !matches!(*k, "need" | "condition" | "attribute") {
            fields.retain(|(f, _)| f != k);
        }
        if !v.is_empty() {
            fields.push(((*k).to_owned(), (*v).to_owned()));
        }
    }
    fields
}

async fn save(p: &Portal, who: &Person, fields: &[(String, String)]) -> crate::support::Reply {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    p.app
        .act(who, &format!("/staff/listings/{}", p.listing), &pairs)
        .await
}

/// Hit ids of a public API search.
async fn search(app: &TestApp, query: &str) -> Vec<String> {
    let r = app.get(&format!("/api/v1/search?{query}"), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let body: Value = serde_json::from_slice(&r.body).unwrap();
    body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect()
}

fn stored_record(app: &TestApp, id: &str) -> Value {
    serde_json::from_str(&app.directory.store.service(id).unwrap().unwrap().hsds).unwrap()
}

#[tokio::test]
async fn an_edit_is_found_by_the_public_search_before_the_answer_returns() {
    let p = portal(TestApp::new()).await;
    let pia = p.app.login(&p.pia).await;
    assert!(search(&p.app, "q=zebrafinch").await.is_empty());
    let fields = form_with(
        &p.app,
        &p.listing,
        &[
            ("description", "Walk-in legal help. Ask for the zebrafinch desk."),
            ("hours_mo", "09:00-17:00"),
            ("capacity_available", "2"),
            ("capacity_maximum", "5"),
            ("capacity_unit", "appointments"),
            ("phones", "713-555-0199 | intake line"),
        ],
    );
    let r = save(&p, &pia, &fields).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(r.text().contains("fields are live now"), "{}", r.text());
    // Found right after the answer: no rebuild, no wait.
    assert_eq!(
        search(&p.app, "q=zebrafinch").await,
        std::slice::from_ref(&p.listing)
    );
    let listing = p.app.directory.store.listing(&p.listing).unwrap().unwrap();
    assert_eq!(listing.capacity.as_ref().unwrap().available, 2);
    assert_eq!(listing.capacity.as_ref().unwrap().unit, "appointments");
    assert_eq!(listing.phones[0].number, "713-555-0199");
    assert_eq!(listing.hours.week_texts(0), ["09:00–17:00"]);
    // The record stays valid HSDS 3.1, and holds the edit.
    let record = stored_record(&p.app, &p.listing);
    pathways::hsds::validate::Validators::get()
        .service(&record)
        .unwrap();
    assert_eq!(record["capacities"][0]["available"], 2);
    assert!(record["description"].as_str().unwrap().contains("zebrafinch"));
    // The history: who, which fields, old and new — to the organisation's staff and to
    // directory admins.
    for who in [&pia, &p.app.login(&p.dana).await] {
        let page = p
            .app
            .get(&format!("/staff/listings/{}", p.listing), Some(&who.cookie))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        let text = page.text();
        assert!(
            text.contains("Pia") && text.contains("capacity_available"),
            "{text}"
        );
        assert!(text.contains("Fictional test service.") && text.contains("zebrafinch desk"));
    }
    let changes = p.app.directory.store.listing_changes(&p.listing).unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].state, "live");
    assert_eq!(changes[0].actor, pia.id);
}

#[tokio::test]
async fn a_mistake_changes_nothing_and_keeps_what_was_typed() {
    let p = portal(TestApp::new()).await;
    let pia = p.app.login(&p.pia).await;
    let before = p.app.directory.store.service(&p.listing).unwrap().unwrap();
    let cases: [(&str, &str, &str); 4] = [
        ("capacity_available", "13", "cannot be more than places in all"),
        ("hours_tu", "9 to 5", "Write hours like 09:00-17:00"),
        ("phones", "call the office", "one phone number a line"),
        (AREA_FIELD, "the moon", "one area a line"),
    ];
    for (field, value, message) in cases {
        let fields = form_with(
            &p.app,
            &p.listing,
            &[
                ("description", "Typed but never saved: quokka."),
                ("capacity_maximum", "12"),
                ("capacity_available", "3"),
                (field, value),
            ],
        );
        let r = save(&p, &pia, &fields).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{field}");
        let text = r.text();
        assert!(text.contains(message), "{field}: {text}");
        assert!(
            text.contains(&format!("id=\"{field}-error\"")),
            "the message is next to {field}"
        );
        assert!(
            text.contains("Typed but never saved: quokka."),
            "what was typed is kept"
        );
    }
    // An unknown field is refused too (AC-4).
    let mut fields = form_with(&p.app, &p.listing, &[]);
    fields.push(("organization_id".into(), "another".into()));
    assert_eq!(save(&p, &pia, &fields).await.status, StatusCode::BAD_REQUEST);
    let after = p.app.directory.store.service(&p.listing).unwrap().unwrap();
    assert_eq!(after.hsds, before.hsds, "nothing changed");
    assert!(
        p.app
            .directory
            .store
            .listing_changes(&p.listing)
            .unwrap()
            .is_empty()
    );
    assert!(search(&p.app, "q=quokka").await.is_empty());
}

#[tokio::test]
async fn who_a_service_is_for_changes_only_when_a_directory_admin_approves() {
    let p = portal(TestApp::new()).await;
    let pia = p.app.login(&p.pia).await;
    let dana = p.app.login(&p.dana).await;
    let by_need = "need=legal.immigration&limit=50";
    assert!(!search(&p.app, by_need).await.contains(&p.listing));
    let propose = form_with(
        &p.app,
        &p.listing,
        &[("need", "legal.immigration"), ("condition", "id_required")],
    );
    let r = save(&p, &pia, &propose).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text().contains("wait for a directory admin"), "{}", r.text());
    let listing = p.app.directory.store.listing(&p.listing).unwrap().unwrap();
    assert!(
        !listing.needs.contains(&"legal.immigration".to_owned()),
        "not live before review"
    );
    assert!(listing.conditions.is_empty());
    assert!(!search(&p.app, by_need).await.contains(&p.listing));
    // The queue shows it side by side; sending it back changes nothing public.
    let queue = p.app.get("/staff/reviews", Some(&dana.cookie)).await;
    assert!(queue.text().contains("legal.immigration"), "{}", queue.text());
    let change = p.app.directory.store.pending_changes().unwrap()[0].id.clone();
    let empty = p
        .app
        .act(
            &dana,
            &format!("/staff/reviews/{change}/send-back"),
            &[("note", "")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST, "a send-back names why");
    let back = p
        .app
        .act(
            &dana,
            &format!("/staff/reviews/{change}/send-back"),
            &[("note", "Which immigration help: T visas?")],
        )
        .await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    let after = p.app.directory.store.listing(&p.listing).unwrap().unwrap();
    assert_eq!(after, listing, "sending back changes nothing");
    assert!(!search(&p.app, by_need).await.contains(&p.listing));
    let history = p
        .app
        .get(&format!("/staff/listings/{}", p.listing), Some(&pia.cookie))
        .await;
    assert!(history.text().contains("sent back") && history.text().contains("T visas?"));
    // Proposed again and approved: live at once.
    save(&p, &pia, &propose).await;
    let change = p.app.directory.store.pending_changes().unwrap()[0].id.clone();
    let ok = p
        .app
        .act(&dana, &format!("/staff/reviews/{change}/approve"), &[])
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let live = p.app.directory.store.listing(&p.listing).unwrap().unwrap();
    assert!(live.needs.contains(&"legal.immigration".to_owned()));
    assert_eq!(live.conditions.len(), 1);
    assert!(search(&p.app, by_need).await.contains(&p.listing));
    pathways::hsds::validate::Validators::get()
        .service(&stored_record(&p.app, &p.listing))
        .unwrap();
    // Deciding twice does nothing more.
    let again = p
        .app
        .act(&dana, &format!("/staff/reviews/{change}/approve"), &[])
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn confirming_sets_the_date_and_clears_the_to_do() {
    let p = portal(TestApp::new()).await;
    let pia = p.app.login(&p.pia).await;
    let home = p.app.get("/staff", Some(&pia.cookie)).await;
    assert!(
        home.text().contains("not been confirmed for six months"),
        "{}",
        home.text()
    );
    let dana = p.app.login(&p.dana).await;
    let list = p.app.get("/staff/listings", Some(&dana.cookie)).await;
    assert!(list.text().contains("0 / 1"), "{}", list.text());
    let r = p
        .app
        .act(&pia, &format!("/staff/listings/{}/confirm", p.listing), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let listing = p.app.directory.store.listing(&p.listing).unwrap().unwrap();
    let today = jiff::Timestamp::from_second(p.app.clock.now())
        .unwrap()
        .strftime("%Y-%m-%d")
        .to_string();
    assert_eq!(listing.verified.as_deref(), Some(today.as_str()));
    let home = p.app.get("/staff", Some(&pia.cookie)).await;
    assert!(!home.text().contains("not been confirmed"));
    let dana = p.app.login(&p.dana).await;
    let list = p.app.get("/staff/listings", Some(&dana.cookie)).await;
    assert!(list.text().contains("1 / 1"), "{}", list.text());
    // Half a year on, it is a to-do again.
    p.app.clock.advance(200 * 86_400);
    let pia = p.app.login(&p.pia).await;
    let home = p.app.get("/staff", Some(&pia.cookie)).await;
    assert!(home.text().contains("not been confirmed for six months"));
}

#[tokio::test]
async fn a_listing_unchecked_for_a_year_says_so_and_ranks_below_a_fresh_equal() {
    let today = jiff::Timestamp::now().strftime("%Y-%m-%d").to_string();
    let twin = |name: &str, checked: &str| {
        service(
            name,
            "Fictional test service. Warm meals every evening.",
            json!({"assured_date": checked, "attributes": needs(&["basic.food"])}),
        )
    };
    let app = TestApp::builder()
        .listings([twin("Old Kitchen", "2024-06-01"), twin("New Kitchen", &today)])
        .build();
    let r = app.get("/api/v1/search?q=warm%20meals%20evening", None).await;
    let body: Value = serde_json::from_slice(&r.body).unwrap();
    let names: Vec<&str> = body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["New Kitchen", "Old Kitchen"],
        "stale ranks below its fresh equal"
    );
    for (name, outdated) in [("Old Kitchen", true), ("New Kitchen", false)] {
        let id = body["hits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["name"] == name)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        for (path, words) in [
            (format!("/services/{id}"), "may be out of date"),
            (format!("/es/services/{id}"), "puede estar desactualizada"),
        ] {
            let page = app.get(&path, None).await;
            assert_eq!(page.text().contains(words), outdated, "{name} {path}");
        }
    }
}

/// A PUT of the capacity API.
async fn put_capacity(
    app: &TestApp,
    service: &str,
    token: Option<&str>,
    body: &str,
) -> crate::support::Reply {
    let mut b = axum::http::Request::builder()
        .method("PUT")
        .uri(format!("/api/v1/services/{service}/capacity"))
        .header("content-type", "application/json");
    if let Some(t) = token {
        b = b.header("authorization", format!("Bearer {t}"));
    }
    app.call(b.body(axum::body::Body::from(body.to_owned())).unwrap())
        .await
}

#[tokio::test]
async fn capacity_arrives_by_api_with_a_live_token_of_the_organisation_only() {
    let p = portal(TestApp::new()).await;
    let pia = p.app.login(&p.pia).await;
    let made = p.app.act(&pia, "/staff/tokens", &[("name", "Bed board")]).await;
    assert_eq!(made.status, StatusCode::OK);
    let text = made.text();
    let secret = text
        .split("<code class=\"secret\">")
        .nth(1)
        .and_then(|t| t.split('<').next())
        .unwrap()
        .to_owned();
    assert_eq!(secret.len(), 43, "256 random bits");
    let token_row = &p
        .app
        .directory
        .store
        .api_tokens_of(&p.app.directory.store.providers().unwrap()[0].0.id)
        .unwrap()[0];
    assert_eq!(token_row.name, "Bed board");
    let all = p.app.dir.stored();
    assert!(
        !crate::support::contains(&all, &secret),
        "PRV-2: only its hash is stored"
    );
    // A good update: live at once, in the listing, the public API and the history.
    let ok = put_capacity(
        &p.app,
        &p.listing,
        Some(&secret),
        r#"{"available": 4, "maximum": 9, "unit": "beds"}"#,
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text());
    let public = p.app.get(&format!("/api/v1/services/{}", p.listing), None).await;
    let body: Value = serde_json::from_slice(&public.body).unwrap();
    assert_eq!(body["capacity"]["available"], 4);
    assert_eq!(body["capacity"]["unit"], "beds");
    let history = p.app.directory.store.listing_changes(&p.listing).unwrap();
    assert_eq!(history[0].note.as_deref(), Some("API token: Bed board"));
    let tokens_page = p.app.get("/staff/tokens", Some(&pia.cookie)).await;
    assert!(
        tokens_page.text().contains("last used 29 Nov 2026"),
        "{}",
        tokens_page.text()
    );
    // Refusals change nothing.
    let before = p.app.directory.store.service(&p.listing).unwrap().unwrap().hsds;
    let none = put_capacity(&p.app, &p.listing, None, r#"{"available": 1}"#).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    assert_eq!(none.headers["www-authenticate"], "Bearer");
    let wrong = put_capacity(&p.app, &p.listing, Some(&"A".repeat(43)), r#"{"available": 1}"#).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let other = p
        .app
        .directory
        .store
        .listing_ids()
        .unwrap()
        .into_iter()
        .find(|id| *id != p.listing)
        .unwrap();
    let elsewhere = put_capacity(&p.app, &other, Some(&secret), r#"{"available": 1}"#).await;
    assert_eq!(
        elsewhere.status,
        StatusCode::NOT_FOUND,
        "another organisation's service"
    );
    for (body, field) in [
        (r#"{"available": 10, "maximum": 9}"#, "available"),
        (r#"{"available": -2}"#, "available"),
        (r#"{"available": 1, "beds": 3}"#, "beds"),
        (r#"{"maximum": 3}"#, "available"),
        ("available=3", "body"),
    ] {
        let r = put_capacity(&p.app, &p.listing, Some(&secret), body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}");
        let json: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(json["error"]["parameter"], field, "{body}");
    }
    assert_eq!(
        p.app.directory.store.service(&p.listing).unwrap().unwrap().hsds,
        before
    );
    // Revoked: refused at once.
    let id = p
        .app
        .directory
        .store
        .api_tokens_of(&p.app.directory.store.providers().unwrap()[0].0.id)
        .unwrap()[0]
        .id
        .clone();
    let r = p.app.act(&pia, &format!("/staff/tokens/{id}/revoke"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let revoked = put_capacity(&p.app, &p.listing, Some(&secret), r#"{"available": 1}"#).await;
    assert_eq!(revoked.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        p.app.directory.store.service(&p.listing).unwrap().unwrap().hsds,
        before
    );
}

#[tokio::test]
async fn each_token_is_rate_limited() {
    let p = portal(TestApp::new()).await;
    let pia = p.app.login(&p.pia).await;
    let made = p.app.act(&pia, "/staff/tokens", &[("name", "Loop")]).await;
    let secret = made
        .text()
        .split("<code class=\"secret\">")
        .nth(1)
        .and_then(|t| t.split('<').next())
        .unwrap()
        .to_owned();
    let mut limited = 0;
    for n in 0..40 {
        let r = put_capacity(
            &p.app,
            &p.listing,
            Some(&secret),
            &format!(r#"{{"available": {n}}}"#),
        )
        .await;
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            assert!(n >= 30, "the first 30 pass");
            limited += 1;
        } else {
            assert_eq!(r.status, StatusCode::OK);
        }
    }
    // A burst of 30 at once, then about one a second (the test's own pace adds a few).
    assert!((1..=10).contains(&limited), "{limited} refused of 40");
}

/// Ben (an advocate) has a survivor whose first need he referred and sent to Pia's
/// organisation's service: (Ben, survivor id, need code, referral id).
async fn sent_referral(p: &Portal) -> (Person, pathways::domain::ids::SurvivorId, String, String) {
    let dana = p.app.login(&p.dana).await;
    let north = p.app.agency(&dana, "North").await;
    let ben = p.app.as_advocate(&dana, &north, "Ben").await;
    let id = p
        .app
        .open_record(
            &ben,
            &[
                ("pseudonym", "Zola-canary-7"),
                ("age_band", "adult"),
                ("language_1", "es"),
                ("place", "77002"),
                ("text", "1"),
                ("safe_hours", "mornings"),
                ("notes", "notes-canary-5521"),
                ("template", "adult"),
            ],
        )
        .await;
    let needs = p.app.directory.store.plan_needs(&id).unwrap();
    let (need, other) = (&needs[0], &needs[1]);
    for n in [need, other] {
        p.app
            .act(
                &ben,
                &format!("/staff/survivors/{id}/needs/{}", n.id),
                &[
                    ("status", "being_arranged"),
                    ("priority", "high"),
                    ("their_words", "words-canary-300"),
                ],
            )
            .await;
    }
    // The first need to Pia's service, the second to another organisation's.
    let other_service = p
        .app
        .directory
        .store
        .listing_ids()
        .unwrap()
        .into_iter()
        .find(|s| *s != p.listing)
        .unwrap();
    for (n, service) in [(need, &p.listing), (other, &other_service)] {
        let r = p
            .app
            .act(
                &ben,
                &format!("/staff/survivors/{id}/needs/{}/referrals", n.id),
                &[("service", service)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let referral = p
            .app
            .directory
            .store
            .referrals_of(&id)
            .unwrap()
            .into_iter()
            .find(|r| r.service == *service)
            .unwrap()
            .id;
        p.app
            .act(
                &ben,
                &format!("/staff/referrals/{referral}/status"),
                &[("status", "sent")],
            )
            .await;
    }
    let referral = p
        .app
        .directory
        .store
        .referrals_of(&id)
        .unwrap()
        .into_iter()
        .find(|r| r.service == p.listing)
        .unwrap()
        .id
        .0;
    (ben, id, need.code.clone(), referral)
}

#[tokio::test]
async fn the_inbox_shows_exactly_what_was_consented_and_answers_reach_the_plan() {
    let p = portal(TestApp::new()).await;
    let (ben, survivor, _need, referral) = sent_referral(&p).await;
    let org = p
        .app
        .directory
        .store
        .listing(&p.listing)
        .unwrap()
        .unwrap()
        .organization_id;
    let inbox = |pia: Person| {
        let app = &p.app;
        async move { app.get("/staff/referrals", Some(&pia.cookie)).await.text() }
    };
    let pia = p.app.login(&p.pia).await;
    let reference = p
        .app
        .directory
        .store
        .referrals_of(&survivor)
        .unwrap()
        .into_iter()
        .find(|r| r.id.0 == referral)
        .unwrap()
        .reference;
    // No consent: the reference and the need, nothing else — never the other referral, the
    // notes, or another need.
    let page = inbox(pia.clone()).await;
    assert!(
        page.contains(&reference) && page.contains("Nothing more is shared"),
        "{page}"
    );
    assert_eq!(
        page.matches("<article").count(),
        1,
        "only the referral sent to them"
    );
    for canary in [
        "Zola-canary-7",
        "notes-canary-5521",
        "words-canary-300",
        "mornings",
    ] {
        assert!(!page.contains(canary), "{canary} without consent");
    }
    let expires = |days: i64| {
        jiff::Timestamp::from_second(p.app.clock.now() + days * 86_400)
            .unwrap()
            .strftime("%Y-%m-%d")
            .to_string()
    };
    // Identity only: the name, never the contact or their words.
    let give = |groups: &'static [&'static str], until: String| {
        let (app, ben, survivor, org) = (&p.app, &ben, &survivor, &org);
        async move {
            let mut pairs = vec![
                ("organization", org.as_str()),
                ("purpose", "intake"),
                ("expires", until.as_str()),
            ];
            pairs.extend(groups.iter().map(|g| (*g, "yes")));
            let r = app
                .act(ben, &format!("/staff/survivors/{survivor}/consents"), &pairs)
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        }
    };
    give(&["share_identity"], expires(30)).await;
    let page = inbox(p.app.login(&p.pia).await).await;
    assert!(page.contains("Zola-canary-7"));
    assert!(!page.contains("mornings") && !page.contains("words-canary-300"));
    // Revoked: gone at once.
    let consent = p.app.directory.store.consents_of(&survivor).unwrap()[0]
        .id
        .clone();
    p.app
        .act(&ben, &format!("/staff/consents/{consent}/revoke"), &[])
        .await;
    let page = inbox(p.app.login(&p.pia).await).await;
    assert!(!page.contains("Zola-canary-7"), "revoked");
    // Contact and their words until tomorrow: shown, then expired.
    give(&["share_contact", "share_needs"], expires(1)).await;
    let page = inbox(p.app.login(&p.pia).await).await;
    assert!(page.contains("mornings") && page.contains("words-canary-300"));
    assert!(!page.contains("Zola-canary-7"));
    p.app.clock.advance(3 * 86_400);
    let page = inbox(p.app.login(&p.pia).await).await;
    assert!(
        !page.contains("mornings") && !page.contains("words-canary-300"),
        "expired"
    );
    // Answers are steps of the same loop, on the advocate's plan at once.
    let pia = p.app.login(&p.pia).await;
    let bad = p
        .app
        .act(
            &pia,
            &format!("/staff/referrals/{referral}/answer"),
            &[("status", "declined")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "a decline needs a reason");
    let skip = p
        .app
        .act(
            &pia,
            &format!("/staff/referrals/{referral}/answer"),
            &[("status", "completed")],
        )
        .await;
    assert_eq!(skip.status, StatusCode::BAD_REQUEST, "not before it started");
    for step in ["accepted", "started"] {
        let r = p
            .app
            .act(
                &pia,
                &format!("/staff/referrals/{referral}/answer"),
                &[("status", step)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{step}");
    }
    let ben = p.app.login(&ben).await;
    let plan = p
        .app
        .get(&format!("/staff/survivors/{survivor}"), Some(&ben.cookie))
        .await;
    assert!(plan.text().contains("Started"), "{}", plan.text());
    let answered = p
        .app
        .audit()
        .into_iter()
        .filter(|e| e.action == "referral.answer" && e.actor.as_deref() == Some(pia.id.as_str()))
        .count();
    assert_eq!(answered, 2, "each answer audited");
}

/// A local endpoint standing in for a provider's system: it records every request and
/// answers with the statuses it is given in turn (then 200).
struct Endpoint {
    url: String,
    got: std::sync::Arc<std::sync::Mutex<Vec<(axum::http::HeaderMap, String)>>>,
}

async fn endpoint(statuses: Vec<u16>) -> Endpoint {
    use std::sync::{Arc, Mutex};
    let got: Arc<Mutex<Vec<(axum::http::HeaderMap, String)>>> = Arc::default();
    let answers = Arc::new(Mutex::new(statuses.into_iter()));
    let (g, a) = (got.clone(), answers.clone());
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: axum::http::HeaderMap, body: String| {
            let (g, a) = (g.clone(), a.clone());
            async move {
                g.lock().unwrap().push((headers, body));
                let status = a.lock().unwrap().next().unwrap_or(200);
                StatusCode::from_u16(status).unwrap()
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Endpoint { url, got }
}

fn secret_in(page: &str) -> String {
    page.split("<code class=\"secret\">")
        .nth(1)
        .and_then(|t| t.split('<').next())
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn webhooks_are_signed_hold_no_survivor_field_and_are_retried_then_given_up() {
    use pathways::services::staff::webhooks::{MAX_ATTEMPTS, deliver_due, signature};
    let p = portal(TestApp::new()).await;
    let client = pathways::services::staff::webhooks::client().unwrap();
    let pia = p.app.login(&p.pia).await;
    // The first attempt meets a 500; the next one gets through.
    let good = endpoint(vec![500]).await;
    let refused = p
        .app
        .act(
            &pia,
            "/staff/webhooks",
            &[("url", "http://provider.example/hook")],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::BAD_REQUEST,
        "https only (or this machine)"
    );
    let made = p.app.act(&pia, "/staff/webhooks", &[("url", &good.url)]).await;
    assert_eq!(made.status, StatusCode::OK);
    let secret = secret_in(&made.text());
    assert!(!crate::support::contains(&p.app.dir.stored(), &secret));
    let (_ben, _survivor, need, referral) = sent_referral(&p).await;
    // Queued by the change, sent by the worker (not by the request).
    assert!(good.got.lock().unwrap().is_empty());
    assert_eq!(
        deliver_due(&p.app.staff, &client).await.unwrap(),
        1,
        "one event: the referral sent to Pia's service"
    );
    assert_eq!(
        deliver_due(&p.app.staff, &client).await.unwrap(),
        0,
        "a failed delivery waits before its retry"
    );
    p.app.clock.advance(31);
    assert_eq!(deliver_due(&p.app.staff, &client).await.unwrap(), 1);
    let got = good.got.lock().unwrap().clone();
    assert_eq!(got.len(), 2, "the 500 was retried");
    let (headers, body) = &got[1];
    let header = headers["pathways-signature"].to_str().unwrap();
    let t: i64 = header
        .split(',')
        .next()
        .unwrap()
        .trim_start_matches("t=")
        .parse()
        .unwrap();
    assert_eq!(
        header,
        signature(secret.as_bytes(), t, body),
        "the signature verifies"
    );
    let json: Value = serde_json::from_str(body).unwrap();
    assert_eq!(json["referral_id"], referral.as_str());
    assert_eq!(json["status"], "sent");
    assert_eq!(json["need"], need.as_str());
    for canary in [
        "Zola-canary-7",
        "notes-canary-5521",
        "words-canary-300",
        "mornings",
        "77002",
    ] {
        assert!(!body.contains(canary), "PRV-3: {canary} in a webhook body");
    }
    let page = p.app.get("/staff/webhooks", Some(&pia.cookie)).await.text();
    assert!(
        page.contains("delivered") && page.contains("2 attempts"),
        "{page}"
    );

    // An endpoint that always fails: given up after the last attempt, and the page says so.
    let down = endpoint(vec![503; 20]).await;
    p.app.act(&pia, "/staff/webhooks", &[("url", &down.url)]).await;
    let r = p
        .app
        .act(
            &pia,
            &format!("/staff/referrals/{referral}/answer"),
            &[("status", "received")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    for _ in 0..MAX_ATTEMPTS + 2 {
        deliver_due(&p.app.staff, &client).await.unwrap();
        p.app.clock.advance(3600);
    }
    assert_eq!(
        down.got.lock().unwrap().len(),
        MAX_ATTEMPTS as usize,
        "no more than the last attempt"
    );
    let page = p
        .app
        .get("/staff/webhooks", Some(&p.app.login(&p.pia).await.cookie))
        .await
        .text();
    assert!(
        page.contains("failed, given up") && page.contains("HTTP 503"),
        "{page}"
    );

    // A delivery pending when the server stops is sent by the next one.
    let later = endpoint(vec![]).await;
    let pia = p.app.login(&p.pia).await;
    p.app.act(&pia, "/staff/webhooks", &[("url", &later.url)]).await;
    p.app
        .act(
            &pia,
            &format!("/staff/referrals/{referral}/answer"),
            &[("status", "accepted")],
        )
        .await;
    let restarted = std::sync::Arc::new(
        pathways::services::staff::Staff::open(
            std::sync::Arc::new(p.app.dir.open()),
            &p.app.dir.keys(),
            pathways::crypto::password::Cost::FLOOR,
            p.app.clock.clone(),
            pathways::services::staff::StaffSettings::default(),
        )
        .unwrap()
        .0,
    );
    deliver_due(&restarted, &client).await.unwrap();
    let got = later.got.lock().unwrap().clone();
    assert_eq!(got.len(), 1, "sent after the restart");
    assert!(got[0].1.contains("\"accepted\""));
}

#[tokio::test]
async fn a_proposed_new_service_is_public_only_once_approved() {
    let p = portal(TestApp::new()).await;
    let pia = p.app.login(&p.pia).await;
    let page = p.app.get("/staff/listings/new", Some(&pia.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    let mut form = form_with(
        &p.app,
        &p.listing,
        &[
            ("name", "Night Owl Drop-In"),
            (
                "description",
                "Fictional test service. Late-night drop-in with a kettle and kapok pillows.",
            ),
        ],
    );
    form.retain(|(k, _)| k != "need");
    form.push(("need".into(), "shelter.emergency".into()));
    let empty: Vec<(String, String)> = form.iter().filter(|(k, _)| k != "name").cloned().collect();
    let pairs: Vec<(&str, &str)> = empty.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = p.app.act(&pia, "/staff/listings/new", &pairs).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "a new service needs a name");
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = p.app.act(&pia, "/staff/listings/new", &pairs).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        search(&p.app, "q=kapok").await.is_empty(),
        "not public before review"
    );
    let dana = p.app.login(&p.dana).await;
    let queue = p.app.get("/staff/reviews", Some(&dana.cookie)).await.text();
    assert!(queue.contains("Night Owl Drop-In"), "{queue}");
    let change = p.app.directory.store.pending_changes().unwrap()[0].id.clone();
    let ok = p
        .app
        .act(&dana, &format!("/staff/reviews/{change}/approve"), &[])
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let found = search(&p.app, "q=kapok").await;
    assert_eq!(found.len(), 1, "public once approved");
    let listing = p.app.directory.store.listing(&found[0]).unwrap().unwrap();
    let org = p
        .app
        .directory
        .store
        .listing(&p.listing)
        .unwrap()
        .unwrap()
        .organization_id;
    assert_eq!(
        (listing.name.as_str(), listing.organization_id),
        ("Night Owl Drop-In", org)
    );
    pathways::hsds::validate::Validators::get()
        .service(&stored_record(&p.app, &found[0]))
        .unwrap();
    // Its provider keeps it like any other.
    let list = p
        .app
        .get("/staff/listings", Some(&p.app.login(&p.pia).await.cookie))
        .await;
    assert!(list.text().contains("Night Owl Drop-In"));
}

#[tokio::test]
async fn a_holiday_closure_closes_a_listing_in_search_and_says_so() {
    let p = portal(TestApp::new()).await;
    let pia = p.app.login(&p.pia).await;
    let day = |offset: i64| {
        jiff::Timestamp::from_second(jiff::Timestamp::now().as_second() + offset * 86_400)
            .unwrap()
            .strftime("%Y-%m-%d")
            .to_string()
    };
    let always: Vec<(&str, &str)> = [
        "hours_mo", "hours_tu", "hours_we", "hours_th", "hours_fr", "hours_sa", "hours_su",
    ]
    .into_iter()
    .map(|d| (d, "00:00-24:00"))
    .collect();
    let closure = format!("{}..{} | Holiday", day(-1), day(1));
    let mut changes = always.clone();
    changes.push(("closures", &closure));
    let r = save(&p, &pia, &form_with(&p.app, &p.listing, &changes)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    // Closed today, whatever the week says: not "open now", in the filter or on the hit.
    assert!(
        !search(&p.app, "open_now=true&limit=50")
            .await
            .contains(&p.listing)
    );
    let body: Value = serde_json::from_slice(&p.app.get("/api/v1/search?limit=50", None).await.body).unwrap();
    let hit = body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == p.listing.as_str())
        .unwrap()
        .clone();
    assert_eq!(hit["open_now"], false, "{hit}");
    let page = p.app.get(&format!("/services/{}", p.listing), None).await.text();
    assert!(page.contains("Closed on") && page.contains("Holiday"), "{page}");
    // A search near a place still works over the segment the edit wrote.
    search(&p.app, "place=Houston,%20TX").await;
    // The closure taken off: open around the clock again.
    let r = save(&p, &pia, &form_with(&p.app, &p.listing, &[("closures", "")])).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        search(&p.app, "open_now=true&limit=50")
            .await
            .contains(&p.listing)
    );
    let bad = save(
        &p,
        &pia,
        &form_with(&p.app, &p.listing, &[("closures", "2026-12-26..2026-12-24")]),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn providers_set_their_own_attributes_but_not_the_directory_s() {
    let p = portal(TestApp::new()).await;
    let pia = p.app.login(&p.pia).await;
    let fields = form_with(
        &p.app,
        &p.listing,
        &[
            ("attribute", "walk_in"),
            ("attribute", "survivor_led"),
            ("culturally_specific", "Spanish-speaking families"),
        ],
    );
    let r = save(&p, &pia, &fields).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let listing = p.app.directory.store.listing(&p.listing).unwrap().unwrap();
    assert!(listing.walk_in && listing.survivor_led && !listing.lgbtq_affirming);
    assert_eq!(
        listing.culturally_specific.as_deref(),
        Some("Spanish-speaking families")
    );
    assert!(search(&p.app, "walk_in=true&limit=50").await.contains(&p.listing));
    // Marking itself confidential (or sample data) is the directory's call, not the form's.
    let mut fields = form_with(&p.app, &p.listing, &[]);
    fields.push(("attribute".into(), "confidential_location".into()));
    assert_eq!(save(&p, &pia, &fields).await.status, StatusCode::BAD_REQUEST);
    assert!(
        !p.app
            .directory
            .store
            .listing(&p.listing)
            .unwrap()
            .unwrap()
            .confidential
    );
}

#[tokio::test]
async fn an_office_address_waits_for_review_then_places_the_service() {
    let p = portal(TestApp::new()).await;
    let pia = p.app.login(&p.pia).await;
    let near = "place=77002&radius_km=10&limit=50";
    assert!(!search(&p.app, near).await.contains(&p.listing), "no office yet");
    let bad = form_with(
        &p.app,
        &p.listing,
        &[
            ("address_street", "1 Test Street"),
            ("address_city", "Houston"),
            ("address_state", "Texas"),
            ("address_zip", "77002"),
        ],
    );
    assert_eq!(
        save(&p, &pia, &bad).await.status,
        StatusCode::BAD_REQUEST,
        "a state is two letters"
    );
    let fields = form_with(
        &p.app,
        &p.listing,
        &[
            ("address_street", "1 Test Street"),
            ("address_city", "Houston"),
            ("address_state", "TX"),
            ("address_zip", "77002"),
        ],
    );
    let r = save(&p, &pia, &fields).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        p.app
            .directory
            .store
            .listing(&p.listing)
            .unwrap()
            .unwrap()
            .office
            .is_none(),
        "not before review"
    );
    let dana = p.app.login(&p.dana).await;
    let change = p.app.directory.store.pending_changes().unwrap()[0].clone();
    assert!(
        change.fields.contains("1 Test Street, Houston, TX 77002"),
        "{}",
        change.fields
    );
    let ok = p
        .app
        .act(&dana, &format!("/staff/reviews/{}/approve", change.id), &[])
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let office = p
        .app
        .directory
        .store
        .listing(&p.listing)
        .unwrap()
        .unwrap()
        .office
        .unwrap();
    assert_eq!(office.address[0], "1 Test Street");
    assert!(office.point.is_some(), "placed by its ZIP code");
    assert!(search(&p.app, near).await.contains(&p.listing));
    pathways::hsds::validate::Validators::get()
        .service(&stored_record(&p.app, &p.listing))
        .unwrap();
}

/// Issue 15, part 2: a directory admin downloads the whole directory as one zip — HSDS JSON
/// and the tabular package — from the listings page; it imports into an empty directory as
/// the same services; nobody else may have it, and the download is audited.
#[tokio::test]
async fn a_directory_admin_downloads_the_whole_directory_as_hsds_in_a_zip() {
    use std::io::Read;
    let mut hidden = service("Quiet Harbor", "Safe house.", json!({}));
    hidden["attributes"] = json!([crate::support::term(
        "pathways-attributes",
        "confidential_location"
    )]);
    hidden["service_at_locations"] =
        crate::support::office(29.77, -95.37, "12 Secret Lane", "Houston", "TX", "77002");
    let app = TestApp::builder().listings([hidden]).build();
    let dana = app.as_directory_admin().await;
    let page = app.get("/staff/listings", Some(&dana.cookie)).await;
    assert!(page.text().contains("href=\"/staff/directory/export.zip\""));

    let r = app.get("/staff/directory/export.zip", Some(&dana.cookie)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["content-type"], "application/zip");
    assert!(
        r.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("pathways-hsds-")
    );
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(r.body.clone())).unwrap();
    let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    names.sort();
    assert!(names.contains(&"hsds.json".to_owned()), "{names:?}");
    assert!(
        names.contains(&"tabular/datapackage.json".to_owned())
            && names.contains(&"tabular/services.csv".to_owned())
    );
    let mut hsds = String::new();
    zip.by_name("hsds.json")
        .unwrap()
        .read_to_string(&mut hsds)
        .unwrap();
    assert!(!hsds.contains("Secret Lane"), "a confidential place never leaves");
    // What it holds imports as the same services.
    let copy = crate::support::TestDir::new();
    let directory = copy.open();
    let file = copy.write("hsds.json", &serde_json::from_str(&hsds).unwrap());
    directory.import_paths(&[file]).unwrap();
    let mut ids = directory.store.listing_ids().unwrap();
    let mut expected = app.directory.store.listing_ids().unwrap();
    ids.sort();
    expected.sort();
    assert_eq!(ids, expected);
    assert!(
        app.audit()
            .iter()
            .any(|e| e.action == "directory.export" && e.allowed)
    );

    // An advocate or a provider gets the same answer as for a page that is not there.
    let agency = app.agency(&dana, "Eastside Agency").await;
    let ann = app.as_advocate(&dana, &agency, "Ann").await;
    let refused = app.get("/staff/directory/export.zip", Some(&ann.cookie)).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert!(zip::ZipArchive::new(std::io::Cursor::new(refused.body)).is_err());
}
