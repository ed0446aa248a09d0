"""The one door for writes: status records with their history, the status table, catalogue
versions, and evidence files."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from weerbaar.apps.programme import queries, services
from weerbaar.apps.programme.catalogue_io import CatalogueFile, EntryData
from weerbaar.apps.programme.factories import TEST_ENTRIES, make_catalogue
from weerbaar.apps.programme.models import (
    CatalogueEntry,
    CatalogueVersion,
    Measure,
    MeasureRecord,
    MeasureRecordChange,
)
from weerbaar.apps.programme.states import ALLOWED_TRANSITIONS, MeasureStatus
from weerbaar.core.models import AppendOnlyError

pytestmark = pytest.mark.django_db
S = MeasureStatus


def measure(code="T1"):
    return Measure.objects.get(code=code)


def test_a_first_change_creates_the_record_and_one_history_row(catalogue, assen, officer_assen):
    record = services.update_record(
        officer_assen,
        measure(),
        assen,
        values={"status": S.IN_PROGRESS, "owner": "AOV'er", "due_date": date(2026, 3, 1)},
        reason="started",
    )
    assert record.status == S.IN_PROGRESS and record.updated_by == officer_assen
    (change,) = record.history.all()
    assert (change.old_status, change.new_status) == (S.NOT_STARTED, S.IN_PROGRESS)
    assert change.actor == officer_assen and change.reason == "started"
    assert change.changes == {
        "status": ["not_started", "in_progress"],
        "owner": ["", "AOV'er"],
        "due_date": ["", "2026-03-01"],
    }


def test_saving_the_same_values_adds_no_history(catalogue, assen, officer_assen):
    values = {"status": S.DONE, "notes": "ok"}
    services.update_record(officer_assen, measure(), assen, values=values)
    services.update_record(officer_assen, measure(), assen, values=values)
    assert MeasureRecordChange.objects.count() == 1


def test_a_change_of_notes_only_is_history_without_a_status_move(catalogue, assen, coordinator):
    services.update_record(coordinator, measure(), assen, values={"status": S.DONE})
    record = services.update_record(coordinator, measure(), assen, values={"notes": "checked"})
    last = record.history.order_by("created_at").last()
    assert last.old_status == last.new_status == S.DONE
    assert last.changes == {"notes": ["", "checked"]}


@pytest.mark.parametrize(
    ("old", "new"), [(old, new) for old, targets in ALLOWED_TRANSITIONS.items() for new in targets]
)
def test_every_allowed_move_is_made(catalogue, assen, coordinator, old, new):
    if old != S.NOT_STARTED:
        services.update_record(coordinator, measure(), assen, values={"status": old})
    record = services.update_record(coordinator, measure(), assen, values={"status": new})
    assert record.status == new


def test_the_table_names_every_move_between_the_four_statuses():
    for old in S:
        assert ALLOWED_TRANSITIONS[old] == set(S) - {old}


def test_a_move_missing_from_the_table_is_refused(catalogue, assen, coordinator, monkeypatch):
    narrowed = {**ALLOWED_TRANSITIONS, S.NOT_STARTED: {S.IN_PROGRESS}}
    monkeypatch.setattr(services, "ALLOWED_TRANSITIONS", narrowed)
    with pytest.raises(services.ProgrammeError):
        services.update_record(coordinator, measure(), assen, values={"status": S.DONE})
    assert not MeasureRecord.objects.filter(status=S.DONE).exists()


def test_an_unknown_status_is_refused(catalogue, assen, coordinator):
    with pytest.raises(services.ProgrammeError):
        services.update_record(coordinator, measure(), assen, values={"status": "finished"})


def test_the_same_idempotency_key_applies_a_change_once(catalogue, assen, coordinator):
    for _ in range(2):
        services.update_record(
            coordinator, measure(), assen, values={"status": S.DONE}, idempotency_key="k-1234567"
        )
    services.update_record(
        coordinator, measure(), assen, values={"status": S.IN_PROGRESS}, idempotency_key="k-1234567"
    )
    assert MeasureRecord.objects.get().status == S.DONE
    assert MeasureRecordChange.objects.count() == 1


def test_history_rows_cannot_be_changed_or_deleted(catalogue, assen, coordinator):
    record = services.update_record(coordinator, measure(), assen, values={"status": S.DONE})
    change = record.history.get()
    change.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        change.save()
    with pytest.raises(AppendOnlyError):
        MeasureRecordChange.objects.all().delete()


def test_a_regional_measure_has_one_record_for_all(catalogue, programme_member):
    regional = measure("R1")
    services.update_record(programme_member, regional, None, values={"status": S.IN_PROGRESS})
    services.update_record(programme_member, regional, None, values={"status": S.DONE})
    assert MeasureRecord.objects.filter(measure=regional).count() == 1
    assert MeasureRecord.objects.get(measure=regional).municipality is None


# --- catalogue versions ----------------------------------------------------------------------


def test_an_import_is_a_new_version_with_what_changed(catalogue, programme_member):
    changed = [
        EntryData("T1", "Drinking water plan, revised", phase="cold", theme="Water", source="v2"),
        *TEST_ENTRIES[1:3],
        EntryData("N1", "New measure", source="v2"),
    ]
    version = make_catalogue(changed, actor=programme_member, title="Second")
    assert version.number == catalogue.number + 1
    assert version.imported_by == programme_member
    assert version.changes == {
        "added": ["N1"],
        "removed": ["R1"],
        "changed": {"T1": ["title", "source"]},
    }
    # The first version is untouched.
    assert catalogue.entries.get(measure__code="T1").title == "Drinking water plan"


def test_importing_the_same_catalogue_again_stores_nothing(catalogue):
    again, created = services.import_catalogue(
        None, CatalogueFile(entries=list(TEST_ENTRIES), title="Test catalogue")
    )
    assert (again, created) == (catalogue, False)
    assert CatalogueVersion.objects.count() == 1


def test_versions_and_entries_cannot_be_changed(catalogue):
    catalogue.title = "changed"
    with pytest.raises(AppendOnlyError):
        catalogue.save()
    entry = CatalogueEntry.objects.first()
    entry.title = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()


def test_records_follow_their_measure_into_the_next_version(catalogue, assen, coordinator):
    services.update_record(coordinator, measure(), assen, values={"status": S.DONE})
    renamed = [EntryData("T1", "Renamed", source="v2"), *TEST_ENTRIES[1:]]
    make_catalogue(renamed)
    (item,) = [i for i in queries.todo(assen) if i["entry"].code == "T1"]
    assert item["entry"].title == "Renamed"
    assert item["record"].status == S.DONE


# --- evidence --------------------------------------------------------------------------------


def test_an_evidence_file_is_stored_under_media_and_recorded(
    catalogue, assen, coordinator, settings
):
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.7 test", content_type="application/pdf")
    record = services.update_record(
        coordinator, measure(), assen, values={}, evidence=services.EvidenceUpload(file=upload)
    )
    assert record.evidence_file.name.startswith("programme/evidence/")
    assert (settings.MEDIA_ROOT / record.evidence_file.name).read_bytes() == b"%PDF-1.7 test"
    assert record.history.get().changes == {"evidence_file": ["", "plan.pdf"]}
    record = services.update_record(
        coordinator, measure(), assen, values={}, evidence=services.EvidenceUpload(clear=True)
    )
    assert not record.evidence_file
