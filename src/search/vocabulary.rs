//! The needs vocabulary: every label, synonym and Open Eligibility term of the taxonomy, in
//! English and Spanish, stemmed. It reads a query ("a bed for tonight", "housng", "ayuda con
//! mi visa") as needs, corrects typos against the vocabulary, and infers the needs of a
//! record that carries no taxonomy terms from its text.
//!
//! Scoring is deliberately simple and general: a word counts for a need in proportion to
//! the need's share of the word's uses in the vocabulary (a word only one need uses counts
//! 1; "housing", used by long-term housing nine times and by shelter once, counts 0.9 and
//! 0.1), and a multi-word phrase matched whole adds a bonus. No query is special-cased.

use std::collections::HashMap;

use tantivy::tokenizer::TextAnalyzer;

use super::analysis::{english, spanish, tokens, words};
use crate::domain::Taxonomy;
use crate::domain::needs::NeedInference;

/// Bonus per extra word of a phrase matched whole.
const PHRASE_BONUS: f32 = 0.5;
/// Weight of a word matched only after typo correction.
const TYPO_WEIGHT: f32 = 0.8;

/// A need found in a text, with its strength relative to the best one (1.0).
#[derive(Clone, Debug, PartialEq)]
pub struct NeedMatch {
    /// Need code.
    pub code: String,
    /// Relative strength in `(0, 1]`.
    pub strength: f32,
}

/// What the vocabulary made of a query.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reading {
    /// Needs, strongest first.
    pub needs: Vec<NeedMatch>,
    /// Typed words replaced by vocabulary words (`housng` → `housing`).
    pub corrections: Vec<(String, String)>,
}

struct Phrase {
    need: usize,
    keys: Vec<String>,
}

/// The compiled vocabulary.
pub struct Vocabulary {
    codes: Vec<String>,
    /// Stem key (prefixed `en:`/`es:`) → each need using it with its share of the key's uses.
    keys: HashMap<String, Vec<(usize, f32)>>,
    phrases: Vec<Phrase>,
    /// Distinct words as written, for typo correction.
    surface: Vec<String>,
    /// Each surface word and its one-letter deletions → the words (a SymSpell index: a word
    /// one edit away from a typed word shares a deletion with it).
    deletions: HashMap<String, Vec<usize>>,
    english: TextAnalyzer,
    spanish: TextAnalyzer,
    words: TextAnalyzer,
}

impl Vocabulary {
    /// Compiles the taxonomy's vocabulary.
    pub fn new(taxonomy: &Taxonomy) -> Vocabulary {
        let mut v = Vocabulary {
            codes: taxonomy.needs.iter().map(|n| n.code.clone()).collect(),
            keys: HashMap::new(),
            phrases: Vec::new(),
            surface: Vec::new(),
            deletions: HashMap::new(),
            english: english(),
            spanish: spanish(),
            words: words(),
        };
        for (i, need) in taxonomy.needs.iter().enumerate() {
            let english_phrases = std::iter::once(&need.label.en).chain(&need.synonyms_en);
            let spanish_phrases = std::iter::once(&need.label.es).chain(&need.synonyms_es);
            let phrases: Vec<(&String, bool)> = english_phrases
                .map(|p| (p, true))
                .chain(spanish_phrases.map(|p| (p, false)))
                .collect();
            for (phrase, is_english) in phrases {
                let mut keys = Vec::new();
                for word in tokens(&mut v.words, phrase).into_iter().filter(|w| !is_filler(w)) {
                    if word.len() >= 4 && !v.surface.contains(&word) {
                        v.surface.push(word.clone());
                    }
                    // A phrase word is filed under its stem in its own language.
                    let key = if is_english {
                        v.english_key(&word)
                    } else {
                        v.spanish_key(&word)
                    };
                    let Some(key) = key else { continue };
                    let needs = v.keys.entry(key.clone()).or_default();
                    match needs.iter_mut().find(|(n, _)| *n == i) {
                        Some((_, uses)) => *uses += 1.0,
                        None => needs.push((i, 1.0)),
                    }
                    keys.push(key);
                }
                if keys.len() > 1 {
                    v.phrases.push(Phrase { need: i, keys });
                }
            }
        }
        for (i, word) in v.surface.iter().enumerate() {
            for key in std::iter::once(word.clone()).chain(one_deletions(word)) {
                let words = v.deletions.entry(key).or_default();
                if !words.contains(&i) {
                    words.push(i);
                }
            }
        }
        // Uses → shares: a word used 9 times by one need and once by another counts 0.9 / 0.1.
        for needs in v.keys.values_mut() {
            let total: f32 = needs.iter().map(|(_, u)| u).sum();
            for (_, share) in needs.iter_mut() {
                *share /= total;
            }
        }
        v
    }

