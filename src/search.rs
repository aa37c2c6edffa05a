//! The search index under `index/`: derived from the database, never the other way round.
//! The only module that imports tantivy.
//!
//! One writer for the process (created when first needed), one reader, a searcher per
//! query. Every commit carries the database's change sequence as its payload, so a stale,
//! missing or corrupt index is found at start and rebuilt from the database.

pub mod analysis;
pub mod embedding;
mod listings;
mod offices;
mod query;
pub mod ranking;
mod schema;
mod shapes;
mod union;
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
pub const INDEX_FORMAT: u32 = 5;

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
    /// What single-listing updates applied since the last rebuild (locked with `writer`).
    applied: Mutex<Applied>,
    fields: Fields,
    vocabulary: Vocabulary,
    /// Built once: the lenient parser over the name and text fields, names boosted.
    parser: tantivy::query::QueryParser,
    /// Office coordinates per segment, decoded once (see `offices`).
    offices: std::sync::Arc<offices::OfficeCache>,
    /// The listings of recent hits, decoded once (see `listings`).
    listings: listings::ListingCache,
    /// Drawn service areas per segment, made into shapes once (see `shapes`).
    shapes: std::sync::Arc<shapes::ShapeCache>,
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

    /// An index in memory, for the unit tests.
    #[cfg(test)]
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
            applied: Mutex::default(),
            fields,
            vocabulary: Vocabulary::new(Taxonomy::builtin()),
            parser,
            offices: Default::default(),
            listings: Default::default(),
            shapes: Default::default(),
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

    /// The bytes the live segments take (0 if tantivy cannot say).
    pub fn size_bytes(&self) -> u64 {
        self.reader
            .searcher()
            .space_usage()
            .map(|u| u.total().get_bytes())
            .unwrap_or(0)
    }

    /// Number of listings in the index.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Every listing the index holds as searches see it now, in id order: for tools that
    /// compare the index with the database (the crash bench); searches never need it.
    pub fn listings(&self) -> Result<Vec<Listing>, SearchError> {
        use tantivy::schema::Value as _;
        let searcher = self.reader.searcher();
        let mut out = Vec::with_capacity(self.len() as usize);
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc in segment.doc_ids_alive() {
                let d: TantivyDocument = searcher.doc(tantivy::DocAddress::new(ord as u32, doc))?;
                let bytes = d
                    .get_first(self.fields.doc)
                    .and_then(|v| v.as_bytes())
                    .unwrap_or_default();
                out.push(serde_json::from_slice(bytes).map_err(|e| SearchError::Document(e.to_string()))?);
            }
        }
        out.sort_by(|a: &Listing, b| a.id.cmp(&b.id));
        Ok(out)
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
        // The rebuild holds every change up to `seq`: updates of later ones still count.
        if let Ok(mut applied) = self.applied.lock() {
            applied.ahead.retain(|s| *s > seq);
            applied.newest.retain(|_, s| *s > seq);
        }
        // A rebuilt index is read far more than written: one segment answers fastest.
        let segments = self.index.searchable_segment_ids().map_err(SearchError::from)?;
        if segments.len() > 1 {
            writer.merge(&segments).wait().map_err(SearchError::from)?;
        }
        self.reader.reload().map_err(SearchError::from)?;
        Ok(Ok(seq))
    }

    /// The change this index is stamped with, when this binary built it from `database`.
    pub fn indexed_seq(&self, database: &str) -> Option<u64> {
        let prefix = format!("v{INDEX_FORMAT}:{database}:");
        self.indexed_stamp()?.strip_prefix(&prefix)?.parse().ok()
    }

    /// Applies the listings changed after this index's stamp, each with the change that
    /// wrote it, read in one snapshot of the database at change `seq` — so no change up to
    /// `seq` is missing — and stamps `seq`: how a server follows what another server wrote
    /// to a shared database (issue 14). An older version never replaces a newer one.
    pub fn catch_up(&self, database: &str, seq: u64, changed: &[(u64, Listing)]) -> Result<(), SearchError> {
        let changed: Vec<(u64, &Listing)> = changed.iter().map(|(at, l)| (*at, l)).collect();
        self.apply(&changed, |applied| {
            applied.ahead.retain(|s| *s > seq);
            SearchIndex::stamp(database, seq)
        })
    }

    /// Replaces one listing (or adds it) with its version committed at change `seq` of
    /// `database`, commits and reloads the reader before returning: the next search sees it.
    /// No rebuild.
    ///
    /// Changes are committed to the database in one order and may arrive here in another
    /// (two edits at once). So an older version of a listing never replaces a newer one, and
    /// the stamp only moves up to a change when every change before it is in too: a stamp
    /// ahead of a missing change would be trusted by the next start after a crash, leaving
    /// that change out of search (issue 12).
    pub fn upsert(&self, database: &str, seq: u64, listing: &Listing) -> Result<(), SearchError> {
        self.apply(&[(seq, listing)], |applied| {
            applied.ahead.insert(seq);
            match self.indexed_seq(database) {
                Some(mut at) => {
                    while applied.ahead.remove(&(at + 1)) {
                        at += 1;
                    }
                    applied.ahead.retain(|s| *s > at);
                    SearchIndex::stamp(database, at)
                }
                // Built from another database or format: it stays behind, and is rebuilt at start.
                None => self.indexed_stamp().unwrap_or_default(),
            }
        })
    }

    /// Writes listings, each with the change that wrote it (an older version never replaces
    /// a newer one), commits with the stamp `stamp` makes of what is now applied, and reloads
    /// the reader: what [`SearchIndex::upsert`] and [`SearchIndex::catch_up`] share.
    fn apply(
        &self,
        changed: &[(u64, &Listing)],
        stamp: impl FnOnce(&mut Applied) -> String,
    ) -> Result<(), SearchError> {
        let mut guard = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        let mut applied = self.applied.lock().map_err(|_| SearchError::Poisoned)?;
        let writer = match guard.as_mut() {
            Some(w) => w,
            None => guard.insert(self.index.writer_with_num_threads(1, WRITER_MEMORY)?),
        };
        for (at, listing) in changed {
            if applied.newest.get(&listing.id).is_none_or(|newest| newest < at) {
                writer.delete_term(tantivy::Term::from_field_text(self.fields.id, &listing.id));
                writer.add_document(self.document(listing))?;
                applied.newest.insert(listing.id.clone(), *at);
            }
        }
        let payload = stamp(&mut applied);
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&payload);
        commit.commit()?;
        self.reader.reload()?;
        Ok(())
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
        let access = [
            (!l.conditions.is_empty(), schema::access::CONDITIONAL),
            (
                l.capacity.as_ref().is_some_and(|c| c.available == 0),
                schema::access::FULL,
            ),
            (
                l.capacity.as_ref().is_some_and(|c| c.available > 0),
                schema::access::SPACE,
            ),
        ];
        d.add_u64(
            f.access,
            access.iter().filter(|(on, _)| *on).map(|(_, bit)| bit).sum(),
        );
        // Who it serves by gender: the HSDS attribute, else what its name says ("Men's
        // Emergency Beds", "Housing for Young Women"); a name naming none serves everyone.
        let genders = crate::domain::gender::read(l.genders.as_deref().unwrap_or(&l.name));
        if genders.is_empty() {
            d.add_text(f.gender, schema::ANY_GENDER);
        }
        for g in genders {
            d.add_text(f.gender, g.code());
        }
        for lang in &l.languages {
            d.add_text(f.lang, lang);
        }
        // Every place term, kept to be joined with each need below.
        let mut places: Vec<(&str, String)> = Vec::new();
        if l.area.national {
            places.push(("area", "US".to_owned()));
        }
        for s in &l.area.states {
            places.push(("area", format!("US-{s}")));
        }
        d.add_u64(f.age_min, l.min_age.unwrap_or(0).into());
        d.add_u64(f.age_max, l.max_age.unwrap_or(200).into());
        // Every document carries every coordinate column (dense columns read fastest); a
        // service with no office or circle gets the NOWHERE point, never within any radius.
        let office = l.office.as_ref().and_then(|o| o.point);
        let o = office.unwrap_or(schema::NOWHERE);
        d.add_f64(f.lat, o.lat);
        d.add_f64(f.lon, o.lon);
        // Every office is found under its cells; the first is the `lat`/`lon` columns, the
        // others one multi-valued column.
        let others = l.other_offices.iter().filter_map(|o| o.point);
        for p in office.into_iter().chain(others.clone()) {
            for level in 0..schema::CELL_SIZES.len() {
                places.push(("cell", schema::cell(level, p.lat, p.lon)));
            }
        }
        for p in others {
            d.add_u64(f.other_offices, schema::pack_circle(p.lat, p.lon, 0.0));
        }
        for circle in &l.area.circles {
            d.add_u64(
                f.circles,
                schema::pack_circle(circle.center.lat, circle.center.lon, circle.km),
            );
            let (lat0, lat1, lon0, lon1) = circle.center.bounding_box(circle.km);
            for cell in schema::cells(lat0, lat1, lon0, lon1, query::MAX_CELLS) {
                places.push(("area_cell", cell));
            }
        }
        for shape in &l.area.shapes {
            let (lat0, lat1, lon0, lon1) = shape.bounding_box();
            for cell in schema::cells(lat0, lat1, lon0, lon1, query::MAX_CELLS) {
                places.push(("area_cell", cell));
            }
        }
        if !l.area.shapes.is_empty() {
            d.add_text(f.flag, flag::SHAPE);
        }
        for (field, place) in &places {
            let own = match *field {
                "area" => f.area,
                "cell" => f.cell,
                _ => f.area_cell,
            };
            d.add_text(own, place);
            for n in &l.needs {
                d.add_text(f.need_place, schema::need_place(n, field, place));
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
        for c in &l.closures {
            let (from, to) = (query::day_number(Some(&c.from)), query::day_number(Some(&c.to)));
            if from >= 0 && to >= from {
                d.add_u64(f.closed, ((from as u64) << 32) | to as u64);
            }
        }
        d.add_bytes(f.doc, serde_json::to_vec(l).unwrap_or_default().as_slice());
        d
    }
}

