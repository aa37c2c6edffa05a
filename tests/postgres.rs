//! PostgreSQL as the shared system of record (issue 14): the use-case tests again on a
//! throwaway PostgreSQL server, and two real servers on one database.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use pathways::domain::listing_edit::ListingForm;
use pathways::services::{Database, Directory};
use pathways::store::throwaway;
use serde_json::json;

use crate::server::{enrol_first_admin, exchange, form, get, set_cookie, stop, wait_for};
use crate::support::app::link_path;
use crate::support::{TestDir, free_port, service};

/// The CSRF token of a staff page.
fn csrf_in(page: &str) -> String {
    page[page.find("name=\"csrf\" value=\"").unwrap() + 19..]
        .split('"')
        .next()
        .unwrap()
        .to_owned()
}

/// Whether the PostgreSQL tests can run here; under CI they must.
fn postgres_here() -> bool {
    throwaway::available("the PostgreSQL tests").unwrap()
}

/// Every use-case test that goes through the store runs a second time with its stores on
/// PostgreSQL: this test runs this binary again with `PATHWAYS_TEST_STORE=postgres`. Left
/// out: what never touches the store (the browser, search relevance, the shipped
/// directory's texts), and the tests of the real binary on its SQLite folder (crash,
/// server), which this module's two-server test stands for.
#[test]
fn the_use_case_tests_pass_on_postgres_too() {
    if throwaway::wanted() || !postgres_here() {
        return;
    }
    let mut args = Vec::new();
    for skipped in [
        "postgres::",
        "browser::",
        "crash::",
        "fuzzing::",
        "relevance::",
        "semantic::",
        "server::",
        "shipped_directory::",
        "translations::",
    ] {
        args.extend(["--skip", skipped]);
    }
    let passed = throwaway::run_again_on_postgres(&args).unwrap();
    assert!(passed > 100, "only {passed} tests ran on PostgreSQL");
}

