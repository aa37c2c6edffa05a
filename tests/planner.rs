//! The planner (issue 5, first part): survivors' records and plans, sealed with each
//! survivor's own key (CRY-1/2), seen only by their assigned advocates (AC-1), every read and
//! change audited without its content (LOG-1).

use axum::http::StatusCode;
use pathways::domain::ids::SurvivorId;

use crate::support::app::{Person, TestApp};
use crate::support::contains;

struct Agency {
    app: TestApp,
    ben: Person,
    cleo: Person,
    ana: Person,
    dana: Person,
}

/// North agency: Ana (admin), Ben and Cleo (advocates).
async fn agency() -> Agency {
    agency_on(TestApp::new()).await
}

/// North agency in `app`.
async fn agency_on(app: TestApp) -> Agency {
    let dana = app.as_directory_admin().await;
    let north = app.agency(&dana, "North").await;
    let ana = app.as_agency_admin(&dana, &north, "Ana").await;
    let ben = app.as_advocate(&ana, &north, "Ben").await;
    let cleo = app.as_advocate(&ana, &north, "Cleo").await;
    Agency {
        app,
        ben,
        cleo,
        ana,
        dana,
    }
}

/// A survivor's record opened by Ben; their id.
async fn open_record(a: &Agency, pairs: &[(&str, &str)]) -> SurvivorId {
    a.app.open_record(&a.ben, pairs).await
}

