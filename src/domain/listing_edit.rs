//! A provider's edit of one of their listings: the form read into checked values, every
//! mistake named by its field; which fields go live at once and which wait for a directory
//! admin (they change who a service is for); and the field-by-field difference between two
//! versions of a listing, for the history and the review queue.

use super::hours::WeeklyHours;
use super::{Condition, Listing, Phone, Taxonomy};

/// The days of the form's hours, in the order `WeeklyHours` counts them (Monday = 0).
pub const DAYS: [&str; 7] = ["mo", "tu", "we", "th", "fr", "sa", "su"];

/// The attributes a provider sets on the form (the rest — a confidential location, sample
/// data — are the directory's to say).
pub const EDITABLE_ATTRIBUTES: [&str; 5] = [
    "walk_in",
    "phone_only",
    "wheelchair_accessible",
    "survivor_led",
    "lgbtq_affirming",
];

/// Longest free text accepted in one field.
const MAX_TEXT: usize = 4000;

/// A mistake in the form: the field and the catalogue key of its message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EditInvalid {
    /// The form field.
    pub field: &'static str,
    /// The catalogue key of the message.
    pub key: &'static str,
}

fn invalid(field: &'static str, key: &'static str) -> EditInvalid {
    EditInvalid { field, key }
}

/// Which fields a change touches, for the setting of what waits for review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldGroup {
    /// Description, intake, documents, cost, ages, genders, languages.
    Description,
    /// Opening hours.
    Hours,
    /// Phones.
    Phones,
    /// Capacity.
    Capacity,
    /// Needs served.
    Needs,
    /// Conditions placed on help.
    Conditions,
    /// Where the service reaches.
    Area,
    /// The office's address.
    Address,
}

impl FieldGroup {
    /// What waits for a directory admin unless configured otherwise: what changes who a
    /// service is for.
    pub const REVIEWED_BY_DEFAULT: [FieldGroup; 4] = [
        FieldGroup::Needs,
        FieldGroup::Conditions,
        FieldGroup::Area,
        FieldGroup::Address,
    ];

    /// The group's code (settings, history).
    pub fn code(self) -> &'static str {
        match self {
            FieldGroup::Description => "description",
            FieldGroup::Hours => "hours",
            FieldGroup::Phones => "phones",
            FieldGroup::Capacity => "capacity",
            FieldGroup::Needs => "needs",
            FieldGroup::Conditions => "conditions",
            FieldGroup::Area => "area",
            FieldGroup::Address => "address",
        }
    }

    /// Every group, in the form's order.
    pub const ALL: [FieldGroup; 8] = [
        FieldGroup::Description,
        FieldGroup::Hours,
        FieldGroup::Phones,
        FieldGroup::Capacity,
        FieldGroup::Needs,
        FieldGroup::Conditions,
        FieldGroup::Area,
        FieldGroup::Address,
    ];

    /// The group of a code.
    pub fn from_code(code: &str) -> Option<FieldGroup> {
        FieldGroup::ALL.into_iter().find(|g| g.code() == code.trim())
    }
}

/// Capacity as a provider reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CapacityEdit {
    /// Openings now.
    pub available: u32,
    /// Total places, when known.
    pub maximum: Option<u32>,
    /// What is counted.
    pub unit: String,
}

impl CapacityEdit {
    /// Checks the numbers: none negative (the type says so), available at most maximum.
    pub fn new(available: u32, maximum: Option<u32>, unit: &str) -> Result<CapacityEdit, EditInvalid> {
        if maximum.is_some_and(|m| available > m) {
            return Err(invalid("capacity_available", "listing-error-capacity"));
        }
        let unit = unit.trim();
        if unit.is_empty() || unit.chars().count() > 40 {
            return Err(invalid("capacity_unit", "listing-error-unit"));
        }
        Ok(CapacityEdit {
            available,
            maximum,
            unit: unit.to_owned(),
        })
    }
}

