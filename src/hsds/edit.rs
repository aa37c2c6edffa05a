//! Writing a provider's edit back into the HSDS 3.1 service record the directory keeps, so
//! that the record stays the system of record and valid HSDS: the listing is then made from
//! it by the same mapping an import uses. Parts of the record the form does not show stay as
//! they are; what it shows replaces what was there (at service level — the same facts kept
//! on the service's locations are dropped, so they cannot contradict the edit).

use serde_json::{Map, Value, json};

use super::mapping::{CONDITIONS_TAXONOMY, NEEDS_TAXONOMY};
use crate::domain::Taxonomy;
use crate::domain::listing_edit::{
    AddressEdit, CapacityEdit, DAYS, EDITABLE_ATTRIBUTES, FieldGroup, ListingEdit,
};

/// A new id for a part of a record (HSDS ids are UUIDs).
fn id() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn set_text(s: &mut Map<String, Value>, key: &str, value: &str) {
    if value.is_empty() {
        s.remove(key);
    } else {
        s.insert(key.to_owned(), Value::String(value.to_owned()));
    }
}

/// Applies the parts of `edit` in `groups` to the service record `record`; `today` is the
/// date (`YYYY-MM-DD`) a capacity is reported on. Returns the record changed.
pub fn apply(record: &Value, edit: &ListingEdit, groups: &[FieldGroup], today: &str) -> Value {
    let mut record = record.clone();
    let Some(s) = record.as_object_mut() else {
        return record;
    };
    let service_id = s.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
    for group in groups {
        match group {
            FieldGroup::Description => description(s, edit, &service_id),
            FieldGroup::Hours => hours(s, edit, &service_id),
            FieldGroup::Phones => phones(s, edit, &service_id),
            FieldGroup::Capacity => capacity(s, edit.capacity.as_ref(), &service_id, today),
            FieldGroup::Needs => terms(s, NEEDS_TAXONOMY, &needs(edit)),
            FieldGroup::Conditions => terms(
                s,
                CONDITIONS_TAXONOMY,
                &edit
                    .conditions
                    .iter()
                    .map(|c| (c.code().to_owned(), c.code().replace('_', " ")))
                    .collect::<Vec<_>>(),
            ),
            FieldGroup::Area => area(s, edit, &service_id),
            FieldGroup::Address => address(s, edit.address.as_ref()),
        }
    }
    record
}

/// Marks the record as checked by its provider on `today` (`YYYY-MM-DD`).
pub fn confirm(record: &Value, today: &str) -> Value {
    let mut record = record.clone();
    if let Some(s) = record.as_object_mut() {
        s.insert("assured_date".into(), Value::String(today.to_owned()));
    }
    record
}

/// Sets the capacity alone (the capacity API's change).
pub fn set_capacity(record: &Value, capacity_edit: &CapacityEdit, today: &str) -> Value {
    let mut record = record.clone();
    if let Some(s) = record.as_object_mut() {
        let service_id = s.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
        capacity(s, Some(capacity_edit), &service_id, today);
    }
    record
}

fn description(s: &mut Map<String, Value>, edit: &ListingEdit, service_id: &str) {
    set_text(s, "name", &edit.name);
    set_text(s, "description", &edit.description);
    set_text(s, "application_process", &edit.application_process);
    s.remove("fees");
    set_text(s, "fees_description", &edit.fees);
    for (key, age) in [("minimum_age", edit.min_age), ("maximum_age", edit.max_age)] {
        match age {
            Some(a) => s.insert(key.into(), json!(a)),
            None => s.remove(key),
        };
    }
    let documents: Vec<Value> = edit
        .required_documents
        .iter()
        .map(|d| json!({"id": id(), "service_id": service_id, "document": d}))
        .collect();
    s.insert("required_documents".into(), Value::Array(documents));
    let languages: Vec<Value> = edit
        .languages
        .iter()
        .map(|code| json!({"id": id(), "service_id": service_id, "code": code}))
        .collect();
    s.insert("languages".into(), Value::Array(languages));
    // Genders, cultural focus and the provider's own attributes live in our attributes
    // taxonomy (the first two with the provider's words as the value); the directory's own
    // (a confidential location, sample data, 24/7) stay as they are.
    let attributes = s.entry("attributes").or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(list) = attributes {
        let provider_set = |code: &str| {
            code == "genders" || code == "culturally_specific" || EDITABLE_ATTRIBUTES.contains(&code)
        };
        list.retain(|a| {
            a.pointer("/taxonomy_term/taxonomy").and_then(Value::as_str)
                != Some(super::mapping::ATTRIBUTES_TAXONOMY)
                || !a
                    .pointer("/taxonomy_term/code")
                    .and_then(Value::as_str)
                    .is_some_and(provider_set)
        });
        let term = |code: &str, value: Option<&str>| {
            let mut a = json!({
                "id": id(),
                "taxonomy_term": {
                    "id": id(),
                    "code": code,
                    "name": code.replace('_', " "),
                    "description": code.replace('_', " "),
                    "taxonomy": super::mapping::ATTRIBUTES_TAXONOMY,
                },
            });
            if let (Some(v), Some(m)) = (value, a.as_object_mut()) {
                m.insert("value".into(), Value::String(v.to_owned()));
            }
            a
        };
        for (code, words) in [
            ("genders", &edit.genders),
            ("culturally_specific", &edit.culturally_specific),
        ] {
            if !words.is_empty() {
                list.push(term(code, Some(words)));
            }
        }
        for code in &edit.attributes {
            list.push(term(code, None));
        }
    }
}

