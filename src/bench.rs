//! `pathways bench`: a seeded synthetic directory at any size, and the figures that matter —
//! import time, index build time and size, search latency through the search module, and
//! latency and memory of the real server over HTTP (one keep-alive client).
//!
//! The generator writes real HSDS 3.1 files and imports them through the real importer, so
//! the figures include validation and mapping. Services are placed where people live (US
//! places drawn by population from the gazetteer), so a city's share of a national directory
//! is realistic; the query mix then searches around the largest metros, the densest case.
//! The public results page is measured too (render time, bytes, and throughput under `wrk`),
//! on the shipped directory and on each synthetic size. Nothing here runs in `cargo test`.

pub mod auth;
mod child;
pub mod crash;
pub mod edits;
pub mod follow;
pub mod meaning;
pub mod metrics;
mod pages;
pub mod planner;
pub mod relevance;
pub mod soak;
pub mod unmet;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use serde_json::{Value, json};

use crate::geo::Point;
use crate::search::{Filters, Near, SearchRequest};
use crate::services::Directory;

/// What to measure.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Directory sizes.
    pub sizes: Vec<usize>,
    /// Generator seed.
    pub seed: u64,
    /// Queries through the search module per size.
    pub queries: usize,
    /// Queries through HTTP per size (0: skip the server).
    pub http_queries: usize,
    /// Work folder.
    pub work_dir: Option<PathBuf>,
    /// Hits per query (a results page).
    pub limit: usize,
    /// The shipped directory to measure first (`None`: skip it).
    pub shipped: Option<PathBuf>,
    /// Seconds of `wrk` load on the results page per directory (0: skip).
    pub load_seconds: u64,
}

/// Services per generated file (each file is one import transaction).
const PER_FILE: usize = 10_000;

/// Metro centres the query mix searches around: (name, state, lat, lon).
const METROS: &[(&str, &str, f64, f64)] = &[
    ("Houston", "TX", 29.7604, -95.3698),
    ("Los Angeles", "CA", 34.0522, -118.2437),
    ("Chicago", "IL", 41.8781, -87.6298),
    ("New York", "NY", 40.7128, -74.0060),
    ("Atlanta", "GA", 33.7490, -84.3880),
    ("Seattle", "WA", 47.6062, -122.3321),
    ("Miami", "FL", 25.7617, -80.1918),
    ("Denver", "CO", 39.7392, -104.9903),
    ("Phoenix", "AZ", 33.4484, -112.0740),
    ("Philadelphia", "PA", 39.9526, -75.1652),
    ("Minneapolis", "MN", 44.9778, -93.2650),
    ("Detroit", "MI", 42.3314, -83.0458),
    ("Boston", "MA", 42.3601, -71.0589),
    ("Portland", "OR", 45.5152, -122.6784),
    ("Nashville", "TN", 36.1627, -86.7816),
    ("New Orleans", "LA", 29.9511, -90.0715),
];

/// The fixed query mix: words (some misspelt, some Spanish), a need filter or not, and a
/// condition filter or not; each is run near a metro.
const MIX: &[(&str, Option<&str>, bool)] = &[
    ("a bed for tonight", None, false),
    ("housng", None, false),
    ("lost my papers", None, true),
    ("alcohol treatment", None, false),
    ("ayuda con mi visa", None, false),
    ("food pantry", None, true),
    ("therapist", Some("health.therapy"), false),
    ("", Some("shelter.emergency"), true),
    ("job training resume", None, false),
    ("comida", None, false),
    ("", None, false),
    ("legal help expungement", Some("legal.criminal_record"), false),
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64: small, seeded, good enough for synthetic data.
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn uuid(rng: &mut Rng) -> String {
    let (a, b) = (rng.next(), rng.next());
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        b >> 52,
        b & 0xffff_ffff_ffff
    )
}

/// Phrases per need for synthetic descriptions (drawn from the taxonomy's own synonyms).
fn need_words() -> Vec<(String, Vec<String>)> {
    crate::domain::Taxonomy::builtin()
        .needs
        .iter()
        .map(|n| {
            (
                n.code.clone(),
                n.synonyms_en.iter().chain(&n.synonyms_es).cloned().collect(),
            )
        })
        .collect()
}

