//! The web layer: the only module that imports axum. One router for the public pages (English
//! at the root, Spanish under `/es`), the static files and the JSON API; security headers on
//! every response, and logs that carry the matched route, the status and the latency — never
//! a query, an address or a user agent.

mod api;
mod capacity_api;
pub mod client_address;
mod coverage;
mod error;
mod headers;
mod health;
mod hsds_api;
pub mod metrics;
mod path_id;
mod public;
mod search_form;
mod staff;
mod throttle;
pub(crate) mod views;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post, put};

use crate::services::Directory;
use crate::services::staff::Staff;
use throttle::Throttle;

pub use staff::{FormRefusal, PRE_SESSION_COOKIE, SESSION_COOKIE};

pub use error::WebError;
// The decoders as requests use them, for the fuzz targets (`crate::fuzzing`).
pub(crate) use api::parse_search;
pub use headers::CSP;
pub use public::render_results;
pub(crate) use search_form::{FormError, SearchInput};
pub(crate) use staff::{EnrolFields, SurvivorFormFields, decode_form};

/// Largest request body accepted (no public route takes a large one).
const BODY_LIMIT: usize = 64 * 1024;

/// Where the quick exit goes unless configured: a neutral page that draws no attention.
pub const DEFAULT_EXIT_URL: &str = "https://www.weather.gov/";

/// Requests a minute one address may make unless configured (ANON-10).
pub const DEFAULT_RATE_LIMIT: u32 = 120;

/// Sign-in attempts a minute from one address unless configured (AUTH-4), in memory.
pub const LOGIN_ATTEMPTS_PER_MINUTE: u32 = 10;

/// Settings of the public site.
#[derive(Clone, Debug)]
pub struct Site {
    /// The neutral site the quick exit goes to.
    pub exit_url: String,
    /// Requests a minute per address (0: no limit).
    pub rate_limit: u32,
    /// Sign-in attempts a minute per address (0: no limit).
    pub login_rate_limit: u32,
    /// Proxies whose `X-Forwarded-For` names the client (`--trusted-proxy`).
    pub trusted_proxies: Vec<client_address::Cidr>,
}

impl Default for Site {
    fn default() -> Site {
        Site {
            exit_url: DEFAULT_EXIT_URL.to_owned(),
            rate_limit: DEFAULT_RATE_LIMIT,
            login_rate_limit: LOGIN_ATTEMPTS_PER_MINUTE,
            trusted_proxies: Vec::new(),
        }
    }
}

/// Shared state of the handlers.
#[derive(Clone)]
pub struct AppState {
    /// The directory.
    pub directory: Arc<Directory>,
    /// The staff side: accounts, sessions, keys.
    pub staff: Arc<Staff>,
    /// Settings of the public site.
    pub site: Arc<Site>,
    /// The scraping limit (memory only).
    throttle: Option<Arc<Throttle>>,
    /// Sign-in attempts per address (memory only).
    login_throttle: Option<Arc<Throttle>>,
    /// Capacity updates per API token (memory only; keyed by the token's hash).
    token_throttle: Option<Arc<Throttle<[u8; 32]>>>,
    /// Request metrics, when a metrics listener serves them.
    metrics: Option<Arc<metrics::Metrics>>,
}

impl AppState {
    /// State with the default site settings.
    pub fn new(staff: Arc<Staff>) -> AppState {
        AppState::with_site(staff, Site::default())
    }

    /// State with these site settings.
    pub fn with_site(staff: Arc<Staff>, site: Site) -> AppState {
        AppState {
            directory: staff.directory_arc(),
            throttle: Throttle::new(site.rate_limit).map(Arc::new),
            login_throttle: Throttle::new(site.login_rate_limit).map(Arc::new),
            token_throttle: Throttle::new(capacity_api::CAPACITY_UPDATES_PER_MINUTE).map(Arc::new),
            site: Arc::new(site),
            staff,
            metrics: None,
        }
    }

    /// The same state, counting requests for the metrics listener.
    pub fn with_metrics(mut self) -> AppState {
        self.metrics = Some(Arc::new(metrics::Metrics::default()));
        self
    }
}

