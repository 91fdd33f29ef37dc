"""Forms for personal invitations: emailing them, printing them as slips, the "personal links only" setting,
and the one question a person starting from a personal link may be asked (their name, in named rounds)."""

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coreflect.forms import CoreflectForm

from .invitations import MAX_PERSONAL_LINKS
from .sharing import InvitationForm

OPEN, PERSONAL = "open", "personal"


def _perspective_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=gettext_lazy("Who are these invitations for?"),
        help_text=gettext_lazy(
            "Each invitation starts one person with this perspective. Make a separate batch for each group."
        ),
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Select who these invitations are for"),
            "invalid_choice": gettext_lazy("Select one of the perspectives in the list"),
        },
    )


class _ForPerspective:
    """A form whose `perspective` choices are the round's perspectives; cleaned, it is the Perspective."""

    fields: dict
    cleaned_data: dict

    def _set_perspectives(self, round_) -> None:
        self.perspectives = {str(p.pk): p for p in round_.perspectives.all()}
        cast(forms.ChoiceField, self.fields["perspective"]).choices = [
            (pk, p.label) for pk, p in self.perspectives.items()
        ]

    def clean_perspective(self):
        return self.perspectives[self.cleaned_data["perspective"]]


class PersonalEmailForm(_ForPerspective, InvitationForm):
    perspective = _perspective_field()
    field_order = ["perspective", "addresses", "message"]

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_perspectives(round_)
        self.fields["addresses"].help_text = gettext_lazy(
            "One per line, or separated by commas. Each person gets their own link, which starts one reflection. "
            "Addresses are used only to send the links and are never kept."
        )

    def clean_addresses(self) -> list[str]:
        addresses = super().clean_addresses()
        if len(addresses) > MAX_PERSONAL_LINKS:
            raise ValidationError(
                _(
                    "You can send up to %(max)s personal invitations at once. You entered %(count)s: send them in smaller groups."
                )
                % {"max": MAX_PERSONAL_LINKS, "count": len(addresses)}
            )
        return addresses


class SlipsForm(_ForPerspective, CoreflectForm):
    perspective = _perspective_field()
    count = forms.IntegerField(
        label=gettext_lazy("How many slips?"),
        help_text=gettext_lazy("Up to 200. There are 8 slips on each sheet of A4."),
        min_value=1,
        max_value=MAX_PERSONAL_LINKS,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        error_messages={
            "required": gettext_lazy("Enter how many slips to print, for example 8"),
            "invalid": gettext_lazy("How many slips must be a whole number, like 8"),
            "min_value": gettext_lazy("Print at least 1 slip"),
            "max_value": gettext_lazy("You can print up to 200 slips at once"),
        },
    )

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_perspectives(round_)


class PersonalLinksOnlyForm(CoreflectForm):
    who = forms.ChoiceField(
        label=gettext_lazy("Who can take part?"),
        help_text=gettext_lazy(
            "Either way, a workshop you run for this round lets the people in the room join with its code."
        ),
        choices=[
            (OPEN, gettext_lazy("Anyone with the round’s link, as well as people with a personal invitation")),
            (PERSONAL, gettext_lazy("Only people with a personal invitation")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Select who can take part"),
            "invalid_choice": gettext_lazy("Select who can take part"),
        },
    )

    @property
    def only(self) -> bool:
        return self.cleaned_data["who"] == PERSONAL


class InvitedStartForm(CoreflectForm):
    """Nothing to ask in an anonymous round; a name in a named one (the perspective came with the link)."""

    name = forms.CharField(
        label=gettext_lazy("Your name"),
        help_text=gettext_lazy("This round is named: the people running it will see your name beside your answers."),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={
            "required": gettext_lazy("Enter your name"),
            "max_length": gettext_lazy("Your name must be 150 characters or fewer"),
        },
    )

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        if round_.anonymous:
            del self.fields["name"]
