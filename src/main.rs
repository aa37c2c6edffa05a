//! The `pathways` command: one function per subcommand (see `config::Command` for the list),
//! each going through the use-cases in `services`; serving is the default.

/// mimalloc: allocation was a tenth of the server's CPU under load with the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;
use clap::Parser;
use pathways::config::{
    AuditCommand, Cli, Command, DEFAULT_METRICS_LISTEN, KeysCommand, MetricsListen, Paths, SiteArgs,
    StaffArgs,
};
use pathways::crypto::password::Cost;
use pathways::domain::audit::Verification;
use pathways::domain::finding::Filters;
use pathways::services::clock::Clock;
use pathways::services::find::{Find, Whereabouts};
use pathways::services::staff::{Staff, StaffSettings, webhooks};
use pathways::services::vault::{Access, Vault};
use pathways::services::{Directory, OpenState, maintenance};

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // What went wrong and its causes, in one message; no backtrace for bad input.
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    // Logs to stderr; stdout is for what a command prints (search results, figures).
    // Colours only for a terminal: a log file gets plain `key=value` lines.
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    // `try_init` also routes the `log` records of libraries (tantivy, rustls) through it.
    tracing_subscriber::util::SubscriberInitExt::try_init(pathways::logging::subscriber(
        std::io::stderr,
        terminal,
    ))?;
    let cli = Cli::parse();
    if matches!(cli.command, None | Some(Command::Serve | Command::Demo { .. })) {
        one_core_per_embedding();
    }
    let (paths, staff) = (&cli.paths, &cli.staff);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(paths, &cli.site, staff),
        Command::Backup { to } => backup(paths, staff, &to),
        Command::MigrateStore { from, to, to_keys } => migrate_store(staff, &from, to, to_keys),
        Command::Restore { from } => restore(paths, staff, &from),
        Command::Purge { months } => purge(paths, staff, months),
        Command::Demo { dir } => demo(&dir, paths, &cli.site, staff),
        Command::SetupLink => setup_link(paths, staff),
        Command::Audit {
            action: AuditCommand::Verify,
        } => verify_audit(paths, staff),
        Command::Keys { action } => keys(paths, staff, action),
        Command::Import {
            paths: files,
            from: None,
            ..
        } => import(paths, &files),
        Command::Import {
            from: Some(url),
            per_second,
            modified_after,
            ..
        } => import_feed(paths, url, per_second, modified_after),
        Command::Reindex => reindex(paths),
        Command::Export { format, dir } => export(paths, &format, &dir),
        Command::Search {
            query,
            place,
            radius_km,
            need,
            no_conditions,
            limit,
        } => search(
            paths,
            cli.site.semantic,
            Find {
                text: query,
                place: place.map(Whereabouts::Typed).unwrap_or(Whereabouts::Anywhere),
                radius_km,
                filters: Filters {
                    needs: need,
                    no_conditions,
                    ..Filters::default()
                },
                page: 1,
                limit,
                now: jiff::Timestamp::now(),
            },
        ),
        Command::BenchPlanner {
            survivors,
            referrals,
            advocates,
        } => pathways::bench::planner::run(
            survivors.max(1),
            referrals,
            advocates,
            &paths.directory,
            // The bench's own SQLite folder, unless PostgreSQL is named.
            match paths.database().map_err(anyhow::Error::msg)? {
                pathways::services::Database::Sqlite(_) => None,
                postgres => Some(postgres),
            },
        ),
        Command::BenchFollow { edits } => pathways::bench::follow::run(
            &paths.database().map_err(anyhow::Error::msg)?,
            edits,
            &paths.directory,
        ),
        Command::BenchUnmet { agencies, survivors } => pathways::bench::unmet::run(agencies, survivors),
        Command::EvalRelevance {
            directory_file,
            queries,
            model,
            full_model,
        } => {
            pathways::bench::relevance::run(&directory_file, &queries, model.as_deref(), encoding(full_model))
        }
        Command::DistilModel { dir } => {
            distil_model(&dir.unwrap_or_else(|| pathways::services::meaning::model_dir(&paths.directory)))
        }
        Command::BenchMeaning {
            size,
            queries,
            seconds,
            work_dir,
            full_model,
        } => pathways::bench::meaning::run(&pathways::bench::meaning::MeaningPlan {
            size: size.max(100),
            queries: queries.max(10),
            seconds,
            work_dir,
            shipped: paths.directory.clone(),
            encoding: encoding(full_model),
        }),
        Command::BenchMetrics { rounds, seconds } => {
            pathways::bench::metrics::run(&paths.directory, rounds, seconds)
        }
        Command::BenchEdits { listings, seconds } => pathways::bench::edits::run(listings.max(10), seconds),
        Command::BenchCrash {
            rounds,
            seed,
            work_dir,
        } => pathways::bench::crash::run(rounds.max(1), seed, work_dir),
        Command::BenchSoak { minutes } => pathways::bench::soak::run(minutes, &paths.directory),
        Command::BenchAuth { logins } => pathways::bench::auth::run(logins.max(1), Cost::RECOMMENDED),
        Command::Bench {
            sizes,
            seed,
            queries,
            http_queries,
            limit,
            work_dir,
            skip_shipped,
            load_seconds,
        } => pathways::bench::run(&pathways::bench::Plan {
            sizes,
            seed,
            queries,
            http_queries,
            work_dir,
            limit,
            shipped: (!skip_shipped).then(|| paths.directory.clone()),
            load_seconds,
        }),
    }
}