    fn english_key(&mut self, word: &str) -> Option<String> {
        tokens(&mut self.english, word).pop().map(|s| format!("en:{s}"))
    }

    fn spanish_key(&mut self, word: &str) -> Option<String> {
        tokens(&mut self.spanish, word).pop().map(|s| format!("es:{s}"))
    }

    /// The keys a typed word matches, in either language.
    fn keys_of(&self, word: &str) -> Vec<String> {
        let (mut en, mut es) = (self.english.clone(), self.spanish.clone());
        let mut keys = Vec::new();
        for s in tokens(&mut en, word) {
            keys.push(format!("en:{s}"));
        }
        for s in tokens(&mut es, word) {
            keys.push(format!("es:{s}"));
        }
        keys.retain(|k| self.keys.contains_key(k));
        keys
    }

    /// Reads a short query: needs, with typo correction.
    pub fn read_query(&self, query: &str) -> Reading {
        let mut reading = Reading::default();
        let mut matched: Vec<(Vec<String>, f32)> = Vec::new();
        for word in tokens(&mut self.words.clone(), query)
            .into_iter()
            .filter(|w| !is_filler(w))
        {
            let keys = self.keys_of(&word);
            if !keys.is_empty() {
                matched.push((keys, 1.0));
                continue;
            }
            if let Some(fixed) = self.correct(&word) {
                let keys = self.keys_of(&fixed);
                if !keys.is_empty() {
                    reading.corrections.push((word, fixed));
                    matched.push((keys, TYPO_WEIGHT));
                }
            } else if let Some((left, right)) = self.split(&word) {
                // Run-together words ("greencard") read as the two vocabulary words.
                reading.corrections.push((word, format!("{left} {right}")));
                for part in [left, right] {
                    matched.push((self.keys_of(part), TYPO_WEIGHT));
                }
            }
        }
        reading.needs = self.rank(&matched, 0.5, 0.5, usize::MAX);
        reading
    }

    /// Infers needs from a description: no typo correction; a need must score at least 0.6
    /// (one word mostly its own) and 40% of the best; at most three.
    pub fn infer(&self, text: &str) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        let matched: Vec<(Vec<String>, f32)> = tokens(&mut self.words.clone(), text)
            .into_iter()
            .filter(|w| !is_filler(w) && seen.insert(w.clone()))
            .map(|w| (self.keys_of(&w), 1.0))
            .filter(|(k, _)| !k.is_empty())
            .collect();
        self.rank(&matched, 0.6, 0.4, 3)
            .into_iter()
            .map(|m| m.code)
            .collect()
    }

    /// Scores needs from matched words; keeps those above `floor` and `share` of the best.
    fn rank(&self, matched: &[(Vec<String>, f32)], floor: f32, share: f32, most: usize) -> Vec<NeedMatch> {
        let mut scores = vec![0.0f32; self.codes.len()];
        for (keys, weight) in matched {
            let mut best = vec![0.0f32; self.codes.len()];
            for key in keys {
                for &(n, share) in &self.keys[key] {
                    best[n] = best[n].max(share * weight);
                }
            }
            for (s, b) in scores.iter_mut().zip(best) {
                *s += b;
            }
        }
        for p in &self.phrases {
            let whole = p
                .keys
                .iter()
                .all(|k| matched.iter().any(|(keys, _)| keys.contains(k)));
            if whole {
                scores[p.need] += PHRASE_BONUS * (p.keys.len() - 1) as f32;
            }
        }
        let top = scores.iter().copied().fold(0.0f32, f32::max);
        let mut needs: Vec<NeedMatch> = scores
            .iter()
            .enumerate()
            .filter(|&(_, &s)| s >= floor && s >= share * top)
            .map(|(i, &s)| NeedMatch {
                code: self.codes[i].clone(),
                strength: s / top,
            })
            .collect();
        needs.sort_by(|a, b| b.strength.total_cmp(&a.strength));
        needs.truncate(most);
        needs
    }

    /// Two vocabulary words that a run-together word is made of, if any.
    fn split<'a>(&'a self, word: &str) -> Option<(&'a str, &'a str)> {
        let known = |w: &str| self.surface.iter().find(|s| s.as_str() == w);
        (3..word.len().saturating_sub(2))
            .filter(|&i| word.is_char_boundary(i))
            .find_map(|i| {
                let (left, right) = word.split_at(i);
                Some((known(left)?.as_str(), known(right)?.as_str()))
            })
    }

    /// The vocabulary word closest to a misspelt one (one edit for 4–7 letters, two for longer).
    fn correct(&self, word: &str) -> Option<String> {
        let n = word.chars().count();
        if n < 4 || word.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let max = if n >= 8 { 2 } else { 1 };
        let one_edit = std::iter::once(word.to_owned())
            .chain(one_deletions(word))
            .filter_map(|key| self.deletions.get(&key))
            .flatten()
            .map(|&i| &self.surface[i])
            .filter_map(|w| edit_distance(word, w, 1).map(|d| (d, w)))
            .min_by_key(|(d, _)| *d);
        // Two edits only for long words, by a scan (rare: most typos are one edit).
        let found = one_edit.or_else(|| {
            (max == 2)
                .then(|| {
                    self.surface
                        .iter()
                        .filter(|w| w.len().abs_diff(word.len()) <= max)
                        .filter_map(|w| edit_distance(word, w, max).map(|d| (d, w)))
                        .min_by_key(|(d, _)| *d)
                })
                .flatten()
        });
        found.map(|(_, w)| w.clone())
    }
}

