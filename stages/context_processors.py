"""What every page needs from the stages: the number of gate decisions waiting for the manager.

The core's menu does not import the stages (the architecture rule); it names the menu item, and the
badge inside it reads ``waiting_sign_offs`` from here (templates/stages/sign_off_count.html).
"""

from functools import cache

from api_human.core.context_processors import SECOND_FACTOR_OWED
from api_human.core.models import Role

from .selectors import pending_sign_off_count


def may_sign_off(user) -> bool:
    """Managers and administrators have a sign-off inbox; nobody else costs a query."""
    return bool(user and user.is_authenticated and (user.role == Role.MANAGER or user.is_admin))


def sign_offs(request):
    user = getattr(request, "user", None)
    if not may_sign_off(user) or request.session.get(SECOND_FACTOR_OWED):
        return {}
    # A template calls it: counted once, and only if the page shows the menu (a fragment does not).
    return {"waiting_sign_offs": cache(lambda: pending_sign_off_count(user))}