/// One server on the shared database, with its own folders and its copy of the key file.
fn node(dir: &TestDir, name: &str, database: &(String, String), port: u16) -> Child {
    let own = dir.tmp.path().join(name);
    Command::new(env!("CARGO_BIN_EXE_pathways"))
        .args(["--database", &database.0, "--key-database", &database.1])
        .env("PATHWAYS_DATA_DIR", own.join("data"))
        .env("PATHWAYS_INDEX_DIR", own.join("index"))
        .env("PATHWAYS_KEY_FILE", own.join("keys").join("pathways.keys"))
        .env("PATHWAYS_DIRECTORY", dir.tmp.path().join("listings"))
        .env("PATHWAYS_METRICS_LISTEN", "off")
        .args(["--login-rate-limit", "0", "--rate-limit", "0"])
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// A command of the binary on the shared database (as an operator runs it).
fn command(dir: &TestDir, database: &(String, String), args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pathways"))
        .args(["--database", &database.0, "--key-database", &database.1])
        .env("PATHWAYS_INDEX_DIR", dir.tmp.path().join("operator-index"))
        .env("PATHWAYS_KEY_FILE", dir.tmp.path().join("a/keys/pathways.keys"))
        .env("PATHWAYS_DIRECTORY", dir.tmp.path().join("listings"))
        .args(args)
        .output()
        .unwrap()
}

fn hits(port: u16, query: &str) -> usize {
    let page = get(port, &format!("/api/v1/search?q={query}")).unwrap_or_default();
    page.matches("\"id\":").count()
}

/// Two real servers on one PostgreSQL database: the second builds its index from the
/// database the first filled; a session made on one works on the other; a provider's edit
/// through one is found through the other within a second, and so is a change another
/// process writes; both appending audit entries at once
/// leave one intact chain; killing one leaves the other serving.
#[test]
fn two_servers_share_one_database() {
    if throwaway::wanted() || !postgres_here() {
        return;
    }
    let server = throwaway::server().unwrap();
    let database = (server.fresh_database().unwrap(), server.fresh_database().unwrap());
    let dir = TestDir::new();
    std::fs::create_dir_all(dir.tmp.path().join("listings")).unwrap();
    dir.write(
        "listings/sample.json",
        &json!([service("Harbor Food Pantry", "Groceries weekly.", json!({}))]),
    );
    // The first server fills the database and prints the setup link.
    let (port_a, port_b) = (free_port(), free_port());
    let mut a = node(&dir, "a", &database, port_a);
    let mut stdout = std::io::BufReader::new(a.stdout.take().unwrap());
    let link = loop {
        let mut line = String::new();
        assert!(
            std::io::BufRead::read_line(&mut stdout, &mut line).unwrap() > 0,
            "no setup link printed"
        );
        if let Some(at) = line.find("/staff/setup/") {
            break line[at..].trim().to_owned();
        }
    };
    wait_for(port_a, &mut a);
    // The key file is distributed to every server (here: copied).
    std::fs::create_dir_all(dir.tmp.path().join("b/keys")).unwrap();
    std::fs::copy(
        dir.tmp.path().join("a/keys/pathways.keys"),
        dir.tmp.path().join("b/keys/pathways.keys"),
    )
    .unwrap();
    let mut b = node(&dir, "b", &database, port_b);
    wait_for(port_b, &mut b);
    assert_eq!(
        hits(port_b, "pantry"),
        1,
        "the second server indexed the shared database"
    );

    // A session made on A works on B.
    let dana = enrol_first_admin(port_a, &link, "dana@example.org", "Dana", "two-nodes-password-1");
    for port in [port_a, port_b] {
        let (head, home) = exchange(port, "GET", "/staff", &[("Cookie", &dana.sid)], "");
        assert!(
            head.starts_with("HTTP/1.1 200") && home.contains("Dana"),
            "{port}: {head}"
        );
    }

    // An edit through A — a provider's staff rewrites their service's description on A's
    // staff pages — is found by the public search through B within a second.
    let reader = Directory::open_at(
        &Database::Postgres {
            url: database.0.clone(),
            keys: database.1.clone(),
        },
        &dir.tmp.path().join("reader-index"),
    )
    .unwrap()
    .0;
    let org = reader.store.organizations_without_provider().unwrap()[0]
        .0
        .clone();
    let browser = |port: u16, sid: &str| {
        [
            ("Cookie", sid.to_owned()),
            ("Origin", format!("http://127.0.0.1:{port}")),
            ("Sec-Fetch-Site", "same-origin".to_owned()),
        ]
    };
    let post = |port: u16, sid: &str, uri: &str, pairs: &[(&str, &str)]| {
        let (_, page) = exchange(port, "GET", "/staff/sessions", &[("Cookie", sid)], "");
        let csrf = csrf_in(&page);
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(pairs);
        let headers = browser(port, sid);
        let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        exchange(port, "POST", uri, &headers, &form(&all))
    };
    let (head, _) = post(port_a, &dana.sid, "/staff/providers", &[("organization", &org)]);
    assert!(head.starts_with("HTTP/1.1 303"), "{head}");
    let provider = reader.store.providers().unwrap()[0].0.id.0.clone();
    let grant = format!("provider_staff:{provider}");
    let (head, invited) = post(
        port_a,
        &dana.sid,
        "/staff/invitations",
        &[("email", "pia@example.org"), ("grant", &grant)],
    );
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let pia = enrol_first_admin(
        port_a,
        &link_path(&invited),
        "pia@example.org",
        "Pia",
        "provider-password-2",
    );
    let listing = reader.store.listings_of(&org).unwrap()[0].clone();
    let mut fields = ListingForm::of(&listing, &[]).fields;
    fields.retain(|(k, _)| k != "description");
    fields.push((
        "description".into(),
        "Groceries weekly. Ask for the zebrafinch desk.".into(),
    ));
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(hits(port_b, "zebrafinch"), 0);
    let (head, answer) = post(
        port_a,
        &pia.sid,
        &format!("/staff/listings/{}", listing.id),
        &pairs,
    );
    assert!(
        head.starts_with("HTTP/1.1 200") && answer.contains("live now"),
        "{head}{answer}"
    );
    let saved = Instant::now();
    assert_eq!(
        hits(port_a, "zebrafinch"),
        1,
        "in A's index before its answer returned"
    );
    while hits(port_b, "zebrafinch") == 0 {
        assert!(
            saved.elapsed() < Duration::from_secs(1),
            "not found through B within 1 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    // A change written by another process (an operator's import) reaches both as well.
    dir.write(
        "more.json",
        &json!([service("Kestrel Legal Clinic", "Free legal advice.", json!({}))]),
    );
    let more = dir.tmp.path().join("more.json");
    let imported = command(&dir, &database, &["import", more.to_str().unwrap()]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let written = Instant::now();
    for port in [port_a, port_b] {
        while hits(port, "kestrel") == 0 {
            assert!(
                written.elapsed() < Duration::from_secs(1),
                "not found through {port} within 1 s"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    // Both servers append to the audit log at once (failed sign-ins are audited): the chain
    // stays one chain.
    let before = command(&dir, &database, &["audit", "verify"]);
    assert!(
        before.status.success(),
        "{}",
        String::from_utf8_lossy(&before.stderr)
    );
    let attempts: Vec<_> = [port_a, port_b, port_a, port_b]
        .into_iter()
        .map(|port| {
            std::thread::spawn(move || {
                for _ in 0..5 {
                    let (head, page) = exchange(port, "GET", "/staff/login", &[], "");
                    let pre = set_cookie(&head, "__Host-pre").unwrap();
                    let csrf = csrf_in(&page);
                    let body = form(&[
                        ("csrf", &csrf),
                        ("email", "dana@example.org"),
                        ("password", "not-the-password"),
                        ("code", "000000"),
                    ]);
                    let browser = [("Cookie", pre.as_str()), ("Sec-Fetch-Site", "same-origin")];
                    let (head, _) = exchange(port, "POST", "/staff/login", &browser, &body);
                    assert!(!head.starts_with("HTTP/1.1 303"), "{head}");
                }
            })
        })
        .collect();
    for t in attempts {
        t.join().unwrap();
    }
    let after = command(&dir, &database, &["audit", "verify"]);
    let report = String::from_utf8_lossy(&after.stdout);
    assert!(
        after.status.success(),
        "{}",
        String::from_utf8_lossy(&after.stderr)
    );
    let entries = |out: &str| -> u64 { out.split_whitespace().find_map(|w| w.parse().ok()).unwrap_or(0) };
    assert!(
        entries(&report) >= entries(&String::from_utf8_lossy(&before.stdout)) + 20,
        "twenty more entries, one chain: {report}"
    );

    // Killing one leaves the other serving, public and staff pages alike.
    a.kill().unwrap();
    a.wait().unwrap();
    assert_eq!(hits(port_b, "pantry"), 1);
    let (head, _) = exchange(port_b, "GET", "/staff", &[("Cookie", &dana.sid)], "");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    stop(&mut b);
}

/// `migrate-store` moves a SQLite directory with staff, a plan and its audit chain into
/// PostgreSQL: every table arrives with its count, the chain verifies there, and the
/// advocate signs in on the new database and reads the sealed record (its key moved too).
#[tokio::test]
async fn migrate_store_moves_everything_and_checks_it_on_arrival() {
    use axum::http::StatusCode;

    use crate::support::app::TestApp;

    if throwaway::wanted() || !postgres_here() {
        return;
    }
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    let north = app.agency(&dana, "North").await;
    let ben = app.as_advocate(&dana, &north, "Ben").await;
    let survivor = app
        .open_record(
            &ben,
            &[("pseudonym", "Migrated-canary-77"), ("age_band", "adult")],
        )
        .await;
    let entries = app.audit().len();
    let now = app.clock.now();
    // The app lets go of the key file (as a stopped server does).
    let dir = {
        let app = app;
        let TestApp { dir, .. } = app;
        dir
    };
    let server = throwaway::server().unwrap();
    let (url, keys) = (server.fresh_database().unwrap(), server.fresh_database().unwrap());
    let migrate = || {
        Command::new(env!("CARGO_BIN_EXE_pathways"))
            .env("PATHWAYS_KEY_FILE", dir.keys())
            .args([
                "migrate-store",
                "--from",
                &format!("sqlite:{}", dir.data().display()),
            ])
            .args(["--to", &url, "--to-keys", &keys])
            .output()
            .unwrap()
    };
    let out = migrate();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        report.contains(&format!("intact there: {entries} entries")),
        "{report}"
    );
    let line = |table: &str| {
        report
            .lines()
            .find(|l| l.starts_with(&format!("{table} ")))
            .unwrap()
            .to_owned()
    };
    assert!(line("survivors").ends_with("1 →         1"), "{report}");
    assert!(
        line("data_keys").split_whitespace().nth(1) != Some("0"),
        "{report}"
    );

    // A second run finds the target filled and changes nothing.
    let again = migrate();
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("not empty"),
        "{again:?}"
    );

    // The same folder and key file, now over PostgreSQL: Ben reads the sealed record.
    let dir = crate::support::TestDir {
        tmp: dir.tmp,
        database: Database::Postgres { url, keys },
    };
    let directory = std::sync::Arc::new(Directory::open_at(&dir.database, &dir.index()).unwrap().0);
    let clock = pathways::services::clock::Clock::manual(now);
    let app = TestApp::over(dir, directory, clock);
    app.tick();
    let ben = app.login(&ben).await;
    let record = app
        .get(&format!("/staff/survivors/{survivor}"), Some(&ben.cookie))
        .await;
    assert_eq!(record.status, StatusCode::OK);
    assert!(record.text().contains("Migrated-canary-77"), "{}", record.text());
}