/// `pathways backup FILE`: an online copy of the database, never of the key folder.
fn backup(paths: &Paths, staff: &StaffArgs, to: &Path) -> anyhow::Result<()> {
    anyhow::ensure!(!to.exists(), "{} already exists: choose a new file", to.display());
    open(paths)?
        .backup(to)
        .with_context(|| format!("backing up to {}", to.display()))?;
    println!(
        "database backed up to {}. The key file ({}) and its key store are not in it: back up \
         that folder separately and keep the two apart — a database backup alone must not be readable.",
        to.display(),
        staff.key_file.display()
    );
    Ok(())
}

/// `pathways migrate-store --from sqlite:DIR --to postgres://… --to-keys postgres://…`.
fn migrate_store(staff: &StaffArgs, from: &str, to: String, to_keys: String) -> anyhow::Result<()> {
    let Some(data_dir) = from.strip_prefix("sqlite:") else {
        anyhow::bail!("--from names the SQLite data folder as sqlite:DIR (e.g. sqlite:data)");
    };
    let data_dir = Path::new(data_dir);
    let target = pathways::services::Database::postgres(to, to_keys).map_err(anyhow::Error::msg)?;
    let _alone = claim_data_dir(data_dir)?;
    let moved = maintenance::migrate_store(data_dir, &staff.key_file, &target)
        .with_context(|| format!("moving {} to PostgreSQL", data_dir.display()))?;
    for c in moved.tables.iter().chain(&moved.keys) {
        println!("{:<20} {:>9} → {:>9}", c.table, c.from, c.to);
    }
    let mismatches = moved.mismatches();
    anyhow::ensure!(
        mismatches.is_empty(),
        "the copy is not whole: {}",
        mismatches
            .iter()
            .map(|c| format!("{} has {} rows, not {}", c.table, c.to, c.from))
            .collect::<Vec<_>>()
            .join("; ")
    );
    match moved.audit {
        Verification::Intact { entries, head } => println!(
            "every table arrived whole; the audit log is intact there: {entries} entries, last entry's hash {head}.\n\
             Start the servers with --database and --key-database naming these two databases."
        ),
        other => anyhow::bail!("the copy arrived, but its audit chain does not verify: {other:?}"),
    }
    Ok(())
}

/// `pathways restore FILE`: refused while a server runs (it holds the key file).
fn restore(paths: &Paths, staff: &StaffArgs, from: &Path) -> anyhow::Result<()> {
    anyhow::ensure!(
        paths.database.is_none(),
        "restore puts a SQLite backup in place; a PostgreSQL database is restored with its own tools (pg_restore, or point-in-time recovery)"
    );
    let path = maintenance::restore(from, &paths.data_dir, &staff.key_file)
        .with_context(|| format!("restoring {}", from.display()))?;
    println!(
        "restored {} into {} (the previous database is kept as {}). Survivors erased since the \
         backup stay unreadable: their keys are gone.",
        from.display(),
        path.display(),
        path.with_extension("db.before-restore").display()
    );
    Ok(())
}

