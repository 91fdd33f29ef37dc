"""The one way views reach organisation-owned data.

`member_required(permission)` guards a view: signed-out visitors go to the sign-in page,
people without the permission in the current organisation get 403. `get_for_member` loads one
object through the current organisation: another organisation's object is a 404, so its
existence does not leak.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect

from .permissions import Permission


def member_required(permission: Permission):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.membership is None:
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
