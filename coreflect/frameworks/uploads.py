"""Organisations' own pictures for their copies of frameworks: checking an upload, keeping it, finding it again.

Only PNG and JPEG are taken, never SVG (an SVG is a document that can carry scripts). Pillow reads each upload
to prove it is the picture it claims to be, and the picture is written out again, so whatever else the file
carried – a camera's location, comments, anything hidden after the image – is left behind. The bytes are kept
in the database (decision 16), so every app process can serve them.

Every uploaded picture is openly licensed, with its credit: the picture licence page lists them.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from coreflect.audit.models import Kind
from coreflect.audit.trail import record

from .models import FrameworkVersion, UploadedPicture

if TYPE_CHECKING:
    from coreflect.accounts.models import User
    from coreflect.organisations.models import Organisation

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4000
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
UPLOAD_PREFIX = "upload-"


class PictureRefused(Exception):
    """An upload that is not a picture Coreflect takes; the message says why, for the person uploading."""


@dataclass(frozen=True)
class CleanPicture:
    content_type: str
    width: int
    height: int
    data: bytes


def clean(raw: bytes) -> CleanPicture:
    """The upload checked and written out again without its metadata, or PictureRefused saying what is wrong."""
    if len(raw) > MAX_BYTES:
        raise PictureRefused(_("The picture must be smaller than 2 MB"))
    if raw.lstrip()[:5].lower() in (b"<?xml", b"<svg ") or b"<svg" in raw[:1024].lower():
        raise PictureRefused(_("The picture must be a PNG or JPEG: SVG pictures are not accepted"))
    try:
        with Image.open(io.BytesIO(raw)) as image:
            kind = image.format
            if kind not in FORMATS:
                raise PictureRefused(_("The picture must be a PNG or JPEG"))
            width, height = image.size
            if width > MAX_SIDE or height > MAX_SIDE:
                raise PictureRefused(
                    _("The picture must be at most %(side)s pixels wide and high") % {"side": MAX_SIDE}
                )
            image.load()
            upright = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            if kind == "JPEG":
                upright.save(out, "JPEG", quality=90)
            else:
                upright.save(out, "PNG", optimize=True)
    except PictureRefused:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise PictureRefused(_("The picture must be a PNG or JPEG")) from None
    return CleanPicture(FORMATS[kind], upright.width, upright.height, out.getvalue())


def upload(
    organisation: Organisation,
    picture: CleanPicture,
    *,
    description: str,
    licence: str,
    credit: str,
    uploaded_by: User | None,
) -> UploadedPicture:
    """Keep a checked picture for the organisation's copies of frameworks."""
    kept = UploadedPicture.objects.create(
        organisation=organisation,
        description=description,
        licence=licence,
        credit=credit,
        content_type=picture.content_type,
        width=picture.width,
        height=picture.height,
        data=picture.data,
        uploaded_by=uploaded_by,
    )
    record(
        Kind.PICTURE_UPLOADED,
        organisation_id=organisation.pk,
        target=kept,
        target_label=description,
        changed={"licence": [None, licence], "credit": [None, credit]},
        actor=uploaded_by,
    )
    return kept


def pictures_of(organisation: Organisation) -> QuerySet[UploadedPicture]:
    """The organisation's pictures without their bytes, newest first."""
    return organisation.pictures.defer("data").order_by("-uploaded_at", "-pk")


def upload_id(code: str) -> int | None:
    """The id in an uploaded picture's code (`upload-12` → 12), or None for an OpenMoji code."""
    if not code.startswith(UPLOAD_PREFIX):
        return None
    number = code.removeprefix(UPLOAD_PREFIX)
    return int(number) if number.isascii() and number.isdigit() else None


def codes_in(document) -> set[str]:
    """Every picture code a framework document names."""
    codes = {stage["picture"] for stage in document["stages"] if stage.get("picture")}
    for principle in document["principles"]:
        codes.update(indicator["picture"] for indicator in principle["indicators"] if indicator.get("picture"))
    return codes


def credited_pictures(document) -> QuerySet[UploadedPicture]:
    """The uploaded pictures a framework document shows, for its credits (one query)."""
    ids = sorted(filter(None, (upload_id(code) for code in codes_in(document))))
    return UploadedPicture.objects.filter(pk__in=ids).defer("data").order_by("pk")


def picture(pk: int) -> UploadedPicture | None:
    """An uploaded picture with its bytes, or None."""
    return UploadedPicture.objects.filter(pk=pk).first()


def organisations_pictures(organisation_id: int, ids: Iterable[int]) -> QuerySet[UploadedPicture]:
    """Those of the pictures with these ids that are the organisation's own, with their bytes."""
    return UploadedPicture.objects.filter(pk__in=list(ids), organisation_id=organisation_id)


def credited_for_version(version_id: int) -> list[UploadedPicture]:
    """The uploaded pictures a framework version shows, each only if it is the version's organisation's own."""
    from .queries import kept_version

    try:
        version = kept_version(version_id)
    except FrameworkVersion.DoesNotExist:
        return []
    found = credited_pictures(version.document).filter(organisation__frameworks__versions=version)
    return list(found.distinct())