const FILLER: &[&str] = &[
    "Staff meet you where you are and explain every step.",
    "Call first if you can; walk-ins are seen when staff are free.",
    "Interpreters are available by phone.",
    "We work with partners across the county.",
    "Bring what you have; nothing is required to start.",
    "Services are confidential and trauma-informed.",
    "Evening appointments are available on request.",
    "Transportation help may be available.",
];

/// US places with cumulative population, to put services where people live.
struct Population {
    places: Vec<(String, String, f64, f64)>,
    cumulative: Vec<u64>,
}

impl Population {
    fn new() -> Population {
        let mut places = Vec::new();
        let mut cumulative = Vec::new();
        let mut total = 0;
        for (name, state, point, population) in crate::geo::Gazetteer::builtin().places() {
            total += population.max(1);
            places.push((name.to_owned(), state.to_owned(), point.lat, point.lon));
            cumulative.push(total);
        }
        Population { places, cumulative }
    }

    fn pick(&self, rng: &mut Rng) -> (&str, &str, f64, f64) {
        let total = self.cumulative.last().copied().unwrap_or(1);
        let ticket = rng.next() % total;
        let i = self
            .cumulative
            .partition_point(|&c| c <= ticket)
            .min(self.places.len().saturating_sub(1));
        let (name, state, lat, lon) = &self.places[i];
        (name, state, *lat, *lon)
    }
}

fn synthetic_service(
    rng: &mut Rng,
    words: &[(String, Vec<String>)],
    population: &Population,
    org_id: &str,
    n: usize,
) -> Value {
    let (need, phrases) = rng.pick(words);
    let (second, second_phrases) = rng.pick(words);
    let (metro, state, lat, lon) = population.pick(rng);
    let description = format!(
        "{} and {} for people in {metro}. {} {}",
        rng.pick(phrases),
        rng.pick(second_phrases),
        rng.pick(FILLER),
        rng.pick(FILLER)
    );
    let term = |rng: &mut Rng, taxonomy: &str, code: &str| json!({"id": uuid(rng), "taxonomy_term": {"id": uuid(rng), "code": code, "name": code, "description": code, "taxonomy": taxonomy}});
    let mut attributes = Vec::new();
    if rng.chance(85) {
        attributes.push(term(rng, "pathways-needs", need));
        if rng.chance(40) && second != need {
            attributes.push(term(rng, "pathways-needs", second));
        }
    }
    for (code, percent) in [
        ("police_report", 8),
        ("sobriety", 8),
        ("id_required", 10),
        ("faith", 4),
        ("fee", 10),
    ] {
        if rng.chance(percent) {
            attributes.push(term(rng, "pathways-conditions", code));
        }
    }
    for (code, percent) in [("walk_in", 30), ("survivor_led", 10), ("lgbtq_affirming", 20)] {
        if rng.chance(percent) {
            attributes.push(term(rng, "pathways-attributes", code));
        }
    }
    let mut s = json!({
        "id": uuid(rng),
        "organization_id": org_id,
        "name": format!("{} {} #{n}", rng.pick(&["Harbor", "Beacon", "Open Door", "Pathfinder", "Lantern", "Casa", "Bridge", "Haven"]), rng.pick(phrases)),
        "description": description,
        "status": "active",
        "assured_date": format!("20{}-{:02}-{:02}", rng.pick(&["24", "25", "26"]), 1 + rng.below(12), 1 + rng.below(28)),
        "phones": [{"id": uuid(rng), "number": format!("555-01{:02}", rng.below(100))}],
        "languages": if rng.chance(35) { json!([{"id": uuid(rng), "code": "en"}, {"id": uuid(rng), "code": "es"}]) } else { json!([{"id": uuid(rng), "code": "en"}]) },
    });
    if rng.chance(15) {
        s["maximum_age"] = json!(24);
    } else if rng.chance(20) {
        s["minimum_age"] = json!(18);
    }
    let hours = match rng.below(4) {
        0 => {
            json!([{"id": uuid(rng), "freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00"}])
        }
        1 => {
            json!([{"id": uuid(rng), "freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR,SA,SU", "opens_at": "00:00", "closes_at": "23:59"}])
        }
        2 => {
            json!([{"id": uuid(rng), "freq": "WEEKLY", "byday": "FR,SA", "opens_at": "20:00", "closes_at": "07:00"}])
        }
        _ => json!([]),
    };
    s["schedules"] = hours;
    if rng.chance(3) {
        s["service_areas"] =
            json!([{"id": uuid(rng), "extent_type": "text", "extent": format!("US-{state}")}]);
    } else if rng.chance(5) {
        attributes.push(term(rng, "pathways-attributes", "confidential_location"));
        s["service_areas"] =
            json!([{"id": uuid(rng), "extent_type": "text", "extent": format!("radius:{lat},{lon},50")}]);
    } else {
        // Offices within a few kilometres of the place's centre.
        let (dlat, dlon) = ((rng.unit() - 0.5) * 0.08, (rng.unit() - 0.5) * 0.1);
        s["service_at_locations"] = json!([{"id": uuid(rng), "location": {"id": uuid(rng), "location_type": "physical",
            "latitude": lat + dlat, "longitude": lon + dlon,
            "addresses": [{"id": uuid(rng), "address_1": format!("{} Example Street", 1 + rng.below(9000)), "city": metro,
                "state_province": state, "postal_code": "00000", "country": "US", "address_type": "physical"}]}}]);
    }
    if rng.chance(10) {
        s["capacities"] = json!([{"id": uuid(rng), "unit": {"id": uuid(rng), "name": "beds"}, "available": rng.below(5), "maximum": 20, "updated": "2026-11-20T00:00:00Z"}]);
    }
    s["attributes"] = Value::Array(attributes);
    s
}

