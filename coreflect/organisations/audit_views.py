"""The organisation's audit trail, for its admins: who did what, when, filtered by kind, person and day."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from coreflect.audit import trail

from .access import member_required
from .forms import AuditFilterForm
from .permissions import Permission

PER_PAGE = 50


@member_required(Permission.VIEW_AUDIT_TRAIL)
@require_safe
def audit_trail(request):
    form = AuditFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    events = trail.events_for(
        request.organisation.pk,
        kind=chosen.get("kind", ""),
        actor=chosen.get("who", ""),
        since=chosen.get("since"),
        until=chosen.get("until"),
    ).select_related("actor")
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "retention_days": trail.retention_days()}
    return render(request, "organisations/audit_trail.html", context, status=400 if form.errors else 200)
