from weerbaar.apps.accounts.models import User


def active_demo_accounts() -> list[str]:
    """Usernames of active demo accounts that still have their published password."""
    return list(
        User.objects.filter(is_demo_account=True, is_active=True).values_list("username", flat=True)
    )
