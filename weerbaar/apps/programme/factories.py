"""Test data for the programme monitor: small catalogues built in code."""

from weerbaar.apps.programme import services
from weerbaar.apps.programme.catalogue_io import CatalogueFile, EntryData
from weerbaar.apps.programme.models import Phase, Scope

# Three municipal measures in different phases and themes, and one regional measure.
TEST_ENTRIES = (
    EntryData("T1", "Drinking water plan", phase=Phase.COLD, theme="Water", source="test"),
    EntryData(
        "T2", "Open support points", phase=Phase.WARM_WITHIN_72H, theme="Shelter", source="test"
    ),
    EntryData(
        "T3", "Council meets on paper", phase=Phase.WARM_AFTER_72H, theme="Democracy", source="test"
    ),
    EntryData(
        "R1",
        "Regional power outage plan",
        phase=Phase.COLD,
        theme="Water",
        scope=Scope.REGIONAL,
        source="test",
    ),
)


def make_catalogue(entries=TEST_ENTRIES, *, actor=None, title="Test catalogue", concept=False):
    version, _created = services.import_catalogue(
        actor, CatalogueFile(entries=list(entries), title=title, is_concept=concept)
    )
    return version
