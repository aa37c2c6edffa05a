//! The offline US gazetteer: ZIP codes and places from GeoNames (CC BY 4.0, see
//! `directory/gazetteer/NOTICE`), built into the binary. It turns what a person types
//! ("Houston, TX", "houston tx", "77002") into a point, and a point into a state and a
//! time zone, without asking any server — a typed place never leaves the machine.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::Point;

const ZIPS_CSV: &str = include_str!("../../directory/gazetteer/zips.csv");
const PLACES_CSV: &str = include_str!("../../directory/gazetteer/places.csv");
const STATES_CSV: &str = include_str!("../../directory/gazetteer/states.csv");

/// A city that a bare state name ("New York") more likely means than the state.
const BIG_CITY: u64 = 1_000_000;
/// A town big enough to stand in for a confidential place.
const TOWN_POPULATION: u64 = 10_000;
/// How far to look for such a town.
const TOWN_REACH_KM: f64 = 60.0;

/// Grid cell size in degrees for nearest-place lookups.
const CELL: f64 = 0.5;

/// A resolved place.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// How to show it ("Houston, TX" or "77002 Houston, TX").
    pub label: String,
    /// Where it is.
    pub point: Point,
    /// Two-letter state code.
    pub state: String,
}

/// Why a typed place could not be resolved.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlaceError {
    /// Nothing was typed.
    #[error("no place was given")]
    Empty,
    /// A five-digit code that is not a US ZIP code.
    #[error("{0} is not a known US ZIP code")]
    UnknownZip(String),
    /// A name that matches no US place.
    #[error("no US place called \"{0}\" is known; try \"City, ST\" or a ZIP code")]
    UnknownPlace(String),
}

struct PlaceRow {
    name: String,
    state: String,
    point: Point,
    population: u64,
    time_zone: String,
}

struct State {
    code: String,
    name: String,
    time_zone: String,
    centroid: Option<Point>,
}

/// The gazetteer's tables.
pub struct Gazetteer {
    zips: HashMap<String, (String, String, Point)>,
    places: Vec<PlaceRow>,
    by_name: HashMap<String, Vec<usize>>,
    states: Vec<State>,
    grid: HashMap<(i32, i32), Vec<usize>>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("zips", &self.zips.len())
            .field("places", &self.places.len())
            .finish()
    }
}