impl AppState {
    /// Runs work that touches SQLite, argon2 or the vault on the blocking pool, never on the
    /// async worker threads (two, on a two-core server: one slow page there would stall every
    /// other request, the quick exit included). The one rule for handlers: every staff
    /// use-case and every database read goes through here. (A public search stays on its
    /// worker: it reads the memory-mapped index only, and a hop to the pool cost more.)
    pub(crate) async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&AppState) -> T + Send + 'static,
    ) -> Result<T, WebError> {
        let state = self.clone();
        Ok(tokio::task::spawn_blocking(move || work(&state)).await?)
    }
}

/// The public pages by their English path, one method each; each is served under `/es` too.
fn pages() -> Vec<(&'static str, Method, MethodRouter<AppState>)> {
    vec![
        ("/", Method::GET, get(public::show_home)),
        ("/search", Method::POST, post(public::search_services)),
        ("/search", Method::GET, get(public::search_without_form)),
        ("/search/print", Method::POST, post(public::print_results)),
        ("/services/{id}", Method::GET, get(public::show_listing)),
        ("/services/{id}/print", Method::GET, get(public::print_listing)),
        ("/hotlines", Method::GET, get(public::show_hotlines)),
        ("/coverage", Method::GET, get(coverage::show_coverage)),
        ("/safety", Method::GET, get(public::show_safety)),
        ("/about", Method::GET, get(public::show_about)),
    ]
}

/// Every route anyone can reach without an account, as patterns (`{id}`, `{name}` left in).
/// The router is built from the same list, so a test walking it sees every public route.
pub fn public_routes() -> Vec<String> {
    let mut routes: Vec<String> = Vec::new();
    for (path, _, _) in pages() {
        for p in [path.to_owned(), templates::Lang::Es.path(path)] {
            if !routes.contains(&p) {
                routes.push(p);
            }
        }
    }
    routes.extend(
        ["/es/", "/exit", "/static/{name}", "/healthz", "/readyz"]
            .into_iter()
            .chain(api().into_iter().map(|(p, _, _)| p))
            .map(str::to_owned),
    );
    routes
}

/// The JSON API.
fn api() -> Vec<(&'static str, Method, MethodRouter<AppState>)> {
    vec![
        ("/api/v1/search", Method::GET, get(api::search_services)),
        ("/api/v1/coverage", Method::GET, get(coverage::coverage_api)),
        ("/api/v1/services/{id}", Method::GET, get(api::show_service)),
        ("/api/v1/needs", Method::GET, get(api::list_needs)),
        ("/api/v1/openapi.json", Method::GET, get(api::openapi)),
        (
            "/api/v1/services/{id}/capacity",
            Method::PUT,
            put(capacity_api::set_capacity),
        ),
        ("/api/hsds/", Method::GET, get(hsds_api::about)),
        ("/api/hsds/services", Method::GET, get(hsds_api::list_services)),
        (
            "/api/hsds/service_at_locations",
            Method::GET,
            get(hsds_api::list_service_at_locations),
        ),
        (
            "/api/hsds/service_at_locations/{id}",
            Method::GET,
            get(hsds_api::show_service_at_location),
        ),
        (
            "/api/hsds/services/{id}",
            Method::GET,
            get(hsds_api::show_service),
        ),
        (
            "/api/hsds/organizations",
            Method::GET,
            get(hsds_api::list_organizations),
        ),
        (
            "/api/hsds/organizations/{id}",
            Method::GET,
            get(hsds_api::show_organization),
        ),
        (
            "/api/hsds/taxonomies",
            Method::GET,
            get(hsds_api::list_taxonomies),
        ),
        (
            "/api/hsds/taxonomies/{id}",
            Method::GET,
            get(hsds_api::show_taxonomy),
        ),
        (
            "/api/hsds/taxonomy_terms",
            Method::GET,
            get(hsds_api::list_taxonomy_terms),
        ),
        (
            "/api/hsds/taxonomy_terms/{id}",
            Method::GET,
            get(hsds_api::show_taxonomy_term),
        ),
    ]
}

