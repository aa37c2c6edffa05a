//! Fuzz targets (REL-5): one function per decoder of untrusted input, taking raw bytes and
//! driving the real code path, panicking when an invariant breaks. The cargo-fuzz crate
//! (`fuzz/`) hands them libFuzzer's inputs; `tests/fuzzing.rs` hands them proptest's and the
//! committed seed corpora, so `cargo test` runs a short pass of every one.
//!
//! Each target asserts what bad input must never do: panic, fail inside (a 500), or come
//! back as an error a person cannot read. It never writes: the search fixture is built once
//! per process and only read.

// A fuzz target reports a broken invariant by panicking: that is what libFuzzer and
// proptest catch, with the input that did it.
#![expect(clippy::panic, reason = "fuzz targets report broken invariants by panicking")]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;

use crate::domain::Listing;
use crate::domain::listing_edit::{AREA_FIELD, FORM_FIELDS, FieldGroup, ListingForm};
use crate::geo::{Gazetteer, PlaceError, Point};
use crate::hsds::{self, Context, OrganizationRecord};
use crate::http::{
    EnrolFields, FormError, FormRefusal, SearchInput, SurvivorFormFields, WebError, decode_form, parse_search,
};
use crate::search::{SearchRequest, SearchResults};
use crate::services::Directory;
use crate::services::find::{Find, FindError};

/// A few fictional listings: a shelter with an office, hours and a circle; a statewide
/// pantry; a national line. Enough for every reach and filter to have something to match.
const LISTINGS: &str = include_str!("fuzzing/listings.json");

/// The CSRF token the staff-form target's bodies must carry (seeds carry it; libFuzzer
/// finds it in them).
pub const CSRF_TOKEN: &str = "fuzz-csrf-token";

/// A fixed "now", so a failure replays the same way tomorrow (2026-03-02, a Monday).
fn now() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_772_463_600).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

/// The directory the search targets read, and an imported record the form target edits.
struct Fixture {
    directory: Directory,
    record: Value,
    organization: OrganizationRecord,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| build().unwrap_or_else(|e| panic!("the fuzz fixture: {e}")))
}

