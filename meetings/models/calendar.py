"""Secret calendar-feed addresses: calendar apps subscribe without logging in."""

from django.db import models

from involvement.models import Person


class CalendarToken(models.Model):
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="calendar_token")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Calendar feed of {self.person}"
