"""Error messages that say what to do, for every field of every form.

Django's own messages ("This field is required.", "Ensure this value is less
than or equal to 100.", "Select a valid choice. x is not one of the available
choices.") never reach a person. A field that sets its own message keeps it;
one left with Django's wording gets a message in the NHS.UK style, named after
its label ("Enter the amount", "Miles must be 0 or more"). Applied to every
form by `TextLimits` (involvement.forms.text), which every form mixes in.
"""

from __future__ import annotations

from django import forms
from django.core import validators

__all__ = ["STOCK_PHRASES", "plain_messages"]

# The beginnings of Django's own messages: tests fail when one reaches a page.
STOCK_PHRASES = (
    "This field is required",
    "Ensure this value",
    "Ensure that there are no more than",
    "Select a valid choice",
    "Enter a whole number.",
    "Enter a number.",
    "Enter a valid",
    "Enter a list of values",
    "Enter a complete value",
    "No file was submitted",
    "The submitted file is empty",
    "Upload a valid image",
    "Please either submit a file",
    "Null characters are not allowed",
    "is not one of the available choices",
    "is not a valid value",
)


def _subject(field: forms.Field) -> str:
    label = str(field.label or "").strip().rstrip(":")
    if not label or label.endswith("?"):
        return "Your answer"
    return label


def _lower_first(text: str) -> str:
    # "Amount" -> "amount", but "NHS number" and "GP practice" stay as they are.
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _stock(field: forms.Field) -> dict[str, str]:
    """Django's messages for this field's class and its validators, by code."""
    stock: dict[str, str] = {}
    for cls in reversed(type(field).__mro__):
        stock.update({k: str(v) for k, v in getattr(cls, "default_error_messages", {}).items()})
    for validator_class in (
        validators.MaxValueValidator,
        validators.MinValueValidator,
        validators.MaxLengthValidator,
        validators.MinLengthValidator,
        validators.StepValueValidator,
    ):
        stock.setdefault(validator_class.code, str(validator_class.message))
    stock.setdefault("max_digits", str(validators.DecimalValidator.messages["max_digits"]))
    stock.setdefault(
        "max_decimal_places", str(validators.DecimalValidator.messages["max_decimal_places"])
    )
    stock.setdefault(
        "max_whole_digits", str(validators.DecimalValidator.messages["max_whole_digits"])
    )
    stock.setdefault("invalid", str(validators.EmailValidator.message))
    stock.setdefault("null_characters_not_allowed", "Null characters are not allowed.")
    return stock


def _plain(field: forms.Field) -> dict[str, str]:
    """The message for each code, for this field."""
    subject = _subject(field)
    question = subject == "Your answer"
    what = "your answer" if question else _lower_first(subject)
    choosing = isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField)
    if isinstance(field, forms.BooleanField):
        required = "Tick the box to go on" if question else f"Tick the box: {what}"
    elif isinstance(field, forms.FileField):
        required = f"Choose a file for {what}" if not question else "Choose a file"
    elif choosing:
        required = "Select an answer" if question else f"Select {what}"
    else:
        required = "Enter your answer" if question else f"Enter {what}"
    if isinstance(field, forms.IntegerField):
        invalid = f"{subject} must be a whole number, like 12"
    elif isinstance(field, forms.DecimalField | forms.FloatField):
        invalid = f"{subject} must be a number, like 3.50"
    elif isinstance(field, forms.EmailField):
        invalid = "Enter an email address in the correct format, like name@example.com"
    elif isinstance(field, forms.URLField):
        invalid = "Enter a web address in the correct format, like https://www.example.org"
    elif isinstance(field, forms.DateField | forms.DateTimeField):
        invalid = f"{subject} must be a real date, like 15 3 2026"
    elif isinstance(field, forms.TimeField):
        invalid = f"{subject} must be a real time, like 10:30am"
    elif isinstance(field, forms.FileField):
        invalid = "The selected file could not be read. Choose the file again"
    else:
        invalid = f"Check {what} and try again"
    unknown = "Choose one of the options shown" if question else f"Choose {what} from the options"
    return {
        "required": required,
        "invalid": invalid,
        "invalid_choice": unknown,
        "invalid_list": unknown,
        "invalid_pk_value": unknown,
        "incomplete": required,
        "max_value": f"{subject} must be %(limit_value)s or less",
        "min_value": f"{subject} must be %(limit_value)s or more",
        "step_size": f"{subject} must be a multiple of %(limit_value)s",
        "max_digits": f"{subject} is too large: use %(max)s digits or fewer",
        "max_decimal_places": f"{subject} can have up to %(max)s numbers after the decimal point",
        "max_whole_digits": f"{subject} is too large: use %(max)s digits or fewer before the point",
        "min_length": f"{subject} must be %(limit_value)s characters or more",
        "max_length": f"{subject} must be %(limit_value)s characters or fewer",
        "missing": "The selected file could not be read. Choose the file again",
        "empty": "The selected file is empty. Choose another file",
        "contradiction": "Either choose a new file or tick the box to remove the file, not both",
        "invalid_image": "The selected file must be a picture (JPG or PNG)",
        "null_characters_not_allowed": f"{subject} contains hidden control characters. "
        "Remove them and try again",
        "overflow": f"{subject} must be a real date, like 15 3 2026",
    }


def _codes_left_stock(field: forms.Field, stock: dict[str, str]) -> set[str]:
    """The codes whose message would be Django's: those in the field's own
    messages, and those of its validators that bring Django's wording (a
    validator with a message of the project's own keeps it)."""
    codes = {
        code for code, message in field.error_messages.items() if str(message) == stock.get(code)
    }
    for validator in field.validators:
        if isinstance(validator, validators.DecimalValidator):
            decimal = {"max_digits", "max_decimal_places", "max_whole_digits"}
            codes |= decimal - field.error_messages.keys()
            continue
        code = getattr(validator, "code", None)
        if (
            code
            and code not in field.error_messages
            and str(getattr(validator, "message", "")) == stock.get(code)
        ):
            codes.add(code)
    return codes


def plain_messages(field: forms.Field) -> None:
    """Replace each of Django's messages left on `field` (once)."""
    if getattr(field, "_plain_messages", False):
        return
    field._plain_messages = True
    stock = _stock(field)
    plain = _plain(field)
    subject = _subject(field)
    for code in _codes_left_stock(field, stock) & plain.keys():
        message = plain[code]
        if "%" in subject:
            # Messages are %-formatted with the validator's numbers: a % typed
            # into a label must not be read as a placeholder.
            message = message.replace(subject, subject.replace("%", "%%"))
        field.error_messages[code] = message
    for sub in getattr(field, "fields", ()):  # MultiValueField's parts
        plain_messages(sub)
