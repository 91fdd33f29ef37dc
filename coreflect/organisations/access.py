"""The one way views reach organisation-owned data.

`member_required(permission)` guards a view: signed-out visitors go to the sign-in page,
people without the permission in the current organisation get 403. `get_for_member` loads one
object through the current organisation: another organisation's object is a 404, so its
existence does not leak.

Co-leads of a round are decided here too, and only here. A co-lead has no membership; on the pages
about their round – the URL's route names the round, one of its workshops or one of its actions
(`ROUND_ROUTES`) – `member_required` puts a `CoLeadAccess` where the membership would be, with a
facilitator's permissions and that round's organisation, for this request only. Everywhere else they
are refused with a 404, as if they were in another organisation.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .permissions import CO_LEAD_PERMISSIONS, Permission

# Set in the session when the person co-leads any round (at sign-in, and on accepting an invitation), so
# nobody else's pages spend a query finding out.
CO_LEAD_SESSION_KEY = "coreflect_co_lead"

# The pages that are about one round: the start of the URL's route, where the id is, and the path from a
# co-lead to the object that id names. `actions/new/` reads the round from its `round` query parameter.
ROUND_ROUTES = [
    ("rounds/<int:pk>/", "pk", "round__pk"),
    ("workshops/<int:pk>/", "pk", "round__workshops__pk"),
    ("actions/<int:pk>/", "pk", "round__actions__pk"),
    ("actions/new/", "round", "round__pk"),
]
# Pages under a round's route that reach beyond that round: making the next round, and comparing with the last.
BEYOND_THE_ROUND = {"reflections:next", "results:compare"}
LARGEST_ID = 2**31 - 1


class CoLeadAccess:
    """Stands in for a membership on the pages of the one round someone co-leads."""

    is_co_lead = True

    def __init__(self, co_lead: Any):  # a reflections.models.CoLead: this app sits below reflections
        self.co_lead = co_lead
        self.round_id = co_lead.round_id
        self.organisation = co_lead.round.organisation
        self.organisation_id = co_lead.round.organisation_id
        self.user = co_lead.user

    def allows(self, permission: Permission) -> bool:
        return permission in CO_LEAD_PERMISSIONS

    def get_role_display(self) -> str:
        return _("Co-lead of %(round)s") % {"round": self.co_lead.round.title}


def is_co_lead(request) -> bool:
    return bool(request.user.is_authenticated and request.session.get(CO_LEAD_SESSION_KEY))


def co_lead_access(request, kwargs) -> CoLeadAccess | None:
    """The access a co-lead has on this page: only when the page is about a round they co-lead."""
    match = request.resolver_match
    if not is_co_lead(request) or match is None or match.view_name in BEYOND_THE_ROUND:
        return None
    for start, source, lookup in ROUND_ROUTES:
        if not match.route.startswith(start):
            continue
        raw = kwargs.get("pk") if source == "pk" else request.GET.get(source)
        try:
            pk = int(raw)
        except (TypeError, ValueError):
            return None
        if not 0 < pk <= LARGEST_ID:
            return None
        co_lead = (
            request.user.co_leaderships.filter(**{lookup: pk}).select_related("round__organisation", "user").first()
        )
        return CoLeadAccess(co_lead) if co_lead is not None else None
    return None


def _take_co_lead_access(request, kwargs, permission: Permission) -> None:
    access = co_lead_access(request, kwargs)
    if access is None:
        return
    membership = request.membership
    if (
        membership is not None
        and membership.organisation_id == access.organisation_id
        and membership.allows(permission)
    ):
        return  # a member who may already do this keeps their own role
    request.membership = access
    request.organisation = access.organisation


def member_required(permission: Permission):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            _take_co_lead_access(request, kwargs, permission)
            if request.membership is None:
                if is_co_lead(request):
                    raise Http404  # a co-lead off their round's pages: as if it were another organisation's
                return redirect("organisations:dashboard")
            if not request.membership.allows(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_permission = permission  # type: ignore[attr-defined]  # the stubs type @wraps without it
        return wrapper

    return decorator


def get_for_member(request, queryset, pk=None, *, permission: Permission | None = None, **lookup):
    """The object with this id (or other `lookup`, e.g. slug=...) in the current organisation, or 404.

    `queryset` is reached through the organisation (e.g. `request.organisation.memberships`),
    so another organisation's id never matches. With `permission`, a member without it gets 403.
    """
    membership = request.membership
    if membership is None:
        raise Http404
    if permission is not None and not membership.allows(permission):
        raise PermissionDenied
    try:
        obj = queryset.get(pk=pk, **lookup) if pk is not None else queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if getattr(obj, "organisation_id", membership.organisation_id) != membership.organisation_id:
        raise Http404
    return obj


def note_co_leading(request, user) -> None:
    """Keep in the session whether this person co-leads any round."""
    if request is not None and hasattr(request, "session"):
        request.session[CO_LEAD_SESSION_KEY] = user.co_leaderships.exists()


@receiver(user_logged_in, dispatch_uid="coreflect_co_lead_at_sign_in")
def _note_co_leading_at_sign_in(sender, request, user, **kwargs):
    note_co_leading(request, user)
