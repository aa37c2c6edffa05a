//! Every catalogue key the code names is in both catalogues (`templates/locales/en.ftl` and
//! `es.ftl`): a missing key does not fail a page, it shows the raw key, so this test is what
//! stops one shipping. It reads every view (`templates/src`), handler (`src/http`) and
//! use-case (`src/services`) file at test time, so a new file is covered without a list to
//! keep up.
//!
//! What counts as a key:
//! - a string literal passed to `.t(`, `.tf(`, `.plural(` or `.plural_tf(` (plurals need
//!   their `-one` and `-other` forms);
//! - any other literal shaped like a key (`staff-error-email-taken`) whose first word is one
//!   of the catalogue's namespaces (`staff`, `plan`, `title`, …): how handlers and use-cases
//!   pass message keys to the views;
//! - a key built at run time (`format!("plan-status-{s}")`): its family is listed below with
//!   every member it can take, and each member must exist.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use pathways::domain::consent::FieldGroup;
use pathways::domain::plan::{AgeBand, NeedStatus, Priority};
use pathways::domain::referral::{DeclineReason, ReferralStatus};
use pathways::domain::staff::Role;
use templates::Lang;

/// Key-shaped literals that are not keys: (literal, what it is).
const NOT_KEYS: &[(&str, &str)] = &[
    ("form-error", "a CSS class of the search form"),
    (
        "error-summary-title",
        "the id of the staff error summary's heading",
    ),
];

