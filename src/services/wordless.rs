//! The results of searches without words — a need tile, a filter, their pages — kept while
//! they stay true. Such a search is the same for everyone near a place and the page people
//! open most, so it is answered once: for the minute it was run in (opening hours, "open
//! now" and the ranking by them turn on the minute) and while the index is unchanged (an
//! edit shows at once). Words are never kept: a search with text always runs afresh, so
//! nobody's words stay in memory (the place a tile was asked for stays for its minute).

use std::collections::HashMap;
use std::sync::Mutex;

use super::find::{Find, Found, Whereabouts};
use crate::domain::finding::Filters;

/// Most searches kept for a minute (a page of results each, its listings shared with the
/// index's cache).
const MOST: usize = 1_024;

/// What makes two wordless searches the same.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) struct Key {
    place: String,
    radius_bits: Option<u64>,
    filters: Filters,
    page: usize,
    limit: usize,
    minute: i64,
    generation: u64,
}

impl Key {
    /// The key of `find` against the index generation (read only for a search without
    /// words); `None` when it has words.
    pub(super) fn of(find: &Find, generation: impl FnOnce() -> u64) -> Option<Key> {
        if !find.text.trim().is_empty() {
            return None;
        }
        let place = match &find.place {
            Whereabouts::Anywhere => String::new(),
            Whereabouts::Typed(text) => format!("typed {}", text.trim().to_lowercase()),
            Whereabouts::Point(p) => format!("point {:x} {:x}", p.lat.to_bits(), p.lon.to_bits()),
        };
        Some(Key {
            place,
            radius_bits: find.radius_km.map(f64::to_bits),
            filters: find.filters.clone(),
            page: find.page,
            limit: find.limit,
            minute: find.now.as_second().div_euclid(60),
            generation: generation(),
        })
    }
}

/// The wordless searches of the current minute.
#[derive(Default)]
pub(super) struct Wordless {
    kept: Mutex<HashMap<Key, Found>>,
}

impl Wordless {
    pub(super) fn get(&self, key: &Key) -> Option<Found> {
        self.kept.lock().ok()?.get(key).cloned()
    }

    /// Keeps `found` for `key`; a new minute or index generation empties the rest, which no
    /// search will ask for again.
    pub(super) fn keep(&self, key: Key, found: &Found) {
        let Ok(mut kept) = self.kept.lock() else {
            return;
        };
        let stale = kept
            .keys()
            .next()
            .is_some_and(|k| (k.minute, k.generation) != (key.minute, key.generation));
        if stale || kept.len() >= MOST {
            kept.clear();
        }
        kept.insert(key, found.clone());
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.kept.lock().map(|k| k.len()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tile(need: &str, now: &str) -> Find {
        Find {
            text: String::new(),
            place: Whereabouts::Typed("Houston, TX".into()),
            radius_km: None,
            filters: Filters {
                needs: vec![need.into()],
                ..Filters::default()
            },
            page: 1,
            limit: 10,
            now: now.parse().unwrap(),
        }
    }

    fn found() -> Found {
        Found {
            place: None,
            radius_km: 40.0,
            results: crate::domain::finding::SearchResults {
                total: 0,
                hits: Vec::new(),
                needs_read: Vec::new(),
                corrections: Vec::new(),
            },
        }
    }

    #[test]
    fn words_are_never_kept_and_a_tile_is_kept_for_its_minute_and_generation() {
        let mut with_words = tile("shelter", "2026-12-04T10:00:05Z");
        with_words.text = "i need a bed".into();
        assert_eq!(Key::of(&with_words, || 1), None);

        let kept = Wordless::default();
        let key = Key::of(&tile("shelter", "2026-12-04T10:00:05Z"), || 1).unwrap();
        kept.keep(key, &found());
        let same_minute = Key::of(&tile("shelter", "2026-12-04T10:00:59Z"), || 1).unwrap();
        assert!(kept.get(&same_minute).is_some());
        assert!(
            kept.get(&Key::of(&tile("food", "2026-12-04T10:00:30Z"), || 1).unwrap())
                .is_none()
        );
        assert!(
            kept.get(&Key::of(&tile("shelter", "2026-12-04T10:01:00Z"), || 1).unwrap())
                .is_none()
        );
        assert!(
            kept.get(&Key::of(&tile("shelter", "2026-12-04T10:00:30Z"), || 2).unwrap())
                .is_none()
        );

        // The next minute's first search empties the last minute's.
        let next = Key::of(&tile("food", "2026-12-04T10:01:00Z"), || 1).unwrap();
        kept.keep(next, &found());
        assert_eq!(kept.len(), 1);
        assert!(kept.get(&same_minute).is_none());
    }
}
