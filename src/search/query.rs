//! Running a search: the words through the lenient parser and the needs vocabulary, the
//! place and the filters as required clauses, the blend of [`ranking`](super::ranking).

use std::ops::Bound;
use std::sync::Arc;

use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::doc_predicate_query::{DocPredicateQuery, FunctionPredicate};
use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentReader, TantivyDocument, Term};

use super::offices::Offices;
use super::ranking::{self, Reach};
use super::schema::{ANY_GENDER, NO_CONDITIONS, flag};
use super::shapes::Shapes;
use super::union::{Union, skipping};
use super::vocabulary::Reading;
use super::{SearchError, SearchIndex};
use crate::domain::Listing;
use crate::domain::finding::{Filters, Hit, SearchResults};
use crate::domain::hours::minute_of_week;
use crate::geo::Point;

/// Default search radius.
pub const DEFAULT_RADIUS_KM: f64 = 40.0;
/// Zone used for hours of a listing whose time zone is unknown and no place was searched.
const FALLBACK_ZONE: &str = "America/Chicago";
/// Most grid cells a place query may use before switching to the coarser grid.
pub const MAX_CELLS: usize = 36;
/// `verified_day` of a listing never verified.
const NEVER: i64 = -100_000;

/// Where to search around.
#[derive(Clone, Debug, PartialEq)]
pub struct Near {
    /// The point.
    pub point: Point,
    /// Its state, when known (for statewide services).
    pub state: Option<String>,
    /// Radius in km for offices.
    pub radius_km: f64,
    /// The place's IANA time zone: hours of services whose own zone is unknown are read in it.
    pub time_zone: Option<String>,
}

/// A search.
#[derive(Clone, Debug)]
pub struct SearchRequest {
    /// What was typed (may be empty).
    pub text: String,
    /// Around where.
    pub near: Option<Near>,
    /// Filters.
    pub filters: Filters,
    /// Hits to skip.
    pub offset: usize,
    /// Hits to return.
    pub limit: usize,
    /// The time "open now" and freshness are computed at.
    pub now: jiff::Timestamp,
}

impl SearchRequest {
    /// A search for `text` with no place or filter, first 10 hits, now.
    pub fn text(text: &str) -> SearchRequest {
        SearchRequest {
            text: text.to_owned(),
            near: None,
            filters: Filters::default(),
            offset: 0,
            limit: 10,
            now: jiff::Timestamp::now(),
        }
    }
}

