//! Places and distances: the offline gazetteer, service areas and great-circle distance.
//! Pure data and arithmetic; a remote geocoder, when one is added, sits behind a trait here.

pub mod counties;
pub mod gazetteer;
pub mod shape;

use serde::{Deserialize, Serialize};

pub use counties::{Counties, County};
pub use gazetteer::{Gazetteer, Place, PlaceError};
pub use shape::Shape;

/// Mean Earth radius in kilometres (the haversine's sphere).
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// A point on Earth in degrees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

impl Point {
    /// A point, if the coordinates are on Earth.
    pub fn new(lat: f64, lon: f64) -> Option<Point> {
        ((-90.0..=90.0).contains(&lat)
            && (-180.0..=180.0).contains(&lon)
            && lat.is_finite()
            && lon.is_finite())
        .then_some(Point { lat, lon })
    }

    /// Great-circle distance in kilometres (haversine; a few metres off at city scale,
    /// which is far below what a survivor choosing a service cares about).
    pub fn distance_km(self, other: Point) -> f64 {
        let (lat1, lat2) = (self.lat.to_radians(), other.lat.to_radians());
        let dlat = lat2 - lat1;
        let dlon = (other.lon - self.lon).to_radians();
        let a = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_KM * a.sqrt().asin()
    }

    /// A fast planar (equirectangular) distance in km, for filtering and ranking many
    /// candidates around this point: within 0.5% of the great-circle distance up to a few
    /// hundred kilometres, which is what a radius search covers. Show [`Point::distance_km`].
    pub fn planar_km(self) -> impl Fn(f64, f64) -> f64 {
        let (lat, lon) = (self.lat, self.lon);
        let km_per_degree = EARTH_RADIUS_KM.to_radians();
        let cos = lat.to_radians().cos();
        move |other_lat, other_lon| {
            let dlat = other_lat - lat;
            // The cosine at the mid-latitude would be exact-er; the searcher's latitude is
            // close enough at these distances and costs nothing per candidate.
            let mut dlon = other_lon - lon;
            if dlon > 180.0 {
                dlon -= 360.0;
            } else if dlon < -180.0 {
                dlon += 360.0;
            }
            km_per_degree * (dlat * dlat + (dlon * cos) * (dlon * cos)).sqrt()
        }
    }

    /// A latitude/longitude box containing every point within `km` (for index pre-filters).
    pub fn bounding_box(self, km: f64) -> (f64, f64, f64, f64) {
        let dlat = (km / EARTH_RADIUS_KM).to_degrees();
        let cos = self.lat.to_radians().cos().max(0.01);
        let dlon = (km / (EARTH_RADIUS_KM * cos)).to_degrees().min(180.0);
        (self.lat - dlat, self.lat + dlat, self.lon - dlon, self.lon + dlon)
    }
}

/// A circle a service reaches.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Circle {
    /// Centre.
    pub center: Point,
    /// Radius in kilometres.
    pub km: f64,
}

/// Where a service reaches beyond its office: the whole country, whole states, or circles.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ServiceArea {
    /// Serves the whole United States.
    pub national: bool,
    /// Serves these whole states (two-letter codes).
    pub states: Vec<String>,
    /// Serves these circles.
    pub circles: Vec<Circle>,
    /// Serves these drawn areas (GeoJSON polygons).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shapes: Vec<Shape>,
}

impl ServiceArea {
    /// Whether the area reaches this point (in `state`, when known).
    pub fn covers(&self, point: Point, state: Option<&str>) -> bool {
        self.national
            || state.is_some_and(|s| self.states.iter().any(|a| a == s))
            || self.circles.iter().any(|c| c.center.distance_km(point) <= c.km)
            || self.shapes.iter().any(|s| s.contains(point))
    }

    /// Nothing is stated beyond the office.
    pub fn is_empty(&self) -> bool {
        !self.national && self.states.is_empty() && self.circles.is_empty() && self.shapes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(lat: f64, lon: f64) -> Point {
        Point { lat, lon }
    }

    #[test]
    fn houston_to_dallas_is_about_360_km() {
        let d = p(29.7604, -95.3698).distance_km(p(32.7767, -96.7970));
        assert!((355.0..365.0).contains(&d), "{d}");
    }

    #[test]
    fn the_planar_distance_is_close_to_the_great_circle_at_search_scale() {
        let houston = p(29.7604, -95.3698);
        let planar = houston.planar_km();
        for q in [p(29.9, -95.1), p(30.1, -95.8), p(29.3, -95.0), p(31.0, -96.5)] {
            let (exact, fast) = (houston.distance_km(q), planar(q.lat, q.lon));
            assert!((exact - fast).abs() / exact < 0.005, "{exact} vs {fast}");
        }
        assert!(planar(-90.0, 0.0) > 10_000.0, "the stand-in point is never near");
    }

    #[test]
    fn invalid_coordinates_are_refused() {
        assert!(Point::new(91.0, 0.0).is_none());
        assert!(Point::new(0.0, f64::NAN).is_none());
        assert!(Point::new(29.0, -95.0).is_some());
    }

    #[test]
    fn areas_cover_by_country_state_or_circle() {
        let houston = p(29.7604, -95.3698);
        let circle = ServiceArea {
            circles: vec![Circle {
                center: p(29.7, -95.4),
                km: 30.0,
            }],
            ..Default::default()
        };
        assert!(circle.covers(houston, None));
        assert!(
            !circle.covers(p(30.27, -97.74), Some("TX")),
            "Austin is outside the circle"
        );
        let texas = ServiceArea {
            states: vec!["TX".into()],
            ..Default::default()
        };
        assert!(texas.covers(p(30.27, -97.74), Some("TX")));
        assert!(!texas.covers(p(34.05, -118.24), Some("CA")));
        assert!(
            ServiceArea {
                national: true,
                ..Default::default()
            }
            .covers(houston, None)
        );
    }

    #[test]
    fn bounding_box_contains_the_circle() {
        let c = p(47.6, -122.3);
        let (lat0, lat1, lon0, lon1) = c.bounding_box(40.0);
        for q in [p(lat0 + 0.001, c.lon), p(c.lat, lon1 - 0.001)] {
            assert!(c.distance_km(q) < 40.5);
        }
        assert!(lat0 < lat1 && lon0 < lon1);
    }
}
