//! `pathways bench-metrics`: what counting requests for Prometheus costs. The real router
//! over the shipped directory, served on loopback twice — metrics off, metrics on — and
//! loaded by the same closed loop of clients (API searches and listing pages, as a mix);
//! the rounds alternate so that drift on the machine hits both alike. Prints requests per
//! second and latency for each, and the ratio.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::percentile;
use crate::crypto::password::Cost;
use crate::http::{AppState, router};
use crate::services::Directory;
use crate::services::clock::Clock;
use crate::services::staff::{Staff, StaffSettings};

/// Concurrent clients.
const CLIENTS: usize = 16;

/// Runs `rounds` of `seconds` each, alternating metrics off and on.
pub fn run(directory_dir: &std::path::Path, rounds: usize, seconds: u64) -> anyhow::Result<()> {
    let work = std::env::temp_dir().join(format!("pathways-bench-metrics-{}", std::process::id()));
    let result = measure(&work, directory_dir, rounds.max(1), seconds.max(1));
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn measure(
    work: &std::path::Path,
    directory_dir: &std::path::Path,
    rounds: usize,
    seconds: u64,
) -> anyhow::Result<()> {
    let (directory, _) = Directory::open(&work.join("data"), &work.join("index"))?;
    directory.import_if_empty(directory_dir)?;
    directory.sync_index()?;
    let ids: Vec<String> = directory
        .index
        .search(&crate::search::SearchRequest::text(""))?
        .hits
        .into_iter()
        .map(|h| h.listing.id.clone())
        .take(20)
        .collect();
    let (staff, _) = Staff::open(
        Arc::new(directory),
        &work.join("keys/pathways.keys"),
        Cost::FLOOR,
        Clock::system(),
        StaffSettings::default(),
    )?;
    let staff = Arc::new(staff);
    let mut paths: Vec<String> = ["shelter", "legal help", "therapy", "food"]
        .iter()
        .map(|q| format!("/api/v1/search?q={}&place=Houston%2C%20TX", q.replace(' ', "%20")))
        .collect();
    paths.extend(ids.iter().map(|id| format!("/services/{id}")));
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let mut figures: [Vec<(f64, Duration, Duration)>; 2] = [Vec::new(), Vec::new()];
    println!(
        "{CLIENTS} clients, {seconds} s a round, {} rounds each, {} paths in the mix",
        rounds,
        paths.len()
    );
    for round in 0..rounds * 2 {
        let on = round % 2 == 1;
        let site = crate::http::Site {
            rate_limit: 0,
            ..crate::http::Site::default()
        };
        let mut state = AppState::with_site(staff.clone(), site);
        if on {
            state = state.with_metrics();
        }
        let f = runtime.block_on(load(state, &paths, Duration::from_secs(seconds)))?;
        println!(
            "round {:>2} metrics {:>3}: {:>7.0} req/s  p50 {:>6.2} ms  p99 {:>6.2} ms",
            round / 2 + 1,
            if on { "on" } else { "off" },
            f.0,
            f.1.as_secs_f64() * 1000.0,
            f.2.as_secs_f64() * 1000.0
        );
        figures[usize::from(on)].push(f);
    }
    let median = |v: &[(f64, Duration, Duration)]| {
        let mut rps: Vec<f64> = v.iter().map(|f| f.0).collect();
        rps.sort_by(f64::total_cmp);
        rps[rps.len() / 2]
    };
    let (off, on) = (median(&figures[0]), median(&figures[1]));
    println!(
        "median req/s: metrics off {off:.0}, on {on:.0} — on/off {:.3} ({:+.1}%)",
        on / off,
        (on / off - 1.0) * 100.0
    );
    Ok(())
}

/// Serves `state` on loopback and drives it with [`CLIENTS`] clients for `length`: requests
/// per second, p50 and p99.
async fn load(
    state: AppState,
    paths: &[String],
    length: Duration,
) -> anyhow::Result<(f64, Duration, Duration)> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
    });
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder().build()?;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..CLIENTS {
        let (client, paths) = (client.clone(), paths.to_vec());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut n = c;
            while started.elapsed() < length {
                let url = format!("http://{address}{}", paths[n % paths.len()]);
                n += 1;
                let t = Instant::now();
                let ok = match client.get(&url).send().await {
                    Ok(r) => r.bytes().await.is_ok(),
                    Err(_) => false,
                };
                if ok {
                    latencies.push(t.elapsed());
                }
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await?);
    }
    let elapsed = started.elapsed().as_secs_f64();
    server.abort();
    all.sort();
    Ok((
        all.len() as f64 / elapsed,
        percentile(&all, 0.5),
        percentile(&all, 0.99),
    ))
}
