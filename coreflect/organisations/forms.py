"""Forms for organisations, members, invitations and the audit trail's filters."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from coreflect.accounts.forms import NewPasswordFields
from coreflect.audit.models import Kind
from coreflect.forms import DATE_INPUT_FORMATS, CoreflectForm, CoreflectModelForm, EmailField

from .models import FreeTextKept, Organisation, OrganisationKind
from .permissions import ROLE_DESCRIPTIONS, Role


def role_choices() -> list[tuple[str, str]]:
    """Each role with what it may do, in the reader's language (so worked out for each form, not once)."""
    return [(role.value, f"{role.label} – {ROLE_DESCRIPTIONS[role]}") for role in Role]


class OrganisationForm(CoreflectModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind"]
        labels = {"name": _("Organisation name"), "kind": _("What kind of organisation is it?")}
        widgets = {"kind": forms.RadioSelect, "name": forms.TextInput(attrs={"autocomplete": "organization"})}
        error_messages = {
            "name": {
                "required": _("Enter the organisation’s name"),
                "max_length": _("Organisation name must be 200 characters or fewer"),
            },
            "kind": {
                "required": _("Select what kind of organisation it is"),
                "invalid_choice": _("Select what kind of organisation it is"),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = OrganisationKind.choices

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter the organisation’s name"))
        return name


class OrganisationSettingsForm(OrganisationForm):
    """The organisation's details, whether every member must use two-factor authentication, and how long
    the words people write in anonymous rounds are kept."""

    class Meta(OrganisationForm.Meta):
        fields = ["name", "kind", "requires_mfa", "free_text_months"]
        labels = {
            **OrganisationForm.Meta.labels,
            "requires_mfa": _("Everyone in this organisation must use two-factor authentication"),
            "free_text_months": _("How long should we keep what people write in anonymous rounds?"),
        }
        help_texts = {
            "requires_mfa": _(
                "Admins always must. With this ticked, facilitators and viewers must set up an authenticator app "
                "or a security key the next time they sign in, before they can see anything else."
            ),
            "free_text_months": _(
                "Counted from the day a round closes. After that, the evidence, reflections and ideas people wrote, "
                "and objections from workshops, are removed for good. Stages, RED, AMBER and GREEN scores, "
                "ticked statements and all the figures stay. Named rounds are not affected."
            ),
        }
        widgets = {**OrganisationForm.Meta.widgets, "free_text_months": forms.RadioSelect}
        error_messages = {
            **OrganisationForm.Meta.error_messages,
            "free_text_months": {
                "required": _("Select how long to keep what people write"),
                "invalid_choice": _("Select how long to keep what people write"),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["free_text_months"])
        field.choices = FreeTextKept.choices
        # One option is always chosen on the page; a form sent without any keeps the period as it was.
        field.required = False

    def clean_free_text_months(self):
        value = self.cleaned_data.get("free_text_months")
        return self.instance.free_text_months if value in (None, "") else value


class InviteForm(CoreflectForm):
    # Someone else's address, so the browser should not offer the admin's own.
    email = EmailField(
        help_text=_("We’ll send them a link to join. It works once and lasts 14 days."), autocomplete="off"
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=role_choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a role"), "invalid_choice": _("Select a role from the list")},
    )

    def __init__(self, *args, organisation=None, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.organisation and self.organisation.memberships.filter(user__email__iexact=email).exists():
            raise forms.ValidationError(_("%(email)s is already a member of this organisation") % {"email": email})
        return email


class RoleForm(CoreflectForm):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=role_choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a role"), "invalid_choice": _("Select a role from the list")},
    )


class SwitchForm(CoreflectForm):
    organisation = forms.IntegerField(widget=forms.HiddenInput)


class CreateAccountForm(NewPasswordFields):
    """For someone accepting an invitation who has no account yet; the email is the invited one."""

    name = forms.CharField(
        label=_("Your full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your full name"),
            "max_length": _("Your name must be 150 characters or fewer"),
        },
    )
    field_order = ["name", "password1", "password2"]

    def __init__(self, *args, email="", **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = _("Create a password")
        self.fields["password2"].label = _("Type the password again")

    def password_user(self):
        from coreflect.accounts.models import User

        return User(email=self.email, name=self.cleaned_data.get("name", ""))


class AuditFilterForm(CoreflectForm):
    """Filters for the audit trail: every field may be left empty."""

    kind = forms.ChoiceField(label=_("What happened"), required=False)
    who = forms.CharField(
        label=_("Who (part of their email address)"),
        required=False,
        max_length=254,
        error_messages={"max_length": _("Keep who to 254 characters or fewer")},
    )
    since = forms.DateField(
        label=_("From (optional)"),
        help_text=_("For example, 1/12/2026"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}, format="%d/%m/%Y"),
        error_messages={"invalid": _("Enter the first day as day/month/year, like 1/12/2026")},
    )
    until = forms.DateField(
        label=_("To (optional)"),
        help_text=_("For example, 31/12/2026"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}, format="%d/%m/%Y"),
        error_messages={"invalid": _("Enter the last day as day/month/year, like 31/12/2026")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", _("Anything")), *Kind.choices]

    def clean(self):
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The last day must be the same as or after the first day"))
        return cleaned
