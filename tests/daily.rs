//! The planner as advocates use it every day (issue 17): the plan as an overview in the
//! survivor's order, a history in words, the advocate's day on the staff home, and the
//! survivor's copy.

use axum::http::StatusCode;
use pathways::domain::ids::{NeedId, SurvivorId};
use serde_json::json;

use crate::support::app::{Person, TestApp};
use crate::support::{contains, needs, office, service};

struct Agency {
    app: TestApp,
    ben: Person,
    cleo: Person,
    ana: Person,
}

/// North agency (Ana, admin; Ben and Cleo, advocates) over `app`.
async fn agency_on(app: TestApp) -> Agency {
    let dana = app.as_directory_admin().await;
    let north = app.agency(&dana, "North").await;
    let ana = app.as_agency_admin(&dana, &north, "Ana").await;
    let ben = app.as_advocate(&ana, &north, "Ben").await;
    let cleo = app.as_advocate(&ana, &north, "Cleo").await;
    Agency { app, ben, cleo, ana }
}

/// Two fictional Houston services: one public with a phone, one at a confidential place.
fn houston() -> [serde_json::Value; 2] {
    let phone = |n: &str| json!([{"id": crate::support::uuid(), "number": n}]);
    let mut hidden = needs(&["shelter.emergency"]);
    hidden.push(crate::support::term(
        "pathways-attributes",
        "confidential_location",
    ));
    [
        service(
            "Third Ward Test Clinic",
            "Fictional test service: medical care.",
            json!({"attributes": needs(&["health.medical", "shelter.emergency"]), "phones": phone("555-0101"),
                "service_at_locations": office(29.73, -95.36, "12 Fictional Ave", "Houston", "TX", "77004")}),
        ),
        service(
            "Hidden Test Shelter",
            "Fictional test service: a shelter at a confidential address.",
            json!({"attributes": hidden, "phones": phone("555-0102"),
                "service_at_locations": office(29.76, -95.37, "99 Secret-street-canary", "Houston", "TX", "77002")}),
        ),
    ]
}

/// Ben opens an adult plan (11 needs); its id and needs by code.
async fn adult_plan(a: &Agency, pairs: &[(&str, &str)]) -> (SurvivorId, Vec<(String, NeedId)>) {
    let mut all = vec![
        ("age_band", "adult"),
        ("template", "adult"),
        ("place", "Houston, TX"),
    ];
    all.extend_from_slice(pairs);
    let id = a.app.open_record(&a.ben, &all).await;
    let needs = a
        .app
        .directory
        .store
        .plan_needs(&id)
        .unwrap()
        .into_iter()
        .map(|n| (n.code, n.id))
        .collect();
    (id, needs)
}

fn need(needs: &[(String, NeedId)], code: &str) -> NeedId {
    needs.iter().find(|(c, _)| c == code).unwrap().1.clone()
}

/// Ben sets a need's status, priority and follow-up.
async fn set(a: &Agency, id: &SurvivorId, need: &NeedId, fields: &[(&str, &str)]) {
    let r = a
        .app
        .act(&a.ben, &format!("/staff/survivors/{id}/needs/{need}"), fields)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
}

