//! Translations. Every word a page shows comes from a catalogue file, `locales/en.ftl` or
//! `locales/es.ftl`, built into the binary. The files use a subset of Fluent that translators'
//! tools read: `key = text` messages, indented lines continuing the message above, `#`
//! comments, and `{ $name }` placeables. Plurals are two keys, `…-one` and `…-other`.
//!
//! A key missing from a catalogue shows as the key itself (a page never fails for a missing
//! word); the tests fail instead, so it never ships.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

const EN: &str = include_str!("../locales/en.ftl");
const ES: &str = include_str!("../locales/es.ftl");

/// A language of the public site, chosen by the path prefix (`/es/…`), never by a cookie.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English, at the root.
    En,
    /// Spanish, under `/es`.
    Es,
}

impl Lang {
    /// Both languages.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The BCP 47 code for the `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The path prefix of the language's pages ("" or "/es").
    pub fn prefix(self) -> &'static str {
        match self {
            Lang::En => "",
            Lang::Es => "/es",
        }
    }

    /// The language's path for a site path: `/safety` → `/es/safety`, `/` → `/es`.
    pub fn path(self, path: &str) -> String {
        match (self, path) {
            (Lang::Es, "/") => "/es".to_owned(),
            _ => format!("{}{path}", self.prefix()),
        }
    }

    /// The other language (for the switch).
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Es,
            Lang::Es => Lang::En,
        }
    }

    /// The message for `key`.
    pub fn t(self, key: &str) -> &'static str {
        self.get(key).unwrap_or_else(|| missing(key))
    }

    /// The message for `key`, if the catalogue has one (for words that come from data, such
    /// as a capacity unit, which may or may not be translated).
    pub fn get(self, key: &str) -> Option<&'static str> {
        catalogue(self).get(key).map(String::as_str)
    }

    /// The message for `key` with its `{ $name }` placeables filled.
    pub fn tf(self, key: &str, args: &[(&str, &dyn Display)]) -> String {
        let mut text = self.t(key).to_owned();
        for (name, value) in args {
            text = text.replace(&format!("{{ ${name} }}"), &value.to_string());
        }
        text
    }

    /// `key-one` or `key-other` by `n`, with `{ $n }` filled (English and Spanish share the
    /// rule: one for exactly 1).
    pub fn plural(self, key: &str, n: u64) -> String {
        self.plural_tf(key, n, &[])
    }

    /// [`Lang::plural`] with more placeables than `{ $n }`.
    pub fn plural_tf(self, key: &str, n: u64, args: &[(&str, &dyn Display)]) -> String {
        let form = if n == 1 { "one" } else { "other" };
        let mut all: Vec<(&str, &dyn Display)> = vec![("n", &n)];
        all.extend_from_slice(args);
        self.tf(&format!("{key}-{form}"), &all)
    }
}

/// A key that is not in the catalogue, leaked once so `t` can return `&'static str`.
fn missing(key: &str) -> &'static str {
    static SEEN: OnceLock<std::sync::Mutex<HashMap<String, &'static str>>> = OnceLock::new();
    let seen = SEEN.get_or_init(Default::default);
    match seen.lock() {
        Ok(mut map) => map
            .entry(key.to_owned())
            .or_insert_with(|| Box::leak(key.to_owned().into_boxed_str())),
        Err(_) => "?",
    }
}

/// The parsed catalogue of a language.
pub fn catalogue(lang: Lang) -> &'static HashMap<String, String> {
    static EN_MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    static ES_MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    let (cell, text) = match lang {
        Lang::En => (&EN_MAP, EN),
        Lang::Es => (&ES_MAP, ES),
    };
    cell.get_or_init(|| parse(text).unwrap_or_default().into_iter().collect())
}

/// The raw text of a catalogue file (for the parity tests).
pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => EN,
        Lang::Es => ES,
    }
}

