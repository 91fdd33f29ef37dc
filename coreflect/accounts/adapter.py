"""How django-allauth fits Coreflect: nobody signs up, clients are counted by `client_address`, and a locked
sign-in says when it opens again.

allauth counts wrong passwords in the shared cache before it checks one (`pre_authenticate`), so once an
account or a client has used up its tries the password is not hashed at all – even the right one is refused.
"""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django import forms
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coreflect.dates import moment, time_of_day

from .addresses import client_address
from .limits import allauth_retry_at, shut_sign_in

LOGIN_FAILED = "login_failed"


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _("The email address or password is not right. Check them and try again."),
        "invalid_login": _("The email address or password is not right. Check them and try again."),
        "too_many_login_attempts": _("There have been too many wrong tries to sign in. Try again in 5 minutes."),
        "incorrect_password": _("The password is not right"),
        "invalid_password_reset": _("This reset link does not work"),
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Accounts are made by accepting an invitation to an organisation (organisations.services).
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        # X-Forwarded-For counts only from the proxies the service trusts, so it cannot start a limit afresh.
        return client_address(request)

    def pre_authenticate(self, request: HttpRequest, **credentials) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except forms.ValidationError:
            opens = allauth_retry_at(request, LOGIN_FAILED, self._get_login_attempts_cache_key(request, **credentials))
            if opens is None:
                raise
            if client_opens := allauth_retry_at(request, LOGIN_FAILED, None):
                shut_sign_in(request, client_opens)  # this client, not only this account, has used its tries
            raise forms.ValidationError(
                _("There have been too many wrong tries to sign in. Try again after %(time)s.")
                % {"time": time_of_day(opens)},
                code="too_many_login_attempts",
            ) from None

    # allauth's links to the other ways of confirming it is you, in the words Coreflect's pages use.
    reauthentication_words = {
        "reauthenticate": _("Type your password"),
        "mfa_reauthenticate": _("Use a code from your authenticator app, or a recovery code"),
        "mfa_reauthenticate:webauthn": _("Use a passkey or security key"),
    }

    def get_reauthentication_methods(self, user) -> list[dict]:
        return [
            {**method, "description": self.reauthentication_words.get(method["id"], method["description"])}
            for method in super().get_reauthentication_methods(user)
        ]

    def send_notification_mail(self, template_prefix, user, context=None, email=None) -> None:
        # An account has one address, on the account itself (allauth would look in its own address table).
        context = {"when": moment(timezone.now()), **(context or {})}
        super().send_notification_mail(template_prefix, user, context, email or user.email)


class MFAAdapter(DefaultMFAAdapter):
    def _get_site_name(self) -> str:
        return "Coreflect"
