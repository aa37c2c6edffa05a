//! Staff accounts and the security baseline, through the real router, a real SQLite file, a
//! real key file and a hand-set clock: AUTH, SES, CSRF, AC, LOG and CRY-4/5 of SECURITY.md.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use pathways::crypto::password::Cost;
use pathways::domain::audit::Verification;
use pathways::services::staff::{Staff, StaffSettings};

use crate::support::Reply;
use crate::support::app::{Person, TestApp, cookie_set, field, link_path, set_cookies};

#[tokio::test]
async fn ac_5_first_admin_from_a_one_time_setup_link_then_sign_in() {
    let app = TestApp::new();
    let link = app.staff.accounts().setup_link_if_needed().unwrap().unwrap();
    let path = link_path(secrecy::ExposeSecret::expose_secret(&link));
    let token = path.trim_start_matches("/staff/setup/").to_owned();
    assert_eq!(token.len(), 43, "256 random bits, URL-safe");
    let dana = app.enrol(&path, "Dana@Example.org", "Dana").await;
    // Single use: the link is gone, and no second link is offered once an admin exists.
    let again = app.get(&path, None).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert!(app.staff.accounts().setup_link_if_needed().unwrap().is_none());
    // Stored as a hash only: the token is nowhere in the database.
    let db = app.dir.stored();
    assert!(!crate::support::contains(&db, &token));
    // Sign in (email case does not matter) and see the staff home.
    let dana = app
        .login(&Person {
            email: "dana@example.org".into(),
            ..dana
        })
        .await;
    let home = app.get("/staff", Some(&dana.cookie)).await;
    assert_eq!(home.status, StatusCode::OK);
    let text = home.text();
    assert!(
        text.contains("Dana") && text.contains("Directory admin"),
        "{text}"
    );
    assert!(matches!(
        app.directory.store.audit_verify().unwrap(),
        Verification::Intact { entries: 2, .. }
    ));
}

