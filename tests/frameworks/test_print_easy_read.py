"""The paper version and the poster in Easy Read: offered where the framework has Easy Read, with its words
and a picture beside each stage and statement, on screen and in the PDF."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from coreflect.frameworks.models import Framework
from tests.pdf import read_pdf
from tests.reflections.conftest import make_round
from tests.reflections.easy_read import STAGE_PICTURE, STATEMENT_PICTURE, add_easy_read, remove_easy_read

pytestmark = pytest.mark.django_db
SLUG = "how-are-you-doing-2011"
HANDSHAKE_YELLOW = re.compile(r"0\.98\d* 0\.91\d* 0\.16\d* rg")  # OpenMoji's #fcea2b


def squashed(words: str) -> str:
    return "".join(words.split())


def handshakes(pdf: bytes) -> int:
    """How many times the PDF paints the handshake picture's yellow (6 shapes a picture): WeasyPrint draws an
    SVG picture into the page rather than embedding an image."""
    painted = 0
    for page in PdfReader(io.BytesIO(pdf)).pages:
        painted += len(HANDSHAKE_YELLOW.findall(page.get_contents().get_data().decode("latin1")))
    return painted // 6


def test_the_paper_version_offers_easy_read_only_where_the_framework_has_it(client):
    remove_easy_read(SLUG)
    page = client.get(reverse("frameworks:print", args=[SLUG])).content.decode()
    assert "Print in Easy Read" not in page
    add_easy_read()
    page = client.get(reverse("frameworks:print", args=[SLUG])).content.decode()
    assert f'href="{reverse("frameworks:print", args=[SLUG])}?wording=easy-read">Print in Easy Read<' in page
    assert "Easy statement" not in page and "paper-picture" not in page


def test_the_paper_version_in_easy_read_has_its_words_and_pictures(client):
    add_easy_read()
    page = client.get(reverse("frameworks:print", args=[SLUG]), {"wording": "easy-read"}).content.decode()
    assert "Easy statement people-as-assets-1" in page and "Easy stage 1" in page
    assert page.count('class="paper-picture" src="data:image/svg+xml;base64,') >= 11 + 4
    assert "Print the standard wording" in page
    assert f'href="{reverse("frameworks:pdf", args=[SLUG])}?wording=easy-read"' in page


def test_the_paper_version_pdf_in_easy_read(client):
    add_easy_read()
    standard = client.get(reverse("frameworks:pdf", args=[SLUG]))
    response = client.get(reverse("frameworks:pdf", args=[SLUG]), {"wording": "easy-read"})
    assert response["Content-Disposition"] == f'inline; filename="{SLUG}-v1-paper-version-easy-read.pdf"'
    pdf = read_pdf(response.content)
    assert "Easystatementpeople-as-assets-1" in squashed(pdf.words)
    assert "Easystage1" in squashed(pdf.words)
    assert "Easy statement" not in read_pdf(standard.content).words
    assert pdf.tagged and pdf.a4
    assert handshakes(standard.content) == 0
    assert handshakes(response.content) == 4 * 11  # beside each statement of the 4 principles


def test_a_rounds_paper_version_in_easy_read(client_for, fran, riverside, alice):
    add_easy_read()
    round_ = make_round(riverside, alice)
    client = client_for(fran)
    page = client.get(reverse("reflections:printable", args=[round_.pk]), {"wording": "easy-read"}).content.decode()
    assert "Easy statement people-as-assets-1" in page
    assert f'href="{reverse("reflections:printable-pdf", args=[round_.pk])}?wording=easy-read"' in page
    pdf = client.get(reverse("reflections:printable-pdf", args=[round_.pk]), {"wording": "easy-read"})
    assert "Easystatementpeople-as-assets-1" in squashed(read_pdf(pdf.content).words)


def test_asking_for_easy_read_where_there_is_none_gives_the_usual_wording(client):
    framework = Framework.objects.get(slug="scie-lens")
    remove_easy_read("scie-lens")
    page = client.get(reverse("frameworks:print", args=[framework.slug]), {"wording": "easy-read"})
    assert page.status_code == 200 and "paper-easy-read" not in page.content.decode()


def test_the_poster_in_easy_read(client_for, fran, riverside, alice):
    add_easy_read()
    round_ = make_round(riverside, alice)
    client = client_for(fran)
    standard = client.get(reverse("reflections:poster", args=[round_.pk])).content.decode()
    assert (
        f'href="{reverse("reflections:poster", args=[round_.pk])}?wording=easy-read">Print the poster in Easy Read<'
        in (standard)
    )
    page = client.get(reverse("reflections:poster", args=[round_.pk]), {"wording": "easy-read"}).content.decode()
    assert "Tell us what you think" in page and "Answer some questions on your phone." in page
    assert page.count('src="data:image/svg+xml;base64,') >= 4
    assert f'/r/{round_.link_code}/?wording=easy-read"' in page  # the QR code's link starts in Easy Read
    response = client.get(reverse("reflections:poster-pdf", args=[round_.pk]), {"wording": "easy-read"})
    assert response["Content-Disposition"] == f'inline; filename="round-{round_.pk}-poster-easy-read.pdf"'
    poster = read_pdf(response.content)
    assert len(poster.pages) == 1
    assert "Answersomequestionsonyourphone." in squashed(poster.words)
    assert f"/r/{round_.link_code}/" in squashed(poster.words)


def test_the_pictures_are_the_frameworks_own(client):
    add_easy_read()
    page = client.get(reverse("frameworks:print", args=[SLUG]), {"wording": "easy-read"}).content.decode()
    from coreflect.frameworks.pictures import picture_url
    from coreflect.frameworks.templatetags.frameworks import _inline

    assert _inline(picture_url(STAGE_PICTURE)) in page and _inline(picture_url(STATEMENT_PICTURE)) in page


def test_the_round_page_offers_the_poster_and_paper_version_in_easy_read(client_for, fran, riverside, alice):
    remove_easy_read(SLUG)
    plain = make_round(riverside, alice, title="Plain")
    page = client_for(fran).get(reverse("reflections:detail", args=[plain.pk])).content.decode()
    assert "in Easy Read" not in page
    add_easy_read()
    round_ = make_round(riverside, alice)
    page = client_for(fran).get(reverse("reflections:detail", args=[round_.pk])).content.decode()
    assert f'href="{reverse("reflections:poster", args=[round_.pk])}?wording=easy-read">Poster in Easy Read<' in page
    paper = reverse("reflections:printable", args=[round_.pk])
    assert f'href="{paper}?wording=easy-read">Paper version in Easy Read<' in page


def test_the_easy_read_poster_and_paper_version_keep_their_permissions(client_for, carol, bob, riverside, alice):
    """Asking for Easy Read opens nothing up: another organisation is not found, a viewer cannot get the poster."""
    add_easy_read()
    round_ = make_round(riverside, alice)
    for name in ("poster", "poster-pdf", "printable", "printable-pdf"):
        assert (
            client_for(carol)
            .get(reverse(f"reflections:{name}", args=[round_.pk]), {"wording": "easy-read"})
            .status_code
            == 404
        )
    assert (
        client_for(bob).get(reverse("reflections:poster", args=[round_.pk]), {"wording": "easy-read"}).status_code
        == 403
    )
