//! Service areas drawn as GeoJSON polygons (HSDS `extent_type` `geojson`): read with the
//! `geojson` crate, checked, kept as plain rings, and tested with `geo::Contains`.
//!
//! A shape is refused, never trimmed, when it is not a Polygon or MultiPolygon (or a Feature
//! or FeatureCollection of them), when a ring is open, too short or off Earth, when it holds
//! more than [`MAX_POSITIONS`] positions, or when its box is wider than [`MAX_SPAN_DEGREES`]:
//! a whole country or state is `US` or `US-TX`, and a shape that size is a drawing mistake
//! that would put one service in every search.

use geo::Contains;
use serde::{Deserialize, Serialize};

use super::Point;

/// Most positions in one area (a detailed county outline has a few thousand).
pub const MAX_POSITIONS: usize = 10_000;
/// Widest box an area may span, in degrees of latitude or longitude.
pub const MAX_SPAN_DEGREES: f64 = 25.0;

/// An area as drawn: polygons, each an outer ring then its holes, each ring's positions
/// `[longitude, latitude]` as GeoJSON writes them, closed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shape {
    /// The polygons.
    pub polygons: Vec<Vec<Vec<[f64; 2]>>>,
}

impl Shape {
    /// Reads a GeoJSON text; the error says what is wrong in words, never quoting the text.
    pub fn from_geojson(text: &str) -> Result<Shape, String> {
        let parsed: geojson::GeoJson = text
            .parse()
            .map_err(|_| "not GeoJSON (a Polygon or MultiPolygon is expected)".to_owned())?;
        let geometries: Vec<geojson::Geometry> = match parsed {
            geojson::GeoJson::Geometry(g) => vec![g],
            geojson::GeoJson::Feature(f) => f.geometry.into_iter().collect(),
            geojson::GeoJson::FeatureCollection(c) => {
                c.features.into_iter().filter_map(|f| f.geometry).collect()
            }
        };
        let mut polygons = Vec::new();
        for g in geometries {
            match g.value {
                geojson::GeometryValue::Polygon { coordinates } => polygons.push(coordinates),
                geojson::GeometryValue::MultiPolygon { coordinates } => polygons.extend(coordinates),
                other => {
                    return Err(format!(
                        "a GeoJSON {} is not an area: draw a Polygon or MultiPolygon",
                        other.type_name()
                    ));
                }
            }
        }
        if polygons.is_empty() {
            return Err("the GeoJSON holds no Polygon or MultiPolygon".into());
        }
        let mut shape = Shape {
            polygons: Vec::with_capacity(polygons.len()),
        };
        let mut positions = 0;
        for (i, rings) in polygons.iter().enumerate() {
            if rings.is_empty() {
                return Err(format!("polygon {} has no ring", i + 1));
            }
            let mut kept = Vec::with_capacity(rings.len());
            for ring in rings {
                positions += ring.len();
                if positions > MAX_POSITIONS {
                    return Err(format!(
                        "more than {MAX_POSITIONS} positions: simplify the outline"
                    ));
                }
                let points: Vec<[f64; 2]> = ring
                    .iter()
                    .map(|p| match p.as_slice() {
                        [lon, lat, ..] if Point::new(*lat, *lon).is_some() => Ok([*lon, *lat]),
                        _ => Err(format!(
                            "polygon {} has a position that is not longitude, latitude on Earth",
                            i + 1
                        )),
                    })
                    .collect::<Result<_, _>>()?;
                if points.len() < 4 || points.first() != points.last() {
                    return Err(format!(
                        "polygon {} has a ring that is not closed (4 or more positions, the last equal to the first)",
                        i + 1
                    ));
                }
                kept.push(points);
            }
            shape.polygons.push(kept);
        }
        let (lat0, lat1, lon0, lon1) = shape.bounding_box();
        if lat1 - lat0 > MAX_SPAN_DEGREES || lon1 - lon0 > MAX_SPAN_DEGREES {
            return Err(format!(
                "it spans more than {MAX_SPAN_DEGREES}° (a whole state or the country is US-XX or US)"
            ));
        }
        Ok(shape)
    }

    /// The box around every outer ring: (south, north, west, east).
    pub fn bounding_box(&self) -> (f64, f64, f64, f64) {
        let mut b = (f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY);
        for [lon, lat] in self.polygons.iter().filter_map(|p| p.first()).flatten() {
            b = (b.0.min(*lat), b.1.max(*lat), b.2.min(*lon), b.3.max(*lon));
        }
        b
    }

