//! Validation against the official compiled HSDS 3.1 schemas (built into the binary), with
//! formats checked: ids must be UUIDs, emails emails, URLs URLs.

use std::sync::OnceLock;

use jsonschema::Validator;
use serde_json::Value;

const SERVICE_SCHEMA: &str = include_str!("schema/service.json");
const ORGANIZATION_SCHEMA: &str = include_str!("schema/organization.json");

/// The two compiled validators.
pub struct Validators {
    service: Option<Validator>,
    organization: Option<Validator>,
    service_schema: Value,
}

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
}

fn compile(schema: &str) -> Option<Validator> {
    let schema: Value = serde_json::from_str(schema).ok()?;
    jsonschema::options()
        .should_validate_formats(true)
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
            let field = e.instance_path().to_string();
            let mut message = e.to_string();
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
    fn a_non_uuid_id_is_refused_with_its_path() {
        let r = json!({"id": "ac148810-d857-441c-9679-408f346de14b", "name": "x", "status": "active",
            "phones": [{"id": "not-a-uuid", "number": "713-555-0100"}]});
        let (field, _) = Validators::get().service(&r).err().unwrap_or_default();
        assert_eq!(field, "/phones/0/id");
    }
}
