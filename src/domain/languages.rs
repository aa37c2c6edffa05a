//! The languages a survivor may prefer, chosen by name (issue 17): the thirty most spoken
//! at home in the United States that have an ISO 639-1 code (Census ACS), and "other" for
//! the rest (said in the notes). Stored as the code.

/// A language: its ISO 639-1 code, its name in English and in Spanish.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Language {
    /// ISO 639-1 code (or [`OTHER`]).
    pub code: &'static str,
    /// Name in English.
    pub en: &'static str,
    /// Name in Spanish.
    pub es: &'static str,
}

/// A language not on the list (its name goes in the record's notes).
pub const OTHER: &str = "other";

/// The choices, English and Spanish first, then by number of speakers, then "other".
pub const LANGUAGES: &[Language] = &[
    Language {
        code: "en",
        en: "English",
        es: "Inglés",
    },
    Language {
        code: "es",
        en: "Spanish",
        es: "Español",
    },
    Language {
        code: "zh",
        en: "Chinese",
        es: "Chino",
    },
    Language {
        code: "tl",
        en: "Tagalog",
        es: "Tagalo",
    },
    Language {
        code: "vi",
        en: "Vietnamese",
        es: "Vietnamita",
    },
    Language {
        code: "ar",
        en: "Arabic",
        es: "Árabe",
    },
    Language {
        code: "fr",
        en: "French",
        es: "Francés",
    },
    Language {
        code: "ko",
        en: "Korean",
        es: "Coreano",
    },
    Language {
        code: "ru",
        en: "Russian",
        es: "Ruso",
    },
    Language {
        code: "ht",
        en: "Haitian Creole",
        es: "Criollo haitiano",
    },
    Language {
        code: "pt",
        en: "Portuguese",
        es: "Portugués",
    },
    Language {
        code: "hi",
        en: "Hindi",
        es: "Hindi",
    },
    Language {
        code: "de",
        en: "German",
        es: "Alemán",
    },
    Language {
        code: "pl",
        en: "Polish",
        es: "Polaco",
    },
    Language {
        code: "it",
        en: "Italian",
        es: "Italiano",
    },
    Language {
        code: "ur",
        en: "Urdu",
        es: "Urdu",
    },
    Language {
        code: "fa",
        en: "Persian (Farsi, Dari)",
        es: "Persa (farsi, dari)",
    },
    Language {
        code: "ja",
        en: "Japanese",
        es: "Japonés",
    },
    Language {
        code: "gu",
        en: "Gujarati",
        es: "Guyaratí",
    },
    Language {
        code: "bn",
        en: "Bengali",
        es: "Bengalí",
    },
    Language {
        code: "te",
        en: "Telugu",
        es: "Telugu",
    },
    Language {
        code: "ta",
        en: "Tamil",
        es: "Tamil",
    },
    Language {
        code: "pa",
        en: "Punjabi",
        es: "Panyabí",
    },
    Language {
        code: "ne",
        en: "Nepali",
        es: "Nepalí",
    },
    Language {
        code: "am",
        en: "Amharic",
        es: "Amárico",
    },
    Language {
        code: "so",
        en: "Somali",
        es: "Somalí",
    },
    Language {
        code: "uk",
        en: "Ukrainian",
        es: "Ucraniano",
    },
    Language {
        code: "my",
        en: "Burmese",
        es: "Birmano",
    },
    Language {
        code: "km",
        en: "Khmer",
        es: "Jemer",
    },
    Language {
        code: "sw",
        en: "Swahili",
        es: "Suajili",
    },
    Language {
        code: "nv",
        en: "Navajo",
        es: "Navajo",
    },
    Language {
        code: OTHER,
        en: "Another language (say which in the notes)",
        es: "Otro idioma (di cuál en las notas)",
    },
];

/// The language of a code.
pub fn by_code(code: &str) -> Option<&'static Language> {
    LANGUAGES.iter().find(|l| l.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_iso_639_1_or_other_and_appears_once() {
        let mut seen = std::collections::HashSet::new();
        for l in LANGUAGES {
            assert!(seen.insert(l.code), "{} twice", l.code);
            assert!(
                l.code == OTHER || (l.code.len() == 2 && l.code.bytes().all(|b| b.is_ascii_lowercase())),
                "{}",
                l.code
            );
        }
        assert!(LANGUAGES.len() > 30);
        assert_eq!(by_code("ht").map(|l| l.es), Some("Criollo haitiano"));
    }
}