/// Every route the router serves, as (method, pattern): the public pages in both languages,
/// the API, the static files, the staff pages. The access-matrix test walks this list; a GET
/// route answers HEAD too.
pub fn route_table() -> Vec<(Method, String)> {
    let mut table: Vec<(Method, String)> = Vec::new();
    for (path, method, _) in pages() {
        table.push((method.clone(), path.to_owned()));
        table.push((method, templates::Lang::Es.path(path)));
    }
    table.push((Method::GET, "/es/".to_owned()));
    table.push((Method::GET, "/exit".to_owned()));
    table.push((Method::GET, "/static/{name}".to_owned()));
    table.push((Method::GET, "/healthz".to_owned()));
    table.push((Method::GET, "/readyz".to_owned()));
    for (path, method, _) in api() {
        table.push((method, path.to_owned()));
    }
    for (method, path, _) in staff::routes() {
        table.push((method, path.to_owned()));
    }
    table
}

/// The whole application as a router (tests drive it without a socket).
pub fn router(state: AppState) -> Router {
    let state_for_log = state.metrics.clone();
    let mut router = Router::new();
    for (path, _, handler) in pages() {
        router = router.route(&templates::Lang::Es.path(path), handler.clone());
        router = router.route(path, handler);
    }
    for (path, _, handler) in api() {
        router = router.route(path, handler);
    }
    for (_, path, handler) in staff::routes() {
        router = router.route(path, handler);
    }
    router
        .route("/es/", get(public::show_home))
        .route("/exit", get(public::leave_site))
        .route("/healthz", get(health::live))
        .route("/readyz", get(health::ready))
        .route("/static/{name}", get(public::serve_asset))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), limit_rate))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            client_address::attach,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            error::render_errors,
        ))
        .with_state(state)
        .layer(tower_http::limit::RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(state_for_log, log_request))
        // Outside everything that can answer, so refusals (413) carry the headers too.
        .layer(middleware::from_fn(headers::secure))
        // The fastest level: a results page still shrinks about fourfold, and compression
        // at the default level was a sixth of the server's CPU under load.
        .layer(
            tower_http::compression::CompressionLayer::new().quality(tower_http::CompressionLevel::Fastest),
        )
}

/// Serves the router on `listener` until `shutdown` completes, letting requests in flight
/// finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // The peer address reaches the scraping limit only; it is never logged or stored.
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// ANON-3: the matched route pattern, status and latency; nothing the person typed. The
/// same three facts feed the metrics, when they are on.
async fn log_request(
    State(metrics): State<Option<Arc<metrics::Metrics>>>,
    request: Request,
    next: Next,
) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "(unmatched)".to_owned());
    let method = request.method().clone();
    let started = Instant::now();
    let response = next.run(request).await;
    let elapsed = started.elapsed();
    if let Some(m) = &metrics {
        m.observe(&route, response.status().as_u16(), elapsed.as_secs_f64());
    }
    tracing::info!(
        target: "pathways::http",
        %method,
        route,
        status = response.status().as_u16(),
        micros = elapsed.as_micros() as u64,
        "request"
    );
    response
}

/// ANON-10: too many public requests from one address get a 429 and a page saying to wait. The
/// quick exit, the hotlines, the safety page and the static files are never limited: leaving
/// and finding someone to call must always work, even behind a busy shared address.
async fn limit_rate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let page = path.strip_prefix("/es").unwrap_or(path);
    // Staff pages are not the public directory: a busy agency shares one address, and sign-in
    // has its own, stricter limit (AUTH-4).
    let exempt = matches!(page, "/exit" | "/hotlines" | "/safety" | "/healthz" | "/readyz")
        || path.starts_with("/static/")
        || path == "/staff"
        || path.starts_with("/staff/");
    let client = request
        .extensions()
        .get::<client_address::ClientAddress>()
        .map(|c| c.0);
    if let (Some(throttle), Some(ip), false) = (&state.throttle, client, exempt)
        && !throttle.allow(ip, Instant::now())
    {
        return WebError::TooManyRequests.into_response();
    }
    next.run(request).await
}

/// Any other address: "not found", for whoever asked (see `error`).
async fn not_found() -> WebError {
    WebError::NotFound
}
