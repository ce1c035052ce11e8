"""The admin site for regions: the platform admin sets a region up and names
its commissioners. Organisations share their figures with it from their own
sharing page (their organisation admins' grant), never from here."""

from django.contrib import admin

from .models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]
    filter_horizontal = ["commissioners"]