impl SearchIndex {
    /// Runs a search. Words never cause an error: the lenient parser takes anything.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults, SearchError> {
        let reading = self.vocabulary.read_query(&req.text);
        let place_terms = req.near.as_ref().map(PlaceTerms::of);
        let relevance = self.relevance(&req.text, &reading, place_terms.as_ref());
        let mut clauses = vec![(Occur::Must, relevance)];
        let place = req
            .near
            .as_ref()
            .zip(place_terms.as_ref())
            .map(|(near, terms)| self.reach(near, terms, &req.filters.needs));
        for required in self.filters(req).into_iter().chain(place) {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(required, 0.0))));
        }
        // A service made for the gender asked for ("im a guy": a men's shelter) comes before
        // one for everyone: its words count as matching by ASKED_GENDER_WORDS more.
        for g in self.genders_asked(req) {
            let made_for = term(self.fields.gender, g.code());
            let boost = super::ranking::ASKED_GENDER_WORDS;
            clauses.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(Box::new(made_for), boost)),
            ));
        }
        for excluded in self.excluded(&req.filters) {
            clauses.push((
                Occur::MustNot,
                Box::new(TermQuery::new(excluded, IndexRecordOption::Basic)),
            ));
        }
        // Names matter only for how near an area-wide service counts: not without a place.
        let named_by = match req.near {
            Some(_) => self.name_terms(&req.text, &reading),
            None => Vec::new(),
        };
        let collector = self.ranked(req, &reading, named_by.clone());
        let searcher = self.reader.searcher();
        let (top, total) = searcher.search(&BooleanQuery::new(clauses), &(collector, Count))?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let segment = searcher.segment_reader(address.segment_ord).segment_id();
            let listing = self
                .listings
                .get(segment, address.doc_id, || self.listing_at(&searcher, address))?;
            let mut found = hit(listing, req, score);
            found.asked_by_name = found.reaches_by_area
                && (found.listing.area.national || !found.listing.area.states.is_empty())
                && self.name_holds(&found.listing.name, &named_by);
            hits.push(found);
        }
        Ok(SearchResults {
            total,
            hits,
            needs_read: reading.needs.into_iter().map(|n| n.code).collect(),
            corrections: reading.corrections,
        })
    }

    /// Whether `name`, analysed as the name field is, holds one of `terms` (the
    /// [`SearchIndex::name_terms`] the ranking read names by, for a page of hits).
    fn name_holds(&self, name: &str, terms: &[Term]) -> bool {
        if terms.is_empty() {
            return false;
        }
        let Ok(mut analyzer) = self.index.tokenizer_for_field(self.fields.name_en) else {
            return false;
        };
        let name = name.to_lowercase();
        let mut stream = analyzer.token_stream(&name);
        while stream.advance() {
            let token = stream.token().text.as_str();
            if terms.iter().any(|t| t.value().as_str() == Some(token)) {
                return true;
            }
        }
        false
    }

    /// The query's words that could name a service — not the filler people wrap a need in
    /// ("I need help with…") — as terms of the English name field.
    fn name_terms(&self, text: &str, reading: &Reading) -> Vec<Term> {
        let Ok(mut analyzer) = self.index.tokenizer_for_field(self.fields.name_en) else {
            return Vec::new();
        };
        let fixed = reading.corrections.iter().map(|(_, f)| f.as_str());
        let mut terms = Vec::new();
        for word in text.split(|c: char| !c.is_alphanumeric()).chain(fixed) {
            let lower = word.to_lowercase();
            if lower.is_empty() || super::vocabulary::is_filler(&lower) {
                continue;
            }
            let mut stream = analyzer.token_stream(&lower);
            while stream.advance() {
                let t = Term::from_field_text(self.fields.name_en, &stream.token().text);
                if !terms.contains(&t) {
                    terms.push(t);
                }
            }
        }
        terms
    }

    /// The one scored clause: the words and their corrections, or every listing when there
    /// are none. The needs read only widen the matches here: their weight is added in the
    /// ranking (see `ranking`), so words and needs stay apart.
    fn relevance(&self, text: &str, reading: &Reading, place: Option<&PlaceTerms>) -> Box<dyn Query> {
        if text.trim().is_empty() {
            return Box::new(AllQuery);
        }
        let mut text = text.to_owned();
        for (_, fixed) in &reading.corrections {
            text.push(' ');
            text.push_str(fixed);
        }
        // What a person typed is words, never query syntax: `need help:*`, `id:*` or an
        // unclosed quote must not reach the parser as fields, wildcards or phrases (they made
        // it fail, or search fields nobody meant). The tokenizer splits on the same characters.
        let words: String = text
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        // Filler ("where can I get … after what happened to me") only adds to the score of
        // what the other words or the needs found: alone it matched most of a large
        // directory, and every match is scored and counted (the search's p99 at 100k).
        let (filler, telling): (Vec<&str>, Vec<&str>) = words
            .split_whitespace()
            .partition(|w| super::vocabulary::is_filler(&w.to_lowercase()));
        if telling.is_empty() && reading.needs.is_empty() {
            return skipping(self.parser.parse_query_lenient(&words).0);
        }
        let (parsed, _ignored) = self.parser.parse_query_lenient(&telling.join(" "));
        let mut relevance: Vec<Box<dyn Query>> = vec![skipping(parsed)];
        // Services for the needs read match even without the words.
        // Near a place, only those that may reach it (the need joined with the place terms):
        // a need's services nationwide were thousands of matches for `reach` to drop.
        for n in &reading.needs {
            let served: Box<dyn Query> = match place {
                Some(p) => any(p.with_need(self.fields.need_place, &n.code)),
                None => Box::new(term(self.fields.need, &n.code)),
            };
            relevance.push(Box::new(ConstScoreQuery::new(served, 0.0)));
        }
        let found = Box::new(Union::new(relevance));
        if filler.is_empty() {
            return found;
        }
        let (adding, _ignored) = self.parser.parse_query_lenient(&filler.join(" "));
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, found),
            (Occur::Should, skipping(adding)),
        ]))
    }

    /// What the filters asked for, as queries every hit must match (`search` scores them 0,
    /// so a filter narrows the results and never moves the ranking).
    fn filters(&self, req: &SearchRequest) -> Vec<Box<dyn Query>> {
        let (f, fl) = (&self.fields, &req.filters);
        let mut required: Vec<Box<dyn Query>> = Vec::new();
        // Near a place, `reach` reads the needs with the place (see `need_place`).
        if !fl.needs.is_empty() && req.near.is_none() {
            required.push(any(fl.needs.iter().map(|n| term(f.need, n))));
        }
        if fl.no_conditions {
            required.push(Box::new(term(f.cond, NO_CONDITIONS)));
        }
        if let Some(age) = fl.age {
            required.push(Box::new(RangeQuery::new(
                Bound::Unbounded,
                Bound::Included(Term::from_field_u64(f.age_min, age.into())),
            )));
            required.push(Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_u64(f.age_max, age.into())),
                Bound::Unbounded,
            )));
        }
        if fl.national {
            required.push(Box::new(term(f.area, "US")));
        }
        if let Some(lang) = &fl.language {
            required.push(Box::new(term(f.lang, lang)));
        }
        // Who it is for: as chosen, else as the words say it ("im a guy", "trans woman",
        // "para mujeres"): services for that gender and those for everyone, never only for
        // another gender.
        let genders = self.genders_asked(req);
        if !genders.is_empty() {
            let codes = genders.iter().map(|g| g.code()).chain([ANY_GENDER]);
            required.push(any(codes.map(|c| term(f.gender, c))));
        }
        for (on, name) in [
            (fl.free, flag::FREE),
            (fl.walk_in, flag::WALK_IN),
            (fl.open_24_7, flag::OPEN_24_7),
        ] {
            if on {
                required.push(Box::new(term(f.flag, name)));
            }
        }
        if fl.open_now {
            required.push(Box::new(term(f.flag, flag::HOURS)));
            required.push(Box::new(open_at(req.now, fallback_zone(req))));
        }
        required
    }

    /// The genders a search is for: as chosen, else as the words say it; none when every
    /// gender is (or none is) asked for.
    fn genders_asked(&self, req: &SearchRequest) -> Vec<crate::domain::gender::Gender> {
        let genders = match req.filters.gender {
            Some(g) => vec![g],
            None => crate::domain::gender::asked_for(&req.text),
        };
        if genders.len() < crate::domain::gender::Gender::ALL.len() {
            genders
        } else {
            Vec::new()
        }
    }

    /// What never shows: inactive listings always, full ones when only those accepting are
    /// wanted, and those with a condition the person ruled out.
    fn excluded(&self, fl: &Filters) -> Vec<Term> {
        let f = &self.fields;
        let mut excluded: Vec<Term> = fl
            .without
            .iter()
            .map(|c| Term::from_field_text(f.cond, c.code()))
            .collect();
        excluded.push(Term::from_field_text(f.flag, flag::INACTIVE));
        if fl.accepting {
            excluded.push(Term::from_field_text(f.flag, flag::FULL));
        }
        excluded
    }

    /// The requested page of hits in the order of the blend of [`ranking`]: tantivy scores
    /// only the words, so needs served, proximity and freshness are read here per document.
    fn ranked(
        &self,
        req: &SearchRequest,
        reading: &Reading,
        named_by: Vec<Term>,
    ) -> impl Collector<Fruit = Vec<(Score, DocAddress)>> + use<> {
        let today = day_of(req.now);
        let no_words = req.text.trim().is_empty();
        let needs_read: Vec<(String, f32)> = reading
            .needs
            .iter()
            .map(|n| (n.code.clone(), n.strength))
            .collect();
        let near = req.near.clone();
        let (now, zone) = (req.now, fallback_zone(req).to_owned());
        let (cache, live) = (self.offices.clone(), self.live_segments());
        let drawn = self.drawn_areas();
        TopDocs::with_limit(req.limit.max(1))
            .and_offset(req.offset)
            .tweak_score(move |segment: &SegmentReader| {
                let offices = cache.get(segment, &live).ok();
                let served = needs_served_per_doc(segment, &needs_read);
                let named = named_per_doc(segment, &named_by);
                let covered = near.as_ref().and_then(|n| {
                    let shapes = drawn(segment).ok()?;
                    covered_per_doc(segment, n.point, shapes).ok()
                });
                let nearest = near
                    .as_ref()
                    .and_then(|n| nearest_office_per_doc(segment, n.point, offices).ok());
                let proximity = proximity_per_doc(segment, near.as_ref(), nearest, named, covered);
                let freshness = freshness_per_doc(segment, today);
                let access = access_per_doc(segment, now, &zone);
                move |doc: DocId, words: Score| {
                    // With no words every match is equally relevant (tantivy scores "all" as 0).
                    let relevance = if no_words {
                        1.0
                    } else {
                        ranking::relevance(words, served(doc))
                    };
                    ranking::blend(relevance, proximity(doc), freshness(doc), access(doc))
                }
            })
    }

    /// The listing a hit stands for: the index stores it whole, so a page of results needs
    /// no database read.
    fn listing_at(&self, searcher: &Searcher, address: DocAddress) -> Result<Listing, SearchError> {
        let doc: TantivyDocument = searcher.doc(address)?;
        let bytes = doc
            .get_first(self.fields.doc)
            .and_then(|v| v.as_bytes())
            .unwrap_or_default();
        serde_json::from_slice(bytes).map_err(|e| SearchError::Document(e.to_string()))
    }

    /// The drawn areas of a segment (see `shapes`), as a function the per-segment closures
    /// can own.
    fn drawn_areas(&self) -> impl Fn(&SegmentReader) -> tantivy::Result<Arc<Shapes>> + Clone + use<> {
        let (cache, live) = (self.shapes.clone(), self.live_segments());
        let marker = Term::from_field_text(self.fields.flag, super::schema::flag::SHAPE);
        let stored = self.fields.doc;
        move |segment: &SegmentReader| cache.get(segment, &live, &marker, stored)
    }

    /// Services reaching `near`: an office within the radius, a circle covering the point,
    /// the point's whole state, or the whole country — and, when `needs` are asked for,
    /// serving one of them: each place term is then read joined with each need.
    fn reach(&self, near: &Near, place: &PlaceTerms, needs: &[String]) -> Box<dyn Query> {
        let f = &self.fields;
        let terms = |field, name: &'static str, values: &[String]| -> Box<dyn Query> {
            if needs.is_empty() {
                any(values.iter().map(|v| term(field, v)))
            } else {
                let joined: Vec<TermQuery> = needs
                    .iter()
                    .flat_map(|n| PlaceTerms::joined(f.need_place, n, name, values))
                    .collect();
                any(joined.into_iter())
            }
        };
        let (point, radius) = (near.point, near.radius_km);
        let (cache, live) = (self.offices.clone(), self.live_segments());
        let office_within = FunctionPredicate::from(move |segment: &SegmentReader| {
            let nearest = nearest_office_per_doc(segment, point, cache.get(segment, &live).ok())?;
            Ok(move |doc: DocId| nearest(doc) <= radius)
        });
        let drawn = self.drawn_areas();
        let area_covers = FunctionPredicate::from(move |segment: &SegmentReader| {
            let shapes = drawn(segment)?;
            covered_per_doc(segment, point, shapes)
        });
        // Grid cells cut the candidates to the neighbourhood; the predicates keep the circle
        // and the drawn area.
        let office = BooleanQuery::new(vec![
            (Occur::Must, terms(f.cell, "cell", &place.cells)),
            (Occur::Must, Box::new(DocPredicateQuery::from(office_within))),
        ]);
        let area = BooleanQuery::new(vec![
            (Occur::Must, terms(f.area_cell, "area_cell", &place.area_cells)),
            (Occur::Must, Box::new(DocPredicateQuery::from(area_covers))),
        ]);
        Box::new(Union::new(vec![
            Box::new(office),
            Box::new(area),
            terms(f.area, "area", &place.areas),
        ]))
    }
}