    /// The shape for `geo`'s algorithms (made once per segment by the search, not per test).
    pub fn to_geo(&self) -> geo::MultiPolygon<f64> {
        let ring =
            |r: &Vec<[f64; 2]>| geo::LineString::from(r.iter().map(|[x, y]| (*x, *y)).collect::<Vec<_>>());
        geo::MultiPolygon::new(
            self.polygons
                .iter()
                .filter_map(|rings| {
                    let (outer, holes) = rings.split_first()?;
                    Some(geo::Polygon::new(ring(outer), holes.iter().map(ring).collect()))
                })
                .collect(),
        )
    }

    /// Whether `point` is inside (a point in a hole is not).
    pub fn contains(&self, point: Point) -> bool {
        covers(&self.to_geo(), point)
    }

    /// The shape as a GeoJSON MultiPolygon text, for the export and the HSDS API.
    pub fn to_geojson(&self) -> String {
        serde_json::json!({"type": "MultiPolygon", "coordinates": self.polygons}).to_string()
    }
}

/// Whether a shape made by [`Shape::to_geo`] holds `point`.
pub fn covers(shape: &geo::MultiPolygon<f64>, point: Point) -> bool {
    shape.contains(&geo::Point::new(point.lon, point.lat))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rough box around Austin, TX with a hole around its airport.
    const AUSTIN: &str = r#"{"type": "Polygon", "coordinates": [
        [[-98.0, 30.0], [-97.5, 30.0], [-97.5, 30.6], [-98.0, 30.6], [-98.0, 30.0]],
        [[-97.70, 30.18], [-97.64, 30.18], [-97.64, 30.22], [-97.70, 30.22], [-97.70, 30.18]]
    ]}"#;

    #[test]
    fn a_polygon_holds_the_points_inside_it_and_not_those_in_its_hole_or_outside() {
        let austin = Shape::from_geojson(AUSTIN).unwrap();
        assert!(austin.contains(Point {
            lat: 30.27,
            lon: -97.74
        }));
        assert!(
            !austin.contains(Point {
                lat: 30.20,
                lon: -97.67
            }),
            "the hole"
        );
        assert!(
            !austin.contains(Point {
                lat: 32.78,
                lon: -96.80
            }),
            "Dallas"
        );
        assert_eq!(austin.bounding_box(), (30.0, 30.6, -98.0, -97.5));
        // What the export writes reads back the same.
        assert_eq!(Shape::from_geojson(&austin.to_geojson()).unwrap(), austin);
    }

    #[test]
    fn a_feature_or_a_multipolygon_is_an_area_too() {
        let feature = format!(r#"{{"type": "Feature", "properties": {{}}, "geometry": {AUSTIN}}}"#);
        assert!(Shape::from_geojson(&feature).is_ok());
        let two = r#"{"type": "MultiPolygon", "coordinates": [
            [[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]]}"#;
        let shape = Shape::from_geojson(two).unwrap();
        assert!(shape.contains(Point { lat: 5.2, lon: 5.8 }));
        assert!(!shape.contains(Point { lat: 3.0, lon: 3.0 }));
    }

    #[test]
    fn what_is_no_area_is_refused_in_words() {
        let refused = |text: &str| Shape::from_geojson(text).unwrap_err();
        assert!(refused("not json").contains("not GeoJSON"));
        assert!(
            refused(r#"{"type": "Point", "coordinates": [-97.7, 30.3]}"#).contains("Point is not an area")
        );
        assert!(
            refused(r#"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}"#)
                .contains("not closed")
        );
        assert!(
            refused(r#"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 99], [0, 0]]]}"#)
                .contains("not longitude, latitude")
        );
        assert!(
            refused(
                r#"{"type": "Polygon", "coordinates": [[[-125, 25], [-66, 25], [-66, 49], [-125, 25]]]}"#
            )
            .contains("spans more than")
        );
        let huge: Vec<[f64; 2]> = (0..=MAX_POSITIONS)
            .map(|i| {
                let t = i as f64 / MAX_POSITIONS as f64 * std::f64::consts::TAU;
                [t.cos(), t.sin()]
            })
            .chain([[1.0, 0.0]])
            .collect();
        let text = serde_json::json!({"type": "Polygon", "coordinates": [huge]}).to_string();
        assert!(refused(&text).contains("more than 10000 positions"));
    }
}
