"""Signing in, signing out and failed attempts, recorded for each organisation the person belongs to.

A failed attempt names the email that was typed only when it is a real account's (an unknown address is
recorded without it, so the trail never collects other people's guesses or typing mistakes).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import Kind
from .trail import record


def _organisations(user) -> list[int | None]:
    found = list(user.memberships.values_list("organisation_id", flat=True)) if user is not None else []
    return found or [None]


@receiver(user_logged_in, dispatch_uid="audit_signed_in")
def signed_in(sender, request, user, **kwargs):
    for organisation_id in _organisations(user):
        record(Kind.SIGNED_IN, organisation_id=organisation_id, target=user, target_label=user.email, actor=user)


@receiver(user_logged_out, dispatch_uid="audit_signed_out")
def signed_out(sender, request, user, **kwargs):
    if user is None:
        return
    for organisation_id in _organisations(user):
        record(Kind.SIGNED_OUT, organisation_id=organisation_id, target=user, target_label=user.email, actor=user)


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