#[tokio::test]
async fn cry_1_survivor_fields_are_sealed_before_the_database() {
    let a = agency().await;
    let id = open_record(
        &a,
        &[
            ("pseudonym", "Zinnia-canary-41"),
            ("age_band", "youth"),
            ("language_1", "es"),
            ("language_2", "en"),
            ("place", "77002"),
            ("call", "1"),
            ("safe_hours", "after 6 pm"),
            ("code_word", "bluebird-canary"),
            ("notes", "note-canary-9931 about the landlord"),
            ("template", "foreign_national"),
        ],
    )
    .await;
    let page = a
        .app
        .get(&format!("/staff/survivors/{id}"), Some(&a.ben.cookie))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let text = page.text();
    for shown in [
        "Zinnia-canary-41",
        "note-canary-9931",
        "bluebird-canary",
        "Immigration",
    ] {
        assert!(text.contains(shown), "{shown}");
    }
    // Their words on a need, sealed too.
    let need = a.app.directory.store.plan_needs(&id).unwrap()[0].id.clone();
    let r = a
        .app
        .act(
            &a.ben,
            &format!("/staff/survivors/{id}/needs/{need}"),
            &[
                ("status", "being_arranged"),
                ("priority", "high"),
                ("their_words", "words-canary-77"),
                ("goal", "stay safe"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert!(
        a.app
            .get(
                &format!("/staff/survivors/{id}/needs/{need}"),
                Some(&a.ben.cookie)
            )
            .await
            .text()
            .contains("words-canary-77")
    );
    let db = a.app.dir.stored();
    for canary in [
        "Zinnia-canary-41",
        "note-canary-9931",
        "bluebird-canary",
        "words-canary-77",
        "after 6 pm",
    ] {
        assert!(
            !contains(&db, canary),
            "{canary} is in the database files (with -wal)"
        );
    }
    // LOG-1: the reads and changes are in the audit log, their content is not.
    let audit = a.app.audit();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "survivor.read" && e.record == format!("survivor:{id}"))
    );
    assert!(audit.iter().any(|e| e.action == "plan.need.update"));
    assert!(!format!("{audit:?}").contains("canary"));
}

#[tokio::test]
async fn ac_1_only_assigned_advocates_see_a_survivor() {
    let a = agency().await;
    let id = open_record(&a, &[("pseudonym", "R."), ("age_band", "adult")]).await;
    let uri = format!("/staff/survivors/{id}");
    assert_eq!(a.app.get(&uri, Some(&a.ben.cookie)).await.status, StatusCode::OK);
    // A colleague not assigned, and the agency's admin: the same answer as no survivor at all.
    let missing = format!("/staff/survivors/{}", uuid::Uuid::new_v4());
    for who in [&a.cleo, &a.ana] {
        let r = a.app.get(&uri, Some(&who.cookie)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(r.status, a.app.get(&missing, Some(&who.cookie)).await.status);
        let r = a
            .app
            .act(who, &format!("{uri}/needs"), &[("need", "childcare")])
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
    // Cleo's own list does not show Ben's survivor.
    let list = a.app.get("/staff/survivors", Some(&a.cleo.cookie)).await.text();
    assert!(!list.contains(id.as_str()));
    assert!(
        a.app
            .get("/staff/survivors", Some(&a.ben.cookie))
            .await
            .text()
            .contains(id.as_str())
    );
}

#[tokio::test]
async fn bad_planner_input_names_the_field_and_changes_nothing() {
    let a = agency().await;
    for (pairs, field) in [
        (vec![("pseudonym", ""), ("age_band", "adult")], "pseudonym"),
        (vec![("pseudonym", "R."), ("age_band", "elderly")], "age_band"),
        (
            vec![
                ("pseudonym", "R."),
                ("age_band", "adult"),
                ("language_1", "english"),
            ],
            "languages",
        ),
        (
            vec![
                ("pseudonym", "R."),
                ("age_band", "adult"),
                ("template", "nonsense"),
            ],
            "template",
        ),
    ] {
        let r = a.app.act(&a.ben, "/staff/survivors", &pairs).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{field}");
        assert!(
            r.text().contains(&format!("id=\"{field}-error\"")),
            "{field}: {}",
            r.text()
        );
    }
    let list = a.app.get("/staff/survivors", Some(&a.ben.cookie)).await.text();
    assert!(list.contains("No one yet"), "nothing was created");
    let id = open_record(
        &a,
        &[("pseudonym", "R."), ("age_band", "adult"), ("template", "adult")],
    )
    .await;
    let need = a.app.directory.store.plan_needs(&id).unwrap()[0].id.clone();
    let r = a
        .app
        .act(
            &a.ben,
            &format!("/staff/survivors/{id}/needs/{need}"),
            &[
                ("status", "in_service"),
                ("priority", "high"),
                ("target_date", "someday"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.text().contains("2027-01-31"),
        "the date mistake is named with an example"
    );
    assert_eq!(
        a.app.directory.store.plan_needs(&id).unwrap()[0].status,
        "identified",
        "unchanged"
    );
}

#[tokio::test]
async fn rel_5_a_date_field_takes_exactly_yyyy_mm_dd_and_a_refusal_changes_nothing() {
    let a = agency().await;
    let id = open_record(
        &a,
        &[("pseudonym", "R."), ("age_band", "adult"), ("template", "adult")],
    )
    .await;
    let need = a.app.directory.store.plan_needs(&id).unwrap()[0].id.clone();
    let uri = format!("/staff/survivors/{id}/needs/{need}");
    // A date-time, the compact and the extended-year forms all parse as dates somewhere; a
    // date field asks for a day, written one way.
    for (field, value) in [
        ("target_date", "2027-01-31T10:00"),
        ("target_date", "2027-01-31T10:00:00+00"),
        ("follow_up", "20270131"),
        ("follow_up", "+002027-01-31"),
        ("target_date", "2027-1-31"),
    ] {
        let mut pairs = vec![("status", "in_service"), ("priority", "high")];
        pairs.push((field, value));
        let r = a.app.act(&a.ben, &uri, &pairs).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{field}={value}");
        assert!(
            r.text().contains(&format!("id=\"{field}-error\"")),
            "{field}={value}: the field is named"
        );
        let stored = &a.app.directory.store.plan_needs(&id).unwrap()[0];
        assert_eq!(stored.status, "identified", "{field}={value}: unchanged");
        assert_eq!((&stored.target_date, &stored.follow_up), (&None, &None));
    }
    let r = a
        .app
        .act(
            &a.ben,
            &uri,
            &[
                ("status", "in_service"),
                ("priority", "high"),
                ("target_date", " 2027-01-31 "),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(
        a.app.directory.store.plan_needs(&id).unwrap()[0]
            .target_date
            .as_deref(),
        Some("2027-01-31")
    );
}

#[tokio::test]
async fn referrals_from_a_need_follow_the_closed_loop_with_who_and_when() {
    use crate::support::{needs, office, service, term};
    use serde_json::json;

    // Two legal services in Houston: one asks for a police report, one asks nothing.
    let mut conditional = needs(&["legal.immigration"]);
    conditional.push(term("pathways-conditions", "police_report"));
    let legal = [
        service(
            "Gulf Visa Clinic",
            "Fictional test service: T and U visas.",
            json!({
            "attributes": conditional,
            "service_at_locations": office(29.76, -95.37, "1 Main St", "Houston", "TX", "77002")}),
        ),
        service(
            "Bayou Immigration Help",
            "Fictional test service: T and U visas.",
            json!({
            "attributes": needs(&["legal.immigration"]),
            "service_at_locations": office(29.75, -95.36, "2 Main St", "Houston", "TX", "77002")}),
        ),
    ];
    let a = agency_on(TestApp::builder().listings(legal).build()).await;
    let id = open_record(
        &a,
        &[
            ("pseudonym", "M."),
            ("age_band", "adult"),
            ("place", "Houston, TX"),
            ("template", "foreign_national"),
        ],
    )
    .await;
    let needs_now = a.app.directory.store.plan_needs(&id).unwrap();
    let immigration = needs_now
        .iter()
        .find(|n| n.code == "legal.immigration")
        .unwrap()
        .id
        .clone();
    let find = a
        .app
        .get(
            &format!("/staff/survivors/{id}/needs/{immigration}/find"),
            Some(&a.ben.cookie),
        )
        .await;
    assert_eq!(find.status, StatusCode::OK, "{}", find.text());
    let text = find.text();
    let (open, asks) = (
        text.find("Bayou Immigration Help").unwrap(),
        text.find("Gulf Visa Clinic").unwrap(),
    );
    assert!(open < asks, "the service with no conditions comes first");
    assert!(text.contains("Near Houston, TX"));
    // Refer to the first: a draft with an opaque reference, on the plan under its need.
    let service = text[text.find("name=\"service\" value=\"").unwrap() + 22..]
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let r = a
        .app
        .act(
            &a.ben,
            &format!("/staff/survivors/{id}/needs/{immigration}/referrals"),
            &[("service", &service)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let referral = a.app.directory.store.referrals_of(&id).unwrap().pop().unwrap();
    assert_eq!(referral.status, "draft");
    assert_eq!(referral.reference.len(), 8);
    let plan = a
        .app
        .get(&format!("/staff/survivors/{id}"), Some(&a.ben.cookie))
        .await
        .text();
    assert!(plan.contains("Bayou Immigration Help") && plan.contains(&referral.reference));
    let status = |to: &str, reason: &str| {
        let (a, rid) = (&a, referral.id.clone());
        let (to, reason) = (to.to_owned(), reason.to_owned());
        async move {
            a.app
                .act(
                    &a.ben,
                    &format!("/staff/referrals/{rid}/status"),
                    &[("status", &to), ("reason", &reason)],
                )
                .await
        }
    };
    assert_eq!(status("sent", "").await.status, StatusCode::SEE_OTHER);
    // Invalid steps are refused with a clear message and change nothing.
    let skip = status("completed", "").await;
    assert_eq!(skip.status, StatusCode::BAD_REQUEST);
    assert!(
        skip.text().contains("cannot move to that status"),
        "{}",
        skip.text()
    );
    let no_reason = status("declined", "").await;
    assert_eq!(no_reason.status, StatusCode::BAD_REQUEST);
    assert!(no_reason.text().contains("needs a reason"));
    assert_eq!(
        a.app
            .directory
            .store
            .referral(&referral.id)
            .unwrap()
            .unwrap()
            .status,
        "sent"
    );
    assert_eq!(
        status("declined", "no_capacity").await.status,
        StatusCode::SEE_OTHER
    );
    // Ended: nothing moves it any more.
    assert_eq!(status("accepted", "").await.status, StatusCode::BAD_REQUEST);
    let events = a.app.directory.store.referral_events(&referral.id).unwrap();
    let ben_id = &a.ben.id.0;
    let steps: Vec<(&str, Option<&str>)> = events
        .iter()
        .map(|(s, r, _, _)| (s.as_str(), r.as_deref()))
        .collect();
    assert_eq!(
        steps,
        [("draft", None), ("sent", None), ("declined", Some("no_capacity"))]
    );
    assert!(
        events.iter().all(|(_, _, who, at)| *who == *ben_id && *at > 0),
        "who and when, every step"
    );
    // A colleague not assigned cannot move it: the same answer as a missing referral.
    let r = a
        .app
        .act(
            &a.cleo,
            &format!("/staff/referrals/{}/status", referral.id),
            &[("status", "withdrawn")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn cry_3_erasure_destroys_the_key_so_even_a_backup_cannot_be_read() {
    use std::sync::Arc;

    use pathways::crypto::password::Cost;
    use pathways::services::policy::Actor;
    use pathways::services::staff::{Staff, StaffError, StaffSettings};

    let a = agency().await;
    if a.app.dir.on_postgres() {
        return; // its backup is the SQLite file's (PostgreSQL's are the operator's tools)
    }
    let gone = open_record(
        &a,
        &[
            ("pseudonym", "Erase-canary-5150"),
            ("age_band", "adult"),
            ("notes", "gone-canary-note"),
        ],
    )
    .await;
    let kept = open_record(&a, &[("pseudonym", "Kept-R."), ("age_band", "adult")]).await;
    // REL-2: an online copy, made while the app has the database open. CRY-1: sealed in it too.
    let backup = a.app.dir.tmp.path().join("backup.db");
    a.app.directory.store.backup(&backup).unwrap();
    let bytes = std::fs::read(&backup).unwrap();
    assert!(!contains(&bytes, "Erase-canary-5150") && !contains(&bytes, "gone-canary-note"));
    // Erasure asks for a confirmation, and only the primary advocate may.
    let uri = format!("/staff/survivors/{gone}/erase");
    let unconfirmed = a.app.act(&a.ben, &uri, &[]).await;
    assert_eq!(unconfirmed.status, StatusCode::BAD_REQUEST);
    assert!(unconfirmed.text().contains("Tick the box"));
    assert_eq!(
        a.app.act(&a.cleo, &uri, &[("confirm", "yes")]).await.status,
        StatusCode::NOT_FOUND
    );
    let done = a.app.act(&a.ben, &uri, &[("confirm", "yes")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    assert_eq!(
        a.app
            .get(&format!("/staff/survivors/{gone}"), Some(&a.ben.cookie))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let audit = a.app.audit();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "survivor.erase" && e.record == format!("survivor:{gone}"))
    );
    assert!(
        !format!("{audit:?}").contains("canary"),
        "the audit keeps no content"
    );
    // Restore the backup into another data folder, with today's key file: the erased
    // survivor's row is back, but nothing of it opens; the other survivor reads as before.
    let other = crate::support::TestDir::new();
    std::fs::create_dir_all(other.data()).unwrap();
    pathways::store::restore(&backup, &other.data().join("pathways.db")).unwrap();
    let restored = Arc::new(other.open());
    let (staff, created) = Staff::open(
        restored.clone(),
        &a.app.dir.keys(),
        Cost::FLOOR,
        a.app.clock.clone(),
        StaffSettings::default(),
    )
    .unwrap();
    assert!(!created);
    let ben = restored
        .store
        .account_by_email("ben@example.org")
        .unwrap()
        .unwrap();
    let actor = Actor {
        grants: restored.store.grants_of(&ben.id).unwrap(),
        user: ben.id,
        name: ben.name,
    };
    assert!(
        restored.store.survivor(&gone).unwrap().is_some(),
        "the row came back with the backup"
    );
    assert!(
        matches!(staff.survivors().plan(&actor, &gone), Err(StaffError::Vault(_))),
        "REL-4: it does not open"
    );
    assert_eq!(
        staff.survivors().plan(&actor, &kept).unwrap().record.pseudonym,
        "Kept-R."
    );
}

#[tokio::test]
async fn the_caseload_shows_overdue_and_upcoming_follow_ups_stuck_referrals_and_needs_without_a_provider() {
    let a = agency().await;
    // The clock stands at 2026-11-29.
    open_record(&a, &[("pseudonym", "Quiet"), ("age_band", "adult")]).await;
    let busy = open_record(
        &a,
        &[
            ("pseudonym", "Busy"),
            ("age_band", "adult"),
            ("template", "adult"),
        ],
    )
    .await;
    let needs = a.app.directory.store.plan_needs(&busy).unwrap();
    let set = |need: pathways::domain::ids::NeedId, follow_up: &'static str| {
        let (a, busy) = (&a, busy.clone());
        async move {
            let r = a
                .app
                .act(
                    &a.ben,
                    &format!("/staff/survivors/{busy}/needs/{need}"),
                    &[
                        ("status", "being_arranged"),
                        ("priority", "high"),
                        ("follow_up", follow_up),
                    ],
                )
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        }
    };
    set(needs[0].id.clone(), "2026-11-20").await; // overdue
    set(needs[1].id.clone(), "2026-12-02").await; // this week
    set(needs[2].id.clone(), "2027-03-01").await; // later: neither
    let service = a.app.directory.store.listing_ids().unwrap()[0].clone();
    let r = a
        .app
        .act(
            &a.ben,
            &format!("/staff/survivors/{busy}/needs/{}/referrals", needs[3].id),
            &[("service", &service)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let list = a.app.get("/staff/survivors", Some(&a.ben.cookie)).await.text();
    assert!(list.contains("1 follow-up overdue"), "{list}");
    assert!(list.contains("1 follow-up this week"), "{list}");
    let unprovided = needs.len() - 1; // every need but the one referred
    assert!(
        list.contains(&format!("{unprovided} needs without a provider yet")),
        "{list}"
    );
    assert!(!list.contains("stuck"), "nothing stuck yet");
    assert!(
        list.find("Busy").unwrap() < list.find("Quiet").unwrap(),
        "who needs attention comes first"
    );
    // Fifteen days later the draft referral has sat in one status for over 14 days.
    a.app.clock.advance(15 * 86_400);
    let ben = a.app.login(&a.ben).await;
    let list = a.app.get("/staff/survivors", Some(&ben.cookie)).await.text();
    assert!(list.contains("1 referral stuck over 14 days"), "{list}");
    assert!(
        list.contains("2 follow-ups overdue"),
        "the one of 12-02 is overdue now: {list}"
    );
}

#[tokio::test]
async fn the_survivors_copy_holds_their_needs_next_steps_and_advocate_and_nothing_else() {
    let a = agency().await;
    let id = open_record(
        &a,
        &[
            ("pseudonym", "Secret-name-canary"),
            ("age_band", "adult"),
            ("language_1", "es"),
            ("place", "Hidden-place-canary"),
            ("code_word", "codeword-canary"),
            ("notes", "private-note-canary"),
            ("template", "adult"),
        ],
    )
    .await;
    let needs = a.app.directory.store.plan_needs(&id).unwrap();
    a.app
        .act(
            &a.ben,
            &format!("/staff/survivors/{id}/needs/{}", needs[0].id),
            &[
                ("status", "being_arranged"),
                ("priority", "high"),
                ("their_words", "quiero estar segura"),
                ("goal", "goal-canary"),
            ],
        )
        .await;
    let service = a.app.directory.store.listing_ids().unwrap()[0].clone();
    let listing = a.app.directory.store.listing(&service).unwrap().unwrap();
    a.app
        .act(
            &a.ben,
            &format!("/staff/survivors/{id}/needs/{}/referrals", needs[0].id),
            &[("service", &service)],
        )
        .await;
    let copy = a
        .app
        .get(&format!("/staff/survivors/{id}/print"), Some(&a.ben.cookie))
        .await;
    assert_eq!(copy.status, StatusCode::OK);
    let text = copy.text();
    assert!(
        text.contains("<html lang=\"es\"") && text.contains("Mis contactos"),
        "in their language"
    );
    assert!(text.contains("<title>Contactos</title>"), "a neutral title");
    assert!(text.contains("quiero estar segura"), "their words");
    assert!(text.contains(&listing.name), "the provider");
    assert!(
        text.contains("Ben") && text.contains("ben@example.org"),
        "their advocate"
    );
    for never in [
        "Secret-name-canary",
        "Hidden-place-canary",
        "codeword-canary",
        "private-note-canary",
        "goal-canary",
        "/staff/",
        "csrf",
    ] {
        assert!(!text.contains(never), "{never} is on the survivor's copy");
    }
    assert_eq!(
        a.app
            .get(&format!("/staff/survivors/{id}/print"), Some(&a.cleo.cookie))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn continuity_a_hand_over_keeps_the_plan_and_its_timeline() {
    let a = agency().await;
    let id = open_record(
        &a,
        &[("pseudonym", "C."), ("age_band", "adult"), ("template", "adult")],
    )
    .await;
    let need = a.app.directory.store.plan_needs(&id).unwrap()[0].id.clone();
    a.app
        .act(
            &a.ben,
            &format!("/staff/survivors/{id}/needs/{need}"),
            &[("status", "in_service"), ("priority", "high")],
        )
        .await;
    let cleo_id = &a.cleo.id.0;
    // Only an advocate of the agency can take over; Ben stays on as co-advocate.
    let bad = a
        .app
        .act(
            &a.ben,
            &format!("/staff/survivors/{id}/transfer"),
            &[("advocate", "nobody"), ("stay", "yes")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.text().contains("Choose an advocate"));
    let r = a
        .app
        .act(
            &a.ben,
            &format!("/staff/survivors/{id}/transfer"),
            &[("advocate", cleo_id), ("stay", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let plan = a
        .app
        .get(&format!("/staff/survivors/{id}"), Some(&a.cleo.cookie))
        .await;
    assert_eq!(plan.status, StatusCode::OK, "Cleo is their advocate now");
    let text = plan.text();
    for line in [
        "Record opened",
        "Identified → In service · Medium priority → High priority (Ben, ",
        "Handed over from Ben to Cleo (Ben, ",
    ] {
        assert!(text.contains(line), "{line} in the timeline");
    }
    assert_eq!(
        a.app
            .get(&format!("/staff/survivors/{id}"), Some(&a.ben.cookie))
            .await
            .status,
        StatusCode::OK
    );
    // Ben is co-advocate now: only the primary advocate hands over or erases.
    let again = a
        .app
        .act(
            &a.ben,
            &format!("/staff/survivors/{id}/transfer"),
            &[("advocate", cleo_id)],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    let erase = a
        .app
        .act(
            &a.ben,
            &format!("/staff/survivors/{id}/erase"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(erase.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn leg_3_agency_reports_are_counts_only_with_small_cells_hidden() {
    let a = agency().await;
    let mut ids = Vec::new();
    for i in 0..6 {
        ids.push(
            open_record(
                &a,
                &[
                    ("pseudonym", &format!("P{i}-report-canary")),
                    ("age_band", "adult"),
                    ("template", "adult"),
                ],
            )
            .await,
        );
    }
    // One survivor's therapy need is in service: a cell of one.
    let therapy = a
        .app
        .directory
        .store
        .plan_needs(&ids[0])
        .unwrap()
        .into_iter()
        .find(|n| n.code == "health.therapy")
        .unwrap();
    a.app
        .act(
            &a.ben,
            &format!("/staff/survivors/{}/needs/{}", ids[0], therapy.id),
            &[("status", "in_service"), ("priority", "high")],
        )
        .await;
    // One early-stage need referred: the other five of that need have no provider, and 6 − 5
    // would reveal the one — so that cell is hidden as well.
    let first = a.app.directory.store.plan_needs(&ids[1]).unwrap()[0].clone();
    let service = a.app.directory.store.listing_ids().unwrap()[0].clone();
    a.app
        .act(
            &a.ben,
            &format!("/staff/survivors/{}/needs/{}/referrals", ids[1], first.id),
            &[("service", &service)],
        )
        .await;
    let page = a.app.get("/staff/reports", Some(&a.ana.cookie)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let text = page.text();
    assert!(
        text.contains("<td>6</td>"),
        "six survivors with the same need show as 6"
    );
    // Every plan has a therapy need, so its total (6, also on the unmet-need page) is known:
    // "5 identified, <5 in service" would give the one in service away (6 − 5), so neither
    // cell is shown.
    for status in ["Identified", "In service"] {
        assert!(
            text.contains(&format!(
                "<td>Counseling and therapy</td><td>{status}</td><td>*</td>"
            )),
            "{status}: {text}"
        );
    }
    assert!(!text.contains("<td>5</td>"), "{text}");
    assert!(!text.contains("<td>1</td>"), "no small count shown");
    assert!(text.contains(" · *</li>"), "secondary suppression: {text}");
    assert!(!text.contains("report-canary"), "no survivor on a report");
    // Advocates and other agencies' admins do not read it.
    assert_eq!(
        a.app.get("/staff/reports", Some(&a.ben.cookie)).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn leg_1_a_provider_sees_only_what_a_consent_in_force_allows() {
    let a = agency().await;
    let id = open_record(
        &a,
        &[
            ("pseudonym", "Lia"),
            ("age_band", "youth"),
            ("language_1", "es"),
            ("place", "77002"),
            ("call", "1"),
            ("template", "adult"),
        ],
    )
    .await;
    let need = a.app.directory.store.plan_needs(&id).unwrap()[0].clone();
    a.app
        .act(
            &a.ben,
            &format!("/staff/survivors/{id}/needs/{}", need.id),
            &[
                ("status", "being_arranged"),
                ("priority", "high"),
                ("their_words", "a quiet room"),
            ],
        )
        .await;
    let service = a.app.directory.store.listing_ids().unwrap()[0].clone();
    a.app
        .act(
            &a.ben,
            &format!("/staff/survivors/{id}/needs/{}/referrals", need.id),
            &[("service", &service)],
        )
        .await;
    let referral = a.app.directory.store.referrals_of(&id).unwrap().pop().unwrap();
    let org = referral.organization.clone();
    // A draft is not the provider's to see yet.
    assert!(
        a.app
            .staff
            .consents()
            .provider_view(&org, &referral.id)
            .unwrap()
            .is_none()
    );
    a.app
        .act(
            &a.ben,
            &format!("/staff/referrals/{}/status", referral.id),
            &[("status", "sent")],
        )
        .await;
    // No consent: the referral works, and shares the reference and the need only (LEG-2).
    let view = a
        .app
        .staff
        .consents()
        .provider_view(&org, &referral.id)
        .unwrap()
        .unwrap();
    assert_eq!(view.reference, referral.reference);
    assert_eq!(view.need, need.code);
    assert!(view.identity.is_none() && view.contact.is_none() && view.their_words.is_none());
    // Another organisation: as if there were no referral at all.
    assert!(
        a.app
            .staff
            .consents()
            .provider_view("another-org", &referral.id)
            .unwrap()
            .is_none()
    );
    // Consent to identity and needs, for 30 days: exactly those.
    let expires = jiff::Timestamp::from_second(a.app.clock.now() + 30 * 86_400)
        .unwrap()
        .strftime("%Y-%m-%d")
        .to_string();
    let give = |extra: Vec<(&'static str, String)>| {
        let (a, id, org) = (&a, id.clone(), org.clone());
        async move {
            let mut fields = vec![("organization", org), ("purpose", "shelter intake".to_owned())];
            fields.extend(extra);
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            a.app
                .act(&a.ben, &format!("/staff/survivors/{id}/consents"), &pairs)
                .await
        }
    };
    let too_long = give(vec![
        ("share_identity", "yes".into()),
        ("expires", "2030-01-01".into()),
    ])
    .await;
    assert_eq!(
        too_long.status,
        StatusCode::BAD_REQUEST,
        "time-limited: at most a year"
    );
    let nothing = give(vec![("expires", expires.clone())]).await;
    assert_eq!(
        nothing.status,
        StatusCode::BAD_REQUEST,
        "specific: what is shared is named"
    );
    let ok = give(vec![
        ("share_identity", "yes".into()),
        ("share_needs", "yes".into()),
        ("expires", expires.clone()),
    ])
    .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
    let view = a
        .app
        .staff
        .consents()
        .provider_view(&org, &referral.id)
        .unwrap()
        .unwrap();
    assert_eq!(
        view.identity,
        Some(("Lia".to_owned(), "youth".to_owned(), vec!["es".to_owned()]))
    );
    assert_eq!(view.their_words.as_deref(), Some("a quiet room"));
    assert!(view.contact.is_none(), "contact was not consented to");
    let plan = a
        .app
        .get(&format!("/staff/survivors/{id}"), Some(&a.ben.cookie))
        .await
        .text();
    assert!(
        plan.contains("in force") && plan.contains("witnessed by Ben") && plan.contains("shelter intake")
    );
    // Revoked: nothing beyond the reference, at once.
    let consent = a.app.directory.store.consents_of(&id).unwrap()[0].id.clone();
    let r = a
        .app
        .act(&a.ben, &format!("/staff/consents/{consent}/revoke"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let view = a
        .app
        .staff
        .consents()
        .provider_view(&org, &referral.id)
        .unwrap()
        .unwrap();
    assert!(view.identity.is_none() && view.their_words.is_none());
    // Expired: a new consent for 30 days, and 31 days later it shares nothing.
    give(vec![("share_contact", "yes".into()), ("expires", expires)]).await;
    assert!(
        a.app
            .staff
            .consents()
            .provider_view(&org, &referral.id)
            .unwrap()
            .unwrap()
            .contact
            .is_some()
    );
    a.app.clock.advance(31 * 86_400);
    assert!(
        a.app
            .staff
            .consents()
            .provider_view(&org, &referral.id)
            .unwrap()
            .unwrap()
            .contact
            .is_none()
    );
    // The purpose is sealed like every survivor field.
    assert!(!contains(&a.app.dir.stored(), "shelter intake"));
    // LOG-1: each look is on record, with the groups shown and never their content.
    let looks: Vec<_> = a
        .app
        .audit()
        .into_iter()
        .filter(|e| e.action == "provider.view")
        .collect();
    assert!(
        looks.iter().any(|e| e.record.contains("groups:identity,needs")),
        "{looks:?}"
    );
    assert!(!format!("{looks:?}").contains("Lia"));
    // An ended referral shows the provider nothing at all.
    let ben = a.app.login(&a.ben).await;
    let r = a
        .app
        .act(
            &ben,
            &format!("/staff/referrals/{}/status", referral.id),
            &[("status", "withdrawn")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        a.app
            .staff
            .consents()
            .provider_view(&org, &referral.id)
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn leg_4_closed_plans_are_erased_after_the_retention_period() {
    let a = agency().await;
    let old = open_record(
        &a,
        &[
            ("pseudonym", "Old-plan-canary"),
            ("age_band", "adult"),
            ("template", "minor"),
        ],
    )
    .await;
    let recent = open_record(&a, &[("pseudonym", "Recent"), ("age_band", "adult")]).await;
    let open = open_record(&a, &[("pseudonym", "Open"), ("age_band", "adult")]).await;
    let r = a
        .app
        .act(&a.ben, &format!("/staff/survivors/{old}/close"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        !a.app
            .get("/staff/survivors", Some(&a.ben.cookie))
            .await
            .text()
            .contains(old.as_str()),
        "off the caseload"
    );
    a.app.clock.advance(200 * 86_400);
    let ben = a.app.login(&a.ben).await;
    a.app
        .act(&ben, &format!("/staff/survivors/{recent}/close"), &[])
        .await;
    a.app.clock.advance(200 * 86_400);
    // Twelve-month retention: the first plan (closed 400 days ago) goes, the second (200) stays.
    assert_eq!(a.app.staff.survivors().purge_closed(12).unwrap(), 1);
    assert!(
        a.app.directory.store.survivor(&old).unwrap().is_none()
            && a.app.directory.store.plan_needs(&old).unwrap().is_empty()
    );
    assert!(
        a.app.staff.vault().key(&format!("survivors/{old}")).is_err(),
        "its key is destroyed"
    );
    assert!(a.app.staff.vault().key(&format!("survivors/{recent}")).is_ok());
    assert!(
        a.app.staff.vault().key(&format!("survivors/{open}")).is_ok(),
        "open plans are never purged"
    );
    assert!(
        a.app
            .audit()
            .iter()
            .any(|e| e.action == "survivor.purge" && e.record == format!("survivor:{old}"))
    );
    assert_eq!(
        a.app.staff.survivors().purge_closed(12).unwrap(),
        0,
        "nothing twice"
    );
}

/// Issue 12, defect 4: a denial on a survivor's record carries the survivor's agency, so the
/// agency's admins see another agency probing their survivors.
#[tokio::test]
async fn an_agency_sees_others_probing_its_survivors() {
    let a = agency().await;
    let id = open_record(&a, &[("pseudonym", "P."), ("age_band", "adult")]).await;
    let dana = a.app.login(&a.dana).await;
    let south = a.app.agency(&dana, "South").await;
    let will = a.app.as_advocate(&dana, &south, "Will").await;
    let r = a
        .app
        .get(&format!("/staff/survivors/{id}"), Some(&will.cookie))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let ana = a.app.login(&a.ana).await;
    let log = a
        .app
        .get(&format!("/staff/audit?record=survivor:{id}"), Some(&ana.cookie))
        .await
        .text();
    assert!(log.contains("Will"), "North's admin sees Will's attempt: {log}");
    assert!(log.contains("survivor.read"));
}

#[tokio::test]
async fn ac_7_an_admin_names_a_new_primary_when_the_primary_left_without_seeing_the_record() {
    let a = agency().await;
    let app = &a.app;
    let north = app.directory.store.agencies().unwrap()[0].0.id.clone();
    let south = app.agency(&a.dana, "South").await;
    let sol = app.as_agency_admin(&a.dana, &south, "Sol").await;
    let dee = app.as_advocate(&a.ana, north.as_str(), "Dee").await;
    let id = open_record(&a, &[("pseudonym", "Marigold-canary-77"), ("age_band", "adult")]).await;
    let r = app
        .act(
            &a.ben,
            &format!("/staff/survivors/{id}/co-advocates"),
            &[("advocate", a.cleo.id.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    // While Ben is there, no admin may change who the primary advocate is.
    let assign = format!("/staff/continuity/{id}");
    let r = app
        .act(&a.ana, &assign, &[("advocate", a.cleo.id.as_str())])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Ben leaves North: Cleo still reads the plan but cannot close or erase it.
    let membership = app
        .directory
        .store
        .people()
        .unwrap()
        .into_iter()
        .find(|(p, _)| p.id == a.ben.id)
        .unwrap()
        .1[0]
        .id
        .clone();
    let r = app
        .act(&a.ana, &format!("/staff/memberships/{membership}/end"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let erase = format!("/staff/survivors/{id}/erase");
    let confirm = [("confirm", "yes")];
    assert_eq!(
        app.act(&a.cleo, &erase, &confirm).await.status,
        StatusCode::NOT_FOUND
    );
    // Ana sees the survivor listed by reference, with who left and who may take over — never
    // anything of the record; another agency's admin does not see it and cannot act on it.
    let page = app.get("/staff/people", Some(&a.ana.cookie)).await.text();
    assert!(page.contains(&format!("Record {}", &id.as_str()[..8])), "{page}");
    assert!(page.contains("primary advocate was Ben"), "{page}");
    assert!(
        page.contains("Cleo · already a co-advocate") && page.contains(">Dee<"),
        "{page}"
    );
    assert!(!page.contains("Marigold"), "{page}");
    let other = app.get("/staff/people", Some(&sol.cookie)).await.text();
    assert!(!other.contains(&id.as_str()[..8]), "{other}");
    let r = app.act(&sol, &assign, &[("advocate", dee.id.as_str())]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let denied = app
        .audit()
        .into_iter()
        .filter(|e| e.action == "survivor.new_primary" && !e.allowed)
        .count();
    assert_eq!(denied, 2, "the early try and Sol's are audited");
    // An advocate of another agency is not among the choices.
    let will = app.as_advocate(&a.dana, &south, "Will").await;
    let r = app.act(&a.ana, &assign, &[("advocate", will.id.as_str())]).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
    // Ana names Dee: Dee reads the plan and, as its primary, may close or erase it; Cleo stays.
    let r = app.act(&a.ana, &assign, &[("advocate", dee.id.as_str())]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let plan = app
        .get(&format!("/staff/survivors/{id}"), Some(&dee.cookie))
        .await;
    assert_eq!(plan.status, StatusCode::OK);
    assert!(
        plan.text()
            .contains("An admin made Dee primary advocate (Ben had left) (Ana, "),
        "{}",
        plan.text()
    );
    let cleo_plan = app
        .get(&format!("/staff/survivors/{id}"), Some(&a.cleo.cookie))
        .await;
    assert_eq!(cleo_plan.status, StatusCode::OK);
    let entry = app
        .audit()
        .into_iter()
        .find(|e| e.action == "survivor.new_primary" && e.allowed)
        .unwrap();
    assert_eq!(entry.agency.as_deref(), Some(north.as_str()));
    assert!(
        !app.get("/staff/people", Some(&a.ana.cookie))
            .await
            .text()
            .contains(&id.as_str()[..8])
    );
    assert_eq!(
        app.act(&dee, &erase, &confirm).await.status,
        StatusCode::SEE_OTHER
    );
}
