//! Use-cases over the store and the index: opening the directory, importing HSDS files,
//! keeping the index in step with the database, and finding services near a place.
//! Public directory use-cases need no permission; staff use-cases (`staff`) ask `policy`.

pub mod clock;
pub mod coverage;
pub mod demo;
pub mod embeddings;
pub mod export;
pub mod feed;
pub mod find;
pub mod maintenance;
pub mod meaning;
pub mod policy;
pub mod staff;
pub mod vault;
mod wordless;

use std::path::{Path, PathBuf};

use crate::domain::Listing;
use crate::geo::Gazetteer;
use crate::hsds::{self, Context, ImportError};
pub use crate::search::OpenState;
use crate::search::{SearchError, SearchIndex};
use crate::store::{ImportSummary, Store, StoreError};

/// Name of the database file in the data folder.
pub const DATABASE_FILE: &str = "pathways.db";

/// A failure of a use-case.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Storage.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Search index.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// A file to import was refused.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A folder could not be read or made.
    #[error("{path}: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Nothing to import was found.
    #[error("no .json files or tabular packages found under {0}")]
    NothingToImport(PathBuf),
    /// A stored record could not be read back for an export.
    #[error("export: a stored record is not JSON: {0}")]
    Export(String),
    /// The embedding model failed (boxed: candle's error is large, and every use-case
    /// returns this type).
    #[error(transparent)]
    Embedding(Box<crate::search::embedding::EmbeddingError>),
}

impl From<crate::search::embedding::EmbeddingError> for AppError {
    fn from(e: crate::search::embedding::EmbeddingError) -> Self {
        AppError::Embedding(Box::new(e))
    }
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportReport {
    /// Files read.
    pub files: usize,
    /// Counts.
    pub summary: ImportSummary,
    /// Records of other kinds skipped.
    pub skipped: usize,
    /// Parts of records that could not be used (the records were imported).
    pub warnings: Vec<String>,
}

/// The version of the mapping from HSDS records to listings. Raise it when a change to
/// `hsds::mapping` reads stored records differently, so an upgraded database maps its
/// records again at the next start (2: other offices, drawn areas, Open Eligibility ids).
pub const MAPPING_VERSION: i64 = 2;

/// Where the system of record is: SQLite in the data folder (the default, one server), or
/// a PostgreSQL database shared by any number of servers, with the data keys in a second
/// PostgreSQL database of their own (issue 14).
#[derive(Clone, Debug)]
pub enum Database {
    /// `pathways.db` in this folder; the key store beside the key file.
    Sqlite(std::path::PathBuf),
    /// The directory's database and the key database (connection strings).
    Postgres {
        /// The directory, staff, planner and audit chain.
        url: String,
        /// The wrapped data keys and the audit anchors: backed up apart (CRY-2).
        keys: String,
    },
}

impl Database {
    /// The PostgreSQL pair, or why not: the key database must be another database, so a
    /// backup of the directory never holds the keys that read it.
    pub fn postgres(url: String, keys: String) -> Result<Database, &'static str> {
        if url == keys {
            return Err(
                "the key database must be another database than the directory's: a \
                        backup of the directory must not hold the keys that read it",
            );
        }
        Ok(Database::Postgres { url, keys })
    }

    /// The key database, when the keys are not in the file beside the key file.
    pub fn key_database(&self) -> Option<&str> {
        match self {
            Database::Sqlite(_) => None,
            Database::Postgres { keys, .. } => Some(keys),
        }
    }
}

/// The directory: its database and its index.
pub struct Directory {
    /// Where the database is.
    pub database: Database,
    /// The system of record.
    pub store: Store,
    /// The derived index.
    pub index: SearchIndex,
    /// The built-in gazetteer.
    pub gazetteer: &'static Gazetteer,
    /// The national hotlines of the index generation they were read from: shown on every
    /// home page and never rate-limited, so they are read once per index change.
    hotlines: std::sync::Mutex<Option<(u64, Vec<Listing>)>>,
    /// Imports run by this process and the services they added or changed (for metrics).
    imports: [std::sync::atomic::AtomicU64; 2],
    /// The meaning stage, once turned on (see `meaning`).
    meaning: std::sync::OnceLock<meaning::Meaning>,
    /// Coverage's services by need and its answers, for one index generation.
    coverage: std::sync::Mutex<coverage::Sources>,
    /// The results of the minute's searches without words.
    wordless: wordless::Wordless,
}