/// Single-listing updates since the last rebuild: the changes applied above the stamp (not
/// yet contiguous with it), and the newest change applied per listing.
#[derive(Default)]
struct Applied {
    ahead: std::collections::BTreeSet<u64>,
    newest: std::collections::HashMap<String, u64>,
}

/// Stored documents are small listings read 10–20 at a time per query: decompressing (or
/// copying) a big block for each costs more than the disk it saves, so the store is
/// uncompressed, in small blocks.
fn settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::None,
        // A hit reads its whole block: 16 KB by default, for a listing of 2 or 3 KB, was a
        // copy of about 13 KB too many per hit (memmove was a twentieth of a search).
        docstore_blocksize: 4_096,
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

#[cfg(test)]
pub(crate) mod tests {
    //! Indexing tests, and the helpers the search tests share.

    use super::*;
    use crate::domain::{Office, WeeklyHours};
    use crate::geo::{Point, ServiceArea};
    use tantivy::schema::Value;

    /// A plain active listing: no office, no conditions, never verified.
    pub(crate) fn listing(id: &str, name: &str, needs: &[&str]) -> Listing {
        Listing {
            id: id.into(),
            name: name.into(),
            organization_id: format!("org-{id}"),
            organization: "Test Org".into(),
            description: "Open to all.".into(),
            eligibility: None,
            application_process: None,
            fees: None,
            url: None,
            needs: needs.iter().map(|n| (*n).to_owned()).collect(),
            needs_inferred: false,
            conditions: Vec::new(),
            min_age: None,
            max_age: None,
            languages: vec!["en".into()],
            genders: None,
            culturally_specific: None,
            walk_in: false,
            open_24_7: false,
            phone_only: false,
            wheelchair_accessible: false,
            survivor_led: false,
            lgbtq_affirming: false,
            confidential: false,
            sample: false,
            status: "active".into(),
            phones: Vec::new(),
            office: None,
            other_offices: Vec::new(),
            area: ServiceArea::default(),
            hours: WeeklyHours::default(),
            closures: Vec::new(),
            time_zone: None,
            capacity: None,
            verified: None,
        }
    }

