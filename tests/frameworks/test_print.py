"""The paper version of a framework: the printable page, its PDF, versions, query count and a real browser."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from coreflect.frameworks import services
from coreflect.frameworks.models import Framework
from coreflect.frameworks.queries import credit_line
from coreflect.frameworks.wording import text
from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.pdf import read_pdf

pytestmark = pytest.mark.django_db

BUILTINS = ["how-are-we-doing", "how-are-you-doing-2011", "scie-lens"]
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class PaperPage(HTMLParser):
    """What a reader of the paper version would find: its words, tick boxes, red/amber/green boxes and tables."""

    def __init__(self, html: str):
        super().__init__()
        self.open_elements: list[tuple[str, dict]] = []
        self.words: list[str] = []
        self.indicator_boxes: dict[str, dict[str, int]] = {}  # principle key -> indicator key -> tick boxes
        self.rag_options: dict[str, list[str]] = {}  # principle key -> option words
        self.tables: list[dict] = []
        self.feed(html)
        self.close()

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.words).split())

    def _inside(self, css_class: str) -> dict | None:
        for _tag, attrs in reversed(self.open_elements):
            if css_class in (attrs.get("class") or "").split():
                return attrs
        return None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        principle = self._inside("paper-principle")
        if "paper-box" in classes and (indicator := self._inside("paper-indicator")):
            boxes = self.indicator_boxes.setdefault(principle["data-principle"], {})
            boxes[indicator["data-indicator"]] = boxes.get(indicator["data-indicator"], 0) + 1
        if "paper-rag__option" in classes:
            self.rag_options.setdefault(principle["data-principle"], []).append("")
        if tag == "table":
            self.tables.append({"labelledby": attrs.get("aria-labelledby"), "headings": [], "rows": 0})
        if tag == "th":
            self.tables[-1]["headings"].append("")
        if tag == "tr" and self._inside_tag("tbody"):
            self.tables[-1]["rows"] += 1
        if tag not in VOID_ELEMENTS:
            self.open_elements.append((tag, attrs))

    def _inside_tag(self, name: str) -> bool:
        return any(tag == name for tag, _attrs in self.open_elements)

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        while self.open_elements and self.open_elements.pop()[0] != tag:
            pass

    def handle_data(self, data):
        self.words.append(data)
        if self._inside("paper-rag__option") and not self._inside("paper-visually-hidden"):
            options = self.rag_options[self._inside("paper-principle")["data-principle"]]
            options[-1] = (options[-1] + data).strip()
        if self._inside_tag("th"):
            self.tables[-1]["headings"][-1] += data.strip()


def one_line(value) -> str:
    return " ".join(text(value).split())


def squashed(value: str) -> str:
    """Text without spaces or hyphens, to compare with a PDF's, where a line may break at a hyphen."""
    return "".join(value.split()).replace("-", "")


def prompt_kinds(document) -> set[str]:
    return {prompt["kind"] for prompt in document["prompts"]}


# --- The printable page -----------------------------------------------------------------------


@pytest.mark.parametrize("slug", BUILTINS)
def test_paper_version_shows_the_whole_framework_to_anyone(client, slug):
    framework = Framework.objects.get(slug=slug)
    version = framework.current_version
    document = version.document

    response = client.get(reverse("frameworks:print", args=[slug]))

    assert response.status_code == 200
    page = PaperPage(response.content.decode())
    assert one_line(document["title"]) in page.text
    assert credit_line(version) in page.text
    assert one_line(document["credit"]["note"]) in page.text
    for principle in document["principles"]:
        assert one_line(principle["title"]) in page.text
        for indicator in principle["indicators"]:
            assert one_line(indicator["text"]) in page.text
        expected = {indicator["key"]: 1 for indicator in principle["indicators"]}
        assert page.indicator_boxes[principle["key"]] == expected, f"one tick box per statement in {principle['key']}"


