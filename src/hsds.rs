//! HSDS 3.1 JSON in: recognising a file's shape, validating each record against the
//! official compiled schema, and mapping it into a [`Listing`](crate::domain::Listing).
//!
//! An import is all or nothing: one invalid record, one file over the size limits or one
//! service id in two files, and nothing is imported; the error names the file, the record id
//! and the field, and quotes at most a short, escaped prefix of a value ([`limits`]).
//! Fields HSDS does not define are kept in the stored record and named in a warning: HSDS 3.1
//! leaves its objects open (its schemas set no `additionalProperties: false`, and profiles
//! extend them), so an extension is not a malformed file.

pub mod edit;
pub mod limits;
pub mod mapping;
pub mod tabular;
pub mod validate;

use std::path::{Path, PathBuf};

use serde_json::Value;

use self::limits::{MAX_FILE_BYTES, shown, shown_path};
use crate::geo::Gazetteer;

pub use crate::domain::needs::NeedInference;
pub use crate::domain::records::{Document, OrganizationRecord, ServiceRecord};

/// Why a file was refused.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("{}: cannot read: {source}", shown_path(.file))]
    Read {
        /// The file.
        file: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not JSON.
    #[error("{}: not valid JSON: {message}", shown_path(.file))]
    Json {
        /// The file.
        file: PathBuf,
        /// What the parser said, with line and column.
        message: String,
    },
    /// The JSON is not a shape of HSDS Pathways knows.
    #[error("{}: {message}", shown_path(.file))]
    Shape {
        /// The file.
        file: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// One service id in two files of one import.
    #[error(
        "service id {id} is in both {} and {}: an import takes each service from one file",
        shown_path(.first),
        shown_path(.second)
    )]
    Duplicate {
        /// The id (shortened and escaped).
        id: String,
        /// The file that had it first.
        first: PathBuf,
        /// The file that had it again.
        second: PathBuf,
    },
    /// A record is invalid.
    #[error("{}: record {record}: field {field}: {message}", shown_path(.file))]
    Record {
        /// The file.
        file: PathBuf,
        /// The record id (or its position when it has none), shortened and escaped.
        record: String,
        /// The field, as a JSON pointer inside the record, escaped.
        field: String,
        /// What is wrong: the kind of problem, never a location, values shortened and escaped.
        message: String,
    },
}

/// What a mapping needs from the rest of the application.
pub struct Context<'a> {
    /// For place names and time zones.
    pub gazetteer: &'a Gazetteer,
    /// For records with no need terms.
    pub inference: &'a dyn NeedInference,
}

/// The manifest that makes a folder an HSDS tabular data package.
pub const PACKAGE_MANIFEST: &str = "datapackage.json";

/// Reads and maps one file — or, for a [`PACKAGE_MANIFEST`], the tabular data package it
/// describes — refused unread when it is over [`MAX_FILE_BYTES`].
pub fn read_file(path: &Path, cx: &Context) -> Result<Document, ImportError> {
    if path.file_name().is_some_and(|n| n == PACKAGE_MANIFEST) {
        return read_package(path, cx);
    }
    if path.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")) {
        return Err(ImportError::Shape {
            file: path.to_owned(),
            message: format!(
                "a CSV table is read with the other tables of its package: import the folder that holds its {PACKAGE_MANIFEST}"
            ),
        });
    }
    let text = read_text(path)?;
    parse_document(path, &text, cx)
}