/// A real directory (SQLite file, tantivy index on disk) under the temp folder, one per
/// process, holding [`LISTINGS`].
fn build() -> Result<Fixture, String> {
    let base = std::env::temp_dir();
    remove_stale(&base);
    let root = base.join(format!("pathways-fuzz-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let (directory, _) =
        Directory::open(&root.join("data"), &root.join("index")).map_err(|e| e.to_string())?;
    let cx = Context {
        gazetteer: directory.gazetteer,
        inference: directory.index.vocabulary(),
    };
    let doc =
        hsds::parse_document(Path::new("fuzzing/listings.json"), LISTINGS, &cx).map_err(|e| e.to_string())?;
    let (record, organization) = match (doc.services.first(), doc.organizations.first()) {
        (Some(s), Some(o)) => (s.hsds.clone(), o.clone()),
        _ => return Err("the fixture holds no service".into()),
    };
    directory
        .store
        .import(&[doc], "fuzzing")
        .map_err(|e| e.to_string())?;
    directory.sync_index().map_err(|e| e.to_string())?;
    Ok(Fixture {
        directory,
        record,
        organization,
    })
}

/// Removes the fixtures of fuzzing processes that have ended: the folder outlives its
/// process (the index is memory-mapped until exit), and long runs start many.
fn remove_stale(base: &Path) {
    if !Path::new("/proc/self").exists() {
        return; // No way to tell a live process here; leave them.
    }
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix("pathways-fuzz-")) else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !PathBuf::from("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// The public search: the bytes as typed words (the lenient parser and the vocabulary take
/// anything), then as the JSON API's query string, then as the search form's fields. Bad
/// parameters are named; a search never fails inside.
pub fn search_query(data: &[u8]) {
    let fx = fixture();
    let text = String::from_utf8_lossy(data);
    let words = SearchRequest {
        now: now(),
        ..SearchRequest::text(&text)
    };
    match fx.directory.index.search(&words) {
        Ok(r) => check_results(&r, words.limit),
        Err(e) => panic!("the words {text:?} failed the search: {e}"),
    }
    let Ok(params) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(data) else {
        return; // Not a query string: the extractor answers 400 before any of this.
    };
    match parse_search(&params, now()) {
        Ok(find) => run(fx, &find),
        Err(WebError::BadParameter { parameter, message }) => {
            assert!(
                !message.is_empty(),
                "{params:?}: {parameter} is wrong, not saying why"
            );
        }
        Err(other) => panic!("{params:?}: {other:?} instead of a bad parameter"),
    }
    let (input, problem) = SearchInput::read(&params);
    if problem.is_none() {
        match input.to_find(now(), 10) {
            Ok(find) => run(fx, &find),
            Err(FormError::Internal(e)) => panic!("{params:?}: the form failed inside: {e}"),
            Err(_) => {}
        }
    }
}

fn run(fx: &Fixture, find: &Find) {
    match fx.directory.find(find) {
        Ok(found) => check_results(&found.results, find.limit),
        // An unknown place is the person's to fix: the page says so.
        Err(FindError::Place(_)) => {}
        Err(FindError::Search(e)) => panic!("{find:?} failed the search: {e}"),
    }
}

fn check_results(r: &SearchResults, limit: usize) {
    assert!(r.hits.len() <= limit.max(1) && r.hits.len() <= r.total, "{r:?}");
    assert!(r.hits.iter().all(|h| h.score.is_finite()), "{r:?}");
}

/// The HSDS import of a file's text: mapped into listings the index can store and read
/// back, or refused with a message that is one clean line (it reaches a terminal and logs).
pub fn hsds_record(data: &[u8]) {
    // `hsds::read_file` refuses a file that is not UTF-8 before parsing it.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let fx = fixture();
    let cx = Context {
        gazetteer: fx.directory.gazetteer,
        inference: fx.directory.index.vocabulary(),
    };
    match hsds::parse_document(Path::new("fuzz.json"), text, &cx) {
        Ok(doc) => {
            for s in &doc.services {
                // The index stores each listing as JSON and reads it back for every hit.
                let json = serde_json::to_vec(&s.listing)
                    .unwrap_or_else(|e| panic!("{} does not serialise: {e}", s.listing.id));
                let back: Listing = serde_json::from_slice(&json)
                    .unwrap_or_else(|e| panic!("{} does not read back: {e}", s.listing.id));
                assert_eq!(back.id, s.listing.id);
            }
            for w in doc.warnings(crate::hsds::limits::shown) {
                assert!(
                    !w.chars().any(char::is_control),
                    "a warning with control characters: {w:?}"
                );
            }
        }
        Err(e) => {
            let message = e.to_string();
            assert!(
                !message.chars().any(char::is_control),
                "an error with control characters: {message:?}"
            );
        }
    }
}

/// A staff form's body, decoded as the extractor decodes it (one CSRF token, unknown fields
/// refused), then the listing form checked. A form the check accepts must make a record that
/// is still valid HSDS and maps into a listing: the provider was told it was fine.
pub fn staff_form(data: &[u8]) {
    let expected = [CSRF_TOKEN.to_owned()];
    let sent = serde_urlencoded::from_bytes::<Vec<(String, String)>>(data).ok();
    match decode_form::<Vec<(String, String)>>(data, &expected) {
        Ok(fields) => {
            let sent = sent.unwrap_or_else(|| panic!("decoded a body that is not a form"));
            let tokens: Vec<&str> = sent
                .iter()
                .filter(|(k, _)| k == "csrf")
                .map(|(_, v)| v.as_str())
                .collect();
            assert_eq!(tokens, [CSRF_TOKEN], "accepted without exactly one right token");
            let others: Vec<(String, String)> = sent.into_iter().filter(|(k, _)| k != "csrf").collect();
            assert_eq!(fields, others, "the fields changed on the way");
            let control = |t: &str| {
                t.chars()
                    .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'))
            };
            assert!(
                !fields.iter().any(|(k, v)| control(k) || control(v)),
                "a control character got through"
            );
            listing_form(fields);
        }
        Err(FormRefusal::Token | FormRefusal::Fields | FormRefusal::Encoding | FormRefusal::Control) => {}
        Err(other) => panic!("refused as {other:?}, which only the request can be"),
    }
    for refusal in [
        decode_form::<SurvivorFormFields>(data, &expected).err(),
        decode_form::<EnrolFields>(data, &expected).err(),
    ] {
        assert!(
            matches!(
                refusal,
                None | Some(
                    FormRefusal::Token | FormRefusal::Fields | FormRefusal::Encoding | FormRefusal::Control
                )
            ),
            "{refusal:?}"
        );
    }
}

fn listing_form(fields: Vec<(String, String)>) {
    let form = ListingForm { fields };
    let edit = match form.check() {
        Ok(edit) => edit,
        Err(e) => {
            let known = FORM_FIELDS.contains(&e.field) || e.field == AREA_FIELD || e.field == "form";
            assert!(known, "the mistake names no field of the form: {e:?}");
            for lang in templates::Lang::ALL {
                assert!(lang.get(e.key).is_some(), "{e:?}: no {} message", lang.code());
            }
            return;
        }
    };
    let fx = fixture();
    let record = hsds::edit::apply(&fx.record, &edit, &FieldGroup::ALL, "2026-03-02");
    if let Err((field, message)) = hsds::validate::Validators::get().service(&record) {
        panic!("a form the check accepted made invalid HSDS at {field}: {message}\n{form:?}");
    }
    let cx = Context {
        gazetteer: fx.directory.gazetteer,
        inference: fx.directory.index.vocabulary(),
    };
    if let Err((field, message)) = hsds::mapping::service(record, Some(&fx.organization), &cx) {
        panic!("a form the check accepted made an unmappable record at {field}: {message}\n{form:?}");
    }
}

/// The translation catalogue's parser: messages or an error naming the line; what it reads
/// reads the same when written back as `key = text` lines.
pub fn catalogue(data: &[u8]) {
    // The catalogues are built in with `include_str!`: always UTF-8.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match templates::i18n::parse(text) {
        Ok(messages) => {
            let mut written = String::new();
            for (key, value) in &messages {
                assert!(!key.is_empty() && value.trim() == value, "{key:?} = {value:?}");
                let _ = templates::i18n::placeables(value);
                written.push_str(&format!("{key} = {value}\n"));
            }
            assert_eq!(
                templates::i18n::parse(&written),
                Ok(messages),
                "written back: {written:?}"
            );
        }
        Err(e) => assert!(e.starts_with("line "), "an error naming no line: {e:?}"),
    }
}

/// The gazetteer: what a person types as a place resolves to a point on Earth in a state,
/// or to an error that says which kind of mistake; coordinates (the first 16 bytes, when
/// there are so many) find their state, zone and town without panicking.
pub fn place(data: &[u8]) {
    let g = Gazetteer::builtin();
    let text = String::from_utf8_lossy(data);
    match g.resolve(&text) {
        Ok(p) => {
            assert!(Point::new(p.point.lat, p.point.lon).is_some(), "{text:?}: {p:?}");
            assert!(p.state.len() == 2 && !p.label.is_empty(), "{text:?}: {p:?}");
        }
        Err(PlaceError::Empty) => assert!(text.trim().is_empty(), "{text:?} called empty"),
        Err(PlaceError::UnknownZip(zip)) => {
            assert!(
                zip.len() == 5 && zip.bytes().all(|b| b.is_ascii_digit()),
                "{zip:?}"
            );
        }
        Err(PlaceError::UnknownPlace(typed)) => assert_eq!(typed, text.trim()),
    }
    if let Some((lat, rest)) = data.split_first_chunk::<8>()
        && let Some((lon, _)) = rest.split_first_chunk::<8>()
        && let Some(point) = Point::new(f64::from_le_bytes(*lat), f64::from_le_bytes(*lon))
    {
        let _ = (g.state_at(point), g.time_zone_at(point), g.name_at(point));
        let _ = g.nearest_town(point);
    }
}
