"""Forms for role descriptions, criteria, outreach channels and signposts."""

from __future__ import annotations

from django import forms

from involvement.forms.text import TextLimits
from involvement.models import DecisionMakingBody, Group

from ..models import Criterion, OutreachChannel, RoleDescription, SignpostEntry


class NameChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return getattr(obj, "name", None) or str(obj)


class RoleDescriptionForm(TextLimits, forms.ModelForm):
    """Write or change a role description. `organisations` (create only) are
    those the person may recruit for; with only one, it is chosen for them."""

    class Meta:
        model = RoleDescription
        fields = [
            "kind",
            "title",
            "group",
            "body",
            "purpose",
            "activities",
            "time_commitment",
            "meeting_pattern",
            "payment",
            "payment_details",
            "what_it_is_not",
        ]
        labels = {
            "kind": "What kind of role is it?",
            "title": "Title",
            "group": "Group",
            "body": "Decision-making body (representative roles only)",
            "purpose": "Why the role exists",
            "activities": "What members do",
            "time_commitment": "How much time it takes",
            "meeting_pattern": "When and where meetings happen",
            "payment": "What is paid",
            "payment_details": "Details of payment",
            "what_it_is_not": "What the group is not",
        }
        help_texts = {
            "title": 'For example, "Member of the Diabetes Voices group".',
            "group": "The group members join, or whose active members may apply to represent it.",
            "purpose": "In plain English, a sentence or two.",
            "activities": "For example: read papers before meetings, share your experience, "
            "help us rank priorities.",
            "time_commitment": 'For example, "A two-hour meeting every month, plus an hour '
            'of reading".',
            "meeting_pattern": 'For example, "Tuesday afternoons at Fellside Health Centre, '
            'or online".',
            "payment_details": "How much the involvement payment is and when expenses are paid.",
            "what_it_is_not": "Say plainly that it is not a support group and not a course "
            "about managing diabetes, so nobody applies expecting help with their own care.",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "payment": forms.RadioSelect,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "activities": forms.Textarea(attrs={"rows": 5}),
            "payment_details": forms.Textarea(attrs={"rows": 3}),
            "what_it_is_not": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": "Enter the role's title"},
            "purpose": {"required": "Say why the role exists, in a sentence or two"},
            "activities": {"required": "Say what members do"},
            "time_commitment": {"required": "Say how much time the role takes"},
            "what_it_is_not": {"required": "Say what the group is not"},
        }

    def __init__(self, *args, organisations=None, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = RoleDescription.Kind.choices
        self.fields["payment"].choices = RoleDescription.Payment.choices
        org = organisation or (self.instance.organisation if self.instance.pk else None)
        if organisations is not None and org is None:
            organisations = organisations.order_by("name")
            if organisations.count() == 1:
                org = organisations.first()
            else:
                self.fields = {
                    "organisation": NameChoiceField(
                        queryset=organisations,
                        label="Organisation",
                        empty_label="Choose an organisation",
                        error_messages={"required": "Choose the organisation that is recruiting"},
                    ),
                    **self.fields,
                }
        self.organisation = org
        groups = (
            Group.objects.filter(organisation=org)
            if org
            else Group.objects.filter(organisation__in=organisations or [])
        )
        bodies = (
            DecisionMakingBody.objects.filter(organisation=org)
            if org
            else DecisionMakingBody.objects.filter(organisation__in=organisations or [])
        )
        self.fields["group"] = NameChoiceField(
            queryset=groups.order_by("name"),
            required=False,
            label=self._meta.labels["group"],
            help_text=self._meta.help_texts["group"],
            empty_label="No particular group",
        )
        self.fields["body"] = NameChoiceField(
            queryset=bodies.order_by("name"),
            required=False,
            label=self._meta.labels["body"],
            empty_label="Not a representative role",
        )

    def clean(self):
        data = super().clean()
        if "organisation" in self.fields and data.get("organisation"):
            self.organisation = data["organisation"]
        if data.get("kind") == RoleDescription.Kind.REPRESENTATIVE and not data.get("body"):
            self.add_error("body", "Choose the decision-making body the representative sits on")
        return data


class CriterionForm(TextLimits, forms.Form):
    """One line of the person specification and its scoring guide: a
    sentence for each score point from 0 to the highest score."""

    title = forms.CharField(
        label="Criterion",
        max_length=150,
        help_text='For example, "Able to speak up for others, not just themselves".',
        error_messages={"required": "Enter the criterion"},
    )
    question = forms.CharField(
        label="Question on the application form",
        help_text='Ask in plain English, for example: "Tell us about a time you spoke up '
        'for other people."',
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the question applicants answer for this criterion"},
    )
    essential = forms.TypedChoiceField(
        label="Is it essential or desirable?",
        choices=[("True", "Essential: applicants must meet it"), ("False", "Desirable")],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose essential or desirable"},
    )
    weight = forms.IntegerField(
        label="Weight",
        min_value=1,
        max_value=5,
        help_text="From 1 to 5. A criterion with weight 2 counts twice as much as weight 1.",
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={
            "required": "Enter a weight from 1 to 5",
            "invalid": "Weight must be a whole number, like 2",
            "min_value": "Weight must be 1 or more",
            "max_value": "Weight must be 5 or less",
        },
    )
    max_score = forms.IntegerField(
        label="Highest score",
        min_value=1,
        max_value=10,
        initial=4,
        help_text="Reviewers score from 0 to this. Most criteria use 0 to 4.",
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={
            "required": "Enter the highest score, like 4",
            "invalid": "The highest score must be a whole number, like 4",
            "min_value": "The highest score must be 1 or more",
            "max_value": "The highest score must be 10 or less",
        },
    )
    pass_mark = forms.IntegerField(
        label="Pass mark",
        min_value=0,
        initial=2,
        help_text="For an essential criterion: the lowest score that meets it.",
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={
            "required": "Enter the pass mark, like 2",
            "invalid": "The pass mark must be a whole number, like 2",
            "min_value": "The pass mark must be 0 or more",
        },
    )

    def __init__(self, *args, instance: Criterion | None = None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": instance.title,
                "question": instance.question,
                "essential": str(instance.essential),
                "weight": instance.weight,
                "max_score": instance.max_score,
                "pass_mark": instance.pass_mark,
                **{f"score_{k}": v for k, v in (instance.scoring_guide or {}).items()},
            }
        super().__init__(*args, **kwargs)
        self.fields["weight"].initial = 1
        self.fields["essential"].initial = "True"
        self.points = self._points()
        for point in range(self.points + 1):
            self.fields[f"score_{point}"] = forms.CharField(
                label=f"What a score of {point} means",
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "required": f"Write a sentence saying what a score of {point} means"
                },
            )

    def _points(self) -> int:
        raw = self.data.get("max_score") if self.is_bound else None
        if raw is None:
            raw = self.initial.get("max_score", 4)
        try:
            value = int(raw)
        except (TypeError, ValueError):
            return 4
        return value if 1 <= value <= 10 else 4

    def guide(self) -> dict[str, str]:
        return {
            str(point): self.cleaned_data.get(f"score_{point}", "")
            for point in range(self.points + 1)
        }

    def clean(self):
        data = super().clean()
        if (
            data.get("pass_mark") is not None
            and data.get("max_score") is not None
            and data["pass_mark"] > data["max_score"]
        ):
            self.add_error(
                "pass_mark",
                f"The pass mark must be between 0 and the highest score ({data['max_score']})",
            )
        return data


class OutreachChannelForm(TextLimits, forms.ModelForm):
    class Meta:
        model = OutreachChannel
        fields = ["name"]
        labels = {"name": "Add a channel"}
        help_texts = {"name": 'For example, "Mosque newsletter" or "Fellside FM".'}
        error_messages = {"name": {"required": "Enter the name of the channel"}}


class SignpostForm(TextLimits, forms.ModelForm):
    website = forms.URLField(
        label="Website",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address, like https://www.example.org"},
    )

    class Meta:
        model = SignpostEntry
        fields = ["name", "kind", "description", "phone", "website"]
        labels = {
            "name": "Name",
            "kind": "What kind of help is it?",
            "description": "What it offers and how to reach it",
            "phone": "Phone number",
            "website": "Website",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "name": {"required": "Enter the name of the service"},
            "kind": {"required": "Choose what kind of help it is"},
            "website": {"invalid": "Enter a web address, like https://www.example.org"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = SignpostEntry.Kind.choices
