//! Text analysis shared by the index and the vocabulary: words are lower-cased, accents
//! folded, stop words dropped, then stemmed — once with the English stemmer, once with the
//! Spanish one — so "housing"/"houses" and "vivienda"/"viviendas" meet.

use tantivy::Index;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter,
    TextAnalyzer,
};

/// Tokenizer name for English-stemmed fields.
pub const ENGLISH: &str = "pw_en";
/// Tokenizer name for Spanish-stemmed fields.
pub const SPANISH: &str = "pw_es";

/// Words longer than this are noise (URLs, run-together text).
const LONGEST_WORD: usize = 40;

/// Lower case, stop words of both languages dropped (a Spanish-analysed field must not
/// match every English "for", nor the English one every "para"), then accents folded.
fn base() -> tantivy::tokenizer::TextAnalyzerBuilder {
    let mut builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .dynamic();
    for language in [Language::English, Language::Spanish] {
        if let Some(stop) = StopWordFilter::new(language) {
            builder = builder.filter_dynamic(stop);
        }
    }
    builder.filter_dynamic(AsciiFoldingFilter)
}

/// English analysis with stemming.
pub fn english() -> TextAnalyzer {
    base().filter_dynamic(Stemmer::new(Language::English)).build()
}

/// Spanish analysis with stemming.
pub fn spanish() -> TextAnalyzer {
    base().filter_dynamic(Stemmer::new(Language::Spanish)).build()
}

/// Words as typed, folded and lower-cased, with English and Spanish stop words dropped.
pub fn words() -> TextAnalyzer {
    base().build()
}

/// Registers our analyzers on an index.
pub fn register(index: &Index) {
    index.tokenizers().register(ENGLISH, english());
    index.tokenizers().register(SPANISH, spanish());
}

/// The tokens an analyzer makes of a text.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_stems_and_drops_stop_words() {
        assert_eq!(
            tokens(&mut english(), "a bed for the night"),
            vec!["bed", "night"]
        );
        assert_eq!(
            tokens(&mut english(), "Housing"),
            tokens(&mut english(), "houses")
        );
    }

    #[test]
    fn spanish_folds_accents_and_stems() {
        assert_eq!(
            tokens(&mut spanish(), "viviendas"),
            tokens(&mut spanish(), "vivienda")
        );
        assert_eq!(tokens(&mut words(), "ayuda con mi visa"), vec!["ayuda", "visa"]);
        assert_eq!(tokens(&mut words(), "Inmigración"), vec!["inmigracion"]);
    }

    #[test]
    fn both_analyses_drop_both_languages_stop_words_and_overlong_words() {
        let long = "a".repeat(LONGEST_WORD + 1);
        for analyzer in [&mut english(), &mut spanish(), &mut words()] {
            assert!(tokens(analyzer, "for the para los").is_empty());
            assert!(tokens(analyzer, &long).is_empty());
            assert_eq!(tokens(analyzer, &"a".repeat(LONGEST_WORD - 1)).len(), 1);
        }
    }

    #[test]
    fn registered_analyzers_are_the_ones_the_schema_names() {
        let (schema, _) = super::super::schema::build();
        let index = Index::create_in_ram(schema);
        register(&index);
        let mut es = index.tokenizers().get(SPANISH).unwrap();
        assert_eq!(tokens(&mut es, "Viviendas"), tokens(&mut spanish(), "vivienda"));
        assert!(index.tokenizers().get(ENGLISH).is_some());
    }
}
