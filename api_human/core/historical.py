"""``HistoricalRecords`` for the main records (who changed what, when): django-simple-history's, with
its history manager class made once.

simple_history makes the manager class anew (``Manager.from_queryset``, a new type) each time a
record's history is read, and it reads it on every save to write the historical row: a few percent of
a partner's write. The class depends only on the queryset class it is made from, so it is kept.
"""

from functools import cache

from simple_history import manager, models


class HistoryManager(manager.HistoryManager):
    @classmethod
    @cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)


class HistoricalRecords(models.HistoricalRecords):
    def __init__(self, *args, history_manager=HistoryManager, **kwargs):
        super().__init__(*args, history_manager=history_manager, **kwargs)
