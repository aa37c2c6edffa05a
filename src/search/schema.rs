//! The index schema. What is stored is the public listing only (a confidential listing has
//! no office by construction); coordinates are those of public offices and of service-area
//! circles, never of a confidential location.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use super::analysis::{ENGLISH, SPANISH};

/// Flag values in the `flag` field.
pub mod flag {
    /// Walk-ins welcome.
    pub const WALK_IN: &str = "walk_in";
    /// Open around the clock.
    pub const OPEN_24_7: &str = "open_24_7";
    /// Costs nothing.
    pub const FREE: &str = "free";
    /// Reported full (no openings) at its last capacity update.
    pub const FULL: &str = "full";
    /// Publishes opening hours.
    pub const HOURS: &str = "hours";
    /// Not active (closed, temporarily closed).
    pub const INACTIVE: &str = "inactive";
    /// Serves an area drawn as a polygon (see `shapes`).
    pub const SHAPE: &str = "shape";
}

/// Bits of the `access` column: what stands between a person and the service now (read by
/// [`ranking::access`](super::ranking::access)).
pub mod access {
    /// It has conditions (sobriety, ID, program participation …).
    pub const CONDITIONAL: u64 = 1;
    /// It reported no openings at its last capacity update.
    pub const FULL: u64 = 2;
    /// It reported openings at its last capacity update.
    pub const SPACE: u64 = 4;
}

/// Stand-in coordinates for "no office" / "no circle": the South Pole, far from any search.
pub const NOWHERE: crate::geo::Point = crate::geo::Point { lat: -90.0, lon: 0.0 };

/// The `gender` value of a service that names no gender (it serves everyone).
pub const ANY_GENDER: &str = "any";

/// The `cond` value of a service with no conditions.
pub const NO_CONDITIONS: &str = "none";

/// Handles to every field.
#[derive(Clone, Debug)]
pub struct Fields {
    /// HSDS service id.
    pub id: Field,
    /// Name, English analysis.
    pub name_en: Field,
    /// Name, Spanish analysis.
    pub name_es: Field,
    /// Organisation, description, eligibility; English analysis.
    pub body_en: Field,
    /// Same text, Spanish analysis.
    pub body_es: Field,
    /// Need codes.
    pub need: Field,
    /// Condition codes, or [`NO_CONDITIONS`].
    pub cond: Field,
    /// Flags, see [`flag`].
    pub flag: Field,
    /// Staff languages.
    pub lang: Field,
    /// `US` (national) and `US-XX` (whole states).
    pub area: Field,
    /// Youngest age served (0 when open).
    pub age_min: Field,
    /// Oldest age served (200 when open).
    pub age_max: Field,
    /// Grid cells of the office at two sizes (see [`cells`]): the fast pre-filter by place.
    pub cell: Field,
    /// Grid cells a service area's box overlaps, circle or drawn shape (see [`cells`]).
    pub area_cell: Field,
    /// Each need served joined with each place term above (`cell`, `area_cell`, `area`;
    /// see [`need_place`]): a need tile near a place reads only its own short posting lists
    /// instead of intersecting the need's with the place's, which at 100k listings were
    /// the search's largest cost.
    pub need_place: Field,
    /// Office latitude.
    pub lat: Field,
    /// Office longitude.
    pub lon: Field,
    /// Service-area circles, each packed in one number (see [`pack_circle`]).
    pub circles: Field,
    /// Its other offices (beyond `lat`/`lon`), each packed as a circle of radius 0.
    pub other_offices: Field,
    /// How widely it serves: 0 local, 1 whole states, 2 the whole country.
    pub breadth: Field,
    /// Verification date as days since 1970-01-01 (-100000 when unknown).
    pub verified_day: Field,
    /// IANA time zone of the hours.
    pub tz: Field,
    /// Hours: `start << 16 | end`, minutes of the local week.
    pub hours: Field,
    /// Closures: `first day << 32 | last day`, days since 1970-01-01.
    pub closed: Field,
    /// Access bits, see [`access`].
    pub access: Field,
    /// Gender codes served (`domain::gender`), or [`ANY_GENDER`].
    pub gender: Field,
    /// The listing as JSON.
    pub doc: Field,
}

/// Grid sizes in degrees: fine cells for city searches, coarse ones for wide radiuses.
pub const CELL_SIZES: [f64; 2] = [0.25, 2.0];

/// The cell term of a point at one grid size.
pub fn cell(level: usize, lat: f64, lon: f64) -> String {
    let size = CELL_SIZES[level];
    format!(
        "{level}:{}:{}",
        (lat / size).floor() as i32,
        (lon / size).floor() as i32
    )
}

/// The `need_place` term of a need and a place term of `field` (`cell`, `area_cell` or
/// `area`).
pub fn need_place(need: &str, field: &str, place: &str) -> String {
    format!("{need} {field} {place}")
}

/// The cell terms covering a latitude/longitude box, at the finest grid that needs at most
/// `most` cells.
pub fn cells(lat0: f64, lat1: f64, lon0: f64, lon1: f64, most: usize) -> Vec<String> {
    let level = CELL_SIZES
        .iter()
        .position(|size| {
            let rows = ((lat1 / size).floor() - (lat0 / size).floor() + 1.0) as usize;
            let cols = ((lon1 / size).floor() - (lon0 / size).floor() + 1.0) as usize;
            rows * cols <= most
        })
        .unwrap_or(CELL_SIZES.len() - 1);
    let size = CELL_SIZES[level];
    let mut out = Vec::new();
    let (r0, r1) = ((lat0 / size).floor() as i32, (lat1 / size).floor() as i32);
    let (c0, c1) = ((lon0 / size).floor() as i32, (lon1 / size).floor() as i32);
    for r in r0..=r1 {
        for c in c0..=c1 {
            out.push(format!("{level}:{r}:{c}"));
        }
    }
    out
}

