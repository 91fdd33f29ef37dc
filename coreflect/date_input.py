"""GOV.UK's date input: a date typed as day, month and year in three boxes, with GOV.UK's error messages.

`DateInputField(label=..., name_in_errors=...)` renders as the design system's date input component (a
fieldset, a hint, and the three boxes), so nobody has to guess a date format. Its messages follow the
GOV.UK pattern: "Review date must include a month", "Review date must be a real date". Left empty it is
`None` (the field is optional).
"""

import datetime
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coreflect.forms import GovukBoundField

PARTS = ("day", "month", "year")
LABELS = {"day": _("Day"), "month": _("Month"), "year": _("Year")}


class DateInputWidget(forms.MultiWidget):
    """Three text boxes named `<name>_day`, `<name>_month` and `<name>_year` (ids `<id>_0`, `_1`, `_2`)."""

    def __init__(self, attrs=None):
        boxes: dict[str, forms.Widget | type[forms.Widget]] = {
            part: forms.TextInput(attrs={"inputmode": "numeric"}) for part in PARTS
        }
        super().__init__(boxes, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateInputBoundField(GovukBoundField):
    @property
    def boxes(self) -> list[dict]:
        """Each box as the template writes it: name, id, label and what is in it (as typed, or as saved)."""
        value = self.value()
        if not isinstance(value, list | tuple):
            value = cast(DateInputWidget, self.field.widget).decompress(value)
        return [
            {
                "name": f"{self.html_name}_{part}",
                "id": f"{self.auto_id}_{index}",
                "label": LABELS[part],
                "value": "" if typed is None else typed,
                "wide": part == "year",
            }
            for index, (part, typed) in enumerate(zip(PARTS, value, strict=False))
        ]


class DateInputField(forms.MultiValueField):
    widget = DateInputWidget
    bound_field_class = DateInputBoundField

    def __init__(self, *, name_in_errors, **kwargs):
        self.name_in_errors = name_in_errors
        parts = [forms.CharField(required=False, strip=True) for _part in PARTS]
        kwargs["required"] = False
        kwargs.setdefault("template_name", "govuk/forms/date_input.html")
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(value or "").strip() for value in data_list)
        missing = [name for name, value in zip(PARTS, (day, month, year), strict=True) if not value]
        name = self.name_in_errors
        if missing:
            words = {"day": _("a day"), "month": _("a month"), "year": _("a year")}
            if len(missing) == 2:
                raise ValidationError(
                    _("%(name)s must include %(first)s and %(second)s")
                    % {"name": name, "first": words[missing[0]], "second": words[missing[1]]}
                )
            raise ValidationError(_("%(name)s must include %(part)s") % {"name": name, "part": words[missing[0]]})
        if not (day.isascii() and day.isdigit() and month.isascii() and month.isdigit() and year.isascii()):
            raise ValidationError(_("%(name)s must be a real date") % {"name": name})
        if not (year.isdigit() and len(year) == 4):
            raise ValidationError(_("Year must include 4 numbers"))
        try:
            return datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise ValidationError(_("%(name)s must be a real date") % {"name": name}) from None
