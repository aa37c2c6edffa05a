//! The meaning stage (issue 16): search's own geo-filtered top [`CANDIDATES`] for an English
//! query, reordered by reciprocal-rank fusion of the lexical order with the order of meaning,
//! weighted [`MEANING_WEIGHT`] (the cosine of the query's embedding — after search's spelling corrections — with each
//! listing's stored embedding). Spanish queries keep the lexical order: the model reads
//! English only. Listings without an embedding yet keep their lexical rank's share only, so
//! search works, lexically, while embeddings are still being computed in the background.

use std::collections::{HashMap, VecDeque};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, RwLock};

use crate::domain::finding::Hit;
use crate::search::embedding::{Embedder, Embedding, Encoder, StaticTable, similarity};

use super::{AppError, Directory};

/// Lexical hits reordered by meaning.
pub const CANDIDATES: usize = 50;
/// Reciprocal-rank fusion's constant: `1 / (k + rank)` from each order.
pub const RRF_K: f32 = 60.0;
/// How much the order of meaning counts against the lexical order in the fusion. Measured
/// with `pathways eval-relevance` (k 60): at 1 the lexical order of a dozen candidates
/// decided nearly every tie, and plain speech that names no service ("someone to talk to
/// right now its 3am") kept its best answer tenth; at 2, blind2's success@3 rose from 0.917
/// to 0.967 (P@5 0.811 -> 0.850) and the need-judged holdout set fell from 0.950 to 0.925
/// (two queries in sparse places where national lines fill the candidates); above 2 both fell.
pub const MEANING_WEIGHT: f32 = 2.0;
/// Query embeddings kept (most recent first out last).
const CACHE: usize = 2048;

/// The loaded model, the listings' embeddings and a cache of queries' embeddings.
pub struct Meaning {
    encoder: Box<dyn Encoder>,
    vectors: RwLock<HashMap<String, Embedding>>,
    /// The directory's change sequence the embeddings were last brought up to (`u64::MAX`:
    /// never), so a refresh with nothing changed reads no listing.
    refreshed_at: AtomicU64,
    queries: Mutex<(HashMap<String, Embedding>, VecDeque<String>)>,
}

impl std::fmt::Debug for Meaning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Meaning").finish_non_exhaustive()
    }
}

impl Meaning {
    /// Loads the encoder from `model_dir`: the shipped static table, or the model itself;
    /// no listing embedding yet (see [`Directory::load_meaning`]).
    pub fn load(model_dir: &Path, encoding: Encoding) -> Result<Meaning, AppError> {
        let wrap = |e| AppError::Embedding(Box::new(e));
        let encoder: Box<dyn Encoder> = match encoding {
            Encoding::Static => Box::new(StaticTable::load(model_dir).map_err(wrap)?),
            Encoding::Model => Box::new(Embedder::load(model_dir).map_err(wrap)?),
        };
        Ok(Meaning {
            encoder,
            vectors: RwLock::new(HashMap::new()),
            refreshed_at: AtomicU64::new(u64::MAX),
            queries: Mutex::new((HashMap::new(), VecDeque::new())),
        })
    }

    /// What embeds listings and queries.
    pub fn encoder(&self) -> &dyn Encoder {
        self.encoder.as_ref()
    }

    /// Replaces the listings' embeddings held in memory.
    pub fn set_vectors(&self, vectors: HashMap<String, Embedding>) {
        if let Ok(mut v) = self.vectors.write() {
            *v = vectors;
        }
    }

    /// `hits` (in lexical order) reordered by fusing it with the order of meaning for `query`.
    /// A service asked for by name or role keeps its place (see `Hit::asked_by_name`): the
    /// words said which one, and the model reads them less surely ("I was trafficked and need
    /// help" put the trafficking hotline below the domestic violence one).
    pub fn rerank(&self, query: &str, hits: Vec<Hit>) -> Vec<Hit> {
        let Some(q) = self.query_vector(query) else {
            return hits;
        };
        let Ok(vectors) = self.vectors.read() else {
            return hits;
        };
        let sims: Vec<Option<f32>> = hits
            .iter()
            .map(|h| vectors.get(&h.listing.id).map(|v| similarity(&q, v)))
            .collect();
        let mut by_meaning: Vec<usize> = (0..hits.len()).filter(|&i| sims[i].is_some()).collect();
        by_meaning.sort_by(|&a, &b| sims[b].unwrap_or(0.0).total_cmp(&sims[a].unwrap_or(0.0)));
        let mut fused: Vec<f32> = (0..hits.len()).map(|i| 1.0 / (RRF_K + i as f32 + 1.0)).collect();
        for (rank, &i) in by_meaning.iter().enumerate() {
            fused[i] += MEANING_WEIGHT / (RRF_K + rank as f32 + 1.0);
        }
        // The others fill the places left, in the fused order.
        let free: Vec<usize> = (0..hits.len()).filter(|&i| !hits[i].asked_by_name).collect();
        let mut moving = free.clone();
        moving.sort_by(|&a, &b| fused[b].total_cmp(&fused[a]).then(a.cmp(&b)));
        let mut order: Vec<usize> = (0..hits.len()).collect();
        for (place, i) in free.into_iter().zip(moving) {
            order[place] = i;
        }
        let mut slots: Vec<Option<Hit>> = hits.into_iter().map(Some).collect();
        order.into_iter().filter_map(|i| slots[i].take()).collect()
    }

