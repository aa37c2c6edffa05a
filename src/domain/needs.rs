//! The needs taxonomy: the vocabulary the directory, the search and the planner share.
//! It is reference data built into the binary from `directory/taxonomy/`, so a deployment
//! can point `--directory` at its own listings and keep the same needs.

use std::sync::OnceLock;

use serde::Deserialize;

const NEEDS_TOML: &str = include_str!("../../directory/taxonomy/needs.toml");
const CONDITIONS_TOML: &str = include_str!("../../directory/taxonomy/conditions.toml");

/// A pair of English and Spanish texts.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Bilingual {
    /// English.
    pub en: String,
    /// Spanish.
    pub es: String,
}

/// Whether a need is usually met now or over months and years.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Horizon {
    /// Safety, a bed, food: today.
    Immediate,
    /// Therapy, housing, legal help: over years.
    LongTerm,
}

/// One need of the taxonomy.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Need {
    /// Stable code, e.g. `shelter.emergency`.
    pub code: String,
    /// Immediate or long-term.
    pub horizon: Horizon,
    /// Short label.
    pub label: Bilingual,
    /// One plain-language line.
    pub description: Bilingual,
    /// Words a survivor would type, in English.
    pub synonyms_en: Vec<String>,
    /// Words a survivor would type, in Spanish.
    pub synonyms_es: Vec<String>,
    /// The Open Eligibility terms that map to this need (none where the taxonomy has none).
    pub open_eligibility: Vec<OpenEligibilityTerm>,
}

/// A term of the Open Eligibility taxonomy, as its publishers write it.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct OpenEligibilityTerm {
    /// Its id, e.g. `111-01-05` (one name may stand under several ids).
    pub id: String,
    /// Its exact name, e.g. "Identification Recovery".
    pub name: String,
}

/// Labels of a condition or attribute.
#[derive(Clone, Debug, Deserialize)]
pub struct Term {
    /// Stable code.
    pub code: String,
    /// Full label.
    pub label: Bilingual,
    /// Short phrase for a result card ("police report required").
    #[serde(default)]
    pub plain: Option<Bilingual>,
    /// The reassuring negative ("no police report needed").
    #[serde(default)]
    pub none: Option<Bilingual>,
}

#[derive(Deserialize)]
struct NeedsFile {
    need: Vec<Need>,
}

#[derive(Deserialize)]
struct ConditionsFile {
    condition: Vec<Term>,
    attribute: Vec<Term>,
}

/// The whole taxonomy: needs, conditions and attributes.
#[derive(Debug)]
pub struct Taxonomy {
    /// The needs, in their canonical order.
    pub needs: Vec<Need>,
    /// Conditions with their labels.
    pub conditions: Vec<Term>,
    /// Other attributes with their labels.
    pub attributes: Vec<Term>,
}

/// A taxonomy file that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("taxonomy file {file}: {message}")]
pub struct TaxonomyError {
    file: &'static str,
    message: String,
}

impl Taxonomy {
    /// The taxonomy built into this binary.
    pub fn builtin() -> &'static Taxonomy {
        static BUILTIN: OnceLock<Taxonomy> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            #[expect(
                clippy::expect_used,
                reason = "embedded at build time and parsed by a unit test"
            )]
            Taxonomy::parse(NEEDS_TOML, CONDITIONS_TOML).expect("built-in taxonomy parses")
        })
    }

    /// Parses the two taxonomy files.
    pub fn parse(needs_toml: &str, conditions_toml: &str) -> Result<Taxonomy, TaxonomyError> {
        let needs: NeedsFile = toml::from_str(needs_toml).map_err(|e| TaxonomyError {
            file: "needs.toml",
            message: e.to_string(),
        })?;
        let terms: ConditionsFile = toml::from_str(conditions_toml).map_err(|e| TaxonomyError {
            file: "conditions.toml",
            message: e.to_string(),
        })?;
        Ok(Taxonomy {
            needs: needs.need,
            conditions: terms.condition,
            attributes: terms.attribute,
        })
    }

    /// The need with this code.
    pub fn need(&self, code: &str) -> Option<&Need> {
        self.needs.iter().find(|n| n.code == code)
    }

    /// The need an imported Open Eligibility term maps to: by its OE id (`111-01-05`) first,
    /// else by its exact name in any case. A name the taxonomy does not hold maps nowhere.
    pub fn need_for_open_eligibility(&self, id: Option<&str>, name: Option<&str>) -> Option<&Need> {
        let by = |matches: &dyn Fn(&OpenEligibilityTerm) -> bool| {
            self.needs.iter().find(|n| n.open_eligibility.iter().any(matches))
        };
        id.map(str::trim)
            .filter(|id| !id.is_empty())
            .and_then(|id| by(&|t| t.id == id))
            .or_else(|| {
                let name = name?.trim();
                by(&|t| t.name.eq_ignore_ascii_case(name))
            })
    }

    /// The labels of a condition.
    pub fn condition(&self, code: &str) -> Option<&Term> {
        self.conditions.iter().find(|c| c.code == code)
    }
}

