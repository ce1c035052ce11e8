"""The reviewers' API: the same blind view and the same scoring service as
the pages (recruitment.views.scoring). A reviewer gets application
references and answers, never the applicant, and each application is named
by the reviewer's own opaque handle (recruitment.handles), never its id;
another organisation's vacancy is a 404, a vacancy whose panel they are not
on a 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from involvement.permissions import get_or_404
from involvement.text import LONG_TEXT, too_long_message
from recruitment import permissions
from recruitment.models import Criterion, Score
from recruitment.selectors import scoring as selectors
from recruitment.services.scoring import ScoreEntry, scores_record


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "title", "question", "essential", "max_score", "pass_mark", "scoring_guide"]
        read_only_fields = fields


class ReviewSerializer(serializers.Serializer):
    """One application as a reviewer sees it: reference and answers only."""

    handle = serializers.CharField(
        help_text="Your own name for this application: send it back when you score it."
    )
    reference = serializers.CharField()
    answers = serializers.DictField(
        child=serializers.CharField(), help_text="criterion id → answer"
    )
    my_scores = serializers.DictField(
        child=serializers.DictField(), help_text="criterion id → {score, rationale}"
    )


class ReviewPageSerializer(serializers.Serializer):
    vacancy = serializers.DictField(help_text="id and title")
    criteria = CriterionSerializer(many=True)
    applications = ReviewSerializer(many=True)


class ScoreInSerializer(serializers.Serializer):
    application = serializers.CharField(help_text="The application's handle, from the review list.")
    score = serializers.IntegerField(required=False, allow_null=True)
    rationale = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=LONG_TEXT,
        error_messages={"max_length": too_long_message("The reason for the score", LONG_TEXT)},
    )


class ScoresInSerializer(serializers.Serializer):
    criterion = serializers.IntegerField()
    scores = ScoreInSerializer(many=True)


class ReviewView(APIView):
    """The applications given to you to score, in your own random order."""

    serializer_class = ReviewPageSerializer

    @extend_schema(summary="Applications to score (blind)", responses=ReviewPageSerializer)
    def get(self, request, pk):
        vacancy, panel_member = _reviewer(request, pk)
        applications = selectors.applications_for_reviewer(panel_member=panel_member)
        own = {}
        for score in Score.objects.filter(reviewer=request.user, application__in=applications).only(
            "application_id", "criterion_id", "score", "rationale"
        ):
            own.setdefault(score.application_id, {})[str(score.criterion_id)] = {
                "score": score.score,
                "rationale": score.rationale,
            }
        return Response(
            {
                "vacancy": {"id": vacancy.pk, "title": vacancy.title},
                "criteria": CriterionSerializer(selectors.criteria_of(vacancy), many=True).data,
                "applications": [
                    {
                        "handle": application.handle,
                        "reference": application.reference,
                        "answers": {str(a.criterion_id): a.text for a in application.answers.all()},
                        "my_scores": own.get(application.pk, {}),
                    }
                    for application in applications
                ],
            }
        )


class SavedSerializer(serializers.Serializer):
    saved = serializers.IntegerField(help_text="How many scores were saved.")


class ScoresView(APIView):
    """Score one criterion across applications; each score needs a rationale."""

    serializer_class = ScoresInSerializer

    @extend_schema(
        summary="Score one question", request=ScoresInSerializer, responses=SavedSerializer
    )
    def post(self, request, pk):
        vacancy, panel_member = _reviewer(request, pk)
        data = ScoresInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        criterion = get_or_404(
            Criterion.objects.filter(role_description_id=vacancy.role_description_id),
            pk=data.validated_data["criterion"],
        )
        entries = []
        allocation = permissions.review_allocation(panel_member)
        for item in data.validated_data["scores"]:
            application = _application(request, panel_member, item["application"], allocation)
            entries.append(ScoreEntry(application, item.get("score"), item.get("rationale", "")))
        saved = scores_record(panel_member=panel_member, criterion=criterion, entries=entries)
        return Response({"saved": len(saved)})


def _reviewer(request, pk):
    """(vacancy, panel member), with the refusal's reason kept in the API's 403."""
    try:
        return permissions.access_vacancy_for_scoring(user=request.user, pk=pk)
    except PermissionDenied as exc:
        raise exceptions.PermissionDenied(str(exc) or None) from exc


def _application(request, panel_member, handle, allocation):
    """One of the reviewer's applications by their handle for it; else a 404."""
    return permissions.access_application_for_review(
        user=request.user, panel_member=panel_member, handle=handle, allocation=allocation
    )


urlpatterns = [
    path("reviews/<int:pk>/", ReviewView.as_view(), name="api-review-detail"),
    path("reviews/<int:pk>/scores/", ScoresView.as_view(), name="api-review-scores"),
]
