//! HSDS 3.1 JSON in: recognising a file's shape, validating each record against the
//! official compiled schema, and mapping it into a [`Listing`](crate::domain::Listing).
//!
//! A file is all or nothing: one invalid record and the whole file is refused, with an error
//! naming the file, the record id and the field.

pub mod edit;
pub mod mapping;
pub mod tabular;
pub mod validate;

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::domain::records::one_line;
use crate::geo::Gazetteer;

pub use crate::domain::needs::NeedInference;
pub use crate::domain::records::{Document, OrganizationRecord, ServiceRecord};

/// Why a file was refused.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("{}: cannot read: {source}", one_line(&file.display().to_string()))]
    Read {
        /// The file.
        file: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not JSON.
    #[error("{}: not valid JSON: {}", one_line(&file.display().to_string()), one_line(message))]
    Json {
        /// The file.
        file: PathBuf,
        /// What the parser said, with line and column.
        message: String,
    },
    /// The JSON is not a shape of HSDS Pathways knows.
    #[error("{}: {message}", one_line(&file.display().to_string()))]
    Shape {
        /// The file.
        file: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A record is invalid. Its parts quote the file: written on one line (see [`one_line`]).
    #[error("{}: record {}: field {}: {}", one_line(&file.display().to_string()), one_line(record),
        one_line(field), one_line(message))]
    Record {
        /// The file.
        file: PathBuf,
        /// The record id (or its position when it has none).
        record: String,
        /// The field, as a JSON pointer inside the record.
        field: String,
        /// What is wrong.
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

/// Reads and maps one file.
pub fn read_file(path: &Path, cx: &Context) -> Result<Document, ImportError> {
    let text = std::fs::read_to_string(path).map_err(|source| ImportError::Read {
        file: path.to_owned(),
        source,
    })?;
    parse_document(path, &text, cx)
}

/// Maps the text of one file; `path` only names it in errors.
pub fn parse_document(path: &Path, text: &str, cx: &Context) -> Result<Document, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| ImportError::Json {
        file: path.to_owned(),
        message: e.to_string(),
    })?;
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
        let kind = Kind::of(map);
        match kind {
            Kind::Organization => {
                validators
                    .organization(&record)
                    .map_err(|(f, m)| fail(&record, f, m))?;
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
                let (service, org) = mapping::split_service(service);
                let s = mapping::service(service, org.as_ref(), cx).map_err(|(f, m)| fail(&record, f, m))?;
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

fn record_id(record: &Value, position: usize) -> String {
    record
        .get("id")
        .and_then(Value::as_str)
        .map(str::to_owned)
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
        let warnings: Vec<String> = doc.map(|d| d.warnings().collect()).unwrap_or_default();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with(r"service s\r\n1: "), "{warnings:?}");
    }
}