/// Removes `key` from every location of the service (and from their nested locations).
fn strip_from_locations(s: &mut Map<String, Value>, key: &str) {
    if let Some(Value::Array(sals)) = s.get_mut("service_at_locations") {
        for sal in sals {
            if let Some(m) = sal.as_object_mut() {
                m.remove(key);
                if let Some(loc) = m.get_mut("location").and_then(Value::as_object_mut) {
                    loc.remove(key);
                }
            }
        }
    }
}

fn hours(s: &mut Map<String, Value>, edit: &ListingEdit, service_id: &str) {
    let closures = edit.closures.iter().map(|c| {
        json!({
            "id": id(),
            "service_id": service_id,
            "valid_from": c.from,
            "valid_to": c.to,
            "description": c.note,
            "notes": "closed",
        })
    });
    let schedules: Vec<Value> = edit
        .hours
        .iter()
        .map(|o| {
            json!({
                "id": id(),
                "service_id": service_id,
                "freq": "WEEKLY",
                "byday": DAYS[o.day].to_ascii_uppercase(),
                "opens_at": o.opens,
                "closes_at": if o.closes == "24:00" { "23:59" } else { o.closes.as_str() },
            })
        })
        .chain(closures)
        .collect();
    s.insert("schedules".into(), Value::Array(schedules));
    strip_from_locations(s, "schedules");
}

fn phones(s: &mut Map<String, Value>, edit: &ListingEdit, service_id: &str) {
    let phones: Vec<Value> = edit
        .phones
        .iter()
        .map(|p| {
            let mut v = json!({"id": id(), "service_id": service_id, "number": p.number, "type": "voice"});
            if let (Some(d), Some(m)) = (&p.description, v.as_object_mut()) {
                m.insert("description".into(), Value::String(d.clone()));
            }
            v
        })
        .collect();
    s.insert("phones".into(), Value::Array(phones));
    strip_from_locations(s, "phones");
}

fn capacity(s: &mut Map<String, Value>, edit: Option<&CapacityEdit>, service_id: &str, today: &str) {
    match edit {
        None => {
            s.remove("capacities");
        }
        Some(c) => {
            let mut v = json!({
                "id": id(),
                "service_id": service_id,
                "unit": {"id": id(), "name": c.unit},
                "available": c.available,
                "updated": format!("{today}T00:00:00Z"),
            });
            if let (Some(m), Some(map)) = (c.maximum, v.as_object_mut()) {
                map.insert("maximum".into(), json!(m));
            }
            s.insert("capacities".into(), Value::Array(vec![v]));
        }
    }
}

fn needs(edit: &ListingEdit) -> Vec<(String, String)> {
    let taxonomy = Taxonomy::builtin();
    edit.needs
        .iter()
        .map(|code| {
            let name = taxonomy
                .need(code)
                .map(|n| n.label.en.clone())
                .unwrap_or_else(|| code.clone());
            (code.clone(), name)
        })
        .collect()
}

/// Replaces the terms of `taxonomy` among the service's attributes with `terms` (code, name).
fn terms(s: &mut Map<String, Value>, taxonomy: &str, terms: &[(String, String)]) {
    let attributes = s.entry("attributes").or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(list) = attributes {
        list.retain(|a| a.pointer("/taxonomy_term/taxonomy").and_then(Value::as_str) != Some(taxonomy));
        for (code, name) in terms {
            list.push(json!({
                "id": id(),
                "taxonomy_term": {"id": id(), "code": code, "name": name, "description": name, "taxonomy": taxonomy},
            }));
        }
    }
}