def test_red_amber_green_boxes_only_where_the_framework_asks_for_a_score(client):
    with_rag = Framework.objects.get(slug="how-are-you-doing-2011").current_version.document
    without_rag = Framework.objects.get(slug="how-are-we-doing").current_version.document
    assert "rag" in prompt_kinds(with_rag)
    assert "rag" not in prompt_kinds(without_rag)

    scored = PaperPage(client.get(reverse("frameworks:print", args=["how-are-you-doing-2011"])).content.decode())
    unscored = PaperPage(client.get(reverse("frameworks:print", args=["how-are-we-doing"])).content.decode())

    assert scored.rag_options == {p["key"]: ["Red", "Amber", "Green"] for p in with_rag["principles"]}
    assert unscored.rag_options == {}
    assert "Red" not in unscored.text.split()


def test_paper_version_has_space_to_write_each_answer(client):
    response = client.get(reverse("frameworks:print", args=["how-are-you-doing-2011"]))
    page = PaperPage(response.content.decode())
    document = Framework.objects.get(slug="how-are-you-doing-2011").current_version.document
    for prompt in document["prompts"]:
        assert one_line(prompt["text"]) in page.text
    content = response.content.decode()
    principles = len(document["principles"])
    assert content.count('class="paper-question paper-question--evidence"') == principles
    assert content.count('class="paper-question paper-question--ideas"') == principles
    assert "Your perspective (tick one)" in page.text
    assert "Family member or unpaid carer" in page.text


def test_action_plan_tables_follow_the_frameworks_planning(client):
    page = PaperPage(client.get(reverse("frameworks:print", args=["how-are-you-doing-2011"])).content.decode())
    planning = Framework.objects.get(slug="how-are-you-doing-2011").current_version.document["planning"]

    assert [step for step in planning["idea_steps"] if one_line(step) not in page.text] == []
    assert [(table["headings"], table["rows"]) for table in page.tables] == [
        (["What", "Who", "When", "How"], 6),
        (["Who", "What", "When"], 8),
    ]
    assert "Overall action plan" in page.text


@pytest.mark.parametrize("slug", ["how-are-we-doing", "scie-lens"])
def test_frameworks_without_planning_still_get_an_ideas_and_actions_page(client, slug):
    page = PaperPage(client.get(reverse("frameworks:print", args=[slug])).content.decode())
    assert "Ideas and actions" in page.text
    assert [(table["headings"], table["rows"]) for table in page.tables] == [(["What", "Who", "When", "How"], 6)]


def test_page_links_back_to_the_framework_and_to_the_pdf(client):
    content = client.get(reverse("frameworks:print", args=["scie-lens"])).content.decode()
    assert '<html lang="en-GB">' in content
    assert "<title>Paper version: The SCIE lens: culture, structure, practice and review – Coreflect</title>" in content
    assert content.count("<h1") == 1
    assert f'href="{reverse("frameworks:detail", args=["scie-lens"])}"' in content
    assert f'href="{reverse("frameworks:pdf", args=["scie-lens"])}"' in content
    assert "style=" not in content and "<script" not in content  # the strict CSP allows neither


def test_page_runs_a_fixed_number_of_queries(client, client_for, alice, django_assert_max_num_queries):
    url = reverse("frameworks:print", args=["how-are-you-doing-2011"])
    # The framework with its current version; one more to look up a numbered version.
    with django_assert_max_num_queries(1):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get(url + "?version=1").status_code == 200
    # Signed in adds the session, the person and their memberships (and, on a first visit, saving
    # the chosen organisation in the session), and the checks of its Welsh and Easy Read wording – whatever
    # the size of the framework.
    signed_in = client_for(alice)
    with django_assert_max_num_queries(9):
        assert signed_in.get(url + "?version=1").status_code == 200


# --- Versions and who may see what -------------------------------------------------------------


@pytest.fixture
def reworded_copy(alice, riverside):
    """Riverside's copy of a built-in, with the first principle retitled in version 2."""
    builtin = Framework.objects.get(slug="how-are-we-doing").current_version
    framework = services.copy_framework(builtin, organisation=riverside, title="Our reflection", created_by=alice)
    first = framework.current_version.document["principles"][0]
    services.save_wording(
        framework, first["key"], {"principles__0__title": "Treating people as equals"}, created_by=alice
    )
    framework.refresh_from_db()
    return framework


