"""Who may use an endpoint (by platform role) and change a row (by the model's ``editable_by``).

Which rows a user may see at all is decided by the view's queryset (``visible_to``): a row
outside it is a 404.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission


class RoleAccess(BasePermission):
    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if user.is_admin:
            return True
        if request.method in SAFE_METHODS:
            roles = view.read_roles
        elif getattr(view, "action", None) == "destroy":
            roles = view.destroy_roles
        else:
            roles = view.write_roles
        return user.role in roles

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        return type(obj).objects.editable_by(request.user).filter(pk=obj.pk).exists()
