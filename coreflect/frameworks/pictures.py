"""The pictures shown beside Easy Read text.

A framework names a picture by its OpenMoji code (`1F91D`) or, in an organisation's copy, by the code of a
picture the organisation uploaded (`upload-12`, see `uploads.py`). `make` copies OpenMoji's colour pictures
from the `openmoji` npm package (CC BY-SA 4.0) into the static files, under `openmoji/`.

An uploaded picture's address carries a signature of its id (decision 16): the address appears only on the
pages of the organisation's frameworks and rounds, and nobody can find another picture by changing the number.
A PDF of a framework reads its uploaded pictures at the same addresses, straight from the database, and only
the framework's own organisation's (`uploaded_for_pdf`).
"""

import functools

from django.contrib.staticfiles import finders
from django.core import signing
from django.templatetags.static import static
from django.urls import Resolver404, resolve, reverse

from .uploads import codes_in, organisations_pictures, upload_id

OPENMOJI_FOLDER = "openmoji"
OPENMOJI_CREDIT = "All emojis designed by OpenMoji – the open-source emoji and icon project. License: CC BY-SA 4.0"
OPENMOJI_LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
OPENMOJI_URL = "https://openmoji.org/"
OPENMOJI_LIBRARY_URL = "https://openmoji.org/library/"
_SIGNER = signing.Signer(salt="coreflect.frameworks.pictures", sep=".")


def picture_url(code: str) -> str:
    """The address of a picture named in a framework."""
    uploaded = upload_id(code)
    if uploaded is not None:
        return reverse("frameworks:picture", args=[_SIGNER.sign(str(uploaded))])
    return static(f"{OPENMOJI_FOLDER}/{code}.svg")


def uploaded_for_pdf(organisation_id: int | None, document: dict):
    """What a PDF of one of the organisation's frameworks may read besides `data:` addresses (`own_files` of
    `documents.render_pdf`): the uploaded pictures its document names, by their addresses, and only those that
    are the organisation's own, read from the database in one query the first time one is needed. A built-in
    framework (no organisation) shows none."""
    named = {pk for pk in map(upload_id, codes_in(document)) if pk is not None}
    kept: dict[int, tuple[bytes, str]] | None = None

    def read(path: str) -> tuple[bytes, str] | None:
        nonlocal kept
        pk = _picture_id(path)
        if organisation_id is None or pk not in named:
            return None
        if kept is None:
            found = organisations_pictures(organisation_id, named)
            kept = {picture.pk: (bytes(picture.data), picture.content_type) for picture in found}
        return kept.get(pk)

    return read


def _picture_id(path: str) -> int | None:
    """The uploaded picture's id from its address (a path on this site), or None if it is not one."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return signed_id(match.kwargs["signed"]) if match.view_name == "frameworks:picture" else None


def signed_id(signed: str) -> int | None:
    """The uploaded picture's id from the signed part of its address, or None if the signature is wrong."""
    try:
        value = _SIGNER.unsign(signed)
    except signing.BadSignature:
        return None
    return int(value) if value.isascii() and value.isdigit() else None


@functools.cache
def openmoji_exists(code: str) -> bool:
    """Whether OpenMoji has a picture with this code (the static files are the same for the process's life)."""
    return finders.find(f"{OPENMOJI_FOLDER}/{code}.svg") is not None


def credits_url(version=None) -> str:
    """The picture licence page; for a framework version (a round's), it credits the version's uploaded pictures
    too. The version's id is signed, so the page cannot be used to list another organisation's pictures."""
    url = reverse("frameworks:picture-credits")
    return f"{url}?for={_SIGNER.sign(f'v{version.pk}')}" if version is not None else url


def signed_version(signed: str) -> int | None:
    """The framework version's id from the licence page's `for`, or None if it is missing or wrong."""
    try:
        value = _SIGNER.unsign(signed)
    except signing.BadSignature:
        return None
    number = value.removeprefix("v")
    return int(number) if value.startswith("v") and number.isascii() and number.isdigit() else None
