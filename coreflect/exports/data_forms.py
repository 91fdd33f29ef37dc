"""The form an admin fills in before downloading an anonymous round's raw data."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coreflect.forms import CoreflectForm

from .models import Format

RAW_FORMATS = [
    (Format.CSV, _("CSV (one file with each person’s answers)")),
    (Format.EXCEL, _("Excel workbook (.xlsx)")),
    (Format.JSON, _("JSON")),
]


class RawDataForm(CoreflectForm):
    format = forms.ChoiceField(
        label=_("Which file type?"),
        choices=RAW_FORMATS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a file type"), "invalid_choice": _("Select a file type from the list")},
    )
    understood = forms.BooleanField(
        label=_(
            "I understand that this file shows each person’s answers, and that my name and the time will be recorded"
        ),
        error_messages={"required": _("Confirm that you understand what raw data shows before you download it")},
    )
