//! `pathways bench-planner`: a synthetic agency — 5,000 survivors with plans (template needs)
//! and 50,000 referrals by default — and the figures the planner issue asks for: an advocate's
//! caseload page and a plan page (the use-cases behind them: decryption, queries, audit
//! writes), median and p99, and the database size.

use std::sync::Arc;
use std::time::{Duration, Instant};

use secrecy::SecretString;

use super::percentile;
use crate::crypto::password::Cost;
use crate::crypto::totp::{STEP, TotpSecret};
use crate::domain::audit::Entry;
use crate::services::clock::Clock;
use crate::services::policy::Actor;
use crate::services::staff::{EnrolForm, EnrolPass, Staff, StaffSettings, SurvivorForm};
use crate::services::{Database, Directory};
use crate::store::StoredReferral;

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Runs the planner figures.
/// On SQLite in a temporary folder, or on the (empty) PostgreSQL databases `database` names.
pub fn run(
    survivors: usize,
    referrals: usize,
    advocates: usize,
    directory_dir: &std::path::Path,
    database: Option<Database>,
) -> anyhow::Result<()> {
    let work = std::env::temp_dir().join(format!("pathways-bench-planner-{}", std::process::id()));
    let database = database.unwrap_or_else(|| Database::Sqlite(work.join("data")));
    let result = measure(
        &work,
        &database,
        survivors,
        referrals,
        advocates.max(1),
        directory_dir,
    );
    let _ = std::fs::remove_dir_all(&work);
    result
}

/// Enrols `email` with the bench password; returns its TOTP secret.
pub(super) fn enrol(staff: &Staff, pass: EnrolPass<'_>, email: &str) -> anyhow::Result<TotpSecret> {
    let secret = TotpSecret::generate()?;
    let password = SecretString::from("bench password".to_owned());
    staff.accounts().enrol(
        pass,
        &EnrolForm {
            email: email.to_owned(),
            name: email.to_owned(),
            password: password.clone(),
            password_again: password,
            totp_secret: SecretString::from(secret.base32()),
            code: format!("{:06}", secret.code(staff.clock().now().div_euclid(STEP))),
        },
    )?;
    Ok(secret)
}

pub(super) fn actor(staff: &Staff, email: &str) -> anyhow::Result<Actor> {
    let store = &staff.directory().store;
    let a = store
        .account_by_email(email)?
        .ok_or_else(|| anyhow::anyhow!("no account {email}"))?;
    Ok(Actor {
        grants: store.grants_of(&a.id)?,
        user: a.id,
        name: a.name,
    })
}

pub(super) fn token(link: &SecretString) -> anyhow::Result<crate::crypto::Token> {
    use secrecy::ExposeSecret;
    link.expose_secret()
        .rsplit('/')
        .next()
        .and_then(crate::crypto::Token::parse)
        .ok_or_else(|| anyhow::anyhow!("a link without a token"))
}