/// A circle in one number: latitude and longitude to 1e-4° (about 11 m) and radius to
/// 0.1 km, as `lat << 37 | lon << 15 | km` (21 + 22 + 15 bits). One multi-valued column
/// then holds any number of circles per service, each read whole.
pub fn pack_circle(lat: f64, lon: f64, km: f64) -> u64 {
    let lat = ((lat + 90.0) * 1e4).round().clamp(0.0, 1_800_000.0) as u64;
    let lon = ((lon + 180.0) * 1e4).round().clamp(0.0, 3_600_000.0) as u64;
    let km = (km * 10.0).round().clamp(0.0, 32_767.0) as u64;
    (lat << 37) | (lon << 15) | km
}

/// An opening in one number: `start << 16 | end`, minutes of the local week.
pub fn pack_hours(i: crate::domain::Interval) -> u64 {
    (u64::from(i.start) << 16) | u64::from(i.end)
}

/// The opening of a packed number.
pub fn unpack_hours(packed: u64) -> crate::domain::Interval {
    crate::domain::Interval {
        start: (packed >> 16) as u32,
        end: (packed & 0xffff) as u32,
    }
}

/// The latitude, longitude and radius of a packed circle.
pub fn unpack_circle(packed: u64) -> (f64, f64, f64) {
    let lat = (packed >> 37) as f64 / 1e4 - 90.0;
    let lon = ((packed >> 15) & 0x3f_ffff) as f64 / 1e4 - 180.0;
    let km = (packed & 0x7fff) as f64 / 10.0;
    (lat, lon, km)
}

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        name_en: b.add_text_field("name_en", text(ENGLISH)),
        name_es: b.add_text_field("name_es", text(SPANISH)),
        body_en: b.add_text_field("body_en", text(ENGLISH)),
        body_es: b.add_text_field("body_es", text(SPANISH)),
        need: b.add_text_field("need", STRING | FAST),
        cond: b.add_text_field("cond", STRING),
        flag: b.add_text_field("flag", STRING),
        lang: b.add_text_field("lang", STRING),
        area: b.add_text_field("area", STRING),
        age_min: b.add_u64_field("age_min", INDEXED | FAST),
        age_max: b.add_u64_field("age_max", INDEXED | FAST),
        cell: b.add_text_field("cell", STRING),
        area_cell: b.add_text_field("area_cell", STRING),
        need_place: b.add_text_field("need_place", STRING),
        lat: b.add_f64_field("lat", FAST),
        lon: b.add_f64_field("lon", FAST),
        circles: b.add_u64_field("circles", FAST),
        other_offices: b.add_u64_field("other_offices", FAST),
        breadth: b.add_u64_field("breadth", FAST),
        verified_day: b.add_i64_field("verified_day", FAST),
        tz: b.add_text_field("tz", STRING | FAST),
        hours: b.add_u64_field("hours", FAST),
        closed: b.add_u64_field("closed", FAST),
        access: b.add_u64_field("access", FAST),
        gender: b.add_text_field("gender", STRING),
        doc: b.add_bytes_field("doc", STORED),
    };
    (b.build(), fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circles_pack_and_unpack() {
        for (lat, lon, km) in [
            (29.7604, -95.3698, 60.0),
            (-89.9, 179.9999, 2000.0),
            (47.6, -122.3, 0.1),
        ] {
            let (a, b, c) = unpack_circle(pack_circle(lat, lon, km));
            assert!(
                (a - lat).abs() < 1e-4 && (b - lon).abs() < 1e-4 && (c - km).abs() < 0.051,
                "{a} {b} {c}"
            );
        }
    }

    #[test]
    fn a_small_box_uses_fine_cells_and_a_wide_one_coarse_cells() {
        // About 40 km around Houston: 4 by 4 cells of a quarter degree.
        let fine = cells(29.4, 30.1, -95.8, -94.9, 36);
        assert!(fine.iter().all(|c| c.starts_with("0:")), "{fine:?}");
        assert!(fine.contains(&cell(0, 29.76, -95.37)));
        assert!(fine.len() <= 36);
        // Two degrees each way needs more than 36 fine cells: the coarse grid is used.
        let coarse = cells(29.0, 31.0, -96.0, -94.0, 36);
        assert!(coarse.iter().all(|c| c.starts_with("1:")), "{coarse:?}");
        assert!(coarse.contains(&cell(1, 30.5, -95.0)));
        assert!(!coarse.contains(&cell(1, 33.0, -95.0)));
    }

    #[test]
    fn cells_split_on_whole_multiples_of_their_size_including_below_zero() {
        assert_eq!(cell(0, 0.1, 0.1), "0:0:0");
        assert_eq!(cell(0, -0.1, -0.1), "0:-1:-1");
        assert_eq!(cell(0, 29.76, -95.37), "0:119:-382");
        assert_eq!(cell(1, 29.76, -95.37), "1:14:-48");
    }

    #[test]
    fn hours_pack_and_unpack() {
        let i = crate::domain::Interval {
            start: 9 * 60,
            end: crate::domain::hours::WEEK,
        };
        assert_eq!(unpack_hours(pack_hours(i)), i);
    }
}
