"""Every page under /cy/: in Welsh (no common English word left in what a reader sees), `<html lang="cy">`, and
a redirect from a Welsh page stays in Welsh.

The pages are the URL map's own (every GET view the query-string fuzzing visits, with the same world of
data: tests/test_fuzz_query_strings.py), with names in that world made Welsh or neutral so that only
Coreflect's own words are judged. Framework text comes from each framework's YAML (its Welsh is the
frameworks' part, not the catalogues').
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from coreflect.actions.models import Action
from coreflect.audit import trail
from coreflect.audit.models import AuditEvent, Kind
from coreflect.organisations.models import Invitation, Organisation
from coreflect.reflections.models import CoLead, CoLeadInvitation, Round
from tests.i18n.text import english_words, in_context, visible_text
from tests.test_fuzz_query_strings import FUZZED, path_arguments

pytestmark = pytest.mark.django_db

# The pages whose every word is in the project's own catalogue (coreflect/locale): the layout, the static
# pages and the error pages. The app catalogues hold the rest.
PROJECT_PAGES = ["home", "accessibility", "privacy", "cookies"]


def welsh_path(name: str, args: list) -> str:
    with translation.override("cy"):
        return reverse(name, args=args)


@pytest.fixture
def welsh_world(world):
    """The fuzzing's world, with the names people gave things in Welsh (or names in no language)."""
    Organisation.objects.filter(name="Riverside Council").update(name="Cyngor Glan-yr-afon")
    Round.objects.filter(pk=world["round"]).update(
        title="Gwasanaethau dydd 2026", subject_description="Gwasanaethau dydd i bobl hŷn"
    )
    Action.objects.filter(pk=world["action"]).update(what="Cyd-ddylunio'r daflen")
    CoLead.objects.update(role="Arbenigwr drwy brofiad")
    CoLeadInvitation.objects.update(role="Arbenigwr drwy brofiad")
    Invitation.objects.filter(email="new@example.org").update(email="aelod@example.org")
    # The trail keeps what things were called when it happened (the names above, as they were in English), so
    # it starts again with one event whose changes name things the page must call by their Welsh names.
    AuditEvent.objects.all().delete()
    organisation = Organisation.objects.get(name="Cyngor Glan-yr-afon")
    trail.record(
        Kind.ROUND_CHANGED,
        organisation_id=organisation.pk,
        target_label="Gwasanaethau dydd 2026",
        changed={"anonymous": ["False", "True"], "threshold": [5, 3], "works until": [None, "2027-01-01"]},
    )
    return world


def visit_in_welsh(name: str, data: dict, alice) -> list[tuple[str, int, str, str]]:
    """(address, status, content type, body or Location) of the page in Welsh, for each visitor who sees it."""
    path = welsh_path(name, path_arguments(name, data))
    admin = Client()
    admin.force_login(alice)
    visitors = [data["participant"]] if name.startswith("journey:") else [admin]
    seen = []
    for client in visitors:
        response = client.get(path)
        if response.status_code in (301, 302, 303):
            body = response.get("Location", "")
        else:  # a download may come as a stream
            body = b"".join(response.streaming_content) if response.streaming else response.content
        seen.append((path, response.status_code, response.get("Content-Type", ""), body))
    return seen


def test_the_project_pages_have_no_english_left(client):
    """Signed out, so that only the layout's and the pages' own words are on them."""
    found = {}
    for path, status in [*((welsh_path(name, []), 200) for name in PROJECT_PAGES), ("/cy/no-such-page/", 404)]:
        response = client.get(path)
        assert response.status_code == status, path
        assert '<html lang="cy"' in response.content.decode()
        if words := english_words(visible_text(response.content.decode())):
            found[path] = words
    assert not found, "English left in Welsh pages:\n" + "\n".join(f"{p}: {', '.join(w)}" for p, w in found.items())


def test_the_english_words_check_can_fail(client):
    """The check finds English where there is some, and not in the switch's "English" (lang="en")."""
    english = client.get("/privacy/").content.decode()
    assert {"the", "your", "you"} <= set(english_words(visible_text(english)))
    welsh = visible_text(client.get("/cy/privacy/").content.decode())
    assert "English" not in welsh and "Cymraeg" in welsh


@pytest.mark.parametrize("name", FUZZED)
def test_every_page_is_welsh_under_cy(name, welsh_world, alice):
    """`<html lang="cy">` on every page; a redirect stays under /cy/; and no common English word is left."""
    problems = []
    for path, status, content_type, body in visit_in_welsh(name, welsh_world, alice):
        if status in (301, 302, 303) and body.startswith("/") and not body.startswith("/cy/"):
            problems.append(f"{path} redirects out of Welsh, to {body}")
        if status == 200 and content_type.startswith("text/html"):
            html = body.decode()
            if "<html" in html and '<html lang="cy"' not in html:  # a whole page, not a fragment pages poll for
                problems.append(f'{path} is not marked <html lang="cy">')
            if words := english_words(text := visible_text(html)):
                problems.append(f"{path} has English words: {', '.join(words)} – {in_context(text, words)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("template", ["errors/400.html", "errors/403.html", "errors/429.html", "errors/500.html"])
def test_the_error_pages_are_in_welsh(template, rf):
    from django.template.loader import render_to_string

    with translation.override("cy"):
        html = render_to_string(template, {"request": rf.get("/cy/rounds/")})
        without_request = render_to_string(template)  # as the 500 page is drawn
    assert '<html lang="cy"' in html
    assert not english_words(visible_text(html)), english_words(visible_text(html))
    assert 'href="/rounds/"' in html and "govuk-language-navigation" not in without_request
