//! Validation against the official compiled HSDS 3.1 schemas (built into the binary), with
//! structure, types, required fields and enumerations asserted. Formats (`uuid`, `uri`,
//! `email`) are annotations, as JSON Schema 2020-12 treats them by default: publishers use
//! ids like `svc-12` and imperfect URLs, and refusing a whole directory for that would hide
//! services people need. Our own shipped data is held to the formats by a test.

use std::sync::OnceLock;

use jsonschema::Validator;
use serde_json::Value;

const SERVICE_SCHEMA: &str = include_str!("schema/service.json");
const ORGANIZATION_SCHEMA: &str = include_str!("schema/organization.json");

/// The two compiled validators, and the schemas as JSON.
pub struct Validators {
    service: Option<Validator>,
    organization: Option<Validator>,
    service_schema: Value,
    organization_schema: Value,
}

/// How many fields beyond HSDS one warning names.
const EXTRA_NAMED: usize = 5;

/// A field (JSON pointer) and what is wrong with it.
pub type FieldError = (String, String);

impl Validators {
    /// The validators, compiled once.
    pub fn get() -> &'static Validators {
        static V: OnceLock<Validators> = OnceLock::new();
        V.get_or_init(|| Validators {
            service: compile(SERVICE_SCHEMA),
            organization: compile(ORGANIZATION_SCHEMA),
            service_schema: serde_json::from_str(SERVICE_SCHEMA).unwrap_or(Value::Null),
            organization_schema: serde_json::from_str(ORGANIZATION_SCHEMA).unwrap_or(Value::Null),
        })
    }

    /// Checks a service record.
    pub fn service(&self, record: &Value) -> Result<(), FieldError> {
        check(self.service.as_ref(), record)
    }

    /// The compiled service schema as JSON (for typing tabular data).
    pub fn service_schema(&self) -> &Value {
        &self.service_schema
    }

    /// Checks an organisation record (with any nested services).
    pub fn organization(&self, record: &Value) -> Result<(), FieldError> {
        check(self.organization.as_ref(), record)
    }

    /// A warning naming the fields of a service record that HSDS 3.1 does not define, if any.
    pub fn extra_service_fields(&self, record: &Value) -> Option<String> {
        extra_fields(record, &self.service_schema)
    }

    /// A warning naming the fields of an organisation record (and its nested services) that
    /// HSDS 3.1 does not define, if any.
    pub fn extra_organization_fields(&self, record: &Value) -> Option<String> {
        extra_fields(record, &self.organization_schema)
    }
}

/// HSDS objects are open to extension, so a field beyond the schema is valid: it is kept in
/// the stored record, but Pathways does not use it, and the person importing should know.
fn extra_fields(record: &Value, schema: &Value) -> Option<String> {
    let mut found = Vec::new();
    collect_extra(record, schema, &mut String::new(), &mut found);
    let (first, more) = found.split_at(found.len().min(EXTRA_NAMED));
    let mut warning = first.join(", ");
    if !more.is_empty() {
        warning.push_str(&format!(" and {} more", more.len()));
    }
    (!first.is_empty()).then(|| format!("fields not in HSDS 3.1, kept in the record but not used: {warning}"))
}

fn collect_extra(value: &Value, schema: &Value, pointer: &mut String, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
                return;
            };
            for (key, v) in map {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&super::limits::shown(key));
                match properties.get(key) {
                    Some(sub) => collect_extra(v, sub, pointer, found),
                    None => found.push(pointer.clone()),
                }
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    let len = pointer.len();
                    pointer.push_str(&format!("/{i}"));
                    collect_extra(item, item_schema, pointer, found);
                    pointer.truncate(len);
                }
            }
        }
        _ => {}
    }
}

fn compile(schema: &str) -> Option<Validator> {
    let schema: Value = serde_json::from_str(schema).ok()?;
    jsonschema::options()
        .should_validate_formats(false)
        .build(&schema)
        .ok()
}

fn check(validator: Option<&Validator>, record: &Value) -> Result<(), FieldError> {
    let Some(validator) = validator else {
        // Fail closed: without the schema nothing is accepted.
        return Err((
            "/".into(),
            "the HSDS schema built into Pathways failed to load".into(),
        ));
    };
    match validator.iter_errors(record).next() {
        None => Ok(()),
        Some(e) => {
            let field = e.instance_path().to_string().escape_debug().to_string();
            // The message names the rule, never the value: a refused record may be a
            // confidential one (an address where a list belongs), and errors reach consoles
            // and logs. What remains comes from the schema; escaped all the same.
            let mut message = e.masked_with("the value").to_string().escape_debug().to_string();
            if message.len() > 200 {
                let cut = (0..=200)
                    .rev()
                    .find(|&i| message.is_char_boundary(i))
                    .unwrap_or(0);
                message.truncate(cut);
                message.push('…');
            }
            Err((if field.is_empty() { "/".into() } else { field }, message))
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn both_schemas_compile() {
        assert!(Validators::get().service.is_some());
        assert!(Validators::get().organization.is_some());
    }

    #[test]
    fn a_service_without_status_names_the_field() {
        let r = json!({"id": "ac148810-d857-441c-9679-408f346de14b", "name": "x"});
        let (field, message) = Validators::get().service(&r).err().unwrap_or_default();
        assert_eq!(field, "/");
        assert!(message.contains("status"), "{message}");
    }

    #[test]
    fn a_phone_without_a_number_is_refused_with_its_path() {
        let r = json!({"id": "ac148810-d857-441c-9679-408f346de14b", "name": "x", "status": "active",
            "phones": [{"id": "p1"}]});
        let (field, message) = Validators::get().service(&r).err().unwrap_or_default();
        assert_eq!(field, "/phones/0");
        assert!(message.contains("number"), "{message}");
    }

    #[test]
    fn errors_never_repeat_the_refused_value() {
        let r = json!({"id": "s1", "name": "x", "status": "7 Canary Hideaway Lane"});
        let (field, message) = Validators::get().service(&r).err().unwrap_or_default();
        assert_eq!(field, "/status");
        assert!(!message.contains("Canary"), "{message}");
    }

    #[test]
    fn ids_need_not_be_uuids_and_enumerations_are_enforced() {
        let ok = json!({"id": "svc-12", "name": "x", "status": "active"});
        assert!(Validators::get().service(&ok).is_ok());
        let bad = json!({"id": "svc-12", "name": "x", "status": "open"});
        let (field, _) = Validators::get().service(&bad).err().unwrap_or_default();
        assert_eq!(field, "/status");
    }
}
