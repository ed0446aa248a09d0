"""Demo accounts with known passwords, one per role. Only in demo mode (WEERBAAR_DEMO=1)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from weerbaar.apps.accounts.models import AccountStatusChange, Role, User
from weerbaar.apps.accounts.states import AccountStatus
from weerbaar.apps.regions.models import Municipality

DEMO_PASSWORD = "weerbaar-demo"

# username, full name, role, municipality names (looked up by name in the reference data)
DEMO_ACCOUNTS = [
    ("coordinator", ("Renske", "de Vries"), Role.REGIONAL_COORDINATOR, []),
    ("programma", ("Pieter", "Bakker"), Role.PROGRAMME_TEAM, []),
    ("assen", ("Anouk", "Jansen"), Role.MUNICIPAL_OFFICER, ["Assen"]),
    ("emmen", ("Erik", "Smit"), Role.MUNICIPAL_OFFICER, ["Emmen"]),
    ("operator", ("Olga", "Mulder"), Role.SUPPORT_POINT_OPERATOR, ["Assen"]),
    ("organisatie", ("Omar", "Visser"), Role.ORGANISATION_CONTACT, []),
    ("vrijwilliger", ("Vera", "Bos"), Role.VOLUNTEER, []),
]


class Command(BaseCommand):
    help = "Create the demo accounts (demo mode only); prints them with their password."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                "demo accounts are only created in demo mode (set WEERBAAR_DEMO=1)", returncode=2
            )
        with transaction.atomic():
            for username, (first, last), role, names in DEMO_ACCOUNTS:
                self._ensure(username, first, last, role, names)
        self.stdout.write(f"Demo accounts (password for each: {DEMO_PASSWORD}):")
        for username, _name, role, names in DEMO_ACCOUNTS:
            scope = ", ".join(names) or "—"
            self.stdout.write(f"  {username:<13} {role.label} ({scope})")

    def _ensure(self, username, first, last, role, names):
        municipalities = list(Municipality.objects.filter(name__in=names))
        if len(municipalities) != len(names):
            raise CommandError(
                "load the reference data first: weerbaar load-reference", returncode=2
            )
        user = User.objects.filter(username=username).first()
        if user is not None and not user.is_demo_account:
            return  # its password was changed: leave the account alone
        if user is None:
            user = User(username=username, first_name=first, last_name=last, role=role)
            user.set_password(DEMO_PASSWORD)
            user.is_demo_account = True
            user.save()
            user.municipalities.set(municipalities)
            AccountStatusChange.objects.create(
                account=user, new_status=AccountStatus.ACTIVE, reason="demo account"
            )