/// A tabular data package: each CSV table its manifest lists (`resources[].path`), read with
/// the `csv` crate into rows keyed by their header, then nested into services and typed by
/// the schema like HSDS's tabular JSON. A table the manifest names but the folder lacks is
/// left out (the official examples list every table, and most packages fill a few).
pub fn read_package(manifest: &Path, cx: &Context) -> Result<Document, ImportError> {
    let shape = |file: &Path, message: String| ImportError::Shape {
        file: file.to_owned(),
        message,
    };
    let text = read_text(manifest)?;
    let package: Value =
        serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(&text)).map_err(|e| {
            ImportError::Json {
                file: manifest.to_owned(),
                message: e.to_string(),
            }
        })?;
    let resources = package
        .get("resources")
        .and_then(Value::as_array)
        .ok_or_else(|| {
            shape(
                manifest,
                "no \"resources\" list: not a tabular data package".into(),
            )
        })?;
    let folder = manifest.parent().unwrap_or(Path::new("."));
    let mut tables = serde_json::Map::new();
    for resource in resources {
        let Some(name) = resource.get("path").and_then(Value::as_str) else {
            continue;
        };
        // A table's path names a file of this folder, never one elsewhere.
        if name.contains(['/', '\\']) || !name.ends_with(".csv") {
            return Err(shape(
                manifest,
                format!("resource path {}: not a CSV file of this folder", shown(name)),
            ));
        }
        let file = folder.join(name);
        if !file.is_file() {
            continue;
        }
        let text = read_text(&file)?;
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(text.strip_prefix('\u{feff}').unwrap_or(&text).as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| shape(&file, format!("header row: {}", shown(&e.to_string()))))?
            .clone();
        let mut rows = Vec::new();
        for (i, row) in reader.records().enumerate() {
            let row = row.map_err(|e| shape(&file, format!("row {}: {}", i + 2, shown(&e.to_string()))))?;
            let record: serde_json::Map<String, Value> = headers
                .iter()
                .zip(row.iter())
                .filter(|(_, v)| !v.is_empty())
                .map(|(h, v)| (h.to_owned(), Value::String(v.to_owned())))
                .collect();
            rows.push(Value::Object(record));
        }
        tables.insert(name.to_owned(), Value::Array(rows));
    }
    if !tables.contains_key("services.csv") {
        return Err(shape(manifest, "the package has no services.csv table".into()));
    }
    document_of(manifest, Value::Object(tables), cx)
}

/// The UTF-8 text of a file, refused unread when it is over [`MAX_FILE_BYTES`].
fn read_text(path: &Path) -> Result<String, ImportError> {
    use std::io::Read as _;
    let read = |source| ImportError::Read {
        file: path.to_owned(),
        source,
    };
    let too_large = || ImportError::Shape {
        file: path.to_owned(),
        message: format!(
            "larger than {} MiB, the limit for one file: split it into several files",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    };
    let file = std::fs::File::open(path).map_err(read)?;
    if file.metadata().map_err(read)?.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    // The file may grow between the look and the read: never read past the limit.
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|_| ImportError::Shape {
        file: path.to_owned(),
        message: "not UTF-8 text".into(),
    })
}

/// Maps the text of one file; `path` only names it in errors.
pub fn parse_document(path: &Path, text: &str, cx: &Context) -> Result<Document, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| ImportError::Json {
        file: path.to_owned(),
        message: e.to_string(),
    })?;
    document_of(path, value, cx)
}

/// Maps the records of one parsed file (or package); `path` only names it in errors.
fn document_of(path: &Path, value: Value, cx: &Context) -> Result<Document, ImportError> {
    let mut doc = Document::default();
    let records = match value {
        Value::Array(items) => items,
        Value::Object(ref map) if tabular::is_tabular(map) => {
            let mut services = tabular::services(map);
            for s in &mut services {
                tabular::coerce(s, validate::Validators::get().service_schema());
            }
            services
        }
        Value::Object(ref map) if map.get("contents").is_some_and(Value::is_array) => {
            // A paged API answer ({"contents": [...], "total_items": ...}).
            match map.get("contents") {
                Some(Value::Array(items)) => items.clone(),
                _ => Vec::new(),
            }
        }
        Value::Object(_) => vec![value],
        _ => {
            return Err(ImportError::Shape {
                file: path.to_owned(),
                message: "expected an HSDS record, a list of records or a page with \"contents\"".into(),
            });
        }
    };
    let mut seen = std::collections::HashSet::new();
    for (position, record) in records.into_iter().enumerate() {
        add_record(&mut doc, path, position, record, cx, &mut seen)?;
    }
    Ok(doc)
}

