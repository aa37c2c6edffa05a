//! `pathways bench-meaning`: issue 16's figures at scale, on a synthetic directory (the
//! same generator as `pathways bench`): the first-time embedding of every listing (time and
//! peak memory), the index build when the embeddings are already stored, a single search's
//! latency with the meaning stage off and on (distinct queries, so no cached embedding), and
//! the real server's throughput under `wrk -t2 -c16` (gzip) for need-tile pages (no words,
//! so no embedding) and for distinct free-text pages with the stage on.
//!
//! Embedding 100,000 listings takes minutes: `--work-dir` keeps the folder, and a second run
//! on it reuses the database, the index and the embeddings.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::pages::{encode, wrk};
use super::{METROS, Rng, connect, generate, micros, percentile};
use crate::search::Filters;
use crate::services::Directory;
use crate::services::find::{Find, Whereabouts};

/// What to measure.
#[derive(Clone, Debug)]
pub struct MeaningPlan {
    /// Services in the synthetic directory.
    pub size: usize,
    /// Distinct free-text queries timed one by one (each mode).
    pub queries: usize,
    /// Seconds of `wrk` load per page kind (0: skip the server).
    pub seconds: u64,
    /// Kept work folder (default: a temporary one, removed afterwards).
    pub work_dir: Option<PathBuf>,
    /// The shipped directory, whose `models/` holds the model.
    pub shipped: PathBuf,
    /// The static table, or the model itself.
    pub encoding: crate::services::meaning::Encoding,
}

/// Runs the plan and prints the figures.
pub fn run(plan: &MeaningPlan) -> anyhow::Result<()> {
    let temporary = std::env::temp_dir().join(format!("pathways-bench-meaning-{}", std::process::id()));
    let work = plan.work_dir.clone().unwrap_or_else(|| temporary.clone());
    let result = measure(plan, &work);
    if plan.work_dir.is_none() {
        let _ = std::fs::remove_dir_all(&temporary);
    }
    result
}

fn measure(plan: &MeaningPlan, work: &Path) -> anyhow::Result<()> {
    let model = crate::services::meaning::model_dir(&plan.shipped);
    let listings = work.join("listings");
    if !work.join("data").exists() {
        let files = generate(&listings, plan.size, 7)?;
        let (directory, _) = Directory::open(&work.join("data"), &work.join("index"))?;
        for f in &files {
            directory.import_paths(std::slice::from_ref(f))?;
        }
        let started = Instant::now();
        directory.reindex()?;
        println!(
            "{} services: index build without embeddings {:.1?}",
            directory.listing_count(),
            started.elapsed()
        );
    }
    // The server finds the model under its --directory, as `serve` does with the shipped one.
    let link = listings.join("models");
    if !link.exists() {
        std::os::unix::fs::symlink(std::fs::canonicalize(plan.shipped.join("models"))?, &link)?;
    }

    let (directory, _) = Directory::open(&work.join("data"), &work.join("index"))?;
    let rss_before = peak_rss_mb();
    let started = Instant::now();
    directory.load_meaning(&model, plan.encoding)?;
    let mut shown = Instant::now();
    let embedded = directory.refresh_meaning(|done, to_do| {
        if shown.elapsed() >= Duration::from_secs(30) || done == to_do {
            println!("  embedded {done} of {to_do} ({:.0?})", started.elapsed());
            shown = Instant::now();
        }
    })?;
    let took = started.elapsed();
    if embedded == 0 {
        println!(
            "embedding: every listing already embedded (read back in {took:.1?}); peak RSS {:.0} MB",
            peak_rss_mb()
        );
    } else {
        println!(
            "embedding: {embedded} listings embedded in {took:.1?} ({:.1} ms a listing); peak RSS {:.0} MB (before the model {:.0} MB)",
            took.as_secs_f64() * 1000.0 / embedded.max(1) as f64,
            peak_rss_mb(),
            rss_before
        );
    }
    drop(directory);

    // A restart: the index rebuilt and the stored embeddings read back, no model call.
    let started = Instant::now();
    let (directory, _) = Directory::open(&work.join("data"), &work.join("index"))?;
    directory.reindex()?;
    let indexed = started.elapsed();
    let texts = distinct_queries(plan.queries * 2 + 20_000);
    let (timed, for_load) = texts.split_at(plan.queries * 2);
    let (lexical_texts, meaning_texts) = timed.split_at(plan.queries);
    let lexical = time_finds(&directory, lexical_texts)?;
    let tiles = time_tiles(&directory)?;
    let started = Instant::now();
    directory.load_meaning(&model, plan.encoding)?;
    let again = directory.refresh_meaning(|_, _| {})?;
    println!(
        "a restart: index build {indexed:.1?}, then the stored embeddings read back in {:.1?} ({again} listings embedded again)",
        started.elapsed()
    );
    let meaning = time_finds(&directory, meaning_texts)?;
    println!(
        "one search, distinct queries near a metro: lexical p50 {} p99 {}; with meaning p50 {} p99 {} (the stage adds {} at p99)",
        micros(percentile(&lexical, 0.5)),
        micros(percentile(&lexical, 0.99)),
        micros(percentile(&meaning, 0.5)),
        micros(percentile(&meaning, 0.99)),
        micros(percentile(&meaning, 0.99).saturating_sub(percentile(&lexical, 0.99)))
    );
    println!(
        "one need-tile search run afresh (not the minute's kept answer): p50 {} p99 {}",
        micros(percentile(&tiles, 0.5)),
        micros(percentile(&tiles, 0.99))
    );
    drop(directory);

    if plan.seconds > 0 {
        let semantic = match plan.encoding {
            crate::services::meaning::Encoding::Static => "on",
            crate::services::meaning::Encoding::Model => "model",
        };
        load(work, &listings, plan.seconds, for_load, semantic)?;
    }
    Ok(())
}