/// The form edits the text areas (`US`, `US-TX`, circles); areas drawn in another form (a
/// GeoJSON polygon from the provider's own file) are kept as they were, moved to the service.
fn area(s: &mut Map<String, Value>, edit: &ListingEdit, service_id: &str) {
    let is_text = |a: &Value| {
        a.get("extent_type")
            .and_then(Value::as_str)
            .is_none_or(|t| t.eq_ignore_ascii_case("text"))
    };
    let from_locations = s
        .get("service_at_locations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .flat_map(|sal| {
            [sal.get("service_areas"), sal.pointer("/location/service_areas")]
                .into_iter()
                .flatten()
                .filter_map(Value::as_array)
                .flatten()
        });
    let drawn: Vec<Value> = s
        .get("service_areas")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .chain(from_locations)
        .filter(|a| !is_text(a))
        .map(|a| {
            let mut a = a.clone();
            a["service_id"] = json!(service_id);
            a
        })
        .collect();
    let areas: Vec<Value> = edit
        .area
        .extents
        .iter()
        .map(|e| json!({"id": id(), "service_id": service_id, "extent": e, "extent_type": "text"}))
        .chain(drawn)
        .collect();
    s.insert("service_areas".into(), Value::Array(areas));
    strip_from_locations(s, "service_areas");
}

/// Sets the office's address on the service's first location (made when there is none);
/// its coordinates go, so the place is read from the new ZIP code and city. `None` leaves
/// the service without a public office.
fn address(s: &mut Map<String, Value>, edit: Option<&AddressEdit>) {
    let Some(a) = edit else {
        s.remove("service_at_locations");
        return;
    };
    let sals = s
        .entry("service_at_locations")
        .or_insert_with(|| Value::Array(Vec::new()));
    let Value::Array(list) = sals else {
        return;
    };
    if list.is_empty() {
        list.push(json!({"id": id(), "location": {"id": id(), "location_type": "physical"}}));
    }
    let Some(location) = list[0].get_mut("location").and_then(Value::as_object_mut) else {
        return;
    };
    location.remove("latitude");
    location.remove("longitude");
    let parts = json!({
        "address_1": a.street, "city": a.city, "state_province": a.state,
        "postal_code": a.postal_code, "country": "US", "address_type": "physical",
    });
    let addresses = location
        .entry("addresses")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(addresses) = addresses {
        match addresses.first_mut().and_then(Value::as_object_mut) {
            Some(first) => {
                if let Value::Object(p) = parts {
                    first.extend(p);
                }
            }
            None => {
                let mut new = parts;
                if let Some(m) = new.as_object_mut() {
                    m.insert("id".into(), Value::String(id()));
                }
                addresses.push(new);
            }
        }
    }
}

/// The office's address of a record, as the form holds it.
pub fn address_of(record: &Value) -> Option<AddressEdit> {
    let a = record
        .pointer("/service_at_locations/0/location/addresses/0")?
        .as_object()?;
    let text = |k: &str| a.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
    let found = AddressEdit {
        street: text("address_1"),
        city: text("city"),
        state: text("state_province"),
        postal_code: text("postal_code"),
    };
    (found != AddressEdit::default()).then_some(found)
}

/// The documents a record asks for, as the form lists them.
pub fn required_documents(record: &Value) -> Vec<String> {
    record
        .get("required_documents")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|d| d.get("document").and_then(Value::as_str))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::listing_edit::ListingForm;

    #[test]
    fn the_area_form_replaces_text_areas_and_keeps_drawn_ones() {
        let drawn = json!({"type": "Polygon", "coordinates": [[[-98.0, 30.0], [-97.5, 30.0], [-97.5, 30.6], [-98.0, 30.0]]]})
            .to_string();
        let record = json!({
            "id": "s1",
            "service_areas": [
                {"id": "a1", "extent_type": "text", "extent": "US-OK"},
                {"id": "a2", "extent_type": "geojson", "extent": drawn},
            ],
            "service_at_locations": [{"id": "sal1", "location": {"id": "l1",
                "service_areas": [{"id": "a3", "extent_type": "geojson", "extent": drawn}]}}],
        });
        // The form as the provider saves it: Texas instead of Oklahoma.
        let mut listing = crate::search::tests::listing("s1", "Outreach", &["basic.food"]);
        listing.area.states = vec!["TX".into()];
        let edit = ListingForm::of(&listing, &[]).check().unwrap();
        let saved = apply(&record, &edit, &[FieldGroup::Area], "2026-12-04");
        let areas = saved["service_areas"].as_array().unwrap();
        let extents: Vec<(&str, &str)> = areas
            .iter()
            .map(|a| (a["extent_type"].as_str().unwrap(), a["id"].as_str().unwrap_or("")))
            .collect();
        assert_eq!(areas.len(), 3, "{extents:?}");
        assert_eq!(areas[0]["extent"], "US-TX");
        assert_eq!(
            areas.iter().filter(|a| a["extent_type"] == "geojson").count(),
            2,
            "both drawn areas kept, moved to the service"
        );
        assert!(
            saved
                .pointer("/service_at_locations/0/location/service_areas")
                .is_none()
        );
    }
}
