//! The log (LOG-2): one line per event, `key=value`, at `info` unless `PATHWAYS_LOG` says
//! otherwise. Nothing a person typed is ever a field: requests are logged by route pattern,
//! and an error's cause by its *kind* — the names of its variants, outermost first — never
//! by its text, which may quote input (a query, a form value, a file's content).

use std::fmt::Debug;

use tracing_subscriber::fmt::MakeWriter;

/// The filter when `PATHWAYS_LOG` is not set.
pub const DEFAULT_FILTER: &str = "info,tantivy=warn";

/// The subscriber the server logs through, writing to `writer` (colours only for a
/// terminal). The tests install the same one over a buffer.
pub fn subscriber<W>(writer: W, ansi: bool) -> impl tracing::Subscriber + Send + Sync
where
    W: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PATHWAYS_LOG")
                .unwrap_or_else(|_| DEFAULT_FILTER.into()),
        )
        .with_writer(writer)
        .with_ansi(ansi)
        .finish()
}

/// The kind of an error for the log: the chain of variant and type names at the start of its
/// `Debug` form (`Store/Sqlite/SqliteFailure`), stopping at the first thing that is not a
/// name — where values, and so perhaps someone's words, would begin.
pub fn kind_of(error: &impl Debug) -> String {
    let text = format!("{error:?}");
    let mut kinds = Vec::new();
    let mut rest = text.as_str();
    loop {
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_uppercase()) {
            break;
        }
        rest = &rest[name.len()..];
        kinds.push(name);
        match rest.strip_prefix('(') {
            Some(inner) => rest = inner,
            None => break,
        }
    }
    if kinds.is_empty() {
        "unknown".to_owned()
    } else {
        kinds.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    #[allow(dead_code)]
    enum Inner {
        Query(String),
        Row { id: String },
    }

    #[derive(Debug)]
    #[allow(dead_code)]
    enum Outer {
        Search(Inner),
        Plain,
    }

    #[test]
    fn the_kind_names_variants_and_never_the_values_inside() {
        let typed = "need help\n2026-12-04 INFO forged \u{1b}[31m".to_owned();
        assert_eq!(
            kind_of(&Outer::Search(Inner::Query(typed.clone()))),
            "Search/Query"
        );
        assert_eq!(
            kind_of(&Outer::Search(Inner::Row { id: typed.clone() })),
            "Search/Row"
        );
        assert_eq!(kind_of(&Outer::Plain), "Plain");
        assert_eq!(kind_of(&typed), "unknown", "a bare string is all value");
        assert_eq!(kind_of(&std::io::Error::other(typed)), "Custom");
    }
}
