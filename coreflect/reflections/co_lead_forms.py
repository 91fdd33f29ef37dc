"""The form a facilitator fills in to invite someone to co-lead a round."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coreflect.forms import CoreflectForm, EmailField


class CoLeadInviteForm(CoreflectForm):
    name = forms.CharField(
        label=_("Their name"),
        help_text=_("As they would like it shown on the round and its report."),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter their name"),
            "max_length": _("Their name must be 150 characters or fewer"),
        },
    )
    # Someone else's address, so the browser should not offer the facilitator's own.
    email = EmailField(
        help_text=_("We’ll send them a link to accept. It works once and lasts 14 days."),
        autocomplete="off",
        required_message=_("Enter their email address"),
    )
    role = forms.CharField(
        label=_("Their role, in their own words"),
        help_text=_("Shown beside their name, for example “Expert by experience” or “Carer and peer supporter”."),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Enter their role, for example Expert by experience"),
            "max_length": _("Their role must be 100 characters or fewer"),
        },
    )

    def __init__(self, *args, round_=None, **kwargs):
        self.round = round_
        super().__init__(*args, **kwargs)
        # The server checks the lengths and says so; a browser's maxlength would silently cut off pasted text.
        for name in ("name", "role"):
            self.fields[name].widget.attrs.pop("maxlength", None)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter their name"))
        return name

    def clean_role(self):
        role = " ".join(self.cleaned_data["role"].split())
        if not role:
            raise forms.ValidationError(_("Enter their role, for example Expert by experience"))
        return role

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.round is not None:
            if self.round.co_leads.filter(user__email__iexact=email).exists():
                raise forms.ValidationError(_("%(email)s already co-leads this round") % {"email": email})
            if self.round.co_lead_invitations.pending().filter(email=email).exists():
                raise forms.ValidationError(
                    _("%(email)s has already been invited. Cancel that invitation to send a new one") % {"email": email}
                )
        return email
