//! `TestApp`: the whole application over a fresh directory (a real SQLite file, a real key
//! file, the cheapest argon2id cost AUTH-1 allows) with a hand-set clock, driven in-process
//! through the real router; and the people who use it, enrolled and signed in the way a
//! browser does it.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use pathways::crypto::password::Cost;
use pathways::crypto::totp::{STEP, TotpSecret};
use pathways::domain::audit::{Filter, Recorded};
use pathways::domain::ids::SurvivorId;
use pathways::domain::staff::UserId;
use pathways::http::{AppState, router};
use pathways::services::Directory;
use pathways::services::clock::Clock;
use pathways::services::staff::{Staff, StaffSettings};
use serde_json::{Value, json};
use tower::ServiceExt;

use super::{Reply, TestDir, encode, service};

/// Where the clock starts: 2026-11-29 09:00 UTC.
pub const START: i64 = 1_795_942_800;

/// A person with an account: their id, what they sign in with, and their session cookie
/// (empty until signed in).
#[derive(Clone, Debug)]
pub struct Person {
    pub id: UserId,
    pub email: String,
    pub password: String,
    pub secret: String,
    pub cookie: String,
    pub codes: Vec<String>,
}

/// The app over a fresh directory. The clock only moves when a test moves it.
pub struct TestApp {
    pub dir: TestDir,
    pub directory: Arc<Directory>,
    pub staff: Arc<Staff>,
    pub clock: Clock,
    pub state: AppState,
}

/// What a [`TestApp`] starts with besides its two organisations (for provider accounts).
#[derive(Default)]
pub struct Builder {
    listings: Vec<Value>,
}

impl Builder {
    /// HSDS services imported and indexed before the app starts.
    pub fn listings(mut self, records: impl IntoIterator<Item = Value>) -> Builder {
        self.listings.extend(records);
        self
    }

    /// The app, with no account yet: the first admin comes from the console's setup link.
    pub fn build(self) -> TestApp {
        let dir = TestDir::new();
        let directory = Arc::new(dir.open());
        let orgs = json!([
            service("Harbor Legal Clinic", "Fictional test service.", json!({})),
            service("Beacon Shelter", "Fictional test service.", json!({})),
        ]);
        directory.import_paths(&[dir.write("orgs.json", &orgs)]).unwrap();
        if !self.listings.is_empty() {
            let file = dir.write("listings.json", &Value::Array(self.listings));
            directory.import_paths(&[file]).unwrap();
            directory.sync_index().unwrap();
        }
        let fresh = !dir.keys().exists();
        let app = TestApp::over(dir, directory, Clock::manual(START));
        assert!(fresh && app.dir.keys().exists(), "a new key file");
        app
    }
}

impl TestApp {
    /// The app over an opened directory, its key file made or found at `dir.keys()`.
    pub fn over(dir: TestDir, directory: Arc<Directory>, clock: Clock) -> TestApp {
        let (staff, _created) = Staff::open(
            directory.clone(),
            &dir.keys(),
            Cost::FLOOR,
            clock.clone(),
            StaffSettings::default(),
        )
        .unwrap();
        let staff = Arc::new(staff);
        let state = AppState::new(staff.clone());
        TestApp {
            dir,
            directory,
            staff,
            clock,
            state,
        }
    }
}

/// The value of a form field in a page (`name="X" value="…"`).
pub fn field(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no field {name} in {html}"))
        + marker.len();
    html[start..].split('"').next().unwrap().replace("&amp;", "&")
}

