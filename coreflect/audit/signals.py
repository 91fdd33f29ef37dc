"""Signing in, signing out, failed attempts, and changes to a person's password or two-step sign-in (MFA),
recorded for each organisation the person belongs to.

A failed attempt names the email that was typed only when it is a real account's (an unknown address is
recorded without it, so the trail never collects other people's guesses or typing mistakes).
"""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import Kind
from .trail import record


def _organisations(user) -> list[int | None]:
    found = list(user.memberships.values_list("organisation_id", flat=True)) if user is not None else []
    return found or [None]


def _for_person(kind, user, **changed):
    for organisation_id in _organisations(user):
        record(kind, organisation_id=organisation_id, target=user, target_label=user.email, actor=user, changed=changed)


@receiver(user_logged_in, dispatch_uid="audit_signed_in")
def signed_in(sender, request, user, **kwargs):
    _for_person(Kind.SIGNED_IN, user)


@receiver(user_logged_out, dispatch_uid="audit_signed_out")
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        _for_person(Kind.SIGNED_OUT, user)


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    typed = str(credentials.get("email") or credentials.get("username") or "").strip().lower()
    user = get_user_model()._default_manager.filter(email__iexact=typed).first() if typed else None
    for organisation_id in _organisations(user):
        record(
            Kind.SIGN_IN_FAILED,
            organisation_id=organisation_id,
            target=user,
            target_label=user.email if user is not None else "",
        )


# allauth's own signals: passwords changed or reset, and two-step sign-in (MFA) added, removed or reset.


@receiver(account_signals.password_changed, dispatch_uid="audit_password_changed")
@receiver(account_signals.password_set, dispatch_uid="audit_password_set")
def password_changed(sender, request, user, **kwargs):
    _for_person(Kind.PASSWORD_CHANGED, user, how=[None, "changed"])


@receiver(account_signals.password_reset, dispatch_uid="audit_password_reset")
def password_reset(sender, request, user, **kwargs):
    _for_person(Kind.PASSWORD_CHANGED, user, how=[None, "reset by email"])


AUTHENTICATORS = {
    "totp": "authenticator app",
    "webauthn": "passkey or security key",
    "recovery_codes": "recovery codes",
}


def _mfa(what):
    def receiver_(sender, request, user, authenticator, **kwargs):
        kind_of = AUTHENTICATORS.get(authenticator.type, str(authenticator.type))
        _for_person(Kind.MFA_CHANGED, user, **{kind_of: [None, what]})

    return receiver_


mfa_signals.authenticator_added.connect(_mfa("added"), dispatch_uid="audit_mfa_added", weak=False)
mfa_signals.authenticator_removed.connect(_mfa("removed"), dispatch_uid="audit_mfa_removed", weak=False)
mfa_signals.authenticator_reset.connect(_mfa("made again"), dispatch_uid="audit_mfa_reset", weak=False)
