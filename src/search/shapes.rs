//! The drawn areas (GeoJSON polygons) of a segment's listings, made into `geo` shapes once.
//! Few listings have one, and a search tests them only for candidates found under the
//! searched point's grid cells, but building a shape from the stored listing per test would
//! parse the listing each time. Segments never change, so an entry keyed by segment id stays
//! true; entries of segments that are gone are dropped whenever a new one is added.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocId, DocSet, SegmentReader, TERMINATED, TantivyDocument, Term};

use crate::domain::Listing;
use crate::geo::Point;

/// The shapes of one segment, by document.
#[derive(Default)]
pub struct Shapes(HashMap<DocId, Vec<geo::MultiPolygon<f64>>>);

impl Shapes {
    /// Whether a drawn area of `doc` holds `point`.
    pub fn cover(&self, doc: DocId, point: Point) -> bool {
        self.0
            .get(&doc)
            .is_some_and(|shapes| shapes.iter().any(|s| crate::geo::shape::covers(s, point)))
    }
}

/// The cache, shared by the searches.
#[derive(Default)]
pub struct ShapeCache {
    segments: Mutex<HashMap<SegmentId, Arc<Shapes>>>,
}

impl ShapeCache {
    /// The shapes of `segment`: its documents marked by `marker` (a term only listings with
    /// a drawn area carry), read from their stored listing in `stored` on first use.
    pub fn get(
        &self,
        segment: &SegmentReader,
        live: &[SegmentId],
        marker: &Term,
        stored: Field,
    ) -> tantivy::Result<Arc<Shapes>> {
        let id = segment.segment_id();
        if let Some(found) = self.segments.lock().ok().and_then(|m| m.get(&id).cloned()) {
            return Ok(found);
        }
        let mut shapes = Shapes::default();
        let inverted = segment.inverted_index(marker.field())?;
        if let Some(mut postings) = inverted.read_postings(marker, IndexRecordOption::Basic)? {
            let store = segment.get_store_reader(1)?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let stored_doc: TantivyDocument = store.get(doc)?;
                let bytes = stored_doc.get_first(stored).and_then(|v| v.as_bytes());
                if let Some(listing) = bytes.and_then(|b| serde_json::from_slice::<Listing>(b).ok()) {
                    let drawn = listing.area.shapes.iter().map(|s| s.to_geo()).collect();
                    shapes.0.insert(doc, drawn);
                }
                doc = postings.advance();
            }
        }
        let shapes = Arc::new(shapes);
        if let Ok(mut map) = self.segments.lock() {
            map.retain(|k, _| live.contains(k));
            map.insert(id, shapes.clone());
        }
        Ok(shapes)
    }
}
