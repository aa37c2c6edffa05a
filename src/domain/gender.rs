//! Who a service serves by gender, read from HSDS's free-text "genders" attribute ("women and
//! children", "Men 18+", "LGBTQ+ youth", "all genders") into a few codes a person can filter
//! by. A text naming none of them reads as serving everyone.

/// A gender a service may be for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    /// Women and girls.
    Women,
    /// Men and boys.
    Men,
    /// Transgender and nonbinary people.
    TransNonbinary,
}

impl Gender {
    /// Every gender, in the order forms list them.
    pub const ALL: [Gender; 3] = [Gender::Women, Gender::Men, Gender::TransNonbinary];

    /// Its code (API parameter, form value, index term).
    pub fn code(self) -> &'static str {
        match self {
            Gender::Women => "women",
            Gender::Men => "men",
            Gender::TransNonbinary => "trans_nonbinary",
        }
    }

    /// The gender of a code.
    pub fn parse(code: &str) -> Option<Gender> {
        Gender::ALL.into_iter().find(|g| g.code() == code)
    }
}

/// The genders a "genders served" text names; empty when it names none (everyone).
pub fn read(text: &str) -> Vec<Gender> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '+'))
        .filter(|w| !w.is_empty())
        .collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    if has(&["all", "any", "anyone", "everyone", "todos", "todas", "cualquier"]) {
        return Gender::ALL.to_vec();
    }
    let nonbinary = words.windows(2).any(|w| w == ["non", "binary"]);
    let mut found = Vec::new();
    if has(&[
        "women",
        "woman",
        "female",
        "females",
        "girls",
        "girl",
        "ladies",
        "mujeres",
        "mujer",
        "niñas",
        // Services for mothers or pregnant people are women's services ("Transitional
        // Living for Moms", "Maternity Home").
        "mothers",
        "moms",
        "mom",
        "mother",
        "maternity",
        "pregnant",
        "madres",
        "embarazadas",
    ]) {
        found.push(Gender::Women);
    }
    // Not "niños": in Spanish it is children of any gender.
    if has(&[
        "men", "man", "male", "males", "boys", "boy", "guy", "guys", "hombres", "hombre", "fathers", "dads",
    ]) {
        found.push(Gender::Men);
    }
    if nonbinary
        || has(&[
            "trans",
            "transgender",
            "nonbinary",
            "lgbt",
            "lgbtq",
            "lgbtq+",
            "lgbtqia",
            "lgbtqia+",
            "queer",
            "enby",
        ])
    {
        found.push(Gender::TransNonbinary);
    }
    found
}

/// The genders a *query* asks for: a gender word said of the person or of what they want —
/// after "a", "an", "for", "para", "soy" ("im a guy", "shelter for trans women", "soy mujer")
/// or as a possessive ("women's shelter") — and not one said of someone else ("some older
/// guy is posting her online").
pub fn asked_for(query: &str) -> Vec<Gender> {
    let lower = query.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '+'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut said = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if read(w).is_empty() && !(*w == "non" && words.get(i + 1) == Some(&"binary")) {
            continue;
        }
        let before = &words[i.saturating_sub(2)..i];
        let of_the_person = before
            .iter()
            .any(|b| ["a", "an", "for", "para", "soy", "im", "como"].contains(b));
        let possessive = words.get(i + 1) == Some(&"s");
        if of_the_person || possessive {
            let end = if *w == "non" { i + 2 } else { i + 1 };
            said.extend(words[i..end.min(words.len())].iter().copied());
        }
    }
    read(&said.join(" "))
}

#[cfg(test)]
mod tests {
    use super::Gender::*;
    use super::*;

    #[test]
    fn free_text_reads_as_the_genders_it_names() {
        assert_eq!(read("women and children"), [Women]);
        assert_eq!(read("Men 18+"), [Men]);
        assert_eq!(read("im a guy where can i stay"), [Men]);
        assert_eq!(read("Men's Emergency Beds"), [Men]);
        assert_eq!(
            read("Women; transgender and non-binary people"),
            [Women, TransNonbinary]
        );
        assert_eq!(read("LGBTQ+ youth"), [TransNonbinary]);
        assert_eq!(read("all genders"), Gender::ALL);
        assert_eq!(read("mujeres y niños"), [Women]);
        assert!(read("families").is_empty(), "names no gender: everyone");
        assert!(read("").is_empty());
        for g in Gender::ALL {
            assert_eq!(Gender::parse(g.code()), Some(g));
        }
    }

    #[test]
    fn a_query_asks_for_a_gender_only_when_said_of_the_person_or_the_service() {
        assert_eq!(asked_for("im a guy where can i stay"), [Men]);
        assert_eq!(asked_for("rehab for women where i can bring my kids"), [Women]);
        assert_eq!(asked_for("women's shelter"), [Women]);
        assert_eq!(
            asked_for("im a trans woman and need somewhere safe"),
            [Women, TransNonbinary]
        );
        assert_eq!(asked_for("soy mujer y necesito ayuda"), [Women]);
        assert_eq!(asked_for("housing for moms and their babies"), [Women]);
        assert!(asked_for("my 15 yr old ran away and some older guy is posting her online").is_empty());
        assert!(asked_for("shelter").is_empty());
    }
}