/// `pathways purge --months N` (LEG-4).
fn purge(paths: &Paths, staff: &StaffArgs, months: u32) -> anyhow::Result<()> {
    let n = open_staff(paths, staff)?.survivors().purge_closed(months)?;
    println!("erased {n} plan(s) closed more than {months} month(s) ago");
    Ok(())
}

/// With `--semantic model`, a server runs each query's forward pass on its request's own
/// thread. candle splits every matrix product over all cores by default, which for a
/// query's few tokens costs more than it saves: measured on 2 cores, one thread a query made
/// it 8.4 ms at p50 instead of 10.8 (`pathways bench-meaning --full-model`). (The default
/// static table runs no forward pass.) `RAYON_NUM_THREADS`, which candle reads, still
/// overrides.
fn one_core_per_embedding() {
    if std::env::var_os("RAYON_NUM_THREADS").is_none() {
        // SAFETY: called before this process starts any thread (runtime, background tasks),
        // so no other thread can be reading the environment.
        unsafe { std::env::set_var("RAYON_NUM_THREADS", "1") };
    }
}

/// `pathways setup-link`: a fresh first-admin link while there is no admin.
fn setup_link(paths: &Paths, staff: &StaffArgs) -> anyhow::Result<()> {
    match open_staff(paths, staff)?.accounts().setup_link_if_needed()? {
        Some(link) => print_setup_link(&link),
        None => println!("a directory admin exists: invite people from /staff/people"),
    }
    Ok(())
}

/// Turns the meaning stage on (issue 16) with the model shipped under `--directory`: search
/// uses the stored embeddings at once; a background thread embeds the listings that have
/// none, then checks every minute for listings edited since (lexical search finds an edit at
/// once, meaning within a minute). Without the model, search stays lexical, with a warning.
fn start_meaning(
    directory: &pathways::services::Directory,
    listings: &std::path::Path,
    encoding: pathways::services::meaning::Encoding,
) {
    let model = pathways::services::meaning::model_dir(listings);
    if let Err(e) = directory.load_meaning(&model, encoding) {
        tracing::warn!(cause = %e, "meaning stage off: the model did not load (--semantic off silences this)");
    }
}

/// `pathways export [--format json|tabular] DIR`: the directory as HSDS 3.1 JSON in
/// `DIR/hsds.json`, or as the tabular data package (CSV tables and `datapackage.json`).
fn export(paths: &Paths, format: &str, dir: &Path) -> anyhow::Result<()> {
    anyhow::ensure!(
        format == "json" || format == "tabular",
        "--format {format:?}: say json or tabular"
    );
    let directory = open(paths)?;
    if format == "tabular" {
        let tables = directory.export_tabular()?;
        std::fs::create_dir_all(dir).with_context(|| format!("making {}", dir.display()))?;
        pathways::services::export::write_tabular(&tables, dir)?;
        let services = tables.get("services.csv").map_or(0, Vec::len);
        println!(
            "wrote {} table(s) with {services} service(s) and datapackage.json to {}",
            tables.len(),
            dir.display()
        );
        return Ok(());
    }
    let organisations = directory.export_hsds()?;
    std::fs::create_dir_all(dir).with_context(|| format!("making {}", dir.display()))?;
    let file = dir.join("hsds.json");
    std::fs::write(&file, serde_json::to_vec_pretty(&organisations)?)
        .with_context(|| format!("writing {}", file.display()))?;
    let services: usize = organisations
        .iter()
        .map(|o| o["services"].as_array().map_or(0, Vec::len))
        .sum();
    println!(
        "wrote {} organisation(s) and {services} service(s) to {}",
        organisations.len(),
        file.display()
    );
    Ok(())
}

/// The static table, or the model itself when asked for (`--full-model`).
fn encoding(full_model: bool) -> pathways::services::meaning::Encoding {
    if full_model {
        pathways::services::meaning::Encoding::Model
    } else {
        pathways::services::meaning::Encoding::Static
    }
}

/// `pathways distil-model [DIR]`: the static table, distilled from the model in `DIR` (the
/// one shipped under `--directory`) and written beside it.
fn distil_model(dir: &std::path::Path) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    pathways::services::meaning::distil(dir)?;
    println!(
        "wrote the static table into {} in {:.1?}",
        dir.display(),
        started.elapsed()
    );
    Ok(())
}