/// Whether a JSON file is over [`MAX_FILE_BYTES`], so [`stream_file`] reads it (a record at
/// a time) rather than [`read_file`] (whole).
pub fn too_large_to_hold(path: &Path) -> bool {
    path.extension().is_some_and(|x| x.eq_ignore_ascii_case("json"))
        && path.file_name().is_none_or(|n| n != PACKAGE_MANIFEST)
        && std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_FILE_BYTES)
}

/// Records a stream hands over at a time (a few megabytes of JSON).
const STREAM_BATCH: usize = 500;

/// Reads a file that is one JSON array of records element by element, handing `each` a
/// [`Document`] of a few hundred records at a time, so a file of any size is imported in
/// bounded memory (`read_file` holds a whole file, up to [`MAX_FILE_BYTES`]). Validation,
/// messages and the duplicate-id rule are those of `read_file`; a file that is not an array
/// is refused, as it cannot be read a record at a time.
pub fn stream_file<E: From<ImportError>>(
    path: &Path,
    cx: &Context,
    mut each: impl FnMut(Document) -> Result<(), E>,
) -> Result<(), E> {
    use serde::de::{Deserializer as _, Error as _};
    use std::io::BufRead as _;
    let read = |source| ImportError::Read {
        file: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read)?;
    let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
    if reader.fill_buf().map_err(read)?.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
    }
    let mut seen = std::collections::HashSet::new();
    let (mut doc, mut position, mut failed) = (Document::default(), 0, None::<E>);
    // No one record may hold more than a whole file may: bytes read since the last record.
    let since_record = std::rc::Rc::new(std::cell::Cell::new(0_u64));
    let reader = RecordSized {
        inner: reader,
        since_record: since_record.clone(),
    };
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let outcome = deserializer.deserialize_seq(EachRecord(|record: Value| {
        since_record.set(0);
        let step = add_record(&mut doc, path, position, record, cx, &mut seen)
            .map_err(E::from)
            .and_then(|()| {
                position += 1;
                if position % STREAM_BATCH == 0 {
                    each(std::mem::take(&mut doc))
                } else {
                    Ok(())
                }
            });
        step.map_err(|e| {
            failed = Some(e);
            serde_json::Error::custom("stopped")
        })
    }));
    if let Some(e) = failed {
        return Err(e);
    }
    outcome
        .and_then(|()| deserializer.end())
        .map_err(|e| ImportError::Json {
            file: path.to_owned(),
            message: e.to_string(),
        })?;
    each(doc)
}

/// A reader that fails once more than [`MAX_FILE_BYTES`] are read without a record ending
/// (the count is reset as each record is handed over).
struct RecordSized<R> {
    inner: R,
    since_record: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R: std::io::Read> std::io::Read for RecordSized<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let total = self.since_record.get() + n as u64;
        self.since_record.set(total);
        if total > MAX_FILE_BYTES {
            return Err(std::io::Error::other(format!(
                "a record larger than {} MiB",
                MAX_FILE_BYTES / (1024 * 1024)
            )));
        }
        Ok(n)
    }
}

/// A serde visitor that hands each element of a JSON array to its closure.
struct EachRecord<F>(F);

impl<'de, F: FnMut(Value) -> Result<(), serde_json::Error>> serde::de::Visitor<'de> for EachRecord<F> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of HSDS records (a file this large is read a record at a time)")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        use serde::de::Error as _;
        while let Some(record) = seq.next_element::<Value>()? {
            (self.0)(record).map_err(|e| A::Error::custom(e.to_string()))?;
        }
        Ok(())
    }
}

