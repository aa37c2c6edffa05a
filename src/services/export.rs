//! HSDS out (issue 15): the whole directory as HSDS 3.1 JSON — a list of organisations, each
//! with its services, as Pathways stores them (so importing an export gives the same
//! listings back) — and the records the HSDS API pages through. A confidential location leaves without its address or coordinates: its
//! services keep the `confidential_location` attribute that made them confidential, and the
//! areas they are found in are the town-centred circles search uses, never the real place.

use serde_json::{Value, json};

use super::{AppError, Directory};
use crate::domain::Listing;

impl Directory {
    /// The directory as HSDS 3.1 organisations with nested services.
    pub fn export_hsds(&self) -> Result<Vec<Value>, AppError> {
        let corrupt = |e: serde_json::Error| AppError::Export(e.to_string());
        let mut out = Vec::new();
        for (org, services) in self.store.hsds_by_organization()? {
            let mut org: Value = serde_json::from_str(&org).map_err(corrupt)?;
            let services = services
                .into_iter()
                .map(|(hsds, listing)| public_record(&hsds, &listing))
                .collect::<Result<Vec<Value>, AppError>>()?;
            if services.is_empty() {
                continue;
            }
            org["services"] = Value::Array(services);
            out.push(org);
        }
        Ok(out)
    }
}

/// One page of HSDS records with the HSDS API's paging figures.
#[derive(Clone, Debug, PartialEq)]
pub struct HsdsPage {
    /// Records in all.
    pub total_items: usize,
    /// This page (1-based).
    pub page: usize,
    /// Records a page.
    pub per_page: usize,
    /// This page's records.
    pub contents: Vec<Value>,
}

/// Most records a page of the HSDS API.
pub const MAX_PER_PAGE: usize = 200;

impl Directory {
    /// A service's HSDS record as the HSDS API gives it: as stored, its place redacted when
    /// confidential.
    pub fn hsds_service(&self, id: &str) -> Result<Option<Value>, AppError> {
        let Some(stored) = self.store.service(id)? else {
            return Ok(None);
        };
        Ok(Some(public_record(&stored.hsds, &stored.listing)?))
    }

    /// A page of services' HSDS records, of one organisation or all, by id.
    pub fn hsds_services(
        &self,
        organization_id: Option<&str>,
        page: usize,
        per_page: usize,
    ) -> Result<HsdsPage, AppError> {
        let (page, per_page) = (page.max(1), per_page.clamp(1, MAX_PER_PAGE));
        let (total_items, rows) =
            self.store
                .service_records(organization_id, (page - 1) * per_page, per_page)?;
        let contents = rows
            .iter()
            .map(|(hsds, listing)| public_record(hsds, listing))
            .collect::<Result<_, _>>()?;
        Ok(HsdsPage {
            total_items,
            page,
            per_page,
            contents,
        })
    }

    /// A page of organisations' HSDS records, by id.
    pub fn hsds_organizations(&self, page: usize, per_page: usize) -> Result<HsdsPage, AppError> {
        let (page, per_page) = (page.max(1), per_page.clamp(1, MAX_PER_PAGE));
        let (total_items, rows) = self.store.organization_records((page - 1) * per_page, per_page)?;
        let contents = rows
            .iter()
            .map(|r| serde_json::from_str(r).map_err(|e| AppError::Export(e.to_string())))
            .collect::<Result<_, _>>()?;
        Ok(HsdsPage {
            total_items,
            page,
            per_page,
            contents,
        })
    }
}

/// A stored service record as it may leave Pathways.
fn public_record(hsds: &str, listing: &Listing) -> Result<Value, AppError> {
    let mut service: Value = serde_json::from_str(hsds).map_err(|e| AppError::Export(e.to_string()))?;
    if listing.confidential {
        redact(&mut service, listing);
    }
    Ok(service)
}

/// Takes a confidential service's place out of its record: no address or coordinates on
/// its locations, and its areas replaced by the town-centred circles the listing holds.
fn redact(service: &mut Value, listing: &Listing) {
    if let Some(sals) = service
        .get_mut("service_at_locations")
        .and_then(Value::as_array_mut)
    {
        for sal in sals {
            if let Some(location) = sal.get_mut("location").and_then(Value::as_object_mut) {
                for key in ["addresses", "latitude", "longitude"] {
                    location.remove(key);
                }
            }
        }
    }
    let mut areas: Vec<Value> = service
        .get("service_areas")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter(|area| {
                    !area
                        .get("extent")
                        .and_then(Value::as_str)
                        .is_some_and(|e| e.starts_with("radius:"))
                })
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    for (i, c) in listing.area.circles.iter().enumerate() {
        areas.push(json!({
            "id": format!("{}-area-{i}", listing.id),
            "extent_type": "text",
            "extent": format!("radius:{},{},{}", c.center.lat, c.center.lon, c.km),
        }));
    }
    if let Some(s) = service.as_object_mut() {
        if areas.is_empty() {
            s.remove("service_areas");
        } else {
            s.insert("service_areas".to_owned(), Value::Array(areas));
        }
    }
}
