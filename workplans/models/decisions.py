"""The decision map: for an organisation, which decision-making body decides
what, so that each piece of work says where the group's views must feed in, to
whom and by when (report §7.1, §10.2: "it's not all in one place").

The level, meeting pattern and contact come from the body itself
(involvement.DecisionMakingBody); an entry adds a topic the body decides and
how the group's views reach it."""

from django.db import models
from django.db.models import Q

from involvement.models import DecisionMakingBody


class DecisionMapEntry(models.Model):
    body = models.ForeignKey(
        DecisionMakingBody, on_delete=models.CASCADE, related_name="decision_map_entries"
    )
    topic = models.CharField(
        "what it decides about",
        max_length=200,
        help_text='For example, "Retinal screening invitations and clinic times".',
    )
    how_to_feed_in = models.TextField(
        "how the group's views reach it",
        blank=True,
        help_text=(
            "For example, a written paper to the chair, or a representative speaks to the item."
        ),
    )
    papers_due_days = models.PositiveSmallIntegerField(
        "papers needed this many days before the meeting", default=10
    )

    class Meta:
        ordering = ["body__name", "topic"]
        verbose_name_plural = "decision map entries"
        constraints = [
            models.UniqueConstraint(fields=["body", "topic"], name="decision_entry_unique"),
            models.CheckConstraint(
                condition=Q(papers_due_days__lte=120), name="decision_entry_lead_time_sane"
            ),
        ]

    def __str__(self):
        return f"{self.body}: {self.topic}"