/// Keeps the listings' embeddings in step, on its own thread (see [`start_meaning`]).
fn refresh_meaning_forever(directory: Arc<pathways::services::Directory>) {
    std::thread::spawn(move || {
        loop {
            let mut last = std::time::Instant::now();
            let progress = |done: usize, to_do: usize| {
                if last.elapsed().as_secs() >= 10 || done == to_do {
                    tracing::info!(done, to_do, "embedding listings for search by meaning");
                    last = std::time::Instant::now();
                }
            };
            if let Err(e) = directory.refresh_meaning(progress) {
                let kind = pathways::logging::kind_of(&e);
                tracing::warn!(kind, "embedding listings failed; trying again in a minute");
            }
            std::thread::sleep(std::time::Duration::from_secs(60));
        }
    });
}

/// Starts the metrics listener: where `--metrics-listen` says (failing if it cannot), or by
/// default on loopback (going on without metrics, with a warning, if that port is taken —
/// another server on this host has it).
async fn serve_metrics(
    listen: Option<MetricsListen>,
    state: &pathways::http::AppState,
) -> anyhow::Result<()> {
    let (address, chosen) = match listen {
        Some(MetricsListen::Off) => return Ok(()),
        Some(MetricsListen::On(a)) => (a, true),
        None => (DEFAULT_METRICS_LISTEN.parse()?, false),
    };
    let listener = match tokio::net::TcpListener::bind(address).await {
        Ok(l) => l,
        Err(e) if !chosen => {
            tracing::warn!(%address, cause = %e, "metrics not served: the default port is taken (set --metrics-listen)");
            return Ok(());
        }
        Err(e) => return Err(anyhow::Error::new(e).context(format!("metrics: listening on {address}"))),
    };
    tracing::info!("metrics on http://{}/metrics", listener.local_addr()?);
    let metrics = pathways::http::metrics::router(state.clone());
    tokio::spawn(async move { axum::serve(listener, metrics).await });
    Ok(())
}

/// `pathways audit verify`: every link of the chain, keyed by the key file.
fn verify_audit(paths: &Paths, staff: &StaffArgs) -> anyhow::Result<()> {
    match open(paths)?.verify_audit(&staff.key_file)? {
        Verification::Intact { entries: 0, .. } => {
            println!("audit log empty: nothing to verify yet (no staff has signed in)");
            Ok(())
        }
        Verification::Intact { entries, head } => {
            println!("audit log intact: {entries} entries, every link checked; last entry's hash {head}");
            Ok(())
        }
        Verification::Broken { seq } => {
            anyhow::bail!("audit log broken at entry {seq}: it or the one before was altered or removed")
        }
        Verification::Truncated {
            entries,
            anchored,
            day,
        } => anyhow::bail!(
            "audit log truncated: it ends at entry {entries}, but entry {anchored} was anchored in the key store on {day}: entries were removed from its end, or an older database was put back"
        ),
    }
}

/// `pathways keys rotate|status`.
fn keys(paths: &Paths, staff: &StaffArgs, action: KeysCommand) -> anyhow::Result<()> {
    let database = paths.database().map_err(anyhow::Error::msg)?;
    // A rotation rewrites the key file: it needs it alone (no server running).
    let access = match action {
        KeysCommand::Rotate => Access::Exclusive,
        KeysCommand::Status => Access::Shared,
    };
    let (vault, _) = Vault::open(&staff.key_file, access, false, database.key_database())
        .with_context(|| format!("opening the key file {}", staff.key_file.display()))?;
    match action {
        KeysCommand::Rotate => {
            let r = vault.rotate()?;
            println!(
                "key file now at version {}: {} data key(s) rewrapped, {} old version(s) removed",
                r.version, r.rewrapped, r.retired
            );
        }
        KeysCommand::Status => {
            let status = vault.status()?;
            println!(
                "key file {}: version(s) {:?}",
                staff.key_file.display(),
                status.versions
            );
            for (v, n) in status.wrapped {
                println!("  version {v} wraps {n} data key(s)");
            }
        }
    }
    Ok(())
}