/// The index terms a search near a point reads: the grid cells its radius covers (offices
/// are indexed under theirs), its own cells (circles are indexed under every cell they
/// overlap), and the whole country and its state.
struct PlaceTerms {
    cells: Vec<String>,
    area_cells: Vec<String>,
    areas: Vec<String>,
}

impl PlaceTerms {
    fn of(near: &Near) -> PlaceTerms {
        let (lat0, lat1, lon0, lon1) = near.point.bounding_box(near.radius_km);
        let point = near.point;
        PlaceTerms {
            cells: super::schema::cells(lat0, lat1, lon0, lon1, MAX_CELLS),
            area_cells: (0..super::schema::CELL_SIZES.len())
                .map(|level| super::schema::cell(level, point.lat, point.lon))
                .collect(),
            areas: std::iter::once("US".to_owned())
                .chain(near.state.iter().map(|s| format!("US-{s}")))
                .collect(),
        }
    }

    /// `need` joined with each of `values` of the place field `name`, as `need_place` terms.
    fn joined<'a>(
        field: tantivy::schema::Field,
        need: &'a str,
        name: &'a str,
        values: &'a [String],
    ) -> impl Iterator<Item = TermQuery> + 'a {
        values
            .iter()
            .map(move |v| term(field, &super::schema::need_place(need, name, v)))
    }

    /// Every place term joined with `need`: the services of that need that may reach the
    /// place (`reach` then keeps those that do).
    fn with_need<'a>(
        &'a self,
        field: tantivy::schema::Field,
        need: &'a str,
    ) -> impl Iterator<Item = TermQuery> + 'a {
        Self::joined(field, need, "cell", &self.cells)
            .chain(Self::joined(field, need, "area_cell", &self.area_cells))
            .chain(Self::joined(field, need, "area", &self.areas))
    }
}

fn term(field: tantivy::schema::Field, value: &str) -> TermQuery {
    TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic)
}

fn any(terms: impl Iterator<Item = TermQuery>) -> Box<dyn Query> {
    Box::new(Union::new(terms.map(|t| Box::new(t) as Box<dyn Query>).collect()))
}

