//! The real binary: first start imports `--directory` and builds the index, serves HTTP on
//! the given address, restarts without re-importing, and stops cleanly on SIGTERM.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::support::{TestDir, free_port, needs, service};

fn start(dir: &TestDir, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_pathways"))
        .env("PATHWAYS_DATA_DIR", dir.data())
        .env("PATHWAYS_KEY_FILE", dir.keys())
        .env("PATHWAYS_INDEX_DIR", dir.index())
        .env("PATHWAYS_DIRECTORY", dir.tmp.path().join("listings"))
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

pub(crate) fn get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

pub(crate) fn wait_for(port: u16, child: &mut Child) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(r) = get(port, "/api/v1/search?q=pantry") {
            return r;
        }
        assert!(child.try_wait().unwrap().is_none(), "the server exited early");
        assert!(Instant::now() < deadline, "the server did not answer within 60 s");
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub(crate) fn stop(child: &mut Child) -> String {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let exit = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "no exit within 20 s of SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut log = String::new();
    child.stderr.take().unwrap().read_to_string(&mut log).unwrap();
    assert!(exit.success(), "exit {exit:?}: {log}");
    log
}

#[test]
fn first_start_imports_serves_and_stops_cleanly_on_sigterm() {
    let dir = TestDir::new();
    std::fs::create_dir_all(dir.tmp.path().join("listings")).unwrap();
    let canary = "zebracanary";
    dir.write(
        "listings/sample.json",
        &json!([service(
            "Harbor Food Pantry",
            "Groceries weekly.",
            json!({"attributes": needs(&["basic.food"])})
        )]),
    );
    let port = free_port();
    let mut server = start(&dir, port);
    let answer = wait_for(port, &mut server);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("Harbor Food Pantry"));
    assert!(!answer.to_ascii_lowercase().contains("set-cookie"));
    // ANON-3: what people search for never reaches the log.
    get(port, &format!("/api/v1/search?q={canary}&place=77002")).unwrap();
    let log = stop(&mut server);
    assert!(
        log.contains("/api/v1/search"),
        "the route pattern is logged: {log}"
    );
    assert!(
        !log.contains(canary) && !log.contains("77002"),
        "query text in the log: {log}"
    );
    assert!(log.contains("stopped"));
    for (what, bytes) in [
        ("database", crate::support::all_bytes(&dir.data())),
        ("index", crate::support::all_bytes(&dir.index())),
    ] {
        assert!(
            !crate::support::contains(&bytes, canary),
            "query text in the {what}"
        );
    }

    // A second start finds listings in the database and does not import again: a listing
    // added to the folder now is not picked up.
    dir.write(
        "listings/more.json",
        &json!([service(
            "Later Listing",
            "Added afterwards.",
            json!({"attributes": needs(&["employment"])})
        )]),
    );
    let mut server = start(&dir, port);
    wait_for(port, &mut server);
    let r = get(port, "/api/v1/search?q=later%20listing").unwrap();
    assert!(!r.contains("Later Listing"), "{r}");
    // A second server on the same data folder is refused at start, naming the folder and
    // the server that holds it; the first keeps serving.
    let mut second = start(&dir, free_port());
    let deadline = Instant::now() + Duration::from_secs(20);
    let refused = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "a second server started on the same folder"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut log = String::new();
    second.stderr.take().unwrap().read_to_string(&mut log).unwrap();
    assert!(!refused.success(), "{log}");
    assert!(log.contains("already using the data folder"), "{log}");
    assert!(log.contains(&dir.data().display().to_string()), "{log}");
    assert!(log.contains(&format!("process {}", server.id())), "{log}");
    assert!(get(port, "/healthz").unwrap().starts_with("HTTP/1.1 200"));
    stop(&mut server);
    // Stopped, it lets the next one start.
    let mut third = start(&dir, port);
    wait_for(port, &mut third);
    stop(&mut third);
}