/// `pathways import PATH…`: all files in one transaction, then the index in step.
fn import(paths: &Paths, files: &[std::path::PathBuf]) -> anyhow::Result<()> {
    let directory = open(paths)?;
    // On a terminal, a line that tells how far it has come (a 100k directory takes minutes).
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let started = std::time::Instant::now();
    let report = directory.import_paths_showing(files, |p| {
        if terminal {
            eprint!(
                "\r\x1b[Kfile {} of {} ({}): {} services read, {:.0?}",
                p.files_done,
                p.files,
                pathways::hsds::limits::shown_path(std::path::Path::new(
                    p.file.file_name().unwrap_or_default()
                )),
                p.services,
                started.elapsed()
            );
        }
    })?;
    if terminal {
        eprintln!();
    }
    println!(
        "imported {} file(s): {} added, {} updated, {} unchanged, {} organisation(s); {} other record(s) skipped",
        report.files,
        report.summary.added,
        report.summary.updated,
        report.summary.unchanged,
        report.summary.organizations,
        report.skipped
    );
    for w in &report.warnings {
        println!("warning: {w}");
    }
    match directory.sync_index() {
        Ok(Some(seq)) => println!("index rebuilt at change {seq}"),
        Ok(None) => println!("index already up to date"),
        Err(e) => println!("index not refreshed ({e}); it is rebuilt at the next start"),
    }
    Ok(())
}

/// `pathways import --from URL`: another publisher's HSDS API, every page or none.
fn import_feed(
    paths: &Paths,
    url: String,
    per_second: f64,
    modified_after: Option<String>,
) -> anyhow::Result<()> {
    use pathways::services::feed::{Feed, HttpFetcher};
    anyhow::ensure!(
        url.starts_with("https://") || url.starts_with("http://"),
        "--from {url:?}: give the publisher's HSDS API root as an http(s) address"
    );
    let directory = open(paths)?;
    let mut fetcher =
        HttpFetcher::new(std::time::Duration::from_secs(30), per_second).map_err(anyhow::Error::msg)?;
    let feed = Feed {
        url,
        modified_after,
        per_page: 100,
    };
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let report = directory.import_feed(
        &feed,
        |u| fetcher.fetch(u),
        |page, total| {
            if terminal {
                eprint!(
                    "\rpage {page} of {}",
                    if total > 0 { total.to_string() } else { "?".into() }
                );
            }
        },
    )?;
    if terminal {
        eprintln!();
    }
    println!(
        "imported {} page(s): {} added, {} updated, {} unchanged, {} organisation(s); {} other record(s) skipped",
        report.files,
        report.summary.added,
        report.summary.updated,
        report.summary.unchanged,
        report.summary.organizations,
        report.skipped
    );
    for w in &report.warnings {
        println!("warning: {w}");
    }
    if let Some(seq) = directory.sync_index()? {
        println!("index rebuilt at change {seq}");
    }
    Ok(())
}

/// `pathways reindex`: the index rebuilt from the database.
fn reindex(paths: &Paths) -> anyhow::Result<()> {
    let directory = open(paths)?;
    let started = std::time::Instant::now();
    let seq = directory.reindex()?;
    println!(
        "index rebuilt at change {seq}: {} listings in {:.2?}",
        directory.listing_count(),
        started.elapsed()
    );
    Ok(())
}

/// `pathways search WORDS`: the directory searched from the terminal as the site searches,
/// the meaning stage included unless `--semantic off` (the listings without an embedding
/// are embedded first).
fn search(paths: &Paths, semantic: pathways::config::Semantic, find: Find) -> anyhow::Result<()> {
    let directory = open(paths)?;
    directory.import_if_empty(&paths.directory)?;
    directory.sync_index()?;
    if let pathways::config::Semantic::On(encoding) = semantic {
        start_meaning(&directory, &paths.directory, encoding);
        directory.refresh_meaning(|_, _| {})?;
    }
    let found = directory.find(&find)?;
    print!("{}", pathways::services::find::describe(&found));
    Ok(())
}

