"""The round report in Welsh: asked for under /cy/, the page, the Word document and a large round's file made
in the background all come out in Welsh, with the language marked for screen readers and spelling checkers."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from coreflect.exports import report_files
from coreflect.exports.models import ReportJob
from tests.exports import report_fixtures
from tests.exports.report_fixtures import read_word, word_text
from tests.pdf import read_pdf

small_groups_round = report_fixtures.small_groups_round


@pytest.fixture(autouse=True)
def _english_again_afterwards():
    """A request under /cy/ leaves Welsh active in this thread: put English back for the tests that follow."""
    translation.deactivate()
    yield
    translation.deactivate()


def welsh(name, round_):
    with translation.override("cy"):
        return reverse(f"exports:{name}", args=[round_.pk])


def english(name, round_):
    with translation.override("en-gb"):
        return reverse(f"exports:{name}", args=[round_.pk])


@pytest.mark.django_db
def test_the_welsh_report_page_is_in_welsh(small_groups_round, client_for, bob):
    assert welsh("report", small_groups_round).startswith("/cy/")
    page = client_for(bob).get(welsh("report", small_groups_round)).content.decode()
    assert '<html lang="cy"' in page
    assert "Egwyddor wrth egwyddor" in page and "Principle by principle" not in page
    # Red, amber and green head their columns in Welsh (they once stayed in the language the server started in).
    assert ">Coch</th>" in page and ">Ambr</th>" in page and ">Gwyrdd</th>" in page
    assert ">Red</th>" not in page
    # The contributions table says "Cam gweithredu", not the Django admin's word for a bulk action.
    assert ">Cam gweithredu</th>" in page and "Gweithred<" not in page


@pytest.mark.django_db
def test_the_english_report_is_unchanged(small_groups_round, client_for, bob):
    page = client_for(bob).get(english("report", small_groups_round)).content.decode()
    assert ">Red</th>" in page and ">Action</th>" in page and "Principle by principle" in page


@pytest.mark.django_db
def test_the_welsh_word_document_is_in_welsh_and_says_so(small_groups_round, client_for, bob):
    doc = read_word(client_for(bob).get(welsh("report-word", small_groups_round)).content)
    assert doc.core_properties.language == "cy-GB"
    text = word_text(doc)
    assert "Egwyddor wrth egwyddor" in text and "Principle by principle" not in text
    in_english = read_word(client_for(bob).get(english("report-word", small_groups_round)).content)
    assert in_english.core_properties.language == "en-GB"


@pytest.mark.django_db(transaction=True)
def test_a_large_rounds_file_is_made_in_the_language_it_was_asked_in(small_groups_round, client_for, fran, monkeypatch):
    monkeypatch.setattr(report_files, "LARGE_ROUND", 10)
    client = client_for(fran)
    response = client.get(welsh("report-pdf", small_groups_round))
    job = ReportJob.objects.get(round=small_groups_round)
    assert response.status_code == 302
    translation.deactivate()  # the worker is its own process, in the default language
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    with translation.override("cy"):
        link = reverse("exports:report-job-download", args=[small_groups_round.pk, job.pk])
    words = read_pdf(client.get(link).content).words
    assert "Egwyddor wrth egwyddor" in words and "Principle by principle" not in words
