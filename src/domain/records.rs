//! What an import produces, whatever the format it came in: organisations and services, each
//! service with its whole HSDS record (the system of record keeps it, confidential fields
//! included) and the public listing made from it. The store keeps these; `hsds` makes them.

use serde_json::Value;

use super::Listing;

/// One organisation as imported.
#[derive(Clone, Debug, PartialEq)]
pub struct OrganizationRecord {
    /// HSDS id.
    pub id: String,
    /// Name.
    pub name: String,
    /// The HSDS record without its nested services.
    pub hsds: Value,
}

/// One service as imported: the HSDS record (the system of record keeps it whole, confidential
/// fields included) and the public listing made from it.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceRecord {
    /// The HSDS record, its nested organisation removed (kept in `organization`).
    pub hsds: Value,
    /// What Pathways shows and searches.
    pub listing: Listing,
    /// Parts of the record Pathways could not use (kept in the record, left out of the
    /// listing), e.g. coordinates that are not on Earth.
    pub warnings: Vec<String>,
}

/// Everything one file holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// Organisations.
    pub organizations: Vec<OrganizationRecord>,
    /// Services.
    pub services: Vec<ServiceRecord>,
    /// Records of kinds Pathways does not keep (taxonomies, bare locations), counted.
    pub skipped: usize,
}

impl Document {
    /// Warnings of every service, each prefixed with its service id.
    pub fn warnings(&self) -> impl Iterator<Item = String> + '_ {
        self.services.iter().flat_map(|s| {
            s.warnings
                .iter()
                .map(move |w| format!("service {}: {w}", one_line(&s.listing.id)))
        })
    }
}

/// `text` with its control characters written as escapes (`\n`, `\u{1b}`): an import's
/// errors and warnings quote ids and names from the file, which anyone may have written, and
/// they reach a terminal and the log, where a newline forges a line and an escape recolours it.
pub fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
