//! Keeping listing embeddings in step with the listings (issue 16): after an import or an
//! edit, only listings whose text changed (or that have none yet) reach the model; a
//! restart or a reindex reads the stored vectors back and calls it for nothing.
//!
//! Must not rank anything (search does) nor run the model on a request path: it is called
//! at import, at edit and from a background task.

use crate::search::embedding::{Encoder, content_hash, listing_text};
use crate::store::ContentHash;

use super::{AppError, Directory};

/// Listings embedded in one forward pass and written to the store at a time: progress
/// survives an interruption, and a batch costs about half of one pass per listing.
const BATCH: usize = 32;

/// What a refresh did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EmbeddingReport {
    /// Listings looked at.
    pub listings: usize,
    /// Listings embedded (missing or changed); the others were already up to date.
    pub embedded: usize,
}

impl Directory {
    /// Embeds every listing whose stored embedding is missing or was computed from other
    /// text; `progress(done, to_do)` is called after each batch stored.
    pub fn refresh_embeddings(
        &self,
        encoder: &dyn Encoder,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<EmbeddingReport, AppError> {
        let stored = self.store.embedding_hashes()?;
        let mut stale: Vec<(String, ContentHash, String)> = Vec::new();
        let mut listings = 0;
        self.store.for_each_listing(|listing| {
            listings += 1;
            let text = listing_text(&listing);
            let hash = content_hash(encoder.version(), &text);
            if stored.get(&listing.id) != Some(&hash) {
                stale.push((listing.id, hash, text));
            }
        })?;
        let to_do = stale.len();
        let mut done = 0;
        // Texts of like length batch together, so little of a batch is padding.
        stale.sort_by_key(|(_, _, text)| text.len());
        for chunk in stale.chunks(BATCH) {
            let texts: Vec<&str> = chunk.iter().map(|(_, _, text)| text.as_str()).collect();
            let vectors = encoder.embed_many(&texts)?;
            let rows: Vec<_> = chunk
                .iter()
                .zip(vectors)
                .map(|((id, hash, _), vector)| (id.clone(), *hash, vector))
                .collect();
            self.store.put_embeddings(&rows)?;
            done += rows.len();
            progress(done, to_do);
        }
        Ok(EmbeddingReport {
            listings,
            embedded: to_do,
        })
    }

    /// After one listing's edit: embeds it again if its text changed. Returns whether the
    /// model ran.
    pub fn refresh_embedding(&self, encoder: &dyn Encoder, id: &str) -> Result<bool, AppError> {
        let Some(listing) = self.store.listing(id)? else {
            return Ok(false);
        };
        let text = listing_text(&listing);
        let hash = content_hash(encoder.version(), &text);
        if self.store.embedding_hashes()?.get(id) == Some(&hash) {
            return Ok(false);
        }
        let vector = encoder.embed_one(&text)?;
        self.store.put_embeddings(&[(listing.id, hash, vector)])?;
        Ok(true)
    }
}