impl Directory {
    /// Opens the database in `data_dir` (created if needed) and the index in `index_dir`
    /// (created, or replaced when unusable). Does not fill or sync anything.
    pub fn open(data_dir: &Path, index_dir: &Path) -> Result<(Directory, OpenState), AppError> {
        Directory::open_at(&Database::Sqlite(data_dir.to_owned()), index_dir)
    }

    /// Opens the database where `database` says and the index in `index_dir` (each node of
    /// several keeps its own index, built from the shared database).
    pub fn open_at(database: &Database, index_dir: &Path) -> Result<(Directory, OpenState), AppError> {
        let store = match database {
            Database::Sqlite(data_dir) => {
                std::fs::create_dir_all(data_dir).map_err(|source| AppError::Folder {
                    path: data_dir.to_owned(),
                    source,
                })?;
                Store::open(&data_dir.join(DATABASE_FILE))?
            }
            Database::Postgres { url, .. } => Store::connect(url)?,
        };
        let (index, state) = SearchIndex::open_or_create(index_dir)?;
        let directory = Directory {
            database: database.clone(),
            store,
            index,
            gazetteer: Gazetteer::builtin(),
            hotlines: std::sync::Mutex::new(None),
            imports: Default::default(),
            meaning: std::sync::OnceLock::new(),
            coverage: coverage::cache(),
            wordless: Default::default(),
        };
        directory.map_again_if_stale()?;
        Ok((directory, state))
    }

    /// Maps every stored record again when they were mapped by an older mapping than this
    /// binary's ([`MAPPING_VERSION`]), so an upgrade shows what the new mapping reads in
    /// them (other offices, drawn areas, Open Eligibility ids) without a re-import. A record
    /// the new mapping refuses keeps its listing. Once per version; returns how many changed.
    pub fn map_again_if_stale(&self) -> Result<usize, AppError> {
        if self.store.mapping_version()? >= MAPPING_VERSION {
            return Ok(0);
        }
        let cx = Context {
            gazetteer: self.gazetteer,
            inference: self.index.vocabulary(),
        };
        let mut organisations = std::collections::HashMap::new();
        let (mut changed, mut kept) = (Vec::new(), 0);
        // A page of records at a time: only the listings that changed are held.
        const PAGE: usize = 1_000;
        for page in 0.. {
            let (_, rows) = self.store.service_records(None, None, page * PAGE, PAGE)?;
            let last = rows.len() < PAGE;
            for (hsds, stored) in rows {
                let organisation = stored.organization_id.clone();
                if !organisations.contains_key(&organisation) {
                    let org = self.store.organization(&organisation)?;
                    organisations.insert(organisation.clone(), org);
                }
                let org = organisations.get(&organisation).and_then(Option::as_ref);
                let mapped = serde_json::from_str(&hsds)
                    .ok()
                    .and_then(|record| hsds::mapping::service(record, org, &cx).ok());
                match mapped {
                    Some(s) if s.listing.id == stored.id && s.listing != stored => changed.push(s.listing),
                    Some(_) => {}
                    None => kept += 1,
                }
            }
            if last {
                break;
            }
        }
        self.store.replace_listings(&changed, MAPPING_VERSION)?;
        tracing::info!(
            changed = changed.len(),
            kept,
            version = MAPPING_VERSION,
            "stored records mapped again by a newer mapping"
        );
        Ok(changed.len())
    }

    /// Reads every `.json` file at or under `paths` and imports them all in one transaction:
    /// if any file is invalid nothing is imported and the error names it.
    pub fn import_paths(&self, paths: &[PathBuf]) -> Result<ImportReport, AppError> {
        self.import_paths_showing(paths, |_| {})
    }