/// Times [`Directory::find`] for each text near a metro (with the meaning stage when the
/// directory has it on).
fn time_finds(directory: &Directory, texts: &[String]) -> anyhow::Result<Vec<Duration>> {
    let mut times = Vec::with_capacity(texts.len());
    let mut slowest: Option<(Duration, usize, String)> = None;
    for (i, text) in texts.iter().enumerate() {
        let (name, state, _, _) = METROS[i % METROS.len()];
        let find = Find {
            text: text.clone(),
            place: Whereabouts::Typed(format!("{name}, {state}")),
            radius_km: None,
            filters: Filters::default(),
            page: 1,
            limit: 10,
            now: jiff::Timestamp::now(),
        };
        let t = Instant::now();
        let found = directory.find(&find)?;
        let took = t.elapsed();
        times.push(took);
        if slowest.as_ref().is_none_or(|(t, ..)| took > *t) {
            slowest = Some((took, found.results.total, format!("{text} ({name})")));
        }
    }
    if let Some((took, matches, text)) = slowest {
        println!(
            "  the slowest search: {} for \"{text}\", {matches} matches",
            micros(took)
        );
    }
    times.sort();
    Ok(times)
}

/// Times [`Directory::find`] for every need near every metro, each in a minute of its own
/// so none is answered from the searches kept for the minute (`services::wordless`).
fn time_tiles(directory: &Directory) -> anyhow::Result<Vec<Duration>> {
    let needs = crate::domain::Taxonomy::builtin()
        .needs
        .iter()
        .map(|n| n.code.clone());
    let start = jiff::Timestamp::now();
    let mut times = Vec::new();
    for (i, need) in needs.enumerate() {
        for (j, (name, state, _, _)) in METROS.iter().enumerate() {
            let find = Find {
                text: String::new(),
                place: Whereabouts::Typed(format!("{name}, {state}")),
                radius_km: None,
                filters: Filters {
                    needs: vec![need.clone()],
                    ..Filters::default()
                },
                page: 1,
                limit: 10,
                now: start + jiff::SignedDuration::from_mins((i * METROS.len() + j) as i64),
            };
            let t = Instant::now();
            directory.find(&find)?;
            times.push(t.elapsed());
        }
    }
    times.sort();
    Ok(times)
}

/// Survivor-phrased queries, all different (so none is answered from the query cache).
fn distinct_queries(n: usize) -> Vec<String> {
    const OPENERS: &[&str] = &[
        "i need",
        "looking for",
        "where can i get",
        "help me find",
        "is there any",
        "please i need",
        "how do i get",
        "my friend needs",
    ];
    const CLOSERS: &[&str] = &[
        "tonight",
        "for my kids",
        "that is free",
        "without id",
        "near downtown",
        "this week",
        "i have no money",
        "i dont speak english well",
        "asap",
        "after what happened to me",
    ];
    let needs: Vec<String> = crate::domain::Taxonomy::builtin()
        .needs
        .iter()
        .flat_map(|n| n.synonyms_en.iter().cloned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut rng = Rng(0x9e37_79b9);
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n && seen.len() < OPENERS.len() * CLOSERS.len() * needs.len() {
        let q = format!("{} {} {}", rng.pick(OPENERS), rng.pick(&needs), rng.pick(CLOSERS));
        if seen.insert(q.clone()) {
            out.push(q);
        }
    }
    out
}

/// The real server (`serve --semantic on|model`) under `wrk`: need tiles, then free text.
fn load(work: &Path, listings: &Path, seconds: u64, texts: &[String], semantic: &str) -> anyhow::Result<()> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let mut server = Command::new(std::env::current_exe()?)
        .args(["--data-dir", &work.join("data").to_string_lossy()])
        .args(["--index-dir", &work.join("index").to_string_lossy()])
        .args(["--directory", &listings.to_string_lossy()])
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .args([
            "--rate-limit",
            "0",
            "--metrics-listen",
            "off",
            "--semantic",
            semantic,
            "serve",
        ])
        .env("PATHWAYS_LOG", "warn")
        .stdout(Stdio::null())
        // Its warnings show: a model that did not load would make these figures lexical.
        .stderr(Stdio::inherit())
        .spawn()?;
    let result = (|| {
        connect(port, &mut server)?;
        let needs: Vec<String> = crate::domain::Taxonomy::builtin()
            .needs
            .iter()
            .map(|n| n.code.clone())
            .collect();
        let place = |i: usize| {
            let (name, state, _, _) = METROS[i % METROS.len()];
            encode(&format!("{name}, {state}"))
        };
        let tiles: Vec<String> = (0..needs.len() * METROS.len())
            .map(|i| format!("need={}&place={}", needs[i % needs.len()], place(i / needs.len())))
            .collect();
        let words: Vec<String> = texts
            .iter()
            .enumerate()
            .map(|(i, q)| format!("q={}&place={}", encode(q), place(i)))
            .collect();
        wrk(work, port, "need-tile pages", &tiles, seconds, None)?;
        let (first, second) = words.split_at(words.len() / 2);
        wrk(
            work,
            port,
            "distinct free-text pages, meaning on",
            first,
            seconds,
            None,
        )?;
        wrk(
            work,
            port,
            "distinct free-text pages, meaning on, 150 a second offered",
            second,
            seconds,
            Some(150),
        )?;
        let status = std::fs::read_to_string(format!("/proc/{}/status", server.id())).unwrap_or_default();
        let peak = status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .unwrap_or_default();
        println!("server peak RSS {}", peak.trim_start_matches("VmHWM:").trim());
        Ok(())
    })();
    let _ = server.kill();
    let _ = server.wait();
    result
}

/// This process's peak resident memory, MB.
fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}
