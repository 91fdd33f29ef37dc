"""The forms that confirm a deletion: typing the name of what goes (a round, an organisation), or one's password
(one's own account). Nothing is deleted by a slip of the finger or an unattended laptop."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coreflect.accounts.forms import ConfirmPasswordForm
from coreflect.forms import CoreflectForm


def same_text(typed: str, expected: str) -> bool:
    """Whether what was typed is the name, give or take spaces."""
    # Spaces are easy to get wrong when typing and do not change which thing is meant.
    return " ".join(typed.split()) == " ".join(expected.split())


class ConfirmByTypingForm(CoreflectForm):
    """Type a name exactly as shown. Pass the name and the words: label, hint, and what to say when the field
    is empty or the name does not match."""

    confirm = forms.CharField(
        max_length=300, widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"})
    )

    def __init__(
        self, *args: Any, expected: str, label: str, hint: str, required: str, mismatch: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.expected, self.mismatch = expected, mismatch
        field = self.fields["confirm"]
        field.label, field.help_text = label, hint
        field.error_messages = {"required": required, "max_length": mismatch}

    def clean_confirm(self) -> str:
        typed = self.cleaned_data["confirm"]
        if not same_text(typed, self.expected):
            raise forms.ValidationError(self.mismatch)
        return typed


class DeleteAccountForm(ConfirmPasswordForm):
    """One's own password, checked as allauth checks it when it asks again: a wrong one counts towards the
    limit on wrong passwords, like a failed sign-in."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = _("We ask for it again so nobody else can delete your account.")
