//! The search index under `index/`: derived from the database, never the other way round.
//! The only module that imports tantivy.
//!
//! One writer for the process (created when first needed), one reader, a searcher per
//! query. Every commit carries the database's change sequence as its payload, so a stale,
//! missing or corrupt index is found at start and rebuilt from the database.

pub mod analysis;
mod offices;
mod query;
pub mod ranking;
mod schema;
pub mod vocabulary;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tantivy::schema::Schema;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};

pub use crate::domain::finding::{Filters, Hit, SearchResults};
pub use query::{DEFAULT_RADIUS_KM, Near, SearchRequest};
use schema::{Fields, flag};
pub use vocabulary::Vocabulary;

use crate::domain::{Listing, Taxonomy};

/// How documents are indexed. Raise it with any change to the schema, the analysis, the
/// grid cells or what a document holds: indexes stamped with another format are rebuilt.
pub const INDEX_FORMAT: u32 = 2;

/// Memory the writer may use before flushing a segment.
const WRITER_MEMORY: usize = 64 * 1024 * 1024;

/// A search-side failure.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// tantivy said no.
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The index folder could not be prepared.
    #[error("search index folder {path}: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A stored document did not decode.
    #[error("search index document: {0}")]
    Document(String),
    /// The writer lock was poisoned.
    #[error("search index writer unavailable")]
    Poisoned,
}

/// Why the index was (re)created when opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenState {
    /// It opened as it was.
    Opened,
    /// There was none.
    Created,
    /// It could not be used and was replaced by an empty one; the reason.
    Replaced(String),
}

/// The search index.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<Option<IndexWriter>>,
    fields: Fields,
    vocabulary: Vocabulary,
    /// Built once: the lenient parser over the name and text fields, names boosted.
    parser: tantivy::query::QueryParser,
    /// Office coordinates per segment, decoded once (see `offices`).
    offices: std::sync::Arc<offices::OfficeCache>,
}

impl SearchIndex {
    /// Opens the index in `dir`, or creates an empty one when it is missing, corrupt or of
    /// another schema. A created index has no sequence: the caller fills it.
    pub fn open_or_create(dir: &Path) -> Result<(SearchIndex, OpenState), SearchError> {
        let (schema, fields) = schema::build();
        std::fs::create_dir_all(dir).map_err(|source| SearchError::Folder {
            path: dir.to_owned(),
            source,
        })?;
        // tantivy can panic on a damaged file; a damaged cache must never stop the server.
        let checked = std::panic::catch_unwind(|| open_checked(dir, &schema))
            .unwrap_or_else(|_| Err("damaged files (the index panicked when opened)".into()));
        let (index, state) = match checked {
            Ok(Some(index)) => (index, OpenState::Opened),
            Ok(None) => (
                Index::builder()
                    .schema(schema)
                    .settings(settings())
                    .create_in_dir(dir)?,
                OpenState::Created,
            ),
            Err(reason) => {
                clear(dir)?;
                (
                    Index::builder()
                        .schema(schema)
                        .settings(settings())
                        .create_in_dir(dir)?,
                    OpenState::Replaced(reason),
                )
            }
        };
        Ok((SearchIndex::with_index(index, fields)?, state))
    }

    /// An index in memory (tests, benchmarks).
    pub fn in_memory() -> Result<SearchIndex, SearchError> {
        let (schema, fields) = schema::build();
        SearchIndex::with_index(
            Index::builder()
                .schema(schema)
                .settings(settings())
                .create_in_ram()?,
            fields,
        )
    }

    fn with_index(index: Index, fields: Fields) -> Result<SearchIndex, SearchError> {
        analysis::register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let mut parser = tantivy::query::QueryParser::for_index(
            &index,
            vec![fields.name_en, fields.name_es, fields.body_en, fields.body_es],
        );
        parser.set_field_boost(fields.name_en, ranking::NAME_BOOST);
        parser.set_field_boost(fields.name_es, ranking::NAME_BOOST);
        Ok(SearchIndex {
            index,
            reader,
            writer: Mutex::new(None),
            fields,
            vocabulary: Vocabulary::new(Taxonomy::builtin()),
            parser,
            offices: Default::default(),
        })
    }

    /// The stamp an index built by this binary from `database` at `seq` carries. It starts
    /// with [`INDEX_FORMAT`], so an index written by a build that indexed differently is
    /// rebuilt at start rather than searched with the wrong terms.
    pub fn stamp(database: &str, seq: u64) -> String {
        format!("v{INDEX_FORMAT}:{database}:{seq}")
    }

