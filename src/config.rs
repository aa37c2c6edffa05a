//! Settings: command-line flags, each also read from a `PATHWAYS_*` environment variable.
//! Runtime state lives outside the source tree by default (`data/`, `index/`).

use crate::domain::listing_edit::FieldGroup;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Pathways: a survivor services navigator and referral directory.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Cli {
    /// Where things live.
    #[command(flatten)]
    pub paths: Paths,
    /// How the public site behaves.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Staff accounts: keys, sessions, links.
    #[command(flatten)]
    pub staff: StaffArgs,
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The folders and address every command may touch.
#[derive(Clone, Debug, Args)]
pub struct Paths {
    /// Folder of the database (`pathways.db`).
    #[arg(long, env = "PATHWAYS_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
    /// The PostgreSQL database several servers share (`postgres://user@host/db` or
    /// `host=… dbname=…`); without it the database is SQLite in --data-dir.
    #[arg(long, env = "PATHWAYS_DATABASE", global = true)]
    pub database: Option<String>,
    /// With --database: the PostgreSQL database of the data keys — a database of its own,
    /// backed up apart from the directory's (see the README's deployment section).
    #[arg(long, env = "PATHWAYS_KEY_DATABASE", global = true)]
    pub key_database: Option<String>,
    /// Folder of the search index (derived; rebuilt when missing or stale).
    #[arg(long, env = "PATHWAYS_INDEX_DIR", default_value = "index", global = true)]
    pub index_dir: PathBuf,
    /// Address the server listens on.
    #[arg(
        long,
        env = "PATHWAYS_LISTEN",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub listen: SocketAddr,
    /// Folder of HSDS listings imported at first start.
    #[arg(long, env = "PATHWAYS_DIRECTORY", default_value = "directory", global = true)]
    pub directory: PathBuf,
}

impl Paths {
    /// Where the database is, or why the flags do not say.
    pub fn database(&self) -> Result<crate::services::Database, String> {
        match (&self.database, &self.key_database) {
            (None, None) => Ok(crate::services::Database::Sqlite(self.data_dir.clone())),
            (None, Some(_)) => Err("--key-database goes with --database (PostgreSQL); on SQLite the \
                data keys sit beside the key file"
                .to_owned()),
            (Some(_), None) => Err("with --database, name the key database too (--key-database \
                postgres://…/pathways_keys): the data keys live in a database of their own, backed \
                up apart from the directory's"
                .to_owned()),
            (Some(url), Some(keys)) => {
                crate::services::Database::postgres(url.clone(), keys.clone()).map_err(str::to_owned)
            }
        }
    }
}

/// Settings of the public site.
#[derive(Clone, Debug, Args)]
pub struct SiteArgs {
    /// The neutral site the quick exit leads to (http or https).
    #[arg(long, env = "PATHWAYS_EXIT_URL", default_value = crate::http::DEFAULT_EXIT_URL, global = true,
        value_parser = exit_url)]
    pub exit_url: String,
    /// Requests a minute one address may make to the pages and the API (0: no limit); kept
    /// in memory only.
    #[arg(long, env = "PATHWAYS_RATE_LIMIT", default_value_t = crate::http::DEFAULT_RATE_LIMIT, global = true)]
    pub rate_limit: u32,
    /// Sign-in attempts a minute one address may make (0: no limit); kept in memory only.
    #[arg(long, env = "PATHWAYS_LOGIN_RATE_LIMIT", default_value_t = crate::http::LOGIN_ATTEMPTS_PER_MINUTE, global = true)]
    pub login_rate_limit: u32,
    /// Where Prometheus metrics are served (`/metrics`), apart from the site; `off` turns
    /// them off. By default 127.0.0.1:9464 (loopback: scrape from this host or through a
    /// tunnel), skipped with a warning when that port is taken.
    #[arg(long, env = "PATHWAYS_METRICS_LISTEN", global = true, value_parser = metrics_listen)]
    pub metrics_listen: Option<MetricsListen>,
    /// Rerank English searches by meaning: `on` with the static table distilled from the
    /// shipped sentence model, `model` with the model itself (a forward pass a query, for
    /// comparison), `off` for the lexical order alone.
    #[arg(long, env = "PATHWAYS_SEMANTIC", default_value = "on", global = true, value_parser = semantic,
        action = clap::ArgAction::Set)]
    pub semantic: Semantic,
    /// Proxies (addresses or CIDR blocks, comma-separated) whose `X-Forwarded-For` names the
    /// client for the rate and sign-in limits: its rightmost hop that is not one of them.
    #[arg(long, env = "PATHWAYS_TRUSTED_PROXY", value_delimiter = ',', global = true)]
    pub trusted_proxy: Vec<crate::http::client_address::Cidr>,
}

