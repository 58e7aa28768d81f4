"""Who may use an endpoint (by platform role) and change a row (by the model's ``editable_by``).

What a user may not see is a 404: a role that may not even read an endpoint gets 404 for all of
it (partners do not learn what the ministry side keeps), and rows outside the view's
``visible_to`` queryset are 404 too. A role that may read but not do something gets 403.
"""

from rest_framework.exceptions import NotFound
from rest_framework.permissions import SAFE_METHODS, BasePermission


class RoleAccess(BasePermission):
    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if user.is_admin and getattr(view, "admins_allowed", True):
            return True
        if user.role not in view.read_roles:
            raise NotFound
        action_roles = getattr(view, "action_roles", {}).get(getattr(view, "action", None))
        if action_roles is not None:  # e.g. a manager's sign-off: the service checks the rest
            return user.role in action_roles
        if request.method in SAFE_METHODS:
            return True
        if getattr(view, "action", None) == "destroy":
            return user.role in view.destroy_roles
        return user.role in view.write_roles

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS or getattr(view, "action", None) in getattr(
            view, "action_roles", {}
        ):
            return True
        return type(obj).objects.editable_by(request.user).filter(pk=obj.pk).exists()