    /// The listing with a public office at a point.
    pub(super) fn at(mut l: Listing, lat: f64, lon: f64) -> Listing {
        l.office = Some(Office {
            name: None,
            address: vec!["1 Main St".into()],
            locality: None,
            point: Some(Point { lat, lon }),
        });
        l
    }

    /// An index in RAM holding `listings`, stamped as read from database "db" at change 1.
    pub(super) fn index_of(listings: &[Listing]) -> SearchIndex {
        let index = SearchIndex::in_memory().unwrap();
        index
            .rebuild("db", |each| {
                listings.iter().cloned().for_each(each);
                Ok::<u64, std::convert::Infallible>(1)
            })
            .unwrap()
            .unwrap();
        index
    }

    /// Names of the hits, best first.
    pub(super) fn names(index: &SearchIndex, req: &SearchRequest) -> Vec<String> {
        let results = index.search(req).unwrap();
        results.hits.into_iter().map(|h| h.listing.name.clone()).collect()
    }

    #[test]
    fn a_rebuild_replaces_the_content_and_stamps_the_sequence() {
        let index = SearchIndex::in_memory().unwrap();
        assert_eq!(index.indexed_stamp(), None);
        let all = [listing("a", "Alpha", &[]), listing("b", "Beta", &[])];
        index
            .rebuild("db1", |each| {
                all.iter().cloned().for_each(each);
                Ok::<u64, std::convert::Infallible>(4)
            })
            .unwrap()
            .unwrap();
        assert_eq!(index.len(), 2);
        assert_eq!(index.indexed_stamp(), Some(SearchIndex::stamp("db1", 4)));
        let generation = index.generation();

        index
            .rebuild("db1", |each| {
                each(listing("b", "Beta", &[]));
                Ok::<u64, std::convert::Infallible>(5)
            })
            .unwrap()
            .unwrap();
        assert_eq!(index.len(), 1);
        assert_ne!(index.generation(), generation);
        assert_eq!(names(&index, &SearchRequest::text("")), ["Beta"]);
        assert_eq!(index.indexed_stamp(), Some(SearchIndex::stamp("db1", 5)));
    }