/// Something that guesses needs from free text, for records that carry no taxonomy terms.
pub trait NeedInference {
    /// The need codes the text is about, best first.
    fn infer_needs(&self, text: &str) -> Vec<String>;
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::domain::Condition;

    const CODES: [&str; 21] = [
        "safety.planning",
        "shelter.emergency",
        "basic.food",
        "basic.clothing",
        "health.medical",
        "health.crisis",
        "health.therapy",
        "advocacy.case_management",
        "skills.life",
        "health.substance_use",
        "housing.long_term",
        "education",
        "employment",
        "legal.id_documents",
        "childcare",
        "community.faith",
        "legal.immigration",
        "legal.repatriation",
        "legal.victim_rights",
        "legal.criminal_record",
        "financial.credit",
    ];

    #[test]
    fn builtin_taxonomy_has_exactly_the_designed_needs() {
        let t = Taxonomy::builtin();
        let codes: Vec<&str> = t.needs.iter().map(|n| n.code.as_str()).collect();
        assert_eq!(codes, CODES);
    }

    #[test]
    fn every_need_has_labels_and_enough_synonyms_in_both_languages() {
        for n in &Taxonomy::builtin().needs {
            assert!(!n.label.en.is_empty() && !n.label.es.is_empty(), "{}", n.code);
            assert!(!n.description.en.is_empty() && !n.description.es.is_empty());
            assert!(n.synonyms_en.len() >= 8, "{} has few English synonyms", n.code);
            assert!(n.synonyms_es.len() >= 8, "{} has few Spanish synonyms", n.code);
        }
    }

    #[test]
    fn an_open_eligibility_id_or_name_maps_to_one_need_only() {
        let (mut ids, mut names) = (HashSet::new(), std::collections::HashMap::new());
        for n in &Taxonomy::builtin().needs {
            for t in &n.open_eligibility {
                assert!(ids.insert(t.id.clone()), "{} maps to two needs", t.id);
                // One name may stand under several ids, all of the same need.
                let need = names.entry(t.name.to_lowercase()).or_insert(&n.code);
                assert_eq!(*need, &n.code, "{} maps to two needs", t.name);
            }
        }
    }

    #[test]
    fn every_crosswalk_entry_is_a_term_of_open_eligibility_by_id_and_name() {
        // The taxonomy as its publishers ship it (ohana-api's oe.json).
        let oe: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/open-eligibility/oe.json")).unwrap();
        let mut terms = std::collections::HashMap::new();
        let mut stack = vec![&oe];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Object(o) => {
                    if let (Some(id), Some(name)) = (o.get("@id"), o.get("@title")) {
                        terms.insert(id.as_str().unwrap_or(""), name.as_str().unwrap_or(""));
                    }
                    stack.extend(o.values());
                }
                serde_json::Value::Array(a) => stack.extend(a),
                _ => {}
            }
        }
        assert_eq!(terms.len(), 290);
        let t = Taxonomy::builtin();
        let mut mapped = 0;
        for n in &t.needs {
            for term in &n.open_eligibility {
                assert_eq!(
                    terms.get(term.id.as_str()).copied(),
                    Some(term.name.as_str()),
                    "{}: {} {:?} is not an Open Eligibility term",
                    n.code,
                    term.id,
                    term.name
                );
                mapped += 1;
            }
        }
        assert!(
            mapped > 150,
            "the crosswalk covers most of the taxonomy's service terms"
        );
        // By id first, exact name second; a made-up name maps nowhere.
        let need = |id, name| t.need_for_open_eligibility(id, name).map(|n| n.code.as_str());
        assert_eq!(need(Some("111-01-05"), None), Some("legal.id_documents"));
        assert_eq!(
            need(None, Some("identification recovery")),
            Some("legal.id_documents")
        );
        assert_eq!(
            need(Some("101-04"), Some("Food Pantry")),
            Some("shelter.emergency")
        );
        assert_eq!(need(Some("999-99"), Some("Food Pantry")), Some("basic.food"));
        assert_eq!(need(None, Some("Identification")), None);
        assert_eq!(need(None, Some("Case Management")), None);
    }

    #[test]
    fn every_condition_has_labels() {
        let t = Taxonomy::builtin();
        for c in Condition::ALL {
            let term = t.condition(c.code());
            assert!(
                term.is_some_and(|t| t.plain.is_some() && t.none.is_some()),
                "{c:?}"
            );
        }
    }
}
