"""Sign-in and password forms, rendered as GOV.UK components."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from coreflect.forms import CoreflectForm, CoreflectFormMixin, EmailField


class SignInForm(CoreflectFormMixin, auth_forms.AuthenticationForm):
    username = EmailField(required_message=_("Enter your email address"), attrs={"autofocus": False})
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password")},
    )
    error_messages = {
        "invalid_login": _("The email address or password is not right. Check them and try again."),
        "inactive": _("This account has been switched off. Ask your organisation’s admin for help."),
    }


class PasswordResetForm(CoreflectFormMixin, auth_forms.PasswordResetForm):
    email = EmailField(
        help_text=_("We’ll send a link to reset your password if this address has an account."),
        required_message=_("Enter your email address"),
    )

    def get_users(self, email):
        # Match case-insensitively: people type their address the way they remember it.
        return (user for user in super().get_users(email.lower()) if user.has_usable_password())


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
    """Django's password-reset confirm view calls this with the person as the first argument."""

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def password_user(self):
        return self.user

    def save(self, commit=True):
        self.user.set_password(self.cleaned_data["password1"])
        if commit:
            self.user.save()
        return self.user
