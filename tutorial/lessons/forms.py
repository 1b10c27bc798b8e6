"""The rules for what a learner may type into the lessons' forms.

A refusal is a form error with a message that says why; the action then changes nothing.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tutorial.lessons.exercises import SITE_KEYS

KEY_PATTERN = re.compile(r"[A-Za-z0-9_]{1,40}")
MAX_VALUE_LENGTH = 200
MAX_PLAYGROUND_KEYS = 20


def playground_keys(session):
    """The keys the playground may touch that are in the session now (the ones that count)."""
    keys = session.keys()  # a session has keys() like a dict, but cannot be iterated itself
    return [key for key in keys if not key.startswith("_") and key not in SITE_KEYS]


def validate_key(key):
    if key.startswith("_"):
        raise ValidationError(
            _(
                "Keys that start with _ are Django's own (your login is kept under them), "
                "so the playground leaves them alone."
            ),
            code="reserved",
        )
    if not KEY_PATTERN.fullmatch(key):
        raise ValidationError(
            _("A key may use only letters, digits and _, and at most 40 characters."),
            code="invalid",
        )
    if key in SITE_KEYS:
        raise ValidationError(
            _(
                "“%(key)s” is one of the site's own keys (the cart, your lesson progress, "
                "your login time); choose another."
            ),
            code="site_key",
            params={"key": key},
        )


class KeyForm(forms.Form):
    # strip=False: a key with a space in it is refused, not silently trimmed.
    key = forms.CharField(
        strip=False,
        validators=[validate_key],
        error_messages={"required": _("Type a key first.")},
    )

    def __init__(self, data, session):
        super().__init__(data)
        self.session = session


def value_field():
    return forms.CharField(
        strip=False,
        required=False,
        max_length=MAX_VALUE_LENGTH,
        error_messages={"max_length": _("A value may be at most 200 characters.")},
    )


class KeyValueForm(KeyForm):
    value = value_field()

    def clean(self):
        data = super().clean()
        key = data.get("key")
        if (
            key
            and key not in self.session
            and (len(playground_keys(self.session)) >= MAX_PLAYGROUND_KEYS)
        ):
            raise ValidationError(
                _("The playground holds at most %(limit)d keys; delete one first."),
                code="too_many",
                params={"limit": MAX_PLAYGROUND_KEYS},
            )
        return data


class KeyDefaultForm(KeyForm):
    default = value_field()


def first_error(form):
    """The first error message of an invalid form, for a one-line refusal."""
    for errors in form.errors.values():
        return errors[0]
    return ""
