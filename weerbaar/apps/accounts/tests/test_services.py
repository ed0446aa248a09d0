"""Account writes: creation, the status table with its history, password resets."""

import pytest

from weerbaar.apps.accounts import services
from weerbaar.apps.accounts.models import AccountStatusChange, AuditLogEntry, Role, User
from weerbaar.apps.accounts.states import ALLOWED_TRANSITIONS, AccountStatus
from weerbaar.core.models import AppendOnlyError
from weerbaar.core.transitions import TransitionNotAllowedError, check_transition

pytestmark = pytest.mark.django_db


def test_creating_an_account_records_its_first_status_and_an_audit_entry(coordinator, assen):
    user = services.create_account(
        coordinator,
        username="nieuw",
        role=Role.MUNICIPAL_OFFICER,
        municipalities=[assen],
        password="a-long-password-1",
    )
    assert user.check_password("a-long-password-1")
    assert list(user.status_changes.values_list("old_status", "new_status")) == [("", "active")]
    assert AuditLogEntry.objects.filter(object_id=str(user.pk), action="create").exists()


def test_a_municipal_officer_needs_a_municipality(coordinator):
    with pytest.raises(services.AccountError):
        services.create_account(
            coordinator, username="x", role=Role.MUNICIPAL_OFFICER, password="a-long-password-1"
        )


def test_usernames_are_unique_regardless_of_case(coordinator):
    with pytest.raises(services.AccountError):
        services.create_account(
            coordinator, username="COORDINATOR", role=Role.VOLUNTEER, password="p-long-123456"
        )


@pytest.mark.parametrize("old", list(AccountStatus))
@pytest.mark.parametrize("new", list(AccountStatus))
def test_the_transition_table_allows_exactly_its_edges(old, new):
    if new in ALLOWED_TRANSITIONS[old]:
        check_transition(ALLOWED_TRANSITIONS, old, new)
    else:
        with pytest.raises(TransitionNotAllowedError):
            check_transition(ALLOWED_TRANSITIONS, old, new)


def test_disable_and_enable_append_to_the_history(coordinator, volunteer):
    services.set_status(coordinator, volunteer, AccountStatus.DISABLED, "left the team")
    services.set_status(coordinator, volunteer, AccountStatus.ACTIVE)
    volunteer.refresh_from_db()
    assert volunteer.is_active
    steps = list(
        AccountStatusChange.objects.filter(account=volunteer).values_list(
            "old_status", "new_status"
        )
    )
    assert steps == [("active", "disabled"), ("disabled", "active")]


def test_disabling_twice_is_refused(coordinator, volunteer):
    services.set_status(coordinator, volunteer, AccountStatus.DISABLED)
    with pytest.raises(TransitionNotAllowedError):
        services.set_status(coordinator, volunteer, AccountStatus.DISABLED)


def test_a_coordinator_cannot_lock_themselves_out(coordinator):
    with pytest.raises(services.AccountError):
        services.set_status(coordinator, coordinator, AccountStatus.DISABLED)


def test_history_cannot_be_edited_or_deleted(coordinator, volunteer):
    services.set_status(coordinator, volunteer, AccountStatus.DISABLED)
    change = AccountStatusChange.objects.filter(account=volunteer).last()
    change.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        change.save()
    with pytest.raises(AppendOnlyError):
        change.delete()
    with pytest.raises(AppendOnlyError):
        AccountStatusChange.objects.filter(account=volunteer).update(reason="x")
    with pytest.raises(AppendOnlyError):
        AccountStatusChange.objects.filter(account=volunteer).delete()


def test_the_audit_log_is_append_only(coordinator, volunteer):
    services.reset_password(coordinator, volunteer)
    entry = AuditLogEntry.objects.first()
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        AuditLogEntry.objects.all().delete()


def test_a_password_reset_gives_a_working_password_and_ends_demo_status(coordinator, volunteer):
    User.objects.filter(pk=volunteer.pk).update(is_demo_account=True)
    volunteer.refresh_from_db()
    password = services.reset_password(coordinator, volunteer)
    volunteer.refresh_from_db()
    assert len(password) >= 12
    assert volunteer.check_password(password)
    assert not volunteer.is_demo_account
