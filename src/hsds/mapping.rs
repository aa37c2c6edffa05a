//! HSDS service → [`Listing`]: reads our needs, conditions and attributes from `attributes`
//! (see `directory/README.md` for the encoding), Open Eligibility terms through the crosswalk,
//! and infers needs from the text when a record carries no terms at all.
//! Its messages name the field and the problem; a value is quoted only through
//! [`shown`] (short, escaped), and never a location's coordinates, address or area.

use serde_json::Value;

use super::limits::shown;
use super::validate::FieldError;
use super::{Context, OrganizationRecord, ServiceRecord};
use crate::domain::hours::Opening;
use crate::domain::{Capacity, Closure, Condition, Listing, Office, Phone, Taxonomy, WeeklyHours};
use crate::geo::{Circle, Gazetteer, Point, ServiceArea, Shape};

/// Our taxonomies' names in `taxonomy_term.taxonomy`.
pub const NEEDS_TAXONOMY: &str = "pathways-needs";
/// Conditions.
pub const CONDITIONS_TAXONOMY: &str = "pathways-conditions";
/// Other attributes.
pub const ATTRIBUTES_TAXONOMY: &str = "pathways-attributes";

/// Largest service-area circle accepted (a wider area is a state or the country).
const MAX_CIRCLE_KM: f64 = 2000.0;
/// Radius given to a confidential service with no stated area: its city and surroundings.
const CONFIDENTIAL_AREA_KM: f64 = 40.0;

/// Splits an organisation into its record and its services (each given `organization_id`).
pub fn split_organization(mut org: Value) -> (OrganizationRecord, Vec<Value>) {
    let services = match org.as_object_mut().and_then(|m| m.remove("services")) {
        Some(Value::Array(s)) => s,
        _ => Vec::new(),
    };
    let id = text(&org, "id").unwrap_or_default();
    let services = services
        .into_iter()
        .map(|mut s| {
            if let Some(m) = s.as_object_mut() {
                m.entry("organization_id")
                    .or_insert_with(|| Value::String(id.clone()));
            }
            s
        })
        .collect();
    let record = OrganizationRecord {
        id: id.clone(),
        name: text(&org, "name").unwrap_or_default(),
        hsds: org,
    };
    (record, services)
}

/// Takes a service's nested organisation out of it.
pub fn split_service(mut service: Value) -> (Value, Option<OrganizationRecord>) {
    let org = service.as_object_mut().and_then(|m| m.remove("organization"));
    let org = org.filter(Value::is_object).map(|o| split_organization(o).0);
    if let (Some(o), Some(m)) = (&org, service.as_object_mut()) {
        m.entry("organization_id")
            .or_insert_with(|| Value::String(o.id.clone()));
    }
    (service, org)
}

/// The service of a `service_at_location` record, with that location attached to it.
pub fn service_from_service_at_location(mut sal: Value) -> Option<Value> {
    let map = sal.as_object_mut()?;
    let mut service = map.remove("service")?;
    map.remove("service_id");
    let service_map = service.as_object_mut()?;
    let locations = service_map
        .entry("service_at_locations")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(list) = locations {
        list.push(sal);
    }
    Some(service)
}

