//! The office coordinates of a segment, decoded once into a plain array. Every search near a
//! place tests the distance of each candidate in the grid cells around it; reading two
//! compressed fast-field columns per candidate was an eighth of the server's CPU under load.
//! Segments never change, so an entry keyed by segment id stays true; entries of segments
//! that are gone are dropped whenever a new one is added.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;
use tantivy::{DocId, SegmentReader};

/// Offices of one segment: `[lat, lon]` per document, NaN where there is no public office.
pub struct Offices(Vec<[f32; 2]>);

impl Offices {
    /// The office of `doc` (NaN when none).
    pub fn at(&self, doc: DocId) -> (f64, f64) {
        let [lat, lon] = self.0.get(doc as usize).copied().unwrap_or([f32::NAN; 2]);
        (f64::from(lat), f64::from(lon))
    }
}

/// The cache, shared by the searches.
#[derive(Default)]
pub struct OfficeCache {
    segments: Mutex<HashMap<SegmentId, Arc<Offices>>>,
}

impl OfficeCache {
    /// The offices of `segment`, decoded on first use. `live` lists the segments of the
    /// searcher in use; others are forgotten when an entry is added.
    pub fn get(&self, segment: &SegmentReader, live: &[SegmentId]) -> tantivy::Result<Arc<Offices>> {
        let id = segment.segment_id();
        if let Some(found) = self.segments.lock().ok().and_then(|m| m.get(&id).cloned()) {
            return Ok(found);
        }
        let fast = segment.fast_fields();
        // A segment with no public office at all (one confidential listing written by an
        // edit) has no coordinate columns: every document is "no office".
        let lat = fast
            .column_opt::<f64>("lat")?
            .map(|c| c.first_or_default_col(f64::NAN));
        let lon = fast
            .column_opt::<f64>("lon")?
            .map(|c| c.first_or_default_col(f64::NAN));
        let offices = Arc::new(Offices(match (lat, lon) {
            (Some(lat), Some(lon)) => (0..segment.max_doc())
                .map(|doc| [lat.get_val(doc) as f32, lon.get_val(doc) as f32])
                .collect(),
            _ => vec![[f32::NAN; 2]; segment.max_doc() as usize],
        }));
        if let Ok(mut map) = self.segments.lock() {
            map.retain(|k, _| live.contains(k));
            map.insert(id, offices.clone());
        }
        Ok(offices)
    }
}