/// Audit actions recorded on a survivor's or a referral's record that a plan's timeline
/// never shows, so they need no `timeline-…` key.
const NOT_ON_A_TIMELINE: &[(&str, &str)] = &[
    ("survivor.read", "left out of the timeline"),
    ("survivor.print", "left out of the timeline"),
    ("plan.need.find", "left out of the timeline"),
    ("survivor.list", "recorded on no survivor"),
    (
        "survivor.assign",
        "only ever a denial; the timeline shows what was allowed",
    ),
    ("survivor.erase", "the plan is gone"),
    ("survivor.purge", "the plan is gone"),
    ("referral.inbox", "recorded on no survivor (a provider's inbox)"),
];

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literals of Rust source (not comments, chars or byte strings), each with the
/// offset where it starts.
fn literals(src: &str) -> Vec<(usize, String)> {
    let chars: Vec<(usize, char)> = src.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|(_, c)| *c);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (offset, c) = chars[i];
        match c {
            '/' if at(i + 1) == Some('/') => {
                while i < chars.len() && chars[i].1 != '\n' {
                    i += 1;
                }
            }
            '/' if at(i + 1) == Some('*') => {
                let mut depth = 0;
                loop {
                    match (at(i), at(i + 1)) {
                        (Some('/'), Some('*')) => (depth, i) = (depth + 1, i + 2),
                        (Some('*'), Some('/')) => {
                            (depth, i) = (depth - 1, i + 2);
                            if depth == 0 {
                                break;
                            }
                        }
                        (None, _) => break,
                        _ => i += 1,
                    }
                }
                continue;
            }
            // A char literal ('x', '\n', '"'), not a lifetime ('a).
            '\'' if at(i + 1) == Some('\\') => {
                i += 2;
                while at(i).is_some_and(|c| c != '\'') {
                    i += 1;
                }
            }
            '\'' if at(i + 2) == Some('\'') => i += 2,
            'r' if (at(i + 1) == Some('"') || at(i + 1) == Some('#'))
                && !at(i.wrapping_sub(1)).is_some_and(|p| p.is_alphanumeric() || p == '_') =>
            {
                let mut hashes = 0;
                let mut j = i + 1;
                while at(j) == Some('#') {
                    hashes += 1;
                    j += 1;
                }
                if at(j) != Some('"') {
                    i += 1;
                    continue;
                }
                let start = j + 1;
                let close: String = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                let rest: String = chars[start..].iter().map(|(_, c)| c).collect();
                let len = rest.find(&close).unwrap();
                out.push((offset, rest[..len].to_owned()));
                i = start + rest[..len].chars().count() + close.len();
                continue;
            }
            'b' if at(i + 1) == Some('"') => {
                i += 2;
                while at(i).is_some_and(|c| c != '"') {
                    i += if at(i) == Some('\\') { 2 } else { 1 };
                }
            }
            '"' => {
                let mut text = String::new();
                i += 1;
                while let Some(c) = at(i) {
                    match c {
                        '"' => break,
                        '\\' => {
                            text.push(c);
                            text.push(at(i + 1).unwrap());
                            i += 2;
                        }
                        _ => {
                            text.push(c);
                            i += 1;
                        }
                    }
                }
                out.push((offset, text));
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// `plan-status-identified`: lower-case words joined by hyphens, at least two.
fn key_shaped(s: &str) -> bool {
    s.split('-').count() > 1
        && s.split('-').all(|w| {
            w.starts_with(|c: char| c.is_ascii_lowercase())
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
}

/// The members of each family of keys built at run time: the prefix, then every value the
/// code can put after it. A family missing here fails the test (add it).
fn families() -> BTreeMap<&'static str, Vec<String>> {
    let codes = |c: &mut dyn Iterator<Item = &'static str>| c.map(str::to_owned).collect::<Vec<_>>();
    let mut f = BTreeMap::new();
    f.insert("plan-age-", codes(&mut AgeBand::ALL.iter().map(|a| a.code())));
    f.insert(
        "plan-status-",
        codes(&mut NeedStatus::ALL.iter().map(|s| s.code())),
    );
    f.insert(
        "plan-priority-",
        codes(&mut Priority::ALL.iter().map(|p| p.code())),
    );
    f.insert(
        "consent-group-",
        codes(&mut FieldGroup::ALL.iter().map(|g| g.code())),
    );
    f.insert(
        "referral-status-",
        codes(&mut ReferralStatus::ALL.iter().map(|s| s.code())),
    );
    f.insert(
        "referral-reason-",
        codes(&mut DeclineReason::ALL.iter().map(|r| r.code())),
    );
    f.insert(
        "role-",
        Role::ALL.iter().map(|r| r.code().replace('_', "-")).collect(),
    );
    f.insert("day-", (0..7).map(|d| d.to_string()).collect());
    f.insert("coverage-band-", (0..5).map(|b| b.to_string()).collect());
    f.insert(
        "plan-safe-",
        ["yes", "safe_times", "no"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
    );
    f.insert(
        "plan-way-kind-",
        ["phone", "email"].iter().map(|s| (*s).to_owned()).collect(),
    );
    f.insert(
        "plan-language-",
        ["1", "2", "3"].iter().map(|s| (*s).to_owned()).collect(),
    );
    f.insert(
        "day-showing-",
        ["overdue", "today", "waiting", "answers", "unprovided"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
    );
    // The listing form's fields (named after the form's own, `_` as `-`), and change states.
    f.insert(
        "listing-field-",
        pathways::domain::listing_edit::FORM_FIELDS
            .iter()
            .chain([pathways::domain::listing_edit::AREA_FIELD].iter())
            .filter(|f| !matches!(**f, "need" | "condition" | "attribute"))
            .map(|f| f.replace('_', "-"))
            .collect(),
    );
    f.insert(
        "webhooks-state-",
        codes(&mut ["pending", "delivered", "failed"].into_iter()),
    );
    f.insert(
        "listing-state-",
        codes(&mut ["live", "pending", "approved", "sent-back"].into_iter()),
    );
    // The search form's flags (`FLAGS` in src/http/search_form.rs, private to the crate).
    f.insert(
        "flag-",
        codes(
            &mut [
                "no_conditions",
                "free",
                "open_now",
                "accepting",
                "walk_in",
                "open_24_7",
            ]
            .into_iter(),
        ),
    );
    f
}

/// Families looked up with `Lang::get`, which falls back to the data's own word: a value
/// with no translation is not a raw key on a page.
const OPTIONAL_FAMILIES: &[&str] = &["unit-", "lang-"];

#[test]
fn every_key_the_views_handlers_and_use_cases_name_is_in_both_catalogues() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["templates/src", "src/http", "src/services"] {
        rust_files(&root.join(dir), &mut files);
    }
    files.sort();
    let namespaces: BTreeSet<&str> = templates::i18n::catalogue(Lang::En)
        .keys()
        .filter_map(|k| k.split('-').next())
        .collect();
    let has = |key: &str| Lang::ALL.iter().all(|l| l.get(key).is_some());
    let mut missing: Vec<String> = Vec::new();
    let mut checked: BTreeSet<String> = BTreeSet::new();
    let mut lookups = 0;
    let mut not_keys_seen: BTreeSet<&str> = BTreeSet::new();
    let mut built: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut actions: BTreeSet<String> = BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        // Unit tests at the end of a file may name keys that do not exist on purpose.
        let src = text.split("#[cfg(test)]").next().unwrap();
        let name = file.strip_prefix(&root).unwrap().display().to_string();
        for (at, literal) in literals(src) {
            let before = src[..at].trim_end();
            let call = [".t(", ".tf(", ".plural(", ".plural_tf("]
                .into_iter()
                .find(|c| before.ends_with(c));
            let is_action = ["survivor.", "plan.", "referral."]
                .iter()
                .any(|p| literal.starts_with(p))
                && literal
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_');
            if is_action && name.starts_with("src/services") {
                actions.insert(literal.clone());
            }
            if let Some((prefix, _)) = literal.split_once('{')
                && prefix.ends_with('-')
                && key_shaped(&format!("{prefix}x"))
                && namespaces.contains(prefix.split('-').next().unwrap())
            {
                built.entry(prefix.to_owned()).or_default().push(name.clone());
                continue;
            }
            let keyish = key_shaped(&literal) && namespaces.contains(literal.split('-').next().unwrap());
            if call.is_none() && !keyish {
                continue;
            }
            if let Some((not_key, _)) = NOT_KEYS.iter().find(|(k, _)| *k == literal)
                && call.is_none()
            {
                not_keys_seen.insert(not_key);
                continue;
            }
            lookups += 1;
            let plural = [format!("{literal}-one"), format!("{literal}-other")];
            let found = match call {
                Some(".plural(" | ".plural_tf(") => plural.iter().all(|k| has(k)),
                Some(_) => has(&literal),
                // A key passed on to a view, which may ask for its plural forms.
                None => has(&literal) || plural.iter().all(|k| has(k)),
            };
            if !found {
                missing.push(format!("{name}: \"{literal}\""));
            }
            checked.insert(literal);
        }
    }
    // Keys built at run time: every member of every family.
    let families = families();
    let mut family_keys = 0;
    for (prefix, used_in) in &built {
        // The timeline's family is checked below, from the actions the use-cases record.
        if OPTIONAL_FAMILIES.contains(&prefix.as_str()) || prefix == "timeline-" {
            continue;
        }
        let Some(members) = families.get(prefix.as_str()) else {
            missing.push(format!(
                "\"{prefix}…\" is built at run time in {used_in:?}: list its members in families()"
            ));
            continue;
        };
        for member in members {
            family_keys += 1;
            let key = format!("{prefix}{member}");
            if !has(&key) {
                missing.push(format!("{key} (built in {used_in:?})"));
            }
        }
    }
    // A plan's timeline names each audit action as `timeline-…` (dots and underscores as
    // hyphens).
    let timeline: Vec<&String> = actions
        .iter()
        .filter(|a| !NOT_ON_A_TIMELINE.iter().any(|(n, _)| n == a))
        .collect();
    for action in &timeline {
        family_keys += 1;
        let key = format!("timeline-{}", action.replace(['.', '_'], "-"));
        if !has(&key) {
            missing.push(format!("{key} (the timeline of a plan with {action})"));
        }
    }
    eprintln!(
        "{lookups} key literals ({} distinct) in {} files, and {family_keys} keys of {} families \
         built at run time, checked in en.ftl and es.ftl",
        checked.len(),
        files.len(),
        built.len()
    );
    assert!(
        missing.is_empty(),
        "not in both catalogues ({} of {lookups} literal and {family_keys} built keys):\n{}",
        missing.len(),
        missing.join("\n")
    );
    // The scan itself works: it found keys everywhere it looks, and nothing listed as an
    // exception is stale.
    assert!(files.len() > 30, "only {} files", files.len());
    assert!(
        checked.len() > 300,
        "only {} keys found: is the scan broken?",
        checked.len()
    );
    for dir in [
        "templates/src/pages/staff/planner.rs",
        "src/http/",
        "src/services/",
    ] {
        assert!(
            files.iter().any(|f| f.starts_with(root.join(dir))),
            "nothing read under {dir}"
        );
    }
    assert!(timeline.len() >= 8, "timeline actions: {timeline:?}");
    for (not_key, what) in NOT_KEYS {
        assert!(
            not_keys_seen.contains(not_key),
            "{not_key} ({what}) is no longer used: drop it"
        );
    }
    for (action, why) in NOT_ON_A_TIMELINE {
        assert!(
            actions.contains(*action),
            "{action} ({why}) is no longer recorded: drop it"
        );
    }
}

#[test]
fn the_literal_scan_reads_rust_strings_and_skips_the_rest() {
    let src = r####"
        // l.t("in-a-comment")
        /* l.t("in-a-block") /* nested */ */
        let c = '"'; let e = '\''; fn f<'a>(x: &'a str) {}
        let raw = r#"a "quoted" word"#;
        let bytes = b"not-text";
        l.t("plan-title"); l.tf("esc\"aped", &[]);
    "####;
    let found: Vec<String> = literals(src).into_iter().map(|(_, s)| s).collect();
    assert_eq!(found, ["a \"quoted\" word", "plan-title", "esc\\\"aped"]);
    let (at, _) = literals(src)[1].clone();
    assert!(src[..at].ends_with("l.t("));
}