impl Gazetteer {
    /// The gazetteer built into this binary (parsed once, about 20 ms).
    pub fn builtin() -> &'static Gazetteer {
        static BUILTIN: OnceLock<Gazetteer> = OnceLock::new();
        BUILTIN.get_or_init(|| Gazetteer::parse(ZIPS_CSV, PLACES_CSV, STATES_CSV))
    }

    /// Builds a gazetteer from the three CSV tables, skipping malformed rows.
    pub fn parse(zips_csv: &str, places_csv: &str, states_csv: &str) -> Gazetteer {
        let mut zips = HashMap::new();
        for cols in rows(zips_csv) {
            if let [zip, place, state, lat, lon] = cols[..]
                && let Some(point) = point(lat, lon)
            {
                zips.entry(zip.to_owned())
                    .or_insert((place.to_owned(), state.to_owned(), point));
            }
        }
        let mut places = Vec::new();
        for cols in rows(places_csv) {
            if let [name, state, lat, lon, population, tz] = cols[..]
                && let Some(point) = point(lat, lon)
            {
                places.push(PlaceRow {
                    name: name.to_owned(),
                    state: state.to_owned(),
                    point,
                    population: population.parse().unwrap_or(0),
                    time_zone: tz.to_owned(),
                });
            }
        }
        let mut states: Vec<State> = rows(states_csv)
            .filter_map(|cols| match cols[..] {
                [code, name, tz] => Some(State {
                    code: code.to_owned(),
                    name: name.to_owned(),
                    time_zone: tz.to_owned(),
                    centroid: None,
                }),
                _ => None,
            })
            .collect();
        for s in &mut states {
            // The population-weighted centre: where "Texas" should search from.
            let (mut w, mut lat, mut lon) = (0.0, 0.0, 0.0);
            for p in places.iter().filter(|p| p.state == s.code) {
                let pw = (p.population.max(1)) as f64;
                w += pw;
                lat += p.point.lat * pw;
                lon += p.point.lon * pw;
            }
            s.centroid = (w > 0.0).then(|| Point {
                lat: lat / w,
                lon: lon / w,
            });
        }
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        let mut grid: HashMap<(i32, i32), Vec<usize>> = HashMap::new();
        for (i, p) in places.iter().enumerate() {
            by_name.entry(normalise(&p.name)).or_default().push(i);
            grid.entry(cell(p.point)).or_default().push(i);
        }
        Gazetteer {
            zips,
            places,
            by_name,
            states,
            grid,
        }
    }

    /// Resolves what a person typed: a ZIP code, "City, ST", "City ST", "City, State", a
    /// bare city (the most populous of that name) or a state.
    pub fn resolve(&self, text: &str) -> Result<Place, PlaceError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(PlaceError::Empty);
        }
        let digits: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.len() == 5
            && text[5..]
                .trim_start_matches('-')
                .chars()
                .all(|c| c.is_ascii_digit())
        {
            return match self.zips.get(&digits) {
                Some((place, state, point)) => Ok(Place {
                    label: format!("{digits} {place}, {state}"),
                    point: *point,
                    state: state.clone(),
                }),
                None => Err(PlaceError::UnknownZip(digits)),
            };
        }
        let unknown = || PlaceError::UnknownPlace(text.to_owned());
        let words: Vec<String> = normalise(text).split(' ').map(str::to_owned).collect();
        // Try the longest state suffix first: "new york ny", "kansas city missouri".
        for take in (1..=words.len().min(3)).rev() {
            let (city, state_words) = words.split_at(words.len() - take);
            let Some(state) = self.state_by_words(&state_words.join(" ")) else {
                continue;
            };
            if city.is_empty() {
                // "New York" alone means the city far more often than the state.
                if let Some(place) = self
                    .best_place(&state_words.join(" "), None)
                    .filter(|p| self.population_of(p) >= BIG_CITY)
                {
                    return Ok(place);
                }
                let centroid = state.centroid.ok_or_else(unknown)?;
                return Ok(Place {
                    label: state.name.clone(),
                    point: centroid,
                    state: state.code.clone(),
                });
            }
            if let Some(place) = self.best_place(&city.join(" "), Some(&state.code)) {
                return Ok(place);
            }
        }
        self.best_place(&words.join(" "), None).ok_or_else(unknown)
    }

    /// For a place [`Gazetteer::resolve`] does not know, the likeliest one meant ("Huston,
    /// TX" → "Houston, TX"): a place whose name is one or two typing slips away (one for short
    /// names), in the state typed when one was, the most populous of the closest. `None` when
    /// nothing is that close.
    pub fn suggest(&self, text: &str) -> Option<String> {
        let words: Vec<String> = normalise(text).split(' ').map(str::to_owned).collect();
        let (city, state) = (1..=words.len().min(3).saturating_sub(1))
            .rev()
            .find_map(|take| {
                let (city, state) = words.split_at(words.len() - take);
                let state = self.state_by_words(&state.join(" "))?;
                Some((city.join(" "), Some(state.code.as_str())))
            })
            .unwrap_or_else(|| (words.join(" "), None));
        if city.chars().count() < 3 {
            return None;
        }
        let allowed = if city.chars().count() <= 5 { 1 } else { 2 };
        let mut best: Option<(usize, u64, &PlaceRow)> = None;
        for (name, indices) in &self.by_name {
            if name.chars().count().abs_diff(city.chars().count()) > allowed {
                continue;
            }
            let d = edit_distance(name, &city);
            if d > allowed {
                continue;
            }
            for p in indices.iter().map(|&i| &self.places[i]) {
                if state.is_some_and(|s| p.state != s) {
                    continue;
                }
                let better = best.is_none_or(|(bd, bp, _)| d < bd || (d == bd && p.population > bp));
                if better {
                    best = Some((d, p.population, p));
                }
            }
        }
        best.map(|(_, _, p)| format!("{}, {}", p.name, p.state))
    }

    /// The IANA time zone of the place nearest to `point`.
    pub fn time_zone_at(&self, point: Point) -> Option<&str> {
        self.nearest(point).map(|p| p.time_zone.as_str())
    }

    /// "Town, ST" of the place nearest to `point`.
    pub fn name_at(&self, point: Point) -> Option<String> {
        self.nearest(point).map(|p| format!("{}, {}", p.name, p.state))
    }

    /// The state of the place nearest to `point` (good enough inside the US; a point at sea
    /// gets the nearest coast's state).
    pub fn state_at(&self, point: Point) -> Option<&str> {
        self.nearest(point).map(|p| p.state.as_str())
    }

    /// The county (or parish, borough, independent city) `point` lies in: a place's or a
    /// ZIP code's county is the one its point is in.
    pub fn county_at(&self, point: Point) -> Option<&'static super::counties::County> {
        super::counties::Counties::builtin().at(point)
    }

    /// The county of a resolved place or ZIP code, in its own state.
    pub fn county_of(&self, place: &Place) -> Option<&'static super::counties::County> {
        super::counties::Counties::builtin().at_in(place.point, &place.state)
    }

    /// Every ZIP code with its place name, state and point.
    pub fn zips(&self) -> impl Iterator<Item = (&str, &str, &str, Point)> {
        self.zips
            .iter()
            .map(|(zip, (place, state, point))| (zip.as_str(), place.as_str(), state.as_str(), *point))
    }

    /// Every place with its state and population (for synthetic data shaped like the country).
    pub fn places(&self) -> impl Iterator<Item = (&str, &str, Point, u64)> {
        self.places
            .iter()
            .map(|p| (p.name.as_str(), p.state.as_str(), p.point, p.population))
    }

    /// The centre of the town nearest to `point`: a public place to stand in for a private one.
    /// Prefers a town of at least [`TOWN_POPULATION`] people within [`TOWN_REACH_KM`], so a
    /// rural safe house is not pinned to a hamlet of a few hundred.
    pub fn nearest_town(&self, point: Point) -> Option<Point> {
        let distance = point.planar_km();
        let town = self
            .places
            .iter()
            .filter(|p| p.population >= TOWN_POPULATION)
            .map(|p| (distance(p.point.lat, p.point.lon), p))
            .filter(|(d, _)| *d <= TOWN_REACH_KM)
            .min_by(|a, b| a.0.total_cmp(&b.0));
        town.map(|(_, p)| p.point)
            .or_else(|| self.nearest(point).map(|p| p.point))
    }

    /// Every state (and DC) as (code, name), by name.
    pub fn states(&self) -> Vec<(&str, &str)> {
        let mut states: Vec<(&str, &str)> = self
            .states
            .iter()
            .map(|s| (s.code.as_str(), s.name.as_str()))
            .collect();
        states.sort_by_key(|s| s.1);
        states
    }

    /// The time zone most of a state's people live in.
    pub fn state_time_zone(&self, code: &str) -> Option<&str> {
        self.states
            .iter()
            .find(|s| s.code == code)
            .map(|s| s.time_zone.as_str())
    }

    fn population_of(&self, place: &Place) -> u64 {
        self.places
            .iter()
            .filter(|p| p.state == place.state && p.point == place.point)
            .map(|p| p.population)
            .max()
            .unwrap_or(0)
    }

    fn state_by_words(&self, words: &str) -> Option<&State> {
        self.states
            .iter()
            .find(|s| s.code.eq_ignore_ascii_case(words) || normalise(&s.name) == words)
    }

    fn best_place(&self, name: &str, state: Option<&str>) -> Option<Place> {
        // GeoNames calls some cities "New York City"; people type "New York".
        let with_city = format!("{name} city");
        let p = [name, with_city.as_str()]
            .iter()
            .filter_map(|n| self.by_name.get(*n))
            .flatten()
            .map(|&i| &self.places[i])
            .filter(|p| state.is_none_or(|s| p.state == s))
            .max_by_key(|p| p.population)?;
        Some(Place {
            label: format!("{}, {}", p.name, p.state),
            point: p.point,
            state: p.state.clone(),
        })
    }

    fn nearest(&self, point: Point) -> Option<&PlaceRow> {
        let (cx, cy) = cell(point);
        let distance = point.planar_km();
        // Widen the search ring until something is found (rural Alaska has sparse places).
        for ring in 1..=20 {
            let best = (cx - ring..=cx + ring)
                .flat_map(|x| (cy - ring..=cy + ring).map(move |y| (x, y)))
                .filter_map(|c| self.grid.get(&c))
                .flatten()
                .map(|&i| &self.places[i])
                .min_by(|a, b| {
                    distance(a.point.lat, a.point.lon).total_cmp(&distance(b.point.lat, b.point.lon))
                });
            if best.is_some() {
                return best;
            }
        }
        None
    }
}