fn measure(
    work: &std::path::Path,
    database: &Database,
    survivors: usize,
    referrals: usize,
    advocates: usize,
    directory_dir: &std::path::Path,
) -> anyhow::Result<()> {
    let (directory, _) = Directory::open_at(database, &work.join("index"))?;
    // The bench fills the database with a synthetic agency: never one somebody uses (the
    // database may come from PATHWAYS_DATABASE).
    anyhow::ensure!(
        directory.store.is_empty()?,
        "bench-planner writes a synthetic agency: name empty databases, not ones in use"
    );
    directory.import_if_empty(directory_dir)?;
    directory.sync_index()?;
    let clock = Clock::manual(jiff::Timestamp::now().as_second());
    let (staff, _) = Staff::open(
        Arc::new(directory),
        &work.join("keys/pathways.keys"),
        Cost::FLOOR,
        clock.clone(),
        StaffSettings::default(),
    )?;
    let started = Instant::now();
    let link = staff
        .accounts()
        .setup_link_if_needed()?
        .ok_or_else(|| anyhow::anyhow!("a fresh database has an admin"))?;
    enrol(&staff, EnrolPass::Setup(&token(&link)?), "admin@example.org")?;
    let admin = actor(&staff, "admin@example.org")?;
    let agency = staff
        .organisations()
        .create_agency(&admin, "Synthetic agency", "")?;
    let mut team = Vec::new();
    let mut first_secret = None;
    for n in 0..advocates {
        let email = format!("advocate{n}@example.org");
        let link = staff
            .people()
            .invite(&admin, &email, &format!("advocate:{agency}"))?
            .link;
        let secret = enrol(&staff, EnrolPass::Invitation(&token(&link)?), &email)?;
        first_secret.get_or_insert(secret);
        team.push(actor(&staff, &email)?);
    }
    let mut ids = Vec::with_capacity(survivors);
    for n in 0..survivors {
        let by = &team[n % team.len()];
        let id = staff.survivors().create(
            by,
            &SurvivorForm {
                pseudonym: format!("S{n}"),
                age_band: "adult".to_owned(),
                languages: "en".to_owned(),
                place: "Houston, TX".to_owned(),
                notes: "Synthetic benchmark record.".to_owned(),
                template: "adult".to_owned(),
                ..SurvivorForm::default()
            },
        )?;
        ids.push(id);
    }
    let services = staff.directory().store.listing_ids()?;
    let statuses = [
        "draft",
        "sent",
        "received",
        "accepted",
        "waitlisted",
        "started",
        "completed",
        "declined",
    ];
    let store = &staff.directory().store;
    let mut batch = Vec::with_capacity(referrals);
    for n in 0..referrals {
        let survivor = &ids[n % ids.len()];
        let needs = store.plan_needs(survivor)?;
        let need = &needs[(n / ids.len()) % needs.len()];
        let service = &services[n % services.len()];
        batch.push(StoredReferral {
            id: crate::domain::ids::ReferralId::random(),
            reference: crate::domain::referral::reference(crate::crypto::random::<5>()?),
            survivor: survivor.clone(),
            need: need.id.clone(),
            service: service.clone(),
            organization: store
                .listing(service)?
                .map(|l| l.organization_id)
                .unwrap_or_default(),
            status: statuses[n % statuses.len()].to_owned(),
            reason: (statuses[n % statuses.len()] == "declined").then(|| "no_capacity".to_owned()),
            // Spread over the last 30 days, so some are stuck.
            updated_at: (n as i64 % 30) * 86_400,
            follow_up: None,
        });
    }
    let entry = Entry {
        actor: None,
        agency: Some(agency.to_string()),
        action: "bench.load",
        record: String::new(),
        allowed: true,
    };
    store.create_referrals_in_bulk(&batch, &entry, clock.now())?;
    println!(
        "synthetic agency: {survivors} survivors ({} per advocate), {referrals} referrals; built in {:.1?}",
        survivors / team.len(),
        started.elapsed()
    );

    let mut caseload = Vec::new();
    for n in 0..200 {
        let by = &team[n % team.len()];
        let t = Instant::now();
        let list = staff.survivors().caseload(by)?;
        caseload.push(t.elapsed());
        anyhow::ensure!(!list.is_empty(), "an empty caseload");
    }
    caseload.sort();
    let mut plans = Vec::new();
    for n in 0..500 {
        let i = (n * 7919) % ids.len();
        let by = &team[i % team.len()];
        let t = Instant::now();
        let plan = staff.survivors().plan(by, &ids[i])?;
        plans.push(t.elapsed());
        anyhow::ensure!(!plan.needs.is_empty(), "a plan without needs");
    }
    plans.sort();
    let db = work.join("data").join(crate::services::DATABASE_FILE);
    let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let wal = std::path::PathBuf::from(format!("{}-wal", db.display()));
    println!(
        "caseload (an advocate's survivors with follow-ups, stuck referrals, needs without a provider), 200 calls: median {}, p99 {}",
        ms(percentile(&caseload, 0.5)),
        ms(percentile(&caseload, 0.99))
    );
    println!(
        "plan page use-case (record, needs, referrals, consents opened; advocates, timeline), 500 calls: median {}, p99 {}",
        ms(percentile(&plans, 0.5)),
        ms(percentile(&plans, 0.99))
    );
    println!("engine: {:?}", staff.directory().store.dialect()?);
    println!(
        "database {:.1} MB (+ {:.1} MB write-ahead log); key store {:.1} MB (SQLite files; 0 on PostgreSQL)",
        size(&db) as f64 / 1e6,
        size(&wal) as f64 / 1e6,
        size(&work.join("keys").join(crate::services::vault::KEY_STORE_FILE)) as f64 / 1e6
    );
    let secret = first_secret.ok_or_else(|| anyhow::anyhow!("no advocate"))?;
    clock.advance(STEP);
    let code = format!("{:06}", secret.code(clock.now().div_euclid(STEP)));
    let (session, _) = staff.sessions().sign_in(
        "advocate0@example.org",
        &SecretString::from("bench password".to_owned()),
        &code,
        None,
    )?;
    staff_under_load(Arc::new(staff), &session)
}

