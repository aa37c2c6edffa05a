//! Static files built into the binary: the site's stylesheet, the quick-exit script and the
//! staff pages' own stylesheet (so public pages never download staff styles). Each is served
//! under a name carrying a hash of its content, so a changed file is a new URL.

use std::sync::OnceLock;

/// A static file.
#[derive(Debug)]
pub struct Asset {
    /// Served name, e.g. `site.3f9a0c1d2b4e5f60.css`.
    pub name: String,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// The bytes.
    pub body: &'static str,
}

const STYLESHEET: &str = include_str!("../static/site.css");
const EXIT_SCRIPT: &str = include_str!("../static/exit.js");
const STAFF_STYLESHEET: &str = include_str!("../static/staff.css");

/// Every file: the site's stylesheet first, then the quick-exit script, then the staff
/// stylesheet.
pub fn all() -> &'static [Asset; 3] {
    static ALL: OnceLock<[Asset; 3]> = OnceLock::new();
    ALL.get_or_init(|| {
        [
            asset("site", "css", "text/css; charset=utf-8", STYLESHEET),
            asset("exit", "js", "text/javascript; charset=utf-8", EXIT_SCRIPT),
            asset("staff", "css", "text/css; charset=utf-8", STAFF_STYLESHEET),
        ]
    })
}

/// The file served as `name`.
pub fn find(name: &str) -> Option<&'static Asset> {
    all().iter().find(|a| a.name == name)
}

/// The stylesheet's URL.
pub fn stylesheet() -> String {
    format!("/static/{}", all()[0].name)
}

/// The quick-exit script's URL.
pub fn exit_script() -> String {
    format!("/static/{}", all()[1].name)
}

/// The staff pages' stylesheet's URL (linked after [`stylesheet`], on staff pages only).
pub fn staff_stylesheet() -> String {
    format!("/static/{}", all()[2].name)
}

fn asset(stem: &str, ext: &str, content_type: &'static str, body: &'static str) -> Asset {
    Asset {
        name: format!("{stem}.{:016x}.{ext}", fnv1a(body.as_bytes())),
        content_type,
        body,
    }
}

/// FNV-1a: a stable, dependency-free content hash (names only need to change with content).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_content_hash() {
        let css = &all()[0];
        assert!(css.name.starts_with("site.") && css.name.ends_with(".css"));
        assert_ne!(fnv1a(b"a"), fnv1a(b"b"));
        assert!(find(&css.name).is_some());
        assert!(find("site.css").is_none());
        let staff = &all()[2];
        assert!(staff.name.starts_with("staff.") && staff.name.ends_with(".css"));
        assert_eq!(find(&staff.name).map(|a| a.body), Some(STAFF_STYLESHEET));
        assert_eq!(staff_stylesheet(), format!("/static/{}", staff.name));
    }

    #[test]
    fn staff_rules_are_only_in_the_staff_stylesheet() {
        for rule in [
            ".staff-menu",
            ".staff-form",
            ".table-scroll",
            ".visually-hidden",
            ".qr ",
        ] {
            assert!(!STYLESHEET.contains(rule), "site.css has {rule}");
            assert!(STAFF_STYLESHEET.contains(rule), "staff.css lacks {rule}");
        }
    }
}