/// Opens the database and the index, saying what happened to the index.
fn open(paths: &Paths) -> anyhow::Result<Directory> {
    let database = paths.database().map_err(anyhow::Error::msg)?;
    let (directory, state) =
        Directory::open_at(&database, &paths.index_dir).with_context(|| match &database {
            pathways::services::Database::Sqlite(data_dir) => {
                format!("opening {} and {}", data_dir.display(), paths.index_dir.display())
            }
            pathways::services::Database::Postgres { .. } => format!(
                "opening the PostgreSQL database (--database) and {}",
                paths.index_dir.display()
            ),
        })?;
    if let OpenState::Replaced(reason) = state {
        tracing::warn!(
            reason,
            "the search index could not be used and is rebuilt from the database"
        );
    }
    Ok(directory)
}

/// The staff side over the directory: the key file (created on first run) and its settings.
fn staff_over(directory: Arc<Directory>, paths: &Paths, args: &StaffArgs) -> anyhow::Result<Staff> {
    let settings = StaffSettings {
        idle_seconds: i64::from(args.session_idle_minutes.max(1)) * 60,
        absolute_seconds: i64::from(args.session_hours.max(1)) * 3600,
        public_url: args
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", paths.listen)),
        reviewed: args.review_fields.clone(),
    };
    let (staff, created) = Staff::open(
        directory,
        &args.key_file,
        Cost::RECOMMENDED,
        Clock::system(),
        settings,
    )
    .with_context(|| format!("opening the key file {}", args.key_file.display()))?;
    if created {
        tracing::warn!(
            path = %args.key_file.display(),
            "created a new key file: back it up apart from the database"
        );
    }
    Ok(staff)
}

fn open_staff(paths: &Paths, args: &StaffArgs) -> anyhow::Result<Staff> {
    staff_over(Arc::new(open(paths)?), paths, args)
}

/// The setup link goes to standard output (the console), never to the log.
fn print_setup_link(link: &secrecy::SecretString) {
    use secrecy::ExposeSecret;
    println!(
        "\nNo directory admin yet. Open this link within an hour to create the first one (it works once):\n\n    {}\n",
        link.expose_secret()
    );
}

/// Claims the data folder for this server for the life of the process (issue 14): SQLite
/// takes one writer, and a second server on the same folder would race the first's index,
/// webhook sender and audit anchoring. An exclusive lock on `server.lock` (the system
/// releases it when the process ends, however it ends); the file holds the owner's pid.
fn claim_data_dir(dir: &Path) -> anyhow::Result<std::fs::File> {
    use std::io::{Read as _, Seek as _, Write as _};
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let path = dir.join("server.lock");
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .with_context(|| format!("opening {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => {
            file.set_len(0)?;
            file.rewind()?;
            write!(file, "{}", std::process::id())?;
            Ok(file)
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut owner = String::new();
            let _ = file.read_to_string(&mut owner);
            anyhow::bail!(
                "another Pathways server (process {}) is already using the data folder {}: stop it first, \
                 or give this one its own --data-dir",
                owner.trim(),
                dir.display()
            )
        }
        Err(std::fs::TryLockError::Error(e)) => {
            Err(anyhow::Error::new(e).context(format!("locking {}", path.display())))
        }
    }
}