/// The `Set-Cookie` values of a reply.
pub fn set_cookies(r: &Reply) -> Vec<String> {
    r.headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

/// `name=value` of the cookie `name` a reply sets (not a clearing one).
pub fn cookie_set(r: &Reply, name: &str) -> Option<String> {
    set_cookies(r)
        .into_iter()
        .filter(|c| c.starts_with(&format!("{name}=")) && !c.contains("Max-Age=0"))
        .map(|c| c.split(';').next().unwrap().to_owned())
        .next()
}

/// The path of a setup or invitation link found in a text.
pub fn link_path(text: &str) -> String {
    let start = text
        .find("/staff/setup/")
        .or_else(|| text.find("/staff/invitations/"))
        .expect("a link");
    text[start..]
        .split(|c: char| c == '<' || c == '"' || c.is_whitespace())
        .next()
        .unwrap()
        .to_owned()
}

/// The email the role helpers give a person: their name, lower case, without spaces.
fn email_of(name: &str) -> String {
    let local: String = name.split_whitespace().collect();
    format!("{}@example.org", local.to_lowercase())
}

impl TestApp {
    /// The app with the two organisations only.
    pub fn new() -> TestApp {
        TestApp::builder().build()
    }

    /// An app with more to start from.
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// Any request through the real router.
    pub async fn call(&self, request: Request<Body>) -> Reply {
        let response = router(self.state.clone()).oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.unwrap().to_bytes().to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, uri: &str, cookie: Option<&str>) -> Reply {
        let mut b = Request::builder().uri(uri);
        if let Some(c) = cookie {
            b = b.header("cookie", c);
        }
        self.call(b.body(Body::empty()).unwrap()).await
    }

    /// A same-origin form POST, as a browser sends it.
    pub async fn post(&self, uri: &str, cookie: Option<&str>, pairs: &[(&str, &str)]) -> Reply {
        self.post_with(uri, cookie, pairs, &[("sec-fetch-site", "same-origin")])
            .await
    }

    /// A form POST with exactly these extra headers.
    pub async fn post_with(
        &self,
        uri: &str,
        cookie: Option<&str>,
        pairs: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Reply {
        let body: String = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let mut b = Request::builder()
            .method(Method::POST)
            .uri(uri)
            .header("content-type", "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            b = b.header("cookie", c);
        }
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        self.call(b.body(Body::from(body)).unwrap()).await
    }

    /// A same-origin POST of exactly these bytes with this `Content-Type` (none when `None`):
    /// for bodies no browser form would send.
    pub async fn post_raw(
        &self,
        uri: &str,
        cookie: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> Reply {
        let mut b = Request::builder()
            .method(Method::POST)
            .uri(uri)
            .header("cookie", cookie)
            .header("sec-fetch-site", "same-origin");
        if let Some(t) = content_type {
            b = b.header("content-type", t);
        }
        self.call(b.body(Body::from(body)).unwrap()).await
    }

    /// Moves the clock to the next TOTP step (a code is accepted once).
    pub fn tick(&self) {
        self.clock.advance(STEP);
    }

    /// The authenticator's code for `secret` now.
    pub fn code(&self, secret: &str) -> String {
        let s = TotpSecret::from_base32(secret).unwrap();
        format!("{:06}", s.code(self.clock.now().div_euclid(STEP)))
    }

    /// Enrols through a setup or invitation page; returns the person (not signed in).
    pub async fn enrol(&self, path: &str, email: &str, name: &str) -> Person {
        let page = self.get(path, None).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text());
        let pre = cookie_set(&page, "__Host-pre").expect("a pre-session cookie");
        let html = page.text();
        let secret = field(&html, "totp_secret");
        let password = format!("correct horse {name}");
        let code = self.code(&secret);
        let mut pairs = vec![
            ("csrf", field(&html, "csrf")),
            ("name", name.to_owned()),
            ("password", password.clone()),
            ("password_again", password.clone()),
            ("totp_secret", secret.clone()),
            ("code", code),
        ];
        if path.starts_with("/staff/setup/") {
            pairs.push(("email", email.to_owned()));
        }
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let done = self.post(path, Some(&pre), &pairs).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.text());
        let text = done.text();
        let codes: Vec<String> = text
            .split("<li><code>")
            .skip(1)
            .map(|s| s.split('<').next().unwrap().to_owned())
            .collect();
        assert_eq!(codes.len(), 10, "ten recovery codes shown once");
        self.tick();
        let id = self
            .directory
            .store
            .account_by_email(&email.to_lowercase())
            .unwrap()
            .expect("the account exists")
            .id;
        Person {
            id,
            email: email.to_owned(),
            password,
            secret,
            cookie: String::new(),
            codes,
        }
    }

    /// Signs in; returns the reply of the POST.
    pub async fn try_login(&self, email: &str, password: &str, code: &str) -> Reply {
        let page = self.get("/staff/login", None).await;
        let pre = cookie_set(&page, "__Host-pre").unwrap();
        let csrf = field(&page.text(), "csrf");
        self.post(
            "/staff/login",
            Some(&pre),
            &[
                ("csrf", &csrf),
                ("email", email),
                ("password", password),
                ("code", code),
            ],
        )
        .await
    }

    /// Signs in with a fresh TOTP code; the person now carries a session cookie.
    pub async fn login(&self, p: &Person) -> Person {
        let r = self.try_login(&p.email, &p.password, &self.code(&p.secret)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        self.tick();
        Person {
            cookie: cookie_set(&r, "__Host-sid").expect("a session cookie"),
            ..p.clone()
        }
    }

    /// Dana, the first directory admin, from the console's setup link, signed in.
    pub async fn as_directory_admin(&self) -> Person {
        let link = self
            .staff
            .accounts()
            .setup_link_if_needed()
            .unwrap()
            .expect("no admin yet");
        let path = link_path(secrecy::ExposeSecret::expose_secret(&link));
        let p = self.enrol(&path, "dana@example.org", "Dana").await;
        self.login(&p).await
    }

    /// An admin of `agency`, invited by `by`, signed in (`name@example.org`).
    pub async fn as_agency_admin(&self, by: &Person, agency: &str, name: &str) -> Person {
        self.invite(by, &email_of(name), name, &format!("agency_admin:{agency}"))
            .await
    }

    /// An advocate of `agency`, invited by `by`, signed in (`name@example.org`).
    pub async fn as_advocate(&self, by: &Person, agency: &str, name: &str) -> Person {
        self.invite(by, &email_of(name), name, &format!("advocate:{agency}"))
            .await
    }

    /// Staff of the provider `provider`, invited by `by`, signed in (`name@example.org`).
    pub async fn as_provider(&self, by: &Person, provider: &str, name: &str) -> Person {
        self.invite(by, &email_of(name), name, &format!("provider_staff:{provider}"))
            .await
    }

    /// The CSRF token of a signed-in person's pages.
    pub async fn csrf(&self, p: &Person) -> String {
        field(&self.get("/staff/sessions", Some(&p.cookie)).await.text(), "csrf")
    }

    /// A signed-in POST with the person's own CSRF token.
    pub async fn act(&self, p: &Person, uri: &str, pairs: &[(&str, &str)]) -> Reply {
        let csrf = self.csrf(p).await;
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(pairs);
        self.post(uri, Some(&p.cookie), &all).await
    }

    /// Creates an agency as `admin`; returns its id.
    pub async fn agency(&self, admin: &Person, name: &str) -> String {
        let r = self.act(admin, "/staff/agencies", &[("name", name)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let agencies = self.directory.store.agencies().unwrap();
        agencies.into_iter().find(|(a, _)| a.name == name).unwrap().0.id.0
    }

    /// Invites `email` into `grant` (`role:scope-id`) as `by`, enrols and signs them in.
    pub async fn invite(&self, by: &Person, email: &str, name: &str, grant: &str) -> Person {
        let r = self
            .act(by, "/staff/invitations", &[("email", email), ("grant", grant)])
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let path = link_path(&r.text());
        let p = self.enrol(&path, email, name).await;
        self.login(&p).await
    }

    /// Opens a survivor's record as `advocate`; returns the survivor's id.
    pub async fn open_record(&self, advocate: &Person, pairs: &[(&str, &str)]) -> SurvivorId {
        let r = self.act(advocate, "/staff/survivors", pairs).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let id = r.headers["location"]
            .to_str()
            .unwrap()
            .trim_start_matches("/staff/survivors/")
            .to_owned();
        SurvivorId::parse(&id).expect("a survivor id in the redirect")
    }

    /// The audit entries, newest first.
    pub fn audit(&self) -> Vec<Recorded> {
        self.directory
            .store
            .audit_entries(&Filter {
                limit: 10_000,
                ..Filter::default()
            })
            .unwrap()
    }
}
