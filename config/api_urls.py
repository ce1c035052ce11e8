"""The REST API: one router, each app registering its viewsets."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from evaluation import api as evaluation_api
from involvement import api as involvement_api
from involvement import api_bodies, api_groups
from meetings import api as meetings_api
from recruitment import api_scoring
from workplans import api as workplans_api

router = DefaultRouter()
involvement_api.register(router)
api_bodies.register(router)
api_groups.register(router)
workplans_api.register(router)
meetings_api.register(router)
evaluation_api.register(router)

urlpatterns = [
    path("auth/token/", involvement_api.ObtainTokenView.as_view(), name="api-token"),
    path("", include(router.urls)),
    path("recruitment/", include(api_scoring.urlpatterns)),
]