/// Settings of the staff side.
#[derive(Clone, Debug, Args)]
pub struct StaffArgs {
    /// The key file (master keys; created with mode 0600 on first run). Keep it out of the
    /// database's backups: its key store (`data-keys.db`) sits beside it.
    #[arg(
        long,
        env = "PATHWAYS_KEY_FILE",
        default_value = "keys/pathways.keys",
        global = true
    )]
    pub key_file: PathBuf,
    /// The address people reach the server at, for setup and invitation links (default:
    /// http:// and the listen address). Behind a TLS proxy: the https:// address.
    #[arg(long, env = "PATHWAYS_PUBLIC_URL", global = true, value_parser = exit_url)]
    pub public_url: Option<String>,
    /// SES-3: minutes without a request before a staff session ends.
    #[arg(
        long,
        env = "PATHWAYS_SESSION_IDLE_MINUTES",
        default_value_t = 15,
        global = true
    )]
    pub session_idle_minutes: u32,
    /// SES-3: hours after sign-in when a staff session ends whatever its activity.
    #[arg(long, env = "PATHWAYS_SESSION_HOURS", default_value_t = 8, global = true)]
    pub session_hours: u32,
    /// Listing field groups whose changes wait for a directory admin's review, comma
    /// separated: any of description, hours, phones, capacity, needs, conditions, area, address.
    #[arg(
        long,
        env = "PATHWAYS_REVIEW_FIELDS",
        default_value = "needs,conditions,area,address",
        value_delimiter = ',',
        value_parser = field_group,
        global = true
    )]
    pub review_fields: Vec<FieldGroup>,
}

fn field_group(value: &str) -> Result<FieldGroup, String> {
    FieldGroup::from_code(value).ok_or_else(|| {
        format!(
            "\"{value}\" is not one of description, hours, phones, capacity, needs, conditions, area, address"
        )
    })
}

fn exit_url(value: &str) -> Result<String, String> {
    let ok = (value.starts_with("https://") || value.starts_with("http://"))
        && !value.chars().any(|c| c.is_whitespace() || c == '"' || c == '<');
    if ok {
        Ok(value.to_owned())
    } else {
        Err("must be an http:// or https:// address".to_owned())
    }
}

/// Commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site and the API (the default).
    Serve,
    /// Import HSDS 3.1 JSON files or folders into the database, then refresh the index.
    Import {
        /// Files or folders (folders are searched for .json files and tabular packages).
        #[arg(required_unless_present = "from")]
        paths: Vec<PathBuf>,
        /// Instead: another publisher's HSDS API root, whose `/services` pages are read.
        #[arg(long, conflicts_with = "paths")]
        from: Option<String>,
        /// Requests a second to that publisher, at most.
        #[arg(long, default_value_t = 2.0)]
        per_second: f64,
        /// Only records modified on or after this date-time (passed to the publisher).
        #[arg(long, requires = "from")]
        modified_after: Option<String>,
    },
    /// Rebuild the search index from the database.
    Reindex,
    /// Write a consistent copy of the database to a new file, even while the server runs
    /// (REL-2). The key file is not in it: back `keys/` up separately, and keep them apart.
    Backup {
        /// The file to write (must not exist).
        to: PathBuf,
    },
    /// Copy the SQLite database (and the key store beside the key file) into empty
    /// PostgreSQL databases, then check every table's count and the audit chain there.
    /// Stop the server first.
    MigrateStore {
        /// The source: `sqlite:DIR`, the data folder holding `pathways.db`.
        #[arg(long)]
        from: String,
        /// The directory's new PostgreSQL database (empty).
        #[arg(long)]
        to: String,
        /// The data keys' new PostgreSQL database (empty; another database than --to).
        #[arg(long)]
        to_keys: String,
    },
    /// Put a backup in place of the database (stop the server first). The database it
    /// replaces is kept beside it as `pathways.db.before-restore`.
    Restore {
        /// The backup file.
        from: PathBuf,
    },
    /// Erase every plan closed more than this many months ago (LEG-4 retention): their keys
    /// first, then their rows. Run it from cron, e.g. monthly.
    Purge {
        /// Months a closed plan is kept (30-day months).
        #[arg(long, env = "PATHWAYS_RETENTION_MONTHS")]
        months: u32,
    },
    /// A fictional agency to try the planner in a minute: fills a separate folder (its own
    /// database, index and key file) with demo staff and survivors, prints the staff's
    /// sign-in details once, and serves it.
    Demo {
        /// The folder for the demo's data (created; never your real data folder).
        dir: PathBuf,
    },
    /// Print a one-time link to create the first directory admin (only while there is none).
    SetupLink,
    /// The audit log.
    Audit {
        /// What to do with it.
        #[command(subcommand)]
        action: AuditCommand,
    },
    /// The key file.
    Keys {
        /// What to do with it.
        #[command(subcommand)]
        action: KeysCommand,
    },
    /// Search from the command line and print the top hits.
    Search {
        /// What a person would type.
        query: String,
        /// "City, ST" or a ZIP code.
        #[arg(long)]
        place: Option<String>,
        /// Radius in km.
        #[arg(long)]
        radius_km: Option<f64>,
        /// Only services for this need (repeatable).
        #[arg(long)]
        need: Vec<String>,
        /// Only services with no conditions.
        #[arg(long)]
        no_conditions: bool,
        /// How many hits.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Print what signing in costs: latency at the argon2id cost, memory with 32 sign-ins at
    /// once, and the session and CSRF checks per staff request.
    BenchAuth {
        /// Sequential sign-ins to time.
        #[arg(long, default_value_t = 50)]
        logins: usize,
    },
    /// Print what providers' edits cost on a synthetic directory: edit-to-searchable latency
    /// while the public search runs, and the search's latency with and without edits.
    BenchEdits {
        /// Listings in the synthetic directory.
        #[arg(long, default_value_t = 100_000)]
        listings: usize,
        /// Seconds of load per phase.
        #[arg(long, default_value_t = 20)]
        seconds: u64,
    },
    /// Judge search on a query set with its truth over a directory it was not tuned on:
    /// success@3, P@5 and MRR (see `src/bench/relevance.rs` for the file formats).
    EvalRelevance {
        /// An HSDS JSON file of services.
        #[arg(long, default_value = "tests/fixtures/blind2/directory.json")]
        directory_file: PathBuf,
        /// Judged queries: `query<TAB>place<TAB>id,id,…` after a header line.
        #[arg(long, default_value = "tests/fixtures/blind2/queries.tsv")]
        queries: PathBuf,
        /// Rerank by meaning with the model in this folder (off when not given).
        #[arg(long)]
        model: Option<PathBuf>,
        /// Embed with the model itself instead of the static table distilled from it.
        #[arg(long)]
        full_model: bool,
    },
    /// Write the whole directory as HSDS 3.1 (`DIR/hsds.json`: organisations with their
    /// services, or the tabular package: CSV tables and datapackage.json); confidential
    /// locations leave without address or coordinates.
    Export {
        /// `json` or `tabular`.
        #[arg(long, default_value = "json")]
        format: String,
        /// The folder to write into (made if missing).
        dir: PathBuf,
    },
    /// Distil the static table search embeds with from the shipped sentence model (writes
    /// `static-table.safetensors` beside it; `scripts/model.sh` runs it).
    DistilModel {
        /// The model's folder (default: the one shipped under `--directory`).
        dir: Option<PathBuf>,
    },
    /// Print the meaning stage's figures at scale (issue 16): the first-time embedding of a
    /// synthetic directory (time, peak memory), the index build with the embeddings stored,
    /// one search's latency with the stage off and on, and need-tile and free-text pages
    /// per second under `wrk`.
    BenchMeaning {
        /// Services in the synthetic directory.
        #[arg(long, default_value_t = 100_000)]
        size: usize,
        /// Distinct queries timed one by one, each way.
        #[arg(long, default_value_t = 500)]
        queries: usize,
        /// Seconds of `wrk` load per page kind (0: no server).
        #[arg(long, default_value_t = 15)]
        seconds: u64,
        /// Work folder, kept: a second run reuses its database and embeddings.
        #[arg(long)]
        work_dir: Option<PathBuf>,
        /// Embed with the model itself instead of the static table distilled from it.
        #[arg(long)]
        full_model: bool,
    },
    /// Print what counting requests for Prometheus costs: requests per second and latency
    /// of the real router over the shipped directory, metrics off and on, rounds alternating.
    BenchMetrics {
        /// Rounds of each.
        #[arg(long, default_value_t = 3)]
        rounds: usize,
        /// Seconds a round.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
    },
    /// Print what the planner costs on a synthetic agency: an advocate's caseload and a plan
    /// page (median, p99) and the database size. On SQLite in a temporary folder, or on the
    /// empty PostgreSQL databases --database and --key-database name.
    BenchPlanner {
        /// Survivors.
        #[arg(long, default_value_t = 5000)]
        survivors: usize,
        /// Referrals.
        #[arg(long, default_value_t = 50000)]
        referrals: usize,
        /// Advocates sharing the survivors.
        #[arg(long, default_value_t = 50)]
        advocates: usize,
    },
    /// Print how soon a server sharing a PostgreSQL database finds another's edit by search
    /// (issue 14): median and p99. On the empty PostgreSQL databases --database and
    /// --key-database name (it fills them with the shipped directory and edits it).
    BenchFollow {
        /// Edits, one at a time.
        #[arg(long, default_value_t = 200)]
        edits: usize,
    },
    /// Print what the network's unmet-need tables cost (issue 13): synthetic agencies that
    /// share their counts, each with its survivors, needs and referrals; the tables by need
    /// and by county, counted and suppressed (median, p99).
    BenchUnmet {
        /// Agencies.
        #[arg(long, default_value_t = 50)]
        agencies: usize,
        /// Survivors per agency.
        #[arg(long, default_value_t = 5000)]
        survivors: usize,
    },
    /// Kill the real server with SIGKILL during staff writes, and `pathways import` mid-way,
    /// round after round (REL-1); after each kill check that every acknowledged write is
    /// there, `integrity_check` and `audit verify` pass and the index equals the database.
    /// Prints a summary; fails when anything was lost.
    BenchCrash {
        /// Rounds (one kill each; every fourth kills an import).
        #[arg(long, default_value_t = 200)]
        rounds: usize,
        /// Seed of the kill moments (default: random, printed).
        #[arg(long)]
        seed: Option<u64>,
        /// Work folder, kept afterwards (default: a temporary folder, removed when all is well).
        #[arg(long)]
        work_dir: Option<PathBuf>,
    },
    /// Run the real server under mixed public and staff load and print, per minute, its
    /// resident memory, requests, errors and p50/p99 latency (REL-6).
    BenchSoak {
        /// Minutes of load.
        #[arg(long, default_value_t = 10)]
        minutes: u64,
    },
    /// Generate synthetic directories and print import, index and query figures.
    Bench {
        /// Directory sizes to measure.
        #[arg(long, value_delimiter = ',', default_value = "10000,100000")]
        sizes: Vec<usize>,
        /// Random seed of the generator.
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Queries per size.
        #[arg(long, default_value_t = 2000)]
        queries: usize,
        /// Also measure the HTTP API (one keep-alive client) on this many queries.
        #[arg(long, default_value_t = 1000)]
        http_queries: usize,
        /// Hits per query (one results page).
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Work folder (default: a temporary folder, removed afterwards).
        #[arg(long)]
        work_dir: Option<PathBuf>,
        /// Skip the shipped directory (`--directory`), measured first by default.
        #[arg(long)]
        skip_shipped: bool,
        /// Seconds of `wrk` load on the results page per directory (0: skip).
        #[arg(long, default_value_t = 10)]
        load_seconds: u64,
    },
}