/// Validates and maps one record of a file into `doc`; `seen` holds the service ids of the
/// file so far (one id twice in a file is refused).
fn add_record(
    doc: &mut Document,
    path: &Path,
    position: usize,
    record: Value,
    cx: &Context,
    seen: &mut std::collections::HashSet<String>,
) -> Result<(), ImportError> {
    let validators = validate::Validators::get();
    {
        let fail = |record: &Value, field: String, message: String| ImportError::Record {
            file: path.to_owned(),
            record: record_id(record, position),
            field,
            message,
        };
        let Value::Object(ref map) = record else {
            return Err(fail(&record, "/".into(), "a record must be a JSON object".into()));
        };
        limits::check(&record).map_err(|(f, m)| fail(&record, f, m))?;
        let kind = Kind::of(map);
        match kind {
            Kind::Organization => {
                validators
                    .organization(&record)
                    .map_err(|(f, m)| fail(&record, f, m))?;
                if let Some(w) = validators.extra_organization_fields(&record) {
                    doc.notes
                        .push(format!("organization {}: {w}", record_id(&record, position)));
                }
                let (org, services) = mapping::split_organization(record.clone());
                for (i, service) in services.into_iter().enumerate() {
                    let s = mapping::service(service, Some(&org), cx)
                        .map_err(|(f, m)| fail(&record, format!("/services/{i}{f}"), m))?;
                    if !seen.insert(s.listing.id.clone()) {
                        return Err(fail(
                            &record,
                            format!("/services/{i}/id"),
                            "duplicate service id in this file".into(),
                        ));
                    }
                    doc.services.push(s);
                }
                doc.organizations.push(org);
            }
            Kind::Service | Kind::ServiceAtLocation => {
                let service = if kind == Kind::ServiceAtLocation {
                    mapping::service_from_service_at_location(record.clone()).ok_or_else(|| {
                        fail(
                            &record,
                            "/service".into(),
                            "a service_at_location must carry its service".into(),
                        )
                    })?
                } else {
                    record.clone()
                };
                validators
                    .service(&service)
                    .map_err(|(f, m)| fail(&record, f, m))?;
                let extra = validators.extra_service_fields(&service);
                let (service, org) = mapping::split_service(service);
                let mut s =
                    mapping::service(service, org.as_ref(), cx).map_err(|(f, m)| fail(&record, f, m))?;
                s.warnings.extend(extra);
                if !seen.insert(s.listing.id.clone()) {
                    return Err(fail(
                        &record,
                        "/id".into(),
                        "duplicate service id in this file".into(),
                    ));
                }
                doc.services.push(s);
                doc.organizations.extend(org);
            }
            Kind::Other => doc.skipped += 1,
        }
    }
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Organization,
    Service,
    ServiceAtLocation,
    Other,
}

impl Kind {
    fn of(map: &serde_json::Map<String, Value>) -> Kind {
        const ORGANIZATION_ONLY: [&str; 11] = [
            "services",
            "website",
            "tax_status",
            "tax_id",
            "year_incorporated",
            "legal_status",
            "logo",
            "funding",
            "organization_identifiers",
            "locations",
            "parent_organization_id",
        ];
        const NEITHER: [&str; 4] = ["location_type", "version", "taxonomy", "profile"];
        if map.get("service").is_some_and(Value::is_object) {
            Kind::ServiceAtLocation
        } else if map.contains_key("status") {
            // Only a service has a status: whatever else it carries (an extension field that
            // happens to share a name with another record's) does not make it something else.
            Kind::Service
        } else if NEITHER.iter().any(|k| map.contains_key(*k))
            || map.contains_key("code") && !map.contains_key("status")
        {
            // A location, taxonomy, term or API base record: not kept by Pathways.
            Kind::Other
        } else if ORGANIZATION_ONLY.iter().any(|k| map.contains_key(*k)) && !map.contains_key("status") {
            Kind::Organization
        } else {
            // Anything else is read as a service, so an incomplete one is refused by the
            // schema (naming what is missing) rather than passed over in silence.
            Kind::Service
        }
    }
}

