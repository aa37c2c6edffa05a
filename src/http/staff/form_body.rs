//! The one decoder of staff form bodies (REL-5): what a browser's form sends and nothing else.
//! `serde_urlencoded` alone reads any body whatever its `Content-Type`, turns bytes that are
//! not UTF-8 into U+FFFD and lets NUL or ESC through; text stored that way is silently changed
//! or, shown on a console or in an export, can forge a line or colour a terminal. So the body is
//! checked here, before CSRF and before any field reaches a use-case, and refused whole.
//! It does not validate fields (lengths, dates, choices): the domain does, naming the field.

use axum::http::{HeaderMap, header};

use super::FormRefusal;

/// The one media type a staff form is sent as.
pub const FORM_MEDIA_TYPE: &str = "application/x-www-form-urlencoded";

/// Whether the request says it carries a web form: the media type, and UTF-8 if it names a
/// charset (browsers send none; any other charset would be read wrongly).
pub fn is_form(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let mut parts = value.split(';').map(str::trim);
    let essence = parts.next().unwrap_or("");
    essence.eq_ignore_ascii_case(FORM_MEDIA_TYPE)
        && parts.all(|p| match p.split_once('=') {
            Some((k, v)) if k.trim().eq_ignore_ascii_case("charset") => {
                let v = v.trim().trim_matches('"');
                v.eq_ignore_ascii_case("utf-8") || v.eq_ignore_ascii_case("utf8")
            }
            _ => true,
        })
}

/// The body's name/value pairs, in order; refused when a name or value is not UTF-8 once
/// percent-decoded, or holds a control character other than tab, CR and LF (which multi-line
/// fields need; every single-line field is trimmed or validated by the domain).
pub fn pairs(body: &[u8]) -> Result<Vec<(String, String)>, FormRefusal> {
    let mut out = Vec::new();
    for pair in body.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let (name, value) = match pair.iter().position(|&b| b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &pair[..0]),
        };
        out.push((text(name)?, text(value)?));
    }
    Ok(out)
}

/// One percent-decoded component, strictly UTF-8 and free of control characters.
fn text(component: &[u8]) -> Result<String, FormRefusal> {
    let text = String::from_utf8(percent_decode(component)).map_err(|e| {
        // CRY-4: the bytes may be a password's.
        secrecy::zeroize::Zeroize::zeroize(&mut e.into_bytes());
        FormRefusal::Encoding
    })?;
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'))
    {
        let mut text = text;
        secrecy::zeroize::Zeroize::zeroize(&mut text);
        return Err(FormRefusal::Control);
    }
    Ok(text)
}

/// `application/x-www-form-urlencoded` decoding as the URL standard has it: `+` is a space,
/// `%XX` a byte, and a `%` not followed by two hex digits stays itself.
fn percent_decode(input: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        match input[i] {
            b'+' => out.push(b' '),
            b'%' => match (
                input.get(i + 1).copied().and_then(hex),
                input.get(i + 2).copied().and_then(hex),
            ) {
                (Some(hi), Some(lo)) => {
                    out.push((hi * 16 + lo) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn with_type(t: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_str(t).unwrap_or(HeaderValue::from_static("")),
        );
        h
    }

    #[test]
    fn only_a_web_form_in_utf_8() {
        assert!(is_form(&with_type("application/x-www-form-urlencoded")));
        assert!(is_form(&with_type(
            "Application/X-WWW-Form-URLEncoded; charset=UTF-8"
        )));
        assert!(!is_form(&with_type(
            "application/x-www-form-urlencoded; charset=iso-8859-1"
        )));
        assert!(!is_form(&with_type("text/plain")));
        assert!(!is_form(&with_type("multipart/form-data; boundary=x")));
        assert!(!is_form(&HeaderMap::new()));
    }

    #[test]
    fn decodes_like_a_browser_encodes() {
        assert_eq!(
            pairs(b"a=1+2&b=%C3%81%2B&c&&d=%zz%4"),
            Ok(vec![
                ("a".into(), "1 2".into()),
                ("b".into(), "Á+".into()),
                ("c".into(), String::new()),
                ("d".into(), "%zz%4".into()),
            ])
        );
        assert_eq!(
            pairs(b"notes=one%0D%0Atwo%09three"),
            Ok(vec![("notes".into(), "one\r\ntwo\tthree".into())])
        );
    }

    #[test]
    fn refuses_broken_utf_8_and_control_characters_in_names_and_values() {
        for bad in [&b"a=%FF"[..], b"a=\xff", b"%C3%28=1", b"a=%ED%A0%80"] {
            assert_eq!(pairs(bad), Err(FormRefusal::Encoding), "{bad:?}");
        }
        for bad in [
            &b"a=%00"[..],
            b"a=%1B[31m",
            b"a=\x1b",
            b"a=%7F",
            b"a=%C2%85",
            b"%08=1",
        ] {
            assert_eq!(pairs(bad), Err(FormRefusal::Control), "{bad:?}");
        }
    }
}
