"""Forms for copying a framework, rewording an organisation's copy, recording a check of its Welsh or Easy
Read wording, and uploading a picture."""

import re
from collections.abc import Sequence
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coreflect.date_input import DateInputField
from coreflect.forms import CoreflectForm

from .models import PictureLicence
from .pictures import openmoji_exists
from .schema import PICTURE_PATTERN
from .uploads import MAX_BYTES, PictureRefused, clean, upload_id

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
    """Three text fields per piece of wording in a section – English, and the optional Welsh and Easy Read
    beside it – pre-filled with the current words, and a picture field for each stage or statement."""

    def __init__(self, fields: list[dict], data=None, *, pictures: Sequence[dict] = (), own_pictures=frozenset()):
        initial = {}
        for field in fields:
            initial[field["name"]] = field["value"]
            initial[f"{field['name']}__cy"] = field["cy"]
            initial[f"{field['name']}__easy_read"] = field["easy_read"]
        initial.update({picture["name"]: picture["value"] for picture in pictures})
        super().__init__(data, initial=initial)
        self.own_pictures = frozenset(own_pictures)
        self.groups: list[list[str]] = []
        for field in fields:
            label, name = field["label"], field["name"]
            rows = 5 if len(field["value"]) > 300 else 3
            for suffix, language, required in (("", "en", True), ("__cy", "cy", False), ("__easy_read", "en", False)):
                self.fields[name + suffix] = forms.CharField(
                    label=VARIANT_LABELS[suffix] % {"label": label},
                    required=required,
                    max_length=TEXT_LIMIT,
                    widget=forms.Textarea(attrs={"rows": rows, "lang": language})
                    if field["long"]
                    else forms.TextInput(attrs={"lang": language}),
                    strip=True,
                    error_messages={
                        "required": _("Enter the wording for %(label)s – it cannot be left empty") % {"label": label},
                        "max_length": _("%(label)s must be %(limit)s characters or fewer")
                        % {"label": VARIANT_LABELS[suffix] % {"label": label}, "limit": TEXT_LIMIT},
                    },
                )
            self.groups.append([name, f"{name}__cy", f"{name}__easy_read"])
        for picture in pictures:
            self.fields[picture["name"]] = forms.CharField(
                label=_("%(label)s: picture") % {"label": picture["label"]},
                help_text=_(
                    "An OpenMoji code, such as 1F91D for a handshake, or the code of one of your own pictures, "
                    "such as upload-3. Leave it empty for no picture."
                ),
                required=False,
                max_length=80,
                widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
                strip=True,
                validators=[self._check_picture],
            )
            # Beside the stage's or statement's own wording, and in that order in the error summary too.
            prefix = picture["name"].removesuffix("picture")
            after = [i for i, group in enumerate(self.groups) if group[0].startswith(prefix)]
            self.groups.insert(after[-1] + 1 if after else len(self.groups), [picture["name"]])
        self.fields = {name: self.fields[name] for group in self.groups for name in group}

    def _check_picture(self, code: str) -> None:
        message = _(
            "Enter a picture code that exists, such as 1F91D from OpenMoji, or upload-3 for one of your own pictures"
        )
        if not re.fullmatch(PICTURE_PATTERN, code):
            raise ValidationError(message)
        uploaded = upload_id(code)
        if uploaded is None and not openmoji_exists(code):
            raise ValidationError(message)
        if uploaded is not None and uploaded not in self.own_pictures:
            raise ValidationError(message)

    def wording(self) -> dict[str, str]:
        """Each piece of wording's field (not the pictures) with the words it was filled in with."""
        return {name: self.initial.get(name) or "" for group in self.groups if len(group) == 3 for name in group}

    def grouped(self) -> list[list]:
        """The bound fields a piece of wording (or a picture) at a time, for the page to set apart."""
        return [[self[name] for name in group] for group in self.groups]


VARIANT_LABELS = {
    "": _("%(label)s (English)"),
    "__cy": _("%(label)s (Welsh)"),
    "__easy_read": _("%(label)s (Easy Read)"),
}


class CheckForm(CoreflectForm):
    """Recording that a version's Welsh or Easy Read wording was checked: which, by whom, and when."""

    variant = forms.ChoiceField(
        label=_("Which wording was checked?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the wording that was checked"),
            "invalid_choice": _("Select the wording that was checked"),
        },
    )
    checked_by = forms.CharField(
        label=_("Who checked it?"),
        help_text=_("For example, “Our Welsh language officer” or “Speak Up Sefton group”."),
        max_length=200,
        error_messages={
            "required": _("Enter who checked the wording"),
            "max_length": _("Who checked it must be 200 characters or fewer"),
        },
    )
    checked_on = DateInputField(
        label=_("When was it checked?"), help_text=_("For example, 1 12 2026"), name_in_errors=_("The date")
    )

    def __init__(self, variants: Sequence[tuple[str, str]], data=None):
        super().__init__(data)
        cast(forms.ChoiceField, self.fields["variant"]).choices = list(variants)

    def clean_checked_on(self):
        day = self.cleaned_data.get("checked_on")
        if day is None:
            raise ValidationError(_("Enter the date it was checked"))
        if day > timezone.localdate():
            raise ValidationError(_("The date it was checked must be today or in the past"))
        return day


class PictureForm(CoreflectForm):
    """Uploading one of the organisation's own openly licensed pictures."""

    picture = forms.FileField(
        label=_("Picture file"),
        help_text=_("A PNG or JPEG, smaller than 2 MB."),
        error_messages={"required": _("Select a picture to upload"), "empty": _("The picture you chose is empty")},
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg", "class": "govuk-file-upload"}),
    )
    description = forms.CharField(
        label=_("What does the picture show?"),
        help_text=_("For example, “Two people shaking hands”. This helps you find it when choosing pictures."),
        max_length=200,
        error_messages={
            "required": _("Enter what the picture shows"),
            "max_length": _("What the picture shows must be 200 characters or fewer"),
        },
    )
    licence = forms.ChoiceField(
        label=_("Licence"),
        help_text=_("Only openly licensed pictures can be used. You must have the right to share this picture."),
        choices=PictureLicence.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the picture’s licence")},
    )
    credit = forms.CharField(
        label=_("Credit"),
        help_text=_(
            "Who made the picture and where it came from, as its licence asks, for example “Picture by Sam Lee, Speak Up Sefton”."
        ),
        max_length=300,
        error_messages={
            "required": _("Enter the credit for the picture"),
            "max_length": _("The credit must be 300 characters or fewer"),
        },
    )

    def clean_picture(self):
        upload = self.cleaned_data["picture"]
        if upload.size > MAX_BYTES:
            raise ValidationError(_("The picture must be smaller than 2 MB"))
        try:
            return clean(upload.read())
        except PictureRefused as refused:
            raise ValidationError(str(refused)) from None
