//! Static files built into the binary: one stylesheet and the quick-exit script. Each is
//! served under a name carrying a hash of its content, so a changed file is a new URL.

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

/// Both files, stylesheet first.
pub fn all() -> &'static [Asset; 2] {
    static ALL: OnceLock<[Asset; 2]> = OnceLock::new();
    ALL.get_or_init(|| {
        [
            asset("site", "css", "text/css; charset=utf-8", STYLESHEET),
            asset("exit", "js", "text/javascript; charset=utf-8", EXIT_SCRIPT),
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
    }
}
