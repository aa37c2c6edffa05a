//! LOG-2: the log is one line an event and never carries what someone typed. A canary with a
//! newline, a carriage return, an escape sequence and a forged log line goes through every
//! route the router serves — in the path, the query, the form and the headers, anonymous and
//! signed in — and through the forms that take free text; the log, captured through the
//! server's own subscriber, is then searched for it.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::Body;
use axum::http::{Method, Request};

use crate::support::app::{Person, TestApp};
use crate::support::encode;

/// The canary: a newline and a carriage return, a forged log line, an ANSI colour, a bell.
const CANARY: &str = "LOGCANARY\n2026-12-04T00:00:00.000000Z ERROR forged line\r\u{1b}[31mred\u{7}";
/// What may appear in a header (no control characters there).
const HEADER_CANARY: &str = "LOGCANARY-header";

/// Everything logged by this test binary, through the server's subscriber.
fn captured() -> Arc<Mutex<Vec<u8>>> {
    static LOG: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOG.get_or_init(|| {
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = log.clone();
        let writer = move || Sink(sink.clone());
        let subscriber = pathways::logging::subscriber(writer, false);
        tracing::subscriber::set_global_default(subscriber).expect("no other global subscriber");
        log
    })
    .clone()
}

struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// One request of `method` to `pattern` with the canary everywhere it can go.
async fn send(app: &TestApp, method: &Method, pattern: &str, who: Option<&Person>, csrf: &str) {
    let canary = encode(CANARY);
    let mut path = String::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        path.push_str(&rest[..open]);
        path.push_str(&canary);
        rest = rest[open..].split_once('}').map_or("", |(_, r)| r);
    }
    path.push_str(rest);
    let uri = format!("{path}?q={canary}&place={canary}&need={canary}&from={canary}&page={canary}");
    let mut b = Request::builder()
        .method(method.clone())
        .uri(uri)
        .header("user-agent", HEADER_CANARY)
        .header("referer", format!("https://example.org/{HEADER_CANARY}"))
        .header("accept-language", HEADER_CANARY)
        .header("x-forwarded-for", HEADER_CANARY);
    if let Some(p) = who {
        b = b.header("cookie", &p.cookie);
    }
    let body = if method == Method::PUT {
        b = b
            .header("content-type", "application/json")
            .header("authorization", format!("Bearer {HEADER_CANARY}"));
        Body::from(serde_json::json!({"available": CANARY, "maximum": CANARY}).to_string())
    } else if method == Method::POST {
        b = b.header("content-type", "application/x-www-form-urlencoded");
        Body::from(format!(
            "csrf={csrf}&q={canary}&place={canary}&email={canary}&name={canary}"
        ))
    } else {
        Body::empty()
    };
    app.call(b.body(body).unwrap()).await;
}

/// A staff form posted with its own field names, each value the canary.
async fn post_form(app: &TestApp, who: &Person, uri: &str, fields: &[&str]) {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|f| (*f, CANARY)).collect();
    app.act(who, uri, &pairs).await;
}

#[tokio::test]
async fn log_2_no_route_writes_what_was_typed_and_every_event_is_one_line() {
    let log = captured();
    let app = TestApp::new();
    app.directory.sync_index().unwrap();
    let dana = app.as_directory_admin().await;
    let north = app.agency(&dana, "North").await;
    let ben = app.as_advocate(&dana, &north, "Ben").await;
    let survivor = app
        .open_record(&ben, &[("pseudonym", "Q."), ("age_band", "adult")])
        .await;
    // Every route, in every way the canary can arrive, anonymous and as two kinds of staff.
    let routes = pathways::http::route_table();
    for who in [None, Some(&ben), Some(&dana)] {
        let csrf = match who {
            Some(p) => app.csrf(p).await,
            None => String::new(),
        };
        for (method, pattern) in &routes {
            send(&app, method, pattern, who, &csrf).await;
        }
    }
    // The forms that take free text, with their own field names so the canary reaches the
    // use-cases: sign-in, invitations, a survivor's record, a need, the public search.
    app.try_login(CANARY, CANARY, CANARY).await;
    post_form(&app, &dana, "/staff/invitations", &["email", "grant"]).await;
    post_form(&app, &dana, "/staff/agencies", &["name"]).await;
    post_form(
        &app,
        &ben,
        "/staff/survivors",
        &["pseudonym", "age_band", "notes"],
    )
    .await;
    let needs = format!("/staff/survivors/{survivor}/needs");
    post_form(&app, &ben, &needs, &["need", "words"]).await;
    for uri in ["/search", "/search/print"] {
        let body = format!("q={}&place={}", encode(CANARY), encode(CANARY));
        let request = Request::builder()
            .method(Method::POST)
            .uri(uri)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        app.call(request).await;
    }
    let text = String::from_utf8_lossy(&log.lock().unwrap()).into_owned();
    assert!(
        text.contains("route=\"/staff/survivors/{id}\""),
        "the log was captured: {text}"
    );
    for leak in ["LOGCANARY", "forged line", "\u{1b}", "\u{7}", "\r"] {
        assert!(!text.contains(leak), "{leak:?} reached the log:\n{text}");
    }
    // One line an event: every line starts with its timestamp.
    for line in text.lines() {
        let stamped =
            line.len() > 20 && line.as_bytes()[4] == b'-' && line[..4].bytes().all(|b| b.is_ascii_digit());
        assert!(stamped, "a line that is not an event of its own: {line:?}");
    }
}