/// Writes `size` synthetic services as HSDS files into `dir`; returns the files.
pub fn generate(dir: &Path, size: usize, seed: u64) -> anyhow::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng(seed);
    let words = need_words();
    let population = Population::new();
    let mut files = Vec::new();
    let mut made = 0;
    while made < size {
        let mut orgs = Vec::new();
        let in_file = PER_FILE.min(size - made);
        let mut k = 0;
        while k < in_file {
            let org_id = uuid(&mut rng);
            let count = (1 + rng.below(8)).min(in_file - k);
            let services: Vec<Value> = (0..count)
                .map(|i| synthetic_service(&mut rng, &words, &population, &org_id, made + k + i))
                .collect();
            orgs.push(json!({"id": org_id, "name": format!("Synthetic Organisation {}", made + k), "description": "Synthetic benchmark data.", "services": services}));
            k += count;
        }
        let path = dir.join(format!("synthetic-{:04}.json", files.len()));
        std::fs::write(&path, serde_json::to_vec(&orgs)?)?;
        files.push(path);
        made += in_file;
    }
    Ok(files)
}

fn requests(n: usize, seed: u64, limit: usize) -> Vec<SearchRequest> {
    let mut rng = Rng(seed ^ 0x5eed);
    let now = jiff::Timestamp::now();
    (0..n)
        .map(|i| {
            let (text, need, no_conditions) = MIX[i % MIX.len()];
            let (_, state, lat, lon) = *rng.pick(METROS);
            SearchRequest {
                text: text.to_owned(),
                near: Some(Near {
                    point: Point { lat, lon },
                    state: Some(state.to_owned()),
                    radius_km: 40.0,
                    time_zone: crate::geo::Gazetteer::builtin()
                        .time_zone_at(Point { lat, lon })
                        .map(str::to_owned),
                }),
                filters: Filters {
                    needs: need.map(|n| vec![n.to_owned()]).unwrap_or_default(),
                    no_conditions,
                    ..Filters::default()
                },
                offset: 0,
                limit,
                now,
            }
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn folder_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        folder_size(&e.path())
                    } else {
                        e.metadata().map(|m| m.len()).unwrap_or(0)
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

fn micros(d: Duration) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6)
}

/// Runs the plan and prints the figures.
pub fn run(plan: &Plan) -> anyhow::Result<()> {
    let temporary = std::env::temp_dir().join(format!("pathways-bench-{}", std::process::id()));
    let root = plan.work_dir.clone().unwrap_or_else(|| temporary.clone());
    println!(
        "pathways bench — seed {}, {} search-module queries and {} HTTP queries per size",
        plan.seed, plan.queries, plan.http_queries
    );
    if let Some(shipped) = &plan.shipped {
        let work = root.join("shipped");
        let _ = std::fs::remove_dir_all(&work);
        let (directory, _) = Directory::open(&work.join("data"), &work.join("index"))?;
        directory.import_paths(std::slice::from_ref(shipped))?;
        directory.reindex()?;
        println!(
            "\n== the shipped directory ({} services) ==",
            directory.listing_count()
        );
        let mix = requests(plan.queries, plan.seed, plan.limit);
        coverage_figures(&directory)?;
        pages::render_figures(std::sync::Arc::new(directory), &mix)?;
        if plan.http_queries > 0 {
            http_figures(&work, shipped, plan)?;
        }
    }
    for &size in &plan.sizes {
        let work = root.join(format!("n{size}"));
        let _ = std::fs::remove_dir_all(&work);
        let started = Instant::now();
        let files = generate(&work.join("listings"), size, plan.seed)?;
        let generated = started.elapsed();

        let (directory, _) = Directory::open(&work.join("data"), &work.join("index"))?;
        let started = Instant::now();
        for f in &files {
            directory.import_paths(std::slice::from_ref(f))?;
        }
        let imported = started.elapsed();
        let started = Instant::now();
        directory.reindex()?;
        let indexed = started.elapsed();
        let index_bytes = folder_size(&work.join("index"));
        let db_bytes = folder_size(&work.join("data"));

        let mix = requests(plan.queries, plan.seed, plan.limit);
        for r in mix.iter().take(50) {
            directory.index.search(r)?; // warm the caches
        }
        let mut times = Vec::with_capacity(mix.len());
        let mut by_kind: Vec<Vec<Duration>> = vec![Vec::new(); MIX.len()];
        let mut hits = 0;
        for (i, r) in mix.iter().enumerate() {
            let t = Instant::now();
            hits += directory.index.search(r)?.hits.len();
            times.push(t.elapsed());
            by_kind[i % MIX.len()].push(t.elapsed());
        }
        times.sort();
        println!("\n== {size} services ==");
        println!("generate      {generated:.2?} ({} files)", files.len());
        println!(
            "import        {imported:.2?} ({:.0} services/s), database {:.1} MB",
            size as f64 / imported.as_secs_f64(),
            db_bytes as f64 / 1e6
        );
        println!(
            "index build   {indexed:.2?}, index {:.1} MB",
            index_bytes as f64 / 1e6
        );
        println!(
            "search module p50 {} p99 {} max {} ({} queries, {:.1} hits/query)",
            micros(percentile(&times, 0.5)),
            micros(percentile(&times, 0.99)),
            micros(percentile(&times, 1.0)),
            times.len(),
            hits as f64 / times.len().max(1) as f64
        );
        for (kind, mut t) in MIX.iter().zip(by_kind) {
            t.sort();
            println!(
                "  {:<40} p50 {}",
                format!("{:?}", kind),
                micros(percentile(&t, 0.5))
            );
        }
        coverage_figures(&directory)?;
        pages::render_figures(std::sync::Arc::new(directory), &mix)?;
        if plan.http_queries > 0 {
            http_figures(&work, &work.join("listings"), plan)?;
        }
    }
    if plan.work_dir.is_none() {
        let _ = std::fs::remove_dir_all(&temporary);
    }
    Ok(())
}

/// Coverage by county (issue 13): the first state asked after a change (every listing read
/// to gather the services by need), another state and another need at the same generation,
/// and a question asked before.
fn coverage_figures(directory: &Directory) -> anyhow::Result<()> {
    let timed = |state: &str, need: &str| -> anyhow::Result<Duration> {
        let t = Instant::now();
        let c = directory.coverage(state, need)?;
        anyhow::ensure!(!c.counties.is_empty(), "no county in {state}");
        Ok(t.elapsed())
    };
    let first = timed("TX", "shelter.emergency")?;
    let other_state = timed("CA", "shelter.emergency")?;
    let other_need = timed("TX", "legal.immigration")?;
    let again = timed("TX", "shelter.emergency")?;
    println!(
        "coverage      first after a change {first:.2?} (reads every listing), another state {other_state:.2?}, \
         another need {other_need:.2?}, asked before {again:.2?}"
    );
    Ok(())
}

/// Starts the real server on the generated data, queries it over one keep-alive
/// connection, and reads its resident memory.
fn http_figures(work: &Path, listings: &Path, plan: &Plan) -> anyhow::Result<()> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let mut server = Command::new(std::env::current_exe()?)
        .args([
            "--data-dir",
            &work.join("data").to_string_lossy(),
            "--index-dir",
            &work.join("index").to_string_lossy(),
        ])
        .args([
            "--directory",
            &listings.to_string_lossy(),
            "--listen",
            &format!("127.0.0.1:{port}"),
            // One client asking thousands of pages a second is exactly what the scraping
            // limit stops; the load figures measure the server without it.
            "--rate-limit",
            "0",
            "serve",
        ])
        .env("PATHWAYS_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let result = (|| {
        let mut stream = connect(port, &mut server)?;
        let mix = requests(plan.http_queries, plan.seed, plan.limit);
        let paths: Vec<String> = mix.iter().map(api_path).collect();
        for p in paths.iter().take(50) {
            get(&mut stream, p)?;
        }
        let mut times = Vec::with_capacity(paths.len());
        let mut bytes = 0;
        for p in &paths {
            let t = Instant::now();
            bytes += get(&mut stream, p)?;
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "HTTP API      p50 {} p99 {} ({} queries, one keep-alive client, {:.1} KB/answer)",
            micros(percentile(&times, 0.5)),
            micros(percentile(&times, 0.99)),
            times.len(),
            bytes as f64 / times.len().max(1) as f64 / 1e3
        );
        let status = std::fs::read_to_string(format!("/proc/{}/status", server.id())).unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .map(|l| l[name.len()..].trim().to_owned())
                .unwrap_or_default()
        };
        println!("server memory RSS {} (peak {})", field("VmRSS:"), field("VmHWM:"));
        if plan.load_seconds > 0 {
            pages::load_figures(work, port, &mix, plan.load_seconds)?;
            let status = std::fs::read_to_string(format!("/proc/{}/status", server.id())).unwrap_or_default();
            let rss = status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .unwrap_or_default();
            println!(
                "server memory after the load {}",
                rss.trim_start_matches("VmRSS:").trim()
            );
        }
        Ok(())
    })();
    let _ = server.kill();
    let _ = server.wait();
    result
}

