//! Prometheus metrics, served on their own listener (`--metrics-listen`, loopback by
//! default) so that the public port never shows them. Requests are counted by route
//! *pattern* (`/services/{id}`) and status, with a latency histogram per pattern; never a
//! query, an id or an address. The rest is read when scraped: the index's generation, size
//! and listings, imports run by this process, and webhook deliveries by state.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Mutex;

use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::AppState;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 11] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5];

/// Requests seen, by route pattern and status.
#[derive(Debug, Default)]
pub struct Metrics {
    /// By route pattern, then status (looked up by `&str`: no allocation per request).
    requests: Mutex<HashMap<String, HashMap<u16, Histogram>>>,
}

#[derive(Debug, Default, Clone)]
struct Histogram {
    count: u64,
    sum: f64,
    /// Cumulative counts per bucket of [`BUCKETS`].
    buckets: [u64; BUCKETS.len()],
}

impl Metrics {
    /// Counts one request of `route` (a pattern) answered with `status` in `seconds`.
    pub fn observe(&self, route: &str, status: u16, seconds: f64) {
        let Ok(mut requests) = self.requests.lock() else {
            return; // metrics must never take a request down
        };
        let by_status = match requests.get_mut(route) {
            Some(s) => s,
            None => requests.entry(route.to_owned()).or_default(),
        };
        let h = by_status.entry(status).or_default();
        h.count += 1;
        h.sum += seconds;
        for (bound, n) in BUCKETS.iter().zip(h.buckets.iter_mut()) {
            if seconds <= *bound {
                *n += 1;
            }
        }
    }

    fn requests(&self) -> Vec<((String, u16), Histogram)> {
        let mut all: Vec<_> = self
            .requests
            .lock()
            .map(|r| {
                r.iter()
                    .flat_map(|(route, s)| s.iter().map(|(status, h)| ((route.clone(), *status), h.clone())))
                    .collect()
            })
            .unwrap_or_default();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all
    }
}

/// The metrics listener's router: `GET /metrics`.
pub fn router(state: AppState) -> Router {
    Router::new().route("/metrics", get(scrape)).with_state(state)
}

async fn scrape(State(state): State<AppState>) -> Response {
    let text = state.blocking(exposition).await.unwrap_or_else(|_| String::new());
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], text).into_response()
}

/// The text exposition format.
fn exposition(app: &AppState) -> String {
    let mut out = String::new();
    if let Some(metrics) = &app.metrics {
        let requests = metrics.requests();
        out.push_str("# HELP pathways_requests_total Requests answered, by route pattern and status.\n");
        out.push_str("# TYPE pathways_requests_total counter\n");
        for ((route, status), h) in &requests {
            let _ = writeln!(
                out,
                "pathways_requests_total{{route=\"{}\",status=\"{status}\"}} {}",
                label(route),
                h.count
            );
        }
        out.push_str("# HELP pathways_request_seconds Time to answer, by route pattern.\n");
        out.push_str("# TYPE pathways_request_seconds histogram\n");
        let mut by_route: Vec<(String, Histogram)> = Vec::new();
        for ((route, _), h) in requests {
            match by_route.last_mut() {
                Some((r, sum)) if *r == route => {
                    sum.count += h.count;
                    sum.sum += h.sum;
                    for (a, b) in sum.buckets.iter_mut().zip(h.buckets) {
                        *a += b;
                    }
                }
                _ => by_route.push((route, h)),
            }
        }
        for (route, h) in by_route {
            let route = label(&route);
            for (bound, n) in BUCKETS.iter().zip(h.buckets) {
                let _ = writeln!(
                    out,
                    "pathways_request_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {n}"
                );
            }
            let _ = writeln!(
                out,
                "pathways_request_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(out, "pathways_request_seconds_sum{{route=\"{route}\"}} {}", h.sum);
            let _ = writeln!(
                out,
                "pathways_request_seconds_count{{route=\"{route}\"}} {}",
                h.count
            );
        }
    }
    let directory = &app.directory;
    let gauges = [
        (
            "pathways_index_generation",
            "Search index generation (changes with every commit).",
            directory.index_generation(),
        ),
        (
            "pathways_index_listings",
            "Listings in the search index.",
            directory.listing_count(),
        ),
        (
            "pathways_index_bytes",
            "Size of the search index's segments.",
            directory.index_bytes(),
        ),
    ];
    for (name, help, value) in gauges {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}");
    }
    let (runs, services) = directory.imports_run();
    let _ = writeln!(
        out,
        "# HELP pathways_imports_total Imports run by this process.\n# TYPE pathways_imports_total counter\npathways_imports_total {runs}"
    );
    let _ = writeln!(
        out,
        "# HELP pathways_imported_services_total Services added or changed by those imports.\n# TYPE pathways_imported_services_total counter\npathways_imported_services_total {services}"
    );
    if let Ok(states) = directory.webhook_deliveries_by_state() {
        out.push_str("# HELP pathways_webhook_deliveries Webhook deliveries, by state.\n");
        out.push_str("# TYPE pathways_webhook_deliveries gauge\n");
        for (state, n) in states {
            let _ = writeln!(
                out,
                "pathways_webhook_deliveries{{state=\"{}\"}} {n}",
                label(&state)
            );
        }
    }
    out
}

/// A label value escaped as the format asks (route patterns are ours, but still).
fn label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latency_lands_in_cumulative_buckets() {
        let m = Metrics::default();
        m.observe("/search", 200, 0.003);
        m.observe("/search", 200, 0.2);
        let all = m.requests();
        let h = &all[0].1;
        assert_eq!((h.count, h.buckets[0], h.buckets[2], h.buckets[7]), (2, 0, 1, 2));
    }
}