/// Parses a catalogue; an error names the line and what is wrong with it.
pub fn parse(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let n = n + 1;
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            let Some((_, value)) = out.last_mut() else {
                return Err(format!("line {n}: a continuation line with no message above"));
            };
            if !value.is_empty() {
                value.push(' ');
            }
            value.push_str(line.trim());
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(format!("line {n}: expected `key = text`"));
        };
        let key = key.trim();
        let valid = key.starts_with(|c: char| c.is_ascii_alphabetic())
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid {
            return Err(format!("line {n}: \"{key}\" is not a valid message name"));
        }
        if out.iter().any(|(k, _)| k == key) {
            return Err(format!("line {n}: \"{key}\" is defined twice"));
        }
        out.push((key.to_owned(), value.trim().to_owned()));
    }
    Ok(out)
}

/// The `{ $name }` placeables of a message, sorted.
pub fn placeables(message: &str) -> Vec<&str> {
    let mut names: Vec<&str> = message
        .split("{ $")
        .skip(1)
        .filter_map(|rest| rest.split_once(" }").map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn both_catalogues_parse() {
        for lang in Lang::ALL {
            let parsed = parse(source(lang));
            assert!(parsed.is_ok(), "{}: {:?}", lang.code(), parsed.err());
        }
    }

    #[test]
    fn every_key_exists_in_both_languages_with_the_same_placeables() {
        let en = catalogue(Lang::En);
        let es = catalogue(Lang::Es);
        let en_keys: BTreeSet<&String> = en.keys().collect();
        let es_keys: BTreeSet<&String> = es.keys().collect();
        let only_en: Vec<_> = en_keys.difference(&es_keys).collect();
        let only_es: Vec<_> = es_keys.difference(&en_keys).collect();
        assert!(only_en.is_empty(), "missing in es.ftl: {only_en:?}");
        assert!(only_es.is_empty(), "missing in en.ftl: {only_es:?}");
        for (key, text) in en {
            assert!(!text.is_empty() && !es[key].is_empty(), "{key} is empty");
            assert_eq!(placeables(text), placeables(&es[key]), "{key}: placeables differ");
        }
    }

    #[test]
    fn every_key_the_views_use_is_in_the_catalogue() {
        // The views name keys as string literals passed to t/tf/plural: find them in the
        // sources and check each exists, so a typo fails here rather than showing a key.
        let sources = [
            include_str!("layout.rs"),
            include_str!("components.rs"),
            include_str!("pages/home.rs"),
            include_str!("pages/results.rs"),
            include_str!("pages/listing.rs"),
            include_str!("pages/info.rs"),
            include_str!("pages/staff.rs"),
            include_str!("pages/staff/auth.rs"),
            include_str!("pages/staff/account.rs"),
            include_str!("pages/staff/people.rs"),
            include_str!("pages/staff/admin.rs"),
        ];
        let en = catalogue(Lang::En);
        let mut checked = 0;
        for src in sources {
            for call in [".t(\"", ".tf(\""] {
                for rest in src.split(call).skip(1) {
                    let Some((key, _)) = rest.split_once('"') else {
                        continue;
                    };
                    assert!(en.contains_key(key), "the views use \"{key}\", not in en.ftl");
                    checked += 1;
                }
            }
            for rest in src
                .split(".plural(\"")
                .skip(1)
                .chain(src.split(".plural_tf(\"").skip(1))
            {
                let Some((key, _)) = rest.split_once('"') else {
                    continue;
                };
                for form in ["one", "other"] {
                    assert!(en.contains_key(&format!("{key}-{form}")), "{key}-{form} missing");
                }
            }
        }
        assert!(checked > 50, "only {checked} keys found: is the scan broken?");
    }

    #[test]
    fn a_bad_catalogue_line_is_named() {
        assert!(parse("a = b\nnot a message\n").is_err_and(|e| e.contains("line 2")));
        assert!(parse("a = b\na = c\n").is_err_and(|e| e.contains("twice")));
        assert!(parse("  orphan\n").is_err_and(|e| e.contains("continuation")));
        assert_eq!(
            parse("# c\nk = one\n  two\n"),
            Ok(vec![("k".to_owned(), "one two".to_owned())])
        );
    }

    #[test]
    fn placeables_are_filled_and_plurals_chosen() {
        assert_eq!(placeables("a { $n } b { $place }"), vec!["n", "place"]);
        assert_eq!(Lang::Es.path("/"), "/es");
        assert_eq!(Lang::Es.path("/safety"), "/es/safety");
        assert_eq!(Lang::En.path("/safety"), "/safety");
    }
}