#[tokio::test]
async fn ac_5_setup_links_expire_after_an_hour() {
    let app = TestApp::new();
    let link = app.staff.accounts().setup_link_if_needed().unwrap().unwrap();
    let path = link_path(secrecy::ExposeSecret::expose_secret(&link));
    app.clock.advance(3601);
    assert_eq!(app.get(&path, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get("/staff/setup/not-a-token", None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn invitations_fix_role_and_agency_are_single_use_and_expire_within_a_day() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    let north = app.agency(&dana, "North Agency").await;
    let ana = app.as_agency_admin(&dana, &north, "Ana").await;
    let home = app.get("/staff", Some(&ana.cookie)).await.text();
    assert!(
        home.contains("Agency admin") && home.contains("North Agency"),
        "{home}"
    );
    // Ana invites an advocate into her agency; the link works once.
    let r = app
        .act(
            &ana,
            "/staff/invitations",
            &[
                ("email", "ben@example.org"),
                ("grant", &format!("advocate:{north}")),
            ],
        )
        .await;
    let path = link_path(&r.text());
    let ben = app.enrol(&path, "ben@example.org", "Ben").await;
    assert_eq!(
        app.get(&path, None).await.status,
        StatusCode::NOT_FOUND,
        "single use"
    );
    let ben = app.login(&ben).await;
    assert!(
        app.get("/staff", Some(&ben.cookie))
            .await
            .text()
            .contains("Advocate")
    );
    // An agency admin cannot invite a directory admin: not among her choices.
    let r = app
        .act(
            &ana,
            "/staff/invitations",
            &[("email", "eve@example.org"), ("grant", "directory_admin:")],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.text().contains("Choose a role from the list"), "{}", r.text());
    // Expiry: 24 hours.
    let r = app
        .act(
            &ana,
            "/staff/invitations",
            &[
                ("email", "cy@example.org"),
                ("grant", &format!("advocate:{north}")),
            ],
        )
        .await;
    let late = link_path(&r.text());
    app.clock.advance(24 * 3600 + 1);
    assert_eq!(app.get(&late, None).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn enrolment_mistakes_name_the_field_and_create_nothing() {
    let app = TestApp::new();
    let link = app.staff.accounts().setup_link_if_needed().unwrap().unwrap();
    let path = link_path(secrecy::ExposeSecret::expose_secret(&link));
    let page = app.get(&path, None).await;
    let pre = cookie_set(&page, "__Host-pre").unwrap();
    let html = page.text();
    let secret = field(&html, "totp_secret");
    let csrf = field(&html, "csrf");
    let code = app.code(&secret);
    let base = |pw: &'static str, again: &'static str, code: String, email: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("email", email.to_owned()),
            ("name", "Dana".to_owned()),
            ("password", pw.to_owned()),
            ("password_again", again.to_owned()),
            ("totp_secret", secret.clone()),
            ("code", code),
        ]
    };
    for (pairs, field_name, words) in [
        (
            base("short", "short", code.clone(), "d@example.org"),
            "password",
            "8 to 1024",
        ),
        (
            base("long enough", "long enougH", code.clone(), "d@example.org"),
            "password",
            "not the same",
        ),
        (
            base("long enough", "long enough", "000000".into(), "d@example.org"),
            "code",
            "did not match",
        ),
        (
            base("long enough", "long enough", code.clone(), "not-an-email"),
            "email",
            "email address",
        ),
    ] {
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = app.post(&path, Some(&pre), &pairs).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
        let text = r.text();
        assert!(text.contains(words), "{words}: {text}");
        assert!(
            text.contains(&format!("id=\"{field_name}-error\"")),
            "{field_name} marked"
        );
        assert_eq!(field(&text, "totp_secret"), secret, "the same secret is kept");
    }
    assert!(
        app.directory.store.people().unwrap().is_empty(),
        "nothing created"
    );
    assert!(
        app.staff.accounts().setup_link_if_needed().unwrap().is_some(),
        "still no admin"
    );
}

#[tokio::test]
async fn auth_3_sign_in_needs_the_password_and_a_current_code_and_each_code_works_once() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    let wrong_code = app.try_login(&dana.email, &dana.password, "123456").await;
    assert_eq!(wrong_code.status, StatusCode::UNAUTHORIZED);
    let code = app.code(&dana.secret);
    assert_eq!(
        app.try_login(&dana.email, &dana.password, &code).await.status,
        StatusCode::SEE_OTHER
    );
    let replay = app.try_login(&dana.email, &dana.password, &code).await;
    assert_eq!(replay.status, StatusCode::UNAUTHORIZED, "a code works once");
    // A recovery code works once, instead of the app.
    let rc = dana.codes[0].clone();
    assert_eq!(
        app.try_login(&dana.email, &dana.password, &rc).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.try_login(&dana.email, &dana.password, &rc).await.status,
        StatusCode::UNAUTHORIZED
    );
    // AUTH-1: argon2id at the configured cost, in a PHC string.
    let hash = app
        .directory
        .store
        .credentials(&dana.email)
        .unwrap()
        .unwrap()
        .password_hash;
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
}

#[tokio::test]
async fn auth_4_the_same_answer_for_unknown_accounts_and_a_backoff_after_five_failures() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    let unknown = app.try_login("nobody@example.org", "whatever1", "123456").await;
    let wrong = app
        .try_login(
            "nobody@example.org".replace("nobody", "dana").as_str(),
            "whatever1",
            "123456",
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, wrong.status);
    let strip = |r: &Reply| {
        let t = r.text();
        let csrf = field(&t, "csrf");
        t.replace(&csrf, "")
            .replace("nobody@example.org", "")
            .replace("dana@example.org", "")
    };
    assert_eq!(strip(&unknown), strip(&wrong), "the same page, word for word");
    // Five failures in all (one above), then the right password and code are refused too…
    for _ in 0..4 {
        app.try_login(&dana.email, "wrong password", "000000").await;
    }
    let right = app
        .try_login(&dana.email, &dana.password, &app.code(&dana.secret))
        .await;
    assert_eq!(right.status, StatusCode::UNAUTHORIZED, "backing off");
    assert_eq!(
        strip(&right),
        strip(&unknown),
        "and it does not say so (no account probing)"
    );
    // …until the backoff has passed.
    app.clock.advance(61);
    let ok = app
        .try_login(&dana.email, &dana.password, &app.code(&dana.secret))
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
    let fails = app.audit().iter().filter(|e| e.action == "login.fail").count();
    assert_eq!(fails, 5, "each failure audited");
}

#[tokio::test]
async fn auth_4_one_address_gets_a_few_attempts_a_minute() {
    use std::net::SocketAddr;

    use axum::extract::ConnectInfo;
    let app = TestApp::new();
    let page = app.get("/staff/login", None).await;
    let pre = cookie_set(&page, "__Host-pre").unwrap();
    let csrf = field(&page.text(), "csrf");
    let mut statuses = Vec::new();
    for _ in 0..14 {
        let body = format!("csrf={csrf}&email=x%40example.org&password=whatever1&code=000000");
        let mut r = Request::builder()
            .method(Method::POST)
            .uri("/staff/login")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", &pre)
            .body(Body::from(body))
            .unwrap();
        r.extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([203, 0, 113, 9], 5000))));
        statuses.push(app.call(r).await.status);
    }
    assert!(
        statuses[..4].iter().all(|s| *s == StatusCode::UNAUTHORIZED),
        "{statuses:?}"
    );
    assert_eq!(
        statuses.last(),
        Some(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
}

/// A sign-in POST as it arrives from `peer`, through a proxy adding `forwarded` if given,
/// to the app served with `state` (its site settings and its limits' memory).
async fn login_from(
    app: &TestApp,
    state: &pathways::http::AppState,
    (peer, forwarded): (&str, Option<&str>),
    (email, password, code): (&str, &str, &str),
) -> StatusCode {
    use std::net::SocketAddr;

    use axum::extract::ConnectInfo;
    use tower::ServiceExt;
    let page = app.get("/staff/login", None).await;
    let pre = cookie_set(&page, "__Host-pre").unwrap();
    let csrf = field(&page.text(), "csrf");
    let body = format!(
        "csrf={csrf}&email={}&password={}&code={code}",
        crate::support::encode(email),
        crate::support::encode(password)
    );
    let mut b = Request::builder()
        .method(Method::POST)
        .uri("/staff/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", &pre);
    if let Some(f) = forwarded {
        b = b.header("x-forwarded-for", f);
    }
    let mut r = b.body(Body::from(body)).unwrap();
    let ip: std::net::IpAddr = peer.parse().unwrap();
    r.extensions_mut().insert(ConnectInfo(SocketAddr::new(ip, 5000)));
    pathways::http::router(state.clone())
        .oneshot(r)
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn auth_4_a_stranger_elsewhere_cannot_lock_a_staff_member_out() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    let direct = pathways::http::Site {
        login_rate_limit: 0,
        ..pathways::http::Site::default()
    };
    let direct = pathways::http::AppState::with_site(app.staff.clone(), direct);
    let stranger = ("203.0.113.9", None);
    for _ in 0..12 {
        let s = login_from(&app, &direct, stranger, (&dana.email, "wrong password", "000000")).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    }
    // The stranger's address now backs off, even with the right secrets…
    app.tick();
    let right = (
        dana.email.as_str(),
        dana.password.as_str(),
        app.code(&dana.secret),
    );
    let s = login_from(&app, &direct, stranger, (right.0, right.1, &right.2)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "the stranger's address waits");
    // …but Dana, from her own address, signs in at once.
    let s = login_from(
        &app,
        &direct,
        ("198.51.100.7", None),
        (right.0, right.1, &right.2),
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let fails = app.audit().iter().filter(|e| e.action == "login.fail").count();
    assert_eq!(
        fails, 5,
        "only attempts that were checked count; the rest were refused unchecked"
    );
}

#[tokio::test]
async fn auth_4_behind_a_trusted_proxy_each_client_has_its_own_limits() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    let proxied = pathways::http::Site {
        login_rate_limit: 10,
        trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        ..pathways::http::Site::default()
    };
    let proxied = pathways::http::AppState::with_site(app.staff.clone(), proxied);
    // A stranger behind the proxy, who also forges a leftmost hop, meets the per-address
    // limit (ten a minute, bursts of five)…
    let stranger = ("127.0.0.1", Some("192.0.2.1, 203.0.113.9"));
    let mut statuses = Vec::new();
    for _ in 0..8 {
        statuses.push(login_from(&app, &proxied, stranger, ("x@example.org", "whatever1", "000000")).await);
    }
    assert_eq!(
        statuses.last(),
        Some(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    // …while Dana, through the same proxy, is not limited by the stranger's attempts.
    let code = app.code(&dana.secret);
    let s = login_from(
        &app,
        &proxied,
        ("127.0.0.1", Some("198.51.100.7")),
        (&dana.email, &dana.password, &code),
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    // Without the trusted proxy, the header is ignored: every request is the proxy's own.
    let direct = pathways::http::Site {
        login_rate_limit: 10,
        ..pathways::http::Site::default()
    };
    let direct = pathways::http::AppState::with_site(app.staff.clone(), direct);
    let mut statuses = Vec::new();
    for n in 0..8 {
        let forged = format!("198.51.100.{n}");
        let from = ("127.0.0.2", Some(forged.as_str()));
        statuses.push(login_from(&app, &direct, from, ("x@example.org", "whatever1", "000000")).await);
    }
    assert_eq!(
        statuses.last(),
        Some(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn auth_4_concurrent_sign_ins_with_one_code_are_not_counted_as_failures() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    app.tick();
    let code = app.code(&dana.secret);
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(4));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let (staff, barrier) = (app.staff.clone(), barrier.clone());
            let (email, password, code) = (dana.email.clone(), dana.password.clone(), code.clone());
            std::thread::spawn(move || {
                barrier.wait();
                staff
                    .sessions()
                    .sign_in(&email, &secrecy::SecretString::from(password), &code, None)
                    .is_ok()
            })
        })
        .collect();
    let won = threads
        .into_iter()
        .map(|t| t.join().unwrap())
        .filter(|ok| *ok)
        .count();
    assert_eq!(won, 1, "one code, one session");
    let audit = app.audit();
    assert_eq!(audit.iter().filter(|e| e.action == "login.fail").count(), 0);
    assert_eq!(audit.iter().filter(|e| e.action == "login.refused").count(), 3);
}

#[tokio::test]
async fn ses_1_the_session_cookie_flags_and_only_a_hash_on_the_server() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    let r = app
        .try_login(&dana.email, &dana.password, &app.code(&dana.secret))
        .await;
    let cookie = set_cookies(&r)
        .into_iter()
        .find(|c| c.starts_with("__Host-sid="))
        .unwrap();
    let parts: Vec<&str> = cookie.split(';').map(str::trim).collect();
    let value = parts[0].trim_start_matches("__Host-sid=");
    assert_eq!(value.len(), 43, "256 bits");
    for flag in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(parts.contains(&flag), "{flag} in {cookie}");
    }
    assert!(
        !cookie.to_ascii_lowercase().contains("domain="),
        "__Host- cookies have no Domain"
    );
    // The pre-session cookie is cleared; the session token is nowhere in the database files.
    assert!(
        set_cookies(&r)
            .iter()
            .any(|c| c.starts_with("__Host-pre=;") && c.contains("Max-Age=0"))
    );
    let db = app.dir.stored();
    assert!(!crate::support::contains(&db, value));
    // SES-2: every sign-in gets a new session id.
    app.tick();
    let again = app
        .try_login(&dana.email, &dana.password, &app.code(&dana.secret))
        .await;
    assert_ne!(
        cookie_set(&again, "__Host-sid").unwrap(),
        format!("__Host-sid={value}")
    );
}

#[tokio::test]
async fn public_pages_still_set_no_cookie_while_staff_pages_do() {
    let app = TestApp::new();
    for uri in ["/", "/es/", "/hotlines", "/safety", "/about"] {
        let r = app.get(uri, None).await;
        assert!(set_cookies(&r).is_empty(), "{uri}");
    }
    assert!(cookie_set(&app.get("/staff/login", None).await, "__Host-pre").is_some());
}

#[tokio::test]
async fn ses_3_idle_and_absolute_timeouts_on_the_server() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    app.clock.advance(14 * 60);
    assert_eq!(app.get("/staff", Some(&dana.cookie)).await.status, StatusCode::OK);
    app.clock.advance(15 * 60 + 1);
    let r = app.get("/staff", Some(&dana.cookie)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.headers["location"], "/staff/login?ended=1");
    let note = app.get("/staff/login?ended=1", None).await.text();
    assert!(note.contains("Your session ended"), "{note}");
    // Absolute: active every 10 minutes, still ended after 8 hours.
    let dana = app.login(&dana).await;
    let mut alive = 0;
    for _ in 0..50 {
        app.clock.advance(10 * 60);
        if app.get("/staff", Some(&dana.cookie)).await.status == StatusCode::OK {
            alive += 1;
        } else {
            break;
        }
    }
    assert_eq!(alive, 47, "8 h = 48 ten-minute steps; the 48th is past it");
}