/// One opening of the week: a day (0 = Monday) and its `HH:MM` times.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opening {
    /// Day of the week, Monday = 0.
    pub day: usize,
    /// Opens, `HH:MM`.
    pub opens: String,
    /// Closes, `HH:MM` (`24:00` for midnight; before `opens` for past midnight).
    pub closes: String,
}

/// A service area, as the form lists it: the whole country, states, circles.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AreaEdit {
    /// HSDS `extent` values, one per area: `US`, `US-TX`, `radius:LAT,LON,KM`.
    pub extents: Vec<String>,
}

/// The office's address as the form holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddressEdit {
    /// Street and number.
    pub street: String,
    /// City.
    pub city: String,
    /// Two-letter state.
    pub state: String,
    /// ZIP code.
    pub postal_code: String,
}

impl AddressEdit {
    /// The address on one line, for the history.
    pub fn line(&self) -> String {
        format!(
            "{}, {}, {} {}",
            self.street, self.city, self.state, self.postal_code
        )
    }
}

/// Everything the listing form holds, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct ListingEdit {
    /// The service's name.
    pub name: String,
    /// Description.
    pub description: String,
    /// How to get help (intake).
    pub application_process: String,
    /// Documents asked for, one each.
    pub required_documents: Vec<String>,
    /// What it costs, in words.
    pub fees: String,
    /// Youngest age served.
    pub min_age: Option<u32>,
    /// Oldest age served.
    pub max_age: Option<u32>,
    /// Genders served, in the provider's words.
    pub genders: String,
    /// Culturally specific, for whom (empty: not).
    pub culturally_specific: String,
    /// Attribute codes set, from [`EDITABLE_ATTRIBUTES`].
    pub attributes: Vec<String>,
    /// ISO 639-1 codes of languages staff speak.
    pub languages: Vec<String>,
    /// Phones.
    pub phones: Vec<Phone>,
    /// Weekly openings.
    pub hours: Vec<Opening>,
    /// Days closed despite the hours.
    pub closures: Vec<super::Closure>,
    /// Capacity, when reported.
    pub capacity: Option<CapacityEdit>,
    /// Needs served (codes).
    pub needs: Vec<String>,
    /// Conditions placed on help.
    pub conditions: Vec<Condition>,
    /// Where it reaches.
    pub area: AreaEdit,
    /// The office's address (`None`: no public office).
    pub address: Option<AddressEdit>,
}

/// The listing form as posted: each field's text as typed (repeated fields for needs and
/// conditions), kept to be shown again after a mistake.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListingForm {
    /// Field name → text (one entry per field; `need` and `condition` may repeat).
    pub fields: Vec<(String, String)>,
}

/// The names the form may carry; anything else is refused (AC-4).
pub const FORM_FIELDS: [&str; 29] = [
    "name",
    "description",
    "application_process",
    "required_documents",
    "fees",
    "min_age",
    "max_age",
    "genders",
    "culturally_specific",
    "attribute",
    "languages",
    "phones",
    "hours_mo",
    "hours_tu",
    "hours_we",
    "hours_th",
    "hours_fr",
    "hours_sa",
    "hours_su",
    "closures",
    "capacity_available",
    "capacity_maximum",
    "capacity_unit",
    "need",
    "condition",
    "address_street",
    "address_city",
    "address_state",
    "address_zip",
];

/// The field that names where a service reaches (kept apart from the 21: arrays are short).
pub const AREA_FIELD: &str = "area";

