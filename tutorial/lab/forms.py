from django import forms
from django.utils.translation import gettext_lazy as _

from tutorial.lab import engines


class SwitchForm(forms.Form):
    """Which engine to move this session to, and whether its data comes along."""

    BRING, EMPTY = "bring", "empty"

    engine = forms.ChoiceField(
        label=_("Move my session to"),
        choices=[(name, name) for name in engines.ENGINES],
        error_messages={"invalid_choice": _("Choose one of the five engines.")},
    )
    data = forms.ChoiceField(
        label=_("My data"),
        choices=[
            (BRING, _("Bring my data (and stay logged in)")),
            (EMPTY, _("Start empty")),
        ],
        initial=BRING,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose whether to bring your data.")},
    )
