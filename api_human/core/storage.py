"""Private files (partners' attachments) live outside MEDIA_ROOT and are served only through a view
that checks who asks."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import LazyObject


class PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


private_storage = PrivateStorage()


def get_private_storage():
    """The attachments field's storage (a callable, so migrations do not freeze a path)."""
    return private_storage
