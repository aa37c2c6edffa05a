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
    /// Open Eligibility term names that map to this need.
    pub open_eligibility: Vec<String>,
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

    /// The need an Open Eligibility term (by name or code, any case) maps to.
    pub fn need_for_open_eligibility(&self, term: &str) -> Option<&Need> {
        let term = term.trim();
        self.needs
            .iter()
            .find(|n| n.open_eligibility.iter().any(|t| t.eq_ignore_ascii_case(term)))
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
            assert!(!n.open_eligibility.is_empty(), "{} has no crosswalk", n.code);
        }
    }

    #[test]
    fn an_open_eligibility_term_maps_to_one_need_only() {
        let mut seen = HashSet::new();
        for n in &Taxonomy::builtin().needs {
            for t in &n.open_eligibility {
                assert!(seen.insert(t.to_lowercase()), "{t} maps to two needs");
            }
        }
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
