"""The organisation's glossary ("jargon buster") for board briefings: its own
terms, on top of the defaults every organisation starts with
(involvement/glossary.py)."""

from django.db import models
from django.db.models.functions import Lower

from .accounts import Organisation


class GlossaryTerm(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="glossary_terms"
    )
    term = models.CharField(max_length=60)
    meaning = models.TextField("what it means")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "term"]
        constraints = [
            models.UniqueConstraint(
                "organisation", Lower("term"), name="glossary_term_unique_in_org"
            ),
        ]

    def __str__(self):
        return self.term
