"""Reading a catalogue from YAML or CSV, its checks, and what changed between two."""

import pytest
from django.utils import translation

from weerbaar.apps.programme.catalogue_io import (
    CatalogueError,
    EntryData,
    compare,
    read_catalogue,
    read_csv,
    read_yaml,
)
from weerbaar.apps.programme.loading import DATA_DIR, STARTER_CATALOGUE


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


YAML = """
catalogue:
  title: VNG list
  concept: false
measures:
  - id: M1
    title: Water
    phase: koude fase
    responsible_party: Gemeente
    partners: [Waterbedrijf, VRD]
    theme: Vital
    scope: regionaal
    source: VNG 2025
  - id: M2
    title: Shelter
    phase: warm_after_72h
    source: VNG 2025
"""


def test_yaml_with_dutch_phase_and_scope_names():
    catalogue = read_yaml(YAML)
    assert catalogue.title == "VNG list"
    first, second = catalogue.entries
    assert first.phase == "cold" and first.scope == "regional"
    assert first.partners == ("Waterbedrijf", "VRD")
    assert second.phase == "warm_after_72h"
    assert second.responsible_party == "unknown" and second.scope == "municipal"


def test_csv_with_semicolons_and_a_byte_order_mark():
    text = '\ufeffid;title;phase;partners;source\nM1;Water;nafase;"A; B";VNG\n'
    (entry,) = read_csv(text).entries
    assert entry.code == "M1" and entry.phase == "after" and entry.partners == ("A", "B")


def test_csv_with_commas():
    (entry,) = read_csv("id,title,source\nM9,Title,src\n").entries
    assert entry == EntryData("M9", "Title", source="src")


def test_the_empty_csv_template_holds_the_columns_the_import_reads():
    header = (DATA_DIR / "catalogue_template.csv").read_text().strip().split(",")
    assert header == [
        "id", "title", "description", "phase", "responsible_party", "partners", "theme",
        "scope", "source",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("measures: []", "no measures"),
        ("measures: [{id: A, title: T}]", "has no source"),
        ("measures: [{id: A, title: T, source: s, colour: red}]", "unknown field"),
        ("measures: [{id: A, title: T, source: s, phase: hot}]", "phase 'hot' is not one of"),
        ("measures: [{id: A, title: T, source: s, scope: national}]", "scope"),
        ("measures: [{id: 'A B', title: T, source: s}]", "the id must be"),
        ("measures: [{id: A, title: T, source: s}, {id: a, title: U, source: s}]", "occurs twice"),
        ("measures: [{id: A, title: [1], source: s}]", "must be text"),
        ("measures: [{id: A, title: T, source: s, partners: 3}]", "partners must be a list"),
        ("just text", "list called 'measures'"),
        ("measures: [unclosed", "not valid YAML"),
    ],
)
def test_bad_catalogues_are_refused_with_a_reason(text, message):
    with pytest.raises(CatalogueError, match=message):
        read_yaml(text)


def test_a_file_is_read_by_its_extension():
    assert read_catalogue("list.yml", YAML.encode()).entries[0].code == "M1"
    with pytest.raises(CatalogueError, match="Choose a .yaml"):
        read_catalogue("list.xlsx", b"PK")
    with pytest.raises(CatalogueError, match="UTF-8"):
        read_catalogue("list.csv", "id,title\nM1,Wéter\n".encode("latin-1"))


def test_compare_names_added_removed_and_changed_fields():
    old = [EntryData("A", "a", source="s"), EntryData("B", "b", source="s")]
    new = [EntryData("B", "b2", theme="t", source="s"), EntryData("C", "c", source="s")]
    assert compare(old, new) == {
        "added": ["C"],
        "removed": ["A"],
        "changed": {"B": ["title", "theme"]},
    }


def test_the_starter_catalogue_is_a_marked_concept_with_a_source_for_every_measure():
    catalogue = read_catalogue(STARTER_CATALOGUE, (DATA_DIR / STARTER_CATALOGUE).read_bytes())
    assert catalogue.is_concept
    assert "concept" in catalogue.title.lower()
    # Only the topics the sources name: far fewer than the guide's 41, never a made-up 41.
    assert len(catalogue.entries) == 10
    assert [e.code for e in catalogue.entries] == [f"C{n:02d}" for n in range(1, 11)]
    assert all(e.source for e in catalogue.entries)
    # No source gives phase or first-responsible party per measure.
    assert {e.phase for e in catalogue.entries} == {"unknown"}
    assert {e.responsible_party for e in catalogue.entries} == {"unknown"}
    assert [e.code for e in catalogue.entries if e.scope == "regional"] == ["C05"]
