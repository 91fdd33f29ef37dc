"""Forms for copying a framework and rewording an organisation's copy."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coreflect.forms import CoreflectForm

TEXT_LIMIT = 5000


class CopyForm(CoreflectForm):
    title = forms.CharField(
        label=_("Name for your copy"),
        help_text=_("People taking part will see this name."),
        max_length=200,
        error_messages={
            "required": _("Enter a name for your copy"),
            "max_length": _("The name must be 200 characters or fewer"),
        },
    )


class WordingForm(CoreflectForm):
    """One text field per piece of wording in a section, pre-filled with the current words."""

    def __init__(self, fields: list[dict], *args, **kwargs):
        # The views pass the posted data positionally and never `initial`, which this form sets itself.
        super().__init__(*args, initial={field["name"]: field["value"] for field in fields}, **kwargs)  # type: ignore[misc]
        for field in fields:
            widget = (
                forms.Textarea(attrs={"rows": 5 if len(field["value"]) > 300 else 3})
                if field["long"]
                else forms.TextInput
            )
            self.fields[field["name"]] = forms.CharField(
                label=field["label"],
                max_length=TEXT_LIMIT,
                widget=widget,
                strip=True,
                error_messages={
                    "required": _("Enter the wording for %(label)s – it cannot be left empty")
                    % {"label": field["label"]},
                    "max_length": _("%(label)s must be %(limit)s characters or fewer")
                    % {"label": field["label"], "limit": TEXT_LIMIT},
                },
            )
