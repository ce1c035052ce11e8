"""The involvement core's pages, one module per area."""

from . import bodies, groups, organisations, outbox, people, privacy

urlpatterns = [
    *groups.urlpatterns,
    *people.urlpatterns,
    *bodies.urlpatterns,
    *outbox.urlpatterns,
    *organisations.urlpatterns,
    *privacy.urlpatterns,
]
