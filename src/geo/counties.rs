//! US counties and county-equivalents (parishes, boroughs, independent cities): their outlines
//! from the Census Bureau's cartographic boundaries, built into the binary
//! (`directory/geography/counties.txt`, made by `scripts/counties.sh`), and which county a
//! point lies in. Coverage and the unmet-need tables count by county (issue 13).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::Point;

const COUNTIES_TXT: &str = include_str!("../../directory/geography/counties.txt");

/// Grid cell size in degrees for finding the counties near a point.
const CELL: f64 = 1.0;
/// How far outside every outline a point may be and still count as in the nearest county:
/// the outlines are simplified, so a town on a coast or a river can fall just outside.
const SHORE_KM: f64 = 8.0;
/// How far a point known to be in a state (a gazetteer place, a ZIP code) may be from that
/// state's nearest county: a PO-box ZIP's point out in a lake, an island the simplified
/// outlines dropped (Monhegan, ME).
const OFFSHORE_KM: f64 = 40.0;

/// A county or county-equivalent.
#[derive(Clone, Debug, PartialEq)]
pub struct County {
    /// Five-digit FIPS code ("48201").
    pub fips: String,
    /// Two-letter state code.
    pub state: String,
    /// Its name as the Census writes it ("Harris County", "East Baton Rouge Parish",
    /// "Richmond city").
    pub name: String,
    /// Its rings, as (lon, lat): outer rings and holes alike, counted by even-odd.
    pub rings: Vec<Vec<(f64, f64)>>,
    /// (south, north, west, east).
    pub bbox: (f64, f64, f64, f64),
}

impl County {
    /// Whether `point` lies inside (even-odd over every ring: a hole's point is outside).
    pub fn contains(&self, point: Point) -> bool {
        let (s, n, w, e) = self.bbox;
        if point.lat < s || point.lat > n || point.lon < w || point.lon > e {
            return false;
        }
        let (x, y) = (point.lon, point.lat);
        let mut inside = false;
        for ring in &self.rings {
            for pair in ring.windows(2) {
                let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
                if (y0 > y) != (y1 > y) && x < x0 + (y - y0) / (y1 - y0) * (x1 - x0) {
                    inside = !inside;
                }
            }
        }
        inside
    }

    /// Roughly how far `point` is from the outline, in km (0 inside).
    pub fn distance_km(&self, point: Point) -> f64 {
        if self.contains(point) {
            return 0.0;
        }
        let k = point.lat.to_radians().cos();
        let mut best = f64::INFINITY;
        for ring in &self.rings {
            for pair in ring.windows(2) {
                best = best.min(segment_distance_deg(point, pair[0], pair[1], k));
            }
        }
        best * 111.2
    }

    /// A point inside-ish: the middle of its box (for labels and distances from afar).
    pub fn centre(&self) -> Point {
        let (s, n, w, e) = self.bbox;
        Point {
            lat: (s + n) / 2.0,
            lon: (w + e) / 2.0,
        }
    }
}

/// Distance in degrees of latitude from `p` to the segment a–b, longitudes scaled by `k`.
fn segment_distance_deg(p: Point, a: (f64, f64), b: (f64, f64), k: f64) -> f64 {
    let (px, py) = (p.lon * k, p.lat);
    let (ax, ay, bx, by) = (a.0 * k, a.1, b.0 * k, b.1);
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((px - ax) * dx + (py - ay) * dy) / len2).clamp(0.0, 1.0)
    };
    ((px - ax - t * dx).powi(2) + (py - ay - t * dy).powi(2)).sqrt()
}

/// Every county, and a grid to find the ones near a point.
pub struct Counties {
    list: Vec<County>,
    by_fips: HashMap<String, usize>,
    grid: HashMap<(i32, i32), Vec<usize>>,
}

impl std::fmt::Debug for Counties {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Counties({})", self.list.len())
    }
}

fn cell(lat: f64, lon: f64) -> (i32, i32) {
    ((lat / CELL).floor() as i32, (lon / CELL).floor() as i32)
}

