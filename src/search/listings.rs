//! The listings of recent hits, decoded once. A results page reads each hit's listing from
//! the index's document store: a block decompressed and the JSON parsed, about a tenth of a
//! search at 100k listings, for the same few hundred listings near each place again and
//! again. A document of a segment never changes (an edit writes a new one), so an entry
//! keyed by segment and document stays true; the cache is bounded and emptied when full.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::DocId;
use tantivy::index::SegmentId;

use crate::domain::Listing;

/// Most listings kept (a few kilobytes each).
const MOST: usize = 4_096;

/// The cache, shared by the searches.
#[derive(Default)]
pub struct ListingCache {
    entries: Mutex<HashMap<(SegmentId, DocId), Arc<Listing>>>,
}

impl ListingCache {
    /// The listing of `doc` in `segment`, decoded by `read` on first use.
    pub fn get<E>(
        &self,
        segment: SegmentId,
        doc: DocId,
        read: impl FnOnce() -> Result<Listing, E>,
    ) -> Result<Arc<Listing>, E> {
        let key = (segment, doc);
        if let Some(found) = self.entries.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(found);
        }
        let listing = Arc::new(read()?);
        if let Ok(mut map) = self.entries.lock() {
            // Emptied rather than evicted one by one: simple, and the next pages refill it
            // with what is being asked for now (segments gone go with it).
            if map.len() >= MOST {
                map.clear();
            }
            map.insert(key, listing.clone());
        }
        Ok(listing)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::listing;
    use super::*;

    #[test]
    fn a_listing_is_read_once_then_served_from_the_cache_until_it_is_full() {
        let cache = ListingCache::default();
        let segment = SegmentId::generate_random();
        let mut reads = 0;
        for _ in 0..3 {
            let got = cache.get(segment, 7, || {
                reads += 1;
                Ok::<_, ()>(listing("a", "A", &[]))
            });
            assert!(got.is_ok());
        }
        assert_eq!(reads, 1);
        for doc in 0..MOST as DocId {
            let _ = cache.get(segment, 100 + doc, || Ok::<_, ()>(listing("a", "A", &[])));
        }
        assert!(cache.entries.lock().unwrap().len() <= MOST);
        let _ = cache.get(segment, 7, || {
            reads += 1;
            Ok::<_, ()>(listing("a", "A", &[]))
        });
        assert_eq!(reads, 2, "emptied when full, then read again");
    }
}
