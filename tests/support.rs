//! Test support: a real directory (SQLite file in a temp folder, tantivy index on disk) and
//! the real router driven in-process, plus builders of valid HSDS records.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use pathways::crypto::password::Cost;
use pathways::http::{AppState, router};
use pathways::services::Directory;
use pathways::services::clock::Clock;
use pathways::services::staff::{Staff, StaffSettings};
use serde_json::{Value, json};
use tempfile::TempDir;
use tower::ServiceExt;

pub mod app;
pub mod webdriver;

/// A free loopback port.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("address")
        .port()
}

/// The repository root (tests read `directory/` and the HSDS fixtures from it).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh UUID-shaped id, unique within the test run.
pub fn uuid() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!(
        "00000000-0000-4000-8000-{:012x}",
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// A term of one of our taxonomies as an HSDS attribute.
pub fn term(taxonomy: &str, code: &str) -> Value {
    json!({"id": uuid(), "taxonomy_term": {"id": uuid(), "code": code, "name": code, "description": code, "taxonomy": taxonomy}})
}

/// An attribute with a value.
pub fn term_value(taxonomy: &str, code: &str, value: &str) -> Value {
    let mut t = term(taxonomy, code);
    t["value"] = json!(value);
    t
}

/// A valid HSDS service: `extra`'s keys are merged in.
pub fn service(name: &str, description: &str, extra: Value) -> Value {
    let mut s = json!({"id": uuid(), "name": name, "description": description, "status": "active",
        "organization": {"id": uuid(), "name": format!("{name} Org"), "description": "Fictional test organisation."}});
    if let (Some(s), Value::Object(extra)) = (s.as_object_mut(), extra) {
        s.extend(extra);
    }
    s
}

/// A public office at a point.
pub fn office(lat: f64, lon: f64, street: &str, city: &str, state: &str, zip: &str) -> Value {
    json!([{"id": uuid(), "location": {"id": uuid(), "location_type": "physical", "latitude": lat, "longitude": lon,
        "addresses": [{"id": uuid(), "address_1": street, "city": city, "state_province": state, "postal_code": zip,
            "country": "US", "address_type": "physical"}]}}])
}

/// Needs as attributes.
pub fn needs(codes: &[&str]) -> Vec<Value> {
    codes.iter().map(|c| term("pathways-needs", c)).collect()
}

/// A directory on disk with its data and index folders — and, when the tests run on
/// PostgreSQL (`PATHWAYS_TEST_STORE=postgres`), its two databases on the throwaway server.
pub struct TestDir {
    /// Holds the folders.
    pub tmp: TempDir,
    /// Where the database is.
    pub database: pathways::services::Database,
}

impl TestDir {
    /// A new empty folder (and new empty databases).
    pub fn new() -> TestDir {
        let tmp = TempDir::new().expect("temp dir");
        let database = if pathways::store::throwaway::wanted() {
            let server = pathways::store::throwaway::server().expect("the throwaway PostgreSQL");
            pathways::services::Database::Postgres {
                url: server.fresh_database().expect("a database"),
                keys: server.fresh_database().expect("a key database"),
            }
        } else {
            pathways::services::Database::Sqlite(tmp.path().join("data"))
        };
        TestDir { tmp, database }
    }

    /// Whether the tests run on PostgreSQL: a test that handles the SQLite file itself
    /// (tampering with it, backing it up) returns early there, saying so.
    pub fn on_postgres(&self) -> bool {
        let on = matches!(self.database, pathways::services::Database::Postgres { .. });
        if on {
            eprintln!("this test handles the SQLite file itself: not run on PostgreSQL");
        }
        on
    }

    /// Everything the directory's database holds, as bytes, for "is this string stored in
    /// the clear" checks: the files of `data/` on SQLite; on PostgreSQL every row of every
    /// table as text (bytes columns as their bytes). Never empty: a check over nothing could
    /// not fail.
    pub fn stored(&self) -> Vec<u8> {
        let bytes = match &self.database {
            pathways::services::Database::Sqlite(data) => all_bytes(data),
            pathways::services::Database::Postgres { url, .. } => {
                // The synchronous client runs a runtime of its own: not on a test's.
                let url = url.clone();
                std::thread::spawn(move || dump(&url)).join().expect("the dump")
            }
        };
        assert!(!bytes.is_empty(), "nothing stored to check");
        bytes
    }

    /// `data/`.
    pub fn data(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    /// The key file (`keys/pathways.keys`).
    pub fn keys(&self) -> PathBuf {
        self.tmp.path().join("keys").join("pathways.keys")
    }

    /// `index/`.
    pub fn index(&self) -> PathBuf {
        self.tmp.path().join("index")
    }

    /// Writes a JSON file and returns its path.
    pub fn write(&self, name: &str, value: &Value) -> PathBuf {
        let path = self.tmp.path().join(name);
        std::fs::write(&path, serde_json::to_vec_pretty(value).expect("json")).expect("write");
        path
    }

    /// Opens the directory (database + on-disk index).
    pub fn open(&self) -> Directory {
        Directory::open_at(&self.database, &self.index()).expect("open").0
    }
}

/// Every file of a folder, read as bytes, for "is this string anywhere on disk" checks.
pub fn all_bytes(dir: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(all_bytes(&p));
            } else if let Ok(b) = std::fs::read(&p) {
                out.extend(b);
            }
        }
    }
    out
}

