"""Pictures: an organisation's own pictures and their upload, serving an uploaded picture, and the public
page crediting every picture Coreflect shows.

An uploaded picture is served at an address that carries a signature of its id (`pictures.picture_url`), to
anyone the address was shown to – the organisation's members and the participants of its rounds, who have no
account – but never to people signed in to another organisation (decision 16).
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from coreflect.organisations.access import member_required
from coreflect.organisations.permissions import Permission

from . import pictures, uploads
from .forms import PictureForm

ONE_DAY = 24 * 3600


@member_required(Permission.EDIT_FRAMEWORKS)
@require_safe
def picture_list(request):
    context = {"pictures": uploads.pictures_of(request.organisation)}
    return render(request, "frameworks/pictures.html", context)


@member_required(Permission.EDIT_FRAMEWORKS)
@require_http_methods(["GET", "POST"])
def picture_upload(request):
    form = PictureForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        picture = uploads.upload(
            request.organisation,
            form.cleaned_data["picture"],
            description=form.cleaned_data["description"],
            licence=form.cleaned_data["licence"],
            credit=form.cleaned_data["credit"],
            uploaded_by=request.user,
        )
        messages.success(
            request,
            _("Your picture is uploaded. Its code is %(code)s: type it beside a stage or statement.")
            % {"code": picture.code},
        )
        return redirect("frameworks:pictures")
    return render(request, "frameworks/picture_upload.html", {"form": form})


@require_safe
def picture(request, signed):
    pk = pictures.signed_id(signed)
    found = uploads.picture(pk) if pk is not None else None
    if found is None:
        raise Http404
    membership = request.membership
    if membership is not None and membership.organisation_id != found.organisation_id:
        raise Http404
    response = HttpResponse(bytes(found.data), content_type=found.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = f"private, max-age={ONE_DAY}"
    response["Content-Disposition"] = (
        f'inline; filename="{found.code}.{"png" if found.content_type == "image/png" else "jpg"}"'
    )
    return response


@require_safe
def picture_credits(request):
    """The public page crediting OpenMoji and, for a framework version (`?for=`), the organisation's pictures."""
    version_id = pictures.signed_version(request.GET.get("for", ""))
    context = {
        "openmoji_credit": pictures.OPENMOJI_CREDIT,
        "openmoji_licence_url": pictures.OPENMOJI_LICENCE_URL,
        "openmoji_url": pictures.OPENMOJI_URL,
        "uploaded": uploads.credited_for_version(version_id) if version_id is not None else [],
    }
    return render(request, "frameworks/picture_credits.html", context)