impl NeedInference for Vocabulary {
    fn infer_needs(&self, text: &str) -> Vec<String> {
        self.infer(text)
    }
}

/// Words people wrap a need in ("i need help finding…", "necesito ayuda con…") that say
/// nothing about which need: ignored when reading needs (the index still searches them).
/// Folded and lower-cased, as the word analyzer produces them.
#[rustfmt::skip]
const FILLER: &[&str] = &[
    // English
    "i", "im", "ive", "me", "my", "mine", "myself", "you", "your", "we", "us", "our", "he", "she",
    "him", "her", "his", "they", "them", "their", "it", "its", "need", "needs", "needed", "want",
    "wanna", "looking", "look", "find", "finding", "get", "getting", "got", "have", "has", "had",
    "having", "help", "helping", "please", "can", "cant", "could", "would", "should", "where", "what",
    "how", "who", "which", "when", "near", "nearby", "around", "here", "some", "someone", "somebody",
    "anyone", "anybody", "something", "anything", "any", "just", "really", "very", "also", "now",
    "today", "go", "going", "do", "does", "did", "dont", "am", "been", "being", "about", "from", "up",
    "out", "this", "that", "these", "those", "one", "thing", "things", "kind", "like", "know", "tell",
    "info", "information", "service", "services", "program", "programs", "free", "place", "without",
    "area", "city", "local", "person", "people", "before", "after", "again", "still", "already", "ago",
    "since", "yet", "ever", "never", "always", "sometimes", "last", "next", "week", "month", "year",
    // How a service reaches people, not what it is for ("national" was read as "optional").
    "national", "nationwide", "statewide", "hotline", "hotlines", "helpline", "line", "lines",
    // What the word splitter leaves of contractions ("don't" → "don", "t").
    "don", "doesn", "didn", "isn", "aren", "wasn", "won", "couldn", "wouldn", "t", "s", "m", "re",
    "ve", "ll", "d",
    // Spanish
    "yo", "mi", "mis", "necesito", "necesita", "necesitamos", "quiero", "quisiera", "busco",
    "buscando", "buscar", "donde", "como", "que", "hay", "tengo", "tiene", "tener", "ayuda", "ayudar",
    "ayudame", "favor", "algo", "alguien", "cerca", "aqui", "puedo", "puede", "conseguir",
    "encontrar", "servicio", "servicios", "programa", "gratis", "lugar", "persona", "personas",
    "antes", "despues", "otra", "vez", "todavia", "ya", "nunca", "siempre", "nacional", "linea",
    "lineas",
];

pub(super) fn is_filler(word: &str) -> bool {
    FILLER.contains(&word)
}

/// The word with each one of its letters left out.
fn one_deletions(word: &str) -> impl Iterator<Item = String> + '_ {
    word.char_indices().map(move |(i, c)| {
        let mut w = String::with_capacity(word.len());
        w.push_str(&word[..i]);
        w.push_str(&word[i + c.len_utf8()..]);
        w
    })
}