#[test]
fn the_import_command_names_what_is_wrong_and_fails() {
    let dir = TestDir::new();
    let mut bad = service("Drop-in", "Coffee.", json!({}));
    bad["status"] = json!("open");
    let id = bad["id"].as_str().unwrap().to_owned();
    let file = dir.write("bad.json", &json!([bad]));
    let out = Command::new(env!("CARGO_BIN_EXE_pathways"))
        .env("PATHWAYS_DATA_DIR", dir.data())
        .env("PATHWAYS_KEY_FILE", dir.keys())
        .env("PATHWAYS_INDEX_DIR", dir.index())
        .env("RUST_BACKTRACE", "1")
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.json") && stderr.contains(&id) && stderr.contains("/status"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("backtrace"),
        "a user error is a message, not a crash: {stderr}"
    );
}

/// One HTTP/1.1 exchange (Connection: close): status line + headers, and body.
pub(crate) fn exchange(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if method == "POST" {
        req.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let (head, body) = out.split_once("\r\n\r\n").unwrap_or((&out, ""));
    (head.to_owned(), body.to_owned())
}

pub(crate) fn set_cookie(head: &str, name: &str) -> Option<String> {
    head.lines()
        .filter_map(|l| l.strip_prefix("set-cookie: "))
        .find(|c| c.starts_with(&format!("{name}=")) && !c.contains("Max-Age=0"))
        .map(|c| c.split(';').next().unwrap().to_owned())
}

pub(crate) fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", crate::support::encode(k), crate::support::encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn run(dir: &TestDir, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pathways"))
        .env("PATHWAYS_DATA_DIR", dir.data())
        .env("PATHWAYS_KEY_FILE", dir.keys())
        .env("PATHWAYS_INDEX_DIR", dir.index())
        .env("PATHWAYS_DIRECTORY", dir.tmp.path().join("listings"))
        .args(args)
        .output()
        .unwrap()
}

/// An admin enrolled through the setup link and signed in.
pub(crate) struct Enrolled {
    /// The session cookie (`__Host-sid=…`).
    pub sid: String,
    /// The TOTP secret (base32).
    pub secret: String,
    /// A recovery code (spent: it signed in).
    pub recovery: String,
}

/// Enrols the first admin through the setup link at `path` the browser's way, then signs
/// in with a recovery code (enrolment spent this step's TOTP code).
pub(crate) fn enrol_first_admin(port: u16, path: &str, email: &str, name: &str, password: &str) -> Enrolled {
    use pathways::crypto::totp::{STEP, TotpSecret};

    // Enrol in the browser's way: GET the page (pre-session cookie), POST the form.
    let (head, page) = exchange(port, "GET", path, &[], "");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let pre = set_cookie(&head, "__Host-pre").unwrap();
    let value = |html: &str, name: &str| {
        let m = format!("name=\"{name}\" value=\"");
        html[html.find(&m).unwrap() + m.len()..]
            .split('"')
            .next()
            .unwrap()
            .to_owned()
    };
    let secret = value(&page, "totp_secret");
    let totp = TotpSecret::from_base32(&secret).unwrap();
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64
    };
    let code = format!("{:06}", totp.code(now() / STEP));
    let body = form(&[
        ("csrf", &value(&page, "csrf")),
        ("email", email),
        ("name", name),
        ("password", password),
        ("password_again", password),
        ("totp_secret", &secret),
        ("code", &code),
    ]);
    let origin = format!("http://127.0.0.1:{port}");
    let browser = [
        ("Cookie", pre.as_str()),
        ("Origin", origin.as_str()),
        ("Sec-Fetch-Site", "same-origin"),
    ];
    let (head, done) = exchange(port, "POST", path, &browser, &body);
    assert!(head.starts_with("HTTP/1.1 200"), "{head}{done}");
    let recovery = done
        .split("<li><code>")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_owned();

    // Sign in with a recovery code (the TOTP step of enrolment is spent).
    let (head, page) = exchange(port, "GET", "/staff/login", &[], "");
    let pre = set_cookie(&head, "__Host-pre").unwrap();
    let body = form(&[
        ("csrf", &value(&page, "csrf")),
        ("email", email),
        ("password", password),
        ("code", &recovery),
    ]);
    let browser = [
        ("Cookie", pre.as_str()),
        ("Origin", origin.as_str()),
        ("Sec-Fetch-Site", "same-origin"),
    ];
    let (head, _) = exchange(port, "POST", "/staff/login", &browser, &body);
    assert!(head.starts_with("HTTP/1.1 303"), "{head}");
    let sid = set_cookie(&head, "__Host-sid").unwrap();
    Enrolled {
        sid,
        secret,
        recovery,
    }
}