    /// The cosine of `query` with each listing in `ids` (none for a listing not embedded
    /// yet), as the reranker sees them: for explaining an order.
    pub fn similarities(&self, query: &str, ids: &[&str]) -> Vec<Option<f32>> {
        let q = self.query_vector(query);
        let vectors = self.vectors.read().ok();
        ids.iter()
            .map(|id| Some(similarity(q.as_ref()?, vectors.as_ref()?.get(*id)?)))
            .collect()
    }

    /// The query's embedding, from the cache when asked before.
    fn query_vector(&self, query: &str) -> Option<Embedding> {
        let key = query.trim().to_lowercase();
        if let Ok(cache) = self.queries.lock()
            && let Some(v) = cache.0.get(&key)
        {
            return Some(v.clone());
        }
        let v = self.encoder.embed_one(&key).ok()?;
        if let Ok(mut cache) = self.queries.lock() {
            let (map, order) = &mut *cache;
            if map.len() >= CACHE
                && let Some(old) = order.pop_front()
            {
                map.remove(&old);
            }
            map.insert(key.clone(), v.clone());
            order.push_back(key);
        }
        Some(v)
    }
}

/// Whether a query reads as Spanish (the model reads English only): Spanish letters or
/// punctuation, or a word only Spanish uses often.
pub fn looks_spanish(query: &str) -> bool {
    // Not "me", "un", "al", "el", "la", "mi": English has them too ("walk me through",
    // "shelter in LA").
    const WORDS: &[&str] = &[
        "necesito", "quiero", "ayuda", "donde", "dónde", "para", "mis", "con", "sin", "los", "las", "una",
        "yo", "que", "qué", "por", "del", "y", "en", "de", "estoy", "tengo", "hijos", "trabajo", "papeles",
        "lugar", "dormir", "comida", "abogado", "miedo",
    ];
    query.chars().any(|c| "áéíóúñ¿¡ü".contains(c))
        || query
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| WORDS.contains(&w))
}

/// What the meaning stage embeds with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// The static table distilled from the model (the default: a query in microseconds).
    Static,
    /// The model itself (a forward pass a query; for comparison).
    Model,
}

/// Where the shipped model lives under a listings folder (`--directory`).
pub fn model_dir(listings: &Path) -> std::path::PathBuf {
    listings.join(crate::search::embedding::MODEL_DIR)
}

/// Distils the static table from the model in `model_dir` and writes it there.
pub fn distil(model_dir: &Path) -> Result<(), AppError> {
    let wrap = |e| AppError::Embedding(Box::new(e));
    let table = Embedder::load(model_dir).map_err(wrap)?.distil().map_err(wrap)?;
    table.save(model_dir).map_err(wrap)?;
    // A file of the shipped directory: readable by whoever runs the server.
    let path = model_dir.join(crate::search::embedding::STATIC_TABLE);
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o644)).map_err(|e| {
        AppError::Embedding(Box::new(crate::search::embedding::EmbeddingError::Io {
            path,
            source: e,
        }))
    })
}

impl Directory {
    /// Turns the meaning stage on with the model in `model_dir`: listings already embedded
    /// are used at once; `refresh` then embeds the missing ones (call it from a background
    /// thread: search stays lexical for those meanwhile).
    pub fn load_meaning(&self, model_dir: &Path, encoding: Encoding) -> Result<(), AppError> {
        let meaning = Meaning::load(model_dir, encoding)?;
        meaning.set_vectors(self.store.embeddings()?);
        let _ = self.meaning.set(meaning);
        Ok(())
    }

    /// Embeds the listings that have none (or whose text changed) and puts them to use;
    /// `progress(done, to_do)` after each batch. Nothing when the stage is off, and no
    /// listing read when the directory has not changed since the last refresh.
    pub fn refresh_meaning(&self, progress: impl FnMut(usize, usize)) -> Result<usize, AppError> {
        let Some(meaning) = self.meaning.get() else {
            return Ok(0);
        };
        let seq = self.store.change_seq()?;
        if meaning.refreshed_at.load(Ordering::Relaxed) == seq {
            return Ok(0);
        }
        let report = self.refresh_embeddings(meaning.encoder(), progress)?;
        meaning.refreshed_at.store(seq, Ordering::Relaxed);
        if report.embedded > 0 {
            meaning.set_vectors(self.store.embeddings()?);
        }
        Ok(report.embedded)
    }

    /// Whether the meaning stage is on.
    pub fn meaning_on(&self) -> bool {
        self.meaning.get().is_some()
    }

    /// The meaning stage, when on.
    pub fn meaning(&self) -> Option<&Meaning> {
        self.meaning.get()
    }
}