impl ListingForm {
    /// The first value of a field, trimmed ("" when absent).
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .unwrap_or("")
    }

    /// Every value of a repeated field.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// The form a listing fills in, as it stands.
    pub fn of(listing: &Listing, documents: &[String]) -> ListingForm {
        let mut fields: Vec<(String, String)> = vec![
            ("name".into(), listing.name.clone()),
            ("description".into(), listing.description.clone()),
            (
                "application_process".into(),
                listing.application_process.clone().unwrap_or_default(),
            ),
            ("required_documents".into(), documents.join("\n")),
            ("fees".into(), listing.fees.clone().unwrap_or_default()),
            (
                "min_age".into(),
                listing.min_age.map(|a| a.to_string()).unwrap_or_default(),
            ),
            (
                "max_age".into(),
                listing.max_age.map(|a| a.to_string()).unwrap_or_default(),
            ),
            ("genders".into(), listing.genders.clone().unwrap_or_default()),
            (
                "culturally_specific".into(),
                listing.culturally_specific.clone().unwrap_or_default(),
            ),
            ("languages".into(), listing.languages.join(", ")),
            (
                "phones".into(),
                listing
                    .phones
                    .iter()
                    .map(|p| match &p.description {
                        Some(d) => format!("{} | {d}", p.number),
                        None => p.number.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        ];
        for (day, code) in DAYS.iter().enumerate() {
            fields.push((format!("hours_{code}"), day_text(&listing.hours, day)));
        }
        fields.push((
            "closures".into(),
            listing
                .closures
                .iter()
                .map(|c| {
                    let days = if c.from == c.to {
                        c.from.clone()
                    } else {
                        format!("{}..{}", c.from, c.to)
                    };
                    if c.note.is_empty() {
                        days
                    } else {
                        format!("{days} | {}", c.note)
                    }
                })
                .collect::<Vec<_>>()
                .join("\n"),
        ));
        let capacity = listing.capacity.as_ref();
        fields.push((
            "capacity_available".into(),
            capacity.map(|c| c.available.to_string()).unwrap_or_default(),
        ));
        fields.push((
            "capacity_maximum".into(),
            capacity
                .and_then(|c| c.maximum)
                .map(|m| m.to_string())
                .unwrap_or_default(),
        ));
        fields.push((
            "capacity_unit".into(),
            capacity.map(|c| c.unit.clone()).unwrap_or_default(),
        ));
        for n in &listing.needs {
            fields.push(("need".into(), n.clone()));
        }
        let flags = [
            ("walk_in", listing.walk_in),
            ("phone_only", listing.phone_only),
            ("wheelchair_accessible", listing.wheelchair_accessible),
            ("survivor_led", listing.survivor_led),
            ("lgbtq_affirming", listing.lgbtq_affirming),
        ];
        for (code, on) in flags {
            if on {
                fields.push(("attribute".into(), code.to_owned()));
            }
        }
        for c in &listing.conditions {
            fields.push(("condition".into(), c.code().to_owned()));
        }
        fields.push((AREA_FIELD.into(), area_lines(listing).join("\n")));
        ListingForm { fields }
    }

    /// The form with the office's address filled in (it lives in the HSDS record, not in
    /// the listing).
    pub fn with_address(mut self, address: Option<&AddressEdit>) -> ListingForm {
        let a = address.cloned().unwrap_or_default();
        for (k, v) in [
            ("address_street", a.street),
            ("address_city", a.city),
            ("address_state", a.state),
            ("address_zip", a.postal_code),
        ] {
            self.fields.retain(|(f, _)| f != k);
            self.fields.push((k.to_owned(), v));
        }
        self
    }

    /// Checks every field; the first mistake, in the form's order, is named.
    pub fn check(&self) -> Result<ListingEdit, EditInvalid> {
        for (k, _) in &self.fields {
            if !FORM_FIELDS.contains(&k.as_str()) && k != AREA_FIELD {
                return Err(invalid("form", "listing-error-unknown-field"));
            }
        }
        let name = text(self.get("name"), "name")?;
        if name.is_empty() || name.chars().count() > 200 {
            return Err(invalid("name", "listing-error-name"));
        }
        let description = text(self.get("description"), "description")?;
        if description.is_empty() {
            return Err(invalid("description", "listing-error-description"));
        }
        let application_process = text(self.get("application_process"), "application_process")?;
        let documents = text(self.get("required_documents"), "required_documents")?;
        let required_documents = documents
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        let fees = text(self.get("fees"), "fees")?;
        let min_age = age(self.get("min_age"), "min_age")?;
        let max_age = age(self.get("max_age"), "max_age")?;
        if let (Some(lo), Some(hi)) = (min_age, max_age)
            && lo > hi
        {
            return Err(invalid("max_age", "listing-error-age-order"));
        }
        let genders = text(self.get("genders"), "genders")?;
        let culturally_specific = text(self.get("culturally_specific"), "culturally_specific")?;
        let mut attributes: Vec<String> = Vec::new();
        for code in self.all("attribute") {
            if !EDITABLE_ATTRIBUTES.contains(&code) {
                return Err(invalid("attribute", "listing-error-attribute"));
            }
            if !attributes.iter().any(|a| a == code) {
                attributes.push(code.to_owned());
            }
        }
        let languages = languages(self.get("languages"))?;
        let phones = phones(self.get("phones"))?;
        let mut hours = Vec::new();
        for (day, code) in DAYS.iter().enumerate() {
            hours.extend(openings(
                day,
                self.get(&format!("hours_{code}")),
                HOURS_FIELDS[day],
            )?);
        }
        let closures = closures(self.get("closures"))?;
        let capacity = capacity(
            self.get("capacity_available"),
            self.get("capacity_maximum"),
            self.get("capacity_unit"),
        )?;
        let taxonomy = Taxonomy::builtin();
        let mut needs = Vec::new();
        for code in self.all("need") {
            let need = taxonomy.need(code).ok_or(invalid("need", "listing-error-need"))?;
            if !needs.contains(&need.code) {
                needs.push(need.code.clone());
            }
        }
        if needs.is_empty() {
            return Err(invalid("need", "listing-error-no-need"));
        }
        let mut conditions = Vec::new();
        for code in self.all("condition") {
            let c = Condition::from_code(code).ok_or(invalid("condition", "listing-error-condition"))?;
            if !conditions.contains(&c) {
                conditions.push(c);
            }
        }
        conditions.sort();
        let area = area(self.get(AREA_FIELD))?;
        let address = address(
            self.get("address_street"),
            self.get("address_city"),
            self.get("address_state"),
            self.get("address_zip"),
        )?;
        Ok(ListingEdit {
            name,
            description,
            application_process,
            required_documents,
            fees,
            min_age,
            max_age,
            genders,
            culturally_specific,
            attributes,
            languages,
            phones,
            hours,
            closures,
            capacity,
            needs,
            conditions,
            area,
            address,
        })
    }
}

const HOURS_FIELDS: [&str; 7] = [
    "hours_mo", "hours_tu", "hours_we", "hours_th", "hours_fr", "hours_sa", "hours_su",
];

fn text(value: &str, field: &'static str) -> Result<String, EditInvalid> {
    let v = value.trim();
    if v.chars().count() > MAX_TEXT {
        return Err(invalid(field, "listing-error-too-long"));
    }
    Ok(v.replace("\r\n", "\n"))
}

fn age(value: &str, field: &'static str) -> Result<Option<u32>, EditInvalid> {
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<u32>() {
        Ok(a) if a <= 130 => Ok(Some(a)),
        _ => Err(invalid(field, "listing-error-age")),
    }
}

fn languages(value: &str) -> Result<Vec<String>, EditInvalid> {
    let mut out: Vec<String> = Vec::new();
    for code in value.split([',', ' ']).map(str::trim).filter(|c| !c.is_empty()) {
        let code = code.to_ascii_lowercase();
        if code.len() != 2 || !code.chars().all(|c| c.is_ascii_lowercase()) {
            return Err(invalid("languages", "listing-error-language"));
        }
        if !out.contains(&code) {
            out.push(code);
        }
    }
    Ok(out)
}

/// Phones, one a line: `NUMBER` or `NUMBER | what it is for`.
fn phones(value: &str) -> Result<Vec<Phone>, EditInvalid> {
    let mut out: Vec<Phone> = Vec::new();
    for line in value.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (number, description) = match line.split_once('|') {
            Some((n, d)) => (n.trim(), Some(d.trim()).filter(|d| !d.is_empty())),
            None => (line, None),
        };
        let digits = number.chars().filter(char::is_ascii_digit).count();
        let allowed = number.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
        if !(3..=15).contains(&digits) || !allowed {
            return Err(invalid("phones", "listing-error-phone"));
        }
        if description.is_some_and(|d| d.chars().count() > 200) {
            return Err(invalid("phones", "listing-error-too-long"));
        }
        out.push(Phone {
            number: number.to_owned(),
            kind: Some("voice".to_owned()),
            description: description.map(str::to_owned),
        });
    }
    Ok(out)
}

/// A day's openings: `HH:MM-HH:MM`, several separated by commas; empty means closed.
fn openings(day: usize, value: &str, field: &'static str) -> Result<Vec<Opening>, EditInvalid> {
    let mut out = Vec::new();
    for range in value.split(',').map(str::trim).filter(|r| !r.is_empty()) {
        let (opens, closes) = range
            .split_once('-')
            .map(|(a, b)| (a.trim(), b.trim()))
            .ok_or(invalid(field, "listing-error-hours"))?;
        let (Some(o), Some(c)) = (clock(opens), clock(closes)) else {
            return Err(invalid(field, "listing-error-hours"));
        };
        if o == c {
            return Err(invalid(field, "listing-error-hours"));
        }
        out.push(Opening {
            day,
            opens: format!("{:02}:{:02}", o / 60, o % 60),
            closes: format!("{:02}:{:02}", c / 60, c % 60),
        });
    }
    Ok(out)
}

/// Minutes after midnight of `H:MM` or `HH:MM` (`24:00` is midnight at the end of the day).
fn clock(text: &str) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}

