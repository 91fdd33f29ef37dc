"""Who must use two-factor authentication, and the middleware that sends them to set it up.

Admins of any organisation, everyone in an organisation that asks for it (`Organisation.requires_mfa`) –
including the co-leads of its rounds, who are not its staff but see its people's answers – and
Coreflect's own staff (the operations admin) must have an authenticator app or a security key. Signed in
without one – a new admin, an organisation that has just switched it on, an account from before – they can
reach only the pages that set one up, and signing out.

Whether someone has MFA is kept in their session (set at sign-in, and when an authenticator is added or
removed), so an ordinary page costs no extra query: the memberships are already loaded by
CurrentOrganisationMiddleware.
"""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .access import is_co_lead
from .permissions import Role

HAS_MFA = "coreflect_has_mfa"
# The pages someone who must set up MFA may still reach (django-allauth's URL names, and signing out).
SET_UP_PAGES = {
    "mfa_index",
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_add_webauthn",
    "mfa_list_webauthn",
    "account_reauthenticate",
    "account_logout",
    "sign-out",
    "keep-alive",
}


def has_mfa(user) -> bool:
    """An authenticator app or a security key (recovery codes alone are not a second factor)."""
    return (
        Authenticator.objects.filter(user=user)
        .filter(type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN])
        .exists()
    )


def why_mfa_is_needed(request) -> str | None:
    """Why this person must use MFA, in words for them; None when they need not."""
    user = request.user
    if user.is_staff or user.is_superuser:
        return _("Your account can use Coreflect’s operations admin, so it must use two-factor authentication.")
    for membership in getattr(request, "memberships", []):
        if membership.role == Role.ADMIN:
            return _("You are an admin of %(name)s, so your account must use two-factor authentication.") % {
                "name": membership.organisation.name
            }
    for membership in getattr(request, "memberships", []):
        if membership.organisation.requires_mfa:
            return _("%(name)s asks everyone in it to use two-factor authentication.") % {
                "name": membership.organisation.name
            }
    if is_co_lead(request):
        asking = user.co_leaderships.filter(round__organisation__requires_mfa=True).select_related(
            "round__organisation"
        )
        co_lead = asking.first()
        if co_lead is not None:
            return _("%(name)s asks everyone who leads its rounds, co-leads too, to use two-factor authentication.") % {
                "name": co_lead.round.organisation.name
            }
    return None


class MfaRequiredMiddleware:
    """Sends people who must use MFA, and have none yet, to set it up; nothing else is reachable until then."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or request.session.get(HAS_MFA):
            return None
        reason = why_mfa_is_needed(request)
        if reason is None:
            return None
        if has_mfa(request.user):  # set up in another session, or before this one's flag was kept
            request.session[HAS_MFA] = True
            return None
        request.mfa_required_reason = reason
        if request.resolver_match and request.resolver_match.url_name in SET_UP_PAGES:
            return None
        return redirect("mfa_index")


@receiver(user_logged_in, dispatch_uid="coreflect_mfa_at_sign_in")
def _note_mfa_at_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[HAS_MFA] = has_mfa(user)


@receiver(authenticator_added, dispatch_uid="coreflect_mfa_added")
@receiver(authenticator_removed, dispatch_uid="coreflect_mfa_removed")
def _note_mfa_change(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[HAS_MFA] = has_mfa(user)
