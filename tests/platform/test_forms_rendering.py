"""The NHS form renderer (FORM_RENDERER + templates/components/forms/) and the
`error_summary` tag: every Django form renders as NHS.UK form groups."""

import pytest
from django import forms
from django.template import Context, Template

from .helpers import element_by_id, tags


class ContactForm(forms.Form):
    name = forms.CharField(max_length=5, help_text="As it appears on your letters")
    colour = forms.ChoiceField(choices=[("red", "Red"), ("blue", "Blue")], widget=forms.RadioSelect)
    days = forms.MultipleChoiceField(
        choices=[("mon", "Monday"), ("tue", "Tuesday")],
        widget=forms.CheckboxSelectMultiple,
    )
    agree = forms.BooleanField()
    notes = forms.CharField(widget=forms.Textarea, min_length=10)
    size = forms.ChoiceField(choices=[("", "Choose a size"), ("s", "Small"), ("l", "Large")])

    def clean(self):
        if self.data.get("notes") == "clash":
            raise forms.ValidationError("These answers do not go together.")
        return super().clean()


ALL_WRONG = {"name": "Far too long", "notes": "short", "days": ["sun"], "size": ""}
FIELD_IDS = ["id_name", "id_colour", "id_days", "id_agree", "id_notes", "id_size"]


def render(template: str, form) -> str:
    return Template(template).render(Context({"form": form}))


@pytest.fixture
def invalid_form():
    form = ContactForm(data=ALL_WRONG)
    assert not form.is_valid()
    assert set(form.errors) == {"name", "colour", "days", "agree", "notes", "size"}
    return form


def test_every_field_in_error_is_in_an_error_form_group(invalid_form):
    html = render("{{ form }}", invalid_form)

    assert len(tags(html, "div", class_="nhsuk-form-group")) == 6
    assert len(tags(html, "div", class_="nhsuk-form-group--error")) == 6


def test_an_unbound_form_shows_no_errors():
    html = render("{{ form }}", ContactForm())

    assert len(tags(html, "div", class_="nhsuk-form-group")) == 6
    assert not tags(html, class_="nhsuk-form-group--error")
    assert not tags(html, class_="nhsuk-error-message")


@pytest.mark.parametrize("field_id", FIELD_IDS)
def test_each_error_message_sits_beside_its_field_and_is_announced_with_it(invalid_form, field_id):
    html = render("{{ form }}", invalid_form)

    message = element_by_id(html, f"{field_id}-error")
    assert "nhsuk-error-message" in message["class"]
    described = [
        t for t in tags(html) if f"{field_id}-error" in t.get("aria-describedby", "").split()
    ]
    assert len(described) == 1, described


def test_the_text_input_keeps_what_was_typed_and_links_hint_and_error(invalid_form):
    html = render("{{ form }}", invalid_form)

    name = element_by_id(html, "id_name")
    assert name["value"] == "Far too long"
    assert name["class"].split() == ["nhsuk-input", "nhsuk-input--error"]
    assert name["aria-describedby"] == "id_name-hint id_name-error"
    assert element_by_id(html, "id_name-hint")["class"] == "nhsuk-hint"
    assert "As it appears on your letters" in html
    assert tags(html, "label", **{"for": "id_name"})


def test_the_textarea_and_select_keep_what_was_entered(invalid_form):
    form = ContactForm(data={**ALL_WRONG, "size": "l"})
    html = render("{{ form }}", form)

    assert "nhsuk-textarea--error" in element_by_id(html, "id_notes")["class"]
    assert ">\nshort</textarea>" in html
    selected = tags(html, "option", value="l")
    assert len(selected) == 1 and "selected" in selected[0]
    assert "nhsuk-select" in element_by_id(html, "id_size")["class"]


