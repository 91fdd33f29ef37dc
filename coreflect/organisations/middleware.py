"""Sets the current organisation on every request, re-checking membership each time.

The current organisation's id lives in the session; the memberships behind it are loaded again
on each request (one query, only for signed-in people), so someone removed from an organisation
loses access on their next click. Sets `request.memberships` (all of the person's), and
`request.membership` / `request.organisation` for the current one (or None).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from .models import Membership, Organisation

SESSION_KEY = "current_organisation_id"


class OrganisationRequest(HttpRequest):
    """A request as this middleware leaves it, for type checking: services that read these attributes say so."""

    memberships: list[Membership]
    membership: Membership | None
    organisation: Organisation | None


def current_membership(request, memberships):
    chosen = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.organisation_id == chosen:
            return membership
    if memberships:
        request.session[SESSION_KEY] = memberships[0].organisation_id
        return memberships[0]
    return None


class CurrentOrganisationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.memberships = []
        request.membership = None
        if request.user.is_authenticated:
            request.memberships = list(
                request.user.memberships.select_related("organisation").order_by("organisation__name")
            )
            request.membership = current_membership(request, request.memberships)
        request.organisation = request.membership.organisation if request.membership else None
        return self.get_response(request)