    /// What this index was built from: see [`SearchIndex::stamp`] (`None`: never filled).
    pub fn indexed_stamp(&self) -> Option<String> {
        self.index.load_metas().ok()?.payload
    }

    /// The segments searches see now.
    fn live_segments(&self) -> Vec<tantivy::index::SegmentId> {
        self.reader
            .searcher()
            .segment_readers()
            .iter()
            .map(|s| s.segment_id())
            .collect()
    }

    /// Changes whenever the searchable content changes (a rebuild, an update).
    pub fn generation(&self) -> u64 {
        self.reader.searcher().generation().generation_id()
    }

    /// Number of listings in the index.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether the index holds no listing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The needs vocabulary (also used for need inference at import).
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// Replaces the whole content with the listings `feed` hands over one by one (it streams
    /// them from wherever they live: the index knows no database), committed with
    /// [`SearchIndex::stamp`] as payload (`seq` is what `feed` returns). A feed that fails
    /// changes nothing: its error comes back inside `Ok`, an index failure as `Err`.
    pub fn rebuild<E>(
        &self,
        database: &str,
        feed: impl FnOnce(&mut dyn FnMut(Listing)) -> Result<u64, E>,
    ) -> Result<Result<u64, E>, SearchError> {
        let mut guard = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        let writer = match guard.as_mut() {
            Some(w) => w,
            None => guard.insert(
                self.index
                    .writer_with_num_threads(1, WRITER_MEMORY)
                    .map_err(SearchError::from)?,
            ),
        };
        writer.delete_all_documents().map_err(SearchError::from)?;
        let mut failed = None;
        let seq = feed(&mut |listing| {
            if failed.is_none()
                && let Err(e) = writer.add_document(self.document(&listing))
            {
                failed = Some(e);
            }
        });
        let seq = match (seq, failed) {
            (Ok(seq), None) => seq,
            (Err(e), _) => {
                writer.rollback().map_err(SearchError::from)?;
                return Ok(Err(e));
            }
            (_, Some(e)) => {
                writer.rollback().map_err(SearchError::from)?;
                return Err(SearchError::from(e));
            }
        };
        let mut commit = writer.prepare_commit().map_err(SearchError::from)?;
        commit.set_payload(&SearchIndex::stamp(database, seq));
        commit.commit().map_err(SearchError::from)?;
        // A rebuilt index is read far more than written: one segment answers fastest.
        let segments = self.index.searchable_segment_ids().map_err(SearchError::from)?;
        if segments.len() > 1 {
            writer.merge(&segments).wait().map_err(SearchError::from)?;
        }
        self.reader.reload().map_err(SearchError::from)?;
        Ok(Ok(seq))
    }