/// Ben refers a need to a service; the referral's id.
async fn refer(a: &Agency, id: &SurvivorId, need: &NeedId, service: &str) -> String {
    let before: Vec<String> = a
        .app
        .directory
        .store
        .referrals_of(id)
        .unwrap()
        .into_iter()
        .map(|r| r.id.0)
        .collect();
    let r = a
        .app
        .act(
            &a.ben,
            &format!("/staff/survivors/{id}/needs/{need}/referrals"),
            &[("service", service)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let all = a.app.directory.store.referrals_of(id).unwrap();
    assert_eq!(all.len(), before.len() + 1);
    all.into_iter().find(|r| !before.contains(&r.id.0)).unwrap().id.0
}

/// Ben moves a referral through `steps`.
async fn advance(a: &Agency, referral: &str, steps: &[(&str, &str)]) {
    for (status, reason) in steps {
        let r = a
            .app
            .act(
                &a.ben,
                &format!("/staff/referrals/{referral}/status"),
                &[("status", status), ("reason", reason)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{status}: {}", r.text());
    }
}

fn service_id(a: &Agency, name: &str) -> String {
    let store = &a.app.directory.store;
    store
        .listing_ids()
        .unwrap()
        .into_iter()
        .find(|id| store.listing(id).unwrap().unwrap().name == name)
        .unwrap()
}

#[tokio::test]
async fn the_plan_is_an_overview_in_the_survivors_order_with_overdue_follow_ups_in_words() {
    let a = agency_on(TestApp::new()).await;
    // The clock stands at 2026-11-29. The template lists safety planning before shelter.
    let (id, needs) = adult_plan(&a, &[("pseudonym", "O.")]).await;
    let shelter = need(&needs, "shelter.emergency");
    let safety = need(&needs, "safety.planning");
    set(
        &a,
        &id,
        &shelter,
        &[
            ("status", "identified"),
            ("priority", "high"),
            ("follow_up", "2026-11-20"),
        ],
    )
    .await;
    set(
        &a,
        &id,
        &safety,
        &[
            ("status", "being_arranged"),
            ("priority", "medium"),
            ("follow_up", "2026-11-29"),
        ],
    )
    .await;
    // Long-term: two high-priority needs, the open one before the met one, then the rest.
    let employment = need(&needs, "employment");
    let credit = need(&needs, "financial.credit");
    set(&a, &id, &credit, &[("status", "met"), ("priority", "high")]).await;
    set(
        &a,
        &id,
        &employment,
        &[("status", "identified"), ("priority", "high")],
    )
    .await;

    let page = a
        .app
        .get(&format!("/staff/survivors/{id}"), Some(&a.ben.cookie))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let text = page.text();
    let row = |n: &NeedId| {
        text.find(&format!("href=\"/staff/survivors/{id}/needs/{n}\""))
            .unwrap()
    };
    assert!(
        row(&shelter) < row(&safety),
        "a high-priority shelter comes before medium safety planning"
    );
    assert!(
        row(&employment) < row(&credit),
        "among high priorities, what is open comes before what is met"
    );
    let housing = need(&needs, "housing.long_term");
    assert!(row(&credit) < row(&housing), "high before medium");
    // Overdue in words (and colour), today's follow-up said too.
    assert!(
        text.contains("<strong class=\"overdue\">Overdue since 2026-11-20</strong>"),
        "{text}"
    );
    assert!(text.contains("Due today (2026-11-29)"));
    assert!(
        text.contains("11 needs</strong>: 1 met · 0 in service · 1 being arranged · 9 open"),
        "the progress line"
    );
    // No need's form on the overview: each need opens its own page, with its form.
    assert!(!text.contains("name=\"their_words\""));
    let need_page = a
        .app
        .get(
            &format!("/staff/survivors/{id}/needs/{shelter}"),
            Some(&a.ben.cookie),
        )
        .await;
    assert_eq!(need_page.status, StatusCode::OK);
    let need_text = need_page.text();
    assert!(need_text.contains("<h1>Emergency shelter</h1>") && need_text.contains("name=\"their_words\""));
    assert!(need_text.contains("Overdue since 2026-11-20"));
    // A mistake in its form comes back on the need's page, naming the field.
    let bad = a
        .app
        .act(
            &a.ben,
            &format!("/staff/survivors/{id}/needs/{shelter}"),
            &[
                ("status", "identified"),
                ("priority", "high"),
                ("follow_up", "next week"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(
        bad.text().contains("<h1>Emergency shelter</h1>") && bad.text().contains("aria-invalid=\"true\"")
    );
    // The code word only on request.
    let coded = adult_plan(&a, &[("pseudonym", "W."), ("code_word", "heron-canary")])
        .await
        .0;
    let text = a
        .app
        .get(&format!("/staff/survivors/{coded}"), Some(&a.ben.cookie))
        .await
        .text();
    let details = text.find("Show the code word").unwrap();
    assert!(
        text.find("heron-canary").unwrap() > details,
        "inside the <details>"
    );

    // The survivor's copy lists their open needs in the same order; a met need is not one.
    let copy = a
        .app
        .get(&format!("/staff/survivors/{id}/print"), Some(&a.ben.cookie))
        .await
        .text();
    let at = |label: &str| {
        copy.find(label)
            .unwrap_or_else(|| panic!("{label} on the copy: {copy}"))
    };
    assert!(at("Emergency shelter") < at("Safety and protection"));
    assert!(
        !copy.contains("credit"),
        "a met need is not one to work on: {copy}"
    );
}

#[tokio::test]
async fn the_history_says_what_happened_in_words_and_keeps_it_out_of_the_audit_log() {
    let a = agency_on(TestApp::builder().listings(houston()).build()).await;
    let (id, needs) = adult_plan(&a, &[("pseudonym", "H.")]).await;
    let medical = need(&needs, "health.medical");
    let clinic = service_id(&a, "Third Ward Test Clinic");
    set(
        &a,
        &id,
        &medical,
        &[
            ("status", "being_arranged"),
            ("priority", "high"),
            ("their_words", "words-canary-31"),
            ("follow_up", "2026-12-02"),
        ],
    )
    .await;
    let referral = refer(&a, &id, &medical, &clinic).await;
    advance(&a, &referral, &[("sent", ""), ("accepted", "")]).await;
    let reference = a.app.directory.store.referrals_of(&id).unwrap()[0]
        .reference
        .clone();
    let org = a
        .app
        .directory
        .store
        .listing(&clinic)
        .unwrap()
        .unwrap()
        .organization_id;
    let r = a
        .app
        .act(
            &a.ben,
            &format!("/staff/survivors/{id}/consents"),
            &[
                ("organization", org.as_str()),
                ("purpose", "intake"),
                ("expires", "2027-01-31"),
                ("share_identity", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let consent = a.app.directory.store.consents_of(&id).unwrap()[0].id.clone();
    a.app
        .act(&a.ben, &format!("/staff/consents/{consent}/revoke"), &[])
        .await;
    let r = a
        .app
        .act(
            &a.ben,
            &format!("/staff/survivors/{id}/transfer"),
            &[
                ("advocate", a.cleo.id.0.as_str()),
                ("stay", "yes"),
                ("note", "handover-note-canary: prefers mornings"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());

    let text = a
        .app
        .get(&format!("/staff/survivors/{id}"), Some(&a.cleo.cookie))
        .await
        .text();
    for line in [
        format!("Referral {reference} to Third Ward Test Clinic: Draft (Ben, "),
        format!("Referral {reference} to Third Ward Test Clinic: Draft → Sent (Ben, "),
        format!("Referral {reference} to Third Ward Test Clinic: Sent → Accepted (Ben, "),
        "Consent given to Third Ward Test Clinic Org to share: Name or initials".to_owned(),
        "Consent to Third Ward Test Clinic Org taken back (Ben, ".to_owned(),
        "Handed over from Ben to Cleo (Ben, ".to_owned(),
        "handover-note-canary: prefers mornings".to_owned(),
        "Record opened (Ben, ".to_owned(),
        "Medical care: Identified → Being arranged · Medium priority → High priority · follow-up 2026-12-02 · their words or the goal updated (Ben, ".to_owned(),
    ] {
        assert!(text.contains(&line), "{line:?} in the history: {text}");
    }
    assert!(
        !text.contains("Referral status changed"),
        "no line without its words"
    );
    // The note is sealed; the audit rows say who and what kind, never to which service,
    // for which groups, or the note.
    let db = a.app.dir.stored();
    assert!(!contains(&db, "handover-note-canary"), "the note is sealed");
    let audit = format!("{:?}", a.app.audit());
    for never in [
        "handover-note-canary",
        "Third Ward",
        "intake",
        "words-canary-31",
        "being_arranged",
    ] {
        assert!(!audit.contains(never), "{never} in the audit log");
    }
    // A note that is too long is refused and hands over nothing.
    let long = "x".repeat(2001);
    let refused = a
        .app
        .act(
            &a.cleo,
            &format!("/staff/survivors/{id}/transfer"),
            &[("advocate", a.ben.id.0.as_str()), ("note", long.as_str())],
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.text());
    let text = a
        .app
        .get(&format!("/staff/survivors/{id}"), Some(&a.cleo.cookie))
        .await
        .text();
    assert_eq!(text.matches("Handed over from").count(), 1);
}

#[tokio::test]
async fn the_staff_home_is_the_advocates_day_and_each_count_opens_its_list() {
    let mut a = agency_on(TestApp::builder().listings(houston()).build()).await;
    let clinic = service_id(&a, "Third Ward Test Clinic");
    // Late: an overdue follow-up. Today: one due today. Waiting: a referral sent 6 days ago.
    let (late, late_needs) = adult_plan(&a, &[("pseudonym", "Late")]).await;
    set(
        &a,
        &late,
        &need(&late_needs, "safety.planning"),
        &[
            ("status", "identified"),
            ("priority", "high"),
            ("follow_up", "2026-11-25"),
        ],
    )
    .await;
    let (waiting, waiting_needs) = adult_plan(&a, &[("pseudonym", "Waiting")]).await;
    let sent = refer(&a, &waiting, &need(&waiting_needs, "health.medical"), &clinic).await;
    advance(&a, &sent, &[("sent", "")]).await;
    // Done: every need but one met or served by a completed referral.
    let (done, done_needs) = adult_plan(&a, &[("pseudonym", "Done")]).await;
    let completed = refer(&a, &done, &need(&done_needs, "health.medical"), &clinic).await;
    advance(
        &a,
        &completed,
        &[("sent", ""), ("accepted", ""), ("started", ""), ("completed", "")],
    )
    .await;
    let declined = refer(&a, &done, &need(&done_needs, "shelter.emergency"), &clinic).await;
    advance(&a, &declined, &[("sent", ""), ("declined", "no_capacity")]).await;

    a.app.clock.advance(6 * 86_400); // 2026-12-05
    a.ben = a.app.login(&a.ben).await;
    a.ana = a.app.login(&a.ana).await;
    let (today, today_needs) = adult_plan(&a, &[("pseudonym", "Today")]).await;
    set(
        &a,
        &today,
        &need(&today_needs, "employment"),
        &[
            ("status", "identified"),
            ("priority", "high"),
            ("follow_up", "2026-12-05"),
        ],
    )
    .await;

    let ben = a.ben.clone();
    let home = a.app.get("/staff", Some(&ben.cookie)).await.text();
    assert!(
        home.contains("Your day") && home.contains("4 survivors in your care"),
        "{home}"
    );
    assert!(home.contains("1 follow-up overdue"), "{home}");
    assert!(home.contains("1 follow-up due today"), "{home}");
    assert!(
        home.contains("1 referral waiting on a provider for over 5 days"),
        "{home}"
    );
    // 11 needs each on Late, Waiting (one referred) and Today, and on Done the medical need
    // (completed) counts as provided and the shelter (declined) does not.
    assert!(
        home.contains(&format!("{} needs without a provider yet", 11 + 10 + 11 + 10)),
        "{home}"
    );
    assert!(home.contains("href=\"/staff/survivors?show=overdue\""));

    let list = |show: &'static str| {
        let (app, cookie) = (&a.app, ben.cookie.clone());
        async move {
            app.get(&format!("/staff/survivors?show={show}"), Some(&cookie))
                .await
                .text()
        }
    };
    let overdue = list("overdue").await;
    assert!(
        overdue.contains("Late") && !overdue.contains(">Today<") && !overdue.contains(">Waiting<"),
        "{overdue}"
    );
    assert!(overdue.contains("Show everyone"));
    let waiting_list = list("waiting").await;
    assert!(
        waiting_list.contains(">Waiting<") && !waiting_list.contains(">Late<"),
        "{waiting_list}"
    );
    let due = list("today").await;
    assert!(due.contains(">Today<") && !due.contains(">Late<"), "{due}");
    // An admin who is not an advocate has no day, and is not refused anything for it.
    let denials = a.app.audit().iter().filter(|e| !e.allowed).count();
    let admin = a.app.get("/staff", Some(&a.ana.cookie)).await.text();
    assert!(!admin.contains("Your day"));
    assert_eq!(a.app.audit().iter().filter(|e| !e.allowed).count(), denials);
}

#[tokio::test]
async fn the_survivors_copy_shows_live_steps_with_contacts_what_is_done_and_their_advocate() {
    let a = agency_on(TestApp::builder().listings(houston()).build()).await;
    let (id, needs) = adult_plan(&a, &[("pseudonym", "C."), ("language_1", "es")]).await;
    let clinic = service_id(&a, "Third Ward Test Clinic");
    let hidden = service_id(&a, "Hidden Test Shelter");
    let live = refer(&a, &id, &need(&needs, "shelter.emergency"), &hidden).await;
    advance(&a, &live, &[("sent", "")]).await;
    let done = refer(&a, &id, &need(&needs, "health.medical"), &clinic).await;
    advance(
        &a,
        &done,
        &[("sent", ""), ("accepted", ""), ("started", ""), ("completed", "")],
    )
    .await;
    let no = refer(&a, &id, &need(&needs, "health.therapy"), &clinic).await;
    advance(&a, &no, &[("sent", ""), ("declined", "not_eligible")]).await;
    let copy = a
        .app
        .get(&format!("/staff/survivors/{id}/print"), Some(&a.ben.cookie))
        .await
        .text();
    assert!(
        copy.contains("Hidden Test Shelter") && copy.contains("555-0102"),
        "a live step with its phone: {copy}"
    );
    assert!(
        !copy.contains("Secret-street-canary"),
        "never a confidential address"
    );
    let done_at = copy.find("<h2>Hecho</h2>").expect("a Done section");
    assert!(
        copy[done_at..].contains("Third Ward Test Clinic"),
        "completed under Done"
    );
    assert_eq!(
        copy.matches("Third Ward Test Clinic").count(),
        1,
        "the declined one is left off"
    );
    assert!(
        copy.contains("tu persona defensora en North"),
        "their advocate's role, in Spanish: {copy}"
    );
    // The clinic's address shows for a live referral to it.
    let again = refer(&a, &id, &need(&needs, "health.therapy"), &clinic).await;
    advance(&a, &again, &[("sent", "")]).await;
    let copy = a
        .app
        .get(&format!("/staff/survivors/{id}/print"), Some(&a.ben.cookie))
        .await
        .text();
    assert!(copy.contains("12 Fictional Ave"), "{copy}");
}

#[tokio::test]
async fn an_agencys_time_zone_decides_today_and_every_time_shown() {
    let mut a = agency_on(TestApp::new()).await;
    let north = a.app.directory.store.agencies().unwrap()[0].0.id.clone();
    let (id, needs) = adult_plan(&a, &[("pseudonym", "Z."), ("language_1", "en")]).await;
    let shelter = need(&needs, "shelter.emergency");
    set(
        &a,
        &id,
        &shelter,
        &[
            ("status", "identified"),
            ("priority", "high"),
            ("follow_up", "2026-11-29"),
        ],
    )
    .await;
    // No zone yet: UTC, and the admin is asked to choose one.
    let people = a.app.get("/staff/people", Some(&a.ana.cookie)).await.text();
    assert!(people.contains("No time zone is set"), "{people}");
    let settings = format!("/staff/agencies/{north}/settings");
    let bad = a
        .app
        .act(&a.ana, &settings, &[("time_zone", "Mars/Olympus"), ("phone", "")])
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.text().contains("Choose a time zone from the list."));
    let bad = a
        .app
        .act(
            &a.ana,
            &settings,
            &[("time_zone", "America/Chicago"), ("phone", "call me")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.text().contains("Type a phone number"));
    assert_eq!(
        a.app.directory.store.agency_settings(&north).unwrap().time_zone,
        None,
        "a refusal changes nothing"
    );
    let ok = a
        .app
        .act(
            &a.ana,
            &settings,
            &[("time_zone", "America/Chicago"), ("phone", "713-555-0100")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());

    // 03:00 UTC on 30 November is still 29 November (21:00) in Chicago: due today, not overdue.
    let target = "2026-11-30T03:00:00Z"
        .parse::<jiff::Timestamp>()
        .unwrap()
        .as_second();
    a.app.clock.advance(target - a.app.clock.now());
    a.ben = a.app.login(&a.ben).await;
    let plan = a
        .app
        .get(&format!("/staff/survivors/{id}"), Some(&a.ben.cookie))
        .await
        .text();
    assert!(plan.contains("Due today (2026-11-29)"), "{plan}");
    assert!(!plan.contains("Overdue since 2026-11-29"));
    // Times in words in the agency's zone (the record was opened at 09:04 UTC).
    assert!(
        plan.contains("Record opened (Ben, 29 Nov 2026 03:04 CST)"),
        "{plan}"
    );
    assert!(!plan.contains(" UTC)"));
    let home = a.app.get("/staff", Some(&a.ben.cookie)).await.text();
    assert!(
        home.contains("1 follow-up due today") && home.contains("0 follow-ups overdue"),
        "{home}"
    );
    // The survivor's copy gives the agency's phone.
    let copy = a
        .app
        .get(&format!("/staff/survivors/{id}/print"), Some(&a.ben.cookie))
        .await
        .text();
    assert!(copy.contains("Agency phone: 713-555-0100"), "{copy}");
}

#[tokio::test]
async fn the_record_is_edited_later_sealed_again_with_safe_ways_to_reach_them() {
    let a = agency_on(TestApp::new()).await;
    let (id, _) = adult_plan(
        &a,
        &[("pseudonym", "E."), ("language_1", "es"), ("code_word", "lark")],
    )
    .await;
    let form = a
        .app
        .get(&format!("/staff/survivors/{id}/record"), Some(&a.ben.cookie))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    let text = form.text();
    assert!(
        text.contains("value=\"E.\"") && text.contains("<option value=\"es\" selected>Spanish</option>"),
        "prefilled, languages by name"
    );
    assert!(text.contains("Haitian Creole"), "the list of languages by name");
    let edit = |phone: &'static str| {
        let (app, ben, id) = (&a.app, &a.ben, id.clone());
        async move {
            app.act(
                ben,
                &format!("/staff/survivors/{id}/record"),
                &[
                    ("pseudonym", "Eva-canary-edit"),
                    ("age_band", "youth"),
                    ("language_1", "ht"),
                    ("language_2", "es"),
                    ("place", "Houston, TX"),
                    ("call", "1"),
                    ("safe_hours", "weekday mornings"),
                    ("code_word", "heron-canary-2"),
                    ("phone_1", phone),
                    ("phone_1_safe", "safe_times"),
                    ("email", "eva-canary@example.org"),
                    ("email_safe", "no"),
                ],
            )
            .await
        }
    };
    // A bad phone number is named and changes nothing.
    let bad = edit("call after six").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(
        bad.text().contains("Type a phone number") && bad.text().contains("href=\"#phone_1\""),
        "{}",
        bad.text()
    );
    let plan = a
        .app
        .get(&format!("/staff/survivors/{id}"), Some(&a.ben.cookie))
        .await
        .text();
    assert!(plan.contains("<h1>E.</h1>"), "unchanged");
    let ok = edit("(713) 555-0199").await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
    let plan = a
        .app
        .get(&format!("/staff/survivors/{id}"), Some(&a.ben.cookie))
        .await
        .text();
    for shown in [
        "<h1>Eva-canary-edit</h1>",
        "Haitian Creole, Spanish",
        "(713) 555-0199 · Only at safe times",
        "eva-canary@example.org · Not safe to use now",
        "Record updated (Ben, ",
    ] {
        assert!(plan.contains(shown), "{shown}: {plan}");
    }
    let word = plan.find("heron-canary-2").unwrap();
    assert!(
        plan[..word].contains("Show the code word"),
        "the code word only on request"
    );
    // Sealed again: nothing of it in the database files; the audit says only that it changed.
    let db = a.app.dir.stored();
    for canary in [
        "Eva-canary-edit",
        "heron-canary-2",
        "555-0199",
        "eva-canary@example.org",
        "weekday mornings",
    ] {
        assert!(!contains(&db, canary), "{canary} in the database files");
    }
    let audit = a.app.audit();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "survivor.edit" && e.record == format!("survivor:{id}"))
    );
    assert!(!format!("{audit:?}").contains("canary"));
    // The survivor's copy, in their first language now, never shows how to reach them.
    let copy = a
        .app
        .get(&format!("/staff/survivors/{id}/print"), Some(&a.ben.cookie))
        .await
        .text();
    for never in ["555-0199", "eva-canary", "heron-canary-2", "Eva-canary-edit"] {
        assert!(!copy.contains(never), "{never} on the copy");
    }
    // An advocate not assigned to them cannot open the form.
    assert_eq!(
        a.app
            .get(&format!("/staff/survivors/{id}/record"), Some(&a.cleo.cookie))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn finding_providers_puts_local_services_first_and_national_lines_in_their_own_group() {
    let national = |name: &str, code: &str| {
        service(
            name,
            "Fictional test line, nationwide.",
            json!({"attributes": needs(&[code]), "phones": [{"id": crate::support::uuid(), "number": "1-800-555-0199"}],
                "service_areas": [{"id": crate::support::uuid(), "extent_type": "text", "extent": "US"}]}),
        )
    };
    let mut full = needs(&["shelter.emergency"]);
    full.push(crate::support::term("pathways-conditions", "sobriety"));
    let listings = vec![
        national("Test National Line", "shelter.emergency"),
        service(
            "Full Sober Test Shelter",
            "Fictional test shelter.",
            json!({"attributes": full, "capacities": [{"id": crate::support::uuid(), "unit": {"id": crate::support::uuid(), "name": "beds"}, "available": 0, "maximum": 60, "updated": "2026-11-28T00:00:00Z"}],
                "service_at_locations": office(29.76, -95.37, "1 Fictional St", "Houston", "TX", "77002")}),
        ),
        service(
            "Open Door Test Shelter",
            "Fictional test shelter.",
            json!({"attributes": needs(&["shelter.emergency"]), "capacities": [{"id": crate::support::uuid(), "unit": {"id": crate::support::uuid(), "name": "beds"}, "available": 4, "maximum": 20, "updated": "2026-11-28T00:00:00Z"}],
                "service_at_locations": office(29.77, -95.38, "2 Fictional St", "Houston", "TX", "77002")}),
        ),
    ];
    let a = agency_on(TestApp::builder().listings(listings).build()).await;
    let (id, needs) = adult_plan(&a, &[("pseudonym", "F.")]).await;
    let shelter = need(&needs, "shelter.emergency");
    let page = a
        .app
        .get(
            &format!("/staff/survivors/{id}/needs/{shelter}/find"),
            Some(&a.ben.cookie),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let text = page.text();
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s}: {text}"));
    assert!(at("Services near them") < at("Open Door Test Shelter"));
    assert!(
        at("Open Door Test Shelter") < at("Full Sober Test Shelter"),
        "space and no conditions first"
    );
    assert!(at("Full Sober Test Shelter") < at("National and statewide lines"));
    assert!(
        at("National and statewide lines") < at("Test National Line"),
        "the national line below, in its own group"
    );
    // The public cards: distance, space and conditions in words, when it was checked.
    assert!(text.contains(" mi") && text.contains("4 of 20 beds"), "{text}");
    assert!(
        text.contains("<li class=\"barrier\">must be sober</li>") && text.contains("Full (reported"),
        "conditions and space in words"
    );
    // One step from the card to a referral.
    let open_door = service_id(&a, "Open Door Test Shelter");
    assert!(text.contains(&format!("name=\"service\" value=\"{open_door}\"")));
    refer(&a, &id, &shelter, &open_door).await;
    // A co-advocate joining is said in words too.
    let r = a
        .app
        .act(
            &a.ben,
            &format!("/staff/survivors/{id}/co-advocates"),
            &[("advocate", a.cleo.id.0.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let plan = a
        .app
        .get(&format!("/staff/survivors/{id}"), Some(&a.ben.cookie))
        .await
        .text();
    assert!(plan.contains("Cleo joined as co-advocate (Ben, "), "{plan}");
    assert!(
        plan.contains("Open Door Test Shelter · Draft"),
        "the provider on the overview"
    );
}