    #[test]
    fn a_failed_read_leaves_the_index_as_it_was() {
        let index = index_of(&[listing("a", "Alpha", &[])]);
        let failed = index.rebuild("db", |each| {
            each(listing("z", "Zulu", &[]));
            Err("the database went away")
        });
        assert!(matches!(failed, Ok(Err("the database went away"))));
        assert_eq!(names(&index, &SearchRequest::text("")), ["Alpha"]);
        assert_eq!(index.indexed_stamp(), Some(SearchIndex::stamp("db", 1)));
    }

    /// A confidential shelter as a provider would publish it, with its real address.
    const CONFIDENTIAL: &str = r#"{
        "id": "3f1e2d3c-0000-4000-8000-000000000001", "name": "Safe Harbor House",
        "description": "Confidential shelter for survivors.", "status": "active",
        "organization": {"id": "3f1e2d3c-0000-4000-8000-000000000002", "name": "Safe Harbor Org",
            "description": "Fictional."},
        "attributes": [
            {"id": "3f1e2d3c-0000-4000-8000-000000000003", "taxonomy_term": {
                "id": "3f1e2d3c-0000-4000-8000-000000000004", "code": "shelter.emergency",
                "name": "shelter", "description": "shelter", "taxonomy": "pathways-needs"}},
            {"id": "3f1e2d3c-0000-4000-8000-000000000005", "taxonomy_term": {
                "id": "3f1e2d3c-0000-4000-8000-000000000006", "code": "confidential_location",
                "name": "confidential", "description": "confidential", "taxonomy": "pathways-attributes"}}
        ],
        "service_at_locations": [{"id": "3f1e2d3c-0000-4000-8000-000000000007", "location": {
            "id": "3f1e2d3c-0000-4000-8000-000000000008", "location_type": "physical",
            "latitude": 29.812345, "longitude": -95.287654,
            "addresses": [{"id": "3f1e2d3c-0000-4000-8000-000000000009",
                "address_1": "7 Canary Hideaway Lane", "city": "Houston", "state_province": "TX",
                "postal_code": "77020", "country": "US", "address_type": "physical"}]}}]
    }"#;

    #[test]
    fn a_confidential_location_leaves_no_address_or_coordinate_in_the_index() {
        let vocabulary = Vocabulary::new(Taxonomy::builtin());
        let cx = crate::hsds::Context {
            gazetteer: crate::geo::Gazetteer::builtin(),
            inference: &vocabulary,
        };
        let doc = crate::hsds::parse_document(Path::new("c.json"), CONFIDENTIAL, &cx).unwrap();
        let index = index_of(&[doc.services[0].listing.clone()]);

        let searcher = index.reader.searcher();
        let stored: TantivyDocument = searcher.doc(tantivy::DocAddress::new(0, 0)).unwrap();
        // The stored listing (JSON bytes) and every other stored field.
        let listing = stored
            .get_first(index.fields.doc)
            .and_then(|v| v.as_bytes())
            .unwrap();
        let json = String::from_utf8(listing.to_vec()).unwrap();
        assert!(json.contains("Safe Harbor House"), "{json}");
        let others = tantivy::schema::document::Document::to_json(&stored, &index.index.schema());
        for secret in ["Canary", "77020", "29.812345", "95.287654"] {
            assert!(!json.contains(secret), "{secret} stored: {json}");
            assert!(!others.contains(secret), "{secret} stored: {others}");
        }
        // No office coordinate and no grid cell of the house.
        let fast = searcher.segment_reader(0).fast_fields();
        let lat = fast.f64("lat").unwrap().first_or_default_col(0.0);
        assert_eq!(lat.get_val(0), schema::NOWHERE.lat);
        let cell = |level| {
            let term = tantivy::Term::from_field_text(
                index.fields.cell,
                &schema::cell(level, 29.812345, -95.287654),
            );
            searcher.doc_freq(&term).unwrap()
        };
        assert_eq!((cell(0), cell(1)), (0, 0));
        // Still found near Houston, by its area, with no distance to show.
        let mut near = SearchRequest::text("");
        near.near = Some(Near {
            point: Point {
                lat: 29.81,
                lon: -95.29,
            },
            state: Some("TX".into()),
            radius_km: 5.0,
            time_zone: None,
        });
        let hits = index.search(&near).unwrap().hits;
        assert_eq!(hits.len(), 1);
        assert!(hits[0].reaches_by_area && hits[0].distance_km.is_none());
    }
}
