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
    /// Warnings about whole records other than services, each naming its record.
    pub notes: Vec<String>,
}

impl Document {
    /// The notes, then the warnings of every service, each prefixed with its service id (as
    /// `shown`, which may shorten and escape it for a console).
    pub fn warnings<'a>(&'a self, shown: fn(&str) -> String) -> impl Iterator<Item = String> + 'a {
        self.notes
            .iter()
            .cloned()
            .chain(self.services.iter().flat_map(move |s| {
                s.warnings
                    .iter()
                    .map(move |w| format!("service {}: {w}", shown(&s.listing.id)))
            }))
    }
}
