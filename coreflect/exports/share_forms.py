"""The form a facilitator fills in to make a share link."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coreflect.forms import CoreflectForm

from .share import DEFAULT_DAYS, LONGEST_DAYS


class ShareLinkForm(CoreflectForm):
    label = forms.CharField(
        label=_("Who is the link for? (optional)"),
        help_text=_("For example, ‘Health and wellbeing board, March meeting’. Only your organisation sees this."),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Keep who it is for to 200 characters or fewer")},
    )
    days = forms.IntegerField(
        label=_("How many days should the link work for?"),
        help_text=format_lazy(_("From 1 to {longest} days. After that, the link stops working."), longest=LONGEST_DAYS),
        initial=DEFAULT_DAYS,
        min_value=1,
        max_value=LONGEST_DAYS,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": _("Enter how many days the link should work for, for example 30"),
            "invalid": _("The number of days must be a whole number, like 30"),
            "min_value": _("The link must work for at least 1 day"),
            "max_value": _("The link can work for %(limit_value)s days at most"),
        },
    )