/// AC-5, CRY-2/4/5, LOG-1, SES-1 on the real binary: the first run prints a setup link on the
/// console; the first admin enrols and signs in over real HTTP with a canary password; the
/// log never holds the password, the tokens, the TOTP secret or the key; the key file is
/// private; `audit verify` passes, then fails once a row is edited; `keys rotate` keeps
/// every account able to sign in.
#[test]
fn first_run_setup_sign_in_and_no_secret_in_the_log() {
    use pathways::crypto::totp::{STEP, TotpSecret};

    let dir = TestDir::new();
    std::fs::create_dir_all(dir.tmp.path().join("listings")).unwrap();
    dir.write(
        "listings/sample.json",
        &json!([service("Harbor Food Pantry", "Groceries weekly.", json!({}))]),
    );
    let port = free_port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_pathways"))
        .env("PATHWAYS_DATA_DIR", dir.data())
        .env("PATHWAYS_KEY_FILE", dir.keys())
        .env("PATHWAYS_INDEX_DIR", dir.index())
        .env("PATHWAYS_DIRECTORY", dir.tmp.path().join("listings"))
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = std::io::BufReader::new(server.stdout.take().unwrap());
    let link = loop {
        let mut line = String::new();
        assert!(
            std::io::BufRead::read_line(&mut stdout, &mut line).unwrap() > 0,
            "no setup link printed"
        );
        if let Some(at) = line.find("http://") {
            break line[at..].trim().to_owned();
        }
    };
    assert!(
        link.starts_with(&format!("http://127.0.0.1:{port}/staff/setup/")),
        "{link}"
    );
    let path = link
        .trim_start_matches(&format!("http://127.0.0.1:{port}"))
        .to_owned();
    let setup_token = path.trim_start_matches("/staff/setup/").to_owned();
    wait_for(port, &mut server);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.keys()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the key file is private");
    }

    // Enrol in the browser's way: GET the page (pre-session cookie), POST the form.
    let canary = "canary-password-7f3a";
    let Enrolled {
        sid,
        secret,
        recovery,
    } = enrol_first_admin(port, &path, "dana@example.org", "Dana", canary);
    let totp = TotpSecret::from_base32(&secret).unwrap();
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64
    };
    let value = |html: &str, name: &str| {
        let m = format!("name=\"{name}\" value=\"");
        html[html.find(&m).unwrap() + m.len()..]
            .split('"')
            .next()
            .unwrap()
            .to_owned()
    };
    let (head, home) = exchange(port, "GET", "/staff", &[("Cookie", &sid)], "");
    assert!(
        head.starts_with("HTTP/1.1 200") && home.contains("Dana"),
        "{head}"
    );
    // REL-2: a backup while serving; a restore is refused until the server stops.
    let backup = dir.tmp.path().join("online.db");
    let b = run(&dir, &["backup", backup.to_str().unwrap()]);
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    let busy = run(&dir, &["restore", backup.to_str().unwrap()]);
    assert!(!busy.status.success());
    assert!(
        String::from_utf8_lossy(&busy.stderr).contains("stop the server first"),
        "{busy:?}"
    );
    // The running server holds its keys in memory: a rotation now is refused.
    let busy = run(&dir, &["keys", "rotate"]);
    assert!(!busy.status.success());
    assert!(
        String::from_utf8_lossy(&busy.stderr).contains("stop the server first"),
        "{busy:?}"
    );
    let log = stop(&mut server);

    let key_file = std::fs::read_to_string(dir.keys()).unwrap();
    let key_hex = key_file.lines().find(|l| l.starts_with("1 ")).unwrap()[2..].to_owned();
    let audit_hex = key_file.lines().find(|l| l.starts_with("audit ")).unwrap()[6..].to_owned();
    let session = sid.trim_start_matches("__Host-sid=");
    for (what, secret) in [
        ("password", canary),
        ("setup token", setup_token.as_str()),
        ("session token", session),
        ("TOTP secret", secret.as_str()),
        ("recovery code", recovery.as_str()),
        ("master key", key_hex.as_str()),
        ("audit key", audit_hex.as_str()),
    ] {
        assert!(!log.contains(secret), "the {what} is in the log: {log}");
        let db = crate::support::all_bytes(&dir.data());
        assert!(
            !crate::support::contains(&db, secret),
            "the {what} is in the database"
        );
    }
    assert!(log.contains("/staff/login") && log.contains("key file"), "{log}");

    // LOG-1: the chain verifies, and an edited row breaks it.
    let ok = run(&dir, &["audit", "verify"]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("intact"));

    // Rotating the master key keeps every account readable: sign in again after a restart.
    let rotated = run(&dir, &["keys", "rotate"]);
    assert!(
        rotated.status.success(),
        "{}",
        String::from_utf8_lossy(&rotated.stderr)
    );
    assert!(String::from_utf8_lossy(&rotated.stdout).contains("version 2"));
    assert!(
        !std::fs::read_to_string(dir.keys()).unwrap().contains(&key_hex),
        "the old key is gone"
    );
    let mut server = start(&dir, port);
    wait_for(port, &mut server);
    // Enrolment spent a code of this step or an earlier one; `verify` accepts the next
    // step's (one step of clock drift), so no waiting for a fresh step.
    let (head, page) = exchange(port, "GET", "/staff/login", &[], "");
    let pre = set_cookie(&head, "__Host-pre").unwrap();
    let body = form(&[
        ("csrf", &value(&page, "csrf")),
        ("email", "dana@example.org"),
        ("password", canary),
        ("code", &format!("{:06}", totp.code(now() / STEP + 1))),
    ]);
    let browser = [("Cookie", pre.as_str()), ("Sec-Fetch-Site", "same-origin")];
    let (head, _) = exchange(port, "POST", "/staff/login", &browser, &body);
    assert!(head.starts_with("HTTP/1.1 303"), "after rotation: {head}");
    stop(&mut server);

    // The backup restores with the server stopped, and its audit chain verifies.
    let r = run(&dir, &["restore", backup.to_str().unwrap()]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(dir.data().join("pathways.db.before-restore").exists());
    let ok = run(&dir, &["audit", "verify"]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let raw = rusqlite::Connection::open(dir.data().join("pathways.db")).unwrap();
    raw.execute_batch(
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'nothing' WHERE seq = 1",
    )
    .unwrap();
    let broken = run(&dir, &["audit", "verify"]);
    assert!(!broken.status.success());
    assert!(
        String::from_utf8_lossy(&broken.stderr).contains("broken at entry 1"),
        "{broken:?}"
    );
}

/// `pathways demo DIR`: a fictional agency in its own folder, the sign-in details printed once,
/// served at once; Ben signs in and finds plans at different stages.
#[test]
fn the_demo_opens_in_a_minute() {
    use pathways::crypto::totp::{STEP, TotpSecret};

    let dir = TestDir::new();
    let demo = dir.tmp.path().join("demo");
    let port = free_port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_pathways"))
        .env("PATHWAYS_DIRECTORY", crate::support::repo().join("directory"))
        .args([
            "demo",
            demo.to_str().unwrap(),
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = std::io::BufReader::new(server.stdout.take().unwrap());
    let ben = loop {
        let mut line = String::new();
        assert!(
            std::io::BufRead::read_line(&mut stdout, &mut line).unwrap() > 0,
            "no demo accounts printed"
        );
        if line.contains("ben.advocate@example.org") {
            break line;
        }
    };
    let provider = loop {
        let mut line = String::new();
        assert!(
            std::io::BufRead::read_line(&mut stdout, &mut line).unwrap() > 0,
            "no provider account printed"
        );
        if line.contains("pia.provider@example.org") {
            break line;
        }
    };
    assert!(provider.contains("provider staff"), "{provider}");
    let words: Vec<&str> = ben.split_whitespace().collect();
    let after = |label: &str| words[words.iter().position(|w| *w == label).unwrap() + 1].to_owned();
    let (password, secret) = (after("password"), after("secret"));
    wait_for(port, &mut server);
    let totp = TotpSecret::from_base32(&secret).unwrap();
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64
    };
    // Enrolment spent this step's code; `verify` accepts the next step's (one step of clock
    // drift), so no waiting for a fresh step.
    let (head, page) = exchange(port, "GET", "/staff/login", &[], "");
    let pre = set_cookie(&head, "__Host-pre").unwrap();
    let csrf = page[page.find("name=\"csrf\" value=\"").unwrap() + 19..]
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let body = form(&[
        ("csrf", &csrf),
        ("email", "ben.advocate@example.org"),
        ("password", &password),
        ("code", &format!("{:06}", totp.code(now() / STEP + 1))),
    ]);
    let (head, _) = exchange(
        port,
        "POST",
        "/staff/login",
        &[("Cookie", &pre), ("Sec-Fetch-Site", "same-origin")],
        &body,
    );
    assert!(head.starts_with("HTTP/1.1 303"), "{head}");
    let sid = set_cookie(&head, "__Host-sid").unwrap();
    let (_, list) = exchange(port, "GET", "/staff/survivors", &[("Cookie", &sid)], "");
    for shown in ["R. (demo)", "M. (demo)", "J. (demo)", "T. (demo)"] {
        assert!(list.contains(shown), "{shown} on Ben's caseload: {list}");
    }
    assert!(!list.contains("E. (demo)"), "the erased survivor is gone");
    // Issue 17: the demo shows what the planner does.
    let (_, home) = exchange(port, "GET", "/staff", &[("Cookie", &sid)], "");
    assert!(home.contains("Your day") && home.contains("due today"), "{home}");
    assert!(home.contains("overdue</strong>"), "an overdue follow-up: {home}");
    let plan_of = |name: &str| {
        let at = list.find(name).unwrap();
        let href = list[..at].rfind("href=\"").unwrap() + 6;
        let path = list[href..].split('"').next().unwrap().to_owned();
        exchange(port, "GET", &path, &[("Cookie", &sid)], "").1
    };
    let m = plan_of("M. (demo)");
    for shown in ["Overdue since", "Received", "Consent given to", "High priority"] {
        assert!(m.contains(shown), "{shown} on M.'s plan: {m}");
    }
    let j = plan_of("J. (demo)");
    for shown in [
        "Started",
        "Completed",
        "Declined",
        "Waitlisted",
        "Accepted",
        "taken back",
        "1 met",
    ] {
        assert!(j.contains(shown), "{shown} on J.'s plan: {j}");
    }
    let t = plan_of("T. (demo)");
    assert!(
        t.contains("Handed over from Ben to Cleo") && t.contains("school starts Monday"),
        "{t}"
    );
    stop(&mut server);
}

/// Issue 12, defect 8: `audit verify` on a database only imported into says the log is empty
/// (it failed, blaming a key file the import never needed).
#[test]
fn audit_verify_on_an_imported_directory_says_there_is_nothing_yet() {
    let dir = TestDir::new();
    let listings = dir.tmp.path().join("listings");
    std::fs::create_dir_all(&listings).unwrap();
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("directory/listings/houston.json"),
        listings.join("houston.json"),
    )
    .unwrap();
    let imported = run(&dir, &["import", listings.to_str().unwrap()]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let verified = run(&dir, &["audit", "verify"]);
    let out = String::from_utf8_lossy(&verified.stdout);
    assert!(
        verified.status.success(),
        "{out} {}",
        String::from_utf8_lossy(&verified.stderr)
    );
    assert!(out.contains("audit log empty"), "{out}");
}

/// `/healthz` answers while the process is up; `/readyz` only once the index has caught up
/// with the database — and says which part is not ready.
#[tokio::test]
async fn health_and_readiness_probes() {
    let app = crate::support::app::TestApp::new();
    let live = app.get("/healthz", None).await;
    assert_eq!(live.status, axum::http::StatusCode::OK);
    assert_eq!(live.json(), json!({"status": "ok"}));
    // The app's organisations were imported, but the index was never built from them.
    let behind = app.get("/readyz", None).await;
    assert_eq!(behind.status, axum::http::StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        behind.json(),
        json!({"status": "not ready", "database": "ok", "index": "behind"})
    );
    app.directory.sync_index().unwrap();
    let ready = app.get("/readyz", None).await;
    assert_eq!(ready.status, axum::http::StatusCode::OK, "{}", ready.text());
    assert_eq!(ready.json()["status"], "ready");
    // A probe carries the security headers like every other answer.
    assert_eq!(ready.headers["cache-control"], "no-store");
}

/// Metrics on their own router: requests by route pattern and status with latency
/// histograms, the index and webhook gauges — and never a query, an id or an address.
#[tokio::test]
async fn metrics_count_route_patterns_and_never_what_was_asked() {
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let app = crate::support::app::TestApp::new();
    app.directory.sync_index().unwrap();
    let state = pathways::http::AppState::new(app.staff.clone()).with_metrics();
    let id = uuid::Uuid::new_v4();
    for uri in [
        "/search?q=Zinnia-canary-58&place=Houston".to_owned(),
        format!("/services/{id}"),
        format!("/services/{id}"),
        "/no/such/page".to_owned(),
    ] {
        let request = Request::builder().uri(&uri).body(Body::empty()).unwrap();
        pathways::http::router(state.clone())
            .oneshot(request)
            .await
            .unwrap();
    }
    let request = Request::builder().uri("/metrics").body(Body::empty()).unwrap();
    let response = pathways::http::metrics::router(state)
        .oneshot(request)
        .await
        .unwrap();
    assert_eq!(response.status(), axum::http::StatusCode::OK);
    let text = String::from_utf8(response.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    assert!(
        text.contains("pathways_requests_total{route=\"/services/{id}\",status=\"404\"} 2"),
        "{text}"
    );
    assert!(
        text.contains("pathways_requests_total{route=\"/search\",status=\"303\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("pathways_request_seconds_bucket{route=\"/services/{id}\",le=\"+Inf\"} 2"),
        "{text}"
    );
    assert!(text.contains("route=\"(unmatched)\""), "{text}");
    assert!(text.contains("pathways_index_listings 2"), "{text}");
    assert!(text.contains("pathways_index_generation "), "{text}");
    for secret in ["Zinnia", "Houston", &id.to_string(), "/no/such/page"] {
        assert!(!text.contains(secret), "{secret} leaked into {text}");
    }
}

#[test]
fn rel_5_the_import_command_escapes_what_it_quotes_warns_about_extra_fields_and_refuses_duplicates() {
    let dir = TestDir::new();
    let import = |files: &[&std::path::Path]| {
        let out = Command::new(env!("CARGO_BIN_EXE_pathways"))
            .env("PATHWAYS_DATA_DIR", dir.data())
            .env("PATHWAYS_KEY_FILE", dir.keys())
            .env("PATHWAYS_INDEX_DIR", dir.index())
            .arg("import")
            .args(files)
            .output()
            .unwrap();
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        (out.status.success(), text(&out.stdout), text(&out.stderr))
    };
    // An escape sequence in a refused value never reaches the terminal.
    let esc = service(
        "X",
        "Y",
        json!({"attributes": [crate::support::term("pathways-needs", "a\u{1b}]0;owned\u{7}\u{1b}[2J")]}),
    );
    let file = dir.write("esc.json", &json!([esc]));
    let (ok, stdout, stderr) = import(&[&file]);
    assert!(!ok, "{stdout}{stderr}");
    assert!(
        stderr.contains("esc.json") && stderr.contains("/attributes/0"),
        "{stderr}"
    );
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
    // The same service id in two files: refused, both named, exit code 1.
    let s = service(
        "Shelter",
        "Beds.",
        json!({"attributes": needs(&["shelter.emergency"])}),
    );
    let (one, two) = (
        dir.write("one.json", &json!([s])),
        dir.write("two.json", &json!([s])),
    );
    let (ok, _, stderr) = import(&[&one, &two]);
    assert!(!ok);
    assert!(
        stderr.contains("one.json") && stderr.contains("two.json"),
        "{stderr}"
    );
    // A field beyond HSDS: imported (exit code 0), and the operator is told.
    let mut extra = s.clone();
    extra["x_funder"] = json!("County");
    let file = dir.write("extra.json", &json!([extra]));
    let (ok, stdout, stderr) = import(&[&file]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("1 added"), "{stdout}");
    assert!(
        stdout.contains("warning:") && stdout.contains("/x_funder"),
        "{stdout}"
    );
}

/// `--semantic on|model|off` is read as a setting (it was once taken for a switch, so every
/// value was refused), and anything else is refused naming the choices.
#[test]
fn the_semantic_setting_takes_on_model_and_off() {
    let dir = TestDir::new();
    for value in ["on", "model", "off"] {
        let out = run(&dir, &["--semantic", value, "setup-link"]);
        assert!(
            out.status.success(),
            "{value}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = run(&dir, &["--semantic", "maybe", "setup-link"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("say on, model or off"));
}

/// `pathways export DIR` writes the directory as HSDS JSON that imports back, or with
/// `--format tabular` as the tabular package; another format is refused, naming the choices.
#[test]
fn export_writes_hsds_json_that_imports_back() {
    let dir = TestDir::new();
    let listings = dir.tmp.path().join("listings");
    std::fs::create_dir_all(&listings).unwrap();
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("directory/listings/houston.json"),
        listings.join("houston.json"),
    )
    .unwrap();
    assert!(
        run(&dir, &["import", listings.to_str().unwrap()])
            .status
            .success()
    );
    let out = dir.tmp.path().join("out");
    let exported = run(&dir, &["export", out.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&exported.stdout);
    assert!(
        exported.status.success(),
        "{said} {}",
        String::from_utf8_lossy(&exported.stderr)
    );
    assert!(
        said.contains("service(s) to") && out.join("hsds.json").is_file(),
        "{said}"
    );
    let other = TestDir::new();
    let again = other.open();
    let report = again.import_paths(&[out.join("hsds.json")]).unwrap();
    assert!(report.summary.added > 0);
    let tabular = dir.tmp.path().join("tabular");
    let written = run(
        &dir,
        &["export", "--format", "tabular", tabular.to_str().unwrap()],
    );
    assert!(
        written.status.success(),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );
    assert!(tabular.join("datapackage.json").is_file() && tabular.join("services.csv").is_file());
    let refused = run(&dir, &["export", "--format", "xml", out.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("say json or tabular"));
}