    /// [`Directory::import_paths`], telling `progress` after each file (for a terminal).
    pub fn import_paths_showing(
        &self,
        paths: &[PathBuf],
        mut progress: impl FnMut(ImportProgress<'_>),
    ) -> Result<ImportReport, AppError> {
        let (mut files, mut skipped) = (Vec::new(), Vec::new());
        for p in paths {
            collect_json(p, &mut files, &mut skipped)?;
        }
        // A file named twice (a folder and a file in it) is one file, not a duplicate of itself.
        let mut named = std::collections::HashSet::new();
        files.retain(|f| named.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
        if files.is_empty() {
            return Err(AppError::NothingToImport(
                paths.first().cloned().unwrap_or_default(),
            ));
        }
        let cx = Context {
            gazetteer: self.gazetteer,
            inference: self.index.vocabulary(),
        };
        let source = paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" ");
        // One file at a time into one transaction: memory holds one file's records, and any
        // refusal (a bad record, a service id in two files) rolls the whole import back.
        let (mut warnings, mut other_records, mut services_read) = (skipped, 0, 0);
        let mut first_seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let summary = self.store.import_streaming(&source, |sink| {
            for (n, path) in files.iter().enumerate() {
                // Writes a file's records (or a batch of a large one's); their service count.
                let mut take = |doc: hsds::Document| -> Result<usize, AppError> {
                    for s in &doc.services {
                        if let Some(first) = first_seen.insert(s.listing.id.clone(), n)
                            && first != n
                        {
                            return Err(AppError::Import(hsds::ImportError::Duplicate {
                                id: hsds::limits::shown(&s.listing.id),
                                first: files[first].clone(),
                                second: path.clone(),
                            }));
                        }
                    }
                    sink.add(&doc)?;
                    other_records += doc.skipped;
                    warnings.extend(doc.warnings(hsds::limits::shown));
                    Ok(doc.services.len())
                };
                // A file too large to hold is read a record at a time (it must be a JSON
                // array); any other is read whole, in whatever HSDS shape it has.
                if hsds::too_large_to_hold(path) {
                    hsds::stream_file(path, &cx, |doc| {
                        services_read += take(doc)?;
                        // Still on this file: how far into it.
                        progress(ImportProgress {
                            files_done: n,
                            files: files.len(),
                            file: path,
                            services: services_read,
                        });
                        Ok::<(), AppError>(())
                    })?;
                } else {
                    services_read += take(hsds::read_file(path, &cx)?)?;
                }
                progress(ImportProgress {
                    files_done: n + 1,
                    files: files.len(),
                    file: path,
                    services: services_read,
                });
            }
            Ok::<(), AppError>(())
        })?;
        self.count_import(summary.added + summary.updated);
        Ok(ImportReport {
            files: files.len(),
            summary,
            skipped: other_records,
            warnings,
        })
    }

    /// At first start: imports `directory` when the database holds no listing yet.
    pub fn import_if_empty(&self, directory: &Path) -> Result<Option<ImportReport>, AppError> {
        if self.store.count_services()? > 0 {
            return Ok(None);
        }
        self.import_paths(&[directory.to_owned()]).map(Some)
    }

    /// Rebuilds the index when it is behind the database; returns the sequence rebuilt at.
    pub fn sync_index(&self) -> Result<Option<u64>, AppError> {
        if self.index_caught_up()? {
            return Ok(None);
        }
        self.reindex().map(Some)
    }

    /// Brings the index up to the database's latest change by reading only the listings
    /// changed since its stamp (another server's edits to a shared database, issue 14); a
    /// full rebuild when the index is another database's or format's. Whether it changed.
    pub fn follow_database(&self) -> Result<bool, AppError> {
        let database = self.store.identity()?;
        let Some(at) = self.index.indexed_seq(&database) else {
            self.reindex()?;
            return Ok(true);
        };
        if self.store.change_seq()? <= at {
            return Ok(false);
        }
        let (seq, changed) = self.store.listings_changed_since(at)?;
        self.index.catch_up(&database, seq, &changed)?;
        Ok(true)
    }

    /// Whether the index was built from this database at its latest change (`/readyz`).
    pub fn index_caught_up(&self) -> Result<bool, AppError> {
        let stamp = SearchIndex::stamp(&self.store.identity()?, self.store.change_seq()?);
        Ok(self.index.indexed_stamp().as_deref() == Some(stamp.as_str()))
    }

    /// Rebuilds the whole index from the database.
    pub fn reindex(&self) -> Result<u64, AppError> {
        let database = self.store.identity()?;
        Ok(self
            .index
            .rebuild(&database, |add| self.store.for_each_listing(add))??)
    }

    /// The national services that are not sample data (the real hotlines), by name.
    pub fn national_hotlines(&self) -> Result<Vec<Listing>, AppError> {
        let generation = self.index.generation();
        if let Ok(cache) = self.hotlines.lock()
            && let Some((at, lines)) = cache.as_ref()
            && *at == generation
        {
            return Ok(lines.clone());
        }
        let mut request = crate::search::SearchRequest::text("");
        request.filters.national = true;
        request.limit = 100;
        let mut lines: Vec<Listing> = self
            .index
            .search(&request)?
            .hits
            .into_iter()
            .map(|h| std::sync::Arc::unwrap_or_clone(h.listing))
            .filter(|l| !l.sample)
            .collect();
        lines.sort_by(|a, b| a.name.cmp(&b.name));
        if let Ok(mut cache) = self.hotlines.lock() {
            *cache = Some((generation, lines.clone()));
        }
        Ok(lines)
    }

    fn count_import(&self, services: usize) {
        use std::sync::atomic::Ordering::Relaxed;
        self.imports[0].fetch_add(1, Relaxed);
        self.imports[1].fetch_add(services as u64, Relaxed);
    }

    /// Imports run by this process, and the services they added or changed.
    pub fn imports_run(&self) -> (u64, u64) {
        use std::sync::atomic::Ordering::Relaxed;
        (self.imports[0].load(Relaxed), self.imports[1].load(Relaxed))
    }

    /// The index's generation (it changes with every commit).
    pub fn index_generation(&self) -> u64 {
        self.index.generation()
    }

    /// The bytes the index's live segments take.
    pub fn index_bytes(&self) -> u64 {
        self.index.size_bytes()
    }

    /// Webhook deliveries by state (queued, delivered, failed).
    pub fn webhook_deliveries_by_state(&self) -> Result<Vec<(String, u64)>, AppError> {
        Ok(self.store.webhook_deliveries_by_state()?)
    }

    /// How many listings the index holds.
    pub fn listing_count(&self) -> u64 {
        self.index.len()
    }

    /// One public listing.
    pub fn listing(&self, id: &str) -> Result<Option<Listing>, AppError> {
        Ok(self.store.listing(id)?)
    }
}

/// `.json` files at or under `path`, sorted so imports are repeatable. A folder holding a
/// model (`directory/models/…`: its config.json and tokenizer.json) is not listing data.
/// The files an import reads under `path`: JSON files, and a tabular data package's
/// manifest for a folder that has one (its CSV tables are read with it). In a folder,
/// anything else — a README, a broken link, a stray CSV — is skipped with a warning that
/// names it; a file named on its own is read whatever it is.
fn collect_json(path: &Path, out: &mut Vec<PathBuf>, skipped: &mut Vec<String>) -> Result<(), AppError> {
    let folder = |source| AppError::Folder {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(folder)?;
    if meta.is_file() {
        out.push(path.to_owned());
        return Ok(());
    }
    let manifest = path.join(hsds::PACKAGE_MANIFEST);
    if manifest.is_file() {
        out.push(manifest);
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(folder)?
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    let skip = |e: &Path, why: &str| format!("skipped {}: {why}", hsds::limits::shown_path(e));
    for e in entries {
        if e.is_dir() {
            // The shipped sentence model's folder holds no listings.
            if !e.join("model.safetensors").is_file() {
                collect_json(&e, out, skipped)?;
            }
        } else if !e.is_file() {
            skipped.push(skip(&e, "a link to nothing"));
        } else if e.extension().is_some_and(|x| x == "json") {
            out.push(e);
        } else {
            skipped.push(skip(
                &e,
                "not HSDS (a .json file, or a folder with datapackage.json)",
            ));
        }
    }
    Ok(())
}

/// How far an import has come, after each file.
#[derive(Clone, Copy, Debug)]
pub struct ImportProgress<'a> {
    /// Files read so far.
    pub files_done: usize,
    /// Files in all.
    pub files: usize,
    /// The file just read.
    pub file: &'a Path,
    /// Services read so far.
    pub services: usize,
}
