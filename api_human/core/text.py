"""Names of organisations and people, without invisible tricks.

A name is shown to people who decide on it (the team approving a partner, a partner reading who
its contact is). Characters that do not show — zero-width spaces and joiners, text-direction
overrides and isolates (the "RLO" trick: ``evil<U+202E>gpj.exe`` reads as ``evilexe.jpg``), the
soft hyphen, the byte-order mark, and every other format (``Cf``) or control character — let two
names look the same while they differ, or make one read backwards. They are refused, never
silently removed, so what is stored is what the person typed.

Compatibility forms are folded with NFKC: a full-width ``Ｕｎｉｐｅｒ`` is stored as ``Uniper``, so
it is not a second organisation that only looks like the first.

* ``InvisibleCharactersValidator`` / ``refuse_invisible`` — the validator (model fields, forms and
  serializers), code ``invisible_characters``; the class is a RegexValidator, so the OpenAPI
  document states the rule as a ``pattern``;
* ``normalise`` — NFKC;
* ``name_key`` — what two names are compared by (NFKC, case folded, spaces collapsed);
* ``NameField`` (DRF) and ``NameFormField`` (Django forms) do both;
* ``local_date`` — a date in the active language's one style, for sentences and exports.
"""

import unicodedata
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.utils import formats, timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# Format characters (zero-width, bidi controls, soft hyphen, BOM...), controls, and the line and
# paragraph separators: none of them shows in a name.
INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Zl", "Zp"})
# The same characters of the Basic Multilingual Plane as a regular-expression class (Unicode 14, Python
# 3.11; a test checks that the two agree), for the ``pattern`` of the OpenAPI document. The format
# characters beyond it (tags, Egyptian and musical format controls...) are refused too, but an ECMA
# pattern without the ``u`` flag cannot name them.
INVISIBLE_CLASS = (
    r"\u0000-\u001f\u007f-\u009f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e"
    r"\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
INVISIBLE_MESSAGE = _(
    "Remove the invisible characters from this name (%(characters)s): zero-width and text-direction "
    "characters are not accepted."
)


def invisible_characters(value: str) -> list[str]:
    """The invisible characters of ``value``, as ``U+XXXX``, each once, in order of appearance."""
    found = []
    for char in value or "":
        if unicodedata.category(char) in INVISIBLE_CATEGORIES:
            code = f"U+{ord(char):04X}"
            if code not in found:
                found.append(code)
    return found


def refuse_invisible(value) -> None:
    """Validator: a name with an invisible character is refused (code ``invisible_characters``)."""
    if not isinstance(value, str):
        return
    found = invisible_characters(value)
    if found:
        raise ValidationError(
            INVISIBLE_MESSAGE, code="invisible_characters", params={"characters": ", ".join(found)}
        )


@deconstructible
class InvisibleCharactersValidator(RegexValidator):
    """``refuse_invisible`` as a RegexValidator: the same check and message, and a ``pattern`` for
    the OpenAPI document (drf-spectacular reads it from the field's validators)."""

    regex = rf"\A[^{INVISIBLE_CLASS}]*\Z"
    code = "invisible_characters"
    message = INVISIBLE_MESSAGE

    def __call__(self, value):
        refuse_invisible(value)


def normalise(value):
    """NFKC: compatibility forms (full-width letters, ligatures, presentation forms) become plain ones."""
    return unicodedata.normalize("NFKC", value) if isinstance(value, str) else value


def name_key(value: str) -> str:
    """What two names are compared by: NFKC, case folded, runs of spaces as one, no spaces around."""
    return " ".join(normalise(value or "").casefold().split())


def normalise_fields(instance, names) -> None:
    """NFKC the named text attributes of a model instance (for ``Model.clean``)."""
    for name in names:
        setattr(instance, name, normalise(getattr(instance, name)))


class NameField(serializers.CharField):
    """A name in the API: NFKC-normalised, refused when it holds invisible characters."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(InvisibleCharactersValidator())

    def to_internal_value(self, data):
        return normalise(super().to_internal_value(data))


class NameFormField(forms.CharField):
    """A name in a browser form: NFKC-normalised, refused when it holds invisible characters."""

    default_validators = [InvisibleCharactersValidator()]

    def to_python(self, value):
        return normalise(super().to_python(value))


def local_date(value) -> str:
    """A date (or an ISO date string kept in a record's details) in the one style of the active
    language (``api_human/formats``): for sentences, exports and the PDF alike."""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return formats.date_format(value, "DATE_FORMAT")


@deconstructible
class NotBeforeValidator(MinValueValidator):
    """A date no earlier than ``limit_value`` — a rule of the domain that an OpenAPI ``date`` cannot state,
    so it answers with its own code (``too_early``), not the format's ``min_value``."""

    code = "too_early"


@deconstructible
class NotInFutureValidator:
    """A date of something that has happened: no later than today (the day the record is saved), with its
    own code (``in_future``)."""

    code = "in_future"
    message = _("Enter a date that is not in the future.")

    def __call__(self, value):
        if value is not None and value > timezone.localdate():
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, NotInFutureValidator)
