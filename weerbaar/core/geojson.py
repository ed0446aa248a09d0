"""Building GeoJSON (RFC 7946, WGS84 lon/lat): the one place its shape is written."""

from django.http import JsonResponse

GEOJSON = "application/geo+json"


def point_feature(feature_id, lon: float, lat: float, properties: dict) -> dict:
    return {
        "type": "Feature",
        "id": str(feature_id),
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    }


def feature_collection(features: list[dict], metadata: dict | None = None) -> dict:
    collection = {"type": "FeatureCollection", "features": features}
    if metadata is not None:
        collection["metadata"] = metadata
    return collection


def geojson_response(collection: dict) -> JsonResponse:
    return JsonResponse(collection, content_type=GEOJSON)