/// Maps one service record. Errors name the field inside the service.
pub fn service(
    hsds: Value,
    org: Option<&OrganizationRecord>,
    cx: &Context,
) -> Result<ServiceRecord, FieldError> {
    let taxonomy = Taxonomy::builtin();
    let s = &hsds;
    let id = text(s, "id").ok_or(("/id".to_owned(), "a service needs an id".to_owned()))?;
    let name = text(s, "name").ok_or(("/name".to_owned(), "a service needs a name".to_owned()))?;
    let description = text(s, "description").unwrap_or_default();

    let terms = Terms::read(s, org.map(|o| &o.hsds), taxonomy)?;
    let confidential = terms.has("confidential_location");

    let mut needs = terms.needs.clone();
    let needs_inferred = needs.is_empty();
    if needs_inferred {
        let text = [
            Some(name.as_str()),
            text_ref(s, "alternate_name"),
            Some(description.as_str()),
            text_ref(s, "eligibility_description"),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(". ");
        needs = cx.inference.infer_needs(&text);
    }

    let mut conditions = terms.conditions.clone();
    if !conditions.contains(&Condition::Fee) && charges_money(s) {
        conditions.push(Condition::Fee);
    }
    conditions.sort();
    conditions.dedup();

    let min_age = age(s, "minimum_age")?;
    let max_age = age(s, "maximum_age")?;
    if let (Some(lo), Some(hi)) = (min_age, max_age)
        && lo > hi
    {
        return Err((
            "/minimum_age".into(),
            format!("minimum_age {lo} is above maximum_age {hi}"),
        ));
    }

    let locations = array(s, "service_at_locations");
    let mut warnings = Vec::new();
    let office_point = first_point(locations, cx.gazetteer, &mut warnings);
    let (office, other_offices) = if confidential {
        (None, Vec::new())
    } else {
        let mut all = offices(locations, cx.gazetteer).into_iter();
        (all.next(), all.collect())
    };

    let mut area = service_area(s, locations, &mut warnings)?;
    if confidential {
        // Never the real place, not even as the centre of a circle the provider drew around
        // it: every circle is moved to the centre of the nearest town and drawn widely, and
        // a drawn area goes (a small one would outline the place itself).
        area.shapes.clear();
        for c in &mut area.circles {
            c.center = cx.gazetteer.nearest_town(c.center).unwrap_or(c.center);
            c.km = c.km.max(CONFIDENTIAL_AREA_KM);
        }
        if area.is_empty()
            && let Some(town) = office_point.and_then(|p| cx.gazetteer.nearest_town(p))
        {
            area.circles.push(Circle {
                center: town,
                km: CONFIDENTIAL_AREA_KM,
            });
        }
    }

    let open_24_7 = terms.has("open_24_7");
    let (mut hours, _unreadable) = WeeklyHours::from_openings(
        array(s, "schedules")
            .iter()
            .chain(locations.iter().flat_map(|l| array(l, "schedules")))
            .chain(locations.iter().flat_map(|l| {
                l.get("location")
                    .map(|loc| array(loc, "schedules"))
                    .unwrap_or(&[])
            }))
            .filter(|sch| {
                text_ref(sch, "freq")
                    .is_none_or(|f| f.eq_ignore_ascii_case("WEEKLY") || f.eq_ignore_ascii_case("DAILY"))
            })
            .filter_map(|sch| {
                Some(Opening {
                    byday: text_ref(sch, "byday").unwrap_or(""),
                    opens_at: text_ref(sch, "opens_at")?,
                    closes_at: text_ref(sch, "closes_at")?,
                })
            }),
    );
    // Closures: schedules marked closed (`notes`) for a date range, no opening times.
    let mut closures: Vec<Closure> = array(s, "schedules")
        .iter()
        .filter(|sch| text_ref(sch, "notes").is_some_and(|n| n.eq_ignore_ascii_case("closed")))
        .filter_map(|sch| {
            let from = date_prefix(text_ref(sch, "valid_from")?)?;
            let to = text_ref(sch, "valid_to")
                .and_then(date_prefix)
                .unwrap_or_else(|| from.clone());
            Some(Closure {
                note: text(sch, "description").unwrap_or_default(),
                from,
                to,
            })
        })
        .collect();
    closures.sort_by(|a, b| a.from.cmp(&b.from).then(a.to.cmp(&b.to)));
    if open_24_7 && hours.is_empty() {
        hours = WeeklyHours::always();
    }
    let open_24_7 = open_24_7 || hours.is_always_open();

    let tz_point = office_point.or_else(|| area.circles.first().map(|c| c.center));
    let time_zone = tz_point
        .and_then(|p| cx.gazetteer.time_zone_at(p))
        .or_else(|| {
            area.states
                .first()
                .and_then(|st| cx.gazetteer.state_time_zone(st))
        })
        .map(str::to_owned);

    let listing = Listing {
        id,
        name,
        organization_id: text(s, "organization_id")
            .or_else(|| org.map(|o| o.id.clone()))
            .unwrap_or_default(),
        organization: org.map(|o| o.name.clone()).unwrap_or_default(),
        description,
        eligibility: text(s, "eligibility_description"),
        application_process: text(s, "application_process"),
        fees: text(s, "fees_description").or_else(|| text(s, "fees")),
        url: text(s, "url").or_else(|| org.and_then(|o| text(&o.hsds, "website"))),
        needs,
        needs_inferred,
        conditions,
        min_age,
        max_age,
        languages: languages(s),
        genders: terms.value("genders"),
        culturally_specific: terms.value("culturally_specific"),
        walk_in: terms.has("walk_in"),
        open_24_7,
        phone_only: terms.has("phone_only"),
        wheelchair_accessible: terms.has("wheelchair_accessible"),
        survivor_led: terms.has("survivor_led"),
        lgbtq_affirming: terms.has("lgbtq_affirming"),
        confidential,
        sample: terms.org_has("sample_data"),
        status: text(s, "status").unwrap_or_else(|| "active".into()),
        phones: phones(s, locations, org),
        office,
        other_offices,
        area,
        hours,
        closures,
        time_zone,
        capacity: capacity(s)?,
        verified: verified(s)?,
    };
    Ok(ServiceRecord {
        hsds,
        listing,
        warnings,
    })
}

/// Our vocabulary as found in a record's attributes.
struct Terms {
    needs: Vec<String>,
    conditions: Vec<Condition>,
    attributes: Vec<(String, Option<String>)>,
    org_attributes: Vec<String>,
}

impl Terms {
    fn read(s: &Value, org: Option<&Value>, taxonomy: &Taxonomy) -> Result<Terms, FieldError> {
        let mut t = Terms {
            needs: Vec::new(),
            conditions: Vec::new(),
            attributes: Vec::new(),
            org_attributes: Vec::new(),
        };
        for (i, a) in array(s, "attributes").iter().enumerate() {
            let Some(term) = a.get("taxonomy_term") else {
                continue;
            };
            let tax = text_ref(term, "taxonomy").unwrap_or("");
            let code = text_ref(term, "code").unwrap_or("");
            let field = |f: &str| format!("/attributes/{i}/taxonomy_term/{f}");
            if tax == NEEDS_TAXONOMY {
                let need = taxonomy
                    .need(code)
                    .ok_or((field("code"), format!("unknown need code \"{}\"", shown(code))))?;
                push_unique(&mut t.needs, need.code.clone());
            } else if tax == CONDITIONS_TAXONOMY {
                t.conditions.push(Condition::from_code(code).ok_or((
                    field("code"),
                    format!("unknown condition code \"{}\"", shown(code)),
                ))?);
            } else if tax == ATTRIBUTES_TAXONOMY {
                t.attributes.push((code.to_owned(), text(a, "value")));
            } else if is_open_eligibility(tax) {
                // Publishers put the OE id in `code` (some only the name).
                let need = taxonomy.need_for_open_eligibility(text_ref(term, "code"), text_ref(term, "name"));
                if let Some(need) = need {
                    push_unique(&mut t.needs, need.code.clone());
                }
            }
        }
        for a in org.map(|o| array(o, "attributes")).unwrap_or(&[]) {
            if let Some(term) = a.get("taxonomy_term")
                && text_ref(term, "taxonomy") == Some(ATTRIBUTES_TAXONOMY)
                && let Some(code) = text(term, "code")
            {
                t.org_attributes.push(code);
            }
        }
        Ok(t)
    }

    fn has(&self, code: &str) -> bool {
        self.attributes.iter().any(|(c, _)| c == code)
    }

    fn value(&self, code: &str) -> Option<String> {
        self.attributes
            .iter()
            .find(|(c, _)| c == code)
            .and_then(|(_, v)| v.clone())
    }

    fn org_has(&self, code: &str) -> bool {
        self.org_attributes.iter().any(|c| c == code)
    }
}

fn is_open_eligibility(taxonomy: &str) -> bool {
    let t: String = taxonomy.chars().filter(|c| c.is_alphanumeric()).collect();
    t.eq_ignore_ascii_case("openeligibility")
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !v.contains(&s) {
        v.push(s);
    }
}

fn text(v: &Value, key: &str) -> Option<String> {
    text_ref(v, key).map(str::to_owned)
}

fn text_ref<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn array<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn age(s: &Value, key: &str) -> Result<Option<u32>, FieldError> {
    match s.get(key).and_then(Value::as_f64) {
        None => Ok(None),
        Some(a) if (0.0..=130.0).contains(&a) => Ok(Some(a as u32)),
        Some(_) => Err((format!("/{key}"), "an age must be between 0 and 130".to_owned())),
    }
}

fn charges_money(s: &Value) -> bool {
    array(s, "cost_options")
        .iter()
        .any(|c| c.get("amount").and_then(Value::as_f64).is_some_and(|a| a > 0.0))
}

/// The usable point of a location, or why it is unusable.
fn location_point(sal: &Value) -> Result<Option<Point>, String> {
    let Some(loc) = sal.get("location") else {
        return Ok(None);
    };
    match (
        loc.get("latitude").and_then(Value::as_f64),
        loc.get("longitude").and_then(Value::as_f64),
    ) {
        // The numbers are not repeated: swapped, they are the real place.
        (Some(lat), Some(lon)) => Point::new(lat, lon).map(Some).ok_or(
            "latitude and longitude are not a point on Earth; the office is shown without a map position"
                .to_owned(),
        ),
        _ => Ok(None),
    }
}

fn first_point(locations: &[Value], gazetteer: &Gazetteer, warnings: &mut Vec<String>) -> Option<Point> {
    for (i, sal) in locations.iter().enumerate() {
        match location_point(sal) {
            Ok(Some(p)) => return Some(p),
            Ok(None) => {}
            Err(why) => warnings.push(format!("/service_at_locations/{i}/location/latitude: {why}")),
        }
    }
    locations
        .iter()
        .find_map(|sal| address_point(sal.get("location")?, gazetteer))
}

/// Where an address is, from its ZIP code or else its city and state, when the record gives
/// no coordinates (common in HSDS data): close enough to search by, offline.
fn address_point(location: &Value, gazetteer: &Gazetteer) -> Option<Point> {
    let addresses = array(location, "addresses");
    let a = addresses
        .iter()
        .find(|a| text_ref(a, "address_type") == Some("physical"))
        .or(addresses.first())?;
    if text_ref(a, "country").is_some_and(|c| !c.eq_ignore_ascii_case("US") && !c.eq_ignore_ascii_case("USA"))
    {
        return None;
    }
    let zip = text_ref(a, "postal_code").map(|z| z.chars().take(5).collect::<String>());
    let by_zip = zip.and_then(|z| gazetteer.resolve(&z).ok());
    let by_city = || {
        let city = text_ref(a, "city")?;
        let state = text_ref(a, "state_province")?;
        gazetteer.resolve(&format!("{city}, {state}")).ok()
    };
    by_zip.or_else(by_city).map(|p| p.point)
}

/// The first location with coordinates or an address, as a public office.
/// Every public office of the record, in its order (a location with neither a usable point
/// nor an address is none).
fn offices(locations: &[Value], gazetteer: &Gazetteer) -> Vec<Office> {
    locations
        .iter()
        .filter_map(|sal| {
            let loc = sal.get("location")?;
            let point = location_point(sal)
                .ok()
                .flatten()
                .or_else(|| address_point(loc, gazetteer));
            let addresses = array(loc, "addresses");
            let physical = addresses
                .iter()
                .find(|a| text_ref(a, "address_type") == Some("physical"))
                .or(addresses.first());
            let locality = physical.and_then(|a| {
                let city = text_ref(a, "city").map(str::trim).filter(|c| !c.is_empty())?;
                Some(
                    match text_ref(a, "state_province")
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                    {
                        Some(state) => format!("{city}, {state}"),
                        None => city.to_owned(),
                    },
                )
            });
            let address: Vec<String> = physical
                .map(|a| {
                    let city_state = [text_ref(a, "city"), text_ref(a, "state_province")]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", ");
                    let last = [
                        Some(city_state.as_str()).filter(|c| !c.is_empty()),
                        text_ref(a, "postal_code"),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                    [
                        text(a, "address_1"),
                        text(a, "address_2"),
                        Some(last).filter(|l| !l.is_empty()),
                    ]
                    .into_iter()
                    .flatten()
                    .collect()
                })
                .unwrap_or_default();
            (point.is_some() || !address.is_empty()).then(|| Office {
                name: text(loc, "name"),
                address,
                locality,
                point,
            })
        })
        .collect()
}

fn service_area(
    s: &Value,
    locations: &[Value],
    warnings: &mut Vec<String>,
) -> Result<ServiceArea, FieldError> {
    let mut area = ServiceArea::default();
    let from_locations = locations.iter().enumerate().flat_map(|(i, l)| {
        array(l, "service_areas")
            .iter()
            .enumerate()
            .map(move |(j, a)| (format!("/service_at_locations/{i}/service_areas/{j}"), a))
    });
    let areas = array(s, "service_areas")
        .iter()
        .enumerate()
        .map(|(j, a)| (format!("/service_areas/{j}"), a))
        .chain(from_locations);
    for (path, a) in areas {
        let extent = text_ref(a, "extent").unwrap_or("");
        match text_ref(a, "extent_type").map(str::to_ascii_lowercase).as_deref() {
            None | Some("text") => {}
            // Text that is no JSON at all is a placeholder (HSDS's own examples say
            // "extent"): left out with a warning. GeoJSON that draws no usable area (an open
            // ring, a point, a continent) is a mistake in a real drawing: refused.
            Some("geojson") if serde_json::from_str::<Value>(extent).is_err() => {
                warnings.push(format!("{path}/extent: not GeoJSON; this area was left out"));
                continue;
            }
            Some("geojson") => {
                // The extent is not quoted: a drawn area may outline where a service is.
                let shape = Shape::from_geojson(extent).map_err(|why| (format!("{path}/extent"), why))?;
                area.shapes.push(shape);
                continue;
            }
            Some(other) => {
                warnings.push(format!(
                    "{path}/extent_type: {} areas are not read (GeoJSON and text are); this area was left out",
                    shown(other)
                ));
                continue;
            }
        }
        if extent.eq_ignore_ascii_case("US") {
            area.national = true;
        } else if let Some(state) = extent.strip_prefix("US-").filter(|s| s.len() == 2) {
            push_unique(&mut area.states, state.to_ascii_uppercase());
        } else if let Some(circle) = extent.strip_prefix("radius:") {
            let nums: Vec<f64> = circle.split(',').filter_map(|n| n.trim().parse().ok()).collect();
            let circle = match nums[..] {
                [lat, lon, km] if km > 0.0 && km <= MAX_CIRCLE_KM => {
                    Point::new(lat, lon).map(|center| Circle { center, km })
                }
                _ => None,
            };
            // The extent is not quoted: its numbers may be where a confidential service is.
            area.circles.push(circle.ok_or((
                format!("{path}/extent"),
                format!("not radius:LAT,LON,KM with LAT,LON on Earth and KM from 0 to {MAX_CIRCLE_KM}"),
            ))?);
        } else if text_ref(a, "name").is_some_and(|n| {
            ["united states", "nationwide", "national", "usa"].contains(&n.to_lowercase().as_str())
        }) {
            area.national = true;
        }
    }
    Ok(area)
}

fn languages(s: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for l in array(s, "languages") {
        let code = text_ref(l, "code").map(str::to_lowercase);
        let code = match code.as_deref() {
            Some("eng") => Some("en".to_owned()),
            Some("spa") => Some("es".to_owned()),
            Some(c) if !c.is_empty() => Some(c.split(['-', '_']).next().unwrap_or(c).to_owned()),
            _ => match text_ref(l, "name").map(str::to_lowercase).as_deref() {
                Some("english") => Some("en".to_owned()),
                Some("spanish") | Some("español") => Some("es".to_owned()),
                _ => None,
            },
        };
        if let Some(c) = code {
            push_unique(&mut out, c);
        }
    }
    out
}

fn phones(s: &Value, locations: &[Value], org: Option<&OrganizationRecord>) -> Vec<Phone> {
    let mut out: Vec<Phone> = Vec::new();
    let service_phones = array(s, "phones")
        .iter()
        .chain(locations.iter().flat_map(|l| array(l, "phones")));
    let mut all: Vec<&Value> = service_phones.collect();
    if all.is_empty() {
        all = org
            .map(|o| array(&o.hsds, "phones").iter().collect())
            .unwrap_or_default();
    }
    for p in all {
        if let Some(number) = text(p, "number")
            && !out.iter().any(|o| o.number == number)
        {
            out.push(Phone {
                number,
                kind: text(p, "type"),
                description: text(p, "description"),
            });
        }
    }
    out
}

fn capacity(s: &Value) -> Result<Option<Capacity>, FieldError> {
    let Some(c) = array(s, "capacities").first() else {
        return Ok(None);
    };
    // A count of places, as the capacity API takes it: `as u32` alone made 1e20 into
    // 4294967295 and -3 into 0, a shelter shown full or empty on a typo.
    let count = |key: &str| -> Result<Option<u32>, FieldError> {
        let Some(v) = c.get(key).filter(|v| !v.is_null()) else {
            return Ok(None);
        };
        let whole = v.as_u64().and_then(|n| u32::try_from(n).ok()).or_else(|| {
            v.as_f64()
                .filter(|f| f.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(f))
                .map(|f| f as u32)
        });
        whole.map(Some).ok_or((
            format!("/capacities/0/{key}"),
            format!("{key} must be a whole number from 0 to {}", u32::MAX),
        ))
    };
    let available = count("available")?.unwrap_or(0);
    let maximum = count("maximum")?;
    let updated = text_ref(c, "updated").unwrap_or("");
    let updated = date_prefix(updated).ok_or((
        "/capacities/0/updated".to_owned(),
        format!("\"{}\" is not a date-time", shown(updated)),
    ))?;
    Ok(Some(Capacity {
        available,
        maximum,
        unit: c
            .get("unit")
            .and_then(|u| text(u, "name"))
            .unwrap_or_else(|| "places".into()),
        updated,
    }))
}

fn verified(s: &Value) -> Result<Option<String>, FieldError> {
    for key in ["assured_date", "last_modified"] {
        if let Some(d) = text_ref(s, key) {
            return date_prefix(d).map(Some).ok_or((
                format!("/{key}"),
                format!("\"{}\" is not a date (YYYY-MM-DD)", shown(d)),
            ));
        }
    }
    Ok(None)
}

/// The `YYYY-MM-DD` at the start of a date or date-time, if it is a real date.
fn date_prefix(text: &str) -> Option<String> {
    let d = text.get(..10)?;
    d.parse::<jiff::civil::Date>().ok().map(|d| d.to_string())
}