def test_radios_are_a_fieldset_with_a_legend_and_keep_the_choice():
    form = ContactForm(data={**ALL_WRONG, "colour": "blue"})
    html = render("{{ form }}", form)

    radios = tags(html, "input", name="colour")
    assert [r["type"] for r in radios] == ["radio", "radio"]
    assert [r["id"] for r in radios] == ["id_colour_0", "id_colour_1"]
    assert ["checked" in r for r in radios] == [False, True]
    assert all("nhsuk-radios__input" in r["class"] for r in radios)
    assert (
        '<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Colour</legend>' in html
    )


def test_checkboxes_are_a_fieldset_of_checkboxes_and_keep_the_ticks():
    form = ContactForm(data={**ALL_WRONG, "days": ["tue"]})
    html = render("{{ form }}", form)

    boxes = tags(html, "input", name="days")
    assert [b["type"] for b in boxes] == ["checkbox", "checkbox"]
    assert ["checked" in b for b in boxes] == [False, True]
    assert all("nhsuk-checkboxes__input" in b["class"] for b in boxes)
    assert tags(html, "div", class_="nhsuk-checkboxes")
    assert ">Days</legend>" in html
    assert len(tags(html, "fieldset", class_="nhsuk-fieldset")) == 2  # radios + checkboxes


def test_fieldset_points_at_its_error_message_without_a_stray_space(invalid_form):
    html = render("{{ form }}", invalid_form)

    fieldsets = tags(html, "fieldset")
    assert [f["aria-describedby"] for f in fieldsets] == ["id_colour-error", "id_days-error"]


def test_a_single_checkbox_keeps_its_tick():
    form = ContactForm(data={**ALL_WRONG, "agree": "on"})
    html = render("{{ form }}", form)

    agree = element_by_id(html, "id_agree")
    assert agree["type"] == "checkbox"
    assert "checked" in agree
    assert not tags(html, id="id_agree-error")


def test_error_summary_lists_every_error_linking_to_its_field(invalid_form):
    html = render("{% error_summary form %}{{ form }}", invalid_form)

    assert "There is a problem" in html
    summary = html.split('<div class="nhsuk-form-group')[0]
    hrefs = [a["href"] for a in tags(summary, "a")]
    assert hrefs == [
        "#id_name",
        "#id_colour_0",  # a radio group has no input of its own: the first radio
        "#id_days_0",
        "#id_agree",
        "#id_notes",
        "#id_size",
    ]
    for href in hrefs:
        element_by_id(html, href.removeprefix("#"))  # the link lands on an input
    for message in ["Ensure this value has at most 5 characters", "This field is required."]:
        assert message in summary


def test_error_summary_links_a_form_wide_error_to_the_main_content():
    form = ContactForm(
        data={
            "name": "Ann",
            "colour": "red",
            "days": ["mon"],
            "agree": "on",
            "notes": "clash",
            "size": "s",
        }
    )
    assert form.errors == {
        "notes": ["Ensure this value has at least 10 characters (it has 5)."],
        "__all__": ["These answers do not go together."],
    }

    html = render("{% error_summary form %}", form)

    assert [a["href"] for a in tags(html, "a")] == ["#maincontent", "#id_notes"]


def test_error_summary_is_empty_for_a_form_without_errors():
    assert render("{% error_summary form %}", ContactForm()).strip() == ""
    valid = ContactForm(
        data={
            "name": "Ann",
            "colour": "red",
            "days": ["mon"],
            "agree": "on",
            "notes": "Nothing to add today.",
            "size": "s",
        }
    )
    assert valid.is_valid(), valid.errors
    assert render("{% error_summary form %}", valid).strip() == ""


def test_a_hint_is_text_never_markup():
    """A hint naming something people typed (a group's name, say) is escaped."""
    form = ContactForm()
    form.fields["name"].help_text = "As <b>Fellside</b> wrote it"

    html = render("{{ form }}", form)

    assert "<b>Fellside</b>" not in html
    assert "As &lt;b&gt;Fellside&lt;/b&gt; wrote it" in html