/// Audit log commands.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain from the first entry to the last (LOG-1); fails on a break.
    Verify,
}

/// Key file commands.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Add a new master key, rewrap every data key with it, then drop the old one.
    Rotate,
    /// Show the master key versions and how many data keys each wraps (never a key).
    Status,
}

/// The metrics listener's address when `--metrics-listen` is not given.
pub const DEFAULT_METRICS_LISTEN: &str = "127.0.0.1:9464";

/// Where the metrics listener binds, if anywhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetricsListen {
    /// Not served.
    Off,
    /// Served on this address.
    On(SocketAddr),
}

fn metrics_listen(text: &str) -> Result<MetricsListen, String> {
    if text.eq_ignore_ascii_case("off") {
        return Ok(MetricsListen::Off);
    }
    text.parse()
        .map(MetricsListen::On)
        .map_err(|_| format!("{text:?} is not an address with a port (like 127.0.0.1:9464) or `off`"))
}

/// The `--semantic` setting: the meaning stage off, or on with an encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Semantic {
    /// The lexical order alone.
    Off,
    /// Reranked by meaning.
    On(crate::services::meaning::Encoding),
}

fn semantic(text: &str) -> Result<Semantic, String> {
    use crate::services::meaning::Encoding;
    match text {
        "on" => Ok(Semantic::On(Encoding::Static)),
        "model" => Ok(Semantic::On(Encoding::Model)),
        "off" => Ok(Semantic::Off),
        _ => Err(format!("{text:?}: say on, model or off")),
    }
}
