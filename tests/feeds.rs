//! Other directories' feeds (issue 15, part 4): `import --from URL` pages through a
//! publisher's HSDS API, retrying what may pass, all pages or none. The publisher is a local
//! HTTP server this test starts.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pathways::services::feed::{Feed, HttpFetcher};
use serde_json::json;

use crate::support::{TestDir, needs, service};

/// How the fake publisher answers page `n` the `k`-th time it is asked (1-based): a status,
/// a body, and a delay before answering.
type Script = dyn Fn(usize, usize) -> (u16, String, Duration) + Send + Sync;

/// A publisher on loopback answering by `script`; its root URL and the requests it saw.
fn publisher(script: Box<Script>) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let root = format!("http://{}/hsds", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let asked: Arc<Vec<AtomicUsize>> = Arc::new((0..10).map(|_| AtomicUsize::new(0)).collect());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                    break;
                }
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
            log.lock().unwrap().push(path.clone());
            let page: usize = path
                .split(['?', '&'])
                .find_map(|p| p.strip_prefix("page="))
                .and_then(|p| p.parse().ok())
                .unwrap_or(1);
            let k = asked[page.min(9)].fetch_add(1, Ordering::SeqCst) + 1;
            let (status, body, delay) = script(page, k);
            let mut stream = stream;
            std::thread::spawn(move || {
                std::thread::sleep(delay);
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            });
        }
    });
    (root, seen)
}

/// Page `n` of 3, one fictional service on each.
fn page(n: usize) -> String {
    let mut s = service(
        &format!("Feed Test Pantry {n}"),
        "Fictional test service from another publisher.",
        json!({"attributes": needs(&["basic.food"])}),
    );
    // Stable ids, as a publisher's are from one pull to the next.
    s["id"] = json!(format!("00000000-0000-4000-8000-00000000f00{n}"));
    s["organization"]["id"] = json!(format!("00000000-0000-4000-8000-00000000e00{n}"));
    json!({"total_items": 3, "total_pages": 3, "page_number": n, "size": 1, "first_page": n == 1,
        "last_page": n == 3, "empty": false, "contents": [s]})
    .to_string()
}

fn fetcher() -> HttpFetcher {
    let mut f = HttpFetcher::new(Duration::from_millis(700), 20.0).unwrap();
    f.backoff = Duration::from_millis(50);
    f.attempts = 3;
    f
}

fn feed(url: &str) -> Feed {
    Feed {
        url: url.to_owned(),
        modified_after: Some("2026-11-01T00:00:00Z".to_owned()),
        per_page: 1,
    }
}

#[test]
fn a_feed_is_paged_through_retrying_a_5xx_and_a_slow_page() {
    let (url, seen) = publisher(Box::new(|n, k| match (n, k) {
        (2, 1) => (500, "{}".into(), Duration::ZERO),
        (3, 1) => (200, page(3), Duration::from_millis(1500)),
        _ => (200, page(n), Duration::ZERO),
    }));
    let dir = TestDir::new();
    let directory = dir.open();
    let mut f = fetcher();
    let started = Instant::now();
    let mut progress = Vec::new();
    let report = directory
        .import_feed(&feed(&url), |u| f.fetch(u), |p, t| progress.push((p, t)))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((report.files, report.summary.added), (3, 3));
    assert_eq!(progress, vec![(1, 3), (2, 3), (3, 3)]);
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 5, "page 2 and page 3 asked twice: {seen:?}");
    assert!(
        seen.iter()
            .all(|p| p.contains("modified_after=2026-11-01T00%3A00%3A00Z")),
        "{seen:?}"
    );
    // Politeness: at most 20 requests a second, so 5 requests take at least 200 ms.
    assert!(started.elapsed() >= Duration::from_millis(200));
    assert!(directory.store.listing_ids().unwrap().len() == 3);
    let pantry = directory
        .listing(&directory.store.listing_ids().unwrap()[0])
        .unwrap()
        .unwrap();
    assert!(pantry.name.starts_with("Feed Test Pantry"));
}

#[test]
fn a_malformed_or_failing_page_imports_nothing_and_says_which() {
    let (url, _) = publisher(Box::new(|n, _| match n {
        2 => (200, "<html>maintenance</html>".into(), Duration::ZERO),
        _ => (200, page(n), Duration::ZERO),
    }));
    let dir = TestDir::new();
    let directory = dir.open();
    let mut f = fetcher();
    let err = directory
        .import_feed(&feed(&url), |u| f.fetch(u), |_, _| {})
        .unwrap_err()
        .to_string();
    assert!(err.contains("page=2") && err.contains("not valid JSON"), "{err}");
    assert_eq!(
        directory.store.listing_ids().unwrap().len(),
        0,
        "page 1 was rolled back"
    );
    // A publisher that keeps failing: the run stops after the retries, naming the page.
    let (url, seen) = publisher(Box::new(|n, _| match n {
        1 => (200, page(1), Duration::ZERO),
        _ => (503, String::new(), Duration::ZERO),
    }));
    let mut f = fetcher();
    let err = directory
        .import_feed(&feed(&url), |u| f.fetch(u), |_, _| {})
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("page=2") && err.contains("503") && err.contains("3 tries"),
        "{err}"
    );
    assert_eq!(seen.lock().unwrap().len(), 4);
    assert_eq!(directory.store.listing_ids().unwrap().len(), 0);
}

/// Two publishers' records never overwrite each other: a feed whose ids another source gave
/// is refused, naming the service and the source, and changes nothing.
#[test]
fn a_feed_never_replaces_another_sources_records() {
    let (first, _) = publisher(Box::new(|n, _| (200, page(n), Duration::ZERO)));
    let (second, _) = publisher(Box::new(|n, _| (200, page(n), Duration::ZERO)));
    let dir = TestDir::new();
    let directory = dir.open();
    let mut f = fetcher();
    directory
        .import_feed(&feed(&first), |u| f.fetch(u), |_, _| {})
        .unwrap();
    let again = directory
        .import_feed(&feed(&first), |u| f.fetch(u), |_, _| {})
        .unwrap();
    assert_eq!(
        (
            again.summary.added,
            again.summary.updated + again.summary.unchanged
        ),
        (0, 3),
        "the same feed again updates its own records"
    );
    let err = directory
        .import_feed(&feed(&second), |u| f.fetch(u), |_, _| {})
        .unwrap_err()
        .to_string();
    assert!(err.contains("came from feed:") && err.contains(&first), "{err}");
    assert_eq!(
        directory.store.listing_ids().unwrap().len(),
        3,
        "nothing added or replaced"
    );
}
