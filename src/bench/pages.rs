//! Figures of the public results page: render time alone (search done beforehand), bytes
//! per page, and HTTP throughput and latency under load from `wrk` (16 connections on
//! loopback, POSTed searches as a browser sends them).

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use super::{METROS, micros, percentile};
use crate::geo::{Place, Point};
use crate::http::{AppState, render_results};
use crate::search::SearchRequest;
use crate::services::Directory;
use crate::services::find::Found;

/// The metro a request of the mix searches around: `(name, state, lat, lon)`.
fn metro(r: &SearchRequest) -> (&'static str, &'static str, f64, f64) {
    let point = r.near.as_ref().map(|n| n.point);
    METROS
        .iter()
        .find(|m| point.is_some_and(|p| p.lat == m.2 && p.lon == m.3))
        .copied()
        .unwrap_or(METROS[0])
}

/// The form fields a browser would post for a request of the mix (its metro typed as
/// "City, ST").
pub fn form_fields(r: &SearchRequest) -> Vec<(String, String)> {
    let (name, state, _, _) = metro(r);
    let mut fields = vec![
        ("q".to_owned(), r.text.clone()),
        ("place".to_owned(), format!("{name}, {state}")),
    ];
    for need in &r.filters.needs {
        fields.push(("need".to_owned(), need.clone()));
    }
    if r.filters.no_conditions {
        fields.push(("no_conditions".to_owned(), "1".to_owned()));
    }
    fields
}

/// Renders the results page for each request (searched first, untimed) and prints the
/// median and p99 render time and the page size.
pub fn render_figures(directory: Arc<Directory>, mix: &[SearchRequest]) -> anyhow::Result<()> {
    let keys = std::env::temp_dir().join(format!("pathways-bench-keys-{}", std::process::id()));
    let (staff, _) = crate::services::staff::Staff::open(
        directory.clone(),
        &keys.join("pathways.keys"),
        crate::crypto::password::Cost::FLOOR,
        crate::services::clock::Clock::system(),
        crate::services::staff::StaffSettings::default(),
    )?;
    let state = AppState::new(Arc::new(staff));
    let css = templates::assets::all()[0].body.len();
    let mut pages = Vec::with_capacity(mix.len());
    for r in mix {
        let (name, st, lat, lon) = metro(r);
        let found = Found {
            place: Some(Place {
                label: format!("{name}, {st}"),
                point: Point { lat, lon },
                state: st.to_owned(),
            }),
            radius_km: 40.0,
            results: directory.index.search(r)?,
        };
        pages.push((form_fields(r), found));
    }
    for (fields, found) in pages.iter().take(20) {
        render_results(&state, templates::Lang::En, fields, found.clone());
    }
    let mut times = Vec::with_capacity(pages.len());
    let (mut bytes, mut hits) = (0, 0);
    for (fields, found) in pages {
        hits += found.results.hits.len();
        let t = Instant::now();
        let html = render_results(&state, templates::Lang::En, &fields, found);
        times.push(t.elapsed());
        bytes += html.len();
    }
    times.sort();
    let n = times.len().max(1);
    println!(
        "results page render p50 {} p99 {} ({} pages, {:.1} hits/page, {:.1} KB HTML + {:.1} KB CSS)",
        micros(percentile(&times, 0.5)),
        micros(percentile(&times, 0.99)),
        times.len(),
        hits as f64 / n as f64,
        bytes as f64 / n as f64 / 1e3,
        css as f64 / 1e3
    );
    Ok(())
}

/// `wrk` against `POST /search` on the running server; prints its throughput and latency.
pub fn load_figures(work: &Path, port: u16, mix: &[SearchRequest], seconds: u64) -> anyhow::Result<()> {
    let bodies: Vec<String> = mix
        .iter()
        .take(200)
        .map(|r| {
            form_fields(r)
                .iter()
                .map(|(k, v)| format!("{k}={}", encode(v)))
                .collect::<Vec<_>>()
                .join("&")
        })
        .collect();
    wrk(work, port, "results page load", &bodies, seconds, None)
}

/// `wrk -t2 -c16` for `seconds`, POSTing `bodies` (form-encoded) to `/search` in turn with
/// gzip accepted; prints pages per second and latency under `label`. Each of wrk's two
/// threads starts half-way along the list from the other, so distinct bodies stay distinct.
/// `rate`: pages a second to offer (each connection waits a random pause averaging
/// 16/rate s before each request) instead of as many as the server can answer.
pub fn wrk(
    work: &Path,
    port: u16,
    label: &str,
    bodies: &[String],
    seconds: u64,
    rate: Option<u32>,
) -> anyhow::Result<()> {
    let script = work.join("search.lua");
    let list = bodies
        .iter()
        .map(|b| format!("{b:?}"))
        .collect::<Vec<_>>()
        .join(",\n  ");
    let pause = rate.map_or(String::new(), |r| {
        format!(
            "delay = function()\n  return math.floor(-math.log(1 - math.random()) * {})\nend\n",
            16_000 / r.max(1)
        )
    });
    std::fs::write(
        &script,
        format!(
            "local bodies = {{\n  {list}\n}}\nlocal threads = 0\n\
             setup = function(thread)\n  thread:set(\"first\", threads * math.floor(#bodies / 2))\n  threads = threads + 1\nend\n\
             local i = 0\ninit = function(args)\n  i = first\nend\n{pause}\
             request = function()\n  i = i % #bodies + 1\n  \
             return wrk.format(\"POST\", \"/search\", {{[\"Content-Type\"] = \"application/x-www-form-urlencoded\", \
             [\"Accept-Encoding\"] = \"gzip\"}}, bodies[i])\nend\n"
        ),
    )?;
    let output = match Command::new("wrk")
        .args(["-t2", "-c16", &format!("-d{seconds}s"), "--latency", "-s"])
        .arg(&script)
        .arg(format!("http://127.0.0.1:{port}/"))
        .output()
    {
        Ok(o) => o,
        Err(_) => {
            println!("{label}: wrk not found (apt-get install wrk) — skipped");
            return Ok(());
        }
    };
    let text = String::from_utf8_lossy(&output.stdout);
    let pick = |prefix: &str| {
        text.lines()
            .map(str::trim)
            .find(|l| l.starts_with(prefix))
            .map(|l| l[prefix.len()..].trim().to_owned())
            .unwrap_or_else(|| "?".into())
    };
    println!(
        "{label} (wrk, 16 connections, {seconds} s, {} bodies): {} pages/s, latency p50 {} p90 {} p99 {}, {} errors{}",
        bodies.len(),
        pick("Requests/sec:"),
        pick("50%"),
        pick("90%"),
        pick("99%"),
        if text.contains("Non-2xx") {
            pick("Non-2xx or 3xx responses:")
        } else {
            "0".into()
        },
        if text.contains("Socket errors") {
            format!(" ({})", pick("Socket errors:"))
        } else {
            String::new()
        }
    );
    Ok(())
}

/// `s` form-encoded.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
