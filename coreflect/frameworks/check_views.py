"""Recording that a framework version's Welsh or Easy Read wording has been checked by the people it is for.

Facilitators see unchecked wording marked "awaiting review" (`checks.py`); this page shows each version's
checks and lets a facilitator or admin record one.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coreflect.dates import day
from coreflect.organisations.access import member_required
from coreflect.organisations.permissions import Permission

from . import checks, queries
from .forms import CheckForm


@member_required(Permission.RECORD_WORDING_CHECKS)
@require_http_methods(["GET", "POST"])
def wording_checks(request, slug):
    framework = queries.get_visible_framework(slug, request.organisation)
    version = queries.get_version(framework, request.GET.get("version"))
    found = checks.checks(request.organisation, version)
    waiting = [(check.variant.value, str(check.variant.label)) for check in found if check.awaiting_review]
    form = CheckForm(waiting, request.POST if request.method == "POST" else None)
    if request.method == "POST" and waiting and form.is_valid():
        try:
            review = checks.record_check(
                request.organisation,
                version,
                form.cleaned_data["variant"],
                checked_by=form.cleaned_data["checked_by"],
                checked_on=form.cleaned_data["checked_on"],
                recorded_by=request.user,
            )
        except checks.AlreadyChecked:
            messages.info(request, _("Someone has already recorded that check."))
        else:
            messages.success(
                request,
                _("%(wording)s checked by %(who)s on %(day)s.")
                % {"wording": review.get_variant_display(), "who": review.checked_by, "day": day(review.checked_on)},
            )
        return redirect(request.get_full_path())
    context = {
        "framework": framework,
        "version": version,
        "document": version.document,
        "wording_checks": found,
        "form": form if waiting else None,
        "is_current": version.pk == framework.current_version_id,
    }
    return render(request, "frameworks/checks.html", context)
