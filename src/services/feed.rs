//! Other directories' feeds (issue 15, part 4): `pathways import --from URL` pages through
//! another publisher's HSDS API (`/services` in the specification's paging envelope) and
//! imports every page in one transaction — all pages or none, like a folder of files.
//!
//! Fetching is a closure ([`HttpFetcher`] in use, a local server in tests) so that paging
//! and the import rules are tested here without the network. The fetcher retries what may
//! pass (a 5xx, a timeout, a dropped connection) with backoff, and keeps to a politeness
//! limit of requests a second.

use std::time::{Duration, Instant};

use serde_json::Value;

use super::{AppError, Directory, ImportReport};
use crate::hsds::{self, Context, ImportError};
use crate::store::StoreError;

/// Most pages one run reads (a runaway feed stops here).
const MAX_PAGES: usize = 100_000;

/// What to pull.
#[derive(Clone, Debug)]
pub struct Feed {
    /// The publisher's HSDS API root (its `/services` is read).
    pub url: String,
    /// Only records modified on or after this date-time (the spec's `modified_after`).
    pub modified_after: Option<String>,
    /// Records a page to ask for.
    pub per_page: usize,
}

impl Feed {
    /// The address of page `n`.
    fn page_url(&self, n: usize) -> String {
        let mut url = format!(
            "{}/services?page={n}&per_page={}",
            self.url.trim_end_matches('/'),
            self.per_page
        );
        if let Some(after) = &self.modified_after {
            url.push('&');
            url.push_str(&serde_urlencoded::to_string([("modified_after", after)]).unwrap_or_default());
        }
        url
    }
}

impl Directory {
    /// Pulls every page of `feed` through `fetch` (the body of a URL, or why not) and imports
    /// them in one transaction; `progress(page, total_pages)` after each page.
    pub fn import_feed(
        &self,
        feed: &Feed,
        mut fetch: impl FnMut(&str) -> Result<String, String>,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<ImportReport, AppError> {
        let cx = Context {
            gazetteer: self.gazetteer,
            inference: self.index.vocabulary(),
        };
        let source = format!("feed:{}", feed.url);
        let (mut warnings, mut skipped, mut pages) = (Vec::new(), 0, 0);
        let mut seen = std::collections::HashSet::new();
        let summary = self.store.import_streaming(&source, |sink| {
            for n in 1..=MAX_PAGES {
                let url = feed.page_url(n);
                let label = std::path::PathBuf::from(&url);
                let body = fetch(&url).map_err(|message| ImportError::Shape {
                    file: label.clone(),
                    message,
                })?;
                let envelope: Value = serde_json::from_str(&body).map_err(|e| ImportError::Json {
                    file: label.clone(),
                    message: e.to_string(),
                })?;
                let Some(contents) = envelope.get("contents").and_then(Value::as_array) else {
                    return Err(AppError::Import(ImportError::Shape {
                        file: label,
                        message: "not an HSDS API page: no \"contents\" list".into(),
                    }));
                };
                let empty = contents.is_empty();
                let doc = hsds::parse_document(&label, &body, &cx)?;
                for s in &doc.services {
                    if !seen.insert(s.listing.id.clone()) {
                        return Err(AppError::Import(ImportError::Shape {
                            file: label,
                            message: format!(
                                "service {} came on an earlier page too",
                                hsds::limits::shown(&s.listing.id)
                            ),
                        }));
                    }
                }
                sink.add(&doc).map_err(|e| match e {
                    StoreError::OtherSource { id, from } => AppError::Import(ImportError::Shape {
                        file: label.clone(),
                        message: format!(
                            "service {} came from {}, not from this feed: a feed never replaces another source's records",
                            hsds::limits::shown(&id),
                            hsds::limits::shown(&from)
                        ),
                    }),
                    other => AppError::from(other),
                })?;
                skipped += doc.skipped;
                warnings.extend(doc.warnings(hsds::limits::shown));
                pages = n;
                let total = envelope.get("total_pages").and_then(Value::as_u64).unwrap_or(0) as usize;
                progress(n, total);
                let last = envelope
                    .get("last_page")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                if empty || last || (total > 0 && n >= total) {
                    break;
                }
            }
            Ok::<(), AppError>(())
        })?;
        self.count_import(summary.added + summary.updated);
        Ok(ImportReport {
            files: pages,
            summary,
            skipped,
            warnings,
        })
    }
}

/// Fetches pages over HTTP(S) for [`Directory::import_feed`]: a timeout a request, retries
/// with doubling backoff on a 5xx, a timeout or a dropped connection, and at most
/// `per_second` requests a second.
pub struct HttpFetcher {
    client: reqwest::Client,
    runtime: tokio::runtime::Runtime,
    /// Tries a page gets before the run stops.
    pub attempts: u32,
    /// The first wait before a retry (doubled each time).
    pub backoff: Duration,
    gap: Duration,
    last: Option<Instant>,
}

impl HttpFetcher {
    /// A fetcher with `timeout` a request and at most `per_second` requests a second.
    pub fn new(timeout: Duration, per_second: f64) -> Result<HttpFetcher, String> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .user_agent("Pathways (HSDS feed import)")
            .build()
            .map_err(|e| e.to_string())?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        Ok(HttpFetcher {
            client,
            runtime,
            attempts: 4,
            backoff: Duration::from_millis(500),
            gap: Duration::from_secs_f64(1.0 / per_second.max(0.01)),
            last: None,
        })
    }

    /// The body of `url`, or why not (after the retries).
    pub fn fetch(&mut self, url: &str) -> Result<String, String> {
        let mut wait = self.backoff;
        let mut why = String::new();
        for attempt in 1..=self.attempts.max(1) {
            if let Some(last) = self.last {
                std::thread::sleep(self.gap.saturating_sub(last.elapsed()));
            }
            self.last = Some(Instant::now());
            let answer = self.runtime.block_on(async {
                let r = self.client.get(url).send().await?;
                let status = r.status();
                Ok::<_, reqwest::Error>((status, r.text().await?))
            });
            match answer {
                Ok((status, body)) if status.is_success() => return Ok(body),
                Ok((status, _)) if !status.is_server_error() => return Err(format!("answered {status}")),
                Ok((status, _)) => why = format!("answered {status}"),
                Err(e) if e.is_timeout() => why = "timed out".into(),
                Err(e) if e.is_connect() || e.is_request() || e.is_body() => {
                    why = "the connection failed".into()
                }
                Err(e) => return Err(e.to_string()),
            }
            if attempt < self.attempts {
                std::thread::sleep(wait);
                wait *= 2;
            }
        }
        Err(format!("{why} ({} tries)", self.attempts.max(1)))
    }
}