fn rows(csv: &str) -> impl Iterator<Item = Vec<&str>> {
    csv.lines()
        .skip(1)
        .map(|l| l.trim_end_matches('\r').split(',').collect())
}

fn point(lat: &str, lon: &str) -> Option<Point> {
    Point::new(lat.parse().ok()?, lon.parse().ok()?)
}

fn cell(p: Point) -> (i32, i32) {
    ((p.lat / CELL).floor() as i32, (p.lon / CELL).floor() as i32)
}

/// Typing slips between `a` and `b`: insertions, deletions, substitutions and swaps of two
/// neighbouring letters (optimal string alignment distance).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

/// Lower case, accents folded, punctuation to spaces, "st." to "saint", single spaces.
fn normalise(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'Á' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'Í' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' => 'u',
            'ñ' | 'Ñ' => 'n',
            c if c.is_alphanumeric() => c.to_ascii_lowercase(),
            _ => ' ',
        })
        .collect();
    folded
        .split_whitespace()
        .map(|w| if w == "st" { "saint" } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> &'static Gazetteer {
        Gazetteer::builtin()
    }

    #[test]
    fn a_misspelt_place_gets_the_likeliest_one_meant() {
        assert!(g().resolve("Huston, TX").is_err());
        assert_eq!(g().suggest("Huston, TX").as_deref(), Some("Houston, TX"));
        assert_eq!(
            g().suggest("huoston tx").as_deref(),
            Some("Houston, TX"),
            "two letters swapped"
        );
        assert_eq!(
            g().suggest("San Antono, Texas").as_deref(),
            Some("San Antonio, TX")
        );
        assert_eq!(
            g().suggest("Chicgo").as_deref(),
            Some("Chicago, IL"),
            "no state: the biggest"
        );
        assert_eq!(g().suggest("Qwzxv, TX"), None, "nothing close");
        assert_eq!(g().suggest("ab"), None);
        assert_eq!(super::edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn the_shipped_tables_are_complete() {
        assert!(g().zips.len() > 40_000, "{}", g().zips.len());
        assert!(g().places.len() > 20_000);
        assert!(g().states.len() >= 51);
    }

    #[test]
    fn resolves_city_and_state_in_the_ways_people_type_them() {
        for typed in [
            "Houston, TX",
            "houston tx",
            "Houston, Texas",
            "HOUSTON",
            " Houston ,  TX ",
        ] {
            let p = g().resolve(typed).unwrap_or_else(|e| panic!("{typed}: {e}"));
            assert_eq!(p.state, "TX", "{typed}");
            assert!(
                p.point.distance_km(Point {
                    lat: 29.76,
                    lon: -95.37
                }) < 25.0,
                "{typed}"
            );
        }
        let ny = g().resolve("New York, NY").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ny.state, "NY");
    }

    #[test]
    fn resolves_zip_codes_and_refuses_unknown_ones() {
        let p = g().resolve("77002").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.state, "TX");
        assert!(g().resolve("98101-1234").is_ok());
        assert_eq!(g().resolve("00000"), Err(PlaceError::UnknownZip("00000".into())));
        assert!(matches!(
            g().resolve("Atlantis, ZZ"),
            Err(PlaceError::UnknownPlace(_))
        ));
        assert_eq!(g().resolve("  "), Err(PlaceError::Empty));
    }

    #[test]
    fn a_state_alone_resolves_to_its_centre_unless_a_big_city_has_its_name() {
        let p = g().resolve("Texas").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.state, "TX");
        let ny = g().resolve("New York").unwrap_or_else(|e| panic!("{e}"));
        assert!(
            ny.point.distance_km(Point {
                lat: 40.71,
                lon: -74.0
            }) < 15.0,
            "{ny:?}"
        );
    }

    #[test]
    fn points_know_their_time_zone_and_state() {
        let houston = Point {
            lat: 29.76,
            lon: -95.37,
        };
        assert_eq!(g().time_zone_at(houston), Some("America/Chicago"));
        assert_eq!(g().state_at(houston), Some("TX"));
        let seattle = Point {
            lat: 47.61,
            lon: -122.33,
        };
        assert_eq!(g().time_zone_at(seattle), Some("America/Los_Angeles"));
    }
}
