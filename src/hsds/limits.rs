//! The sizes an import accepts, and how a value from a file may appear in a message (REL-5).
//!
//! Limits keep one bad file from filling the database, the index and every page that shows a
//! listing, and from holding the importer's memory: the whole file is parsed at once. They are
//! far above real data (the longest text in the shipped directory is under 400 bytes; the
//! benchmark's 10,000-service files are about 15 MiB).
//!
//! A message quotes at most a short, escaped prefix of a value: files hold confidential
//! records and their errors reach consoles and logs, where a control character could forge a
//! line or drive the terminal. Callers never quote a location's coordinates or address at all.

use serde_json::Value;

use super::validate::FieldError;

/// Largest file read (64 MiB): checked before the file is read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Longest text in a record (20,000 bytes, some ten pages of print): descriptions included.
pub const MAX_TEXT_BYTES: usize = 20_000;
/// Longest id (`id`, `…_id`) and longest key (200 bytes; a UUID is 36).
pub const MAX_ID_BYTES: usize = 200;
/// How much of a value a message quotes.
const SHOWN_CHARS: usize = 40;

/// The first text or key in `record` over its limit, as a field error.
pub fn check(record: &Value) -> Result<(), FieldError> {
    walk(record, &mut String::new(), false)
}

fn walk(value: &Value, pointer: &mut String, is_id: bool) -> Result<(), FieldError> {
    match value {
        Value::String(s) => {
            let limit = if is_id { MAX_ID_BYTES } else { MAX_TEXT_BYTES };
            if s.len() > limit {
                let what = if is_id { "an id" } else { "text" };
                return Err((
                    at(pointer),
                    format!("{what} of {} bytes; the limit is {limit}", s.len()),
                ));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                walk(item, pointer, false)?;
                pointer.truncate(len);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                if key.len() > MAX_ID_BYTES {
                    return Err((
                        format!("{}/{}", at(pointer).trim_end_matches('/'), shown(key)),
                        format!("a field name of {} bytes; the limit is {MAX_ID_BYTES}", key.len()),
                    ));
                }
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                walk(item, pointer, key == "id" || key.ends_with("_id"))?;
                pointer.truncate(len);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
    Ok(())
}

fn at(pointer: &str) -> String {
    if pointer.is_empty() {
        "/".to_owned()
    } else {
        pointer.to_owned()
    }
}

/// A value as a message may show it: its first 40 characters, every control character and
/// quote escaped (`\u{1b}`, `\"`), and `…` when cut.
pub fn shown(value: &str) -> String {
    let mut out: String = value
        .chars()
        .take(SHOWN_CHARS)
        .collect::<String>()
        .escape_debug()
        .to_string();
    if value.chars().nth(SHOWN_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// A file's name as a message may show it: whole, control characters escaped.
pub fn shown_path(path: &std::path::Path) -> String {
    path.display().to_string().escape_debug().to_string()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn long_text_and_long_ids_are_named_by_field() {
        let ok = json!({"id": "s1", "description": "d".repeat(MAX_TEXT_BYTES)});
        assert!(check(&ok).is_ok());
        let long = json!({"id": "s1", "phones": [{"description": "d".repeat(MAX_TEXT_BYTES + 1)}]});
        assert_eq!(
            check(&long).err().map(|e| e.0).as_deref(),
            Some("/phones/0/description")
        );
        let id = json!({"organization_id": "o".repeat(MAX_ID_BYTES + 1)});
        assert_eq!(check(&id).err().map(|e| e.0).as_deref(), Some("/organization_id"));
        let key = json!({"k".repeat(MAX_ID_BYTES + 1): 1});
        let (field, _) = check(&key).err().unwrap_or_default();
        assert!(field.len() < 60 && field.starts_with("/kkk"), "{field}");
    }

    #[test]
    fn quoted_values_are_short_and_escaped() {
        assert_eq!(shown("svc-12"), "svc-12");
        assert_eq!(shown("a\u{1b}[2J\"b"), "a\\u{1b}[2J\\\"b");
        assert_eq!(
            shown("a\u{202e}b\u{7f}"),
            "a\\u{202e}b\\u{7f}",
            "bidi and DEL too"
        );
        let long = shown(&"x".repeat(2_000_000));
        assert_eq!(long.chars().count(), SHOWN_CHARS + 1);
        assert!(long.ends_with('…'));
        assert_eq!(
            shown_path(std::path::Path::new("/tmp/a\u{1b}[31m.json")),
            "/tmp/a\\u{1b}[31m.json"
        );
    }
}