/// Every row of every table of the PostgreSQL database at `url`, as text.
fn dump(url: &str) -> Vec<u8> {
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    let columns = client
        .query(
            "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns \
             WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
            &[],
        )
        .expect("columns");
    let mut tables: Vec<(String, Vec<String>)> = Vec::new();
    for c in &columns {
        let (table, column, kind): (String, String, String) = (c.get(0), c.get(1), c.get(2));
        let read = if kind == "bytea" {
            format!("coalesce(encode(\"{column}\", 'escape'), '')")
        } else {
            format!("coalesce(\"{column}\"::text, '')")
        };
        match tables.last_mut() {
            Some((t, reads)) if *t == table => reads.push(read),
            _ => tables.push((table, vec![read])),
        }
    }
    let mut out = Vec::new();
    for (table, reads) in tables {
        let sql = format!("SELECT concat_ws(' ', {}) FROM \"{table}\"", reads.join(", "));
        for row in client.query(sql.as_str(), &[]).expect("rows") {
            out.extend(row.get::<_, String>(0).into_bytes());
            out.push(b'\n');
        }
    }
    out
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// The shipped directory, imported once into a temp folder and shared by the tests that
/// only read it.
pub fn shipped() -> &'static (TestDir, Arc<Directory>) {
    static SHIPPED: std::sync::OnceLock<(TestDir, Arc<Directory>)> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(|| {
        let dir = TestDir::new();
        let directory = dir.open();
        directory
            .import_if_empty(&repo().join("directory"))
            .expect("the shipped directory imports");
        directory.sync_index().expect("index");
        (dir, Arc::new(directory))
    })
}

/// A response, read whole.
pub struct Reply {
    /// Status.
    pub status: StatusCode,
    /// Headers.
    pub headers: HeaderMap,
    /// Body.
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// GET through the real router, in-process.
pub async fn get(directory: &Arc<Directory>, uri: &str) -> Reply {
    send(
        directory,
        Request::builder().uri(uri).body(Body::empty()).expect("request"),
    )
    .await
}

/// POST a form (`application/x-www-form-urlencoded`) through the real router, in-process.
pub async fn post_form(directory: &Arc<Directory>, uri: &str, pairs: &[(&str, &str)]) -> Reply {
    let body: String = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let request = Request::builder()
        .method("POST")
        .uri(uri)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .expect("request");
    send(directory, request).await
}

/// Percent-encodes a form value.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The staff side over a directory: its key file in a temp folder, the cheapest argon2id cost
/// AUTH-1 allows, the system clock. One per directory for the whole run.
pub fn staff_for(directory: &Arc<Directory>) -> Arc<Staff> {
    type Made = Vec<(usize, Arc<Staff>, TempDir)>;
    static MADE: std::sync::OnceLock<std::sync::Mutex<Made>> = std::sync::OnceLock::new();
    let key = Arc::as_ptr(directory) as usize;
    let mut made = MADE.get_or_init(Default::default).lock().expect("lock");
    if let Some((_, staff, _)) = made.iter().find(|(k, _, _)| *k == key) {
        return staff.clone();
    }
    let keys = TempDir::new().expect("temp dir");
    let (staff, _) = Staff::open(
        directory.clone(),
        &keys.path().join("pathways.keys"),
        Cost::FLOOR,
        Clock::system(),
        StaffSettings::default(),
    )
    .expect("staff");
    let staff = Arc::new(staff);
    made.push((key, staff.clone(), keys));
    staff
}

/// Any request through the real router, in-process.
pub async fn send(directory: &Arc<Directory>, request: Request<Body>) -> Reply {
    let app = router(AppState::new(staff_for(directory)));
    let response = app.oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    Reply {
        status,
        headers,
        body,
    }
}