/// Closures, one a line: `YYYY-MM-DD` or `YYYY-MM-DD..YYYY-MM-DD`, then `|` and why.
fn closures(value: &str) -> Result<Vec<super::Closure>, EditInvalid> {
    let mut out = Vec::new();
    for line in value.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (days, note) = match line.split_once('|') {
            Some((d, n)) => (d.trim(), n.trim()),
            None => (line, ""),
        };
        let (from, to) = days
            .split_once("..")
            .map_or((days, days), |(a, b)| (a.trim(), b.trim()));
        let (Some(from), Some(to)) = (super::day::parse(from), super::day::parse(to)) else {
            return Err(invalid("closures", "listing-error-closure"));
        };
        let long = from.until(to).map_or(true, |span| span.get_days() > 366);
        if to < from || long || note.chars().count() > 200 {
            return Err(invalid("closures", "listing-error-closure"));
        }
        out.push(super::Closure {
            from: from.to_string(),
            to: to.to_string(),
            note: note.to_owned(),
        });
    }
    out.sort_by(|a, b| a.from.cmp(&b.from));
    Ok(out)
}

fn capacity(available: &str, maximum: &str, unit: &str) -> Result<Option<CapacityEdit>, EditInvalid> {
    if available.is_empty() && maximum.is_empty() && unit.is_empty() {
        return Ok(None);
    }
    let available: u32 = available
        .parse()
        .map_err(|_| invalid("capacity_available", "listing-error-count"))?;
    let maximum = match maximum {
        "" => None,
        m => Some(
            m.parse::<u32>()
                .map_err(|_| invalid("capacity_maximum", "listing-error-count"))?,
        ),
    };
    let unit = if unit.is_empty() { "places" } else { unit };
    CapacityEdit::new(available, maximum, unit).map(Some)
}

