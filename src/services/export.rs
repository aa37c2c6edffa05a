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
        modified_after: Option<jiff::Timestamp>,
        page: usize,
        per_page: usize,
    ) -> Result<HsdsPage, AppError> {
        let (page, per_page) = (page.max(1), per_page.clamp(1, MAX_PER_PAGE));
        let after = modified_after.map(stored_time);
        let (total_items, rows) =
            self.store
                .service_records(organization_id, after.as_deref(), (page - 1) * per_page, per_page)?;
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

    /// A page of service-at-locations as HSDS serves them (see [`service_at_location`]), of
    /// one organisation or all, by id.
    pub fn hsds_service_at_locations(
        &self,
        organization_id: Option<&str>,
        modified_after: Option<jiff::Timestamp>,
        page: usize,
        per_page: usize,
    ) -> Result<HsdsPage, AppError> {
        let (page, per_page) = (page.max(1), per_page.clamp(1, MAX_PER_PAGE));
        let after = modified_after.map(stored_time);
        let (total_items, rows) = self.store.service_location_records(
            organization_id,
            after.as_deref(),
            (page - 1) * per_page,
            per_page,
        )?;
        let contents = rows
            .iter()
            .map(|(hsds, listing, position)| service_at_location(public_record(hsds, listing)?, *position))
            .collect::<Result<_, _>>()?;
        Ok(HsdsPage {
            total_items,
            page,
            per_page,
            contents,
        })
    }

    /// One service-at-location as HSDS serves it, by its id.
    pub fn hsds_service_at_location(&self, id: &str) -> Result<Option<Value>, AppError> {
        let Some((hsds, listing, position)) = self.store.service_location_record(id)? else {
            return Ok(None);
        };
        Ok(Some(service_at_location(
            public_record(&hsds, &listing)?,
            position,
        )?))
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

/// A time as the store writes its own (see migration 17), so text order is time order.
fn stored_time(t: jiff::Timestamp) -> String {
    let utc = t.to_zoned_datetime(jiff::tz::TimeZone::UTC);
    format!(
        "{}.{:03}Z",
        utc.strftime("%Y-%m-%dT%H:%M:%S"),
        utc.subsec_nanosecond() / 1_000_000
    )
}

/// The service-at-location at `position` of a (public) service record, as HSDS's
/// `service_at_location_full` example has it: its own fields, its location, and its service
/// without the service's list of locations.
fn service_at_location(mut service: Value, position: usize) -> Result<Value, AppError> {
    let mut sal = service
        .get_mut("service_at_locations")
        .and_then(Value::as_array_mut)
        .and_then(|list| (position < list.len()).then(|| list.swap_remove(position)))
        .ok_or_else(|| AppError::Export(format!("service-at-location {position} is gone")))?;
    if let Some(s) = service.as_object_mut() {
        s.remove("service_at_locations");
    }
    if let Some(m) = sal.as_object_mut() {
        m.insert("service".to_owned(), service);
    }
    Ok(sal)
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
            // Areas drawn on a location may outline the place: the service's own stand in.
            if let Some(sal) = sal.as_object_mut() {
                sal.remove("service_areas");
            }
            if let Some(location) = sal.get_mut("location").and_then(Value::as_object_mut) {
                for key in ["addresses", "latitude", "longitude", "service_areas"] {
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
                // Whole states and the country stay; circles and drawn areas go.
                .filter(|area| {
                    let text = area
                        .get("extent_type")
                        .and_then(Value::as_str)
                        .is_none_or(|t| t.eq_ignore_ascii_case("text"));
                    text && !area
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

/// The tables of HSDS's tabular form that a service's nested records go into: (table, key
/// in the service record). The reverse of `hsds::tabular`'s join.
const CHILD_TABLES: &[(&str, &str)] = &[
    ("phones.csv", "phones"),
    ("schedules.csv", "schedules"),
    ("service_areas.csv", "service_areas"),
    ("languages.csv", "languages"),
    ("contacts.csv", "contacts"),
    ("cost_options.csv", "cost_options"),
    ("required_documents.csv", "required_documents"),
    ("funding.csv", "funding"),
];

/// HSDS's tabular data package: each table's rows (column → cell), by file name.
pub type Tables = std::collections::BTreeMap<&'static str, Vec<serde_json::Map<String, Value>>>;

/// A record's plain fields (text, numbers, booleans) as table cells; nested lists and
/// objects go to their own tables.
fn cells(record: &Value) -> serde_json::Map<String, Value> {
    record
        .as_object()
        .map(|m| {
            m.iter()
                .filter(|(_, v)| !(v.is_array() || v.is_object() || v.is_null()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        .unwrap_or_default()
}

impl Directory {
    /// The directory as HSDS's tabular data package: the export's records flattened into
    /// tables, each nested record a row that names its parent by id.
    pub fn export_tabular(&self) -> Result<Tables, AppError> {
        let mut tables = Tables::new();
        let mut seen_terms = std::collections::HashSet::new();
        let mut seen_locations = std::collections::HashSet::new();
        let mut seen_units = std::collections::HashSet::new();
        // An attribute row and its term, once.
        let mut attribute = |tables: &mut Tables, attribute: &Value, link_id: &Value, link_type: &str| {
            let mut row = cells(attribute);
            row.insert("link_id".into(), link_id.clone());
            row.insert("link_type".into(), Value::String(link_type.into()));
            let term = &attribute["taxonomy_term"];
            if let Some(term_id) = term.get("id").and_then(Value::as_str) {
                row.insert("taxonomy_term_id".into(), Value::String(term_id.to_owned()));
                if seen_terms.insert(term_id.to_owned()) {
                    tables.entry("taxonomy_terms.csv").or_default().push(cells(term));
                }
            }
            tables.entry("attributes.csv").or_default().push(row);
        };
        for org in self.export_hsds()? {
            tables.entry("organizations.csv").or_default().push(cells(&org));
            let org_id = org.get("id").cloned().unwrap_or(Value::Null);
            for a in org["attributes"].as_array().into_iter().flatten() {
                attribute(&mut tables, a, &org_id, "organization");
            }
            for service in org["services"].as_array().into_iter().flatten() {
                let id = service.get("id").cloned().unwrap_or(Value::Null);
                let mut row = cells(service);
                row.insert("organization_id".into(), org_id.clone());
                tables.entry("services.csv").or_default().push(row);
                for (table, key) in CHILD_TABLES {
                    for child in service[*key].as_array().into_iter().flatten() {
                        let mut row = cells(child);
                        row.insert("service_id".into(), id.clone());
                        tables.entry(table).or_default().push(row);
                    }
                }
                for a in service["attributes"].as_array().into_iter().flatten() {
                    attribute(&mut tables, a, &id, "service");
                }
                for capacity in service["capacities"].as_array().into_iter().flatten() {
                    let mut row = cells(capacity);
                    row.insert("service_id".into(), id.clone());
                    let unit = &capacity["unit"];
                    if let Some(unit_id) = unit.get("id").and_then(Value::as_str) {
                        row.insert("unit_id".into(), Value::String(unit_id.to_owned()));
                        if seen_units.insert(unit_id.to_owned()) {
                            tables.entry("unit.csv").or_default().push(cells(unit));
                        }
                    }
                    tables.entry("service_capacity.csv").or_default().push(row);
                }
                for sal in service["service_at_locations"].as_array().into_iter().flatten() {
                    let mut row = cells(sal);
                    row.insert("service_id".into(), id.clone());
                    let location = &sal["location"];
                    if let Some(location_id) = location.get("id").and_then(Value::as_str) {
                        row.insert("location_id".into(), Value::String(location_id.to_owned()));
                        if seen_locations.insert(location_id.to_owned()) {
                            tables.entry("locations.csv").or_default().push(cells(location));
                            for address in location["addresses"].as_array().into_iter().flatten() {
                                let mut row = cells(address);
                                row.insert("location_id".into(), Value::String(location_id.to_owned()));
                                tables.entry("addresses.csv").or_default().push(row);
                            }
                        }
                    }
                    tables.entry("service_at_location.csv").or_default().push(row);
                }
            }
        }
        Ok(tables)
    }
}

/// Writes `tables` into `dir` as CSV files (columns sorted, one header row) and the
/// `datapackage.json` that lists them.
pub fn write_tabular(tables: &Tables, dir: &std::path::Path) -> Result<(), AppError> {
    for (name, bytes) in tabular_files(tables)? {
        std::fs::write(dir.join(&name), bytes).map_err(|e| AppError::Export(format!("{name}: {e}")))?;
    }
    Ok(())
}

/// The files of the tabular package: each table as CSV (columns sorted, one header row),
/// then the `datapackage.json` that lists them.
pub fn tabular_files(tables: &Tables) -> Result<Vec<(String, Vec<u8>)>, AppError> {
    let failed = |e: csv::Error| AppError::Export(e.to_string());
    let mut files = Vec::new();
    let mut resources = Vec::new();
    for (name, rows) in tables {
        let mut columns: Vec<&String> = rows.iter().flat_map(|r| r.keys()).collect();
        columns.sort();
        columns.dedup();
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer
            .write_record(columns.iter().map(|c| c.as_str()))
            .map_err(failed)?;
        for row in rows {
            let cells = columns.iter().map(|c| match row.get(*c) {
                Some(Value::String(s)) => s.clone(),
                Some(v) => v.to_string(),
                None => String::new(),
            });
            writer.write_record(cells).map_err(failed)?;
        }
        let bytes = writer.into_inner().map_err(|e| AppError::Export(e.to_string()))?;
        files.push(((*name).to_owned(), bytes));
        resources.push(json!({"name": name.trim_end_matches(".csv"), "path": name}));
    }
    let package =
        json!({"name": "pathways-export", "profile": "tabular-data-package", "resources": resources});
    files.push((
        crate::hsds::PACKAGE_MANIFEST.to_owned(),
        serde_json::to_vec_pretty(&package).map_err(|e| AppError::Export(e.to_string()))?,
    ));
    Ok(files)
}

/// The whole directory as one zip file: `hsds.json` (every organisation with its services)
/// and the same as HSDS's tabular package under `tabular/`, deflated. Built in memory, as
/// `pathways export` builds its files.
pub fn zip_of(organisations: &[Value], tables: &Tables) -> Result<Vec<u8>, AppError> {
    use std::io::Write;
    let failed = |e: zip::result::ZipError| AppError::Export(e.to_string());
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let hsds = serde_json::to_vec_pretty(organisations).map_err(|e| AppError::Export(e.to_string()))?;
    let files = std::iter::once(("hsds.json".to_owned(), hsds)).chain(
        tabular_files(tables)?
            .into_iter()
            .map(|(name, bytes)| (format!("tabular/{name}"), bytes)),
    );
    for (name, bytes) in files {
        zip.start_file(name, options).map_err(failed)?;
        zip.write_all(&bytes)
            .map_err(|e| AppError::Export(e.to_string()))?;
    }
    Ok(zip.finish().map_err(failed)?.into_inner())
}