/// The summed strengths of the needs read that each document of `segment` serves, matched
/// by this segment's term ordinals of the `need` column so no text is compared per document.
fn needs_served_per_doc(
    segment: &SegmentReader,
    needs_read: &[(String, f32)],
) -> impl Fn(DocId) -> f32 + use<> {
    let need_column = segment.fast_fields().str("need").ok().flatten();
    let wanted: Vec<(u64, f32)> = need_column
        .as_ref()
        .map(|c| {
            needs_read
                .iter()
                .filter_map(|(code, strength)| {
                    c.dictionary()
                        .term_ord(code)
                        .ok()
                        .flatten()
                        .map(|o| (o, *strength))
                })
                .collect()
        })
        .unwrap_or_default();
    move |doc| match &need_column {
        Some(c) if !wanted.is_empty() => c
            .term_ords(doc)
            .filter_map(|o| wanted.iter().find(|(w, _)| *w == o).map(|(_, s)| *s))
            .sum(),
        _ => 0.0,
    }
}

/// The proximity of each document of `segment` to the searched point, by how it reaches it
/// (an office within the radius, a circle, its state, the country); 1 with no place.
fn proximity_per_doc<
    O: Fn(DocId) -> f64 + 'static,
    N: Fn(DocId) -> bool + 'static,
    C: Fn(DocId) -> bool + 'static,
>(
    segment: &SegmentReader,
    near: Option<&Near>,
    nearest_office: Option<O>,
    named: N,
    covered: Option<C>,
) -> impl Fn(DocId) -> f32 + use<O, N, C> {
    let fast = segment.fast_fields();
    let breadth = fast.u64("breadth").ok().map(|c| c.first_or_default_col(0));
    let radius = near.map(|n| n.radius_km);
    move |doc| {
        let Some(radius) = radius else {
            return 1.0;
        };
        let office = nearest_office.as_ref().map_or(f64::INFINITY, |o| o(doc));
        let reach = if office <= radius {
            Reach::Office(office)
        } else if covered.as_ref().is_some_and(|c| c(doc)) {
            Reach::Circle
        } else if named(doc) {
            Reach::Named
        } else if breadth.as_ref().is_some_and(|b| b.get_val(doc) == 1) {
            Reach::State
        } else {
            Reach::National
        };
        ranking::proximity(reach)
    }
}

/// Per document of `segment`: the planar distance in km from `point` to its nearest public
/// office, its first (decoded once in `offices`) or any other (infinite with none).
fn nearest_office_per_doc(
    segment: &SegmentReader,
    point: Point,
    offices: Option<Arc<Offices>>,
) -> tantivy::Result<impl Fn(DocId) -> f64 + use<>> {
    // Absent in a segment where no listing has a second office.
    let others = segment.fast_fields().column_opt::<u64>("other_offices")?;
    let distance = point.planar_km();
    Ok(move |doc: DocId| {
        let first = offices.as_ref().map_or(f64::INFINITY, |o| {
            let (lat, lon) = o.at(doc);
            distance(lat, lon)
        });
        others.as_ref().map_or(first, |c| {
            c.values_for_doc(doc)
                .map(|packed| {
                    let (lat, lon, _) = super::schema::unpack_circle(packed);
                    distance(lat, lon)
                })
                .fold(first, f64::min)
        })
    })
}

/// Per document of `segment`: whether one of its service-area circles, or one of its drawn
/// areas in `shapes`, holds `point`.
fn covered_per_doc(
    segment: &SegmentReader,
    point: Point,
    shapes: Arc<Shapes>,
) -> tantivy::Result<impl Fn(DocId) -> bool + use<>> {
    // Absent in a segment where no listing has a circle (one written by an edit).
    let circles = segment.fast_fields().column_opt::<u64>("circles")?;
    let distance = point.planar_km();
    Ok(move |doc: DocId| {
        circles.as_ref().is_some_and(|c| {
            c.values_for_doc(doc).any(|packed| {
                let (lat, lon, km) = super::schema::unpack_circle(packed);
                distance(lat, lon) <= km
            })
        }) || shapes.cover(doc, point)
    })
}

/// Per document of `segment`: whether its name holds one of `terms` (the query's words as
/// the name field analyses them).
fn named_per_doc(segment: &SegmentReader, terms: &[Term]) -> impl Fn(DocId) -> bool + use<> {
    use tantivy::{DocSet, TERMINATED};
    // One bit a document (12 KB at 100k, where a bool each was 100 KB that the allocator
    // handed back fresh from the kernel, zeroed page by page, on every search); none without
    // words.
    let words = if terms.is_empty() {
        0
    } else {
        (segment.max_doc() as usize).div_ceil(64)
    };
    let mut named = vec![0u64; words];
    for t in terms {
        let Ok(inverted) = segment.inverted_index(t.field()) else {
            continue;
        };
        if let Ok(Some(mut postings)) = inverted.read_postings(t, IndexRecordOption::Basic) {
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if let Some(w) = named.get_mut(doc as usize / 64) {
                    *w |= 1 << (doc % 64);
                }
                doc = postings.advance();
            }
        }
    }
    move |doc| {
        named
            .get(doc as usize / 64)
            .is_some_and(|w| w & (1 << (doc % 64)) != 0)
    }
}

/// The freshness of each document of `segment`, from the day it was last verified.
fn freshness_per_doc(segment: &SegmentReader, today: i64) -> impl Fn(DocId) -> f32 + use<> {
    let verified = segment
        .fast_fields()
        .i64("verified_day")
        .ok()
        .map(|c| c.first_or_default_col(NEVER));
    move |doc| {
        let age = verified
            .as_ref()
            .map(|v| v.get_val(doc))
            .filter(|&d| d != NEVER)
            .map(|d| today - d);
        ranking::freshness(age)
    }
}

/// The zone hours are read in for a listing whose own is unknown: the searched place's,
/// else [`FALLBACK_ZONE`].
fn fallback_zone(req: &SearchRequest) -> &str {
    req.near
        .as_ref()
        .and_then(|n| n.time_zone.as_deref())
        .unwrap_or(FALLBACK_ZONE)
}

