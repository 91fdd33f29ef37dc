"""The pictures shown beside Easy Read text.

A framework names a picture by its OpenMoji code (`1F91D`); `make` copies OpenMoji's colour pictures from the
`openmoji` npm package (CC BY-SA 4.0) into the static files, under `openmoji/`.
"""

from django.templatetags.static import static

OPENMOJI_FOLDER = "openmoji"


def picture_url(code: str) -> str:
    """The address of a picture named in a framework."""
    return static(f"{OPENMOJI_FOLDER}/{code}.svg")
