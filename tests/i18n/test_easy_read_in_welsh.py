"""The participant journey in Easy Read on Welsh pages: the journey's own Easy Read words are Welsh; only the
framework's Easy Read text, written in English, is not, and it is marked lang="en"."""

import pytest
from django.utils import translation

from coreflect.reflections import services
from coreflect.reflections.models import Round, RoundStatus
from tests.i18n.text import english_words, in_context, visible_text
from tests.reflections.easy_read import joined_in_easy_read


@pytest.fixture
def easy_visitor(riverside, alice):
    return joined_in_easy_read(riverside, alice)


@pytest.mark.django_db
def test_easy_read_pages_under_cy_stay_welsh(easy_visitor):
    easy_visitor.answer("people-as-assets", ticked=["people-as-assets-1"], stage="basics", evidence="Tystiolaeth")
    Round.objects.filter(pk=easy_visitor.round.pk).update(subject_description="Gwasanaethau dydd i bobl hŷn")
    found = {}

    def welsh(name, *args, status=200, query=""):
        with translation.override("en-gb"):  # a Welsh page leaves Welsh switched on for this thread
            response = easy_visitor.client.get(f"/cy{easy_visitor.url(name, *args)}{query}")
        assert response.status_code == status, name
        page = response.content.decode()
        assert '<html lang="cy"' in page and "coreflect-easy-read" in page, name
        text = visible_text(page)
        if english_words(text):
            found[name] = in_context(text, english_words(text))
        return page

    for name in ("start", "tasks", "later", "check"):
        welsh(name)
    assert 'lang="en">Easy statement people-as-assets-1<' in welsh("check")
    assert "Cadw'r rhan hon" in welsh("principle", "people-as-assets")  # Easy Read's own button, in Welsh
    easy_visitor.client.post(easy_visitor.url("check"))
    welsh("submitted")
    welsh("resume", "not-a-token", status=404, query="?wording=easy-read")
    services.set_status(easy_visitor.round, RoundStatus.CLOSED)
    welsh("perspective", status=403)
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())
