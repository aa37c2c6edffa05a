//! `pathways bench-soak --minutes N` (REL-6): the real server, as a child process on the
//! shipped directory, under mixed load for N minutes — public clients (the results page,
//! listing pages, the search API, the home page) and an advocate (opening records, adding
//! needs, caseload and plan pages) with a provider's capacity updates — and, per minute, the
//! server's resident memory (`/proc/<pid>/status`), requests, errors and p50/p99 latency.
//! Memory that climbs minute after minute is the leak the soak is for.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::child::{Fixture, Reply, csrf, post_form, put_capacity, request};
use super::percentile;

/// Clients searching and reading listings at once.
const PUBLIC_CLIENTS: usize = 3;
/// Records the advocate opens at most (a caseload that grows without end would measure
/// the caseload, not the server).
const MAX_RECORDS: usize = 200;

/// One minute's figures.
#[derive(Default)]
struct Minute {
    public: Vec<Duration>,
    staff: Vec<Duration>,
    errors: usize,
    throttled: usize,
    /// Resident memory samples (kB), one a second.
    rss: Vec<u64>,
}

/// What every client writes into.
struct Tally {
    started: Instant,
    minutes: Mutex<Vec<Minute>>,
    /// The first few errors, to print.
    first_errors: Mutex<Vec<String>>,
}

impl Tally {
    fn with_minute(&self, f: impl FnOnce(&mut Minute)) {
        let i = (self.started.elapsed().as_secs() / 60) as usize;
        if let Ok(mut m) = self.minutes.lock() {
            if m.len() <= i {
                m.resize_with(i + 1, Minute::default);
            }
            f(&mut m[i]);
        }
    }

    /// Records one request: `expect` is the status that means success.
    fn record(
        &self,
        staff: bool,
        what: &str,
        at: Instant,
        answer: std::io::Result<Reply>,
        expect: u16,
    ) -> Option<Reply> {
        let took = at.elapsed();
        let fault = match &answer {
            Ok(r) if r.status == expect => None,
            Ok(r) if r.status == 429 => {
                self.with_minute(|m| m.throttled += 1);
                return None;
            }
            Ok(r) => Some(format!("{what}: {}", r.head.lines().next().unwrap_or_default())),
            Err(e) => Some(format!("{what}: {e}")),
        };
        self.with_minute(|m| {
            if staff { &mut m.staff } else { &mut m.public }.push(took);
            m.errors += usize::from(fault.is_some());
        });
        if let Some(f) = fault {
            if let Ok(mut first) = self.first_errors.lock()
                && first.len() < 10
            {
                first.push(f);
            }
            return None;
        }
        answer.ok()
    }
}

/// Runs the soak for `minutes` on the shipped directory at `shipped`, printing a line a
/// minute.
pub fn run(minutes: u64, shipped: &Path) -> anyhow::Result<()> {
    let work = std::env::temp_dir().join(format!("pathways-bench-soak-{}", std::process::id()));
    let result = soak(&work, minutes.max(1), shipped);
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn soak(work: &Path, minutes: u64, shipped: &Path) -> anyhow::Result<()> {
    let fixture = Fixture::prepare(work, &std::env::current_exe()?, Some(shipped), 1, 0)?;
    let ids = fixture.open_staff()?.0.directory().store.listing_ids()?;
    let mix = super::requests(400, 11, 20);
    let server = fixture.serve()?;
    let port = server.port;
    let cookie = fixture.sign_in(port)?;
    let token = csrf(port, &cookie)?;
    println!(
        "soak: {minutes} minute(s), {} listings, {PUBLIC_CLIENTS} public clients and one advocate \
         (with a provider's capacity updates), no think time; the server's RSS at start {:.1} MB",
        ids.len(),
        server.rss_kb().unwrap_or(0) as f64 / 1024.0
    );
    println!("minute  RSS end (max) MB  requests  errors  429s  p50 ms  p99 ms  staff p99 ms");
    let tally = Arc::new(Tally {
        started: Instant::now(),
        minutes: Mutex::new(Vec::new()),
        first_errors: Mutex::new(Vec::new()),
    });
    let stop = Arc::new(AtomicBool::new(false));
    let mut clients = Vec::new();
    for c in 0..PUBLIC_CLIENTS {
        let (tally, stop, ids, mix) = (tally.clone(), stop.clone(), ids.clone(), mix.clone());
        clients.push(std::thread::spawn(move || {
            public_client(port, c, &ids, &mix, &tally, &stop)
        }));
    }
    {
        let (tally, stop) = (tally.clone(), stop.clone());
        let (service, bearer) = fixture.capacity.first().cloned().unwrap_or_default();
        clients.push(std::thread::spawn(move || {
            staff_client(port, &cookie, &token, (&service, &bearer), &tally, &stop)
        }));
    }
    let mut rss_first = None;
    for second in 1..=minutes * 60 {
        let next = tally.started + Duration::from_secs(second);
        std::thread::sleep(next.saturating_duration_since(Instant::now()));
        let rss = server.rss_kb().unwrap_or(0);
        rss_first.get_or_insert(rss);
        // The sample closes the second that ended: it belongs to that second's minute.
        let i = ((second - 1) / 60) as usize;
        if let Ok(mut m) = tally.minutes.lock() {
            if m.len() <= i {
                m.resize_with(i + 1, Minute::default);
            }
            m[i].rss.push(rss);
        }
        if second.is_multiple_of(60) {
            // Let requests finishing in the last instant land in their minute first.
            std::thread::sleep(Duration::from_millis(100));
            if let Ok(mut m) = tally.minutes.lock()
                && let Some(minute) = m.get_mut(i)
            {
                println!("{}", line(i + 1, minute));
            }
        }
    }
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().map_err(|_| anyhow::anyhow!("a client panicked"))?;
    }
    let end = server.rss_kb().unwrap_or(0);
    server.kill()?;
    let (total, errors) = tally
        .minutes
        .lock()
        .map(|m| {
            m.iter().take(minutes as usize).fold((0, 0), |(t, e), x| {
                (t + x.public.len() + x.staff.len(), e + x.errors)
            })
        })
        .unwrap_or_default();
    println!(
        "RSS {:.1} MB after the first second, {:.1} MB at the end; {total} requests, {errors} errors",
        rss_first.unwrap_or(0) as f64 / 1024.0,
        end as f64 / 1024.0
    );
    if let Ok(first) = tally.first_errors.lock() {
        for e in first.iter() {
            println!("  error: {e}");
        }
    }
    Ok(())
}