fn serve(paths: &Paths, site: &SiteArgs, staff_args: &StaffArgs) -> anyhow::Result<()> {
    // On PostgreSQL the database takes any number of servers, each with its own index.
    let _claim = match paths.database {
        None => Some(claim_data_dir(&paths.data_dir)?),
        Some(_) => None,
    };
    let directory = open(paths)?;
    if let Some(report) = directory
        .import_if_empty(&paths.directory)
        .with_context(|| format!("importing the listings under {}", paths.directory.display()))?
    {
        tracing::info!(
            files = report.files,
            services = report.summary.added,
            "first start: directory imported"
        );
    }
    if let Some(seq) = directory.sync_index()? {
        tracing::info!(seq, listings = directory.listing_count(), "search index rebuilt");
    }
    if let pathways::config::Semantic::On(encoding) = site.semantic {
        start_meaning(&directory, &paths.directory, encoding);
    }
    let staff = staff_over(Arc::new(directory), paths, staff_args)?;
    if let Some(link) = staff.accounts().setup_link_if_needed()? {
        print_setup_link(&link);
    }
    if staff.directory().meaning_on() {
        refresh_meaning_forever(staff.directory_arc());
    }
    let state = pathways::http::AppState::with_site(
        Arc::new(staff),
        pathways::http::Site {
            exit_url: site.exit_url.clone(),
            rate_limit: site.rate_limit,
            login_rate_limit: site.login_rate_limit,
            trusted_proxies: site.trusted_proxy.clone(),
        },
    );
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    // On a shared database, what other servers write reaches this one's index within a
    // second (each server follows the change sequence; an edit made here is in at once).
    if paths.database.is_some() {
        let follower = state.staff.directory_arc();
        runtime.spawn(async move {
            loop {
                let directory = follower.clone();
                match tokio::task::spawn_blocking(move || directory.follow_database()).await {
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => tracing::warn!(cause = %e, "following the database failed; trying again"),
                    Err(_) => tracing::warn!("following the database stopped unexpectedly"),
                }
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
        });
    }
    // Webhook deliveries: queued in the database, sent here, never by a request.
    let client = webhooks::client().context("the webhook client")?;
    let sender = state.staff.clone();
    runtime.spawn(async move {
        loop {
            if let Err(e) = webhooks::deliver_due(&sender, &client).await {
                tracing::warn!(cause = %e, "webhook deliveries failed; trying again shortly");
            }
            tokio::time::sleep(std::time::Duration::from_secs(5)).await;
        }
    });
    // The audit chain's head, anchored in the key store once a day (checked hourly).
    let anchoring = state.staff.clone();
    runtime.spawn(async move {
        loop {
            let staff = anchoring.clone();
            match tokio::task::spawn_blocking(move || staff.anchor_audit()).await {
                Ok(Ok(Some(seq))) => tracing::info!(seq, "audit log anchored in the key store"),
                Ok(Ok(None)) => {}
                Ok(Err(e)) => {
                    tracing::warn!(cause = %e, "anchoring the audit log failed; trying again in an hour")
                }
                Err(_) => tracing::warn!("anchoring the audit log stopped unexpectedly"),
            }
            tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
        }
    });
    let state = match site.metrics_listen {
        Some(MetricsListen::Off) => state,
        _ => state.with_metrics(),
    };
    runtime.block_on(async {
        serve_metrics(site.metrics_listen, &state).await?;
        let listener = tokio::net::TcpListener::bind(paths.listen)
            .await
            .with_context(|| format!("listening on {}", paths.listen))?;
        tracing::info!("serving http://{}", listener.local_addr()?);
        pathways::http::serve(listener, state, shutdown_signal()).await?;
        tracing::info!("stopped");
        Ok(())
    })
}

/// `pathways demo DIR`: the demo agency in its own folder, then the server on it.
fn demo(dir: &std::path::Path, paths: &Paths, site: &SiteArgs, staff_args: &StaffArgs) -> anyhow::Result<()> {
    let paths = Paths {
        data_dir: dir.join("data"),
        index_dir: dir.join("index"),
        ..paths.clone()
    };
    let staff_args = StaffArgs {
        key_file: dir.join("keys").join("pathways.keys"),
        ..staff_args.clone()
    };
    {
        let directory = open(&paths)?;
        directory
            .import_if_empty(&paths.directory)
            .with_context(|| format!("importing the listings under {}", paths.directory.display()))?;
        directory.sync_index()?;
        let staff = staff_over(Arc::new(directory), &paths, &staff_args)?;
        let accounts = pathways::services::demo::seed(&staff)?;
        if accounts.is_empty() {
            println!(
                "\nThe demo in {} is already set up: sign in with the details printed the first time.\n",
                dir.display()
            );
        } else {
            use secrecy::ExposeSecret;
            println!(
                "\nDemo agency ready (everything in it is fictional). Sign in at http://{}/staff/login",
                paths.listen
            );
            println!(
                "Add each secret to an authenticator app (or compute the 6-digit code from it) to sign in.\n"
            );
            for a in &accounts {
                println!(
                    "  {:<16} {:<28} password {}  authenticator secret {}",
                    a.role,
                    a.email,
                    a.password.expose_secret(),
                    a.totp
                );
            }
            println!(
                "\nBen's caseload shows plans at different stages; Cleo's shows a hand-over; the audit log shows an erasure.\n"
            );
        }
    }
    serve(&paths, site, &staff_args)
}

/// Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
