//! Listing embeddings as stored: one vector per service with the content hash it was
//! computed from. Storage only: which text is embedded, the hash and the model belong to
//! search; deciding when to compute belongs to services.

use std::collections::HashMap;

use crate::store::sql::{Sql, params};

use super::{Store, StoreError};

/// A content hash (SHA-256).
pub type ContentHash = [u8; 32];

impl Store {
    /// The content hash of every stored embedding, by service id.
    pub fn embedding_hashes(&self) -> Result<HashMap<String, ContentHash>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare("SELECT service_id, content_hash FROM listing_embeddings")?;
        let rows = stmt.query_map((), |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, hash) = row?;
            // A hash of another length cannot match any: the embedding is recomputed.
            if let Ok(hash) = ContentHash::try_from(hash.as_slice()) {
                out.insert(id, hash);
            }
        }
        Ok(out)
    }

    /// Stores (or replaces) embeddings in one transaction.
    pub fn put_embeddings(&self, rows: &[(String, ContentHash, Vec<f32>)]) -> Result<(), StoreError> {
        let conn = self.write()?;
        let tx = conn.unchecked_transaction()?;
        {
            let mut stmt = tx.prepare(
                "INSERT INTO listing_embeddings (service_id, content_hash, vector) VALUES (?1, ?2, ?3)
                 ON CONFLICT (service_id) DO UPDATE
                 SET content_hash = excluded.content_hash, vector = excluded.vector",
            )?;
            for (id, hash, vector) in rows {
                let bytes: Vec<u8> = vector.iter().flat_map(|x| x.to_le_bytes()).collect();
                stmt.execute(params![id, hash.as_slice(), bytes])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every stored embedding, by service id (read once at start for the reranker).
    pub fn embeddings(&self) -> Result<HashMap<String, Vec<f32>>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare("SELECT service_id, vector FROM listing_embeddings")?;
        let rows = stmt.query_map((), |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, bytes) = row?;
            let vector = bytes
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect();
            out.insert(id, vector);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_embedding_round_trips_and_a_new_hash_replaces_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        assert!(store.embedding_hashes().unwrap().is_empty());
        store
            .put_embeddings(&[("s1".into(), [1; 32], vec![0.5, -0.25, 1.0])])
            .unwrap();
        assert_eq!(store.embedding_hashes().unwrap()["s1"], [1; 32]);
        assert_eq!(store.embeddings().unwrap()["s1"], vec![0.5, -0.25, 1.0]);

        store
            .put_embeddings(&[("s1".into(), [2; 32], vec![1.0, 0.0, 0.0])])
            .unwrap();
        assert_eq!(store.embedding_hashes().unwrap().len(), 1);
        assert_eq!(store.embedding_hashes().unwrap()["s1"], [2; 32]);
        assert_eq!(store.embeddings().unwrap()["s1"], vec![1.0, 0.0, 0.0]);
    }
}