impl Counties {
    /// The counties built into the binary (parsed once, on first use).
    pub fn builtin() -> &'static Counties {
        static BUILTIN: OnceLock<Counties> = OnceLock::new();
        // The file is built in and a test parses it: an error here cannot ship.
        BUILTIN.get_or_init(|| {
            Counties::parse(COUNTIES_TXT).unwrap_or(Counties {
                list: Vec::new(),
                by_fips: HashMap::new(),
                grid: HashMap::new(),
            })
        })
    }

    /// Reads the format `scripts/counties.sh` writes.
    pub fn parse(text: &str) -> Result<Counties, String> {
        let mut lines = text.lines();
        let header = lines.next().ok_or("empty county file")?;
        let numbers: Vec<f64> = header
            .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == 'e'))
            .filter_map(|t| t.parse().ok())
            .collect();
        let [sx, tx, sy, ty] = numbers[..] else {
            return Err(format!("the header {header:?} holds no grid transform"));
        };
        let mut list = Vec::new();
        for (i, line) in lines.enumerate() {
            let cells: Vec<&str> = line.split('\t').collect();
            let [fips, state, name, geometry] = cells[..] else {
                return Err(format!("line {}: expected four tab-separated fields", i + 2));
            };
            let mut rings = Vec::new();
            let mut bbox = (f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY);
            for text in geometry.split(';') {
                let (mut x, mut y) = (0i64, 0i64);
                let mut ring = Vec::new();
                for (j, step) in text.split(' ').enumerate() {
                    let (a, b) = step
                        .split_once(',')
                        .and_then(|(a, b)| Some((a.parse::<i64>().ok()?, b.parse::<i64>().ok()?)))
                        .ok_or_else(|| format!("line {}: bad point {step:?}", i + 2))?;
                    (x, y) = if j == 0 { (a, b) } else { (x + a, y + b) };
                    let (lon, lat) = (x as f64 * sx + tx, y as f64 * sy + ty);
                    bbox = (bbox.0.min(lat), bbox.1.max(lat), bbox.2.min(lon), bbox.3.max(lon));
                    ring.push((lon, lat));
                }
                rings.push(ring);
            }
            list.push(County {
                fips: fips.to_owned(),
                state: state.to_owned(),
                name: name.to_owned(),
                rings,
                bbox,
            });
        }
        let mut grid: HashMap<(i32, i32), Vec<usize>> = HashMap::new();
        for (i, c) in list.iter().enumerate() {
            let (lo, hi) = (cell(c.bbox.0, c.bbox.2), cell(c.bbox.1, c.bbox.3));
            for a in lo.0..=hi.0 {
                for b in lo.1..=hi.1 {
                    grid.entry((a, b)).or_default().push(i);
                }
            }
        }
        let by_fips = list
            .iter()
            .enumerate()
            .map(|(i, c)| (c.fips.clone(), i))
            .collect();
        Ok(Counties { list, by_fips, grid })
    }

    /// The county `point` lies in; else, within [`SHORE_KM`] of outlines that simplified a
    /// shore away, the nearest; else none (at sea, abroad).
    pub fn at(&self, point: Point) -> Option<&County> {
        let (a, b) = cell(point.lat, point.lon);
        let near = |da: i32, db: i32| self.grid.get(&(a + da, b + db)).into_iter().flatten();
        if let Some(&i) = near(0, 0).find(|&&i| self.list[i].contains(point)) {
            return Some(&self.list[i]);
        }
        let around = (-1..=1).flat_map(|da| (-1..=1).map(move |db| (da, db)));
        around
            .flat_map(|(da, db)| near(da, db))
            .map(|&i| (self.list[i].distance_km(point), i))
            .filter(|(d, _)| *d <= SHORE_KM)
            .min_by(|x, y| x.0.total_cmp(&y.0))
            .map(|(_, i)| &self.list[i])
    }

    /// The county of `point` in `state`: as [`Counties::at`], but a point the simplified
    /// outlines put across a state line (a town on a border river) or out at sea gets its
    /// own state's nearest county within [`OFFSHORE_KM`].
    pub fn at_in(&self, point: Point, state: &str) -> Option<&County> {
        let found = self.at(point);
        if found.is_some_and(|c| c.state == state) {
            return found;
        }
        let (a, b) = cell(point.lat, point.lon);
        let mut near: Vec<usize> = (-1..=1)
            .flat_map(|da| (-1..=1).map(move |db| (a + da, b + db)))
            .flat_map(|key| self.grid.get(&key).into_iter().flatten().copied())
            .collect();
        near.sort_unstable();
        near.dedup();
        near.into_iter()
            .map(|i| &self.list[i])
            .filter(|c| c.state == state)
            .map(|c| (c.distance_km(point), c))
            .filter(|(d, _)| *d <= OFFSHORE_KM)
            .min_by(|x, y| x.0.total_cmp(&y.0))
            .map(|(_, c)| c)
            .or(found)
    }

    /// The county with this FIPS code.
    pub fn get(&self, fips: &str) -> Option<&County> {
        self.by_fips.get(fips).map(|&i| &self.list[i])
    }

    /// A state's counties, by FIPS code.
    pub fn in_state<'a>(&'a self, state: &'a str) -> impl Iterator<Item = &'a County> + 'a {
        self.list.iter().filter(move |c| c.state == state)
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_file_holds_every_county_and_equivalent() {
        let c = Counties::builtin();
        assert!(c.len() > 3200, "{}", c.len());
        assert_eq!(c.get("48201").unwrap().name, "Harris County");
        assert_eq!(c.in_state("DE").count(), 3);
        assert_eq!(c.in_state("LA").count(), 64, "Louisiana's parishes");
    }

    /// Places and ZIP codes of the gazetteer know their county, independent cities and
    /// parishes included.
    #[test]
    fn places_and_zip_codes_know_their_county() {
        let g = crate::geo::Gazetteer::builtin();
        let county = |typed: &str| {
            let place = g.resolve(typed).unwrap();
            let c = g.county_of(&place).unwrap();
            (c.fips.as_str(), c.name.as_str())
        };
        assert_eq!(county("Houston, TX"), ("48201", "Harris County"));
        assert_eq!(county("Baton Rouge, LA"), ("22033", "East Baton Rouge Parish"));
        assert_eq!(county("70112"), ("22071", "Orleans Parish"));
        assert_eq!(
            county("Richmond, VA"),
            ("51760", "Richmond city"),
            "an independent city"
        );
        assert_eq!(county("St. Louis, MO"), ("29510", "St. Louis city"));
        assert_eq!(county("Baltimore, MD"), ("24510", "Baltimore city"));
        assert_eq!(county("Marfa, TX"), ("48377", "Presidio County"));
        assert_eq!(county("Presque Isle, ME"), ("23003", "Aroostook County"));
        assert_eq!(county("Anchorage, AK").0, "02020");
        assert_eq!(county("Honolulu, HI").0, "15003");
        assert_eq!(county("10001"), ("36061", "New York County"), "Manhattan");
        assert_eq!(county("Brooklyn, NY").0, "36047");
    }

    /// Every place and ZIP code of the fifty states and DC falls in a county of its own state
    /// (a few on simplified shores reach the nearest within a few kilometres).
    #[test]
    fn every_place_and_zip_code_of_the_states_has_a_county_in_its_state() {
        let g = crate::geo::Gazetteer::builtin();
        let mut wrong = Vec::new();
        let mut checked = 0;
        let points = g
            .places()
            .map(|(name, state, point, _)| (name.to_owned(), state, point))
            .chain(
                g.zips()
                    .map(|(zip, _, state, point)| (zip.to_owned(), state, point)),
            );
        for (name, state, point) in points {
            // Territories and military post offices are not the states; Wake Island (an
            // atoll filed under Hawaii's ZIP codes) is in no county.
            let beyond = ["AS", "GU", "MP", "PR", "VI", "AA", "AE", "AP", "FM", "MH", "PW"];
            if beyond.contains(&state) || point.lon > 0.0 {
                continue;
            }
            checked += 1;
            match Counties::builtin().at_in(point, state) {
                Some(c) if c.state == state => {}
                other => wrong.push(format!("{name}, {state}: {:?}", other.map(|c| &c.name))),
            }
        }
        assert!(
            wrong.is_empty(),
            "{} of {checked}: {:?}",
            wrong.len(),
            &wrong[..wrong.len().min(20)]
        );
    }

    #[test]
    fn a_point_in_a_hole_is_outside_and_a_point_at_sea_in_none() {
        // A square with a square hole, on the grid of a one-degree transform.
        let text = "# grid: lon = x * 1.0 + 0.0, lat = y * 1.0 + 0.0\n\
                    00001\tXX\tRing County\t0,0 10,0 0,10 -10,0 0,-10;4,4 2,0 0,2 -2,0 0,-2\n";
        let c = Counties::parse(text).unwrap();
        let at = |lat, lon| c.at(Point { lat, lon }).map(|c| c.fips.clone());
        assert_eq!(at(1.0, 1.0).as_deref(), Some("00001"));
        assert!(!c.get("00001").unwrap().contains(Point { lat: 5.0, lon: 5.0 }));
        assert_eq!(at(30.0, 30.0), None);
        assert!(Counties::parse("# no grid\n").is_err());
    }
}