/// Per document of `segment`: its [`ranking::access`] factor at `now` (1 where the segment
/// carries no access column: an index never has one missing, but a reader must not panic).
fn access_per_doc(
    segment: &SegmentReader,
    now: jiff::Timestamp,
    zone: &str,
) -> impl Fn(DocId) -> f32 + use<> {
    use super::schema::access as bit;
    let bits = segment.fast_fields().u64("access").ok();
    let open = open_per_doc(segment, now, zone).ok();
    move |doc: DocId| {
        let b = bits.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
        ranking::access(ranking::Access {
            conditional: b & bit::CONDITIONAL != 0,
            space: if b & bit::SPACE != 0 {
                Some(true)
            } else if b & bit::FULL != 0 {
                Some(false)
            } else {
                None
            },
            open_now: open.as_ref().and_then(|o| o(doc)),
        })
    }
}

/// Documents whose hours contain `now` in their own time zone.
fn open_at(now: jiff::Timestamp, fallback_zone: &str) -> DocPredicateQuery {
    let fallback_zone = fallback_zone.to_owned();
    let predicate = FunctionPredicate::from(move |segment: &SegmentReader| {
        let open = open_per_doc(segment, now, &fallback_zone)?;
        Ok(move |doc: DocId| open(doc) == Some(true))
    });
    DocPredicateQuery::from(predicate)
}

/// Per document of `segment`: whether it is open at `now` in its own time zone (closures
/// count), `None` when it publishes no hours.
fn open_per_doc(
    segment: &SegmentReader,
    now: jiff::Timestamp,
    fallback_zone: &str,
) -> tantivy::Result<impl Fn(DocId) -> Option<bool> + use<>> {
    let fallback = minute_of_week(now, fallback_zone).unwrap_or(0);
    {
        let fast = segment.fast_fields();
        // A segment where no listing has hours (or closures) has no such column: a one-listing
        // segment written by a provider's edit, say.
        let hours = fast.column_opt::<u64>("hours")?;
        // The minute of the week now, per time zone present in this segment.
        let zones = fast.str("tz")?;
        let mut minute_by_ord = Vec::new();
        let mut name = String::new();
        if let Some(z) = &zones {
            for ord in 0..z.num_terms() as u64 {
                name.clear();
                let found = z.ord_to_str(ord, &mut name)?;
                minute_by_ord.push(found.then(|| minute_of_week(now, &name)).flatten());
            }
        }
        // Today's date per zone, for closures.
        let day_by_ord: Vec<i64> = (0..minute_by_ord.len())
            .map(|ord| {
                let mut zone = String::new();
                let found = zones
                    .as_ref()
                    .and_then(|z| z.ord_to_str(ord as u64, &mut zone).ok())
                    .unwrap_or(false);
                local_day(now, if found { &zone } else { FALLBACK_ZONE })
            })
            .collect();
        let fallback_day = local_day(now, FALLBACK_ZONE);
        let closed = fast.column_opt::<u64>("closed")?;
        let ords = zones.map(|z| z.ords().clone());
        Ok(move |doc: DocId| {
            let ord = ords.as_ref().and_then(|o| o.first(doc)).map(|o| o as usize);
            let minute = ord
                .and_then(|ord| minute_by_ord.get(ord).copied().flatten())
                .unwrap_or(fallback);
            let day = ord
                .and_then(|ord| day_by_ord.get(ord).copied())
                .unwrap_or(fallback_day);
            let closed_today = closed.as_ref().is_some_and(|c| {
                c.values_for_doc(doc).any(|packed| {
                    let (from, to) = ((packed >> 32) as i64, (packed & 0xffff_ffff) as i64);
                    from <= day && day <= to
                })
            });
            let h = hours.as_ref()?;
            let mut published = h.values_for_doc(doc).peekable();
            published.peek()?;
            Some(
                !closed_today
                    && published.any(|packed| {
                        let i = super::schema::unpack_hours(packed);
                        i.start <= minute && minute < i.end
                    }),
            )
        })
    }
}

/// Days since 1970-01-01 of `now`'s date in `zone`.
fn local_day(now: jiff::Timestamp, zone: &str) -> i64 {
    now.in_tz(zone)
        .map(|z| day_number(Some(&z.date().to_string())))
        .unwrap_or_else(|_| day_of(now))
}

