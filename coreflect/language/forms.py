"""Forms of the language lens: an organisation's own entry, switching a built-in entry off, and the
"check a document" form (pasted text or a Word document)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coreflect.forms import CoreflectForm, CoreflectModelForm

from .lens import theme_label
from .models import OwnEntry, lines
from .phrases import builtin

MAX_PASTED_CHARACTERS = 200_000  # about 30,000 words
MAX_LINES = 30
ONE_A_LINE = _("Put each word or phrase on its own line.")


def _check_lines(value: str, label: str) -> None:
    found = lines(value)
    if len(found) > MAX_LINES:
        raise forms.ValidationError(
            _("%(label)s can have up to %(limit)s lines") % {"label": label, "limit": MAX_LINES}
        )
    for line in found:
        if len(line) < 2 or len(line) > 200:
            raise forms.ValidationError(
                _("%(label)s: each line must be between 2 and 200 characters") % {"label": label}
            )


class OwnEntryForm(CoreflectModelForm):
    class Meta:
        model = OwnEntry
        fields = ["words_en", "words_cy", "theme", "why_en", "why_cy", "instead_en", "instead_cy"]
        labels = {
            "words_en": _("Words to look for, in English"),
            "words_cy": _("Words to look for, in Welsh (optional)"),
            "theme": _("Theme"),
            "why_en": _("Why it matters, in English"),
            "why_cy": _("Why it matters, in Welsh (optional)"),
            "instead_en": _("Words to use instead, in English"),
            "instead_cy": _("Words to use instead, in Welsh (optional)"),
        }
        help_texts = {
            "words_en": _(
                "Put each word or phrase on its own line. Plurals are found too: “patient” also finds “patients”."
            ),
            "words_cy": _("Put each word or phrase on its own line, with each mutated form you want found."),
            "why_en": _("One plain sentence."),
            "instead_en": ONE_A_LINE,
            "instead_cy": _("Put each suggestion on its own line, in the same order as the English."),
        }
        widgets = {
            "words_en": forms.Textarea(attrs={"rows": 3}),
            "words_cy": forms.Textarea(attrs={"rows": 3}),
            "instead_en": forms.Textarea(attrs={"rows": 3}),
            "instead_cy": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "why_en": {
                "required": _("Enter why it matters, in English"),
                "max_length": _("Why it matters must be 500 characters or fewer"),
            },
            "why_cy": {"max_length": _("Why it matters, in Welsh, must be 500 characters or fewer")},
            "instead_en": {"required": _("Enter at least one word or phrase to use instead, in English")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"] = forms.ChoiceField(
            label=_("Theme"),
            choices=[("", _("Choose a theme"))] + [(key, theme_label(key)) for key, _text in builtin().themes],
            error_messages={"required": _("Choose a theme"), "invalid_choice": _("Choose a theme")},
        )

    def clean_words_en(self):
        value = self.cleaned_data["words_en"]
        _check_lines(value, str(_("Words to look for, in English")))
        return value

    def clean_words_cy(self):
        value = self.cleaned_data["words_cy"]
        _check_lines(value, str(_("Words to look for, in Welsh")))
        return value

    def clean_instead_en(self):
        value = self.cleaned_data["instead_en"]
        _check_lines(value, str(_("Words to use instead, in English")))
        return value

    def clean_instead_cy(self):
        value = self.cleaned_data["instead_cy"]
        _check_lines(value, str(_("Words to use instead, in Welsh")))
        return value

    def clean(self):
        cleaned = super().clean() or {}
        words_checked = "words_en" not in self.errors and "words_cy" not in self.errors
        if words_checked and not lines(cleaned.get("words_en", "")) and not lines(cleaned.get("words_cy", "")):
            self.add_error("words_en", _("Enter at least one word or phrase to look for, in English or Welsh"))
        return cleaned


class SwitchOffForm(CoreflectForm):
    reason = forms.CharField(
        label=_("Why are you switching this off?"),
        help_text=_("Everyone in your organisation who can see the phrase list will see your reason."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Enter why you are switching this off"),
            "max_length": _("The reason must be 500 characters or fewer"),
        },
    )


class CheckForm(CoreflectForm):
    text = forms.CharField(
        label=_("Paste the text"),
        required=False,
        strip=False,
        max_length=MAX_PASTED_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"max_length": _("The text must be 200,000 characters or fewer. Check it in parts.")},
    )
    document = forms.FileField(
        label=_("Or choose a Word document (.docx)"),
        help_text=_("Up to 5 MB."),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".docx"}),
        error_messages={"empty": _("The chosen file is empty"), "invalid": _("Choose a Word document (.docx)")},
    )

    def __init__(self, *args, too_big: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_big = too_big

    def clean(self):
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        text, document = cleaned.get("text") or "", cleaned.get("document")
        if self.too_big:
            self.add_error("document", _("The file must be smaller than 5 MB"))
        elif document is not None and text.strip():
            self.add_error("document", _("Paste some text or choose a document, not both"))
        elif document is not None and not document.name.lower().endswith(".docx"):
            self.add_error("document", _("The file must be a Word document (.docx)"))
        elif document is None and not text.strip():
            self.add_error("text", _("Paste some text or choose a Word document to check"))
        return cleaned