fn connect(port: u16, server: &mut Child) -> anyhow::Result<TcpStream> {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Ok(s) = TcpStream::connect(("127.0.0.1", port)) {
            s.set_nodelay(true)?;
            return Ok(s);
        }
        if let Some(status) = server.try_wait()? {
            anyhow::bail!("the server exited: {status}");
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "the server did not start within 2 minutes"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn api_path(r: &SearchRequest) -> String {
    let mut p = format!("/api/v1/search?limit={}", r.limit);
    if !r.text.is_empty() {
        p.push_str("&q=");
        p.push_str(&r.text.replace(' ', "%20"));
    }
    if let Some(n) = &r.near {
        p.push_str(&format!("&lat={}&lon={}", n.point.lat, n.point.lon));
    }
    for need in &r.filters.needs {
        p.push_str(&format!("&need={need}"));
    }
    if r.filters.no_conditions {
        p.push_str("&no_conditions=true");
    }
    p
}

/// A keep-alive connection to a server already listening on `port`.
fn connect_to(port: u16) -> anyhow::Result<TcpStream> {
    let s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_nodelay(true)?;
    Ok(s)
}

/// One GET over a keep-alive connection; returns the body length.
fn get(stream: &mut TcpStream, path: &str) -> anyhow::Result<usize> {
    get_with(stream, path, "")
}

/// One GET with extra header lines (each ending in CRLF); returns the body length.
fn get_with(stream: &mut TcpStream, path: &str, headers: &str) -> anyhow::Result<usize> {
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n{headers}\r\n")?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    anyhow::ensure!(line.starts_with("HTTP/1.1 200"), "{path}: {line}");
    let mut length = 0;
    loop {
        line.clear();
        reader.read_line(&mut line)?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().context("content-length")?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(length)
}