    fn document(&self, l: &Listing) -> TantivyDocument {
        let f = &self.fields;
        let mut d = TantivyDocument::default();
        d.add_text(f.id, &l.id);
        for field in [f.name_en, f.name_es] {
            d.add_text(field, &l.name);
        }
        let body = [
            Some(l.organization.as_str()),
            Some(l.description.as_str()),
            l.eligibility.as_deref(),
            l.culturally_specific.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n");
        for field in [f.body_en, f.body_es] {
            d.add_text(field, &body);
        }
        for n in &l.needs {
            d.add_text(f.need, n);
        }
        if l.conditions.is_empty() {
            d.add_text(f.cond, schema::NO_CONDITIONS);
        }
        for c in &l.conditions {
            d.add_text(f.cond, c.code());
        }
        let flags = [
            (l.walk_in, flag::WALK_IN),
            (l.open_24_7, flag::OPEN_24_7),
            (l.is_free(), flag::FREE),
            (l.capacity.as_ref().is_some_and(|c| c.available == 0), flag::FULL),
            (!l.hours.is_empty(), flag::HOURS),
            (l.status != "active", flag::INACTIVE),
        ];
        for (_, name) in flags.iter().filter(|(on, _)| *on) {
            d.add_text(f.flag, name);
        }
        for lang in &l.languages {
            d.add_text(f.lang, lang);
        }
        if l.area.national {
            d.add_text(f.area, "US");
        }
        for s in &l.area.states {
            d.add_text(f.area, format!("US-{s}"));
        }
        d.add_u64(f.age_min, l.min_age.unwrap_or(0).into());
        d.add_u64(f.age_max, l.max_age.unwrap_or(200).into());
        // Every document carries every coordinate column (dense columns read fastest); a
        // service with no office or circle gets the NOWHERE point, never within any radius.
        let office = l.office.as_ref().and_then(|o| o.point);
        let o = office.unwrap_or(schema::NOWHERE);
        d.add_f64(f.lat, o.lat);
        d.add_f64(f.lon, o.lon);
        if let Some(p) = office {
            for level in 0..schema::CELL_SIZES.len() {
                d.add_text(f.cell, schema::cell(level, p.lat, p.lon));
            }
        }
        for circle in &l.area.circles {
            d.add_u64(
                f.circles,
                schema::pack_circle(circle.center.lat, circle.center.lon, circle.km),
            );
            let (lat0, lat1, lon0, lon1) = circle.center.bounding_box(circle.km);
            for cell in schema::cells(lat0, lat1, lon0, lon1, query::MAX_CELLS) {
                d.add_text(f.circle_cell, cell);
            }
        }
        let breadth = if l.area.national {
            2
        } else {
            u64::from(!l.area.states.is_empty())
        };
        d.add_u64(f.breadth, breadth);
        d.add_i64(f.verified_day, query::day_number(l.verified.as_deref()));
        if let Some(tz) = &l.time_zone {
            d.add_text(f.tz, tz);
        }
        for i in l.hours.intervals() {
            d.add_u64(f.hours, schema::pack_hours(*i));
        }
        d.add_bytes(f.doc, serde_json::to_vec(l).unwrap_or_default().as_slice());
        d
    }
}

/// Stored documents are small listings read 10–20 at a time per query: decompressing (or
/// copying) a big block for each costs more than the disk it saves, so the store is
/// uncompressed, in small blocks.
fn settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::None,
        ..Default::default()
    }
}

/// Opens an existing index and checks it: `Ok(None)` when there is none, `Err(reason)`
/// when there is one we cannot trust.
fn open_checked(dir: &Path, schema: &Schema) -> Result<Option<Index>, String> {
    if !dir.join("meta.json").exists() {
        let only_ours = std::fs::read_dir(dir)
            .map(|entries| {
                entries.flatten().all(|e| {
                    e.file_name() == "README.md"
                        || e.file_name() == ".gitignore"
                        || e.file_name() == ".tantivy-meta.lock"
                        || e.file_name() == ".tantivy-writer.lock"
                })
            })
            .unwrap_or(true);
        return if only_ours {
            Ok(None)
        } else {
            Err("no meta.json".into())
        };
    }
    let index = Index::open_in_dir(dir).map_err(|e| format!("cannot open: {e}"))?;
    if index.schema() != *schema {
        return Err("built with another schema".into());
    }
    let damaged = index
        .validate_checksum()
        .map_err(|e| format!("cannot check: {e}"))?;
    if !damaged.is_empty() {
        return Err(format!("{} damaged files", damaged.len()));
    }
    Ok(Some(index))
}

/// Whether a file name is one tantivy makes in an index folder: `meta.json`, its managed
/// list and locks, and segment files (`<32 hex digits>.<ext>`).
fn is_index_file(name: &str) -> bool {
    const OURS: [&str; 4] = [
        "meta.json",
        ".managed.json",
        ".tantivy-meta.lock",
        ".tantivy-writer.lock",
    ];
    let segment = name
        .split('.')
        .next()
        .is_some_and(|stem| stem.len() == 32 && stem.chars().all(|c| c.is_ascii_hexdigit()));
    OURS.contains(&name) || segment
}

/// Removes an unusable index. Only files tantivy makes are removed; a folder holding
/// anything else (a wrong `--index-dir`, the data folder) is refused, never emptied.
fn clear(dir: &Path) -> Result<(), SearchError> {
    let folder = |source| SearchError::Folder {
        path: dir.to_owned(),
        source,
    };
    let mut doomed = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(folder)? {
        let entry = entry.map_err(folder)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "README.md" || name == ".gitignore" {
            continue;
        }
        if !is_index_file(&name) || entry.path().is_dir() {
            return Err(SearchError::Folder {
                path: dir.to_owned(),
                source: std::io::Error::other(format!(
                    "holds {name}, which is not part of a search index; point --index-dir at a folder of its own"
                )),
            });
        }
        doomed.push(entry.path());
    }
    for path in doomed {
        std::fs::remove_file(&path).map_err(folder)?;
    }
    Ok(())
}