/// The office's address: all four parts, or none (no public office).
fn address(street: &str, city: &str, state: &str, zip: &str) -> Result<Option<AddressEdit>, EditInvalid> {
    if [street, city, state, zip].iter().all(|p| p.is_empty()) {
        return Ok(None);
    }
    if street.is_empty() || street.chars().count() > 200 {
        return Err(invalid("address_street", "listing-error-street"));
    }
    if city.is_empty() || city.chars().count() > 100 {
        return Err(invalid("address_city", "listing-error-city"));
    }
    let state = state.to_ascii_uppercase();
    if state.len() != 2 || !state.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(invalid("address_state", "listing-error-state"));
    }
    if zip.len() != 5 || !zip.chars().all(|c| c.is_ascii_digit()) {
        return Err(invalid("address_zip", "listing-error-zip"));
    }
    Ok(Some(AddressEdit {
        street: street.to_owned(),
        city: city.to_owned(),
        state,
        postal_code: zip.to_owned(),
    }))
}

/// Areas, one a line: `US` (the whole country), a state (`TX` or `US-TX`) or a circle
/// (`radius:LAT,LON,KM`).
fn area(value: &str) -> Result<AreaEdit, EditInvalid> {
    let mut extents = Vec::new();
    for line in value.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let upper = line.to_ascii_uppercase();
        let extent = if upper == "US" || upper == "USA" {
            "US".to_owned()
        } else if let Some(state) = upper
            .strip_prefix("US-")
            .or(Some(upper.as_str()))
            .filter(|s| s.len() == 2 && s.chars().all(|c| c.is_ascii_uppercase()))
        {
            format!("US-{state}")
        } else if let Some(circle) = line.strip_prefix("radius:") {
            let nums: Vec<f64> = circle.split(',').filter_map(|n| n.trim().parse().ok()).collect();
            match nums[..] {
                [lat, lon, km]
                    if (-90.0..=90.0).contains(&lat)
                        && (-180.0..=180.0).contains(&lon)
                        && km > 0.0
                        && km <= 500.0 =>
                {
                    format!("radius:{lat},{lon},{km}")
                }
                _ => return Err(invalid(AREA_FIELD, "listing-error-area")),
            }
        } else {
            return Err(invalid(AREA_FIELD, "listing-error-area"));
        };
        if !extents.contains(&extent) {
            extents.push(extent);
        }
    }
    Ok(AreaEdit { extents })
}

