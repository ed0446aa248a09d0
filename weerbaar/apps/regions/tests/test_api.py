"""The public reference API: shapes, GeoJSON layers and errors."""

import pytest

pytestmark = pytest.mark.django_db


def test_municipalities_list_has_the_items_count_shape(client, reference_data):
    body = client.get("/api/municipalities").json()
    assert body["count"] == 12 == len(body["items"])
    assen = next(m for m in body["items"] if m["code"] == "GM0106")
    assert assen == {"code": "GM0106", "name": "Assen", "population": 69_701}


def test_municipality_detail_lists_its_districts(client, reference_data):
    body = client.get("/api/municipalities/GM0106").json()
    assert body["name"] == "Assen"
    assert body["region"] == "VR03"
    assert len(body["districts"]) == 10
    assert {"code", "name", "population"} <= set(body["districts"][0])


def test_lowercase_code_is_accepted(client, reference_data):
    assert client.get("/api/municipalities/gm0106").status_code == 200


@pytest.mark.parametrize("code", ["GM9999", "XX", "'; drop table--", "GM0106x"])
def test_unknown_municipality_is_a_json_404(client, reference_data, code):
    response = client.get(f"/api/municipalities/{code}")
    assert response.status_code == 404
    assert "Unknown municipality" in response.json()["detail"]


def test_unknown_api_path_is_json(client):
    response = client.get("/api/does-not-exist")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "count"),
    [
        ("/api/geo/municipalities", 12),
        ("/api/geo/districts", 189),
        ("/api/geo/districts?municipality=GM0106", 10),
        ("/api/geo/postcode-areas", 260),
    ],
)
def test_geojson_layers_are_feature_collections(client, reference_data, path, count):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    body = response.json()
    assert body["type"] == "FeatureCollection"
    assert len(body["features"]) == count
    feature = body["features"][0]
    assert feature["type"] == "Feature"
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert feature["properties"]["population"] >= 0


def test_demand_point_layer_says_it_is_derived(client, reference_data):
    body = client.get("/api/geo/demand-points?municipality=GM1701").json()
    assert body["metadata"]["derived"] is True
    assert body["features"][0]["properties"]["derived"] is True
    assert sum(f["properties"]["residents"] for f in body["features"]) == 20_003


def test_geojson_filter_with_unknown_municipality_is_404(client, reference_data):
    response = client.get("/api/geo/districts?municipality=GM9999")
    assert response.status_code == 404


def test_datasets_carry_source_and_licence(client, reference_data):
    body = client.get("/api/datasets").json()
    assert body["count"] == 4
    assert all("CC BY 4.0" in d["licence"] for d in body["items"])


def test_openapi_description_is_served(client):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert "/api/municipalities" in spec["paths"]
    assert "/api/municipalities/{code}" in spec["paths"]


def test_api_docs_use_no_cdn(client):
    html = client.get("/api/docs").content.decode()
    assert "cdn." not in html
    assert "/static/ninja/" in html
