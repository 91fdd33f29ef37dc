"""Framework pages: the list, a readable framework, its JSON, and copying and rewording a copy.

The printable paper version and its PDF live in `print_views.py`.
"""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from coreflect.language import written
from coreflect.organisations.access import get_for_member, member_required
from coreflect.organisations.permissions import Permission

from . import checks, pictures, queries, services, uploads
from .forms import CopyForm, WordingForm


@require_safe
def framework_list(request):
    frameworks = list(queries.visible_frameworks(request.organisation))
    can_copy = bool(request.membership and request.membership.allows(Permission.EDIT_FRAMEWORKS))
    context = {
        "builtins": [framework for framework in frameworks if framework.is_builtin],
        "copies": [framework for framework in frameworks if not framework.is_builtin],
        "can_copy": can_copy,
    }
    return render(request, "frameworks/list.html", context)


@require_safe
def framework_detail(request, slug):
    framework = queries.get_visible_framework(slug, request.organisation)
    version = queries.get_version(framework, request.GET.get("version"))
    can_edit = (
        not framework.is_builtin
        and request.membership is not None
        and request.membership.allows(Permission.EDIT_FRAMEWORKS)
    )
    can_copy = bool(request.membership and request.membership.allows(Permission.EDIT_FRAMEWORKS))
    context = {
        "framework": framework,
        "version": version,
        "document": version.document,
        "credit_line": queries.credit_line(version),
        "is_current": version.pk == framework.current_version_id,
        "can_edit": can_edit,
        "can_copy": can_copy,
        "wording_checks": checks.shown_to(request.membership, version),
        "checks_url": reverse("frameworks:checks", args=[framework.slug]) + f"?version={version.number}"
        if request.membership and request.membership.allows(Permission.RECORD_WORDING_CHECKS)
        else "",
        "versions": framework.versions.only("number", "created_at")
        if not framework.is_builtin or request.user.is_authenticated
        else [],
    }
    return render(request, "frameworks/detail.html", context)


@require_safe
def frameworks_json(request):
    data = []
    for framework in queries.visible_frameworks(request.organisation):
        version = framework.current_version
        assert version is not None, "visible_frameworks() lists only frameworks with a current version"
        data.append(
            {
                "slug": framework.slug,
                "title": version.title,
                "version": version.number,
                "url": request.build_absolute_uri(reverse("frameworks:json", args=[framework.slug])),
            }
        )
    return JsonResponse(data, safe=False, json_dumps_params={"ensure_ascii": False})


@require_safe
def framework_json(request, slug):
    framework = queries.get_visible_framework(slug, request.organisation)
    version = queries.get_version(framework, request.GET.get("version"))
    return JsonResponse(queries.version_as_json(framework, version), json_dumps_params={"ensure_ascii": False})


@member_required(Permission.EDIT_FRAMEWORKS)
@require_http_methods(["GET", "POST"])
def framework_copy(request, slug):
    framework = queries.get_visible_framework(slug, request.organisation)
    version = framework.current_version
    assert version is not None, "create_version gives every framework a current version"
    suggested = f"{version.title} ({request.organisation.name})"
    form = CopyForm(request.POST if request.method == "POST" else None, initial={"title": suggested[:200]})
    if request.method == "POST" and form.is_valid():
        copy = services.copy_framework(
            version, organisation=request.organisation, title=form.cleaned_data["title"], created_by=request.user
        )
        messages.success(
            request, _("Your copy is ready. Change any wording you like: every save keeps the earlier versions.")
        )
        return redirect("frameworks:edit", slug=copy.slug)
    return render(request, "frameworks/copy.html", {"form": form, "framework": framework, "version": version})


@member_required(Permission.EDIT_FRAMEWORKS)
@require_http_methods(["GET", "POST"])
def framework_edit(request, slug, section="details"):
    framework = get_for_member(request, request.organisation.frameworks.select_related("current_version"), slug=slug)
    document = framework.current_version.document
    section_names = dict(services.sections(document))
    if section not in section_names:
        raise Http404
    fields = services.wording_fields(document, section)
    own_pictures = list(uploads.pictures_of(request.organisation))
    form = WordingForm(
        fields,
        request.POST if request.method == "POST" else None,
        pictures=services.picture_fields(document, section),
        own_pictures={picture.pk for picture in own_pictures},
    )
    if request.method == "POST" and form.is_valid():
        version = services.save_wording(framework, section, form.cleaned_data, created_by=request.user)
        if version is None:
            messages.info(request, _("Nothing was changed, so no new version was made."))
        else:
            messages.success(request, _("Saved as version %(number)s.") % {"number": version.number})
        url = reverse("frameworks:edit-section", args=[framework.slug, section])
        # The language lens points out phrases in the wording this save changed, on the page it leads to.
        changed = [name for name in form.changed_data if name in form.wording()] if version else []
        return redirect(written.after_save(url, changed))
    context = {
        "framework": framework,
        "version": framework.current_version,
        "form": form,
        "section": section,
        "section_heading": section_names[section],
        "sections": services.sections(document),
        "own_pictures": own_pictures,
        "openmoji_library_url": pictures.OPENMOJI_LIBRARY_URL,
        "lens_notes": written.notes_for(request, form.wording()) if request.method == "GET" else {},
    }
    return render(request, "frameworks/edit.html", context)
