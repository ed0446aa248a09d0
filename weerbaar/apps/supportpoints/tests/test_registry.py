"""The registry's writes: rights per object, the lifecycle table, contacts, import/export."""

import pytest

from weerbaar.apps.accounts.models import AuditLogEntry
from weerbaar.apps.supportpoints import exchange, services
from weerbaar.apps.supportpoints.models import SupportPoint, SupportPointStatusChange
from weerbaar.apps.supportpoints.states import ALLOWED_TRANSITIONS, Lifecycle
from weerbaar.core.transitions import TransitionNotAllowedError

pytestmark = pytest.mark.django_db


def new_point(**extra):
    return {
        "name": "Dorpshuis De Bolster",
        "tier": "local",
        "municipality": "GM0106",
        "lat": 53.01,
        "lon": 6.55,
        "building_type": "village_hall",
        "capacity": 80,
        "power": "none",
        "communication": "none",
        "functions": ["information", "listening_ear"],
        **extra,
    }


def test_an_officer_registers_in_their_own_municipality(officer_assen):
    point = services.register(officer_assen, new_point())
    assert point.municipality.code == "GM0106"
    assert point.status == Lifecycle.PLANNED
    assert point.status_changes.count() == 1


def test_an_officer_cannot_register_in_another_municipality(officer_emmen):
    with pytest.raises(services.NotAllowed):
        services.register(officer_emmen, new_point())
    assert not SupportPoint.objects.filter(name="Dorpshuis De Bolster").exists()


@pytest.mark.parametrize("persona", ["programme_member", "operator_assen", "volunteer"])
def test_other_roles_cannot_register(request, persona):
    with pytest.raises(services.NotAllowed):
        services.register(request.getfixturevalue(persona), new_point())


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("lat", 6.55, "buiten Nederland"),
        ("municipality", "GM9999", "Selecteer een geldige keuze"),
        ("functions", ["teleport"], "Selecteer een geldige keuze"),
        ("capacity", -1, "minstens 0"),
        ("name", "", "Dit veld is verplicht"),
    ],
)
def test_bad_input_is_refused_with_a_dutch_reason(coordinator, field, value, message):
    with pytest.raises(services.InvalidInput) as error:
        services.register(coordinator, new_point(**{field: value}))
    assert message in str(error.value)


def test_a_coordinating_point_belongs_to_no_other(coordinator, support_network):
    parent = support_network["C-NSP Assen (demo)"]
    with pytest.raises(services.InvalidInput, match="coordinating_point"):
        services.register(
            coordinator, new_point(tier="coordinating", coordinating_point=str(parent.pk))
        )


def test_an_operator_updates_readiness_but_not_the_name(officer_assen, operator_assen):
    point = services.register(officer_assen, new_point())
    point.operators.add(operator_assen)
    data = {**new_point(), "name": "Renamed", "trained_staff": 6, "functions": ["information"]}
    services.update(operator_assen, point, data)
    point.refresh_from_db()
    assert point.trained_staff == 6
    assert point.name == "Dorpshuis De Bolster"


def test_an_operator_of_another_point_cannot_update(officer_assen, operator_assen):
    point = services.register(officer_assen, new_point())
    with pytest.raises(services.NotAllowed):
        services.update(operator_assen, point, new_point(trained_staff=9))


def test_an_officer_cannot_move_a_point_to_another_municipality(officer_assen):
    point = services.register(officer_assen, new_point())
    with pytest.raises(services.NotAllowed):
        services.update(officer_assen, point, new_point(municipality="GM0114", lat=52.78, lon=6.9))


@pytest.mark.parametrize("old", list(Lifecycle))
@pytest.mark.parametrize("new", list(Lifecycle))
def test_the_lifecycle_table_allows_exactly_its_edges(coordinator, old, new):
    point = services.register(coordinator, new_point())
    SupportPoint.objects.filter(pk=point.pk).update(status=old)
    if new in ALLOWED_TRANSITIONS[old]:
        assert services.change_status(coordinator, point, new).status == new
    else:
        with pytest.raises(TransitionNotAllowedError):
            services.change_status(coordinator, point, new)


def test_the_same_change_sent_twice_is_stored_once(coordinator):
    point = services.register(coordinator, new_point())
    services.change_status(coordinator, point, Lifecycle.READY, idempotency_key="abc")
    services.change_status(coordinator, point, Lifecycle.READY, idempotency_key="abc")
    assert SupportPointStatusChange.objects.filter(support_point=point).count() == 2


def test_an_operator_cannot_change_the_lifecycle(officer_assen, operator_assen):
    point = services.register(officer_assen, new_point())
    point.operators.add(operator_assen)
    with pytest.raises(services.NotAllowed):
        services.change_status(operator_assen, point, Lifecycle.READY)


def test_c_nsp_staff_see_the_contacts_of_their_local_points(support_network, operator_assen):
    parent = support_network["C-NSP Assen (demo)"]
    parent.operators.add(operator_assen)
    local = support_network["L-NSP Emmen (demo)"]
    assert services.read_contacts(operator_assen, local) is not None
    assert AuditLogEntry.objects.filter(object_id=str(local.pk), action="read").exists()


def test_contacts_are_refused_to_others(support_network, officer_emmen):
    with pytest.raises(services.NotAllowed):
        services.read_contacts(officer_emmen, support_network["L-NSP Assen (demo)"])


def test_export_and_import_round_trip_updates_in_place(coordinator, support_network):
    text = exchange.export_csv(SupportPoint.objects.all(), with_contacts=True)
    text = text.replace("L-NSP Gieten (demo)", "L-NSP Gieten (dorpshuis)")
    result = exchange.import_rows(coordinator, exchange.parse(text.encode(), "points.csv"))
    assert result == {"created": 0, "updated": 13}
    assert SupportPoint.objects.filter(name="L-NSP Gieten (dorpshuis)").exists()


def test_one_bad_row_and_nothing_is_imported(coordinator):
    rows = [
        {**new_point(name="Goed"), "functions": "information"},
        {**new_point(name="Fout", lat="abc"), "functions": "information"},
    ]
    with pytest.raises(exchange.ImportFailed) as error:
        exchange.import_rows(coordinator, rows)
    assert error.value.problems[0][0] == 3
    assert not SupportPoint.objects.filter(name__in=["Goed", "Fout"]).exists()


def test_geojson_import(coordinator):
    geojson = (
        '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point",'
        '"coordinates":[6.55,53.01]},"properties":{"name":"Kerk","tier":"local",'
        '"municipality":"GM0106","building_type":"church","capacity":50,"power":"none",'
        '"communication":"radio","functions":["alarm"]}}]}'
    )
    result = exchange.import_rows(coordinator, exchange.parse(geojson.encode(), "p.geojson"))
    assert result["created"] == 1
    assert SupportPoint.objects.get(name="Kerk").functions == ["alarm"]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [(b"\xff\xfe", "x.csv", "UTF-8"), (b"{}", "x.geojson", "GeoJSON"), (b"a", "x.xlsx", ".csv")],
)
def test_unreadable_files_are_refused(content, name, message):
    with pytest.raises(exchange.ImportFailed, match=message):
        exchange.parse(content, name)