/// The record's id as a message shows it (shortened, escaped), or its position.
fn record_id(record: &Value, position: usize) -> String {
    record
        .get("id")
        .and_then(Value::as_str)
        .map(shown)
        .unwrap_or_else(|| format!("#{} (no id)", position + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Vocabulary;

    fn parse(text: &str) -> Result<Document, ImportError> {
        let vocabulary = Vocabulary::new(crate::domain::Taxonomy::builtin());
        let cx = Context {
            gazetteer: Gazetteer::builtin(),
            inference: &vocabulary,
        };
        parse_document(Path::new("a.json"), text, &cx)
    }

    #[test]
    fn a_large_array_is_streamed_in_batches_to_the_same_services_and_errors() {
        let vocabulary = Vocabulary::new(crate::domain::Taxonomy::builtin());
        let cx = Context {
            gazetteer: Gazetteer::builtin(),
            inference: &vocabulary,
        };
        let dir = tempfile::tempdir().unwrap();
        let record = |i: usize| {
            serde_json::json!({"id": format!("00000000-0000-4000-8000-{i:012}"), "name": format!("Pantry {i}"),
                "description": "Food.", "status": "active"})
        };
        let records: Vec<Value> = (0..STREAM_BATCH * 2 + 7).map(record).collect();
        let file = dir.path().join("big.json");
        // With a byte-order mark, as some exports write it.
        let mut text = b"\xEF\xBB\xBF".to_vec();
        text.extend(serde_json::to_vec(&records).unwrap());
        std::fs::write(&file, &text).unwrap();
        let mut batches = Vec::new();
        stream_file::<ImportError>(&file, &cx, |doc| {
            batches.push(doc.services.len());
            Ok(())
        })
        .unwrap();
        assert_eq!(batches, [STREAM_BATCH, STREAM_BATCH, 7]);
        // A bad record far into the file is named by its id and field, as read_file names it.
        let mut bad = records.clone();
        bad[STREAM_BATCH + 3]["status"] = serde_json::json!(42);
        std::fs::write(&file, serde_json::to_vec(&bad).unwrap()).unwrap();
        let e = stream_file::<ImportError>(&file, &cx, |_| Ok(()))
            .unwrap_err()
            .to_string();
        let whole = parse(&serde_json::to_string(&bad).unwrap())
            .err()
            .unwrap()
            .to_string();
        assert!(
            e.contains(&format!("{:012}", STREAM_BATCH + 3)) && e.contains("/status"),
            "{e}"
        );
        let folder = format!("{}/", dir.path().display());
        assert_eq!(e.replace(&folder, "").replace("big.json", "a.json"), whole);
        // One id twice, in different batches, is refused.
        let mut twice = records.clone();
        twice[STREAM_BATCH * 2] = record(1);
        std::fs::write(&file, serde_json::to_vec(&twice).unwrap()).unwrap();
        let e = stream_file::<ImportError>(&file, &cx, |_| Ok(()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("duplicate service id"), "{e}");
        // What cannot be read a record at a time says so; broken JSON names the file.
        std::fs::write(&file, br#"{"id": "x"}"#).unwrap();
        let e = stream_file::<ImportError>(&file, &cx, |_| Ok(()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("big.json") && e.contains("a record at a time"), "{e}");
        std::fs::write(&file, b"[{\"id\": ").unwrap();
        assert!(stream_file::<ImportError>(&file, &cx, |_| Ok(())).is_err());
    }

    #[test]
    fn an_error_quoting_the_file_stays_one_line_without_terminal_escapes() {
        // Found by the hsds_record fuzz target: the record id reached the message as written.
        let e = parse(r#"[{"id": "x\u001b[31m\nforged line", "name": "No description"}]"#)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains(r"record x\u{1b}[31m\nforged line: field"), "{e}");
        assert!(!e.chars().any(char::is_control), "{e:?}");
    }

    #[test]
    fn a_warning_naming_the_service_stays_one_line() {
        let doc = parse(
            r#"{"id": "s\r\n1", "name": "N", "description": "D", "status": "active",
                "service_at_locations": [{"id": "l", "location": {"id": "m",
                    "location_type": "physical", "latitude": 91, "longitude": 0}}]}"#,
        );
        let warnings: Vec<String> = doc.map(|d| d.warnings(shown).collect()).unwrap_or_default();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with(r"service s\r\n1: "), "{warnings:?}");
    }
}
