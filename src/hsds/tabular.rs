//! HSDS's tabular form given as JSON (`{"services.csv": [rows], "organizations.csv": …}`),
//! reassembled into nested service records so it goes through the same validation and
//! mapping as every other shape.

use std::collections::HashMap;

use serde_json::{Map, Value};

/// Whether a JSON object is a set of HSDS tables.
pub fn is_tabular(map: &Map<String, Value>) -> bool {
    map.contains_key("services.csv")
}

/// Tables joined to a service by a `service_id` column: (table, key in the service record).
const BY_SERVICE: &[(&str, &str)] = &[
    ("phones.csv", "phones"),
    ("schedules.csv", "schedules"),
    ("service_areas.csv", "service_areas"),
    ("languages.csv", "languages"),
    ("contacts.csv", "contacts"),
    ("cost_options.csv", "cost_options"),
    ("required_documents.csv", "required_documents"),
    ("funding.csv", "funding"),
];

/// Rows of a table by the value of one column (as JSON text, so `1` and `"1"` differ as
/// they do in the tables).
type RowsByValue = HashMap<String, Vec<usize>>;

/// The services of a set of tables, each with its organisation, locations, addresses,
/// phones, schedules, areas, languages and attributes nested in it.
pub fn services(tables: &Map<String, Value>) -> Vec<Value> {
    let rows = |table: &str| {
        tables
            .get(table)
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    };
    // Each (table, column) read is indexed once, on first use: scanning the child tables for
    // every service made a 10,000-service package take 40 s to join.
    let indexes: std::cell::RefCell<HashMap<(String, String), RowsByValue>> = Default::default();
    let matching = |table: &str, column: &str, id: &Value| -> Vec<Value> {
        let mut indexes = indexes.borrow_mut();
        let index = indexes
            .entry((table.to_owned(), column.to_owned()))
            .or_insert_with(|| {
                let mut index = RowsByValue::default();
                for (i, r) in rows(table).iter().enumerate() {
                    if let Some(v) = r.get(column) {
                        index.entry(v.to_string()).or_default().push(i);
                    }
                }
                index
            });
        index
            .get(&id.to_string())
            .map(|at| at.iter().map(|&i| rows(table)[i].clone()).collect())
            .unwrap_or_default()
    };
    let by_id =
        |table: &str, id: Option<&Value>| -> Option<Value> { matching(table, "id", id?).into_iter().next() };
    let with_terms = |attributes: Vec<Value>| -> Vec<Value> {
        attributes
            .into_iter()
            .map(|mut a| {
                if let Some(term) = by_id("taxonomy_terms.csv", a.get("taxonomy_term_id")) {
                    a["taxonomy_term"] = term;
                }
                a
            })
            .collect()
    };
    rows("services.csv")
        .iter()
        .map(|service| {
            let mut s = service.clone();
            let id = service.get("id").cloned().unwrap_or(Value::Null);
            if let Some(mut org) = by_id("organizations.csv", service.get("organization_id")) {
                let org_id = org.get("id").cloned().unwrap_or(Value::Null);
                let attributes = with_terms(matching("attributes.csv", "link_id", &org_id));
                if !attributes.is_empty() {
                    org["attributes"] = Value::Array(attributes);
                }
                s["organization"] = org;
            }
            let capacities: Vec<Value> = matching("service_capacity.csv", "service_id", &id)
                .into_iter()
                .map(|mut c| {
                    if let Some(unit) = by_id("unit.csv", c.get("unit_id")) {
                        c["unit"] = unit;
                    }
                    c
                })
                .collect();
            if !capacities.is_empty() {
                s["capacities"] = Value::Array(capacities);
            }
            for (table, key) in BY_SERVICE {
                let children = matching(table, "service_id", &id);
                if !children.is_empty() {
                    s[*key] = Value::Array(children);
                }
            }
            let attributes = with_terms(matching("attributes.csv", "link_id", &id));
            if !attributes.is_empty() {
                s["attributes"] = Value::Array(attributes);
            }
            let at_locations: Vec<Value> = matching("service_at_location.csv", "service_id", &id)
                .into_iter()
                .map(|mut sal| {
                    if let Some(mut location) = by_id("locations.csv", sal.get("location_id")) {
                        let location_id = location.get("id").cloned().unwrap_or(Value::Null);
                        let addresses = matching("addresses.csv", "location_id", &location_id);
                        if !addresses.is_empty() {
                            location["addresses"] = Value::Array(addresses);
                        }
                        sal["location"] = location;
                    }
                    sal
                })
                .collect();
            if !at_locations.is_empty() {
                s["service_at_locations"] = Value::Array(at_locations);
            }
            s
        })
        .collect()
}

/// Gives CSV-born values the types the nested schema expects: a table cell has no type, so
/// `10092008082` may arrive as a number where the schema wants a string, `"3"` as a string
/// where it wants a number, and an empty cell as `""` or `null` where nothing was meant.
pub fn coerce(value: &mut Value, schema: &Value) {
    match value {
        Value::Object(map) => {
            let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
                return;
            };
            map.retain(|_, v| !(v.is_null() || v.as_str() == Some("")));
            for (key, v) in map.iter_mut() {
                if let Some(sub) = properties.get(key) {
                    coerce(v, sub);
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for item in items {
                    coerce(item, item_schema);
                }
            }
        }
        Value::Number(n) if schema.get("type").and_then(Value::as_str) == Some("string") => {
            *value = Value::String(n.to_string());
        }
        Value::Bool(b) if schema.get("type").and_then(Value::as_str) == Some("string") => {
            *value = Value::String(b.to_string());
        }
        Value::String(s)
            if matches!(
                schema.get("type").and_then(Value::as_str),
                Some("number" | "integer")
            ) =>
        {
            if let Ok(n) = s.trim().parse::<f64>()
                && let Some(n) = serde_json::Number::from_f64(n)
            {
                *value = Value::Number(n);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn tables_are_nested_into_services() {
        let tables = json!({
            "services.csv": [{"id": "s1", "organization_id": "o1", "name": "Pantry", "status": "active"}],
            "organizations.csv": [{"id": "o1", "name": "Org", "description": "d"}],
            "phones.csv": [{"id": "p1", "service_id": "s1", "number": "555-0100"}, {"id": "p2", "service_id": "other", "number": "x"}],
            "service_at_location.csv": [{"id": "sal1", "service_id": "s1", "location_id": "l1"}],
            "locations.csv": [{"id": "l1", "location_type": "physical", "latitude": 29.7, "longitude": -95.3}],
            "addresses.csv": [{"id": "a1", "location_id": "l1", "address_1": "1 Main St"}],
            "attributes.csv": [{"id": "t1", "link_id": "s1", "taxonomy_term_id": "tt1"}],
            "taxonomy_terms.csv": [{"id": "tt1", "name": "Food Pantry", "description": "d", "taxonomy": "Open Eligibility"}],
        });
        let services = services(tables.as_object().unwrap_or(&Map::new()));
        assert_eq!(services.len(), 1);
        let s = &services[0];
        assert_eq!(s["organization"]["name"], "Org");
        assert_eq!(s["phones"].as_array().map(Vec::len), Some(1));
        assert_eq!(
            s["service_at_locations"][0]["location"]["addresses"][0]["address_1"],
            "1 Main St"
        );
        assert_eq!(s["attributes"][0]["taxonomy_term"]["name"], "Food Pantry");
    }
}
