//! A calendar day typed into a form: exactly `YYYY-MM-DD`. jiff's own parser is generous on
//! purpose (it takes `2027-01-31T10:00`, `20270131` and `+002027-01-31` as that day), which
//! would store something other than what the field asked for; forms want one spelling.

use jiff::civil::Date;

/// The day `text` names, when it is exactly `YYYY-MM-DD` and a real date.
pub fn parse(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    text.parse::<Date>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_spelling_of_a_real_day() {
        assert_eq!(
            parse("2027-01-31").map(|d| d.to_string()).as_deref(),
            Some("2027-01-31")
        );
        for bad in [
            "2027-02-30",
            "2027-01-31T10:00",
            "2027-01-31T10:00:00+00",
            "20270131",
            "+002027-01-31",
            "2027-1-31",
            " 2027-01-31",
            "２０２７-01-31",
            "",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