/// A listing's area as the form lists it.
pub fn area_lines(listing: &Listing) -> Vec<String> {
    let a = &listing.area;
    let mut lines = Vec::new();
    if a.national {
        lines.push("US".to_owned());
    }
    lines.extend(a.states.iter().map(|s| format!("US-{s}")));
    lines.extend(
        a.circles
            .iter()
            .map(|c| format!("radius:{},{},{}", c.center.lat, c.center.lon, c.km)),
    );
    lines
}

/// A day's openings as the form shows them (`09:00-17:00, 18:00-20:00`).
pub fn day_text(hours: &WeeklyHours, day: usize) -> String {
    hours
        .week_texts(day as u32)
        .iter()
        .map(|t| t.replace('–', "-"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One field of a listing as the history and the review queue show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    /// The field's name (a form field, or `verified`).
    pub field: String,
    /// Its value before, as text.
    pub old: String,
    /// Its value after, as text.
    pub new: String,
}

/// The fields of a listing a provider edits, as text, with their group.
pub fn field_texts(l: &Listing, documents: &[String]) -> Vec<(&'static str, FieldGroup, String)> {
    field_texts_of(&ListingForm::of(l, documents))
}

/// The fields of a form, as text, with their group (repeated fields joined, in order).
pub fn field_texts_of(form: &ListingForm) -> Vec<(&'static str, FieldGroup, String)> {
    let mut out = Vec::new();
    for name in FORM_FIELDS.iter().chain([AREA_FIELD].iter()) {
        let group = match *name {
            "need" => FieldGroup::Needs,
            "condition" => FieldGroup::Conditions,
            AREA_FIELD => FieldGroup::Area,
            "phones" => FieldGroup::Phones,
            n if n.starts_with("hours_") || n == "closures" => FieldGroup::Hours,
            n if n.starts_with("capacity_") => FieldGroup::Capacity,
            n if n.starts_with("address_") => FieldGroup::Address,
            _ => FieldGroup::Description,
        };
        let value = match *name {
            "need" | "condition" | "attribute" => {
                let mut all = form.all(name);
                all.sort_unstable();
                all.join(", ")
            }
            n => form.get(n).to_owned(),
        };
        out.push((*name, group, value));
    }
    out
}

/// What differs between two versions of a listing, field by field, with each field's group.
pub fn differences(
    old: &Listing,
    old_documents: &[String],
    new: &Listing,
    new_documents: &[String],
) -> Vec<(FieldGroup, FieldChange)> {
    field_texts(old, old_documents)
        .into_iter()
        .zip(field_texts(new, new_documents))
        .filter(|((_, _, a), (_, _, b))| a != b)
        .map(|((field, group, old), (_, _, new))| {
            (
                group,
                FieldChange {
                    field: field.to_owned(),
                    old,
                    new,
                },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> ListingForm {
        ListingForm {
            fields: pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    fn valid() -> Vec<(&'static str, &'static str)> {
        vec![
            ("name", "Night Shelter"),
            ("description", "Beds for tonight."),
            ("need", "shelter.emergency"),
            ("hours_mo", "09:00-17:00, 18:00-21:30"),
            ("hours_sa", "22:00-06:00"),
            ("phones", "713-555-0100 | intake\n(713) 555-0101"),
            ("capacity_available", "3"),
            ("capacity_maximum", "12"),
            ("capacity_unit", "beds"),
            ("languages", "en, ES"),
            (AREA_FIELD, "TX\nradius:29.76,-95.37,40"),
        ]
    }

    #[test]
    fn a_good_form_reads_into_checked_values() {
        let edit = form(&valid()).check().unwrap();
        assert_eq!(edit.needs, ["shelter.emergency"]);
        assert_eq!(edit.hours.len(), 3);
        assert_eq!(edit.hours[2].day, 5);
        assert_eq!(edit.phones[0].description.as_deref(), Some("intake"));
        assert_eq!(edit.languages, ["en", "es"]);
        assert_eq!(edit.area.extents, ["US-TX", "radius:29.76,-95.37,40"]);
        assert_eq!(
            edit.capacity,
            Some(CapacityEdit {
                available: 3,
                maximum: Some(12),
                unit: "beds".into()
            })
        );
    }

    #[test]
    fn each_mistake_names_its_field() {
        let cases: [(&str, &str, &str); 10] = [
            ("hours_tu", "9-5", "hours_tu"),
            ("hours_we", "25:00-26:00", "hours_we"),
            ("capacity_available", "13", "capacity_available"),
            ("capacity_available", "-1", "capacity_available"),
            ("min_age", "200", "min_age"),
            ("phones", "call me", "phones"),
            ("need", "not.a.need", "need"),
            ("condition", "bribes", "condition"),
            (AREA_FIELD, "the moon", AREA_FIELD),
            ("languages", "English", "languages"),
        ];
        for (field, value, named) in cases {
            let mut pairs = valid();
            pairs.retain(|(k, _)| *k != field || field == "need");
            pairs.push((field, value));
            let err = form(&pairs).check().unwrap_err();
            assert_eq!(err.field, named, "{field}={value}");
        }
        let mut pairs = valid();
        pairs.push(("admin", "1"));
        assert_eq!(
            form(&pairs).check().unwrap_err().key,
            "listing-error-unknown-field"
        );
        let no_need: Vec<_> = valid().into_iter().filter(|(k, _)| *k != "need").collect();
        assert_eq!(form(&no_need).check().unwrap_err().field, "need");
    }
}
