from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Notification, Role

SECOND_FACTOR_OWED = "second_factor_owed"  # the session key mfa.py keeps (mfa.OWED)

# (url name, label, roles that see it); administrators see the ministry-side pages too. An item's
# badge (a count) comes from the app that owns the page, by the item's url name (templates/base.html).
NAVIGATION = [
    ("dashboard-portfolio", _("Dashboards"), {Role.TEAM, Role.MANAGER, Role.ADMIN}),
    ("engagement-list", _("Engagements"), {Role.TEAM, Role.MANAGER, Role.ADMIN}),
    ("initiative-list", _("Initiatives"), {Role.TEAM, Role.MANAGER, Role.ADMIN}),
    ("need-list", _("Needs"), {Role.TEAM, Role.MANAGER, Role.ADMIN}),
    ("tension-board", _("Tensions"), {Role.TEAM, Role.MANAGER, Role.ADMIN}),
    ("opportunity-board", _("Opportunities"), {Role.TEAM, Role.MANAGER, Role.ADMIN}),
    ("broadcast-list", _("Broadcasts"), {Role.TEAM, Role.MANAGER, Role.ADMIN}),
    ("organization-list", _("Organisations"), {Role.TEAM, Role.MANAGER, Role.ADMIN}),
    ("rubric-list", _("Rubrics"), {Role.TEAM, Role.MANAGER, Role.ADMIN}),
    ("pending-sign-offs", _("Waiting for sign-off"), {Role.MANAGER, Role.ADMIN}),
    ("partner-home", _("My organisation and API keys"), {Role.PARTNER}),
    ("webhook-list", _("Webhooks"), {Role.PARTNER}),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    if request.session.get(SECOND_FACTOR_OWED):  # nothing opens before the second factor: no menu
        return {"nav_items": [], "second_factor_owed": True}
    path = request.path
    items = []
    for name, label, roles in NAVIGATION:
        if user.role in roles or (user.is_superuser and Role.ADMIN in roles):
            url = reverse(name)
            items.append({"name": name, "url": url, "label": label, "current": path.startswith(url)})
    unseen = 0
    if user.role in {Role.TEAM, Role.MANAGER} or user.is_superuser:
        unseen = Notification.objects.visible_to(user).unseen().count()
    return {"nav_items": items, "unseen_notifications": unseen}
