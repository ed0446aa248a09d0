import pytest

from .osm_sample import osm_xml, rd_xy, write_pbf


@pytest.fixture(scope="session")
def osm_files(tmp_path_factory):
    """(xml_path, pbf_path) holding the same sample network."""
    folder = tmp_path_factory.mktemp("osm")
    xml_path = folder / "net.osm"
    xml_path.write_text(osm_xml(), encoding="utf-8")
    pbf_path = folder / "net.osm.pbf"
    write_pbf(pbf_path)
    return xml_path, pbf_path


@pytest.fixture(scope="session")
def rd():
    return rd_xy()
