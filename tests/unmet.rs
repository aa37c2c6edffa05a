//! Issue 13, unmet need: counts by need and by county for an agency's admins, and for the
//! network of agencies that opted in (directory admins) — small cells shown as <5, their
//! partners withheld, the opt-in respected and audited, the CSV the same table.

use axum::http::StatusCode;

use crate::support::app::TestApp;

#[tokio::test]
async fn unmet_need_is_counted_by_need_and_county_suppressed_and_shared_only_when_opted_in() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    let north = app.agency(&dana, "North").await;
    let ana = app.as_agency_admin(&dana, &north, "Ana").await;
    let ben = app.as_advocate(&ana, &north, "Ben").await;
    // Six survivors in Houston and one in Baton Rouge, each with the adult plan's needs.
    let mut ids = Vec::new();
    for (i, place) in ["Houston, TX"; 6].iter().chain(&["Baton Rouge, LA"]).enumerate() {
        ids.push(
            app.open_record(
                &ben,
                &[
                    ("pseudonym", &format!("U{i}-unmet-canary")),
                    ("age_band", "adult"),
                    ("place", place),
                    ("template", "adult"),
                ],
            )
            .await,
        );
    }
    // One referral made: a count of one.
    let first = app.directory.store.plan_needs(&ids[0]).unwrap()[0].clone();
    let service = app.directory.store.listing_ids().unwrap()[0].clone();
    let r = app
        .act(
            &ben,
            &format!("/staff/survivors/{}/needs/{}/referrals", ids[0], first.id),
            &[("service", &service)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let r = app
        .act(
            &ben,
            &format!(
                "/staff/referrals/{}/status",
                app.directory.store.referrals_of(&ids[0]).unwrap()[0].id
            ),
            &[("status", "sent")],
        )
        .await;
    assert!(
        r.status.is_redirection() || r.status == StatusCode::OK,
        "{}",
        r.text()
    );

    // By county, for the agency's admin: Harris County's needs, East Baton Rouge's few.
    let page = app.get("/staff/reports/unmet?by=county", Some(&ana.cookie)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let text = page.text();
    assert!(text.contains("Harris County, TX"), "{text}");
    assert!(text.contains("East Baton Rouge Parish, LA"), "{text}");
    assert!(text.contains("&lt;5"), "a small cell: {text}");
    for small in 1..5 {
        assert!(
            !text.contains(&format!("<td>{small}</td>")),
            "{small} shown: {text}"
        );
    }
    assert!(!text.contains("unmet-canary"), "no survivor on a report");

    // By need, as CSV: the same table, a line a need and the total.
    let csv = app
        .get("/staff/reports/unmet?by=need&format=csv", Some(&ana.cookie))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let body = csv.text();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let needs = app.directory.store.plan_needs(&ids[0]).unwrap().len();
    assert_eq!(rows.len(), needs + 1, "{body}");
    assert_eq!(&rows[rows.len() - 1][0], "total");
    for row in &rows {
        for cell in row.iter().skip(2).take(6) {
            assert!(
                cell == "<5" || cell == "x" || cell == "0" || cell.parse::<u64>().unwrap() >= 5,
                "{cell} in {row:?}"
            );
        }
    }
    // Seven survivors with the same plan: each need identified seven times.
    assert!(rows.iter().take(needs).all(|r| &r[2] == "7"), "{body}");

    // The network's view holds no agency until North opts in.
    let network = app
        .get("/staff/reports/unmet?scope=network", Some(&dana.cookie))
        .await;
    assert_eq!(network.status, StatusCode::OK);
    assert!(
        network.text().contains("Counts of 0 agencies"),
        "{}",
        network.text()
    );
    let r = app
        .act(
            &ana,
            "/staff/reports/unmet/share",
            &[("agency", &north), ("share", "on")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert!(
        app.audit()
            .iter()
            .any(|e| e.action == "agency.network_reports" && e.record.ends_with(" on"))
    );
    let network = app
        .get("/staff/reports/unmet?scope=network&by=need", Some(&dana.cookie))
        .await;
    let text = network.text();
    assert!(text.contains("Counts of 1 agency that shares them"), "{text}");
    assert!(text.contains("<td>7</td>"), "{text}");
    // A directory admin cannot opt an agency in, and an advocate reads no counts.
    let r = app
        .act(
            &dana,
            "/staff/reports/unmet/share",
            &[("agency", &north), ("share", "off")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get("/staff/reports/unmet", Some(&ben.cookie)).await.status,
        StatusCode::NOT_FOUND
    );
    // The gap report: East Baton Rouge has no Louisiana service in the directory, so each of
    // its needs is a gap; a Harris County need is one only where coverage says no service is
    // within 25 miles. Counts are rounded (six needs read as 5; one as <5).
    let gaps = app.get("/staff/reports/gaps?format=csv", Some(&ana.cookie)).await;
    assert_eq!(gaps.status, StatusCode::OK);
    let body = gaps.text();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let baton_rouge: Vec<_> = rows.iter().filter(|r| &r[0] == "22033").collect();
    assert_eq!(baton_rouge.len(), needs, "{body}");
    for r in &baton_rouge {
        assert_eq!(&r[3], "<5");
        assert_eq!(&r[6], "true", "{r:?}");
    }
    for r in rows.iter().filter(|r| &r[0] == "48201") {
        assert_eq!(&r[3], "5", "six needs, rounded");
        let harris = app.directory.coverage("TX", &r[2]).unwrap();
        let here = harris.counties.iter().find(|k| k.fips == "48201").unwrap();
        let far = here.median_miles.is_none_or(|m| m > 25.0);
        assert_eq!(&r[6], if far { "true" } else { "false" }, "{r:?}");
        assert!(
            far || &r[7] == "true",
            "a Harris row is a gap for a reason: {r:?}"
        );
    }
    let page = app.get("/staff/reports/gaps", Some(&ana.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    let text = page.text();
    assert!(text.contains("East Baton Rouge Parish, LA") && text.contains(r#"<svg class="bars""#));
    assert!(!text.contains("unmet-canary"));

    // A malformed date is named and changes nothing.
    let bad = app
        .get("/staff/reports/unmet?from=yesterday", Some(&ana.cookie))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

/// The network's tables read monthly tallies kept in step with the planner's rows: after
/// every kind of write (a record opened, a need started, a referral sent and declined, a
/// survivor moved to another county, sharing switched on and off, an erasure) the tallies
/// equal a recount of the rows, and the page shows what the rows say.
#[tokio::test]
async fn the_tallies_follow_every_change_to_the_plans() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    let north = app.agency(&dana, "North").await;
    let ana = app.as_agency_admin(&dana, &north, "Ana").await;
    let ben = app.as_advocate(&ana, &north, "Ben").await;
    let in_step = |when: &str| {
        assert!(
            app.directory.store.tallies_match_rows().unwrap(),
            "tallies out of step after {when}"
        )
    };
    let mut ids = Vec::new();
    for i in 0..6 {
        let record = [
            ("pseudonym", format!("T{i}-tally-canary")),
            ("age_band", "adult".to_owned()),
            ("place", "Houston, TX".to_owned()),
            ("template", "adult".to_owned()),
        ];
        let fields: Vec<(&str, &str)> = record.iter().map(|(k, v)| (*k, v.as_str())).collect();
        ids.push(app.open_record(&ben, &fields).await);
    }
    in_step("records opened");
    let r = app
        .act(
            &ana,
            "/staff/reports/unmet/share",
            &[("agency", &north), ("share", "on")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    in_step("sharing switched on");

    // A need started for five survivors: its median shows; a referral sent and declined.
    for id in &ids[..5] {
        let need = app.directory.store.plan_needs(id).unwrap()[0].clone();
        let r = app
            .act(
                &ben,
                &format!("/staff/survivors/{id}/needs/{}", need.id),
                &[("status", "in_service"), ("priority", "high")],
            )
            .await;
        assert!(r.status.is_redirection(), "{}", r.text());
    }
    in_step("needs started");
    let need = app.directory.store.plan_needs(&ids[5]).unwrap()[1].clone();
    let service = app.directory.store.listing_ids().unwrap()[0].clone();
    app.act(
        &ben,
        &format!("/staff/survivors/{}/needs/{}/referrals", ids[5], need.id),
        &[("service", &service)],
    )
    .await;
    let referral = app.directory.store.referrals_of(&ids[5]).unwrap()[0].id.clone();
    for (status, reason) in [("sent", ""), ("declined", "no_capacity")] {
        let r = app
            .act(
                &ben,
                &format!("/staff/referrals/{referral}/status"),
                &[("status", status), ("reason", reason)],
            )
            .await;
        assert!(
            r.status.is_redirection() || r.status == StatusCode::OK,
            "{}",
            r.text()
        );
        in_step(status);
    }
    let csv = app
        .get(
            "/staff/reports/unmet?scope=network&by=need&format=csv",
            Some(&dana.cookie),
        )
        .await;
    let body = csv.text();
    let total = body.lines().last().unwrap();
    assert!(total.starts_with("total,"), "{body}");
    assert!(
        total.ends_with(",0"),
        "five started the same day: median 0 days: {body}"
    );

    // The sixth survivor moves to Baton Rouge: their needs move with them.
    let r = app
        .act(
            &ben,
            &format!("/staff/survivors/{}/record", ids[5]),
            &[
                ("pseudonym", "T5-tally-canary"),
                ("age_band", "adult"),
                ("place", "Baton Rouge, LA"),
            ],
        )
        .await;
    assert!(r.status.is_redirection(), "{}", r.text());
    in_step("a survivor moved");
    let by_county = app
        .get(
            "/staff/reports/unmet?scope=network&by=county&format=csv",
            Some(&dana.cookie),
        )
        .await
        .text();
    let rows: Vec<&str> = by_county.lines().collect();
    assert!(rows.iter().any(|l| l.starts_with("22033,")), "{by_county}");
    assert!(rows.iter().any(|l| l.starts_with("48201,")), "{by_county}");

    // Erased: they leave the counts. Sharing off: the network holds nothing.
    let r = app
        .act(
            &ben,
            &format!("/staff/survivors/{}/erase", ids[5]),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    in_step("an erasure");
    let by_county = app
        .get(
            "/staff/reports/unmet?scope=network&by=county&format=csv",
            Some(&dana.cookie),
        )
        .await
        .text();
    assert!(!by_county.lines().any(|l| l.starts_with("22033,")), "{by_county}");
    app.act(
        &ana,
        "/staff/reports/unmet/share",
        &[("agency", &north), ("share", "off")],
    )
    .await;
    in_step("sharing switched off");
    let network = app
        .get(
            "/staff/reports/unmet?scope=network&by=need&format=csv",
            Some(&dana.cookie),
        )
        .await
        .text();
    assert_eq!(
        network.lines().count(),
        2,
        "the header and a zero total: {network}"
    );

    // Months: a period is whole months, typed as 2026-11 (or a day in it); the wrong order
    // is named.
    let this = pathways::domain::month::Month::of_second(app.clock.now());
    let own = app
        .get(
            &format!("/staff/reports/unmet?by=need&from={this}&to={this}&format=csv"),
            Some(&ana.cookie),
        )
        .await
        .text();
    assert!(own.lines().last().unwrap().starts_with("total,"), "{own}");
    let before = app
        .get(
            &format!(
                "/staff/reports/unmet?by=need&from={}&to={}&format=csv",
                this.plus(-2),
                this.plus(-1)
            ),
            Some(&ana.cookie),
        )
        .await
        .text();
    assert_eq!(before.lines().count(), 2, "nothing before this month: {before}");
    let wrong = app
        .get(
            &format!("/staff/reports/unmet?from={this}&to={}", this.plus(-1)),
            Some(&ana.cookie),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(wrong.text().contains("swap them"), "{}", wrong.text());
}
