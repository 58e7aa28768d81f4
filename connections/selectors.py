"""Reads of the connective work that more than one page needs."""

from api_human.core.history import HistorySource

from . import models


def history_sources(engagement):
    """The change history of an engagement's connective work (one query per kind of record)."""
    pk = engagement.pk
    connection_ids = models.Connection.history.filter(engagement_id=pk).values("id")
    event_ids = models.Event.history.filter(engagement_id=pk).values("id")
    initiative_ids = engagement.initiatives.values("id")
    sources = [
        HistorySource(
            models.Connection.history.filter(engagement_id=pk).select_related(
                "welfare_party", "digital_party"
            ),
            label=lambda r: f"{r.welfare_party} ↔ {r.digital_party}",
        ),
        HistorySource(
            models.TrustNote.history.filter(connection_id__in=connection_ids),
            label=lambda r: f"{r.get_kind_display()} ({r.on})",
        ),
        HistorySource(
            models.EventParticipation.history.filter(event_id__in=event_ids).select_related("event"),
            label=lambda r: f"{r.event}: {r.get_world_display()}",
        ),
        HistorySource(
            models.ReachMeasurement.history.filter(initiative_id__in=initiative_ids).select_related(
                "initiative"
            ),
            label=lambda r: f"{r.initiative}: {r.get_phase_display()} ({r.measured_on})",
        ),
    ]
    for model in (models.Event, models.MentoringSession, models.Concern):
        sources.append(HistorySource(model.history.filter(engagement_id=pk)))
    for model in (models.Pairing, models.ProcurementStep, models.LearningMilestone):
        sources.append(HistorySource(model.history.filter(initiative_id__in=initiative_ids)))
    return sources
