"""Sign-in and password forms: django-allauth's, rendered as GOV.UK components in Coreflect's words."""

from allauth.account import forms as allauth_forms
from allauth.account.internal import flows as allauth_flows
from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from coreflect.forms import CoreflectForm, CoreflectFormMixin, EmailField


class SignInForm(CoreflectFormMixin, allauth_forms.LoginForm):
    """allauth's sign-in form, asking for an email address and a password in Coreflect's words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"] = EmailField(required_message=_("Enter your email address"))
        self.fields["password"] = forms.CharField(
            label=_("Password"),
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
            error_messages={"required": _("Enter your password")},
        )

    def clean_login(self):
        # People type their address the way they remember it; accounts are stored in lower case.
        return super().clean_login().lower()


class PasswordResetForm(CoreflectFormMixin, allauth_forms.ResetPasswordForm):
    users: list  # set by allauth's clean_email: the accounts with this address
    email = EmailField(
        help_text=_("We’ll send a link to reset your password if this address has an account."),
        required_message=_("Enter your email address"),
    )

    def clean_email(self):
        email = super().clean_email().lower()
        # Match case-insensitively, and only people who sign in with a password.
        self.users = [user for user in self.users if user.has_usable_password()]
        return email


class NewPasswordFields(CoreflectForm):
    """A new password typed twice and checked by Django's password validators."""

    password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        help_text=_("At least 10 characters. Avoid common passwords and ones that are only numbers."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Enter a new password")},
    )
    password2 = forms.CharField(
        label=_("Confirm new password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Enter the new password again")},
    )

    def password_user(self):
        """The person the password is for, so it can be checked against their name and address."""
        return None

    def clean_password2(self):
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if first and second and first != second:
            raise forms.ValidationError(_("The two passwords do not match"))
        return second

    def _post_clean(self):
        super()._post_clean()  # type: ignore[misc]  # BaseForm has this hook; django-stubs leaves it out
        password = self.cleaned_data.get("password2")
        if password:
            try:
                password_validation.validate_password(password, self.password_user())
            except forms.ValidationError as error:
                self.add_error("password1", error)


class SetPasswordForm(NewPasswordFields):
    """A new password from a reset link: allauth's reset view gives the person and the link's key."""

    def __init__(self, *args, user=None, temp_key=None, **kwargs):
        self.user = user
        self.temp_key = temp_key
        super().__init__(*args, **kwargs)

    def password_user(self):
        return self.user

    def save(self):
        allauth_flows.password_reset.reset_password(self.user, self.cleaned_data["password1"])
        return self.user


class ConfirmPasswordForm(CoreflectFormMixin, allauth_forms.ReauthenticateForm):
    """Asked before a change to how someone signs in (setting up or removing two-factor authentication)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"] = forms.CharField(
            label=_("Your password"),
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
            error_messages={"required": _("Enter your password")},
        )
