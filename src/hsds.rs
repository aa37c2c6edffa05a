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
    let validators = validate::Validators::get();
    let mut seen = std::collections::HashSet::new();
    for (position, record) in records.into_iter().enumerate() {
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
    Ok(doc)
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
