//! The planner (issue 5, first part): survivors' records and plans, sealed with each
//! survivor's own key (CRY-1/2), seen only by their assigned advocates (AC-1), every read and
//! change audited without its content (LOG-1).

use axum::http::StatusCode;

use crate::staff::{Person, StaffApp};
use crate::support::{all_bytes, contains};

struct Agency {
    app: StaffApp,
    ben: Person,
    cleo: Person,
    ana: Person,
}

/// North agency: Ana (admin), Ben and Cleo (advocates).
async fn agency() -> Agency {
    let app = StaffApp::new();
    let dana = app.admin().await;
    let north = app.agency(&dana, "North").await;
    let ana = app
        .invite(&dana, "ana@example.org", "Ana", &format!("agency_admin:{north}"))
        .await;
    let ben = app
        .invite(&ana, "ben@example.org", "Ben", &format!("advocate:{north}"))
        .await;
    let cleo = app
        .invite(&ana, "cleo@example.org", "Cleo", &format!("advocate:{north}"))
        .await;
    Agency { app, ben, cleo, ana }
}

async fn open_record(a: &Agency, pairs: &[(&str, &str)]) -> String {
    let r = a.app.act(&a.ben, "/staff/survivors", pairs).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    r.headers["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/staff/survivors/")
        .to_owned()
}

#[tokio::test]
async fn cry_1_survivor_fields_are_sealed_before_the_database() {
    let a = agency().await;
    let id = open_record(
        &a,
        &[
            ("pseudonym", "Zinnia-canary-41"),
            ("age_band", "youth"),
            ("languages", "es, en"),
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
            .get(&format!("/staff/survivors/{id}"), Some(&a.ben.cookie))
            .await
            .text()
            .contains("words-canary-77")
    );
    let db = all_bytes(&a.app.dir.data());
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
    assert!(!list.contains(&id));
    assert!(
        a.app
            .get("/staff/survivors", Some(&a.ben.cookie))
            .await
            .text()
            .contains(&id)
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
                ("languages", "english"),
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
