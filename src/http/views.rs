//! Domain objects turned into the `templates` view-models: every text pre-formatted and
//! translated for the page's language. The only place that knows both sides.

use templates::{Badge, Lang, ListingView, PhoneView};

use crate::domain::finding::Hit;
use crate::domain::{Condition, Listing, Taxonomy};
use crate::geo::Gazetteer;

/// Kilometres per mile: the public pages speak miles (the API speaks kilometres).
pub const KM_PER_MILE: f64 = 1.609_344;

/// What every listing view needs besides the listing.
pub struct Context<'a> {
    /// The page's language.
    pub lang: Lang,
    /// Now, for "open now" and "checked N months ago".
    pub now: jiff::Timestamp,
    /// For naming the area a service reaches.
    pub gazetteer: &'a Gazetteer,
}

impl Context<'_> {
    /// A search hit as a view.
    pub fn hit(&self, hit: &Hit) -> ListingView {
        let l = self.lang;
        let distance = if hit.reaches_by_area {
            Some(l.t("distance-area").to_owned())
        } else {
            hit.distance_km
                .map(|km| l.tf("distance-mi", &[("mi", &format!("{:.1}", km / KM_PER_MILE))]))
        };
        let today = hit.open_now.map(|open| (open, hit.hours_today.clone()));
        self.view(&hit.listing, distance, today)
    }

    /// A listing on its own page: its hours read at `now` in its own time zone (set at
    /// import from its office, area or state; unknown only for services with none of them).
    pub fn listing(&self, listing: &Listing) -> ListingView {
        let today = (listing.time_zone.as_deref()).and_then(|z| listing.hours.today(self.now, z));
        self.view(listing, None, today)
    }

    fn view(
        &self,
        listing: &Listing,
        distance: Option<String>,
        today: Option<(bool, Vec<String>)>,
    ) -> ListingView {
        let l = self.lang;
        let always = listing.open_24_7 || listing.hours.is_always_open();
        let (today_text, open_now) = match today {
            _ if always => (l.t("hours-always").to_owned(), Some(true)),
            None if listing.hours.is_empty() => (l.t("hours-unknown").to_owned(), None),
            // Hours known, but not the zone they are in: the week below says them.
            None => (l.t("hours-by-week").to_owned(), None),
            Some((open, spans)) => {
                let now = l.t(if open {
                    "hours-open-now"
                } else {
                    "hours-closed-now"
                });
                let day = if spans.is_empty() {
                    l.t("hours-closed-today").to_owned()
                } else {
                    l.tf("hours-today", &[("hours", &spans.join(", "))])
                };
                (format!("{now} · {day}"), Some(open))
            }
        };
        let week = if always || listing.hours.is_empty() {
            Vec::new()
        } else {
            week(l, &listing.hours)
        };
        ListingView {
            href: l.path(&format!("/services/{}", listing.id)),
            name: listing.name.clone(),
            organization: listing.organization.clone(),
            sample: listing.sample,
            status_note: (listing.status != "active").then(|| l.t("status-inactive").to_owned()),
            distance,
            locality: listing
                .office
                .as_ref()
                .and_then(|o| o.locality.clone())
                .filter(|_| !listing.confidential),
            more_locations: (!listing.other_offices.is_empty() && !listing.confidential).then(|| {
                let n = listing.other_offices.len() as u64;
                l.plural_tf("more-locations", n, &[])
            }),
            needs: needs(l, listing),
            badges: badges(l, listing),
            today: today_text,
            open_now,
            verified: self.freshness(listing),
            capacity: listing.capacity.as_ref().map(|c| {
                // Units come from the data, in English; the common ones are translated.
                let unit = l
                    .get(&format!("unit-{}", c.unit.to_lowercase()))
                    .map_or_else(|| c.unit.clone(), str::to_owned);
                let (available, unit, date) = (&c.available, &unit, &c.updated);
                match c.maximum {
                    _ if c.available == 0 => l.tf("capacity-full", &[("date", date)]),
                    Some(max) => l.tf(
                        "capacity-of",
                        &[
                            ("available", available),
                            ("maximum", &max),
                            ("unit", unit),
                            ("date", date),
                        ],
                    ),
                    None => l.tf(
                        "capacity-some",
                        &[("available", available), ("unit", unit), ("date", date)],
                    ),
                }
            }),
            phones: phones(l, listing),
            description: listing.description.clone(),
            facts: self.facts(listing),
            attributes: attributes(l, listing),
            address: listing
                .office
                .as_ref()
                .map(|o| o.address.clone())
                .unwrap_or_default(),
            other_addresses: listing
                .other_offices
                .iter()
                .filter(|_| !listing.confidential)
                .map(|o| o.address.clone())
                .filter(|lines| !lines.is_empty())
                .collect(),
            where_note: if listing.confidential {
                Some(l.t("where-confidential").to_owned())
            } else if listing.office.is_none() && listing.phone_only {
                Some(l.t("where-remote").to_owned())
            } else {
                None
            },
            url: listing
                .url
                .clone()
                .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
            week,
        }
    }

    /// When it was checked, and whether it may be out of date (`Listing::may_be_outdated`).
    fn freshness(&self, listing: &Listing) -> String {
        let checked = self.verified(listing.verified.as_deref());
        let today = self.now.in_tz("UTC").map(|z| z.date());
        match today {
            Ok(today) if listing.may_be_outdated(today) => {
                format!("{checked} · {}", self.lang.t("verified-outdated"))
            }
            _ => checked,
        }
    }

    fn verified(&self, date: Option<&str>) -> String {
        let l = self.lang;
        let Some(date) = date.and_then(|d| d.parse::<jiff::civil::Date>().ok()) else {
            return l.t("verified-never").to_owned();
        };
        let Ok(today) = self.now.in_tz("UTC").map(|z| z.date()) else {
            return l.t("verified-never").to_owned();
        };
        let days = date
            .until(today)
            .map(|span| i64::from(span.get_days()))
            .unwrap_or(0);
        checked_ago(l, days)
    }

    fn facts(&self, listing: &Listing) -> Vec<(String, String)> {
        let l = self.lang;
        let mut facts = Vec::new();
        let mut fact = |key: &str, value: Option<String>| {
            if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
                facts.push((l.t(key).to_owned(), v));
            }
        };
        fact("fact-eligibility", listing.eligibility.clone());
        fact("fact-apply", listing.application_process.clone());
        fact("fact-fees", listing.fees.clone());
        fact(
            "fact-languages",
            Some(
                listing
                    .languages
                    .iter()
                    .map(|code| language_name(l, code))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        );
        fact(
            "fact-ages",
            match (listing.min_age, listing.max_age) {
                (Some(min), Some(max)) => Some(l.tf("ages-range", &[("min", &min), ("max", &max)])),
                (Some(min), None) => Some(l.tf("ages-from", &[("min", &min)])),
                (None, Some(max)) => Some(l.tf("ages-to", &[("max", &max)])),
                (None, None) => None,
            },
        );
        fact(
            "fact-genders",
            listing.genders.as_deref().map(|text| genders(l, text)),
        );
        // Closures still to come (or under way), as the provider dated them.
        let today = self
            .now
            .in_tz("UTC")
            .map(|z| z.date().to_string())
            .unwrap_or_default();
        fact(
            "fact-closed",
            Some(
                listing
                    .closures
                    .iter()
                    .filter(|c| c.to >= today)
                    .map(|c| {
                        let days = if c.from == c.to {
                            c.from.clone()
                        } else {
                            format!("{} – {}", c.from, c.to)
                        };
                        if c.note.is_empty() {
                            days
                        } else {
                            format!("{days} ({})", c.note)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        );
        fact("fact-culture", listing.culturally_specific.clone());
        // Where a service reaches matters when it has no address to show (confidential,
        // phone-only, statewide); an office's address already says where it is. (Naming the
        // area also costs a gazetteer look-up per listing.)
        if listing.office.is_none() || listing.area.national || !listing.area.states.is_empty() {
            fact("fact-area", Some(self.area(listing)));
        }
        facts
    }

    fn area(&self, listing: &Listing) -> String {
        let l = self.lang;
        let a = &listing.area;
        if a.national {
            l.t("area-national").to_owned()
        } else if !a.states.is_empty() {
            l.tf("area-states", &[("states", &a.states.join(", "))])
        } else if let Some(place) = a
            .circles
            .first()
            .map(|c| c.center)
            .or_else(|| {
                let (lat0, lat1, lon0, lon1) = a.shapes.first()?.bounding_box();
                crate::geo::Point::new((lat0 + lat1) / 2.0, (lon0 + lon1) / 2.0)
            })
            .or_else(|| listing.office.as_ref()?.point)
            .and_then(|p| self.gazetteer.name_at(p))
        {
            l.tf("area-local", &[("place", &place)])
        } else {
            l.t("area-unknown").to_owned()
        }
    }
}

/// A listing's phones, with their `tel:` targets.
/// A listing's phones. A phone's note is the provider's own words, which are English; on a
/// page in another language it says instead what kind of line it is, and "day and night" for
/// a service open around the clock, so a Spanish page never reads "Call 988, 24/7".
pub fn phones(l: Lang, listing: &Listing) -> Vec<PhoneView> {
    let note = |p: &crate::domain::Phone| -> Option<String> {
        if l == Lang::En {
            return p.description.clone();
        }
        let kind = match p.kind.as_deref() {
            Some("text" | "sms") => l.t("phone-kind-text"),
            Some("fax") => l.t("phone-kind-fax"),
            Some("textphone" | "tty") => l.t("phone-kind-tty"),
            _ => l.t("phone-kind-voice"),
        };
        let always = listing.open_24_7 || listing.hours.is_always_open();
        Some(if always {
            format!("{kind} · {}", l.t("phone-always"))
        } else {
            kind.to_owned()
        })
    };
    listing
        .phones
        .iter()
        .map(|p| PhoneView {
            number: p.number.clone(),
            tel: p
                .number
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect(),
            note: note(p),
        })
        .collect()
}

/// The labels of a listing's needs in `lang`.
pub fn needs(l: Lang, listing: &Listing) -> Vec<String> {
    let taxonomy = Taxonomy::builtin();
    listing
        .needs
        .iter()
        .filter_map(|code| taxonomy.need(code))
        .map(|n| pick(l, &n.label).to_owned())
        .collect()
}

/// The text of a bilingual taxonomy label in `lang`.
pub fn pick(lang: Lang, b: &crate::domain::needs::Bilingual) -> &str {
    match lang {
        Lang::En => &b.en,
        Lang::Es => &b.es,
    }
}

/// A language's name, or its code when the catalogue has no name for it.
pub fn language_name(lang: Lang, code: &str) -> String {
    lang.get(&format!("lang-{code}"))
        .map_or_else(|| code.to_uppercase(), str::to_owned)
}

/// Conditions in plain words: each barrier, then the reassurances people ask about most.
fn badges(l: Lang, listing: &Listing) -> Vec<Badge> {
    let taxonomy = Taxonomy::builtin();
    let phrase = |c: Condition, barrier: bool| {
        let term = taxonomy.condition(c.code())?;
        let text = if barrier {
            term.plain.as_ref()
        } else {
            term.none.as_ref()
        }?;
        Some(Badge {
            text: pick(l, text).to_owned(),
            barrier,
        })
    };
    let mut out = Vec::new();
    if listing.conditions.is_empty() {
        out.push(Badge {
            text: l.t("badge-no-conditions").to_owned(),
            barrier: false,
        });
    }
    out.extend(listing.conditions.iter().filter_map(|c| phrase(*c, true)));
    for c in [Condition::PoliceReport, Condition::IdRequired, Condition::Fee] {
        if !listing.conditions.contains(&c) {
            out.extend(phrase(c, false));
        }
    }
    out
}

fn attributes(l: Lang, listing: &Listing) -> Vec<String> {
    let flags = [
        ("walk_in", listing.walk_in),
        ("open_24_7", listing.open_24_7),
        ("phone_only", listing.phone_only),
        ("wheelchair_accessible", listing.wheelchair_accessible),
        ("survivor_led", listing.survivor_led),
        ("lgbtq_affirming", listing.lgbtq_affirming),
    ];
    let taxonomy = Taxonomy::builtin();
    flags
        .iter()
        .filter(|(_, on)| *on)
        .filter_map(|(code, _)| taxonomy.attributes.iter().find(|a| a.code == *code))
        .map(|a| pick(l, &a.label).to_owned())
        .collect()
}

/// The week as rows, consecutive days with the same hours on one row ("Monday–Friday").
fn week(l: Lang, hours: &crate::domain::WeeklyHours) -> Vec<(String, String)> {
    let texts: Vec<String> = (0..7)
        .map(|d| {
            let spans = hours.week_texts(d);
            if spans.is_empty() {
                l.t("hours-closed").to_owned()
            } else {
                spans.join(", ")
            }
        })
        .collect();
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut start = 0;
    for d in 1..=7 {
        if d == 7 || texts[d] != texts[start] {
            let first = l.t(&format!("day-{start}"));
            let days = if d - 1 == start {
                first.to_owned()
            } else {
                l.tf(
                    "days-range",
                    &[("from", &first), ("to", &l.t(&format!("day-{}", d - 1)))],
                )
            };
            rows.push((days, texts[start].clone()));
            start = d;
        }
    }
    rows
}

/// Who a service serves by gender: as the provider wrote it (in English, as listings are),
/// and on pages in another language by the genders it names when we know them ("women and
/// children" → "Mujeres"), so a Spanish page never reads "A quién atiende women".
fn genders(l: templates::Lang, text: &str) -> String {
    let read = crate::domain::gender::read(text);
    if read.is_empty() || l == templates::Lang::En {
        return text.to_owned();
    }
    if read.len() == crate::domain::gender::Gender::ALL.len() {
        return l.t("gender-any").to_owned();
    }
    read.into_iter()
        .map(|g| super::search_form::gender_label(l, g))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Checked …" in the unit a person would use for `days` ago: today, days up to two weeks,
/// weeks up to eight, months up to a year, then years (and `freshness` adds "may be out of
/// date" from a year on).
fn checked_ago(l: templates::Lang, days: i64) -> String {
    let n = days.unsigned_abs();
    match days {
        ..=0 => l.t("verified-today").to_owned(),
        1..=13 => l.plural("verified-days", n),
        14..=55 => l.plural("verified-weeks", n / 7),
        56..=364 => l.plural("verified-months", n / 30),
        _ => l.plural("verified-years", n / 365),
    }
}

#[cfg(test)]
mod tests {
    use templates::Lang;
    use templates::i18n::catalogue;

    #[test]
    fn checked_ago_reads_as_people_say_it_in_both_languages() {
        let en: Vec<String> = [0, 1, 15, 45, 60, 400]
            .iter()
            .map(|d| super::checked_ago(Lang::En, *d))
            .collect();
        assert_eq!(
            en,
            [
                "Checked today",
                "Checked 1 day ago",
                "Checked 2 weeks ago",
                "Checked 6 weeks ago",
                "Checked 2 months ago",
                "Checked 1 year ago"
            ]
        );
        let es: Vec<String> = [0, 15, 45, 400]
            .iter()
            .map(|d| super::checked_ago(Lang::Es, *d))
            .collect();
        assert_eq!(
            es,
            [
                "Revisado hoy",
                "Revisado hace 2 semanas",
                "Revisado hace 6 semanas",
                "Revisado hace 1 año"
            ]
        );
    }

    /// Every key the web layer names — literally or by a family built at run time — is in
    /// both catalogues (the templates crate checks its own views the same way).
    #[test]
    fn every_key_the_web_layer_uses_is_in_the_catalogues() {
        let sources = [
            include_str!("views.rs"),
            include_str!("public.rs"),
            include_str!("search_form.rs"),
        ];
        let mut keys: Vec<String> = Vec::new();
        for src in sources {
            for call in [".t(\"", ".tf(\""] {
                for rest in src.split(call).skip(1) {
                    if let Some((key, _)) = rest.split_once('"') {
                        keys.push(key.to_owned());
                    }
                }
            }
            for rest in src
                .split(".plural(\"")
                .skip(1)
                .chain(src.split(".plural_tf(\"").skip(1))
            {
                if let Some((key, _)) = rest.split_once('"') {
                    keys.push(format!("{key}-one"));
                    keys.push(format!("{key}-other"));
                }
            }
        }
        assert!(
            keys.len() > 40,
            "only {} keys found: is the scan broken?",
            keys.len()
        );
        keys.extend((0..7).map(|d| format!("day-{d}")));
        keys.extend(
            super::super::search_form::FLAGS
                .iter()
                .map(|f| format!("flag-{f}")),
        );
        keys.extend(
            super::super::search_form::LANGUAGES
                .iter()
                .map(|c| format!("lang-{c}")),
        );
        for lang in Lang::ALL {
            for key in &keys {
                assert!(
                    catalogue(lang).contains_key(key),
                    "{key} is not in {}.ftl",
                    lang.code()
                );
            }
        }
    }
}