def test_version_in_the_address_prints_that_version(client_for, alice, reworded_copy):
    client = client_for(alice)
    url = reverse("frameworks:print", args=[reworded_copy.slug])

    current = client.get(url).content.decode()
    first = client.get(url + "?version=1").content.decode()

    assert "Treating people as equals" in current
    assert "Treating people as equals" not in first
    assert "Seeing and treating people as equal human beings" in first
    assert f'href="{reverse("frameworks:pdf", args=[reworded_copy.slug])}?version=1"' in first


def test_unknown_version_or_framework_is_not_found(client):
    assert client.get(reverse("frameworks:print", args=["how-are-we-doing"]) + "?version=99").status_code == 404
    assert client.get(reverse("frameworks:print", args=["how-are-we-doing"]) + "?version=two").status_code == 404
    assert client.get(reverse("frameworks:print", args=["no-such-framework"])).status_code == 404
    assert client.get(reverse("frameworks:pdf", args=["how-are-we-doing"]) + "?version=99").status_code == 404
    assert client.get(reverse("frameworks:pdf", args=["no-such-framework"])).status_code == 404


@pytest.mark.parametrize("url_name", ["frameworks:print", "frameworks:pdf"])
def test_an_organisations_copy_is_not_found_by_anyone_outside_it(client, client_for, carol, reworded_copy, url_name):
    url = reverse(url_name, args=[reworded_copy.slug])
    assert client.get(url).status_code == 404
    assert client_for(carol).get(url).status_code == 404


def test_paper_version_only_answers_reading(client):
    assert client.post(reverse("frameworks:print", args=["how-are-we-doing"])).status_code == 405
    assert client.post(reverse("frameworks:pdf", args=["how-are-we-doing"])).status_code == 405


# --- The PDF -----------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", BUILTINS)
def test_pdf_of_the_paper_version(client, slug):
    framework = Framework.objects.get(slug=slug)
    document = framework.current_version.document

    response = client.get(reverse("frameworks:pdf", args=[slug]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{slug}-v1-paper-version.pdf"'
    assert response.content.startswith(b"%PDF")
    pdf = read_pdf(response.content)
    pages = len(pdf.pages)
    assert squashed(text(document["title"])) in squashed(pdf.words)
    assert squashed(text(document["principles"][-1]["title"])) in squashed(pdf.words)
    assert pages >= len(document["principles"]) + 1
    assert pdf.title == f"Paper version: {one_line(document['title'])}"
    assert pdf.tagged
    assert pdf.a4
    first_page = pdf.pages[0]
    assert squashed(credit_line(framework.current_version)) in squashed(first_page), "credit on the first page"
    assert squashed(text(document["credit"]["note"])) in squashed(first_page), "credit on the first page"
    assert re.search(rf"\bPage 1 of {pages}\b", first_page)


def test_pdf_is_tagged_for_screen_readers_and_in_british_english(client):
    pdf = read_pdf(client.get(reverse("frameworks:pdf", args=["scie-lens"])).content)
    assert pdf.language == "en-GB"
    assert pdf.tagged
    assert pdf.pdfua_part == "1"


def test_pdf_of_an_earlier_version(client_for, alice, reworded_copy):
    response = client_for(alice).get(reverse("frameworks:pdf", args=[reworded_copy.slug]) + "?version=1")
    assert response["Content-Disposition"] == f'inline; filename="{reworded_copy.slug}-v1-paper-version.pdf"'
    words = read_pdf(response.content).words
    assert "Seeing and treating people as equal human beings" in words
    assert "Treating people as equals" not in words


# --- In a real browser -------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("slug", BUILTINS)
def test_paper_version_is_accessible_and_fits_a_small_phone(page, live_server, slug):
    page.goto(live_server.url + reverse("frameworks:print", args=[slug]))
    assert page.locator("h1").count() == 1
    assert page.locator("main").count() == 1
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    assert_accessible(page)  # and again at phone width, where the layout changes
    download = page.get_by_role("link", name="Download as PDF")
    assert download.is_visible()
    page.emulate_media(media="print")
    assert not download.is_visible(), "the on-screen bar is left off the printed page"