/// Levenshtein distance with transpositions counted as one edit, if at most `max`.
fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2 = vec![0usize; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0usize; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
            row_min = row_min.min(cur[j]);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        Vocabulary::new(Taxonomy::builtin())
    }

    fn top(v: &Vocabulary, q: &str) -> String {
        v.read_query(q)
            .needs
            .first()
            .map(|n| n.code.clone())
            .unwrap_or_default()
    }

    #[test]
    fn reads_survivor_queries_as_needs() {
        let v = vocabulary();
        assert_eq!(top(&v, "a bed for tonight"), "shelter.emergency");
        assert_eq!(top(&v, "alcohol treatment"), "health.substance_use");
        assert_eq!(top(&v, "ayuda con mi visa"), "legal.immigration");
        assert_eq!(top(&v, "lost my papers"), "legal.id_documents");
    }

    /// Being made to work is trafficking, not a job search; looking for work still is one.
    #[test]
    fn forced_work_reads_as_safety_and_looking_for_work_as_work() {
        let v = vocabulary();
        assert_eq!(top(&v, "they force me to work"), "safety.planning");
        assert_eq!(top(&v, "forced labor"), "safety.planning");
        assert_eq!(top(&v, "i was sold"), "safety.planning");
        assert_eq!(top(&v, "me obligan a trabajar"), "safety.planning");
        assert_eq!(top(&v, "me trafican"), "safety.planning");
        assert_eq!(top(&v, "busco trabajo"), "employment");
        assert_eq!(top(&v, "i need a job"), "employment");
    }

    #[test]
    fn filler_words_do_not_decide_the_need() {
        let v = vocabulary();
        assert_eq!(top(&v, "i have nowhere to sleep"), "shelter.emergency");
        assert_eq!(v.read_query("i got deported before").needs.len(), 1);
        assert_eq!(
            top(&v, "i don't know where to start, i need a case manager"),
            "advocacy.case_management"
        );
        assert!(v.read_query("i don't know").needs.is_empty());
        assert_eq!(v.read_query("i need help please").needs, vec![]);
        assert_eq!(top(&v, "necesito ayuda con comida"), "basic.food");
        assert_eq!(
            top(&v, "lost my id"),
            "legal.id_documents",
            "\"id\" is a need word, not filler"
        );
    }

    #[test]
    fn corrects_typos_against_the_vocabulary() {
        let v = vocabulary();
        let r = v.read_query("housng");
        assert_eq!(r.corrections, vec![("housng".to_owned(), "housing".to_owned())]);
        assert_eq!(
            r.needs.first().map(|n| n.code.as_str()),
            Some("housing.long_term")
        );
        assert_eq!(top(&v, "therapist"), top(&v, "therapsit"));
        assert_eq!(top(&v, "shelter"), top(&v, "sheltre"), "a transposition");
        assert_eq!(top(&v, "shelter"), top(&v, "shellter"), "an extra letter");
        assert_eq!(
            top(&v, "immigration"),
            top(&v, "imigrasion"),
            "two edits in a long word"
        );
    }

    #[test]
    fn infers_needs_from_a_description() {
        let v = vocabulary();
        let needs = v.infer(
            "Weekly food pantry with fresh produce and groceries. Bring a bag; no ID or proof of address needed.",
        );
        assert_eq!(needs.first().map(String::as_str), Some("basic.food"));
        let needs = v.infer("Free immigration lawyers help with T visas, U visas and asylum cases.");
        assert_eq!(needs.first().map(String::as_str), Some("legal.immigration"));
        assert!(v.infer("The office is on the second floor.").is_empty());
        assert_eq!(
            v.infer("We offer counseling.").first().map(String::as_str),
            Some("health.therapy")
        );
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(edit_distance("housng", "housing", 1), Some(1));
        assert_eq!(edit_distance("therapsit", "therapist", 2), Some(1));
        assert_eq!(edit_distance("abc", "xyz", 1), None);
    }

    #[test]
    fn a_run_together_word_is_read_as_its_two_words() {
        let v = vocabulary();
        let r = v.read_query("greencard");
        assert_eq!(r.corrections, [("greencard".to_owned(), "green card".to_owned())]);
        assert_eq!(top(&v, "greencard"), top(&v, "green card"));
        assert_eq!(top(&v, "greencard"), "legal.immigration");
    }

    #[test]
    fn short_words_and_words_with_digits_are_never_corrected() {
        let v = vocabulary();
        assert_eq!(v.correct("bde"), None);
        assert_eq!(v.correct("sh3lter"), None);
        assert_eq!(v.correct("sheltr").as_deref(), Some("shelter"));
        assert!(v.read_query("12345").corrections.is_empty());
    }

    #[test]
    fn a_spanish_query_with_accents_or_without_reads_the_same_need() {
        let v = vocabulary();
        assert_eq!(top(&v, "dónde dormir"), "shelter.emergency");
        assert_eq!(top(&v, "donde dormir"), "shelter.emergency");
        assert_eq!(top(&v, "tengo hambre"), "basic.food");
    }

    #[test]
    fn inference_names_at_most_three_needs() {
        let v = vocabulary();
        let needs = v
            .infer("Shelter beds, food pantry, immigration lawyers, counseling, job training and childcare.");
        assert_eq!(needs.len(), 3, "{needs:?}");
    }
}