fn day_of(now: jiff::Timestamp) -> i64 {
    now.as_second().div_euclid(86_400)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date ([`NEVER`] when absent or unreadable).
pub fn day_number(date: Option<&str>) -> i64 {
    date.and_then(|d| d.parse::<jiff::civil::Date>().ok())
        .and_then(|d| d.to_zoned_datetime(jiff::tz::TimeZone::UTC).ok())
        .map(|z| z.timestamp().as_second().div_euclid(86_400))
        .unwrap_or(NEVER)
}

/// What a result shows beyond the listing: its distance, whether it reaches the place by
/// its area, and its hours today in its own zone.
fn hit(mut listing: Arc<Listing>, req: &SearchRequest, score: f32) -> Hit {
    // The office nearest the place searched is the one the result shows; the others stay
    // listed after it, in the record's order.
    if let Some(n) = &req.near
        && listing.other_offices.iter().any(|o| o.point.is_some())
    {
        let far = |o: &crate::domain::Office| o.point.map_or(f64::INFINITY, |p| p.distance_km(n.point));
        let nearest = listing
            .other_offices
            .iter()
            .enumerate()
            .min_by(|a, b| far(a.1).total_cmp(&far(b.1)))
            .map(|(i, o)| (i, far(o)));
        let first = listing.office.as_ref().map_or(f64::INFINITY, far);
        if let Some((i, d)) = nearest
            && d < first
        {
            let listing = Arc::make_mut(&mut listing);
            let closer = listing.other_offices.remove(i);
            if let Some(was) = listing.office.replace(closer) {
                listing.other_offices.insert(0, was);
            }
        }
    }
    let distance_km = match (&req.near, &listing.office) {
        (Some(n), Some(o)) => o.point.map(|p| p.distance_km(n.point)),
        _ => None,
    };
    let reaches_by_area = req
        .near
        .as_ref()
        .is_some_and(|n| distance_km.is_none_or(|d| d > n.radius_km));
    let zone = listing.time_zone.as_deref().unwrap_or(fallback_zone(req));
    let today = req
        .now
        .in_tz(zone)
        .map(|z| z.date().to_string())
        .unwrap_or_default();
    let (open_now, hours_today) = if listing.closures.iter().any(|c| c.covers(&today)) {
        // A holiday closure: closed all day, whatever the week says.
        (Some(false), Vec::new())
    } else {
        match listing.hours.today(req.now, zone) {
            Some((open, spans)) => (Some(open), spans),
            None => (None, Vec::new()),
        }
    };
    Hit {
        listing,
        distance_km,
        reaches_by_area,
        asked_by_name: false,
        open_now,
        hours_today,
        score,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{at, index_of, listing, names};
    use super::*;
    use crate::domain::{Capacity, Condition};
    use crate::geo::Circle;

    const HOUSTON: Point = Point {
        lat: 29.76,
        lon: -95.37,
    };

    fn around(text: &str, point: Point, radius_km: f64, state: Option<&str>) -> SearchRequest {
        SearchRequest {
            near: Some(Near {
                point,
                state: state.map(str::to_owned),
                radius_km,
                time_zone: None,
            }),
            ..SearchRequest::text(text)
        }
    }

    fn filtered(filters: Filters) -> SearchRequest {
        SearchRequest {
            filters,
            ..SearchRequest::text("")
        }
    }

    fn shelter_and_pantry() -> SearchIndex {
        index_of(&[
            listing("s", "Lantern House", &["shelter.emergency"]),
            listing("f", "Harbor Pantry", &["basic.food"]),
        ])
    }

    #[test]
    fn a_listing_is_found_by_a_synonym_of_its_need_without_sharing_a_word() {
        let index = shelter_and_pantry();
        let r = index.search(&SearchRequest::text("somewhere to sleep")).unwrap();
        assert_eq!(
            r.needs_read.first().map(String::as_str),
            Some("shelter.emergency")
        );
        assert_eq!(
            r.hits.iter().map(|h| h.listing.name.as_str()).collect::<Vec<_>>(),
            ["Lantern House"]
        );
        assert_eq!(r.total, 1);
        assert_eq!(
            names(&index, &SearchRequest::text("groceries")),
            ["Harbor Pantry"]
        );
    }

    #[test]
    fn a_spanish_query_finds_the_need_and_spanish_words_are_stemmed() {
        let mut spanish = listing("v", "Casa Nueva", &[]);
        spanish.description = "Viviendas de transición para familias.".into();
        let index = index_of(&[
            listing("s", "Lantern House", &["shelter.emergency"]),
            listing("f", "Harbor Pantry", &["basic.food"]),
            spanish,
        ]);
        assert_eq!(
            names(&index, &SearchRequest::text("tengo hambre")),
            ["Harbor Pantry"]
        );
        assert_eq!(
            names(&index, &SearchRequest::text("dónde dormir")),
            ["Lantern House"]
        );
        assert_eq!(
            names(&index, &SearchRequest::text("familia")),
            ["Casa Nueva"],
            "familia meets familias"
        );
    }

    #[test]
    fn a_misspelt_word_is_corrected_and_still_finds_the_listing() {
        let index = shelter_and_pantry();
        let r = index.search(&SearchRequest::text("sheltre")).unwrap();
        assert_eq!(r.corrections, [("sheltre".to_owned(), "shelter".to_owned())]);
        assert_eq!(
            r.hits.first().map(|h| h.listing.name.as_str()),
            Some("Lantern House")
        );
        assert!(
            index
                .search(&SearchRequest::text("xqzvw"))
                .unwrap()
                .hits
                .is_empty()
        );
    }

    #[test]
    fn filters_exclude_what_they_name() {
        let mut police = listing("p", "Police Only", &["basic.food"]);
        police.conditions = vec![Condition::PoliceReport];
        let mut sober = listing("o", "Sober House", &["shelter.emergency"]);
        sober.conditions = vec![Condition::Sobriety];
        let mut adults = listing("a", "Adults Only", &["shelter.emergency"]);
        adults.min_age = Some(18);
        let mut spanish = listing("e", "En Español", &["basic.food"]);
        spanish.languages = vec!["es".into()];
        let open = listing("u", "Open Door", &["shelter.emergency"]);
        let index = index_of(&[police, sober, adults, spanish, open]);
        let got = |filters: Filters| {
            let mut n = names(&index, &filtered(filters));
            n.sort();
            n
        };
        assert_eq!(
            got(Filters {
                needs: vec!["basic.food".into()],
                ..Filters::default()
            }),
            ["En Español", "Police Only"]
        );
        assert_eq!(
            got(Filters {
                no_conditions: true,
                ..Filters::default()
            }),
            ["Adults Only", "En Español", "Open Door"]
        );
        assert_eq!(
            got(Filters {
                without: vec![Condition::Sobriety],
                ..Filters::default()
            }),
            ["Adults Only", "En Español", "Open Door", "Police Only"]
        );
        let minors = got(Filters {
            age: Some(16),
            ..Filters::default()
        });
        assert!(
            !minors.contains(&"Adults Only".to_owned()) && minors.len() == 4,
            "{minors:?}"
        );
        assert_eq!(
            got(Filters {
                age: Some(18),
                ..Filters::default()
            })
            .len(),
            5
        );
        assert_eq!(
            got(Filters {
                language: Some("es".into()),
                ..Filters::default()
            }),
            ["En Español"]
        );
    }

    #[test]
    fn closed_listings_never_show_and_full_or_paid_ones_go_when_asked() {
        let mut closed = listing("c", "Closed", &[]);
        closed.status = "temporarily closed".into();
        let mut full = listing("f", "Full", &[]);
        full.capacity = Some(Capacity {
            available: 0,
            maximum: Some(10),
            unit: "beds".into(),
            updated: "2026-01-01".into(),
        });
        let mut paid = listing("p", "Paid", &[]);
        paid.conditions = vec![Condition::Fee];
        let index = index_of(&[closed, full, paid, listing("o", "Open", &[])]);
        let mut all = names(&index, &SearchRequest::text(""));
        all.sort();
        assert_eq!(all, ["Full", "Open", "Paid"]);
        let mut accepting = names(
            &index,
            &filtered(Filters {
                accepting: true,
                ..Filters::default()
            }),
        );
        accepting.sort();
        assert_eq!(accepting, ["Open", "Paid"]);
        let mut free = names(
            &index,
            &filtered(Filters {
                free: true,
                ..Filters::default()
            }),
        );
        free.sort();
        assert_eq!(free, ["Full", "Open"]);
    }

    #[test]
    fn a_place_search_keeps_near_offices_and_drops_far_ones_even_inside_the_box() {
        // 35 km north and 35 km east: inside the 40 km box, about 49 km away.
        let corner = Point {
            lat: HOUSTON.lat + 35.0 / 111.2,
            lon: HOUSTON.lon + 35.0 / (111.2 * HOUSTON.lat.to_radians().cos()),
        };
        let index = index_of(&[
            at(listing("n", "Near", &[]), 29.80, -95.40),
            at(listing("c", "Corner", &[]), corner.lat, corner.lon),
            at(listing("d", "Dallas", &[]), 32.78, -96.80),
            listing("x", "No Office", &[]),
        ]);
        let r = index.search(&around("", HOUSTON, 40.0, None)).unwrap();
        assert_eq!(
            r.hits.iter().map(|h| h.listing.name.as_str()).collect::<Vec<_>>(),
            ["Near"]
        );
        let d = r.hits[0].distance_km.unwrap();
        assert!((4.0..6.0).contains(&d), "{d}");
        assert!(!r.hits[0].reaches_by_area);
        // A wider radius reaches the corner, not Dallas (about 360 km).
        assert_eq!(
            names(&index, &around("", HOUSTON, 60.0, None)),
            ["Near", "Corner"]
        );
    }

    #[test]
    fn a_service_area_reaches_the_point_in_place_of_an_office() {
        let mut circle = at(listing("c", "Circle", &[]), 32.78, -96.80);
        circle.area.circles = vec![Circle {
            center: Point {
                lat: 29.9,
                lon: -95.5,
            },
            km: 30.0,
        }];
        let mut texas = listing("t", "Statewide", &[]);
        texas.area.states = vec!["TX".into()];
        let mut ohio = listing("o", "Ohio", &[]);
        ohio.area.states = vec!["OH".into()];
        let mut national = listing("u", "National", &[]);
        national.area.national = true;
        let mut far_circle = listing("f", "Far Circle", &[]);
        far_circle.area.circles = vec![Circle {
            center: Point {
                lat: 32.78,
                lon: -96.80,
            },
            km: 30.0,
        }];
        let index = index_of(&[circle, texas, ohio, national, far_circle]);
        let r = index.search(&around("", HOUSTON, 10.0, Some("TX"))).unwrap();
        let got: Vec<&str> = r.hits.iter().map(|h| h.listing.name.as_str()).collect();
        // Nearer reach first: the circle (5 km), the state (25 km), the country (40 km).
        assert_eq!(got, ["Circle", "Statewide", "National"]);
        assert!(r.hits.iter().all(|h| h.reaches_by_area));
        assert_eq!(
            names(&index, &around("", HOUSTON, 10.0, None)),
            ["Circle", "National"],
            "a state unknown, statewide services are left out"
        );
    }

    #[test]
    fn filler_words_add_to_a_match_but_never_make_one_alone() {
        let index = index_of(&[
            listing("f", "Harbor Pantry", &["basic.food"]),
            listing("g", "Get Ready Club", &[]),
            listing("h", "Helping Hands", &[]),
        ]);
        let found = |q: &str| names(&index, &SearchRequest::text(q));
        assert_eq!(found("where can i get food"), ["Harbor Pantry"]);
        // Filler alone is all there is to go on: it is searched.
        assert_eq!(found("get"), ["Get Ready Club"]);
    }

    #[test]
    fn a_need_asked_for_near_a_place_keeps_each_way_of_reaching_it_and_only_that_need() {
        // Every kind of reach twice: once serving the need asked for, once another need.
        let reaching = |id: &str, name: &str, need: &str| {
            let mut office = at(
                listing(&format!("{id}o"), &format!("{name} office"), &[need]),
                29.77,
                -95.38,
            );
            office.needs.push("basic.clothing".into());
            let mut circle = listing(&format!("{id}c"), &format!("{name} circle"), &[need]);
            circle.area.circles = vec![Circle {
                center: HOUSTON,
                km: 20.0,
            }];
            let mut state = listing(&format!("{id}s"), &format!("{name} state"), &[need]);
            state.area.states = vec!["TX".into()];
            let mut country = listing(&format!("{id}u"), &format!("{name} country"), &[need]);
            country.area.national = true;
            [office, circle, state, country]
        };
        let far = at(
            listing("far", "Dallas shelter", &["shelter.emergency"]),
            32.78,
            -96.80,
        );
        let mut all: Vec<Listing> = reaching("a", "Shelter", "shelter.emergency").into();
        all.extend(reaching("b", "Pantry", "basic.food"));
        all.push(far);
        let index = index_of(&all);
        let near = |needs: &[&str]| {
            let mut req = around("", HOUSTON, 30.0, Some("TX"));
            req.filters.needs = needs.iter().map(|n| n.to_string()).collect();
            let mut got = names(&index, &req);
            got.sort();
            got
        };
        assert_eq!(
            near(&["shelter.emergency"]),
            [
                "Shelter circle",
                "Shelter country",
                "Shelter office",
                "Shelter state"
            ]
        );
        assert_eq!(near(&["shelter.emergency", "basic.food"]).len(), 8);
        // A listing's second need is joined with its place too.
        assert_eq!(near(&["basic.clothing"]), ["Pantry office", "Shelter office"]);
        // Without a place the need filter alone still applies.
        let mut everywhere = filtered(Filters::default());
        everywhere.filters.needs = vec!["shelter.emergency".into()];
        assert_eq!(names(&index, &everywhere).len(), 5);
    }

    #[test]
    fn every_office_counts_and_the_nearest_is_the_one_shown() {
        let office = |city: &str, lat: f64, lon: f64| crate::domain::Office {
            name: None,
            address: vec![format!("1 Main St, {city}")],
            locality: Some(city.to_owned()),
            point: Some(Point { lat, lon }),
        };
        let mut two = at(
            listing("t", "Two Cities Clinic", &["health.medical"]),
            29.76,
            -95.37,
        );
        two.office = Some(office("Houston, TX", 29.76, -95.37));
        two.other_offices = vec![office("Dallas, TX", 32.78, -96.80)];
        let index = index_of(&[two]);
        let dallas = index
            .search(&around(
                "",
                Point {
                    lat: 32.79,
                    lon: -96.80,
                },
                20.0,
                None,
            ))
            .unwrap();
        assert_eq!(dallas.hits.len(), 1, "found near its second office");
        let hit = &dallas.hits[0];
        assert_eq!(
            hit.listing.office.as_ref().unwrap().locality.as_deref(),
            Some("Dallas, TX")
        );
        assert_eq!(
            hit.listing.other_offices[0].locality.as_deref(),
            Some("Houston, TX")
        );
        assert!(hit.distance_km.unwrap() < 2.0 && !hit.reaches_by_area);
        let houston = index.search(&around("", HOUSTON, 20.0, None)).unwrap();
        assert_eq!(
            houston.hits[0]
                .listing
                .office
                .as_ref()
                .unwrap()
                .locality
                .as_deref(),
            Some("Houston, TX")
        );
        // Between them (Waco) neither office is within 20 km.
        assert!(
            names(
                &index,
                &around(
                    "",
                    Point {
                        lat: 31.55,
                        lon: -97.15
                    },
                    20.0,
                    None
                )
            )
            .is_empty()
        );
        // A need asked for near the second office reads it joined with the need too.
        let mut req = around(
            "",
            Point {
                lat: 32.79,
                lon: -96.80,
            },
            20.0,
            None,
        );
        req.filters.needs = vec!["health.medical".into()];
        assert_eq!(names(&index, &req), ["Two Cities Clinic"]);
    }

    #[test]
    fn a_drawn_area_reaches_the_points_inside_it_and_no_others_in_its_box() {
        // A triangle over Austin: its box also holds points outside it.
        let triangle = r#"{"type": "Polygon", "coordinates": [[[-98.2, 30.0], [-97.4, 30.0], [-98.2, 30.8], [-98.2, 30.0]]]}"#;
        let mut drawn = listing("d", "Drawn", &["shelter.emergency"]);
        drawn.area.shapes = vec![crate::geo::Shape::from_geojson(triangle).unwrap()];
        let office = at(listing("o", "Office", &["shelter.emergency"]), 29.76, -95.37);
        let index = index_of(&[drawn, office]);
        let point = |lat, lon| Point { lat, lon };
        let r = index
            .search(&around("", point(30.2, -97.9), 10.0, Some("TX")))
            .unwrap();
        assert_eq!(r.hits.len(), 1);
        assert_eq!(r.hits[0].listing.name, "Drawn");
        assert!(r.hits[0].reaches_by_area);
        // Inside the box, outside the triangle (its far corner), and Dallas: nothing.
        assert!(names(&index, &around("", point(30.7, -97.5), 10.0, Some("TX"))).is_empty());
        assert!(names(&index, &around("", point(32.78, -96.8), 10.0, Some("TX"))).is_empty());
        // A need asked for near the point reads the area joined with the need.
        let mut req = around("", point(30.2, -97.9), 10.0, Some("TX"));
        req.filters.needs = vec!["shelter.emergency".into()];
        assert_eq!(names(&index, &req), ["Drawn"]);
        req.filters.needs = vec!["basic.food".into()];
        assert!(names(&index, &req).is_empty());
    }

    #[test]
    fn a_nearer_office_ranks_first_and_a_stale_listing_lower_by_the_blend() {
        let now: jiff::Timestamp = "2026-06-01T12:00:00Z".parse().unwrap();
        let mut near_stale = at(listing("a", "Near Stale", &[]), 29.77, -95.37);
        near_stale.verified = Some("2023-01-01".into());
        let mut near_fresh = at(listing("b", "Near Fresh", &[]), 29.77, -95.37);
        near_fresh.verified = Some("2026-05-01".into());
        let mut far_fresh = at(listing("c", "Far Fresh", &[]), 30.0, -95.37);
        far_fresh.verified = Some("2026-05-01".into());
        let index = index_of(&[near_stale, near_fresh, far_fresh]);
        let req = SearchRequest {
            now,
            ..around("", HOUSTON, 40.0, None)
        };
        let r = index.search(&req).unwrap();
        let got: Vec<(&str, f32, f64)> = r
            .hits
            .iter()
            .map(|h| (h.listing.name.as_str(), h.score, h.distance_km.unwrap()))
            .collect();
        // 1 km away but three years stale (×0.75) still beats fresh at 27 km (×0.49 / 0.93).
        assert_eq!(
            got.iter().map(|(n, _, _)| *n).collect::<Vec<_>>(),
            ["Near Fresh", "Near Stale", "Far Fresh"]
        );
        let stale = got[1].1 / got[0].1;
        assert!((stale - ranking::STALE_FACTOR).abs() < 1e-4, "{stale}");
        let expected = ranking::blend(1.0, ranking::proximity(Reach::Office(got[2].2)), 1.0, 1.0)
            / ranking::blend(1.0, ranking::proximity(Reach::Office(got[0].2)), 1.0, 1.0);
        let far = got[2].1 / got[0].1;
        assert!((far - expected).abs() < 0.01, "{far} against {expected}");
    }

    #[test]
    fn serving_the_need_outranks_only_sharing_a_word() {
        let index = index_of(&[
            listing("w", "Shelter Street Thrift Store", &["basic.clothing"]),
            listing("s", "Lantern House", &["shelter.emergency"]),
        ]);
        assert_eq!(
            names(&index, &SearchRequest::text("shelter")),
            ["Lantern House", "Shelter Street Thrift Store"]
        );
    }

    #[test]
    fn pages_follow_the_ranking_and_the_total_counts_every_match() {
        let index = index_of(&[
            at(listing("a", "One", &[]), 29.76, -95.37),
            at(listing("b", "Two", &[]), 29.86, -95.37),
            at(listing("c", "Three", &[]), 29.96, -95.37),
        ]);
        let req = SearchRequest {
            offset: 1,
            limit: 1,
            ..around("", HOUSTON, 40.0, None)
        };
        let r = index.search(&req).unwrap();
        assert_eq!(r.total, 3);
        assert_eq!(
            r.hits.iter().map(|h| h.listing.name.as_str()).collect::<Vec<_>>(),
            ["Two"]
        );
    }

    #[test]
    fn a_verification_date_is_a_day_number_and_a_bad_one_is_never() {
        assert_eq!(day_number(Some("1970-01-02")), 1);
        assert_eq!(
            day_number(Some("2026-06-01")) - day_number(Some("2026-05-01")),
            31
        );
        assert_eq!(day_number(Some("not a date")), NEVER);
        assert_eq!(day_number(None), NEVER);
    }
}
