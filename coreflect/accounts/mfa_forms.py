"""django-allauth's MFA forms as GOV.UK components, in Coreflect's words (settings.MFA_FORMS)."""

from allauth.mfa.base import forms as base_forms
from allauth.mfa.recovery_codes import forms as recovery_forms
from allauth.mfa.totp import forms as totp_forms
from allauth.mfa.webauthn import forms as webauthn_forms
from django import forms
from django.utils.translation import gettext_lazy as _

from coreflect.forms import CoreflectFormMixin


def code_field(label, help_text, *, digits_only=False):
    attrs = {"autocomplete": "one-time-code", "spellcheck": "false", "class": "govuk-input--width-10"}
    if digits_only:
        attrs["inputmode"] = "numeric"
    return forms.CharField(
        label=label,
        help_text=help_text,
        widget=forms.TextInput(attrs=attrs),
        error_messages={"required": _("Enter the code")},
    )


class AuthenticateForm(CoreflectFormMixin, base_forms.AuthenticateForm):
    code = code_field(
        _("Code"),
        _("The 6-digit code your authenticator app shows now, or one of your recovery codes."),
    )


class ReauthenticateForm(CoreflectFormMixin, base_forms.ReauthenticateForm):
    code = AuthenticateForm.base_fields["code"]


class ActivateTOTPForm(CoreflectFormMixin, totp_forms.ActivateTOTPForm):
    code = code_field(
        _("Code from your authenticator app"),
        _("After adding Coreflect to the app, type the 6-digit code it shows, for example 123456."),
        digits_only=True,
    )


class DeactivateTOTPForm(CoreflectFormMixin, totp_forms.DeactivateTOTPForm):
    pass


class GenerateRecoveryCodesForm(CoreflectFormMixin, recovery_forms.GenerateRecoveryCodesForm):
    pass


class AddWebAuthnForm(CoreflectFormMixin, webauthn_forms.AddWebAuthnForm):
    name = forms.CharField(
        label=_("Name for this key"),
        help_text=_("So you can tell your keys apart, for example ‘Work laptop’ or ‘Blue key’."),
        required=False,
        max_length=100,
    )


class AuthenticateWebAuthnForm(CoreflectFormMixin, webauthn_forms.AuthenticateWebAuthnForm):
    pass


class ReauthenticateWebAuthnForm(CoreflectFormMixin, webauthn_forms.ReauthenticateWebAuthnForm):
    pass


class EditWebAuthnForm(CoreflectFormMixin, webauthn_forms.EditWebAuthnForm):
    name = forms.CharField(label=_("Name for this key"), max_length=100, error_messages={"required": _("Enter a name")})