#[tokio::test]
async fn ses_4_logout_everywhere_and_disabling_end_sessions_on_the_server() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    let north = app.agency(&dana, "North").await;
    let ben = app.as_advocate(&dana, &north, "Ben").await;
    let ben_phone = app.login(&ben).await;
    // The sessions page lists both of Ben's sessions.
    let page = app.get("/staff/sessions", Some(&ben.cookie)).await.text();
    assert_eq!(page.matches("<tr>").count(), 3, "header + two sessions: {page}");
    // Logout: the old cookie is dead server-side, and the browser is told to clear data.
    let out = app.act(&ben, "/staff/logout", &[]).await;
    assert_eq!(out.status, StatusCode::OK);
    assert!(
        out.headers["clear-site-data"]
            .to_str()
            .unwrap()
            .contains("cookies")
    );
    assert_eq!(
        app.get("/staff", Some(&ben.cookie)).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.get("/staff", Some(&ben_phone.cookie)).await.status,
        StatusCode::OK
    );
    // Sign out everywhere.
    let ben2 = app.login(&ben).await;
    app.act(&ben2, "/staff/sessions/end-all", &[]).await;
    for c in [&ben2.cookie, &ben_phone.cookie] {
        assert_eq!(app.get("/staff", Some(c)).await.status, StatusCode::SEE_OTHER);
    }
    // Disabling: the next request is refused, and so is signing in.
    let ben3 = app.login(&ben).await;
    let ben_id = &ben.id;
    let r = app
        .act(&dana, &format!("/staff/people/{ben_id}/disable"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(
        app.get("/staff", Some(&ben3.cookie)).await.status,
        StatusCode::SEE_OTHER
    );
    let again = app
        .try_login(&ben.email, &ben.password, &app.code(&ben.secret))
        .await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn ac_2_ending_a_membership_takes_effect_on_the_next_request() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    let north = app.agency(&dana, "North").await;
    let ana = app.as_agency_admin(&dana, &north, "Ana").await;
    assert_eq!(
        app.get("/staff/people", Some(&ana.cookie)).await.status,
        StatusCode::OK
    );
    let ana_id = &ana.id;
    let people = app.directory.store.people().unwrap();
    let membership = &people.iter().find(|(a, _)| a.id == *ana_id).unwrap().1[0];
    let r = app
        .act(&dana, &format!("/staff/memberships/{}/end", membership.id), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // SES-4: her session is gone; signed in again she has no admin rights left.
    assert_eq!(
        app.get("/staff/people", Some(&ana.cookie)).await.status,
        StatusCode::SEE_OTHER
    );
    let ana = app.login(&ana).await;
    assert_eq!(
        app.get("/staff/people", Some(&ana.cookie)).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn csrf_1_missing_wrong_cross_site_and_get_are_refused_and_change_nothing() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    let count = || app.directory.store.agencies().unwrap().len();
    let csrf = app.csrf(&dana).await;
    let no_token = app
        .post("/staff/agencies", Some(&dana.cookie), &[("name", "A")])
        .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    let wrong = app
        .post(
            "/staff/agencies",
            Some(&dana.cookie),
            &[("csrf", "x".repeat(43).as_str()), ("name", "A")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let cross = app
        .post_with(
            "/staff/agencies",
            Some(&dana.cookie),
            &[("csrf", &csrf), ("name", "A")],
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);
    let other_origin = app
        .post_with(
            "/staff/agencies",
            Some(&dana.cookie),
            &[("csrf", &csrf), ("name", "A")],
            &[("origin", "https://evil.example"), ("host", "127.0.0.1:8080")],
        )
        .await;
    assert_eq!(other_origin.status, StatusCode::FORBIDDEN);
    let unknown_field = app
        .post(
            "/staff/agencies",
            Some(&dana.cookie),
            &[("csrf", &csrf), ("name", "A"), ("admin", "1")],
        )
        .await;
    assert_eq!(
        unknown_field.status,
        StatusCode::BAD_REQUEST,
        "AC-4: unknown fields refused"
    );
    assert_eq!(count(), 0, "nothing changed");
    // State changes are POST only: GET on a mutating route is not allowed.
    for uri in ["/staff/logout", "/staff/sessions/end-all", "/staff/invitations"] {
        let r = app.get(uri, Some(&dana.cookie)).await;
        assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{uri}");
    }
    // Login too: without the pre-session cookie's token, or from another site.
    let page = app.get("/staff/login", None).await;
    let pre = cookie_set(&page, "__Host-pre").unwrap();
    let token = field(&page.text(), "csrf");
    let fields = [
        ("email", dana.email.as_str()),
        ("password", dana.password.as_str()),
        ("code", "000000"),
    ];
    let r = app.post("/staff/login", Some(&pre), &fields).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mut with = vec![("csrf", token.as_str())];
    with.extend_from_slice(&fields);
    let r = app
        .post_with(
            "/staff/login",
            Some(&pre),
            &with,
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // And the valid request goes through.
    let ok = app
        .post(
            "/staff/agencies",
            Some(&dana.cookie),
            &[("csrf", &csrf), ("name", "A")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(count(), 1);
}

#[tokio::test]
async fn log_1_the_audit_page_filters_and_agency_admins_see_their_agency_only() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    let north = app.agency(&dana, "North").await;
    let south = app.agency(&dana, "South").await;
    let ana = app.as_agency_admin(&dana, &north, "Ana").await;
    let _sam = app.as_agency_admin(&dana, &south, "Sam").await;
    let page = app.get("/staff/audit", Some(&ana.cookie)).await.text();
    assert!(page.contains("invitation.accept"), "{page}");
    assert!(
        !page.contains(&format!("agency:{south}")),
        "another agency's entries are hidden"
    );
    // Directory admins see everything; filters narrow it.
    let all = app.get("/staff/audit", Some(&dana.cookie)).await.text();
    assert!(all.contains(&format!("agency:{south}")));
    let dana_id = &dana.id;
    let mine = app
        .get(
            &format!("/staff/audit?actor={dana_id}&record=agency"),
            Some(&dana.cookie),
        )
        .await
        .text();
    assert_eq!(mine.matches("agency.create").count(), 2, "{mine}");
    let tomorrow = app
        .get("/staff/audit?from=2026-11-30", Some(&dana.cookie))
        .await
        .text();
    assert!(!tomorrow.contains("agency.create"));
    let bad = app.get("/staff/audit?from=yesterday", Some(&dana.cookie)).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(
        bad.text().contains("2026-11-29"),
        "the mistake is named with an example"
    );
    assert!(matches!(
        app.directory.store.audit_verify().unwrap(),
        Verification::Intact { entries, .. } if entries == app.audit().len() as u64
    ));
}

#[tokio::test]
async fn audit_verify_notices_entries_cut_from_the_end_after_the_daily_anchor() {
    let app = TestApp::new();
    if app.dir.on_postgres() {
        return;
    }
    let dana = app.as_directory_admin().await;
    app.agency(&dana, "North").await;
    // Anchored once a day: a second call the same day writes nothing.
    let anchored = app.staff.anchor_audit().unwrap().expect("a first anchor");
    assert_eq!(app.staff.anchor_audit().unwrap(), None);
    app.agency(&dana, "South").await;
    assert!(matches!(
        app.directory.verify_audit(&app.dir.keys()).unwrap(),
        Verification::Intact { entries, .. } if entries > anchored
    ));
    // Someone with the database but not the key store cuts the log back past the anchor
    // (the chain that is left is whole: alone, it cannot tell).
    let db = rusqlite::Connection::open(app.dir.data().join("pathways.db")).unwrap();
    db.execute_batch(&format!(
        "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq >= {anchored};"
    ))
    .unwrap();
    assert!(matches!(
        app.directory.store.audit_verify().unwrap(),
        Verification::Intact { .. }
    ));
    match app.directory.verify_audit(&app.dir.keys()).unwrap() {
        Verification::Truncated {
            entries,
            anchored: at,
            day,
        } => {
            assert_eq!((entries, at), (anchored - 1, anchored));
            assert_eq!(day, "2026-11-29");
        }
        other => panic!("not noticed: {other:?}"),
    }
}

#[tokio::test]
async fn staff_pages_follow_the_browsers_language_and_carry_the_headers() {
    let app = TestApp::new();
    let es = app
        .call(
            Request::builder()
                .uri("/staff/login")
                .header("accept-language", "es-MX,es;q=0.9,en;q=0.5")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let text = es.text();
    assert!(text.contains("<html lang=\"es\""), "{text}");
    assert!(text.contains("Pathways para el personal"), "{text}");
    let en = app.get("/staff/login", None).await;
    assert!(en.text().contains("<html lang=\"en\""));
    // HDR: the same headers as the public pages; HSTS only when a TLS proxy says so.
    for name in [
        "content-security-policy",
        "referrer-policy",
        "cache-control",
        "x-content-type-options",
    ] {
        assert!(en.headers.contains_key(name), "{name}");
    }
    assert!(!en.headers.contains_key("strict-transport-security"));
    let tls = app
        .call(
            Request::builder()
                .uri("/staff/login")
                .header("x-forwarded-proto", "https")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(
        tls.headers["strict-transport-security"]
            .to_str()
            .unwrap()
            .starts_with("max-age=")
    );
}

#[tokio::test]
async fn a_stale_session_cookie_does_not_block_signing_in_again() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    app.clock.advance(16 * 60); // the session idles out, its cookie stays in the browser
    let page = app.get("/staff/login", Some(&dana.cookie)).await;
    let pre = cookie_set(&page, "__Host-pre").unwrap();
    let csrf = field(&page.text(), "csrf");
    let both = format!("{}; {pre}", dana.cookie);
    let code = app.code(&dana.secret);
    let r = app
        .post(
            "/staff/login",
            Some(&both),
            &[
                ("csrf", &csrf),
                ("email", &dana.email),
                ("password", &dana.password),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
}

#[tokio::test]
async fn ac_5_one_admin_from_setup_every_other_setup_link_dies() {
    let app = TestApp::new();
    let first = app.staff.accounts().setup_link_if_needed().unwrap().unwrap();
    let second = app.staff.accounts().setup_link_if_needed().unwrap().unwrap();
    let first = link_path(secrecy::ExposeSecret::expose_secret(&first));
    let second = link_path(secrecy::ExposeSecret::expose_secret(&second));
    // Both pages open while there is no admin; the second is filled in meanwhile.
    let page = app.get(&second, None).await;
    assert_eq!(page.status, StatusCode::OK);
    app.enrol(&first, "dana@example.org", "Dana").await;
    assert_eq!(app.get(&second, None).await.status, StatusCode::NOT_FOUND);
    let pre = cookie_set(&page, "__Host-pre").unwrap();
    let html = page.text();
    let secret = field(&html, "totp_secret");
    let code = app.code(&secret);
    let r = app
        .post(
            &second,
            Some(&pre),
            &[
                ("csrf", &field(&html, "csrf")),
                ("email", "mallory@example.org"),
                ("name", "Mallory"),
                ("password", "another long one"),
                ("password_again", "another long one"),
                ("totp_secret", &secret),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text());
    assert_eq!(
        app.directory.store.people().unwrap().len(),
        1,
        "one admin, made once"
    );
}

#[tokio::test]
async fn cry_2_a_missing_key_file_is_not_silently_replaced_once_accounts_exist() {
    let app = TestApp::new();
    app.as_directory_admin().await;
    let elsewhere = app.dir.tmp.path().join("wrong/pathways.keys");
    let refused = Staff::open(
        app.directory.clone(),
        &elsewhere,
        Cost::FLOOR,
        app.clock.clone(),
        StaffSettings::default(),
    );
    let message = refused.unwrap_err().to_string();
    assert!(message.contains("does not exist"), "{message}");
    assert!(!elsewhere.exists());
}

#[tokio::test]
async fn a_lost_phone_a_reset_link_sets_new_credentials_and_ends_every_session() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    let north = app.agency(&dana, "North").await;
    let ana = app.as_agency_admin(&dana, &north, "Ana").await;
    let ben = app.as_advocate(&dana, &north, "Ben").await;
    let path = two_person_reset(&app, &dana, &ana, &ben).await;
    // The page asks for a password and an authenticator, not a name or an email.
    let page = app.get(&path, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.text().contains("name=\"name\"") && !page.text().contains("name=\"email\""));
    let pre = cookie_set(&page, "__Host-pre").unwrap();
    let html = page.text();
    let secret = field(&html, "totp_secret");
    let code = app.code(&secret);
    let done = app
        .post(
            &path,
            Some(&pre),
            &[
                ("csrf", &field(&html, "csrf")),
                ("password", "a brand new password"),
                ("password_again", "a brand new password"),
                ("totp_secret", &secret),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    app.tick();
    // SES-2: his sessions ended; the old password, authenticator and recovery codes are dead.
    assert_eq!(
        app.get("/staff", Some(&ben.cookie)).await.status,
        StatusCode::SEE_OTHER
    );
    let old = app
        .try_login(&ben.email, &ben.password, &app.code(&ben.secret))
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    let old_code = app
        .try_login(&ben.email, "a brand new password", &ben.codes[0])
        .await;
    assert_eq!(old_code.status, StatusCode::UNAUTHORIZED);
    let new = app
        .try_login(&ben.email, "a brand new password", &app.code(&secret))
        .await;
    assert_eq!(new.status, StatusCode::SEE_OTHER, "{}", new.text());
    assert_eq!(
        app.get(&path, None).await.status,
        StatusCode::NOT_FOUND,
        "single use"
    );
    assert!(app.audit().iter().any(|e| e.action == "credentials.reset"));
    // AC-6: at his next sign-in he reads who reset it and when.
    let ben = Person {
        password: "a brand new password".into(),
        secret,
        ..ben
    };
    app.tick();
    let ben = app.login(&ben).await;
    let home = app.get("/staff", Some(&ben.cookie)).await.text();
    assert!(
        home.contains("Your sign-in was reset on") && home.contains("asked for by Dana, approved by Ana"),
        "{home}"
    );
}

/// AC-6: an advocate's reset asked for by `asker` and approved by `approver`: the link the
/// approver is shown once.
async fn two_person_reset(app: &TestApp, asker: &Person, approver: &Person, whose: &Person) -> String {
    let r = app
        .act(asker, &format!("/staff/people/{}/reset", whose.id), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let id = waiting_reset(app, approver).await.expect("a reset waiting");
    let r = app
        .act(approver, &format!("/staff/resets/{id}/approve"), &[])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(r.text().contains(&whose.email), "{}", r.text());
    reset_path(&r)
}

/// The id of the first reset waiting on `admin`'s people page.
async fn waiting_reset(app: &TestApp, admin: &Person) -> Option<String> {
    let page = app.get("/staff/people", Some(&admin.cookie)).await.text();
    let start = page.find("/staff/resets/")? + "/staff/resets/".len();
    Some(page[start..].split('/').next()?.to_owned())
}

fn reset_path(r: &Reply) -> String {
    r.text()[r.text().find("/staff/reset/").expect("a reset link")..]
        .split('<')
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn ac_6_no_admin_alone_can_take_over_an_advocates_sign_in() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    let north = app.agency(&dana, "North").await;
    let south = app.agency(&dana, "South").await;
    let ana = app.as_agency_admin(&dana, &north, "Ana").await;
    let sol = app.as_agency_admin(&dana, &south, "Sol").await;
    let ben = app.as_advocate(&ana, &north, "Ben").await;
    // Ana asks: no link, only a request, audited.
    let r = app
        .act(&ana, &format!("/staff/people/{}/reset", ben.id), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert!(!r.text().contains("/staff/reset/"));
    assert!(
        app.audit()
            .iter()
            .any(|e| e.action == "credentials.reset_request")
    );
    let mine = app.get("/staff/people", Some(&ana.cookie)).await.text();
    assert!(mine.contains("Waiting for another admin."), "{mine}");
    assert!(!mine.contains("Approve and make the link"), "{mine}");
    // She cannot approve her own request; another agency's admin cannot see it at all.
    let id = waiting_reset(&app, &ana).await.unwrap();
    let denials = app.audit().iter().filter(|e| !e.allowed).count();
    for who in [&ana, &sol, &ben] {
        let r = app.act(who, &format!("/staff/resets/{id}/approve"), &[]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text());
        assert!(!r.text().contains("/staff/reset/"));
    }
    assert_eq!(app.audit().iter().filter(|e| !e.allowed).count(), denials + 3);
    assert!(waiting_reset(&app, &sol).await.is_none());
    // Ben still signs in with what he had: nothing changed.
    app.tick();
    let ben = app.login(&ben).await;
    // Dana refuses it: it is gone, and cannot be approved after.
    let r = app.act(&dana, &format!("/staff/resets/{id}/refuse"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(waiting_reset(&app, &dana).await.is_none());
    let r = app.act(&dana, &format!("/staff/resets/{id}/approve"), &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Asked again and approved by Dana: the link works, made by two people.
    let path = two_person_reset(&app, &ana, &dana, &ben).await;
    assert_eq!(app.get(&path, None).await.status, StatusCode::OK);
    // Staff who read no survivor (an agency admin) are reset by one admin, as before.
    let r = app
        .act(&dana, &format!("/staff/people/{}/reset", ana.id), &[])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    reset_path(&r);
}

#[tokio::test]
async fn roles_added_accounts_re_enabled_invitations_revoked() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    let north = app.agency(&dana, "North").await;
    let ana = app.as_agency_admin(&dana, &north, "Ana").await;
    let ben = app.as_advocate(&ana, &north, "Ben").await;
    let ben_id = &ben.id;
    assert_eq!(
        app.get("/staff/people", Some(&ben.cookie)).await.status,
        StatusCode::NOT_FOUND
    );
    // Ana makes Ben an agency admin too: his session ends (SES-2), and signed in again he can.
    let grant = format!("agency_admin:{north}");
    let r = app
        .act(
            &ana,
            &format!("/staff/people/{ben_id}/roles"),
            &[("grant", &grant)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(
        app.get("/staff", Some(&ben.cookie)).await.status,
        StatusCode::SEE_OTHER
    );
    let ben = app.login(&ben).await;
    assert_eq!(
        app.get("/staff/people", Some(&ben.cookie)).await.status,
        StatusCode::OK
    );
    let again = app
        .act(
            &ana,
            &format!("/staff/people/{ben_id}/roles"),
            &[("grant", &grant)],
        )
        .await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(again.text().contains("already has this role"));
    // Disabled, then back on: he signs in as before.
    let r = app
        .act(&ana, &format!("/staff/people/{ben_id}/disable"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.try_login(&ben.email, &ben.password, &app.code(&ben.secret))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    app.tick();
    let r = app
        .act(&ana, &format!("/staff/people/{ben_id}/enable"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.login(&ben).await;
    // A pending invitation revoked: its link is dead at once.
    let r = app
        .act(
            &ana,
            "/staff/invitations",
            &[
                ("email", "cy@example.org"),
                ("grant", &format!("advocate:{north}")),
            ],
        )
        .await;
    let path = link_path(&r.text());
    let id = app.directory.store.pending_invitations(app.clock.now()).unwrap()[0]
        .id
        .clone();
    let r = app
        .act(&ana, &format!("/staff/invitations/{id}/revoke"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get(&path, None).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn reset_links_die_with_a_change_of_roles_and_work_once() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    let north = app.agency(&dana, "North").await;
    let south = app.agency(&dana, "South").await;
    let ana = app.as_agency_admin(&dana, &north, "Ana").await;
    let ben = app.as_advocate(&ana, &north, "Ben").await;
    let ben_id = &ben.id;
    let ana_two = app.as_agency_admin(&dana, &north, "Ana Two").await;
    // Disabled then re-enabled: the link made before is dead.
    let before = two_person_reset(&app, &ana, &dana, &ben).await;
    app.act(&ana, &format!("/staff/people/{ben_id}/disable"), &[])
        .await;
    app.act(&ana, &format!("/staff/people/{ben_id}/enable"), &[])
        .await;
    assert_eq!(app.get(&before, None).await.status, StatusCode::NOT_FOUND);
    // Made (approved) by Ana, who then loses her admin role: dead too.
    let by_ana = two_person_reset(&app, &dana, &ana, &ben).await;
    assert_eq!(app.get(&by_ana, None).await.status, StatusCode::OK);
    let ana_id = &ana.id;
    let ana_membership = app
        .directory
        .store
        .people()
        .unwrap()
        .into_iter()
        .find(|(a, _)| a.id == *ana_id)
        .unwrap()
        .1[0]
        .id
        .clone();
    app.act(&dana, &format!("/staff/memberships/{ana_membership}/end"), &[])
        .await;
    assert_eq!(app.get(&by_ana, None).await.status, StatusCode::NOT_FOUND);
    // Used once: a second POST of the same form is refused and changes nothing.
    let fresh = two_person_reset(&app, &ana_two, &dana, &ben).await;
    let page = app.get(&fresh, None).await;
    let pre = cookie_set(&page, "__Host-pre").unwrap();
    let html = page.text();
    let secret = field(&html, "totp_secret");
    let code = app.code(&secret);
    let form = [
        ("csrf", field(&html, "csrf")),
        ("password", "first new password".to_owned()),
        ("password_again", "first new password".to_owned()),
        ("totp_secret", secret.clone()),
        ("code", code),
    ];
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.post(&fresh, Some(&pre), &pairs).await.status, StatusCode::OK);
    assert_eq!(
        app.post(&fresh, Some(&pre), &pairs).await.status,
        StatusCode::NOT_FOUND
    );
    // An agency admin cannot add a role to someone who works elsewhere now.
    let sam = app.as_advocate(&dana, &south, "Sam").await;
    let sam_id = &sam.id;
    let ana = ana_two;
    let r = app
        .act(
            &ana,
            &format!("/staff/people/{sam_id}/roles"),
            &[("grant", &format!("advocate:{north}"))],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(
        app.directory.store.grants_of(sam_id).unwrap().len() == 1,
        "nothing added"
    );
}

#[tokio::test]
async fn errors_are_rendered_for_whoever_asked() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    let csrf = app.csrf(&dana).await;
    // A staff record that does not exist: the staff page, with the person's menu.
    let missing = app
        .get(
            &format!("/staff/survivors/{}", uuid::Uuid::new_v4()),
            Some(&dana.cookie),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(
        missing.text().contains("/staff/logout"),
        "the signed-in menu stays"
    );
    // A malformed id answers exactly like a missing one (AC-3), decided before any use-case.
    let malformed = app.get("/staff/survivors/not-an-id", Some(&dana.cookie)).await;
    assert_eq!(malformed.status, StatusCode::NOT_FOUND);
    assert_eq!(malformed.text(), missing.text());
    // A refused form may come from another site: its page carries no session data.
    let refused = app
        .post_with(
            "/staff/agencies",
            Some(&dana.cookie),
            &[("csrf", &csrf), ("name", "A")],
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(
        !refused.text().contains(&csrf),
        "no CSRF token on a refused form's page"
    );
    assert!(!refused.text().contains("/staff/logout"));
    // An address no route serves, even under /staff: the public 404 page with its quick exit.
    let nowhere = app.get("/staff/no-such-page", Some(&dana.cookie)).await;
    assert_eq!(nowhere.status, StatusCode::NOT_FOUND);
    assert!(nowhere.text().contains("/exit"), "{}", nowhere.text());
    assert!(!nowhere.text().contains("/staff/logout"));
    // The API answers JSON, naming what is wrong.
    let api = app.get("/api/v1/services/nope", None).await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.headers["content-type"], "application/json");
    assert!(api.text().contains("\"not_found\""));
    let bad = app.get("/api/v1/search?limit=0", None).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.text().contains("\"parameter\":\"limit\""), "{}", bad.text());
    // The public side in the path's language.
    let es = app.get("/es/services/nope", None).await;
    assert_eq!(es.status, StatusCode::NOT_FOUND);
    assert!(es.text().contains("lang=\"es\""));
}

#[tokio::test]
async fn rel_5_staff_forms_refuse_other_encodings_broken_utf8_and_control_characters() {
    let app = TestApp::new();
    let dana = app.as_directory_admin().await;
    let csrf = app.csrf(&dana).await;
    let count = || app.directory.store.agencies().unwrap().len();
    let form = |name: &[u8]| {
        let mut body = format!("csrf={csrf}&name=").into_bytes();
        body.extend_from_slice(name);
        body
    };
    const FORM: &str = "application/x-www-form-urlencoded";
    // Only a web form's own encoding: not text/plain, not multipart, not unlabelled.
    let boundary = "----x";
    let multipart = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nA\r\n--{boundary}--\r\n"
    );
    for (content_type, body) in [
        (Some("text/plain"), form(b"A")),
        (
            Some("multipart/form-data; boundary=----x"),
            multipart.into_bytes(),
        ),
        (None, form(b"A")),
        (
            Some("application/x-www-form-urlencoded; charset=iso-8859-1"),
            form(b"A"),
        ),
    ] {
        let r = app
            .post_raw("/staff/agencies", &dana.cookie, content_type, body)
            .await;
        assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{content_type:?}");
        assert!(
            r.text().contains("application/x-www-form-urlencoded"),
            "names what is wrong: {}",
            r.text()
        );
    }
    // Bytes that are not UTF-8, percent-encoded or raw: refused, never stored as U+FFFD.
    for bad in [&b"A%FF%FEB"[..], b"A\xffB", b"%C3%28"] {
        let r = app
            .post_raw("/staff/agencies", &dana.cookie, Some(FORM), form(bad))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad:?}");
        assert!(r.text().contains("UTF-8"), "names what is wrong: {}", r.text());
    }
    // Control characters: NUL, ESC (a terminal escape), DEL, a C1 control (NEL).
    for bad in [&b"A%00B"[..], b"A%1B%5B31mB", b"A\x1bB", b"A%7FB", b"A%C2%85B"] {
        let r = app
            .post_raw("/staff/agencies", &dana.cookie, Some(FORM), form(bad))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad:?}");
        assert!(
            r.text().contains("control character"),
            "names what is wrong: {}",
            r.text()
        );
    }
    assert_eq!(count(), 0, "nothing changed");
    // A browser's form (with or without a charset) goes through.
    let r = app
        .post_raw(
            "/staff/agencies",
            &dana.cookie,
            Some("application/x-www-form-urlencoded; charset=UTF-8"),
            form(b"North+%C3%81rea"),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let agencies = app.directory.store.agencies().unwrap();
    assert_eq!(agencies.len(), 1);
    assert_eq!(agencies[0].0.name, "North Área");
}

/// CRY-5: every token, key, nonce and id comes from the operating system's generator. The
/// source holds one call to it (`crypto::random`, through `getrandom`), ids are UUID v4 from
/// the `uuid` crate (itself on `getrandom`), no other generator is named in the source; what
/// they make never repeats.
#[test]
fn cry_5_every_secret_comes_from_the_os_generator() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut dirs = vec![root.join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let mut os_calls = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let name = file.strip_prefix(root).unwrap().display().to_string();
        for other in [
            "rand::",
            "thread_rng",
            "SmallRng",
            "StdRng",
            "fastrand",
            "OsRng",
            "from_entropy",
        ] {
            assert!(
                !text.contains(other),
                "{name} uses {other}: CRY-5 wants crypto::random"
            );
        }
        if text.contains("getrandom::") {
            os_calls.push(name);
        }
    }
    assert_eq!(os_calls, ["src/crypto.rs"], "one way to the OS generator");
    // `uuid` draws from `getrandom`. (tantivy builds `rand` for its own column codecs; no
    // secret of ours is made there, as the scan above shows.)
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).unwrap();
    let uuid = lock
        .split("[[package]]")
        .find(|p| p.contains("name = \"uuid\""))
        .unwrap();
    assert!(uuid.contains("\"getrandom"), "{uuid}");
    // What they make never repeats.
    let mut seen = std::collections::HashSet::new();
    for _ in 0..2000 {
        assert!(seen.insert(pathways::crypto::Token::generate().unwrap().hash()));
        assert!(seen.insert(pathways::crypto::random::<32>().unwrap()));
    }
}
