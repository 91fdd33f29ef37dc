"""Checking a document: pasted text or a .docx, every match marked with its suggestion, a count by theme, and
nothing kept – no row, no file, nothing in the session or the logs."""

import io
import logging
import os
import zipfile

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.urls import reverse
from docx import Document

from coreflect.language import reading

SECRET_WORDS = "Kestrel strategy 2027"
TEXT = f'{SECRET_WORDS}.\n\nOur service users are very vulnerable.\nWe quote "service users" here only.\n\nBus service users.'


def docx_bytes(paragraphs, table_cells=()):
    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table_cells:
        table = document.add_table(rows=1, cols=len(table_cells))
        for cell, text in zip(table.rows[0].cells, table_cells, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(data, name="strategy.docx"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_pasted_text_comes_back_marked_with_suggestions_and_a_count_by_theme(client_for, fran):
    page = client_for(fran).post(reverse("language:check"), {"text": TEXT}).content.decode()
    assert "The lens found 2 phrases to think about." in page
    assert '<mark class="coreflect-lens__mark">service users</mark>' in page
    assert '<mark class="coreflect-lens__mark">very vulnerable</mark>' in page
    assert page.count("<mark") == 2  # not the quotation, not the bus
    assert (
        '</sup> <span class="govuk-body-s coreflect-lens__suggestion">(instead: people who draw on care and support)'
        in page
    )
    assert "Instead: people who draw on care and support" in page
    assert "In: Our service users are very vulnerable." in page
    assert 'href="#match-1"' in page and 'id="match-1"' in page
    assert "Labels that put a category before the person" in page and "Risk and protection" in page
    assert "Coreflect has not kept your document" in page
    assert "Bus service users." in page  # the text is shown whole


def test_a_word_document_is_read_with_its_tables(client_for, fran):
    data = docx_bytes(["Job description", "You will support our clients every day."], ["Duties", "Respite care"])
    page = client_for(fran).post(reverse("language:check"), {"document": upload(data)}).content.decode()
    assert "In “strategy.docx”." in page
    assert '<mark class="coreflect-lens__mark">clients</mark>' in page
    assert '<mark class="coreflect-lens__mark">Respite care</mark>' in page
    assert "The lens found 2 phrases to think about." in page


def test_a_document_with_nothing_to_point_out_says_so(client_for, fran):
    page = (
        client_for(fran)
        .post(reverse("language:check"), {"text": "People who draw on care lead this."})
        .content.decode()
    )
    assert "The lens found no phrases from the list." in page


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"PK\x03\x04 broken zip", "strategy.docx", "The document could not be read. It may be damaged"),
        (b"{\\rtf1 old word}", "strategy.docx", "The file is not a Word document (.docx)"),
        (b"plain words", "notes.txt", "The file must be a Word document (.docx)"),
        (b"\xd0\xcf\x11\xe0 an old .doc", "strategy.doc", "The file must be a Word document (.docx)"),
    ],
)
def test_a_file_that_is_not_a_good_docx_is_explained_never_a_server_error(client_for, fran, data, name, message):
    response = client_for(fran).post(reverse("language:check"), {"document": upload(data, name)})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count(message) == 2  # by the field and in the summary
    assert "govuk-error-summary" in page


def test_a_zip_that_is_not_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(reading.UnreadableDocument, match="not a Word document"):
        reading.docx_text(buffer.getvalue())


def test_a_file_over_5_mb_is_refused_without_reading_it_all(client_for, fran):
    data = b"PK" + b"0" * (reading.MAX_UPLOAD_BYTES + 10)
    page = client_for(fran).post(reverse("language:check"), {"document": upload(data)}).content.decode()
    assert page.count("The file must be smaller than 5 MB") == 2


def test_nothing_to_check_or_both_at_once_is_explained_and_the_text_is_kept(client_for, fran):
    client = client_for(fran)
    page = client.post(reverse("language:check"), {"text": "  "}).content.decode()
    assert page.count("Paste some text or choose a Word document to check") == 2
    page = client.post(
        reverse("language:check"), {"text": "My typed words", "document": upload(docx_bytes(["x"]))}
    ).content.decode()
    assert page.count("Paste some text or choose a document, not both") == 2
    assert "My typed words" in page
    page = client.post(reverse("language:check"), {"text": "x" * 200_001}).content.decode()
    assert page.count("The text must be 200,000 characters or fewer") == 2


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_nothing_of_the_document_is_kept_anywhere(client_for, fran, caplog, settings, tmp_path, monkeypatch):
    def never_on_disk(*args, **kwargs):
        raise AssertionError("the upload was about to be written to a temporary file")

    monkeypatch.setattr(TemporaryUploadedFile, "__init__", never_on_disk)
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1000  # Django's own handlers would put anything larger in a temporary file
    client = client_for(fran)
    client.get(reverse("language:check"))  # the session's first write is not the document's
    before_rows = row_counts()
    caplog.set_level(logging.DEBUG)
    big = docx_bytes([f"{SECRET_WORDS}: our service users."] + ["Ordinary words about the plan. " * 30] * 300)
    assert len(big) > settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    for data in ({"text": TEXT}, {"document": upload(big)}):
        response = client.post(reverse("language:check"), data)
        assert response.status_code == 200 and SECRET_WORDS in response.content.decode()

    assert row_counts() == before_rows
    assert not os.path.exists(settings.MEDIA_ROOT)
    session = client.session
    assert all(SECRET_WORDS not in str(value) for value in session.values())
    assert SECRET_WORDS not in caplog.text


def test_the_check_runs_a_fixed_number_of_queries(client_for, fran, django_assert_max_num_queries):
    client = client_for(fran)
    client.get(reverse("language:check"))
    long_text = "Our service users and clients. " * 2000
    with django_assert_max_num_queries(6):
        assert client.post(reverse("language:check"), {"text": long_text}).status_code == 200


def test_the_upload_limit_is_below_what_the_settings_let_through():
    assert reading.MAX_UPLOAD_BYTES <= 10 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE is None or settings.DATA_UPLOAD_MAX_MEMORY_SIZE >= 400_000


def test_on_the_welsh_page_the_suggestions_are_in_welsh(client_for, fran):
    from django.utils import translation

    with translation.override("cy"):  # and back to English afterwards: the request leaves Welsh switched on
        url = reverse("language:check")
        page = client_for(fran).post(url, {"text": "Mae ein defnyddwyr gwasanaeth yn hapus."}).content.decode()
    assert url.startswith("/cy/")
    assert '<mark class="coreflect-lens__mark">defnyddwyr gwasanaeth</mark>' in page
    assert "pobl sy’n cael gofal a chymorth" in page