/// A minute's line of the table.
fn line(n: usize, m: &mut Minute) -> String {
    m.public.sort();
    m.staff.sort();
    let mut all: Vec<Duration> = m.public.iter().chain(&m.staff).copied().collect();
    all.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "{n:>6}  {:>8.1} ({:>5.1})  {:>8}  {:>6}  {:>4}  {:>6.2}  {:>6.2}  {:>12.2}",
        m.rss.last().copied().unwrap_or(0) as f64 / 1024.0,
        m.rss.iter().max().copied().unwrap_or(0) as f64 / 1024.0,
        all.len(),
        m.errors,
        m.throttled,
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.99)),
        ms(percentile(&m.staff, 0.99)),
    )
}

/// Searches (the results page and the API), listing pages and the home page, in turn.
fn public_client(
    port: u16,
    client: usize,
    ids: &[String],
    mix: &[crate::search::SearchRequest],
    tally: &Tally,
    stop: &AtomicBool,
) {
    let mut k = client;
    while !stop.load(Ordering::Relaxed) {
        k += PUBLIC_CLIENTS;
        let r = &mix[k % mix.len()];
        let at = Instant::now();
        let (what, answer) = match k % 4 {
            0 => {
                let form = super::pages::form_fields(r);
                let body = serde_urlencoded::to_string(&form).unwrap_or_default();
                let answer = request(
                    port,
                    "POST",
                    "/search",
                    &[("Sec-Fetch-Site", "same-origin")],
                    Some(("application/x-www-form-urlencoded", &body)),
                );
                ("results page", answer)
            }
            1 => {
                let id = &ids[(k / 4) % ids.len().max(1)];
                (
                    "listing page",
                    request(port, "GET", &format!("/services/{id}"), &[], None),
                )
            }
            2 => ("search API", request(port, "GET", &super::api_path(r), &[], None)),
            _ => ("home page", request(port, "GET", "/", &[], None)),
        };
        tally.record(false, what, at, answer, 200);
    }
}

/// An advocate at work: opens records (up to [`MAX_RECORDS`]) with a need each, reads the
/// caseload and plans; a provider's system updates capacity about once a second.
fn staff_client(
    port: u16,
    cookie: &str,
    token: &str,
    capacity: (&str, &str),
    tally: &Tally,
    stop: &AtomicBool,
) {
    let mut records: Vec<String> = Vec::new();
    let mut last_capacity = Instant::now();
    let mut k: usize = 0;
    while !stop.load(Ordering::Relaxed) {
        k += 1;
        if k.is_multiple_of(4) && records.len() < MAX_RECORDS {
            let at = Instant::now();
            let answer = post_form(
                port,
                "/staff/survivors",
                cookie,
                &[
                    ("csrf", token),
                    ("pseudonym", &format!("Soak {k}")),
                    ("age_band", "adult"),
                    ("language_1", "en"),
                    ("place", "Houston, TX"),
                    ("template", ""),
                ],
            );
            let id = tally
                .record(true, "opening a record", at, answer, 303)
                .and_then(|r| {
                    r.header("location")
                        .and_then(|l| l.strip_prefix("/staff/survivors/"))
                        .map(str::to_owned)
                });
            if let Some(id) = id {
                let at = Instant::now();
                let answer = post_form(
                    port,
                    &format!("/staff/survivors/{id}/needs"),
                    cookie,
                    &[("csrf", token), ("need", "childcare")],
                );
                tally.record(true, "adding a need", at, answer, 303);
                records.push(id);
            }
        } else if k.is_multiple_of(2) && !records.is_empty() {
            let id = &records[k % records.len()];
            let at = Instant::now();
            let answer = request(
                port,
                "GET",
                &format!("/staff/survivors/{id}"),
                &[("Cookie", cookie)],
                None,
            );
            tally.record(true, "plan page", at, answer, 200);
        } else {
            let at = Instant::now();
            let answer = request(port, "GET", "/staff/survivors", &[("Cookie", cookie)], None);
            tally.record(true, "caseload page", at, answer, 200);
        }
        if last_capacity.elapsed() >= Duration::from_secs(1) {
            last_capacity = Instant::now();
            let at = Instant::now();
            let answer = put_capacity(port, capacity.0, capacity.1, (k % 50) as u32);
            tally.record(true, "capacity update", at, answer, 200);
        }
    }
}