/// A staff page over real HTTP (the caseload: SQLite reads, decryption, an audit write),
/// alone and while public searches keep the server busy on other connections: how much
/// the public load delays a staff request, and the other way round.
fn staff_under_load(staff: Arc<Staff>, session: &crate::crypto::Token) -> anyhow::Result<()> {
    use std::sync::atomic::{AtomicBool, Ordering};
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
    let port = listener.local_addr()?.port();
    let site = crate::http::Site {
        rate_limit: 0,
        ..crate::http::Site::default()
    };
    let state = crate::http::AppState::with_site(staff, site);
    let (stop_server, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = runtime.spawn(crate::http::serve(listener, state, async {
        let _ = stopped.await;
    }));
    let cookie = format!("Cookie: {}={}\r\n", crate::http::SESSION_COOKIE, session.expose());
    let staff_page = |n: usize| -> anyhow::Result<Vec<Duration>> {
        let mut stream = super::connect_to(port)?;
        let mut times = Vec::with_capacity(n);
        for _ in 0..n {
            let t = Instant::now();
            super::get_with(&mut stream, "/staff/survivors", &cookie)?;
            times.push(t.elapsed());
        }
        times.sort();
        Ok(times)
    };
    staff_page(20)?; // warm up
    let alone = staff_page(300)?;
    let mix = super::requests(400, 7, 20);
    let paths: Vec<String> = mix.iter().map(super::api_path).collect();
    let stop = Arc::new(AtomicBool::new(false));
    let loaders: Vec<_> = (0..4)
        .map(|k| {
            let (stop, paths) = (stop.clone(), paths.clone());
            std::thread::spawn(move || -> anyhow::Result<Vec<Duration>> {
                let mut stream = super::connect_to(port)?;
                let mut times = Vec::new();
                let mut i = k;
                while !stop.load(Ordering::Relaxed) {
                    let t = Instant::now();
                    super::get_with(&mut stream, &paths[i % paths.len()], "")?;
                    times.push(t.elapsed());
                    i += 4;
                }
                Ok(times)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let loaded = staff_page(300);
    stop.store(true, Ordering::Relaxed);
    let mut searches = Vec::new();
    for l in loaders {
        searches.extend(
            l.join()
                .map_err(|_| anyhow::anyhow!("a load thread panicked"))??,
        );
    }
    searches.sort();
    let loaded = loaded?;

    // The other way round: a page that needs no database (the safety page: what a survivor
    // reaches for) while 4 staff clients keep asking for caseloads. Staff work that holds
    // the async threads would make it wait behind them.
    let page = |n: usize| -> anyhow::Result<Vec<Duration>> {
        let mut stream = super::connect_to(port)?;
        let mut times = Vec::with_capacity(n);
        for _ in 0..n {
            let t = Instant::now();
            super::get_with(&mut stream, "/safety", "")?;
            times.push(t.elapsed());
        }
        times.sort();
        Ok(times)
    };
    let quiet = page(300)?;
    stop.store(false, Ordering::Relaxed);
    let staff_load: Vec<_> = (0..4)
        .map(|_| {
            let (stop, cookie) = (stop.clone(), cookie.clone());
            std::thread::spawn(move || -> anyhow::Result<usize> {
                let mut stream = super::connect_to(port)?;
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    super::get_with(&mut stream, "/staff/survivors", &cookie)?;
                    n += 1;
                }
                Ok(n)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let busy = page(300);
    stop.store(true, Ordering::Relaxed);
    let mut caseloads = 0;
    for l in staff_load {
        caseloads += l
            .join()
            .map_err(|_| anyhow::anyhow!("a load thread panicked"))??;
    }
    let busy = busy?;
    let _ = stop_server.send(());
    let _ = runtime.block_on(server);
    println!(
        "safety page over HTTP, 300 requests: alone median {}, p99 {}; with 4 staff clients \
         loading caseloads: median {}, p99 {} ({caseloads} caseloads served meanwhile)",
        ms(percentile(&quiet, 0.5)),
        ms(percentile(&quiet, 0.99)),
        ms(percentile(&busy, 0.5)),
        ms(percentile(&busy, 0.99)),
    );
    println!(
        "staff caseload page over HTTP, 300 requests: alone median {}, p99 {}; \
         with 4 clients searching the public API: median {}, p99 {} ({} searches, p99 {})",
        ms(percentile(&alone, 0.5)),
        ms(percentile(&alone, 0.99)),
        ms(percentile(&loaded, 0.5)),
        ms(percentile(&loaded, 0.99)),
        searches.len(),
        ms(percentile(&searches, 0.99))
    );
    Ok(())
}
